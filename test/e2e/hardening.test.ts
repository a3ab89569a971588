import { connect, type AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { makeLogger } from '../../src/log';
import { testBotApp, testConfig } from '../helpers';

const SECRET = 'hardening-direct-line-secret-0123';

/** A real server with `env`, its base URL, and the JSON lines it logged. */
async function start(env: Record<string, string> = {}) {
  const lines: Record<string, unknown>[] = [];
  const log = makeLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const app = testBotApp(env);
  const server: Server = buildServer(testConfig(env), app, log);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return { app, server, base, port, lines, log, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
type Running = Awaited<ReturnType<typeof start>>;

function activity(conversation: string, text: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    type: 'message',
    text,
    deliveryMode: 'expectReplies',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversation },
    from: { id: `user-${conversation}` },
    recipient: { id: 'bot' },
    ...extra,
  });
}

const postMessage = (base: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** Sends raw bytes and returns the status line and the rest of the answer. */
function raw(port: number, request: string): Promise<{ statusLine: string; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += String(chunk)));
    socket.on('end', () => resolve({ statusLine: data.split('\r\n')[0], text: data }));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
  });
}

describe('rate limits', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start({ RATE_LIMIT_ACTIVITIES_PER_MINUTE: '3', RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '2' });
  });
  afterAll(() => bot.stop());

  it('answers the activity over the per-conversation limit with 429, Retry-After and a short JSON error', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postMessage(bot.base, activity('limited', 'hello'))).status);
    const over = await postMessage(bot.base, activity('limited', 'hello'));
    expect(statuses).toEqual([200, 200, 200]);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await over.json()).toEqual({ error: expect.stringMatching(/too many activities/), retryAfterSeconds: expect.any(Number) });
  });

  it('counts each conversation on its own', async () => {
    expect((await postMessage(bot.base, activity('another', 'hello'))).status).toBe(200);
  });

  it('limits new chats from one address on the token endpoint', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${bot.base}/api/directline/token`, { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('counts anonymous Direct Line starts on an open endpoint in the same allowance', async () => {
    const res = await fetch(`${bot.base}/v3/directline/conversations`, { method: 'POST' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.json()).toEqual({ error: { code: 'TooManyRequests', message: expect.stringMatching(/too many new conversations/) } });
  });
});

describe('rate limits behind a trusted proxy', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start({ RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1', TRUST_PROXY: 'true' });
  });
  afterAll(() => bot.stop());

  it('take the client from the last X-Forwarded-For entry', async () => {
    const token = (forwardedFor: string) => fetch(`${bot.base}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': forwardedFor } });
    expect((await token('203.0.113.1')).status).toBe(200);
    expect((await token('203.0.113.2')).status).toBe(200);
    // The first entry is the client's to invent; the last is what the proxy saw.
    expect((await token('198.51.100.9, 203.0.113.1')).status).toBe(429);
  });
});

