import type { IncomingMessage } from 'node:http';
import type { Next, Request, Response, Server } from 'restify';

import { parseAllowedOrigins, type AllowedOrigins } from '../settings.js';

export { parseAllowedOrigins, type AllowedOrigins };

/** How a request's `Origin` stands: no Origin (not a browser's cross-origin call), our own page, allowed, or refused. */
export type OriginVerdict = 'absent' | 'same' | 'allowed' | 'refused';

/**
 * Judges `req`'s Origin. It is "same" when its host is the Host the request was sent to (or, with
 * `trustProxy`, X-Forwarded-Host): the scheme is not compared, since a TLS proxy makes the page
 * https and the request http.
 */
export function judgeOrigin(req: IncomingMessage, allowed: AllowedOrigins, trustProxy: boolean): OriginVerdict {
  const origin = first(req.headers.origin);
  if (origin === undefined) return 'absent';
  const host = /^https?:\/\/([^/]+)$/i.exec(origin)?.[1]?.toLowerCase();
  const ownHosts = [first(req.headers.host), trustProxy ? first(req.headers['x-forwarded-host'])?.split(',')[0].trim() : undefined];
  if (host !== undefined && ownHosts.some((own) => own !== undefined && own.toLowerCase() === host)) return 'same';
  if (allowed.kind === 'any') return 'allowed';
  if (allowed.kind === 'list' && allowed.origins.has(origin.toLowerCase())) return 'allowed';
  return 'refused';
}

/** Where cross-origin calls are possible and what they may send. */
export interface CorsOptions {
  allowed: AllowedOrigins;
  trustProxy: boolean;
  /** Whether a request path belongs to the cross-origin endpoints. */
  applies: (path: string) => boolean;
  methods: string;
  headers: string;
}

/**
 * CORS for the endpoints a widget on another site calls (the page's token endpoint and the
 * Direct Line client API), before routing: preflights are answered here (204, or 403 for an origin
 * that is not allowed); a call from an origin that is not allowed gets 403 and a short JSON error;
 * an allowed one gets `Access-Control-Allow-Origin`. Requests without Origin (servers, the
 * bot's own page loading same-origin scripts) pass untouched.
 */
export function registerCors(server: Server, options: CorsOptions): void {
  server.pre((req: Request, res: Response, next: Next) => {
    if (!options.applies(pathOf(req))) return next();
    const verdict = judgeOrigin(req, options.allowed, options.trustProxy);
    if (verdict === 'refused') {
      res.send(403, { error: 'origin not allowed', origin: first(req.headers.origin)?.slice(0, 200) });
      return next(false);
    }
    if (verdict === 'allowed') {
      res.header('Access-Control-Allow-Origin', options.allowed.kind === 'any' ? '*' : (first(req.headers.origin) as string));
      res.header('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.header('Access-Control-Allow-Methods', options.methods);
      res.header('Access-Control-Allow-Headers', options.headers);
      res.header('Access-Control-Max-Age', '600');
      res.send(204);
      return next(false);
    }
    return next();
  });
}

/** The path of a request without its query (which may carry a token), cut to 300 characters. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const end = url.search(/[?#]/);
  return (end < 0 ? url : url.slice(0, end)).slice(0, 300);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
