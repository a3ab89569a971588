import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

/** A stand-in for the Bot Framework connector service: records every activity the bot posts. */
class ConnectorStub {
  readonly received: { path: string; body: Record<string, unknown> }[] = [];
  private waiters: (() => void)[] = [];
  private readonly server: HttpServer = createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves once `count` activities have arrived (or fails the test after 5 s). */
  async waitFor(count: number): Promise<void> {
    const deadline = Date.now() + 5000;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`connector stub: expected ${count} activities, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  private handle(req: IncomingMessage, res: import('node:http').ServerResponse): void {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      this.received.push({ path: req.url ?? '', body: JSON.parse(data || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${this.received.length}` }));
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }
}

let server: Server;
let base: string;
let connector: ConnectorStub;
let serviceUrl: string;

beforeAll(async () => {
  connector = new ConnectorStub();
  serviceUrl = await connector.start();
  const config = testConfig({ MAX_BODY_BYTES: String(1024 * 1024) });
  const app = testBotApp();
  server = buildServer(config, app, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connector.stop();
});

function activity(text: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    text,
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: 'e2e-conversation' },
    from: { id: 'e2e-user' },
    recipient: { id: 'bot' },
    ...extra,
  };
}

function post(body: string, contentType = 'application/json') {
  return fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('the real server', () => {
  it('reports health', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', entries: { en: expect.any(Number) } });
  });

  it('posts the answer to the connector named in serviceUrl', async () => {
    const before = connector.received.length;
    const incoming = activity('do I need an ICP filing if my server is in Hong Kong');
    const res = await post(JSON.stringify(incoming));
    expect(res.status).toBe(200);
    await connector.waitFor(before + 1);
    const [reply] = connector.received.slice(before);
    expect(reply.path).toBe(`/v3/conversations/e2e-conversation/activities/${incoming.id}`);
    expect(reply.body).toMatchObject({ type: 'message', replyToId: incoming.id, recipient: { id: 'e2e-user' } });
    expect(reply.body.text).toMatch(/doesn't need an ICP filing/);
  });

  it('returns the replies in the response with deliveryMode expectReplies', async () => {
    const res = await post(JSON.stringify(activity('论坛网站可以备案吗', { deliveryMode: 'expectReplies', locale: 'zh-CN' })));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: { type: string; text: string }[] };
    expect(body.activities.map((a) => a.type)).toEqual(['message']);
    expect(body.activities[0].text).toMatch(/论坛|BBS/);
  });

  it.each([
    ['a body that is not JSON', 'this is not json', 'application/json', 400],
    ['JSON that is not an object', '[1,2,3]', 'application/json', 400],
    ['an activity without a type', JSON.stringify({ text: 'hi' }), 'application/json', 400],
    ['a type that is not a string', JSON.stringify({ type: 5 }), 'application/json', 400],
    ['an unsupported content type', 'type=message', 'application/x-www-form-urlencoded', 415],
  ])('answers %s with the right status', async (_name, body, contentType, status) => {
    const res = await post(body, contentType);
    expect(res.status).toBe(status);
  });

  it('refuses a body over the configured limit with 413', async () => {
    const res = await post(JSON.stringify(activity('x'.repeat(1024 * 1024 + 10))));
    expect(res.status).toBe(413);
  });

  it('accepts a non-message activity without a reply', async () => {
    const before = connector.received.length;
    const res = await post(JSON.stringify(activity(undefined, { type: 'typing' })));
    expect(res.status).toBe(200);
    expect(connector.received.length).toBe(before);
  });

  it('assesses a profile on POST /api/assess', async () => {
    const res = await fetch(`${base}/api/assess`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hosting: 'outside-mainland', mainlandCdn: false }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ filingRequired: { answer: 'no' }, cites: expect.arrayContaining(['hosted-outside-mainland']) });
  });

  it.each([
    [{ hosting: 'moon' }, 'hosting', /Invalid option/],
    [{ colour: 'red' }, 'colour', /unknown field/],
    [{ numberOfSites: 'many' }, 'numberOfSites', /number/],
  ])('answers an invalid profile %j with 400 naming the field', async (profile, field, reason) => {
    const res = await fetch(`${base}/api/assess`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profile) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { field: string; reason: string };
    expect(body.field).toBe(field);
    expect(body.reason).toMatch(reason);
  });

  it('keeps serving after all of that', async () => {
    const res = await post(JSON.stringify(activity('hello', { deliveryMode: 'expectReplies' })));
    expect(res.status).toBe(200);
  });
});
