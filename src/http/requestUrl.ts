import type { IncomingMessage } from 'node:http';

/**
 * The URL of a request, parsed without ever throwing. An origin-form target ("/path?query", also
 * "//x" and "///") is read as a path on this host, as restify's router reads it; anything else
 * ("*", an absolute URL) is resolved against this host, and a target that cannot be parsed reads as "/".
 * `new URL(req.url, base)` alone throws on "//" and turns "//host/x" into another host.
 */
export function requestUrl(req: Pick<IncomingMessage, 'url'>): URL {
  const target = req.url ?? '/';
  try {
    return target.startsWith('/') ? new URL(`http://localhost${target}`) : new URL(target, 'http://localhost');
  } catch {
    return new URL('http://localhost/');
  }
}

/**
 * Whether the Host header can be part of a URL. restify builds each request's URL from it, and
 * throws on one that cannot (`Host: [`), so such a request is refused before routing.
 */
export function hostIsUsable(req: Pick<IncomingMessage, 'headers'>): boolean {
  const host = req.headers.host;
  if (host === undefined || host === '') return true;
  try {
    new URL(`http://${host}/`);
    return true;
  } catch {
    return false;
  }
}
