import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Path prefix of every Direct Line route. */
export const DIRECT_LINE_PATH = '/v3/directline';

/** A host name or address with an optional port, and nothing that could smuggle more into a URL. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** Scheme and host the client used to reach us, as it must use them again (the stream URL). */
export interface Origin {
  secure: boolean;
  host: string;
}

/**
 * The origin of a request: its Host header and whether the connection is TLS, or, with
 * `trustProxy`, what X-Forwarded-Proto and X-Forwarded-Host say. A missing or odd host falls
 * back to `fallbackHost`.
 */
export function requestOrigin(req: IncomingMessage, trustProxy: boolean, fallbackHost: string): Origin {
  const forwardedProto = trustProxy ? firstValue(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const forwardedHost = trustProxy ? firstValue(req.headers['x-forwarded-host']) : undefined;
  const secure = forwardedProto === 'https' || forwardedProto === 'wss' || (forwardedProto === undefined && (req.socket as TLSSocket).encrypted === true);
  const host = [forwardedHost, req.headers.host].find((candidate) => candidate !== undefined && HOST.test(candidate)) ?? fallbackHost;
  return { secure, host };
}

/** The WebSocket URL of a conversation's stream. */
export function streamUrl(origin: Origin, conversationId: string, streamToken: string, watermark: string | undefined): string {
  const query = new URLSearchParams({ ...(watermark !== undefined ? { watermark } : {}), t: streamToken });
  return `${origin.secure ? 'wss' : 'ws'}://${origin.host}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream?${query}`;
}

/**
 * `host:port` at which this process reaches its own HTTP server: loopback when it listens on every
 * interface, else the address it listens on. The bot's connector calls go there, never through
 * whatever host a client used.
 */
export function ownHost(server: HttpServer): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('registerDirectLine(): the server must listen on a TCP port');
  const unspecified = address.address === '0.0.0.0' || address.address === '::';
  const ip = unspecified ? '127.0.0.1' : address.address;
  return `${ip.includes(':') ? `[${ip}]` : ip}:${address.port}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(',')[0].trim();
  return first ? first : undefined;
}