describe('a limit per client address on every endpoint', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start({ RATE_LIMIT_REQUESTS_PER_MINUTE: '4', TRUST_PROXY: 'true' });
  });
  afterAll(() => bot.stop());

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('stops a client that makes up a new conversation id for every activity (no MicrosoftAppId)', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await postMessage(bot.base, activity(`rotating-${i}`, 'hello'), from('203.0.113.10'))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('limits POST /api/assess, with Retry-After', async () => {
    const assess = () => fetch(`${bot.base}/api/assess`, { method: 'POST', headers: { 'content-type': 'application/json', ...from('203.0.113.11') }, body: '{}' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await assess()).status);
    const over = await assess();
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts every endpoint of one address together, and other addresses on their own', async () => {
    const statuses = [];
    statuses.push((await fetch(`${bot.base}/api/directline/token`, { method: 'POST', headers: from('203.0.113.12') })).status);
    statuses.push((await fetch(`${bot.base}/`, { headers: from('203.0.113.12') })).status);
    statuses.push((await fetch(`${bot.base}/no/such/path`, { headers: from('203.0.113.12') })).status);
    statuses.push((await postMessage(bot.base, activity('mixed', 'hello'), from('203.0.113.12'))).status);
    statuses.push((await fetch(`${bot.base}/`, { headers: from('203.0.113.12') })).status);
    expect(statuses).toEqual([200, 200, 404, 200, 429]);
    // The first X-Forwarded-For entry is the client's to invent; the last is the proxy's.
    expect((await fetch(`${bot.base}/`, { headers: from('198.51.100.1, 203.0.113.12') })).status).toBe(429);
    expect((await fetch(`${bot.base}/`, { headers: from('203.0.113.13') })).status).toBe(200);
  });

  it('leaves the health check to load balancers however often they ask', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${bot.base}/healthz`, { headers: from('203.0.113.14') })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });
});

describe('Direct Line limits', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_MAX_CONVERSATIONS: '2', DIRECTLINE_MAX_ACTIVITY_BYTES: '1024', RATE_LIMIT_ACTIVITIES_PER_MINUTE: '2' });
  });
  afterAll(() => bot.stop());

  const call = (method: string, path: string, credential: string, body?: unknown) =>
    fetch(`${bot.base}/v3/directline${path}`, {
      method,
      headers: { authorization: `Bearer ${credential}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  let first: { conversationId: string; token: string };

  it('does not limit the secret holder on new conversations, but refuses one over the cap with 503 and Retry-After', async () => {
    first = (await (await call('POST', '/conversations', SECRET)).json()) as typeof first;
    expect((await call('POST', '/conversations', SECRET)).status).toBe(201);
    const full = await call('POST', '/conversations', SECRET);
    expect(full.status).toBe(503);
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await full.json()).toEqual({ error: { code: 'ServiceError', message: expect.stringMatching(/too many conversations/) } });
  });

  it('still lets a running conversation reconnect when the store is full', async () => {
    expect((await call('POST', '/conversations', first.token)).status).toBe(200);
  });

  it('refuses an activity larger than DIRECTLINE_MAX_ACTIVITY_BYTES with 413', async () => {
    const res = await call('POST', `/conversations/${first.conversationId}/activities`, first.token, { type: 'message', text: 'x'.repeat(2000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'BadArgument', message: 'the activity is larger than 1024 bytes' } });
  });

  it('limits activities per conversation', async () => {
    const post = () => call('POST', `/conversations/${first.conversationId}/activities`, first.token, { type: 'message', text: 'hello' });
    expect([(await post()).status, (await post()).status, (await post()).status]).toEqual([200, 200, 429]);
  });
});

