import type { Next, Request, Response, Server } from 'restify';
import { sendError } from './errors.js';
import { DIRECT_LINE_PATH } from './urls.js';

const CLIENT_PATH = `${DIRECT_LINE_PATH}/`;
const CONNECTOR_PATH = `${DIRECT_LINE_PATH}/connector/`;
const UPLOAD_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/[^/]+/upload$`);

/**
 * What is handled before routing and body parsing (makeServer marks bodiless requests for every route):
 * - CORS for the client API, so Web Chat on another origin can call it: any origin may, since
 *   every call carries its credential in the Authorization header, never in a cookie;
 * - file uploads, refused with 415 before restify would parse (and store) a multipart body.
 */
export function registerPreHandlers(server: Server): void {
  server.pre((req: Request, res: Response, next: Next) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(CLIENT_PATH) || path.startsWith(CONNECTOR_PATH)) return next();
    res.header('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
      res.header('Access-Control-Max-Age', '600');
      res.send(204);
      return next(false);
    }
    if (req.method === 'POST' && UPLOAD_PATH.test(path)) {
      sendError(res, 415, 'NotSupported', 'file upload is not supported by this endpoint');
      return next(false);
    }
    return next();
  });
}
