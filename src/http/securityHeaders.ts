import type { Next, Request, Response, Server } from 'restify';

import { parseFrameAncestors, type FrameAncestors } from '../settings.js';

export { parseFrameAncestors, type FrameAncestors };

/**
 * The headers of the chat page (HTML):
 * - a Content-Security-Policy that lets Web Chat run from this server and nothing else: scripts,
 *   fetches and the Direct Line WebSocket only from the page's own origin (`'self'` covers ws/wss
 *   of the same host), no plugins, no `<base>`, no form posts; inline styles are allowed because
 *   Web Chat (emotion) and Adaptive Cards style their elements at run time;
 * - `frame-ancestors` and `X-Frame-Options` from {@link FrameAncestors} (X-Frame-Options can only
 *   say DENY or SAMEORIGIN, so it is left out for a list or any; CSP wins in every current browser).
 */
export function pageSecurityHeaders(frames: FrameAncestors): Record<string, string> {
  const ancestors =
    frames.kind === 'none' ? "'none'" : frames.kind === 'self' ? "'self'" : frames.kind === 'any' ? '*' : ["'self'", ...frames.origins].join(' ');
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
  return {
    'content-security-policy': policy,
    ...(frames.kind === 'none' ? { 'x-frame-options': 'DENY' } : frames.kind === 'self' ? { 'x-frame-options': 'SAMEORIGIN' } : {}),
    'cross-origin-opener-policy': 'same-origin',
  };
}

/**
 * Headers on every response: no MIME sniffing (a JSON error that echoes what a client sent can
 * never be read as HTML or script), no Referer to other sites, and the request id. Registered
 * before routing, so 404s and refusals carry them too.
 */
export function registerBaselineHeaders(server: Server): void {
  server.pre((_req: Request, res: Response, next: Next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    return next();
  });
}
