import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { refuseUpgrade } from '../../http/refuseUpgrade.js';
import { requestUrl } from '../../http/requestUrl.js';
import type { ActivitySet } from './conversation.js';
import type { DirectLineConversation as Conversation, DirectLineConversations, LiveUpdate } from './conversations.js';
import type { DirectLineErrorCode } from './errors.js';
import type { DirectLineLog } from './log.js';
import type { TokenSigner } from './tokens.js';
import { DIRECT_LINE_PATH } from './urls.js';
import { parseWatermark } from './watermark.js';

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`);
/** Seconds between pings; a socket that has not answered the previous ping by then is dropped. */
const PING_INTERVAL_MS = 30_000;
/** A client this far behind (bytes queued) is dropped rather than buffered without end; it reconnects with its watermark. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How long a closing socket may take to answer the close frame when the server stops. */
const CLOSE_GRACE_MS = 1000;
/** A WebSocket handshake key: 16 bytes in base64 (RFC 6455, 4.1). */
const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;

/**
 * The WebSocket side of Direct Line: `GET …/conversations/:id/stream?watermark=&t=<stream token>`
 * upgraded on the HTTP server. On connect the activities after the watermark go out as one
 * `{ activities, watermark }` message, then one message per new activity. Clients' own messages
 * (directlinejs sends empty ones to keep the socket alive) are ignored.
 *
 * Each socket remembers the watermark it has sent up to. A live activity numbered just after it
 * goes out; one numbered at or below it is dropped (a duplicate); one further on means the socket
 * missed some (published while this replica's subscriber was away), so it reads the transcript
 * after its watermark instead. Sockets thus get every activity once, in order, from any replica.
 */
export class StreamEndpoint {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  /** Open sockets, and whether each has answered the last ping. */
  private readonly sockets = new Map<WebSocket, boolean>();
  private pingTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: DirectLineConversations,
    private readonly signer: TokenSigner,
    private readonly log: DirectLineLog,
  ) {}

  /**
   * Takes the upgrade requests of `server` and starts pinging. With an `upgrade` listener Node hands
   * every request that asks for an upgrade to the listeners, whatever its path, so those that are
   * not a Direct Line stream are refused here too: left alone, their sockets would stay open for good.
   */
  attach(server: HttpServer): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    this.pingTimer = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pingTimer.unref();
  }

  /** Closes every socket (1001, going away) and stops pinging. */
  close(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    for (const ws of this.sockets.keys()) closeSoon(ws, 1001, 'server stopping');
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, code: DirectLineErrorCode, message: string, headers?: Record<string, string>) =>
      refuseUpgrade(req, socket, status, { error: { code, message } }, headers);
    const url = requestUrl(req);
    if (!url.pathname.startsWith(`${DIRECT_LINE_PATH}/`)) {
      refuseUpgrade(req, socket, 400, { error: 'this server upgrades only Direct Line streams to WebSocket' });
      return;
    }
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(404, 'NotFound', 'not found');
    // The handshake is checked here, so that every refusal is the same short JSON (ws would answer in plain text).
    if (req.method !== 'GET') return refuse(405, 'BadArgument', 'a WebSocket handshake is a GET', { Allow: 'GET' });
    if (req.headers.upgrade?.toLowerCase() !== 'websocket') return refuse(400, 'BadArgument', 'only an upgrade to websocket is offered');
    if (!WEBSOCKET_KEY.test(req.headers['sec-websocket-key'] ?? '')) return refuse(400, 'BadArgument', 'missing or malformed Sec-WebSocket-Key');
    if (!['8', '13'].includes(req.headers['sec-websocket-version'] ?? '')) return refuse(400, 'BadArgument', 'unsupported Sec-WebSocket-Version', { 'Sec-WebSocket-Version': '13, 8' });
    const conversationId = decodeSegment(match[1]);
    if (conversationId === undefined) return refuse(400, 'BadArgument', 'malformed conversation id');
    const token = url.searchParams.get('t');
    if (!token) return refuse(401, 'Unauthorized', 'the stream URL needs its t parameter');
    const check = this.signer.check(token, 'stream');
    if (!check.valid) return refuse(403, 'Forbidden', check.reason === 'expired' ? 'the stream URL has expired' : 'the stream token is not valid');
    if (check.claims.conversationId !== conversationId) return refuse(403, 'Forbidden', 'the stream token is for another conversation');
    const watermark = parseWatermark(url.searchParams.get('watermark'));
    if (!watermark.valid) return refuse(400, 'BadArgument', 'watermark must be an integer');
    Promise.resolve(this.store.get(conversationId)).then(
      (conversation) => {
        if (!conversation) return refuse(404, 'NotFound', 'no such conversation (it may have expired)');
        this.wss.handleUpgrade(req, socket, head, (ws) => void this.serve(ws, conversation, watermark.value));
      },
      (error: Error) => {
        this.log('warn', `Direct Line stream of ${conversationId}: ${error.message}`);
        refuse(503, 'ServiceError', 'conversations are unavailable for a moment; try again', { 'Retry-After': '2' });
      },
    );
  }

  private async serve(ws: WebSocket, conversation: Conversation, watermark: number | undefined): Promise<void> {
    /** The watermark of the last activity this socket was sent (or the client had). */
    let sentUpTo = watermark ?? -1;
    let closed = false;
    let unsubscribe: () => void = () => undefined;
    const send = (set: ActivitySet) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return ws.terminate();
      ws.send(JSON.stringify(set));
    };
    const catchUp = async () => {
      const set = await conversation.activitiesAfter(sentUpTo);
      const upTo = set.watermark === undefined ? -1 : Number(set.watermark);
      if (upTo <= sentUpTo) return;
      if (set.activities.length > 0) send(set);
      sentUpTo = upTo;
    };
    const take = async (update: LiveUpdate) => {
      if (update === 'resync') return catchUp();
      const seq = Number(update.watermark);
      if (seq <= sentUpTo) return;
      if (seq > sentUpTo + 1) return catchUp();
      send(update);
      sentUpTo = seq;
    };
    // Live activities wait behind the backlog, one at a time, so none overtakes another.
    let opened!: () => void;
    let chain: Promise<void> = new Promise<void>((resolve) => (opened = resolve)).then(catchUp);
    const queue = (update: LiveUpdate) => {
      chain = chain.then(() => take(update)).catch((error: Error) => {
        this.log('warn', `Direct Line stream of ${conversation.id}: ${error.message}; closing it, the client reconnects with its watermark`);
        closeSoon(ws, 1011, 'try again');
      });
    };
    const stopWatchingEnd = conversation.onEnd(() => closeSoon(ws, 1000, 'conversation ended'));
    this.sockets.set(ws, true);
    ws.on('pong', () => this.sockets.set(ws, true));
    ws.on('error', (error) => this.log('warn', `Direct Line stream of ${conversation.id}: ${error.message}`));
    ws.on('close', () => {
      closed = true;
      unsubscribe();
      stopWatchingEnd();
      this.sockets.delete(ws);
    });
    try {
      unsubscribe = await conversation.subscribe(queue);
    } catch (error) {
      this.log('warn', `Direct Line stream of ${conversation.id}: ${(error as Error).message}`);
      closeSoon(ws, 1011, 'try again');
      return;
    }
    if (closed) unsubscribe();
    chain = chain.catch((error: Error) => {
      this.log('warn', `Direct Line stream of ${conversation.id}: ${error.message}`);
      closeSoon(ws, 1011, 'try again');
    });
    opened();
  }

  private ping(): void {
    for (const [ws, answered] of this.sockets) {
      if (!answered) {
        ws.terminate();
        continue;
      }
      this.sockets.set(ws, false);
      ws.ping();
    }
  }
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Sends a close frame, and drops the connection if the client does not answer it soon. */
function closeSoon(ws: WebSocket, code: number, reason: string): void {
  ws.close(code, reason);
  setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
}