describe('CORS', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start({ CORS_ORIGINS: 'https://shop.example.com' });
  });
  afterAll(() => bot.stop());

  it('gives a listed origin a token, with its origin in Access-Control-Allow-Origin', async () => {
    const res = await fetch(`${bot.base}/api/directline/token`, { method: 'POST', headers: { origin: 'https://shop.example.com' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it.each([
    ['a token', 'POST', '/api/directline/token'],
    ['a preflight', 'OPTIONS', '/api/directline/token'],
    ['Direct Line', 'POST', '/v3/directline/conversations'],
  ])('refuses %s from an origin that is not listed with 403 and no CORS headers', async (_name, method, path) => {
    const res = await fetch(`${bot.base}${path}`, { method, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(await res.json()).toEqual({ error: 'origin not allowed', origin: 'https://evil.example' });
  });

  it('serves the page\'s own origin without CORS headers', async () => {
    const res = await fetch(`${bot.base}/api/directline/token`, { method: 'POST', headers: { origin: bot.base } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets any origin in with CORS_ORIGINS=*', async () => {
    const open = await start({ CORS_ORIGINS: '*' });
    try {
      const res = await fetch(`${open.base}/api/directline/token`, { method: 'POST', headers: { origin: 'https://anywhere.example' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await open.stop();
    }
  });
});

describe('security headers', () => {
  it('puts a Content-Security-Policy and frame options on the page, SAMEORIGIN by default', async () => {
    const bot = await start();
    try {
      const res = await fetch(`${bot.base}/`);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';.*frame-ancestors 'self'/);
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await bot.stop();
    }
  });

  it('lets FRAME_ANCESTORS name the sites that embed the page', async () => {
    const bot = await start({ FRAME_ANCESTORS: 'https://portal.example.com' });
    try {
      const res = await fetch(`${bot.base}/`);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self' https:\/\/portal\.example\.com$/);
      expect(res.headers.get('x-frame-options')).toBeNull();
    } finally {
      await bot.stop();
    }
  });

  it.each(['/healthz', '/api/messages', '/no/such/path'])('puts nosniff, no-referrer and a request id on %s', async (path) => {
    const bot = await start();
    try {
      const res = await fetch(`${bot.base}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      await bot.stop();
    }
  });
});

describe('request ids in the logs', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start({ TRUST_PROXY: 'true' });
    // A line from inside every bot turn, written with the server's logger.
    bot.app.adapter.use(async (context, next) => {
      bot.log('info', 'turn', { type: context.activity.type });
      await next();
    });
  });
  afterAll(() => bot.stop());

  it('writes the request id on the lines of the turn a request runs, and on the access line', async () => {
    const res = await postMessage(bot.base, activity('ids', 'hello'));
    const id = res.headers.get('x-request-id');
    const mine = bot.lines.filter((line) => line.reqId === id);
    expect(mine.map((line) => line.msg)).toEqual(expect.arrayContaining(['turn', 'request']));
    expect(mine.find((line) => line.msg === 'request')).toMatchObject({ method: 'POST', path: '/api/messages', status: 200 });
  });

  it('carries the id of a Direct Line post into the turn it queues', async () => {
    const grant = (await (await fetch(`${bot.base}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const res = await fetch(`${bot.base}/v3/directline/conversations/${grant.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grant.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hello' }),
    });
    const id = res.headers.get('x-request-id');
    expect(bot.lines.filter((line) => line.reqId === id && line.msg === 'turn')).toEqual([expect.objectContaining({ type: 'message' })]);
  });

  it('takes the proxy\'s X-Request-Id when the proxy is trusted', async () => {
    const res = await fetch(`${bot.base}/healthz`, { headers: { 'x-request-id': 'nginx-42' } });
    expect(res.headers.get('x-request-id')).toBe('nginx-42');
  });

  it('redacts what users typed when it is logged as a field', async () => {
    bot.log('info', 'user wrote', { text: 'my phone is 13800138000' });
    expect(bot.lines.at(-1)).toMatchObject({ msg: 'user wrote', text: '[redacted]' });
  });
});

describe('malformed requests', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await start();
  });
  afterAll(() => bot.stop());

  it.each([
    ['the target "//"', 'GET // HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 404/],
    ['the target "//a:99999/x" on the Direct Line path', 'OPTIONS //a:99999/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 404/],
    ['a Host header that is not a host', 'GET / HTTP/1.1\r\nHost: [\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 400/],
    ['headers over 16 KB', `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, /^HTTP\/1\.1 431/],
    ['a broken request line', 'GET\r\n\r\n', /^HTTP\/1\.1 400/],
  ])('answers %s with a 4xx and stays up', async (_name, request, status) => {
    const answer = await raw(bot.port, request);
    expect(answer.statusLine).toMatch(status);
    expect(answer.text).toMatch(/content-type: application\/json/i);
    expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
  });

  it('refuses JSON nested deeper than 32 levels with 400', async () => {
    const res = await postMessage(bot.base, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid body', reason: 'JSON nested deeper than 32 levels' });
  });

  it('refuses a locale that is not a language tag', async () => {
    const res = await postMessage(bot.base, activity('locale', 'hello', { locale: '<script>alert(1)</script>' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid activity', field: 'locale' });
  });

  it('does not echo an unknown path in its 404', async () => {
    const res = await fetch(`${bot.base}/${'<script>'.repeat(100)}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'ResourceNotFound', message: 'no such resource' });
  });
});
