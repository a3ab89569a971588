import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Next, Request, Response, Server } from 'restify';
import type { Logger } from '../log.js';
import { clientAddress } from './clientAddress.js';
import { parseAllowedOrigins, pathOf, registerCors } from './cors.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './jsonDepth.js';
import { inProcessRateLimits, type RateLimit, type RateLimitMaker } from './rateLimit.js';
import { registerClientLimit } from './clientLimit.js';
import { requestIdFor, withRequestId } from './requestId.js';
import { hostIsUsable } from './requestUrl.js';
import { pageSecurityHeaders, parseFrameAncestors, registerBaselineHeaders } from './securityHeaders.js';

/** The server's defences that come from configuration (docs/security.md lists them with their settings). */
export interface SecurityOptions {
  /** Take the client's address from X-Forwarded-For and the request id from X-Request-Id. */
  trustProxy: boolean;
  /** `CORS_ORIGINS`: other sites that may call the cross-origin endpoints. */
  corsOrigins: string;
  /** `FRAME_ANCESTORS`: who may frame the chat page. */
  frameAncestors: string;
  /** Activities a conversation may send a minute. */
  activitiesPerMinute: number;
  /** New conversations a client address may open a minute. */
  conversationsPerMinute: number;
  /** Requests a client address may make a minute, on every endpoint but the health probes. */
  requestsPerMinute: number;
}

/** What the routes need from the defences. */
export interface Hardening {
  /** Activities per conversation. */
  activities: RateLimit;
  /** New conversations per client address. */
  conversations: RateLimit;
  /** Requests per client address; `/api/messages` takes from it in its route, for callers without a channel token. */
  requests: RateLimit;
  /** The rate-limit key of a request's client. */
  clientKey: (req: Request) => string;
  /** Headers of the chat page (CSP, frame options). */
  pageHeaders: Record<string, string>;
  /** Registers what runs after the body is parsed: the nesting limit, and the request id for everything the handler starts. */
  afterBodyParser: () => void;
}

/** Longest message a client error carries. */
const MAX_ERROR_MESSAGE = 160;

/**
 * Makes a restify error (404, 405, 413, 415 …) answer `{ code, message }` with a message that does
 * not repeat the request: a 404 names no path (it may be kilobytes of whatever a client sent), and
 * other messages are cut short. Call it from the server's `restifyError` handler.
 */
export function tidyClientError(error: Error & { statusCode?: number; body?: { code?: unknown } }): void {
  if ((error.statusCode ?? 500) >= 500) return;
  const code = typeof error.body?.code === 'string' ? error.body.code : error.name.replace(/Error$/, '');
  const message = error.name === 'ResourceNotFoundError' ? 'no such resource' : error.message.slice(0, MAX_ERROR_MESSAGE);
  Object.defineProperty(error, 'toJSON', { value: () => ({ code, message }), configurable: true });
}

/**
 * restify's JSON formatter, except that an error answer (4xx, 5xx) has every string cut to
 * {@link MAX_ERROR_MESSAGE} characters: whatever a route puts in its error (a `reason` that quotes
 * the input, say), the answer stays a short JSON error and does not echo kilobytes of the request.
 */
export function formatJson(_req: Request, res: Response, body: unknown): string {
  const value = res.statusCode >= 400 ? shortStrings(toPlain(body), 0) : body;
  const data = JSON.stringify(value) ?? 'null';
  res.setHeader('Content-Length', Buffer.byteLength(data));
  return data;
}

function toPlain(body: unknown): unknown {
  const withToJson = body as { toJSON?: () => unknown } | null;
  return typeof withToJson?.toJSON === 'function' ? withToJson.toJSON() : body;
}

function shortStrings(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_ERROR_MESSAGE ? `${value.slice(0, MAX_ERROR_MESSAGE)}…` : value;
  if (typeof value !== 'object' || value === null || depth > 4) return value;
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => shortStrings(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shortStrings(item, depth + 1)]));
}

/**
 * Requests Node's HTTP parser cannot read (headers over 16 KB, a broken request line) get a short
 * JSON error with the baseline headers, like every other answer, instead of Node's bare one.
 */
function answerMalformedRequests(server: Server): void {
  server.server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify({ error: STATUS_CODES[status]?.toLowerCase() ?? 'bad request' });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\r\n${body}`,
    );
  });
}

/**
 * Registers the defences that run before routing: a request id per request (response header
 * `X-Request-Id`, and on every log line written while the request and its turn are handled),
 * baseline headers on every response, an access log line per request (debug), and CORS for the
 * paths `crossOrigin` accepts. Call {@link Hardening.afterBodyParser} right after the body parser.
 * The rate limits count in this process, or, with `makeLimit` from `sharedRateLimits`, in
 * Redis for every replica.
 */
export function registerHardening(
  server: Server,
  options: SecurityOptions,
  log: Logger,
  crossOrigin: (path: string) => boolean,
  makeLimit: RateLimitMaker = inProcessRateLimits,
): Hardening {
  const requestIds = new WeakMap<Request, string>();
  server.pre((req: Request, res: Response, next: Next) => {
    const requestId = requestIdFor(req, options.trustProxy);
    requestIds.set(req, requestId);
    res.header('X-Request-Id', requestId);
    if (!hostIsUsable(req)) {
      res.header('X-Content-Type-Options', 'nosniff');
      res.send(400, { error: 'bad Host header' });
      return next(false);
    }
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      withRequestId(requestId, () => log('debug', 'request', { method: req.method, path: pathOf(req), status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
    });
    return next();
  });
  registerBaselineHeaders(server);
  answerMalformedRequests(server);
  const requests = makeLimit('requests', options.requestsPerMinute);
  const clientKey = (req: Request) => clientAddress(req, options.trustProxy);
  registerClientLimit(server, { limit: requests, clientKey, countedByRoute: (path) => path === '/api/messages' });
  registerCors(server, {
    allowed: parseAllowedOrigins(options.corsOrigins),
    trustProxy: options.trustProxy,
    applies: crossOrigin,
    methods: 'GET, POST, OPTIONS',
    headers: 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with',
  });

  return {
    activities: makeLimit('activities', options.activitiesPerMinute),
    conversations: makeLimit('conversations', options.conversationsPerMinute),
    requests,
    clientKey,
    pageHeaders: pageSecurityHeaders(parseFrameAncestors(options.frameAncestors)),
    afterBodyParser: () => {
      server.use((req: Request, res: Response, next: Next) => {
        if (nestedDeeperThan(req.body, MAX_JSON_DEPTH)) {
          res.send(400, { error: 'invalid body', reason: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
          return next(false);
        }
        // The handler, and every promise and timer it starts (a queued bot turn too), runs with this request's id.
        return withRequestId(requestIds.get(req) ?? requestIdFor(req, false), () => next());
      });
    },
  };
}
