import type { Next, Request, Response, Server } from 'restify';
import { requestUrl } from '../../http/requestUrl.js';
import { sendError } from './errors.js';
import { DIRECT_LINE_PATH } from './urls.js';

const CLIENT_PATH = `${DIRECT_LINE_PATH}/`;
const CONNECTOR_PATH = `${DIRECT_LINE_PATH}/connector/`;
const UPLOAD_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/[^/]+/upload$`);

/** Whether `path` is one of the client API's (what Web Chat calls), not the bot's connector routes. */
export function isClientPath(path: string): boolean {
  return path.startsWith(CLIENT_PATH) && !path.startsWith(CONNECTOR_PATH);
}

/**
 * What is handled before routing and body parsing (makeServer marks bodiless requests for every
 * route, and answers CORS for the client API from the origins it is configured with): file
 * uploads, refused with 415 before restify would parse (and store) a multipart body.
 */
export function registerPreHandlers(server: Server): void {
  server.pre((req: Request, res: Response, next: Next) => {
    const path = requestUrl(req).pathname;
    if (!isClientPath(path)) return next();
    if (req.method === 'POST' && UPLOAD_PATH.test(path)) {
      sendError(res, 415, 'NotSupported', 'file upload is not supported by this endpoint');
      return next(false);
    }
    return next();
  });
}
