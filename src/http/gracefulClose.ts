import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';

/** What stops an HTTP server gracefully; from {@link trackForGracefulClose}. */
export interface GracefulClose {
  /**
   * Stops taking connections, closes the idle keep-alive ones, and has every answer not yet sent
   * (and every request still arriving on an open connection) go out with `Connection: close`, so
   * each connection ends after its answer. Resolves once the last connection has closed.
   */
  close(): Promise<void>;
}

/**
 * Follows `server`'s answers in flight from now on, so that {@link GracefulClose.close} can let them
 * finish. `server.close()` alone only stops new connections: keep-alive connections busy at that
 * moment go on taking requests after their answer, and the server never finishes closing.
 */
export function trackForGracefulClose(server: HttpServer): GracefulClose {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  // Once an answer is done its connection may be idle (its headers went out before the close began): close it then.
  const closeIdleSoon = () => setImmediate(() => server.closeIdleConnections());
  const lastAnswer = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
    res.once('finish', closeIdleSoon);
  };
  // Before restify's own listener, so that an answer it sends at once already carries the header.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) return lastAnswer(res);
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const res of inFlight) lastAnswer(res);
        inFlight.clear();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
