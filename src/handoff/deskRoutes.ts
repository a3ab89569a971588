import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Next, Request, Response, Server } from 'restify';
import { z } from 'zod';
import { sendTooMany } from '../http/rateLimit.js';
import { requireJson } from '../http/requireJson.js';
import { isCrossSite, isHttps } from '../http/sameOrigin.js';
import type { Logger } from '../log.js';
import { beforeClose } from '../util/beforeClose.js';
import { projectRoot } from '../util/projectRoot.js';
import { AgentAuth } from './agentAuth.js';
import { DeskError, type AgentDesk, type DeskChange } from './desk.js';
import type { DeskNotice } from './deskNotice.js';
import type { DeskCase } from './types.js';

/** What the desk's routes need. */
export interface AgentDeskRouteDependencies {
  desk: AgentDesk;
  /** Tells the user's conversation what the agent did, in a proactive turn of the bot. */
  notifier: { notify(deskCase: DeskCase, notice: DeskNotice): Promise<void> };
  auth: AgentAuth;
  log: Logger;
  /** Behind a proxy: X-Forwarded-Proto tells whether the cookie must be Secure, X-Forwarded-Host what the desk's own origin is. */
  trustProxy: boolean;
  /** The desk page's words per language, from locales/<language>/desk.json. */
  strings: Record<string, unknown>;
}

/** Longest message an agent can send in one go. */
export const MAX_AGENT_TEXT = 4000;
/** How often an idle event stream gets a comment line, so proxies keep it open. */
const HEARTBEAT_MS = 15_000;

const Login = z.strictObject({ name: z.string().min(1).max(64), password: z.string().min(1).max(512) });
const AgentMessage = z.strictObject({ text: z.string().max(MAX_AGENT_TEXT) });

const HTTP_STATUS: Record<DeskError['code'], number> = { 'not-found': 404, claimed: 409, 'not-yours': 403, closed: 409, busy: 503 };

/** The desk page's headers: its own scripts and styles only, no framing. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The built-in agent desk: the page at `/agent` and its API under `/agent/api/`. Every API call
 * but login needs an agent (session cookie or Basic credentials). Agents see the open cases, claim
 * one (one agent per case), write to the user (delivered by a proactive turn of the bot) and end
 * it, after which the bot takes the conversation back. `GET /agent/api/events` streams changes as
 * server-sent events, so screens update without reloading.
 */
export function registerAgentDesk(server: Server, deps: AgentDeskRouteDependencies): void {
  const { desk, notifier, auth, log } = deps;
  const files = deskFiles();

  for (const [route, file] of Object.entries(files)) {
    server.get(route, (_req: Request, res: Response, next: Next) => {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length, ...PAGE_HEADERS });
      res.end(file.body);
      return next();
    });
  }

  // Every state-changing call first: a page of another site must not act with the agent's cookie (SameSite alone is not enough).
  const sameSiteOnly = (req: Request, res: Response): boolean => {
    if (!isCrossSite(req, deps.trustProxy)) return true;
    res.send(403, { error: 'cross-site request refused' });
    return false;
  };

  const strings = JSON.stringify(deps.strings);
  server.get('/agent/strings.json', (_req: Request, res: Response, next: Next) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(strings);
    return next();
  });

  server.post('/agent/api/login', async (req: Request, res: Response) => {
    if (!sameSiteOnly(req, res)) return;
    if (!requireJson(req, res)) return;
    const parsed = Login.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'name and password are required' });
      return;
    }
    await answer(res, log, async () => {
      const identity = await auth.signIn(req, parsed.data.name, parsed.data.password);
      if (identity.kind === 'refused') {
        sendTooMany(res, identity.retryAfterSeconds, 'too many sign-in attempts; try again later');
        return undefined;
      }
      if (identity.kind === 'none') {
        log('warn', `agent desk: failed sign-in for ${JSON.stringify(parsed.data.name.slice(0, 64))}`);
        return [401, { error: 'wrong name or password' }];
      }
      res.header('Set-Cookie', await auth.sessionCookie(identity.name, isHttps(req, deps.trustProxy)));
      return { name: identity.name };
    });
  });

  server.post('/agent/api/logout', async (req: Request, res: Response) => {
    if (!sameSiteOnly(req, res)) return;
    try {
      await auth.signOut(req);
    } catch (error) {
      log('error', `agent desk: cannot end the session: ${(error as Error).message}`);
      res.send(503, { error: 'cannot sign out now; try again' });
      return;
    }
    res.header('Set-Cookie', AgentAuth.clearedCookie(isHttps(req, deps.trustProxy)));
    res.send(204);
  });

  server.get('/agent/api/me', async (req: Request, res: Response) => {
    const agent = await auth.require(req, res);
    if (agent) res.send(200, { name: agent });
  });

  server.get('/agent/api/cases', async (req: Request, res: Response) => {
    const agent = await auth.require(req, res);
    if (!agent) return;
    await answer(res, log, async () => {
      const open = await desk.list();
      let place = 0;
      return {
        cases: open.map((c) => ({
          id: c.id,
          status: c.status,
          agent: c.agent,
          mine: c.agent === agent,
          reason: c.caseFile.reason,
          language: c.caseFile.language,
          channelId: c.caseFile.channelId,
          userName: c.caseFile.userName,
          createdAt: c.createdAt,
          position: c.status === 'waiting' ? ++place : undefined,
          preview: previewOf(c),
        })),
      };
    });
  });

  server.get('/agent/api/cases/:id', async (req: Request, res: Response) => {
    const agent = await auth.require(req, res);
    if (!agent) return;
    await answer(res, log, async () => {
      const found = await desk.get(String(req.params.id));
      if (!found) throw new DeskError('not-found', 'no such case');
      return { case: forAgent(found, agent) };
    });
  });

  server.post('/agent/api/cases/:id/claim', async (req: Request, res: Response) => {
    if (!sameSiteOnly(req, res)) return;
    const agent = await auth.require(req, res);
    if (!agent) return;
    await answer(res, log, async () => {
      const claimed = await desk.claim(String(req.params.id), agent);
      const delivered = await tell(notifier, claimed, { kind: 'claimed', caseId: claimed.id, agent }, log);
      return { case: forAgent(claimed, agent), delivered };
    });
  });

  server.post('/agent/api/cases/:id/messages', async (req: Request, res: Response) => {
    if (!sameSiteOnly(req, res)) return;
    const agent = await auth.require(req, res);
    if (!agent) return;
    if (!requireJson(req, res)) return;
    const parsed = AgentMessage.safeParse(req.body);
    const text = parsed.success ? parsed.data.text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim() : '';
    if (!text) {
      res.send(400, { error: `text is required (1-${MAX_AGENT_TEXT} characters)` });
      return;
    }
    await answer(res, log, async () => {
      const updated = await desk.addMessage(String(req.params.id), { from: 'agent', agent, text, at: new Date().toISOString() });
      const delivered = await tell(notifier, updated, { kind: 'agentMessage', caseId: updated.id, agent, text }, log);
      // The message is kept in the case either way; the agent is told when the user could not be reached.
      if (!delivered) return [502, { error: 'saved, but the user could not be reached', delivered }];
      return { delivered };
    });
  });

  server.post('/agent/api/cases/:id/end', async (req: Request, res: Response) => {
    if (!sameSiteOnly(req, res)) return;
    const agent = await auth.require(req, res);
    if (!agent) return;
    await answer(res, log, async () => {
      const ended = await desk.end(String(req.params.id), 'agent', agent);
      const delivered = await tell(notifier, ended, { kind: 'ended', caseId: ended.id, agent }, log);
      return { case: forAgent(ended, agent), delivered };
    });
  });

  const streams = new Set<Response>();
  server.get('/agent/api/events', async (req: Request, res: Response) => {
    const agent = await auth.require(req, res);
    if (!agent) return;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    const onChange = (change: DeskChange) => res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    streams.add(res);
    desk.on('change', onChange);
    const stop = () => {
      clearInterval(heartbeat);
      desk.off('change', onChange);
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  });
  // Open event streams would keep the server from closing on shutdown.
  beforeClose(server.server, () => {
    for (const res of streams) res.end();
  });
}

