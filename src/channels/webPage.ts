import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Next, Request, Response, Server } from 'restify';
import { sendTooMany, type RateDecision } from '../http/rateLimit.js';
import { CompressedFile, defaultPrecompressedDir, serveCompressed } from '../http/staticFiles.js';
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
  allowSession: (req: Request) => RateDecision | Promise<RateDecision>;
  /** Extra headers of the HTML page (Content-Security-Policy, frame options). */
  pageHeaders: Record<string, string>;
  /** Where the build left the precompressed files; absent: `dist/static`. */
  precompressedDir?: string;
}

/** The page's own files and Web Chat's bundle: the name they are served under in `/webchat/`, where they are, their type. */
interface PageFile {
  name: string;
  path: string;
  type: string;
}

/** The files of the page: our own two, and Web Chat's full bundle (Adaptive Cards included) from the installed package. */
function pageFiles(): PageFile[] {
  const publicDir = join(projectRoot(), 'public');
  // The package exports no package.json; its CommonJS entry sits in lib/, beside dist/.
  const webChatDist = join(dirname(require.resolve('botframework-webchat')), '..', 'dist');
  return [
    { name: 'webchat.js', path: join(webChatDist, 'webchat.js'), type: 'text/javascript; charset=utf-8' },
    { name: 'page.js', path: join(publicDir, 'page.js'), type: 'text/javascript; charset=utf-8' },
    { name: 'page.css', path: join(publicDir, 'page.css'), type: 'text/css; charset=utf-8' },
  ];
}

/** Every static file the server sends compressed, for the build to precompress. */
export function staticFilePaths(): string[] {
  return pageFiles().map((file) => file.path);
}

/** The icon of the chat page and the desk. */
function favicon(): CompressedFile {
  const path = join(projectRoot(), 'public', 'favicon.ico');
  if (!existsSync(path)) throw new Error(`registerWebPage(): missing ${path}`);
  return new CompressedFile({ body: readFileSync(path), type: 'image/x-icon' });
}

/**
 * Serves the chat page at `/` (Bot Framework Web Chat from the installed package, no CDN) and
 * `POST /api/directline/token`, which gives each visitor a Direct Line token without the page ever
 * holding the Direct Line secret. The page's files are sent compressed (brotli or gzip, as the
 * browser accepts; precompressed by the build, else made once on first use) under paths that name
 * their content's hash (`/webchat/<hash>/webchat.js`), which browsers may keep for a year; the
 * unversioned paths (`/webchat/webchat.js`, for sites embedding the widget) are revalidated by ETag.
 */
export function registerWebPage(server: Server, options: WebPageOptions): void {
  const precompressed = options.precompressedDir ?? defaultPrecompressedDir();
  let html = readFileSync(join(projectRoot(), 'public', 'index.html'), 'utf8');
  for (const file of pageFiles()) {
    if (!existsSync(file.path)) throw new Error(`registerWebPage(): missing ${file.path}`);
    const compressed = new CompressedFile({ body: readFileSync(file.path), type: file.type }, precompressed);
    const versioned = `/webchat/${compressed.hash}/${file.name}`;
    serveCompressed(server, `/webchat/${file.name}`, compressed, 'revalidate');
    serveCompressed(server, versioned, compressed, 'versioned');
    html = html.replaceAll(`"/webchat/${file.name}"`, `"${versioned}"`);
  }
  // Made here from index.html with the versioned links: no build file has its hash.
  const page = new CompressedFile({ body: Buffer.from(html, 'utf8'), type: 'text/html; charset=utf-8' });
  serveCompressed(server, '/', page, 'revalidate', options.pageHeaders);
  serveCompressed(server, '/favicon.ico', favicon(), 'revalidate');

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
    const allowed = await options.allowSession(req);
    if (!allowed.allowed) return sendTooMany(res, allowed.retryAfterSeconds, 'too many new chats from this address; try again later');
    try {
      res.send(200, await options.startSession(req));
    } catch (error) {
      res.send(503, { error: 'chat is not available right now', reason: (error as Error).message });
    }
  });
}
