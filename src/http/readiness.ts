import type { Request, Response, Server } from 'restify';
import type { Logger } from '../log.js';

/** Longest a readiness check may take before the instance counts as not ready. */
const CHECK_TIMEOUT_MS = 3000;
/** What a 503 suggests to wait before asking again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * `GET /readyz` (and HEAD): 200 `{ status: 'ready' }` when `check` resolves in time, otherwise 503
 * `{ status: 'not ready', store: 'unavailable' }` with `Retry-After`, so a load balancer stops
 * sending turns to an instance that cannot save them. `/healthz` stays the liveness check: a
 * process whose store is down is alive and recovers by itself. Why the check failed goes to the
 * log (once per change), not to the caller.
 */
export function registerReadiness(server: Server, check: () => Promise<void>, log: Logger): void {
  let wasReady = true;
  const answer = async (req: Request, res: Response) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([check(), timedOut]);
      if (!wasReady) log('info', 'readiness: the store answers again');
      wasReady = true;
      res.send(200, req.method === 'HEAD' ? undefined : { status: 'ready' });
    } catch (error) {
      if (wasReady) log('warn', `readiness: not ready, the store cannot be used: ${(error as Error).message}`);
      wasReady = false;
      res.header('Retry-After', String(RETRY_AFTER_SECONDS));
      res.send(503, req.method === 'HEAD' ? undefined : { status: 'not ready', store: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  };
  server.get('/readyz', answer);
  server.head('/readyz', answer);
}
