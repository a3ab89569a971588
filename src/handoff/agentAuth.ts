import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';

/** The cookie that carries an agent's desk session. */
export const AGENT_COOKIE = 'icp_agent';
/** Agent names: short, printable, safe in a cookie and a log line. */
const NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** Shortest secret accepted for an agent account. */
export const MIN_AGENT_SECRET = 12;

interface AgentAccount {
  name: string;
  /** SHA-256 of the secret, so comparisons take the same time whatever the guess. */
  digest: Buffer;
}

/**
 * Parses `AGENT_ACCOUNTS` (`name:secret,name:secret`); throws naming the first bad account.
 * An empty string means no accounts: every agent request is refused.
 */
export function parseAgentAccounts(spec: string): AgentAccount[] {
  const accounts: AgentAccount[] = [];
  for (const item of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
    const colon = item.indexOf(':');
    const name = colon < 0 ? item : item.slice(0, colon);
    const secret = colon < 0 ? '' : item.slice(colon + 1);
    if (!NAME.test(name)) throw new Error(`parseAgentAccounts(): account name "${name.slice(0, 64)}" must be 1-64 letters, digits, dots, dashes or underscores`);
    if (secret.length < MIN_AGENT_SECRET) throw new Error(`parseAgentAccounts(): the secret of "${name}" must be at least ${MIN_AGENT_SECRET} characters`);
    if (accounts.some((account) => account.name === name)) throw new Error(`parseAgentAccounts(): account "${name}" is listed twice`);
    accounts.push({ name, digest: sha256(secret) });
  }
  return accounts;
}

/**
 * Who may use the agent desk and the stats endpoint. Agents sign in with HTTP Basic
 * credentials (scripts, dashboards) or a session cookie issued by the desk's login; the cookie
 * is signed with a key derived from the account list, so it survives a restart and works on
 * every replica, and changing any secret signs everyone out.
 */
export class AgentAuth {
  private readonly accounts: AgentAccount[];
  private readonly sessionKey: Buffer;

  constructor(
    spec: string,
    private readonly sessionSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.accounts = parseAgentAccounts(spec);
    this.sessionKey = sha256(`icp-agent-session\u0000${spec}`);
  }

  /** True when at least one agent account is configured. */
  get enabled(): boolean {
    return this.accounts.length > 0;
  }

  /** The agent's name when name and secret match an account. */
  verify(name: string, secret: string): string | undefined {
    const given = sha256(secret);
    let found: string | undefined;
    // Compare against every account so the time taken does not tell which names exist.
    for (const account of this.accounts) {
      if (timingSafeEqual(account.digest, given) && account.name === name) found = account.name;
    }
    return found;
  }

  /** A signed session value for the cookie. */
  issueSession(name: string): string {
    const expires = this.now() + this.sessionSeconds * 1000;
    const payload = `${name}.${expires}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** The Set-Cookie header value that signs `name` in (HttpOnly, SameSite=Strict). */
  sessionCookie(name: string, secure: boolean): string {
    return `${AGENT_COOKIE}=${this.issueSession(name)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${this.sessionSeconds}${secure ? '; Secure' : ''}`;
  }

  /** The Set-Cookie header value that signs out. */
  static clearedCookie(): string {
    return `${AGENT_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  /** The agent a request is from (Basic credentials or session cookie), or undefined. */
  identify(headers: Record<string, string | string[] | undefined>): string | undefined {
    const authorization = header(headers, 'authorization');
    if (authorization?.toLowerCase().startsWith('basic ')) {
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon < 0 ? undefined : this.verify(decoded.slice(0, colon), decoded.slice(colon + 1));
    }
    const cookie = readCookie(header(headers, 'cookie') ?? '', AGENT_COOKIE);
    return cookie === undefined ? undefined : this.checkSession(cookie);
  }

  /** The agent named by a session value, when its signature holds, it has not expired and the account still exists. */
  checkSession(value: string): string | undefined {
    const parts = value.split('.');
    if (parts.length < 3) return undefined;
    const signature = parts.pop() as string;
    const payload = parts.join('.');
    const expected = this.sign(payload);
    if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return undefined;
    const expires = Number(parts.pop());
    const name = parts.join('.');
    if (!Number.isFinite(expires) || expires < this.now()) return undefined;
    return this.accounts.some((account) => account.name === name) ? name : undefined;
  }

  /**
   * Restify guard: answers 401 (with a Basic challenge when asked for it) and resolves undefined
   * unless the request comes from an agent, whose name it resolves.
   */
  require(req: Request, res: Response, options: { challenge?: boolean } = {}): string | undefined {
    const agent = this.identify(req.headers);
    if (agent) return agent;
    if (options.challenge) res.header('WWW-Authenticate', 'Basic realm="ICP agent desk", charset="UTF-8"');
    res.send(401, { error: 'agent credentials required' });
    return undefined;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.sessionKey).update(payload).digest('base64url');
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** One cookie's value from a Cookie header. */
export function readCookie(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
