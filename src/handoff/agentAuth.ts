import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Storage } from 'botbuilder';
import type { Request, Response } from 'restify';
import { clientAddress } from '../http/clientAddress.js';
import { sendTooMany } from '../http/rateLimit.js';
import { isETagConflict } from '../storage/guardedStorage.js';
import { MIN_AGENT_SECRET, parseAgentAccounts, type AgentAccount } from '../settings.js';
import type { PasswordGuard } from './passwordGuard.js';

/** The cookie that carries an agent's desk session. */
export const AGENT_COOKIE = 'icp_agent';
/** Agent names: short, printable, safe in a cookie and a log line. */
export { MIN_AGENT_SECRET, parseAgentAccounts };

/** What {@link AgentAuth} needs besides the accounts. */
export interface AgentAuthOptions {
  /** Limits wrong passwords, on the sign-in form and on Basic credentials alike. */
  guard: PasswordGuard;
  /** Where live sessions are kept, so a signed-out cookie is refused on every replica and after a restart. */
  storage: Storage;
  /** Behind a proxy: the client address comes from X-Forwarded-For. */
  trustProxy?: boolean;
  now?: () => number;
}

/** Who a request is from: an agent, nobody, or a guesser who must wait. */
export type AgentIdentity = { kind: 'agent'; name: string } | { kind: 'none' } | { kind: 'refused'; retryAfterSeconds: number };

/** An agent's live sessions in the store: a cookie is valid only while its id is listed. */
interface SessionList {
  sessions: { id: string; expires: number }[];
  eTag?: string;
}

/** Most live sessions kept per agent; signing in beyond it ends the oldest. */
const MAX_SESSIONS = 20;
/** Attempts of a conditional write of a session list that other replicas keep changing. */
const WRITE_ATTEMPTS = 5;

/**
 * Who may use the agent desk and the stats endpoint. Agents sign in with HTTP Basic
 * credentials (scripts, dashboards) or a session cookie issued by the desk's login; the cookie
 * is signed with a key derived from the account list, so it survives a restart and works on
 * every replica, and changing any secret signs everyone out. A cookie is valid only while its
 * session is listed in the store (a missing list fails closed): signing out removes it there.
 * Every password checked, Basic or sign-in form, passes the {@link PasswordGuard}.
 */
export class AgentAuth {
  private readonly accounts: AgentAccount[];
  private readonly sessionKey: Buffer;
  private readonly now: () => number;

  constructor(
    spec: string,
    private readonly sessionSeconds: number,
    private readonly options: AgentAuthOptions,
  ) {
    this.accounts = parseAgentAccounts(spec);
    this.sessionKey = sha256(`icp-agent-session\u0000${spec}`);
    this.now = options.now ?? Date.now;
  }

  /** True when at least one agent account is configured. */
  get enabled(): boolean {
    return this.accounts.length > 0;
  }

  /** The agent's name when name and secret match an account. Not rate limited: requests go through {@link signIn}. */
  verify(name: string, secret: string): string | undefined {
    const given = sha256(secret);
    let found: string | undefined;
    // Compare against every account so the time taken does not tell which names exist.
    for (const account of this.accounts) {
      if (timingSafeEqual(account.digest, given) && account.name === name) found = account.name;
    }
    return found;
  }

  /** Checks a password a request gives for `name`, unless the guard refuses the guess first. */
  async signIn(req: IncomingMessage, name: string, secret: string): Promise<AgentIdentity> {
    const address = clientAddress(req, this.options.trustProxy ?? false);
    const account = name.slice(0, 64);
    const decision = await this.options.guard.admit(address, account);
    if (!decision.allowed) return { kind: 'refused', retryAfterSeconds: decision.retryAfterSeconds };
    const agent = this.verify(name, secret);
    if (!agent) {
      await this.options.guard.failed(address, account);
      return { kind: 'none' };
    }
    this.options.guard.succeeded(address, account);
    return { kind: 'agent', name: agent };
  }

  /** A new session for the cookie, listed in the store; valid until it expires or the agent signs out of it. */
  async issueSession(name: string): Promise<string> {
    const expires = this.now() + this.sessionSeconds * 1000;
    const id = randomBytes(16).toString('base64url');
    await this.updateSessions(name, (sessions) => [...sessions, { id, expires }].slice(-MAX_SESSIONS));
    const payload = `${name}.${id}.${expires}`;
    return `${payload}.${this.sign(payload)}`;
  }

