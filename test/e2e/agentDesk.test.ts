import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';
import { Client, type Received } from './directLineClient';

const ENV = { HANDOFF: 'desk', AGENT_ACCOUNTS: 'alice:alice-secret-123,bob:bob-secret-4567' };
const basic = (name: string, secret: string) => `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`;
const ALICE = { authorization: basic('alice', 'alice-secret-123') };
const BOB = { authorization: basic('bob', 'bob-secret-4567') };
const fromBot = (pattern: RegExp) => (a: Received) => a.from.role === 'bot' && a.type === 'message' && pattern.test(a.text ?? '');

let server: Server;
let base: string;
const clients: Client[] = [];

// This server's credential tests send wrong passwords from one address on purpose; the limits on guessing have a server of their own below.
const UNLIMITED_GUESSES = { RATE_LIMIT_WRONG_PASSWORDS_PER_MINUTE: '1000', RATE_LIMIT_WRONG_PASSWORDS_PER_ADDRESS_PER_MINUTE: '1000', RATE_LIMIT_WRONG_PASSWORDS_PER_ACCOUNT_PER_MINUTE: '1000' };

beforeAll(async () => {
  server = buildServer(testConfig({ ...ENV, ...UNLIMITED_GUESSES }), testBotApp({ ...ENV, ...UNLIMITED_GUESSES }), () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  clients.forEach((c) => c.end());
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  return fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

let asked = 0;

/** A user over Direct Line who has asked a question, then for a person, and is in the queue. */
async function queuedUser(): Promise<{ user: Client; caseId: string }> {
  const user = new Client({ domain: `${base}/v3/directline`, webSocket: false });
  clients.push(user);
  const question = `how long does an ICP filing take for shop number ${++asked}`;
  await user.post(question);
  await user.waitFor((a) => a.from.role === 'bot' && a.type === 'message', 'a reply to the question');
  await user.post('talk to a person');
  await user.waitFor(fromBot(/Shall I connect you/), 'offer');
  await user.post('Yes, connect me');
  await user.waitFor(fromBot(/in the queue for a person/), 'queued');
  // The queue shows each user's own question, not their request for a person.
  const cases = (await (await call('GET', '/agent/api/cases', ALICE)).json()) as { cases: { id: string; preview: string }[] };
  expect(cases.cases.map((c) => c.preview)).not.toContain('Yes, connect me');
  const mine = cases.cases.find((c) => c.preview === question);
  if (!mine) throw new Error(`queuedUser(): case not in ${JSON.stringify(cases)}`);
  return { user, caseId: mine.id };
}

describe('agent desk credentials', () => {
  it.each([
    ['GET', '/agent/api/cases'],
    ['GET', '/agent/api/me'],
    ['GET', '/agent/api/events'],
    ['POST', '/agent/api/cases/00000000-0000-0000-0000-000000000000/claim'],
    ['POST', '/agent/api/cases/00000000-0000-0000-0000-000000000000/end'],
  ])('%s %s needs an agent', async (method, path) => {
    expect((await call(method, path)).status).toBe(401);
    expect((await call(method, path, { authorization: basic('alice', 'wrong-secret-000') })).status).toBe(401);
    expect((await call(method, path, { cookie: 'icp_agent=alice.99999999999999.forged' })).status).toBe(401);
  });

  it('signs in with a cookie the API then accepts, and out again', async () => {
    expect((await call('POST', '/agent/api/login', {}, { name: 'alice', password: 'nope' })).status).toBe(401);
    expect((await call('POST', '/agent/api/login', {}, { name: 'alice' })).status).toBe(400);
    const login = await call('POST', '/agent/api/login', {}, { name: 'alice', password: 'alice-secret-123' });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^icp_agent=alice\./);
    expect(await (await call('GET', '/agent/api/me', { cookie })).json()).toEqual({ name: 'alice' });
    const logout = await call('POST', '/agent/api/logout');
    expect(logout.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('serves the page its words in both languages, every key the page uses present in each', async () => {
    const strings = (await (await call('GET', '/agent/strings.json')).json()) as Record<string, Record<string, unknown>>;
    const keys = (node: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(node).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(strings['zh-CN']).sort()).toEqual(keys(strings.en).sort());
    const html = await (await call('GET', '/agent')).text();
    const script = await (await call('GET', '/agent/desk.js')).text();
    const used = [
      ...[...html.matchAll(/data-i18n(?:-placeholder)?="([^"]+)"/g)].map((m) => m[1]),
      ...[...script.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]),
    ];
    expect(used.length).toBeGreaterThan(30);
    // t('reasons.' + reason) names a group: it must hold keys.
    const present = (language: string, key: string) => (key.endsWith('.') ? keys(strings[language]).some((k) => k.startsWith(key)) : keys(strings[language]).includes(key));
    for (const language of ['en', 'zh-CN']) expect(used.filter((key) => !present(language, key))).toEqual([]);
  });

  it('serves the desk page with a strict Content-Security-Policy', async () => {
    const page = await call('GET', '/agent');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('an agent working a conversation', () => {
  it('claims, writes, reads the user, and hands back to the bot', async () => {
    const { user, caseId } = await queuedUser();

    const detail = (await (await call('GET', `/agent/api/cases/${caseId}`, ALICE)).json()) as { case: Record<string, unknown> };
    expect(detail.case).not.toHaveProperty('reference');
    expect(JSON.stringify(detail.case)).not.toMatch(/connector/);

    const claim = await call('POST', `/agent/api/cases/${caseId}/claim`, ALICE);
    expect(claim.status).toBe(200);
    expect(((await claim.json()) as { delivered: boolean }).delivered).toBe(true);
    await user.waitFor(fromBot(/alice from our support team has joined/), 'joined');

    // One agent per conversation.
    expect((await call('POST', `/agent/api/cases/${caseId}/claim`, BOB)).status).toBe(409);
    expect((await call('POST', `/agent/api/cases/${caseId}/messages`, BOB, { text: 'hi from bob' })).status).toBe(403);
    expect((await call('POST', `/agent/api/cases/${caseId}/end`, BOB)).status).toBe(403);

    expect((await call('POST', `/agent/api/cases/${caseId}/messages`, ALICE, { text: '   ' })).status).toBe(400);
    const form = await fetch(`${base}/agent/api/cases/${caseId}/messages`, { method: 'POST', headers: { ...ALICE, 'content-type': 'text/plain' }, body: 'hi' });
    expect(form.status).toBe(415);

    expect((await call('POST', `/agent/api/cases/${caseId}/messages`, ALICE, { text: 'Hello, which province is your licence from?' })).status).toBe(200);
    await user.waitFor(fromBot(/\*\*alice \(support\):\*\* Hello, which province/), 'agent message');

    await user.post('Zhejiang');
    await waitUntil(async () => {
      const now = (await (await call('GET', `/agent/api/cases/${caseId}`, ALICE)).json()) as { case: { messages: { text: string }[] } };
      return now.case.messages.some((m) => m.text === 'Zhejiang');
    }, 'the user message in the case');

    expect((await call('POST', `/agent/api/cases/${caseId}/end`, ALICE)).status).toBe(200);
    await user.waitFor(fromBot(/alice has ended the conversation/), 'ended');
    await user.post('bbs filing');
    await user.waitFor(fromBot(/BBS|forum/i), 'the bot answering again');
    expect((await call('POST', `/agent/api/cases/${caseId}/messages`, ALICE, { text: 'late' })).status).toBe(409);
  }, 30_000);

  it('streams changes to agents as server-sent events', async () => {
    const controller = new AbortController();
    const events = await fetch(`${base}/agent/api/events`, { headers: ALICE, signal: controller.signal });
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = events.body!.getReader();
    let seen = '';
    const queued = queuedUser();
    while (!/event: change\ndata: \{"kind":"queued"/.test(seen)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`event stream ended; got ${seen}`);
      seen += Buffer.from(value).toString('utf8');
    }
    controller.abort();
    await queued;
  }, 30_000);

  it('tells the users behind a conversation that was taken their new place', async () => {
    const first = await queuedUser();
    const second = await queuedUser();
    // Earlier tests may have left someone waiting: the second user is one behind the first.
    const place = (client: typeof first.user) => Number(/number (\d+)/.exec(client.received.find(fromBot(/in the queue for a person/))?.text ?? '')?.[1]);
    expect(place(second.user)).toBe(place(first.user) + 1);
    expect((await call('POST', `/agent/api/cases/${first.caseId}/claim`, ALICE)).status).toBe(200);
    await second.user.waitFor(fromBot(new RegExp(`You're now number ${place(second.user) - 1} in the queue`)), 'the new place');
    await call('POST', `/agent/api/cases/${first.caseId}/end`, ALICE);
    await second.user.post('Leave the queue');
    await second.user.waitFor(fromBot(/left the queue/), 'leaving');
  }, 30_000);

  it('answers 404 for an unknown case', async () => {
    expect((await call('GET', '/agent/api/cases/00000000-0000-0000-0000-000000000000', ALICE)).status).toBe(404);
    expect((await call('POST', '/agent/api/cases/not-a-case/claim', ALICE)).status).toBe(404);
  });
});

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waitUntil(): no ${what} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A desk server of its own with `env` (on top of the two accounts), its base URL. */
async function startDesk(env: Record<string, string>): Promise<string> {
  const all = { ...ENV, ...env };
  const own = buildServer(testConfig(all), testBotApp(all), () => undefined);
  extraServers.push(own);
  await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(own.address() as AddressInfo).port}`;
}
const extraServers: Server[] = [];
afterAll(() => Promise.all(extraServers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));

describe('agent password guesses', () => {
  let desk: string;
  beforeAll(async () => {
    desk = await startDesk({
      TRUST_PROXY: 'true',
      RATE_LIMIT_WRONG_PASSWORDS_PER_MINUTE: '3',
      RATE_LIMIT_WRONG_PASSWORDS_PER_ADDRESS_PER_MINUTE: '5',
      RATE_LIMIT_WRONG_PASSWORDS_PER_ACCOUNT_PER_MINUTE: '8',
    });
  });
  const from = (address: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...headers });
  const get = (path: string, headers: Record<string, string>) => fetch(`${desk}${path}`, { headers });
  const login = (address: string, name: string, password: string) =>
    fetch(`${desk}/agent/api/login`, { method: 'POST', headers: from(address, { 'content-type': 'application/json' }), body: JSON.stringify({ name, password }) });

  it('are limited over HTTP Basic on /agent/api/* and /api/stats, per address and account, with 429 and Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('/agent/api/cases', from('203.0.113.1', { authorization: basic('alice', `guess-${i}-0000000`) }))).status);
    expect(statuses).toEqual([401, 401, 401]);
    const stats = await get('/api/stats', from('203.0.113.1', { authorization: basic('alice', 'guess-3-0000000') }));
    expect(stats.status).toBe(429);
    expect(Number(stats.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await get('/agent/api/me', from('203.0.113.1', { authorization: basic('alice', 'alice-secret-123') }))).status).toBe(429);
  });

  it('count the sign-in form and Basic in one allowance', async () => {
    expect((await get('/api/stats', from('203.0.113.2', { authorization: basic('bob', 'guess-0-0000000') }))).status).toBe(401);
    expect((await get('/agent/api/cases', from('203.0.113.2', { authorization: basic('bob', 'guess-1-0000000') }))).status).toBe(401);
    expect((await login('203.0.113.2', 'bob', 'guess-2-0000000')).status).toBe(401);
    expect((await login('203.0.113.2', 'bob', 'guess-3-0000000')).status).toBe(429);
  });

  it('are limited per address across accounts', async () => {
    const statuses = [];
    for (const name of ['alice', 'alice', 'bob', 'bob', 'zed']) statuses.push((await login('203.0.113.3', name, 'wrong-password-0')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await login('203.0.113.3', 'carol', 'wrong-password-0')).status).toBe(429);
  });

  it('are limited per account across addresses, while a fresh address with the right password always signs in', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(`198.51.100.${10 + i}`, 'bob', 'wrong-password-0')).status);
    expect(statuses.every((status) => status === 401)).toBe(true);
    // The account is under attack: an address that has guessed wrong for it is not heard again for now.
    expect((await login('198.51.100.10', 'bob', 'wrong-password-1')).status).toBe(429);
    expect((await login('198.51.100.99', 'bob', 'bob-secret-4567')).status).toBe(200);
  });

  it('lock the guesses, not the account holder: the lock is short, and someone else\'s guesses do not keep an agent out', async () => {
    // bob works from this address (an office behind one NAT) ...
    expect((await login('192.0.2.40', 'bob', 'bob-secret-4567')).status).toBe(200);
    // ... where someone keeps guessing alice's password.
    const guesses = [];
    for (let i = 0; i < 10; i++) guesses.push(await login('192.0.2.40', 'alice', `guess-${i}-0000000`));
    const refused = guesses.filter((res) => res.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(Math.max(...refused.map((res) => Number(res.headers.get('retry-after'))))).toBeLessThanOrEqual(60);
    expect((await login('192.0.2.40', 'bob', 'bob-secret-4567')).status).toBe(200);
    expect((await login('192.0.2.41', 'alice', 'alice-secret-123')).status).toBe(200);
  });
});

describe('the desk session cookie', () => {
  it('is Secure behind a TLS proxy (TRUST_PROXY=true, X-Forwarded-Proto: https)', async () => {
    const desk = await startDesk({ TRUST_PROXY: 'true' });
    const res = await fetch(`${desk}/agent/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.60' },
      body: JSON.stringify({ name: 'alice', password: 'alice-secret-123' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure(;|$)/);
  });

  it('is no longer accepted once its agent signed out', async () => {
    const login = await call('POST', '/agent/api/login', {}, { name: 'bob', password: 'bob-secret-4567' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await call('GET', '/agent/api/me', { cookie })).status).toBe(200);
    expect((await call('POST', '/agent/api/logout', { cookie })).status).toBe(204);
    expect((await call('GET', '/agent/api/me', { cookie })).status).toBe(401);
    // Signing in again gives a cookie that works.
    const again = await call('POST', '/agent/api/login', {}, { name: 'bob', password: 'bob-secret-4567' });
    expect((await call('GET', '/agent/api/me', { cookie: (again.headers.get('set-cookie') ?? '').split(';')[0] })).status).toBe(200);
  });
});

describe('cross-site requests to the desk', () => {
  let cookie: string;
  beforeAll(async () => {
    const login = await call('POST', '/agent/api/login', {}, { name: 'alice', password: 'alice-secret-123' });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  });
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it.each(['claim', 'end'])('refuse a form post to %s from a foreign Origin with 403', async (action) => {
    const { caseId } = await queuedUser();
    const res = await fetch(`${base}/agent/api/cases/${caseId}/${action}`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', ...form }, body: 'x=1' });
    expect(res.status).toBe(403);
    const detail = (await (await call('GET', `/agent/api/cases/${caseId}`, { cookie })).json()) as { case: { status: string } };
    expect(detail.case.status).toBe('waiting');
    await call('POST', `/agent/api/cases/${caseId}/end`, { cookie });
  }, 30_000);

  it('refuse a foreign Referer when there is no Origin, and a null Origin', async () => {
    const path = '/agent/api/cases/00000000-0000-0000-0000-000000000000/claim';
    expect((await fetch(`${base}${path}`, { method: 'POST', headers: { cookie, referer: 'https://evil.example/page' } })).status).toBe(403);
    expect((await fetch(`${base}${path}`, { method: 'POST', headers: { cookie, origin: 'null' } })).status).toBe(403);
    expect((await fetch(`${base}/agent/api/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await call('GET', '/agent/api/me', { cookie })).status).toBe(200);
  });

  it('let the desk page\'s own origin in', async () => {
    const path = '/agent/api/cases/00000000-0000-0000-0000-000000000000/claim';
    expect((await fetch(`${base}${path}`, { method: 'POST', headers: { cookie, origin: base } })).status).toBe(404);
    expect((await fetch(`${base}${path}`, { method: 'POST', headers: { cookie, referer: `${base}/agent` } })).status).toBe(404);
  });

  it('let the public origin in behind a trusted TLS proxy', async () => {
    const desk = await startDesk({ TRUST_PROXY: 'true' });
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'desk.example.com', 'x-forwarded-for': '203.0.113.70' };
    const login = await fetch(`${desk}/agent/api/login`, {
      method: 'POST',
      headers: { ...proxied, origin: 'https://desk.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'alice', password: 'alice-secret-123' }),
    });
    expect(login.status).toBe(200);
    const own = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const path = '/agent/api/cases/00000000-0000-0000-0000-000000000000/claim';
    expect((await fetch(`${desk}${path}`, { method: 'POST', headers: { ...proxied, cookie: own, origin: 'https://desk.example.com' } })).status).toBe(404);
    expect((await fetch(`${desk}${path}`, { method: 'POST', headers: { ...proxied, cookie: own, origin: 'http://desk.example.com' } })).status).toBe(403);
  });
});
