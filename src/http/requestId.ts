import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { currentScope, withinScope } from '../util/asyncScope.js';

/** An id a proxy may hand us (nginx's $request_id, a load balancer's trace id): short and printable. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Ids of this process: a random prefix and a counter, so two processes (replicas) do not share ids. */
const PROCESS_PREFIX = randomBytes(4).toString('hex');
let counter = 0;

/**
 * The id of a request: the proxy's `X-Request-Id` when the proxy is trusted and the value is short
 * and printable, otherwise a new one of this process (16 hex digits).
 */
export function requestIdFor(req: IncomingMessage, trustProxy: boolean): string {
  const given = req.headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  if (trustProxy && value !== undefined && FORWARDED_ID.test(value)) return value;
  counter = (counter + 1) % 0x1_0000_0000;
  return `${PROCESS_PREFIX}${counter.toString(16).padStart(8, '0')}`;
}

/**
 * Runs `work` with `requestId` as the current request: everything it starts (promises, timers,
 * the bot turn a Direct Line post queues) logs with that id.
 */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return withinScope({ requestId }, work);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return currentScope()?.requestId;
}
