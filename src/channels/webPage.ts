import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Next, Request, Response, Server } from 'restify';
import { sendTooMany, type RateDecision } from '../http/rateLimit.js';
import { projectRoot } from '../util/projectRoot.js';

/** A Direct Line session for the page: a token bound to a new conversation and user (the token's `user` claim, which Web Chat reads), and where to use it. */
export interface PageSession {
  token: string;
  conversationId: string;
  /** Direct Line base URL the page's Web Chat talks to (the self-hosted endpoint, or Azure's). */
  domain: string;
  expires_in: number;
}

/** What the page needs from the server. */
export interface WebPageOptions {
  /** Starts a Direct Line session for one visitor of the page. */
  startSession: (req: Request) => Promise<PageSession>;
  /** The page's own words per language (title, connection failure, language-switch message), from locales/. */
  strings: Record<string, Record<string, string>>;
  /** Whether the visitor may start another session now (the per-client limit on new conversations). */
  allowSession: (req: Request) => RateDecision;
  /** Extra headers of the HTML page (Content-Security-Policy, frame options). */
  pageHeaders: Record<string, string>;
}

interface StaticFile {
  path: string;
  type: string;
  /** Seconds a browser may keep it. */
  maxAge: number;
}

/** The files of the page: our own three, and Web Chat's full bundle (Adaptive Cards included) from the installed package. */
function pageFiles(): Record<string, StaticFile> {
  const publicDir = join(projectRoot(), 'public');
  // The package exports no package.json; its CommonJS entry sits in lib/, beside dist/.
  const webChatDist = join(dirname(require.resolve('botframework-webchat')), '..', 'dist');
  return {
    '/': { path: join(publicDir, 'index.html'), type: 'text/html; charset=utf-8', maxAge: 0 },
    '/webchat/page.js': { path: join(publicDir, 'page.js'), type: 'text/javascript; charset=utf-8', maxAge: 300 },
    '/webchat/page.css': { path: join(publicDir, 'page.css'), type: 'text/css; charset=utf-8', maxAge: 300 },
    '/webchat/webchat.js': { path: join(webChatDist, 'webchat.js'), type: 'text/javascript; charset=utf-8', maxAge: 86_400 },
  };
}

/**
 * Serves the chat page at `/` (Bot Framework Web Chat from the installed package, no CDN) and
 * `POST /api/directline/token`, which gives each visitor a Direct Line token without the page ever
 * holding the Direct Line secret.
 */
export function registerWebPage(server: Server, options: WebPageOptions): void {
  const files = pageFiles();
  for (const [route, file] of Object.entries(files)) {
    if (!existsSync(file.path)) throw new Error(`registerWebPage(): missing ${file.path}`);
    const size = statSync(file.path).size;
    const headers = {
      'content-type': file.type,
      'content-length': size,
      'cache-control': file.maxAge > 0 ? `public, max-age=${file.maxAge}` : 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(file.type.startsWith('text/html') ? options.pageHeaders : {}),
    };
    server.get(route, (_req: Request, res: Response, next: Next) => {
      res.writeHead(200, headers);
      createReadStream(file.path).pipe(res);
      return next();
    });
    server.head(route, (_req: Request, res: Response, next: Next) => {
      res.writeHead(200, headers);
      res.end();
      return next();
    });
  }

  const strings = JSON.stringify(options.strings);
  const stringsHeaders = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' };
  server.get('/webchat/strings.json', (_req: Request, res: Response, next: Next) => {
    res.writeHead(200, stringsHeaders);
    res.end(strings);
    return next();
  });
  server.head('/webchat/strings.json', (_req: Request, res: Response, next: Next) => {
    res.writeHead(200, stringsHeaders);
    res.end();
    return next();
  });

  // A token only opens a new anonymous conversation, as loading this page does; another site
  // embedding the widget may ask for one when CORS_ORIGINS lists it (makeServer answers CORS).
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    const allowed = options.allowSession(req);
    if (!allowed.allowed) return sendTooMany(res, allowed.retryAfterSeconds, 'too many new chats from this address; try again later');
    try {
      res.send(200, await options.startSession(req));
    } catch (error) {
      res.send(503, { error: 'chat is not available right now', reason: (error as Error).message });
    }
  });
}
