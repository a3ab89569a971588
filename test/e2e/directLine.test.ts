import type { AddressInfo } from 'node:net';
import type { DirectLineOptions } from 'botframework-directlinejs';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';
import { Client, type Received } from './directLineClient';

const SECRET = 'e2e-direct-line-secret-0123456789';
const HONG_KONG = 'do I need an ICP filing if my server is in Hong Kong';

interface Running {
  server: Server;
  domain: string;
  /** WebSocket upgrades the server has seen. */
  upgrades: number;
}

async function start(env: Record<string, string>): Promise<Running> {
  const server = buildServer(testConfig(env), testBotApp(env), () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const running = { server, domain: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`, upgrades: 0 };
  server.server.on('upgrade', () => running.upgrades++);
  return running;
}

function stop(running: Running): Promise<void> {
  return new Promise((resolve) => running.server.close(() => resolve()));
}

const fromBot = (pattern: RegExp) => (activity: Received) => activity.from.role === 'bot' && activity.type === 'message' && pattern.test(activity.text ?? '');

async function generateToken(domain: string, secret?: string, body?: unknown): Promise<{ conversationId: string; token: string; expires_in: number }> {
  const res = await fetch(`${domain}/tokens/generate`, {
    method: 'POST',
    headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { conversationId: string; token: string; expires_in: number };
}

describe.each([
  ['WebSocket', true],
  ['polling', false],
])('Web Chat’s Direct Line client over %s', (_mode, webSocket) => {
  let open: Running;
  let closed: Running;
  const clients: Client[] = [];
  const client = (options: DirectLineOptions) => {
    const made = new Client({ webSocket, ...options });
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    open = await start({});
    closed = await start({ DIRECTLINE_SECRET: SECRET });
  });

  afterEach(() => clients.splice(0).forEach((c) => c.end()));

  afterAll(async () => {
    await Promise.all([stop(open), stop(closed)]);
  });

  it('shows the welcome, then answers a question (token from tokens/generate)', async () => {
    const { token } = await generateToken(open.domain);
    const chat = client({ domain: open.domain, token });
    await chat.waitFor(fromBot(/ICP Filing Assistant/), 'welcome');
    const id = await chat.post(HONG_KONG);
    expect(id).toMatch(/\|\d{7}$/);
    const answer = await chat.waitFor(fromBot(/doesn't need an ICP filing/), 'answer');
    expect(answer.replyToId).toBe(id);
    // The mode under test is the one in use: a stream was opened only over WebSocket.
    expect(open.upgrades > 0).toBe(webSocket);
  });

  it('echoes the user’s own message with the id postActivity returned', async () => {
    const { token } = await generateToken(open.domain);
    const chat = client({ domain: open.domain, token });
    const id = await chat.post('hello');
    const echo = await chat.waitFor((activity) => activity.id === id, 'echo');
    expect(echo).toMatchObject({ type: 'message', text: 'hello', from: { role: 'user' }, channelId: 'directline' });
  });

  it('answers a question in Chinese in Chinese', async () => {
    const { token } = await generateToken(open.domain);
    const chat = client({ domain: open.domain, token });
    await chat.post('我的服务器在香港，需要备案吗');
    const answer = await chat.waitFor(fromBot(/备案/), 'Chinese answer');
    expect(answer.text).toMatch(/[\u4e00-\u9fff]/);
    expect(answer.text).not.toMatch(/doesn't need/);
  });

  it('works with the secret when the endpoint has one', async () => {
    const chat = client({ domain: closed.domain, secret: SECRET });
    await chat.waitFor(fromBot(/ICP Filing Assistant/), 'welcome');
    await chat.post(HONG_KONG);
    await chat.waitFor(fromBot(/doesn't need an ICP filing/), 'answer');
  });

  it('works with neither token nor secret on an open endpoint (it adopts the token it is given)', async () => {
    const chat = client({ domain: open.domain });
    await chat.waitFor(fromBot(/ICP Filing Assistant/), 'welcome');
    await chat.post(HONG_KONG);
    await chat.waitFor(fromBot(/doesn't need an ICP filing/), 'answer');
  });

  it('keeps the from.id the client sends when its token names no user, as Azure’s Direct Line does', async () => {
    const { token } = await generateToken(open.domain);
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))).not.toHaveProperty('user');
    const chat = client({ domain: open.domain, token });
    const id = await chat.post('hello', { from: { id: 'botium-me' } });
    const echo = await chat.waitFor((activity) => activity.id === id, 'echo');
    expect(echo.from).toMatchObject({ id: 'botium-me', role: 'user' });
    const reply = await chat.waitFor((activity) => activity.from.role === 'bot' && activity.replyToId === id, 'reply');
    expect(reply.recipient?.id).toBe('botium-me');
    // The token the client adopted from POST /conversations names no user either: the next message keeps its id too.
    const second = await chat.post('thanks', { from: { id: 'botium-me' } });
    expect((await chat.waitFor((activity) => activity.id === second, 'second echo')).from.id).toBe('botium-me');
  });

  it('keeps the from.id the client sends on an endpoint with a secret, which binds no user either', async () => {
    const chat = client({ domain: closed.domain, secret: SECRET });
    await chat.waitFor(fromBot(/ICP Filing Assistant/), 'welcome');
    const id = await chat.post('hello', { from: { id: 'botium-me' } });
    expect((await chat.waitFor((activity) => activity.id === id, 'echo')).from).toMatchObject({ id: 'botium-me', role: 'user' });
    const reply = await chat.waitFor((activity) => activity.from.role === 'bot' && activity.replyToId === id, 'reply');
    expect(reply.recipient?.id).toBe('botium-me');
  });

  it('works on an open endpoint with a secret of the client’s own making, which only its conversations accept', async () => {
    const chat = client({ domain: open.domain, secret: 'a-secret-of-my-own-making' });
    await chat.waitFor(fromBot(/ICP Filing Assistant/), 'welcome');
    const id = await chat.post(HONG_KONG, { from: { id: 'me' } });
    expect((await chat.waitFor((activity) => activity.id === id, 'echo')).from.id).toBe('me');
    await chat.waitFor(fromBot(/doesn't need an ICP filing/), 'answer');
    const conversationId = (chat.connection as unknown as { conversationId: string }).conversationId;
    const other = await fetch(`${open.domain}/conversations/${conversationId}/activities`, { headers: { authorization: 'Bearer another-secret-of-anyones-making' } });
    expect(other.status).toBe(401);
  });

  it('posts as the user the token names, whatever from.id the client sends', async () => {
    const { token } = await generateToken(open.domain, undefined, { user: { id: 'dl_alice', name: 'Alice' } });
    const chat = client({ domain: open.domain, token });
    const id = await chat.post('hello');
    const echo = await chat.waitFor((activity) => activity.id === id, 'echo');
    expect(echo.from.id).toBe('dl_alice');
    const reply = await chat.waitFor((activity) => activity.from.role === 'bot' && activity.replyToId === id, 'reply');
    expect(reply.recipient?.id).toBe('dl_alice');
  });
});
