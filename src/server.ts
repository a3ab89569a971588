import type { Activity, ActivityHandler } from 'botbuilder';
import { fromChannelToken, isInvalidCredentials, type IcpAdapter } from './channels/adapter.js';
import * as restify from 'restify';
import { z } from 'zod';
import { isClientPath, registerDirectLine, type DirectLineEndpoint, type DirectLineOptions, type SharedConversations } from './channels/directLine/index.js';
import { registerWebPage } from './channels/webPage.js';
import { decodeContentEncoding } from './http/contentEncoding.js';
import { formatJson, registerHardening, tidyClientError, type SecurityOptions } from './http/hardening.js';
import { LanguageTag } from './http/languageTag.js';
import { registerReadiness } from './http/readiness.js';
import { sendTooMany, type RateLimitMaker } from './http/rateLimit.js';
import { requireJson } from './http/requireJson.js';
import type { Logger } from './log.js';
import { RepliesUndeliveredError } from './turn/outbox.js';
import { assess, Profile } from './rules/index.js';

/** What the HTTP server serves. */
export interface ServerDependencies {
  adapter: IcpAdapter;
  bot: ActivityHandler;
  /** Largest request body in bytes; larger ones get 413. */
  maxBodyBytes: number;
  /** Extra facts for /healthz (entry counts and the like). */
  health: () => Record<string, unknown>;
  /** Whether the instance can serve turns now (its store answers), for /readyz; rejects saying why not. Absent: always ready. */
  ready?: () => Promise<void>;
  log: Logger;
  /** Rate limits, CORS origins, frame options (docs/security.md). */
  security: SecurityOptions;
  /** The chat page's own words per language, from locales/. */
  pageStrings: Record<string, Record<string, string>>;
  /** The self-hosted Direct Line endpoint (`/v3/directline/…`) for Web Chat without Azure; absent: not served. */
  directLine?: DirectLineOptions;
  /** Direct Line conversations and rate limits shared with other replicas (Redis); absent: this process only. */
  shared?: { conversations: SharedConversations; rateLimits: RateLimitMaker };
  /** Where the build left the page's precompressed files; absent: `dist/static`. */
  precompressedDir?: string;
}

/** The least an activity must have before the adapter sees it; anything else is a 400, not a 500. */
const IncomingActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(256).optional(),
  text: z.string().optional(),
  locale: LanguageTag.optional(),
  serviceUrl: z.string().max(2048).optional(),
  channelId: z.string().max(256).optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }).optional(),
  from: z.looseObject({ id: z.string().max(1024) }).optional(),
  recipient: z.looseObject({ id: z.string().max(1024) }).optional(),
  attachments: z.array(z.unknown()).optional(),
  membersAdded: z.array(z.looseObject({ id: z.string() })).optional(),
});

/**
 * Builds the restify server without listening, so tests can start it on a free port:
 * `POST /api/messages` for the Bot Framework, `POST /api/assess`, `GET /healthz` (alive), `GET /readyz`
 * (the store answers), and with Direct
 * Line the chat page at `/` with its token endpoint. Returns the Direct Line endpoint too, through
 * which proactive turns reach its conversations.
 */