interface DeskFile {
  type: string;
  body: Buffer;
}

/** The desk page's files, read once. */
function deskFiles(): Record<string, DeskFile> {
  const dir = join(projectRoot(), 'public', 'agent');
  const files: Record<string, [string, string]> = {
    '/agent': ['index.html', 'text/html; charset=utf-8'],
    '/agent/desk.js': ['desk.js', 'text/javascript; charset=utf-8'],
    '/agent/desk.css': ['desk.css', 'text/css; charset=utf-8'],
    '/agent/markdown-it.js': ['markdown-it.min.js', 'text/javascript; charset=utf-8'],
  };
  // The Markdown engine Web Chat renders the user's messages with (the version it pins), so transcripts look as the user saw them.
  const markdownIt = join(dirname(require.resolve('markdown-it/package.json')), 'dist', 'markdown-it.min.js');
  return Object.fromEntries(
    Object.entries(files).map(([route, [name, type]]) => {
      const path = route === '/agent/markdown-it.js' ? markdownIt : join(dir, name);
      if (!existsSync(path)) throw new Error(`registerAgentDesk(): missing ${path}`);
      return [route, { type, body: readFileSync(path) }];
    }),
  );
}

/** A case as an agent sees it: everything but the channel address of the user's conversation. */
function forAgent(deskCase: DeskCase, agent: string) {
  const { reference: _reference, ...rest } = deskCase;
  return { ...rest, mine: deskCase.agent === agent };
}

/**
 * What the queue shows of a case: the user's own question, else the last thing they wrote to the
 * person; never their request for one ("Yes, connect me", "转人工").
 */
function previewOf(deskCase: DeskCase): string | undefined {
  const written = deskCase.messages.filter((line) => line.from === 'user').at(-1)?.text;
  return (deskCase.caseFile.question ?? written)?.slice(0, 200);
}

/** Tells the user's conversation; resolves false (and logs) when it cannot be reached. */
async function tell(notifier: AgentDeskRouteDependencies['notifier'], deskCase: DeskCase, notice: DeskNotice, log: Logger): Promise<boolean> {
  try {
    await notifier.notify(deskCase, notice);
    return true;
  } catch (error) {
    log('warn', `agent desk: could not reach the conversation of case ${deskCase.id}: ${(error as Error).message}`);
    return false;
  }
}

/** Sends what `work` resolves (200, or [status, body]; undefined: `work` answered itself); desk errors become their status, anything else 500. */
async function answer(res: Response, log: Logger, work: () => Promise<unknown>): Promise<void> {
  try {
    const result = await work();
    if (result === undefined) return;
    if (Array.isArray(result)) res.send(result[0] as number, result[1]);
    else res.send(200, result);
  } catch (error) {
    if (error instanceof DeskError) {
      res.send(HTTP_STATUS[error.code], { error: error.message });
      return;
    }
    log('error', `agent desk: ${(error as Error).message}`);
    res.send(500, { error: 'the desk failed; try again' });
  }
}
