import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Whether the client reached us over https: a TLS socket, or, with `trustProxy`, the proxy's
 * X-Forwarded-Proto.
 */
export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  const forwarded = trustProxy ? first(req.headers['x-forwarded-proto'])?.split(',')[0].trim().toLowerCase() : undefined;
  if (forwarded) return forwarded === 'https';
  return (req.socket as TLSSocket).encrypted === true;
}

/**
 * Whether a request comes from a page of another site (cross-site request forgery): its `Origin`,
 * or without one its `Referer`, names another host (or `null`, an opaque origin). Requests with
 * neither (scripts, curl) are not a browser's forged request and pass. The host is compared with
 * the Host header, or with `trustProxy` X-Forwarded-Host; the scheme only when the request's own
 * is known to be https, since without TRUST_PROXY a TLS proxy's requests arrive as http.
 */
export function isCrossSite(req: IncomingMessage, trustProxy: boolean): boolean {
  const claimed = first(req.headers.origin) ?? originOfUrl(first(req.headers.referer));
  if (claimed === undefined) return false;
  let url: URL;
  try {
    url = new URL(claimed);
  } catch {
    return true;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return true;
  if (isHttps(req, trustProxy) && url.protocol !== 'https:') return true;
  const forwardedHost = trustProxy ? first(req.headers['x-forwarded-host'])?.split(',')[0].trim() : undefined;
  const ownHost = (forwardedHost || first(req.headers.host) || '').toLowerCase();
  return url.host.toLowerCase() !== ownHost;
}

/** The origin part of a Referer, or a value that fails to parse as one when it is not a URL. */
function originOfUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return 'null';
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