  /** The Set-Cookie header value that signs `name` in (HttpOnly, SameSite=Strict, Secure over https). */
  async sessionCookie(name: string, secure: boolean): Promise<string> {
    return `${AGENT_COOKIE}=${await this.issueSession(name)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${this.sessionSeconds}${secure ? '; Secure' : ''}`;
  }

  /** The Set-Cookie header value that clears the cookie in the browser. */
  static clearedCookie(secure: boolean): string {
    return `${AGENT_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
  }

  /** Ends the session whose cookie `req` carries, in the store (no valid session: nothing to do). */
  async signOut(req: IncomingMessage): Promise<void> {
    const value = readCookie(header(req.headers, 'cookie') ?? '', AGENT_COOKIE);
    const session = value === undefined ? undefined : this.readSession(value);
    if (session === undefined) return;
    await this.updateSessions(session.name, (sessions) => sessions.filter((listed) => listed.id !== session.id));
  }

  /** The agent a request is from (Basic credentials or session cookie). */
  async identify(req: IncomingMessage): Promise<AgentIdentity> {
    const authorization = header(req.headers, 'authorization');
    if (authorization?.toLowerCase().startsWith('basic ')) {
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon < 0 ? { kind: 'none' } : this.signIn(req, decoded.slice(0, colon), decoded.slice(colon + 1));
    }
    const cookie = readCookie(header(req.headers, 'cookie') ?? '', AGENT_COOKIE);
    const name = cookie === undefined ? undefined : await this.checkSession(cookie);
    return name === undefined ? { kind: 'none' } : { kind: 'agent', name };
  }

  /** The agent named by a session value, when its signature holds, it has not expired, it is still listed in the store, and the account still exists. */
  async checkSession(value: string): Promise<string | undefined> {
    const session = this.readSession(value);
    if (session === undefined) return undefined;
    const { sessions } = await this.readSessions(session.name);
    return sessions.some((listed) => listed.id === session.id) ? session.name : undefined;
  }

  /** Name and session id of a session value whose signature holds, that has not expired and whose account exists. */
  private readSession(value: string): { name: string; id: string } | undefined {
    const parts = value.split('.');
    if (parts.length < 4) return undefined;
    const signature = parts.pop() as string;
    const payload = parts.join('.');
    const expected = this.sign(payload);
    if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return undefined;
    const expires = Number(parts.pop());
    const id = parts.pop() as string;
    const name = parts.join('.');
    if (!Number.isFinite(expires) || expires < this.now()) return undefined;
    return this.accounts.some((account) => account.name === name) ? { name, id } : undefined;
  }

  /**
   * Restify guard: resolves the agent's name, or answers and resolves undefined: 429 with
   * Retry-After for a guess the {@link PasswordGuard} refuses, 401 (with a Basic challenge when
   * asked for it) without an agent, 503 when the sign-outs cannot be read.
   */
  async require(req: Request, res: Response, options: { challenge?: boolean } = {}): Promise<string | undefined> {
    let identity: AgentIdentity;
    try {
      identity = await this.identify(req);
    } catch {
      res.send(503, { error: 'cannot check the session now' });
      return undefined;
    }
    if (identity.kind === 'agent') return identity.name;
    if (identity.kind === 'refused') {
      sendTooMany(res, identity.retryAfterSeconds, 'too many wrong passwords; try again later');
      return undefined;
    }
    if (options.challenge) res.header('WWW-Authenticate', 'Basic realm="ICP agent desk", charset="UTF-8"');
    res.send(401, { error: 'agent credentials required' });
    return undefined;
  }

  private async readSessions(name: string): Promise<SessionList> {
    const key = sessionsKey(name);
    return ((await this.options.storage.read([key]))[key] as SessionList | undefined) ?? { sessions: [] };
  }

  /** Changes an agent's session list with a conditional write (expired sessions dropped), again when another replica got there first. */
  private async updateSessions(name: string, change: (sessions: SessionList['sessions']) => SessionList['sessions']): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const list = await this.readSessions(name);
      const now = this.now();
      const sessions = change(list.sessions.filter((session) => session.expires >= now));
      try {
        // A missing list is written with '*': the only unconditional write, when it is new.
        await this.options.storage.write({ [sessionsKey(name)]: { sessions, eTag: list.eTag ?? '*' } });
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.sessionKey).update(payload).digest('base64url');
  }
}

/** Storage key of an agent's live sessions. */
function sessionsKey(name: string): string {
  return `handoff/agent-sessions/${name}`;
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
