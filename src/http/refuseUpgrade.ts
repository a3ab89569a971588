import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a refused upgrade's connection may stay open for the client to read the answer and close its side. */
const LINGER_MS = 2000;

/**
 * Answers an upgrade request (which Node hands to the `upgrade` listeners as a bare socket, outside
 * restify) with a plain HTTP error as JSON, with the headers every other answer has, and makes sure
 * the socket goes away: what the client still sends is read and dropped so its close is seen, and
 * the socket is destroyed once both sides are done or after a short grace. A socket error never
 * goes unhandled.
 */
export function refuseUpgrade(req: IncomingMessage, socket: Duplex, status: number, body: unknown, headers: Record<string, string> = {}): void {
  socket.on('error', () => socket.destroy());
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const text = JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'X-Content-Type-Options: nosniff',
    'Referrer-Policy: no-referrer',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.resume();
  socket.end(`${lines.join('\r\n')}\r\n\r\n${req.method === 'HEAD' ? '' : text}`);
}
