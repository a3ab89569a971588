import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

const ENV = { AGENT_ACCOUNTS: 'carol:carol-secret-123' };
const CAROL = { authorization: `Basic ${Buffer.from('carol:carol-secret-123').toString('base64')}` };

const servers: Server[] = [];

async function start(env: Record<string, string>): Promise<string> {
  const server = buildServer(testConfig(env), testBotApp(env), () => undefined);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** One message through POST /api/messages with expectReplies; resolves the replies. */
async function say(base: string, text: string): Promise<{ text?: string; suggestedActions?: { actions: { title: string }[] } }[]> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m-${Math.random().toString(36).slice(2)}`,
      text,
      deliveryMode: 'expectReplies',
      channelId: 'test',
      serviceUrl: 'http://localhost',
      conversation: { id: 'stats-conversation' },
      from: { id: 'stats-user' },
      recipient: { id: 'bot' },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: [] }).activities;
}

describe('GET /api/stats', () => {
  let base: string;
  beforeAll(async () => {
    base = await start(ENV);
  });

  it.each([
    ['no credentials', {}],
    ['a wrong secret', { authorization: `Basic ${Buffer.from('carol:wrong-secret-000').toString('base64')}` }],
  ])('answers 401 with a Basic challenge for %s', async (_name, headers) => {
    const res = await fetch(`${base}/api/stats`, { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('returns the report numbers of the conversations so far', async () => {
    const [answer] = await say(base, 'do I need an ICP filing if my server is in Hong Kong');
    expect(answer.suggestedActions?.actions.map((a) => a.title)).toContain('👍 Helpful');
    expect((await say(base, '👍 Helpful'))[0].text).toMatch(/^Thanks for telling me/);
    await say(base, 'purple monkey dishwasher');

    const res = await fetch(`${base}/api/stats?since=1d`, { headers: CAROL });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const stats = (await res.json()) as { totals: object; clusters: { members?: unknown }[]; thresholds: object; eventLog: object };
    expect(stats.totals).toMatchObject({ questions: 2, answered: 1, unanswered: 1, helpful: 1, notHelpful: 0, answerRate: 0.5, helpfulRate: 1, users: 1 });
    expect(stats.clusters).toEqual([expect.objectContaining({ representative: 'purple monkey dishwasher', count: 1 })]);
    expect(stats.clusters[0].members).toBeUndefined();
    // The configured defaults (the clarify sweep moves CLARIFY_THRESHOLD when the knowledge base changes).
    const { ANSWER_THRESHOLD, CLARIFY_THRESHOLD } = testConfig();
    expect(stats.thresholds).toEqual({ answer: ANSWER_THRESHOLD, clarify: CLARIFY_THRESHOLD });
    expect(stats.eventLog).toMatchObject({ pending: 0, failedFlushes: 0, dropped: 0 });
    expect(JSON.stringify(stats)).not.toContain('stats-user');
  });

  it('answers 400 naming a bad since', async () => {
    const res = await fetch(`${base}/api/stats?since=yesterday`, { headers: CAROL });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid since', reason: '"yesterday" is not a period (7d, 24h, 2w) or a date (2026-11-01)' });
  });

  it('answers 404 when the event log is off', async () => {
    const off = await start({ ...ENV, EVENT_LOG: 'off' });
    const res = await fetch(`${off}/api/stats`, { headers: CAROL });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'the event log is off (EVENT_LOG=off)' });
  });
});