export function makeServer(deps: ServerDependencies): { server: restify.Server; directLine?: DirectLineEndpoint } {
  // Error answers are short JSON whatever a route puts in them (formatJson cuts long strings).
  const server = restify.createServer({ name: 'icp-filing-assistant', handleUncaughtExceptions: false, formatters: { 'application/json': formatJson } });
  // No Content-Length and no Transfer-Encoding means no body (RFC 9112, 6.3), but restify's bodyParser
  // refuses such a request without a content type with 415 (a CORS preflight, the ConnectorClient's DELETE).
  server.pre((req, _res, next) => {
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) req.headers['content-length'] = '0';
    return next();
  });
  const hardening = registerHardening(server, deps.security, deps.log, (path) => path === '/api/directline/token' || isClientPath(path), deps.shared?.rateLimits);
  server.use(decodeContentEncoding(deps.maxBodyBytes));
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, rejectUnknown: true }));
  hardening.afterBodyParser();

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...deps.health() });
    return next();
  });
  // Load balancers may check with HEAD.
  server.head('/healthz', (_req, res, next) => {
    res.send(200);
    return next();
  });

  registerReadiness(server, deps.ready ?? (async () => undefined), deps.log);

  server.post('/api/messages', async (req, res) => {
    // The Bot Framework always posts JSON; a form or text body is a client error, not an activity.
    if (!requireJson(req, res)) return;
    const parsed = IncomingActivity.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      res.send(400, { error: 'invalid activity', field: issue.path.join('.') || '(body)', reason: issue.message });
      return;
    }
    const activity = req.body as Activity;
    let authentication;
    try {
      authentication = await deps.adapter.authenticate(activity, req.header('authorization') ?? '');
    } catch (error) {
      // A bad token is the caller's fault (401); failing to fetch the signing keys is ours (503).
      const invalid = isInvalidCredentials(error);
      if (invalid) await hardening.requests.take(hardening.clientKey(req));
      else deps.log('error', `POST /api/messages: cannot check credentials: ${(error as Error).message}`);
      res.send(invalid ? 401 : 503, { error: invalid ? 'unauthorized' : 'cannot verify credentials now' });
      return;
    }
    // A channel's users all arrive from its few addresses, so only callers without a channel token count per address.
    if (!fromChannelToken(authentication)) {
      const perClient = await hardening.requests.take(hardening.clientKey(req));
      if (!perClient.allowed) {
        sendTooMany(res, perClient.retryAfterSeconds, 'too many requests from this address; slow down');
        return;
      }
    }
    // Counted after authentication, so nobody can use up a real conversation's allowance with forged posts.
    const allowed = await hardening.activities.take(`${activity.channelId ?? ''}:${activity.conversation?.id ?? ''}`);
    if (!allowed.allowed) {
      sendTooMany(res, allowed.retryAfterSeconds, 'too many activities in this conversation; slow down');
      return;
    }
    try {
      const invokeResponse = await deps.adapter.runAuthenticated(authentication, activity, (context) => deps.bot.run(context));
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      deps.log('error', `POST /api/messages: ${(error as Error).message}`);
      // The turn itself worked (its state is saved); the channel behind serviceUrl did not take the replies.
      const undelivered = error instanceof RepliesUndeliveredError;
      if (!res.headersSent) res.send(undelivered ? 502 : 500, { error: undelivered ? 'the channel did not take the replies' : 'the turn failed' });
    }
  });

  server.post('/api/assess', (req, res, next) => {
    if (!requireJson(req, res)) return next();
    // No body is the empty profile; a body of JSON null is not a profile.
    const parsed = Profile.safeParse(req.body === undefined ? {} : req.body);
    if (!parsed.success) {
      res.send(400, { error: 'invalid profile', ...describeIssue(parsed.error.issues[0]) });
      return next();
    }
    res.send(200, assess(parsed.data));
    return next();
  });

  let directLine: DirectLineEndpoint | undefined;
  if (deps.directLine) {
    const limits = { conversationsPerClient: hardening.conversations, activitiesPerConversation: hardening.activities, clientKey: hardening.clientKey };
    const endpoint = registerDirectLine(server, deps.directLine, { adapter: deps.adapter, bot: deps.bot, log: deps.log, limits, ...(deps.shared ? { shared: deps.shared.conversations } : {}) });
    directLine = endpoint;
    registerWebPage(server, {
      startSession: async (req) => ({ ...endpoint.generateUserToken(), domain: endpoint.domain(req) }),
      strings: deps.pageStrings,
      allowSession: (req) => hardening.conversations.take(hardening.clientKey(req)),
      pageHeaders: hardening.pageHeaders,
      precompressedDir: deps.precompressedDir,
    });
  }

  server.on('restifyError', (req: restify.Request, res: restify.Response, error: Error & { statusCode?: number }, callback: () => void) => {
    if ((error.statusCode ?? 500) >= 500) deps.log('error', `${req.method} ${req.url}: ${error.message}`);
    tidyClientError(error);
    return callback();
  });
  return { server, directLine };
}

/** The first problem of a zod validation as `{ field, reason }`, naming an unknown field itself. */
function describeIssue(issue: z.core.$ZodIssue): { field: string; reason: string } {
  if (issue.code === 'unrecognized_keys') {
    return { field: [...issue.path, issue.keys[0]].join('.'), reason: 'unknown field' };
  }
  return { field: issue.path.join('.') || '(body)', reason: issue.message };
}
