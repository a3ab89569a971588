import type { Server as HttpServer } from 'node:http';

/**
 * Runs `stop` as soon as `server.close()` is called. The 'close' event is too late: an open
 * stream (a WebSocket, server-sent events) keeps the server from closing, so it would only come
 * once every stream had gone.
 */
export function beforeClose(server: HttpServer, stop: () => void): void {
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    stop();
    return close(callback);
  };
  server.once('close', stop);
}
