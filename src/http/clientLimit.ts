import type { Next, Request, Response, Server } from 'restify';
import { pathOf } from './cors.js';
import { sendTooMany, type RateLimit } from './rateLimit.js';

/** Paths load balancers probe: never limited, so that visitors sharing the probe's address cannot get the instance taken out of service. */
const PROBES = new Set(['/healthz', '/readyz']);

/** What {@link registerClientLimit} needs. */
export interface ClientLimitOptions {
  /** Requests per client address. */
  limit: RateLimit;
  /** The rate-limit key of a request's client (its address, as TRUST_PROXY says). */
  clientKey: (req: Request) => string;
  /**
   * Paths whose route takes from the limit itself once it knows who is calling (`/api/messages`
   * counts only callers without a channel token): here a client already over the limit is refused
   * before its body is read, and nothing is taken.
   */
  countedByRoute: (path: string) => boolean;
}

/**
 * Limits the requests of each client address on every endpoint but the health probes, before
 * routing and body parsing: over the limit a request gets 429 with `Retry-After`.
 */
export function registerClientLimit(server: Server, options: ClientLimitOptions): void {
  server.pre((req: Request, res: Response, next: Next) => {
    const path = pathOf(req);
    if (PROBES.has(path)) return next();
    const key = options.clientKey(req);
    const decision = options.countedByRoute(path) ? options.limit.peek(key) : options.limit.take(key);
    Promise.resolve(decision).then(
      (answer) => {
        if (answer.allowed) return next();
        sendTooMany(res, answer.retryAfterSeconds, 'too many requests from this address; slow down');
        return next(false);
      },
      (error: Error) => next(error),
    );
  });
}
