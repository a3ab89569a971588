import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Authentication, DirectLineAuth, Principal } from './auth.js';
import type { DirectLineConversation as Conversation, DirectLineConversations } from './conversations.js';
import { LanguageTag } from '../../http/languageTag.js';
import { sendTooMany } from '../../http/rateLimit.js';
import { sendError } from './errors.js';
import type { DirectLineLimits } from './limits.js';
import type { DirectLineLog } from './log.js';
import { guarded, param, query, readBody } from './requests.js';
import type { DirectLineService } from './service.js';
import { DIRECT_LINE_PATH, requestOrigin, type Origin } from './urls.js';
import { parseWatermark } from './watermark.js';

/** How long `POST …/activities` waits for the bot's turn before answering anyway (Azure's Direct Line waits 15 s). */
const TURN_WAIT_MS = 15_000;

const User = z.looseObject({ id: z.string().min(1).max(256).optional(), name: z.string().max(256).optional() });
const GenerateBody = z.looseObject({ user: User.optional() });
const StartBody = z.looseObject({ user: User.optional(), locale: LanguageTag.optional() });
const ClientActivity = z.looseObject({
  type: z.string().min(1).max(64),
  text: z.string().optional(),
  locale: LanguageTag.optional(),
  from: z.looseObject({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
  attachments: z.array(z.unknown()).optional(),
});

export interface ClientRouteDeps {
  service: DirectLineService;
  store: DirectLineConversations;
  auth: DirectLineAuth;
  trustProxy: boolean;
  /** `host:port` of this server, used when a request has no usable Host header. */
  ownHost: () => string;
  log: DirectLineLog;
  /** Rate limits; absent: none. */
  limits?: DirectLineLimits;
  /** Largest activity a client may post, in bytes of JSON. */
  maxActivityBytes: number;
}

/** The Direct Line 3.0 REST API that clients (Web Chat, directlinejs) call. */
export function registerClientRoutes(server: Server, deps: ClientRouteDeps): void {
  const { service, auth, log } = deps;
  const origin = (req: Request): Origin => requestOrigin(req, deps.trustProxy, deps.ownHost());
  const P = DIRECT_LINE_PATH;

  server.post(`${P}/tokens/generate`, guarded('tokens/generate', log, async (req, res) => {
    const who = auth.authenticate(req.headers.authorization);
    if (!who.ok) return refuse(res, who);
    if (who.principal.kind === 'token' && auth.closed) return sendError(res, 403, 'Forbidden', 'tokens/generate needs the secret, not a token');
    const body = readBody(req, GenerateBody, false);
    if (!body.ok) return sendError(res, body.status, body.code, body.message);
    // A token is a new conversation: on an open endpoint anyone may ask, so each client is limited.
    if (who.principal.kind !== 'secret' && !(await allowNewConversation(req, res, deps))) return;
    const grant = service.generateToken(body.value.user);
    res.send(200, { conversationId: grant.conversationId, token: grant.token, expires_in: grant.expires_in });
  }));

  server.post(`${P}/tokens/refresh`, guarded('tokens/refresh', log, async (req, res) => {
    const who = auth.authenticate(req.headers.authorization);
    if (!who.ok) return refuse(res, who);
    if (who.principal.kind === 'anonymous') return sendError(res, 401, 'Unauthorized', 'tokens/refresh needs a token');
    if (who.principal.kind === 'secret') return sendError(res, 403, 'Forbidden', 'tokens/refresh needs a token, not the secret');
    res.send(200, service.refreshToken(who.principal.claims));
  }));

  server.post(`${P}/conversations`, guarded('POST conversations', log, async (req, res) => {
    const who = auth.authenticate(req.headers.authorization);
    if (!who.ok) return refuse(res, who);
    const body = readBody(req, StartBody, false);
    if (!body.ok) return sendError(res, body.status, body.code, body.message);
    // A token's conversation was counted when the token was made; the secret's holder is not limited.
    if (who.principal.kind === 'anonymous' && !(await allowNewConversation(req, res, deps))) return;
    const started = await service.startConversation(who.principal, body.value, origin(req));
    if ('full' in started) {
      log('warn', 'Direct Line: the conversation limit is reached; refusing a new conversation', { retryAfterSeconds: started.retryAfterSeconds });
      res.header('Retry-After', String(started.retryAfterSeconds));
      return sendError(res, 503, 'ServiceError', 'too many conversations are open; try again later');
    }
    res.send(started.created ? 201 : 200, started.grant);
  }));

  server.get(`${P}/conversations/:conversationId`, guarded('GET conversation', log, async (req, res) => {
    const conversation = await conversationFor(req, res, deps);
    if (!conversation) return;
    const watermark = parseWatermark(query(req, 'watermark'));
    if (!watermark.valid) return sendError(res, 400, 'BadArgument', 'watermark must be an integer');
    res.send(200, service.grant(conversation.conversation, origin(req), watermark.value === undefined ? undefined : String(watermark.value)));
  }));

  server.get(`${P}/conversations/:conversationId/activities`, guarded('GET activities', log, async (req, res) => {
    const conversation = await conversationFor(req, res, deps);
    if (!conversation) return;
    const watermark = parseWatermark(query(req, 'watermark'));
    if (!watermark.valid) return sendError(res, 400, 'BadArgument', 'watermark must be an integer');
    res.send(200, await conversation.conversation.activitiesAfter(watermark.value));
  }));

  server.post(`${P}/conversations/:conversationId/activities`, guarded('POST activities', log, async (req, res) => {
    const conversation = await conversationFor(req, res, deps);
    if (!conversation) return;
    const body = readBody(req, ClientActivity, true);
    if (!body.ok) return sendError(res, body.status, body.code, body.message);
    if (Buffer.byteLength(JSON.stringify(body.value)) > deps.maxActivityBytes) {
      return sendError(res, 413, 'BadArgument', `the activity is larger than ${deps.maxActivityBytes} bytes`);
    }
    const allowed = await deps.limits?.activitiesPerConversation.take(`directline:${conversation.conversation.id}`);
    if (allowed && !allowed.allowed) return sendTooMany(res, allowed.retryAfterSeconds, 'too many activities in this conversation; slow down', directLineError);
    const { id, turn } = await service.receiveFromClient(conversation.conversation, conversation.principal, body.value);
    const outcome = await settleWithin(turn, TURN_WAIT_MS);
    if (outcome === 'pending') {
      turn.catch((error: unknown) => log('error', `Direct Line: activity ${id}: ${(error as Error).message}`));
    } else if (outcome !== 'done') {
      log('error', `Direct Line: activity ${id}: ${outcome.message}`);
      return sendError(res, 502, 'BotError', 'the bot could not handle the activity');
    }
    res.send(200, { id });
  }));
}

/** The conversation a request names, when its credentials allow it; otherwise answers 401/403/404 and returns undefined. */
async function conversationFor(req: Request, res: Response, deps: ClientRouteDeps): Promise<{ conversation: Conversation; principal: Principal } | undefined> {
  const who = deps.auth.authenticate(req.headers.authorization);
  if (!who.ok) return void refuse(res, who);
  const conversationId = param(req, 'conversationId') ?? '';
  const conversation = await deps.store.get(conversationId);
  const access = deps.auth.mayAccess(who.principal, conversationId, conversation?.ownerKey);
  if (!access.ok) return void refuse(res, access);
  if (!conversation) return void sendError(res, 404, 'NotFound', 'no such conversation (it may have expired)');
  return { conversation, principal: who.principal };
}

/** Takes a new conversation from the client's allowance; answers 429 and returns false when it is used up. */
async function allowNewConversation(req: Request, res: Response, deps: ClientRouteDeps): Promise<boolean> {
  if (!deps.limits) return true;
  const decision = await deps.limits.conversationsPerClient.take(deps.limits.clientKey(req));
  if (decision.allowed) return true;
  sendTooMany(res, decision.retryAfterSeconds, 'too many new conversations from this address; try again later', directLineError);
  return false;
}

/** Direct Line's error shape for a 429. */
function directLineError(message: string): unknown {
  return { error: { code: 'TooManyRequests', message } };
}

function refuse(res: Response, refusal: Extract<Authentication, { ok: false }>): void {
  sendError(res, refusal.status, refusal.status === 401 ? 'Unauthorized' : 'Forbidden', refusal.message);
}

/** `'done'` when `promise` resolves within `ms`, its error when it rejects, `'pending'` when it takes longer. */
async function settleWithin(promise: Promise<void>, ms: number): Promise<'done' | 'pending' | Error> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), ms);
  });
  try {
    return await Promise.race([promise.then((): 'done' => 'done', (error: unknown) => (error instanceof Error ? error : new Error(String(error)))), pending]);
  } finally {
    clearTimeout(timer);
  }
}
