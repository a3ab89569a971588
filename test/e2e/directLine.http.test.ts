import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { WebSocket } from 'ws';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

const SECRET = 'e2e-direct-line-secret-0123456789';
const HONG_KONG = 'do I need an ICP filing if my server is in Hong Kong';

interface Activity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  recipient?: { id: string };
  replyToId?: string;
  [field: string]: unknown;
}
interface ActivitySet {
  activities: Activity[];
  watermark?: string;
}
interface Grant {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

/** A running server, the serviceUrls its bot was handed, and a small Direct Line HTTP client for it. */
class Endpoint {
  readonly serviceUrls: string[] = [];
  private base = '';
  private constructor(readonly server: Server) {}

  static async start(env: Record<string, string> = {}): Promise<Endpoint> {
    const app = testBotApp(env);
    const endpoint = new Endpoint(buildServer(testConfig(env), app, () => undefined));
    app.adapter.use(async (context, next) => {
      endpoint.serviceUrls.push(context.activity.serviceUrl);
      await next();
    });
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    endpoint.base = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}`;
    return endpoint;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** A request to `/v3/directline<path>` with `credential` as the bearer; a non-string body is sent as JSON. */
  call(method: string, path: string, credential?: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
    return fetch(this.url(`/v3/directline${path}`), {
      method,
      headers: { ...(credential ? { authorization: `Bearer ${credential}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async json<T>(method: string, path: string, credential: string | undefined, status: number, body?: unknown): Promise<T> {
    const res = await this.call(method, path, credential, body);
    const text = await res.text();
    if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Starts a conversation with `credential` (secret or token). */
  start(credential?: string, body?: unknown): Promise<Grant> {
    return this.json<Grant>('POST', '/conversations', credential, 201, body);
  }

  post(conversationId: string, credential: string, activity: Record<string, unknown>): Promise<{ id: string }> {
    return this.json('POST', `/conversations/${conversationId}/activities`, credential, 200, activity);
  }

  /** Polls the conversation after `watermark` until `predicate` accepts one of the activities. */
  async pollUntil(conversationId: string, credential: string, predicate: (activity: Activity) => boolean, watermark = ''): Promise<ActivitySet> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const set = await this.json<ActivitySet>('GET', `/conversations/${conversationId}/activities?watermark=${watermark}`, credential, 200);
      if (set.activities.some(predicate)) return set;
      if (Date.now() > deadline) throw new Error(`no such activity in ${JSON.stringify(set)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const isWelcome = (activity: Activity) => activity.from.role === 'bot' && /ICP Filing Assistant/.test(activity.text ?? '');
const isHongKongAnswer = (activity: Activity) => activity.from.role === 'bot' && /doesn't need an ICP filing/.test(activity.text ?? '');

/** Opens a WebSocket and collects its messages; `opened` rejects with the HTTP status when the upgrade is refused. */
function openStream(url: string) {
  const ws = new WebSocket(url);
  const messages: ActivitySet[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as ActivitySet));
  const waitFor = async (predicate: (activity: Activity) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!messages.some((set) => set.activities.some(predicate))) {
      if (Date.now() > deadline) throw new Error(`stream: not received; got ${JSON.stringify(messages)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { ws, messages, opened, closed, waitFor };
}

describe('Direct Line with a secret', () => {
  let endpoint: Endpoint;
  beforeAll(async () => {
    endpoint = await Endpoint.start({ DIRECTLINE_SECRET: SECRET, CORS_ORIGINS: 'https://example.com' });
  });
  afterAll(() => endpoint.stop());

  it.each([
    ['POST', '/tokens/generate'],
    ['POST', '/tokens/refresh'],
    ['POST', '/conversations'],
    ['GET', '/conversations/abc'],
    ['GET', '/conversations/abc/activities'],
    ['POST', '/conversations/abc/activities'],
  ])('refuses %s %s without credentials with 401', async (method, path) => {
    const res = await endpoint.call(method, path, undefined, method === 'POST' && path.endsWith('activities') ? { type: 'message', text: 'hi' } : undefined);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'Unauthorized' } });
  });

  it.each([
    ['POST', '/tokens/generate'],
    ['POST', '/conversations'],
    ['GET', '/conversations/abc/activities'],
  ])('refuses %s %s with a wrong secret with 403', async (method, path) => {
    const res = await endpoint.call(method, path, 'not-the-secret');
    expect(res.status).toBe(403);
  });

  it('generates a token for a new conversation that POST /conversations then starts', async () => {
    const generated = await endpoint.json<Grant>('POST', '/tokens/generate', SECRET, 200);
    expect(generated).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    const started = await endpoint.start(generated.token);
    expect(started.conversationId).toBe(generated.conversationId);
    expect(started.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${started.conversationId}/stream\\?t=`));
  });

  it('returns a running conversation again (200, no second welcome) when its token starts it twice', async () => {
    const { token, conversationId } = await endpoint.json<Grant>('POST', '/tokens/generate', SECRET, 200);
    await endpoint.start(token);
    await endpoint.pollUntil(conversationId, token, isWelcome);
    const again = await endpoint.json<Grant>('POST', '/conversations', token, 200);
    expect(again.conversationId).toBe(conversationId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { activities } = await endpoint.json<ActivitySet>('GET', `/conversations/${conversationId}/activities`, token, 200);
    expect(activities.filter(isWelcome)).toHaveLength(1);
  });

  it('welcomes the user the token names', async () => {
    const { token, conversationId } = await endpoint.json<Grant>('POST', '/tokens/generate', SECRET, 200, { user: { id: 'dl_bob', name: 'Bob' } });
    await endpoint.start(token);
    const { activities } = await endpoint.pollUntil(conversationId, token, isWelcome);
    expect(activities.find(isWelcome)?.recipient?.id).toBe('dl_bob');
  });

  it('welcomes a random dl_ user when nobody names one', async () => {
    const { conversationId } = await endpoint.start(SECRET);
    const { activities } = await endpoint.pollUntil(conversationId, SECRET, isWelcome);
    expect(activities.find(isWelcome)?.recipient?.id).toMatch(/^dl_[0-9a-f]{24}$/);
  });

  it('refreshes a token: the new one is for the same conversation and works', async () => {
    const { token, conversationId } = await endpoint.json<Grant>('POST', '/tokens/generate', SECRET, 200);
    await endpoint.start(token);
    // Tokens are stamped in whole seconds; wait for the next one so the refreshed token differs.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refreshed = await endpoint.json<Grant>('POST', '/tokens/refresh', token, 200);
    expect(refreshed.conversationId).toBe(conversationId);
    expect(refreshed.token).not.toBe(token);
    await endpoint.json('GET', `/conversations/${conversationId}/activities`, refreshed.token, 200);
  });

  it('refuses to refresh the secret (it is not a token)', async () => {
    expect((await endpoint.call('POST', '/tokens/refresh', SECRET)).status).toBe(403);
  });

  it('refuses a tampered token with 403', async () => {
    const { token, conversationId } = await endpoint.json<Grant>('POST', '/tokens/generate', SECRET, 200);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, exp: (claims.exp as number) + 3600 })).toString('base64url'), signature].join('.');
    expect((await endpoint.call('POST', '/conversations', forged)).status).toBe(403);
    expect((await endpoint.call('GET', `/conversations/${conversationId}/activities`, forged)).status).toBe(403);
  });

  it('refuses the token of conversation A on conversation B with 403', async () => {
    const a = await endpoint.start(SECRET);
    const b = await endpoint.start(SECRET);
    expect((await endpoint.call('GET', `/conversations/${b.conversationId}/activities`, a.token)).status).toBe(403);
    expect((await endpoint.call('POST', `/conversations/${b.conversationId}/activities`, a.token, { type: 'message', text: 'hi' })).status).toBe(403);
    expect((await endpoint.call('GET', `/conversations/${b.conversationId}`, a.token)).status).toBe(403);
    expect((await endpoint.call('GET', `/conversations/${a.conversationId}/activities`, a.token)).status).toBe(200);
  });

  it('answers 404 for a conversation that does not exist', async () => {
    const res = await endpoint.call('GET', '/conversations/no-such-conversation/activities', SECRET);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NotFound' } });
  });

  it('returns only the activities after the watermark when polling', async () => {
    const { conversationId, token } = await endpoint.start(SECRET);
    const first = await endpoint.pollUntil(conversationId, token, isWelcome);
    expect(first.watermark).toBe(String(first.activities.length - 1));
    const { id } = await endpoint.post(conversationId, token, { type: 'message', from: { id: 'someone' }, text: HONG_KONG });
    const next = await endpoint.pollUntil(conversationId, token, isHongKongAnswer, first.watermark);
    expect(next.activities.some(isWelcome)).toBe(false);
    expect(next.activities[0]).toMatchObject({ id, type: 'message', text: HONG_KONG, channelId: 'directline', conversation: { id: conversationId } });
    expect(Number(next.watermark)).toBe(Number(first.watermark) + next.activities.length);
    const after = await endpoint.json<ActivitySet>('GET', `/conversations/${conversationId}/activities?watermark=${next.watermark}`, token, 200);
    expect(after).toEqual({ activities: [], watermark: next.watermark });
  });

  it('stamps the id, timestamp and recipient of a posted activity, and keeps a secret holder’s from', async () => {
    const { conversationId } = await endpoint.start(SECRET);
    const { id } = await endpoint.post(conversationId, SECRET, {
      type: 'message',
      id: 'client-chosen',
      from: { id: 'u1', name: 'Una' },
      recipient: { id: 'someone-else' },
      channelData: { clientActivityID: 'abc' },
      text: 'hello',
    });
    expect(id).toMatch(new RegExp(`^${conversationId.replace(/[-]/g, '\\-')}\\|\\d{7}$`));
    const { activities } = await endpoint.pollUntil(conversationId, SECRET, (activity) => activity.id === id);
    const echo = activities.find((activity) => activity.id === id);
    expect(echo).toMatchObject({ from: { id: 'u1', name: 'Una', role: 'user' }, recipient: { role: 'bot' }, channelData: { clientActivityID: 'abc' } });
    expect(new Date(String(echo?.timestamp)).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('hands the bot a message sent at once after the start only after the welcome turn', async () => {
    const { conversationId, token } = await endpoint.start(SECRET);
    await endpoint.post(conversationId, token, { type: 'message', text: HONG_KONG });
    const { activities } = await endpoint.pollUntil(conversationId, token, isHongKongAnswer);
    const fromBot = activities.filter((activity) => activity.from.role === 'bot');
    expect(isWelcome(fromBot[0])).toBe(true);
    expect(isHongKongAnswer(fromBot[fromBot.length - 1])).toBe(true);
  });

  it('delivers the replies of an expectReplies activity to the client all the same', async () => {
    const { conversationId, token } = await endpoint.start(SECRET);
    await endpoint.post(conversationId, token, { type: 'message', text: HONG_KONG, deliveryMode: 'expectReplies' });
    await endpoint.pollUntil(conversationId, token, isHongKongAnswer);
  });

  it.each([
    ['a body that is not JSON', 'this is not json', 'application/json', 400],
    ['JSON that is not an object', '[1,2,3]', 'application/json', 400],
    ['an activity without a type', JSON.stringify({ text: 'hi' }), 'application/json', 400],
    ['a type that is not a string', JSON.stringify({ type: 5 }), 'application/json', 400],
    ['a form instead of JSON', 'type=message', 'application/x-www-form-urlencoded', 415],
  ])('answers %s with %#', async (_name, body, contentType, status) => {
    const { conversationId } = await endpoint.start(SECRET);
    const res = await endpoint.call('POST', `/conversations/${conversationId}/activities`, SECRET, body, contentType);
    expect(res.status).toBe(status);
    // Our own checks answer with Direct Line's { error: { code, message } }; restify's JSON parser with { code, message }.
    expect(JSON.stringify(await res.json())).toMatch(/"message":"[^"]+"/);
  });

  it('answers a bad watermark with 400', async () => {
    const { conversationId } = await endpoint.start(SECRET);
    expect((await endpoint.call('GET', `/conversations/${conversationId}/activities?watermark=abc`, SECRET)).status).toBe(400);
  });

  it('answers a bad tokens/generate body with 400', async () => {
    expect((await endpoint.call('POST', '/tokens/generate', SECRET, { user: { id: 42 } })).status).toBe(400);
  });

  it('refuses file uploads with 415', async () => {
    const { conversationId } = await endpoint.start(SECRET);
    const res = await endpoint.call('POST', `/conversations/${conversationId}/upload?userId=u1`, SECRET, 'file', 'multipart/form-data; boundary=x');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'NotSupported' } });
  });

  it('answers a CORS preflight, so Web Chat on a listed origin can call it', async () => {
    const res = await fetch(endpoint.url('/v3/directline/conversations'), {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://example.com');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});

describe('the connector routes the bot answers through', () => {
  let endpoint: Endpoint;
  let conversationId: string;
  let token: string;
  let serviceUrl: string;
  beforeAll(async () => {
    endpoint = await Endpoint.start({ DIRECTLINE_SECRET: SECRET });
    ({ conversationId, token } = await endpoint.start(SECRET));
    await endpoint.pollUntil(conversationId, token, isWelcome);
    serviceUrl = endpoint.serviceUrls[0];
  });
  afterAll(() => endpoint.stop());

  const connector = (url: string, method: string, body?: unknown) =>
    fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });

  it('hands the bot a loopback serviceUrl with an unguessable key', () => {
    expect(serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\/directline\/connector\/[A-Za-z0-9_-]{32}$/);
  });

  it('never shows the connector key to the client', async () => {
    await endpoint.post(conversationId, token, { type: 'message', text: HONG_KONG });
    const { activities } = await endpoint.pollUntil(conversationId, token, isHongKongAnswer);
    const key = serviceUrl.split('/').pop() as string;
    expect(JSON.stringify(activities)).not.toContain(key);
    expect(activities.every((activity) => activity.serviceUrl === undefined)).toBe(true);
  });

  it('answers a wrong key with 404 and keeps nothing', async () => {
    const wrong = serviceUrl.replace(/[^/]+$/, 'not-the-key');
    const res = await connector(`${wrong}/v3/conversations/${conversationId}/activities`, 'POST', { type: 'message', text: 'injected' });
    expect(res.status).toBe(404);
    const { activities } = await endpoint.json<ActivitySet>('GET', `/conversations/${conversationId}/activities`, token, 200);
    expect(activities.some((activity) => activity.text === 'injected')).toBe(false);
  });

  it('answers an unknown conversation with 404', async () => {
    const res = await connector(`${serviceUrl}/v3/conversations/nobody/activities`, 'POST', { type: 'message', text: 'x' });
    expect(res.status).toBe(404);
  });

  it('sends, updates and deletes a bot activity', async () => {
    const sent = await connector(`${serviceUrl}/v3/conversations/${conversationId}/activities`, 'POST', { type: 'message', text: 'proactive', from: { id: 'bot', role: 'bot' } });
    expect(sent.status).toBe(200);
    const { id } = (await sent.json()) as { id: string };
    const updated = await connector(`${serviceUrl}/v3/conversations/${conversationId}/activities/${encodeURIComponent(id)}`, 'PUT', { type: 'message', text: 'proactive, edited' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toEqual({ id });
    let { activities } = await endpoint.json<ActivitySet>('GET', `/conversations/${conversationId}/activities`, token, 200);
    expect(activities.filter((activity) => activity.id === id).map((activity) => activity.text)).toEqual(['proactive', 'proactive, edited']);
    const deleted = await connector(`${serviceUrl}/v3/conversations/${conversationId}/activities/${encodeURIComponent(id)}`, 'DELETE');
    expect(deleted.status).toBe(200);
    ({ activities } = await endpoint.json<ActivitySet>('GET', `/conversations/${conversationId}/activities`, token, 200));
    expect(activities.some((activity) => activity.id === id)).toBe(false);
  });

  it('answers an update of an unknown activity with 404', async () => {
    const res = await connector(`${serviceUrl}/v3/conversations/${conversationId}/activities/nothing`, 'PUT', { type: 'message', text: 'x' });
    expect(res.status).toBe(404);
  });

  it('lists the user and the bot as members', async () => {
    const res = await connector(`${serviceUrl}/v3/conversations/${conversationId}/members`, 'GET');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { role: string }[]).map((member) => member.role)).toEqual(['user', 'bot']);
  });

  it('answers a bot activity without a type with 400', async () => {
    const res = await connector(`${serviceUrl}/v3/conversations/${conversationId}/activities`, 'POST', { text: 'no type' });
    expect(res.status).toBe(400);
  });
});

describe('Direct Line tokens that expire', () => {
  let endpoint: Endpoint;
  beforeAll(async () => {
    endpoint = await Endpoint.start({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_TOKEN_TTL_SECONDS: '1' });
  });
  afterAll(() => endpoint.stop());

  it('refuses an expired token with 403, for reading, posting and refreshing', async () => {
    const { conversationId, token, expires_in } = await endpoint.start(SECRET);
    expect(expires_in).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await endpoint.call('GET', `/conversations/${conversationId}/activities`, token)).status).toBe(403);
    expect((await endpoint.call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: 'hi' })).status).toBe(403);
    expect((await endpoint.call('POST', '/tokens/refresh', token)).status).toBe(403);
    // The conversation itself is still there for the secret.
    expect((await endpoint.call('GET', `/conversations/${conversationId}/activities`, SECRET)).status).toBe(200);
  });
});

describe('Direct Line without a secret (open)', () => {
  let endpoint: Endpoint;
  beforeAll(async () => {
    endpoint = await Endpoint.start({});
  });
  afterAll(() => endpoint.stop());

  it('starts a conversation without credentials', async () => {
    const grant = await endpoint.start();
    expect(grant).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800, streamUrl: expect.stringMatching(/^ws:\/\//) });
    await endpoint.pollUntil(grant.conversationId, grant.token, isWelcome);
  });

  it('still needs the conversation’s token to read or post in it', async () => {
    const { conversationId, token } = await endpoint.start();
    const other = await endpoint.start();
    expect((await endpoint.call('GET', `/conversations/${conversationId}/activities`)).status).toBe(401);
    expect((await endpoint.call('GET', `/conversations/${conversationId}/activities`, other.token)).status).toBe(403);
    await endpoint.pollUntil(conversationId, token, isWelcome);
    await endpoint.pollUntil(other.conversationId, other.token, isWelcome);
  });

  it('a Chinese message gets a Chinese answer', async () => {
    const { conversationId, token } = await endpoint.start();
    await endpoint.post(conversationId, token, { type: 'message', text: '我的服务器在香港，需要备案吗' });
    const { activities } = await endpoint.pollUntil(conversationId, token, (activity) => activity.from.role === 'bot' && /香港/.test(activity.text ?? ''));
    const answer = activities.filter((activity) => activity.from.role === 'bot').pop();
    expect(answer?.text).toMatch(/备案/);
  });

  it('follows X-Forwarded-Proto/Host only when told to trust a proxy', async () => {
    const res = await fetch(endpoint.url('/v3/directline/conversations'), { method: 'POST', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'chat.example.com' } });
    const { streamUrl, conversationId, token } = (await res.json()) as Grant;
    expect(streamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    await endpoint.pollUntil(conversationId, token, isWelcome);
  });
});

describe('the WebSocket stream', () => {
  let endpoint: Endpoint;
  beforeAll(async () => {
    endpoint = await Endpoint.start({ DIRECTLINE_SECRET: SECRET });
  });
  afterAll(() => endpoint.stop());

  it('sends the backlog as one message, then each new activity', async () => {
    const { conversationId, token } = await endpoint.start(SECRET);
    await endpoint.pollUntil(conversationId, token, isWelcome);
    const { streamUrl } = await endpoint.json<Grant>('GET', `/conversations/${conversationId}`, token, 200);
    const stream = openStream(streamUrl as string);
    await stream.opened;
    await stream.waitFor(isWelcome);
    expect(stream.messages[0].activities.some(isWelcome)).toBe(true);
    const { id } = await endpoint.post(conversationId, token, { type: 'message', text: HONG_KONG });
    await stream.waitFor(isHongKongAnswer);
    const echo = stream.messages.findIndex((set) => set.activities.some((activity) => activity.id === id));
    const answer = stream.messages.findIndex((set) => set.activities.some(isHongKongAnswer));
    expect(echo).toBeGreaterThan(0);
    expect(answer).toBeGreaterThan(echo);
    expect(stream.messages[answer].activities).toHaveLength(1);
    stream.ws.close();
  });

  it('resumes after the watermark given to the reconnect', async () => {
    const { conversationId, token } = await endpoint.start(SECRET);
    const { watermark } = await endpoint.pollUntil(conversationId, token, isWelcome);
    await endpoint.post(conversationId, token, { type: 'message', text: HONG_KONG });
    await endpoint.pollUntil(conversationId, token, isHongKongAnswer);
    const { streamUrl } = await endpoint.json<Grant>('GET', `/conversations/${conversationId}?watermark=${watermark}`, token, 200);
    const stream = openStream(streamUrl as string);
    await stream.waitFor(isHongKongAnswer);
    expect(stream.messages[0].activities.some(isWelcome)).toBe(false);
    stream.ws.close();
  });

  it('refuses a stream URL without a valid token for that conversation', async () => {
    const a = await endpoint.start(SECRET);
    const b = await endpoint.start(SECRET);
    const tokenOfA = new URL(a.streamUrl as string).searchParams.get('t') as string;
    const wsBase = (a.streamUrl as string).replace(/\/conversations\/.*$/, '');
    await expect(openStream(`${wsBase}/conversations/${b.conversationId}/stream?t=${tokenOfA}`).opened).rejects.toThrow('HTTP 403');
    await expect(openStream(`${wsBase}/conversations/${a.conversationId}/stream`).opened).rejects.toThrow('HTTP 401');
    // An API token is not a stream token.
    await expect(openStream(`${wsBase}/conversations/${a.conversationId}/stream?t=${a.token}`).opened).rejects.toThrow('HTTP 403');
    await expect(openStream(`${wsBase}/conversations/${a.conversationId}/stream?t=${tokenOfA}x`).opened).rejects.toThrow('HTTP 403');
  });
});

describe('conversations that go idle', () => {
  let endpoint: Endpoint;
  beforeAll(async () => {
    // 0.02 minutes: 1.2 s.
    endpoint = await Endpoint.start({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_CONVERSATION_IDLE_MINUTES: '0.02' });
  });
  afterAll(() => endpoint.stop());

  it('are forgotten and their streams closed', async () => {
    const { conversationId, token, streamUrl } = await endpoint.start(SECRET);
    const stream = openStream(streamUrl as string);
    await stream.opened;
    expect(await stream.closed).toBe(1000);
    expect((await endpoint.call('GET', `/conversations/${conversationId}/activities`, token)).status).toBe(404);
  });
});

describe('stopping the server', () => {
  it('closes the open streams instead of waiting for them', async () => {
    const endpoint = await Endpoint.start({});
    const { streamUrl } = await endpoint.start();
    const stream = openStream(streamUrl as string);
    await stream.waitFor(isWelcome);
    const started = Date.now();
    await endpoint.stop();
    expect(await stream.closed).toBe(1001);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
