import Redis from 'ioredis';
import { RedisConversationStore, sharedSigningKey } from '../../src/channels/directLine/redisConversationStore';
import type { LiveUpdate } from '../../src/channels/directLine/conversations';
import { startRedisServer, type PrivateRedisServer } from './redisServer';

const user = { id: 'u', role: 'user' as const };
const bot = { id: 'b', role: 'bot' as const };

describe('RedisConversationStore against a real Redis', () => {
  let server: PrivateRedisServer;
  const clients: Redis[] = [];
  const stores: RedisConversationStore[] = [];

  /** A store as one replica has it: its own connections to the shared server. */
  function replica(options: { idleMs?: number; maxTranscript?: number } = {}): RedisConversationStore {
    const redis = new Redis(server.url);
    const subscriber = new Redis(server.url);
    clients.push(redis, subscriber);
    const store = new RedisConversationStore({
      redis,
      subscriber,
      keyPrefix: 'test:',
      idleMs: options.idleMs ?? 60_000,
      bot,
      maxConversations: 100,
      maxTranscript: options.maxTranscript ?? 1000,
      maxTranscriptBytes: 1024 * 1024,
      log: () => undefined,
    });
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const store of stores) store.close();
    for (const client of clients) client.disconnect();
    await server.stop();
  });

  it('numbers concurrent appends from several replicas 0, 1, 2… with no gap and no number twice', async () => {
    const [a, b] = [replica(), replica()];
    await a.create('concurrent', user, undefined, { userBound: false });
    const [onA, onB] = [await a.get('concurrent'), await b.get('concurrent')];
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? onA : onB)!.appendFromBot({ type: 'message', text: String(i) })));
    const set = await onA!.activitiesAfter(undefined);
    expect(set.watermark).toBe('199');
    expect(set.activities.map((activity) => Number(activity.id.split('|')[1]))).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(new Set(set.activities.map((activity) => activity.text)).size).toBe(200);
    expect((await onB!.activitiesAfter(150)).activities.map((activity) => activity.id.split('|')[1])).toEqual(Array.from({ length: 49 }, (_, i) => String(151 + i).padStart(7, '0')));
  });

  it('delivers each append to a listener on another replica, in watermark order', async () => {
    const [a, b] = [replica(), replica()];
    await a.create('live', user, undefined, { userBound: false });
    const heard: LiveUpdate[] = [];
    const unsubscribe = await (await b.get('live'))!.subscribe((update) => heard.push(update));
    const onA = (await a.get('live'))!;
    for (let i = 0; i < 20; i++) await onA.appendFromBot({ type: 'message', text: String(i) });
    for (let wait = 0; heard.length < 20 && wait < 50; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
    unsubscribe();
    expect(heard.map((update) => (update === 'resync' ? 'resync' : update.watermark))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });

  it('keeps a client post sent again with the same clientActivityID once, and a re-run turn\'s replies once', async () => {
    const store = replica();
    const conversation = (await store.create('dedupe', user, undefined, { userBound: false }))!;
    const first = await conversation.appendFromClient({ type: 'message', text: 'hi' }, 'client-1');
    const again = await conversation.appendFromClient({ type: 'message', text: 'hi' }, 'client-1');
    expect(again).toEqual({ id: first.id });
    expect(await conversation.appendFromBot({ type: 'message', text: 'answer' }, { replyToId: first.id, ordinal: 0 })).toBeDefined();
    expect(await conversation.appendFromBot({ type: 'message', text: 'answer' }, { replyToId: first.id, ordinal: 0 })).toBeUndefined();
    expect((await conversation.activitiesAfter(undefined)).activities.map((activity) => activity.text)).toEqual(['hi', 'answer']);
  });

  it('names the conversation of a token the same on every replica, binding and owner included', async () => {
    const [a, b] = [replica(), replica()];
    expect(await a.create('bound', user, 'zh-CN', { userBound: true, ownerKey: 'k' })).toBeDefined();
    expect(await b.create('bound', user, undefined, { userBound: false })).toBeUndefined();
    const seen = (await b.get('bound'))!;
    expect({ user: seen.user, locale: seen.locale, userBound: seen.userBound, ownerKey: seen.ownerKey }).toEqual({ user, locale: 'zh-CN', userBound: true, ownerKey: 'k' });
    const redis = clients[0];
    expect((await sharedSigningKey(redis, 'test:')).equals(await sharedSigningKey(clients[2], 'test:'))).toBe(true);
  });

  it('forgets a conversation idle for longer than the idle time', async () => {
    const store = replica({ idleMs: 300 });
    await store.create('idle', user, undefined, { userBound: false });
    expect(await store.get('idle')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await store.get('idle')).toBeUndefined();
  });

  it('keeps the last maxTranscript activities, the watermark still counting', async () => {
    const store = replica({ maxTranscript: 5 });
    const conversation = (await store.create('trim', user, undefined, { userBound: false }))!;
    for (let i = 0; i < 12; i++) await conversation.appendFromBot({ type: 'message', text: String(i) });
    const set = await conversation.activitiesAfter(undefined);
    expect(set.activities.map((activity) => activity.text)).toEqual(['7', '8', '9', '10', '11']);
    expect(set.watermark).toBe('11');
  });
});
