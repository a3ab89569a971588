import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

let server: Server;
let port: number;
beforeAll(async () => {
  server = buildServer(testConfig(), testBotApp(), () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends an upgrade request; resolves with the status line, headers and body once the server has closed the connection. */
function upgrade(method: string, path: string, headers: Record<string, string>): Promise<{ status: string; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: Upgrade', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    const socket = connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += String(chunk)));
    socket.on('end', () => {
      socket.end();
      const [head, body] = data.split('\r\n\r\n');
      resolve({ status: head.split('\r\n')[0], headers: head.toLowerCase(), body });
    });
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server neither answered nor closed the connection')));
  });
}

const KEY = { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' };

describe('upgrade requests', () => {
  it.each(['/healthz', '/', '/api/messages', '/no/such/path'])('refuses a WebSocket upgrade on %s with 400 as short JSON and closes the connection', async (path) => {
    const answer = await upgrade('GET', path, { Upgrade: 'websocket', ...KEY });
    expect(answer.status).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.headers).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining('Direct Line') });
  });

  it('refuses an h2c upgrade the same way', async () => {
    expect((await upgrade('GET', '/healthz', { Upgrade: 'h2c', 'HTTP2-Settings': 'AAMAAABkAARAAAAAAAIAAAAA' })).status).toBe('HTTP/1.1 400 Bad Request');
  });

  it('sends no body with the refusal of a HEAD', async () => {
    const answer = await upgrade('HEAD', '/healthz', { Upgrade: 'websocket' });
    expect(answer.status).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.body).toBe('');
  });

  it.each([
    ['another protocol', 'GET', { Upgrade: 'h2c' }, 400],
    ['no key', 'GET', { Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' }, 400],
    ['a malformed key', 'GET', { Upgrade: 'websocket', 'Sec-WebSocket-Key': 'short', 'Sec-WebSocket-Version': '13' }, 400],
    ['an unknown version', 'GET', { Upgrade: 'websocket', 'Sec-WebSocket-Key': KEY['Sec-WebSocket-Key'], 'Sec-WebSocket-Version': '99' }, 400],
    ['POST', 'POST', { Upgrade: 'websocket', ...KEY }, 405],
  ] as const)('answers a Direct Line stream handshake with %s as a Direct Line error', async (_name, method, headers, status) => {
    const answer = await upgrade(method, '/v3/directline/conversations/abc/stream?t=x', headers);
    expect(answer.status.split(' ')[1]).toBe(String(status));
    expect(answer.headers).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'BadArgument', message: expect.any(String) } });
  });
});
