import { startRedisServer, type PrivateRedisServer } from '../storage/redisServer';
import { BotProcess } from './botProcess';

/**
 * The agent desk on two replicas sharing one Redis: an agent connected to replica A is told at
 * once (server-sent events, well within the desk page's own refresh) of what a user did on replica B.
 */
describe('the agent desk across two replicas', () => {
  let redis: PrivateRedisServer;
  let a: BotProcess;
  let b: BotProcess;
  const auth = { authorization: `Basic ${Buffer.from('alice:alice-secret-123').toString('base64')}` };

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { STORAGE: 'redis', REDIS_URL: redis.url, HANDOFF: 'desk', AGENT_ACCOUNTS: 'alice:alice-secret-123', LOG_LEVEL: 'warn', RATE_LIMIT_REQUESTS_PER_MINUTE: '100000' };
    [a, b] = [new BotProcess(env), new BotProcess(env)];
    await a.start(60_000);
    await b.start(60_000);
  }, 150_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  /** Reads server-sent events from `port` into `events`; returns how to stop. */
  async function listen(port: number, events: { kind: string; caseId: string; at: number }[]): Promise<() => void> {
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/agent/api/events`, { headers: auth, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    void (async () => {
      let buffer = '';
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (chunk.done) return;
        buffer += Buffer.from(chunk.value as Uint8Array).toString('utf8');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (data) events.push({ ...(JSON.parse(data) as { kind: string; caseId: string }), at: Date.now() });
        }
      }
    })();
    return () => abort.abort();
  }

  async function waitFor<T>(find: () => T | undefined, ms: number): Promise<T | undefined> {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) {
      const found = find();
      if (found !== undefined) return found;
    }
    return undefined;
  }

  it('shows an agent on A a case queued and a message sent on B, within a second', async () => {
    const events: { kind: string; caseId: string; at: number }[] = [];
    const stop = await listen(a.port, events);
    try {
      await b.say('desk-across', 'how long does an ICP filing take');
      await b.say('desk-across', 'talk to a person');
      const asked = Date.now();
      expect((await b.say('desk-across', 'Yes, connect me')).status).toBe(200);
      const queued = await waitFor(() => events.find((e) => e.kind === 'queued'), 3000);
      expect(queued).toBeDefined();
      expect((queued as { at: number }).at - asked).toBeLessThan(1000);

      const caseId = (queued as { caseId: string }).caseId;
      expect((await fetch(`http://127.0.0.1:${a.port}/agent/api/cases/${caseId}/claim`, { method: 'POST', headers: auth })).status).toBe(200);
      const said = Date.now();
      expect((await b.say('desk-across', 'are you there?')).status).toBe(200);
      const message = await waitFor(() => events.find((e) => e.kind === 'message' && e.caseId === caseId && e.at >= said), 3000);
      expect(message).toBeDefined();
      expect((message as { at: number }).at - said).toBeLessThan(1000);
    } finally {
      stop();
    }
  }, 60_000);
});
