import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Next, Request, Response, Server } from 'restify';
import { projectRoot } from '../util/projectRoot.js';

/** A Direct Line session for the page: a token bound to a new conversation, and where to use it. */
export interface PageSession {
  token: string;
  conversationId: string;
  userId: string;
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
    server.get(route, (_req: Request, res: Response, next: Next) => {
      res.writeHead(200, {
        'content-type': file.type,
        'content-length': size,
        'cache-control': file.maxAge > 0 ? `public, max-age=${file.maxAge}` : 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      createReadStream(file.path).pipe(res);
      return next();
    });
  }

  const strings = JSON.stringify(options.strings);
  server.get('/webchat/strings.json', (_req: Request, res: Response, next: Next) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' });
    res.end(strings);
    return next();
  });

  // Another site embedding the widget asks for its token from its own origin; a token only opens a
  // new anonymous conversation, as loading this page does.
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type' };
  server.opts('/api/directline/token', (_req: Request, res: Response, next: Next) => {
    res.writeHead(204, cors);
    res.end();
    return next();
  });
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.set(cors);
    try {
      res.send(200, await options.startSession(req));
    } catch (error) {
      res.send(503, { error: 'chat is not available right now', reason: (error as Error).message });
    }
  });
}
