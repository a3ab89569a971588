import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { DirectLineConversation as Conversation, DirectLineConversations } from './conversations.js';
import { sendError } from './errors.js';
import type { DirectLineLog } from './log.js';
import { guarded, param, readBody } from './requests.js';
import type { DirectLineService } from './service.js';
import { DIRECT_LINE_PATH } from './urls.js';

const BotActivity = z.looseObject({ type: z.string().min(1).max(64) });

export interface ConnectorRouteDeps {
  service: DirectLineService;
  store: DirectLineConversations;
  log: DirectLineLog;
}

/**
 * The Bot Connector routes the bot's ConnectorClient calls at its serviceUrl
 * (`/v3/directline/connector/<key>`): send, reply, update and delete activities, list members.
 * A wrong key is answered as an unknown path (404).
 */
export function registerConnectorRoutes(server: Server, deps: ConnectorRouteDeps): void {
  const { service, log } = deps;
  const base = `${DIRECT_LINE_PATH}/connector/:key/v3/conversations/:conversationId`;

  const post = guarded('connector send', log, async (req, res) => {
    const conversation = await conversationFor(req, res, deps);
    if (!conversation) return;
    const body = readBody(req, BotActivity, true);
    if (!body.ok) return sendError(res, body.status, body.code, body.message);
    res.send(200, { id: await service.receiveFromBot(conversation, body.value, param(req, 'activityId')) });
  });
  server.post(`${base}/activities`, post);
  server.post(`${base}/activities/:activityId`, post);

  server.put(`${base}/activities/:activityId`, guarded('connector update', log, async (req, res) => {
    const conversation = await conversationFor(req, res, deps);
    if (!conversation) return;
    const body = readBody(req, BotActivity, true);
    if (!body.ok) return sendError(res, body.status, body.code, body.message);
    const activityId = param(req, 'activityId') ?? '';
    if (!(await service.updateFromBot(conversation, activityId, body.value))) return sendError(res, 404, 'NotFound', 'no such activity');
    res.send(200, { id: activityId });
  }));

  server.del(`${base}/activities/:activityId`, guarded('connector delete', log, async (req, res) => {
    const conversation = await conversationFor(req, res, deps);
    if (!conversation) return;
    if (!(await service.deleteFromBot(conversation, param(req, 'activityId') ?? ''))) return sendError(res, 404, 'NotFound', 'no such activity');
    res.send(200);
  }));

  server.get(`${base}/members`, guarded('connector members', log, async (req, res) => {
    const conversation = await conversationFor(req, res, deps);
    if (!conversation) return;
    res.send(200, service.members(conversation));
  }));
}

/** The conversation of a connector call with the right key; otherwise answers 404 and returns undefined. */
async function conversationFor(req: Request, res: Response, deps: ConnectorRouteDeps): Promise<Conversation | undefined> {
  const key = Buffer.from(param(req, 'key') ?? '');
  const expected = Buffer.from(deps.service.connectorKey);
  if (key.length !== expected.length || !timingSafeEqual(key, expected)) return void sendError(res, 404, 'NotFound', 'not found');
  const conversation = await deps.store.get(param(req, 'conversationId') ?? '');
  if (!conversation) return void sendError(res, 404, 'NotFound', 'no such conversation (it may have expired)');
  return conversation;
}
