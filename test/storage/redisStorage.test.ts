import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreItem } from 'botbuilder';
import Redis from 'ioredis';
import { ETagConflictError, RedisStorage, withETagRetry } from '../../src/storage/redisStorage';
import { CorruptStateError } from '../../src/storage/fileStorage';
import { freePort, startRedisServer, type PrivateRedisServer } from './redisServer';
import { raceFirstSaves } from './firstSaves';

/** The Redis shared with other developers and test runs: only keys under PREFIX are ours. */
const SHARED_URL = 'redis://127.0.0.1:6379';
const PREFIX = `icp-bot-test:${process.pid}-${randomUUID()}:`;

let admin: Redis;
const opened: RedisStorage[] = [];

/** A storage on the shared Redis under this run's prefix, closed after all tests. */
function sharedStorage(options: { ttlSeconds?: number; keyPrefix?: string } = {}): RedisStorage {
  const storage = new RedisStorage({ url: SHARED_URL, keyPrefix: PREFIX, ...options });
  opened.push(storage);
  return storage;
}

/** Every key of the shared Redis under `prefix`. */
async function keysUnder(prefix: string): Promise<string[]> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** Rejects when `promise` has not settled after `ms`, so a hanging operation fails the test instead of the suite. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(ms, undefined, { signal: timeout.signal }).then(() => {
        throw new Error(`did not settle within ${ms} ms`);
      }),
    ]);
  } finally {
    timeout.abort();
  }
}

/** How long `promise` took to settle, and its rejection (undefined when it resolved). */
async function timed(promise: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await within(8000, promise).then(
    () => undefined,
    (reason: unknown) => reason ?? new Error('rejected without a reason'),
  );
  return { ms: Date.now() - started, error };
}

beforeAll(async () => {
  admin = new Redis(SHARED_URL, { maxRetriesPerRequest: 1 });
  await admin.ping();
});

afterAll(async () => {
  await Promise.all(opened.map((storage) => storage.close()));
  const keys = await keysUnder(PREFIX);
  if (keys.length > 0) await admin.del(keys);
  await admin.quit();
});

describe('RedisStorage options', () => {
  it.each([
    ['a URL of another scheme', { url: 'http://127.0.0.1:6379' }, /url/],
    ['no URL and no client', {}, /url or client is required/],
    ['a negative TTL', { url: SHARED_URL, ttlSeconds: -1 }, /ttlSeconds/],
    ['a zero command timeout', { url: SHARED_URL, commandTimeoutMs: 0 }, /commandTimeoutMs/],
    ['an empty key prefix', { url: SHARED_URL, keyPrefix: '' }, /keyPrefix/],
    ['an unknown option', { url: SHARED_URL, ttl: 5 }, /ttl/],
  ])('rejects %s, naming RedisStorage() and the option', (_case, options, problem) => {
    const construct = () => new RedisStorage(options as ConstructorParameters<typeof RedisStorage>[0]);
    expect(construct).toThrow(/^RedisStorage\(\): invalid options/);
    expect(construct).toThrow(problem);
  });

  it('fills in the defaults', () => {
    const storage = sharedStorage({ keyPrefix: undefined });
    expect(storage.options).toEqual({ url: SHARED_URL, keyPrefix: 'icp-bot:', ttlSeconds: 0, commandTimeoutMs: 2000 });
  });
});

describe('withETagRetry', () => {
  const conflict = () => new ETagConflictError(['k']);

  it('re-runs the attempt after eTag conflicts and returns its result', async () => {
    let calls = 0;
    const result = await withETagRetry(async () => {
      calls += 1;
      if (calls < 3) throw conflict();
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it("recognises other stores' conflicts by their message", async () => {
    let calls = 0;
    await withETagRetry(async () => {
      calls += 1;
      if (calls === 1) throw new Error('Storage: error writing "k" due to eTag conflict.');
    });
    expect(calls).toBe(2);
  });

  it('rethrows any other error at once', async () => {
    let calls = 0;
    const failing = withETagRetry(async () => {
      calls += 1;
      throw new Error('connection lost');
    });
    await expect(failing).rejects.toThrow('connection lost');
    expect(calls).toBe(1);
  });

  it('rethrows the last conflict after `retries` re-runs', async () => {
    let calls = 0;
    const failing = withETagRetry(async () => {
      calls += 1;
      throw conflict();
    }, 2);
    await expect(failing).rejects.toBeInstanceOf(ETagConflictError);
    expect(calls).toBe(3);
  });
});

describe('RedisStorage on a real Redis', () => {
  let storage: RedisStorage;
  beforeAll(() => {
    storage = sharedStorage();
  });

  it('is ready and answers a ping', async () => {
    expect(await storage.ping()).toBe(true);
    expect(storage.isReady).toBe(true);
  });

  it('reads back what it wrote, with an eTag, as a copy', async () => {
    await storage.write({ roundTrip: { count: 1, nested: { list: [1, 'two', null], flag: true } } });
    const first = await storage.read(['roundTrip']);
    expect(first.roundTrip).toEqual({ count: 1, nested: { list: [1, 'two', null], flag: true }, eTag: expect.any(String) });
    first.roundTrip.count = 99;
    first.roundTrip.nested.list.push('changed');
    const second = await storage.read(['roundTrip']);
    expect(second.roundTrip.count).toBe(1);
    expect(second.roundTrip.nested.list).toEqual([1, 'two', null]);
  });

  it('leaves keys that are not stored out of the result', async () => {
    await storage.write({ present: { value: 'here' } });
    const items = await storage.read(['present', 'absent']);
    expect(Object.keys(items)).toEqual(['present']);
    expect(await storage.read([])).toEqual({});
  });

  it('stores each item as JSON with its eTag, under the prefix', async () => {
    await storage.write({ layout: { text: 'x', eTag: '*' } });
    const raw = await admin.get(`${PREFIX}layout`);
    const { eTag } = (await storage.read(['layout'])).layout as StoreItem;
    expect(JSON.parse(raw ?? 'null')).toEqual({ eTag, item: { text: 'x' } });
  });

  it('gives every write a new eTag', async () => {
    const eTags = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await storage.write({ fresh: { i } });
      eTags.add((await storage.read(['fresh'])).fresh.eTag);
    }
    expect(eTags.size).toBe(5);
  });

  it('accepts a write carrying the current eTag', async () => {
    await storage.write({ current: { n: 1 } });
    const read = await storage.read(['current']);
    await storage.write({ current: { ...read.current, n: 2 } });
    expect((await storage.read(['current'])).current.n).toBe(2);
  });

  it('rejects a stale eTag, naming the key, and keeps the stored value', async () => {
    await storage.write({ stale: { n: 1 } });
    const old = (await storage.read(['stale'])).stale;
    await storage.write({ stale: { ...old, n: 2 } });
    const current = (await storage.read(['stale'])).stale;

    const write = storage.write({ stale: { ...old, n: 3 } });
    await expect(write).rejects.toBeInstanceOf(ETagConflictError);
    await expect(write).rejects.toThrow(/eTag conflict.*"stale"/);
    expect((await storage.read(['stale'])).stale).toEqual(current);
  });

  it("overwrites whatever is stored when the eTag is '*' or missing", async () => {
    await storage.write({ star: { n: 1 } });
    await storage.write({ star: { n: 2 } });
    await storage.write({ star: { n: 3, eTag: '*' } });
    expect((await storage.read(['star'])).star.n).toBe(3);
    await storage.write({ star: { n: 4 } });
    expect((await storage.read(['star'])).star.n).toBe(4);
  });

  it('accepts a conditional write of a key that is not stored, as MemoryStorage does', async () => {
    await storage.write({ neverStored: { n: 1, eTag: 'some-old-etag' } });
    expect((await storage.read(['neverStored'])).neverStored.n).toBe(1);
  });

  it('applies nothing of a multi-item write when one eTag is stale', async () => {
    await storage.write({ atomicA: { n: 1 }, atomicB: { n: 1 } });
    const before = await storage.read(['atomicA', 'atomicB']);
    await storage.write({ atomicB: { ...before.atomicB, n: 2 } }); // atomicB's eTag in `before` is now stale
    const expected = await storage.read(['atomicA', 'atomicB']);

    const write = storage.write({ atomicA: { ...before.atomicA, n: 10 }, atomicB: { ...before.atomicB, n: 10 }, atomicC: { n: 10 } });
    await expect(write).rejects.toThrow(/eTag conflict on key "atomicB":/);
    await expect(write).rejects.toMatchObject({ keys: ['atomicB'] });
    expect(await storage.read(['atomicA', 'atomicB', 'atomicC'])).toEqual(expected);
  });

  it('loses no update when 50 writers on 5 clients increment one counter concurrently', async () => {
    const clients = Array.from({ length: 5 }, () => sharedStorage());
    await storage.write({ counter: { count: 0 } });
    let attempts = 0;
    await Promise.all(
      Array.from({ length: 50 }, (_unused, writer) =>
        withETagRetry(async () => {
          attempts += 1;
          const client = clients[writer % clients.length];
          const { counter } = await client.read(['counter']);
          await client.write({ counter: { ...counter, count: counter.count + 1 } });
        }, 200),
      ),
    );
    expect((await storage.read(['counter'])).counter.count).toBe(50);
    expect(attempts).toBeGreaterThan(50); // the writers did collide, and the conflicts were caught
  });

  it('lets only one of two instances create a key that neither found (first turns of a new conversation)', async () => {
    const { saved, conflicted, stored } = await raceFirstSaves([storage, sharedStorage()], 'newConversation');
    expect(saved).toHaveLength(1);
    expect(conflicted).toHaveLength(1);
    expect(stored).toMatchObject({ turn: saved[0] });
  });

  it("lets two instances with their own clients see each other's writes and conflicts", async () => {
    const other = sharedStorage();
    await storage.write({ sharedItem: { from: 'first' } });
    const seen = (await other.read(['sharedItem'])).sharedItem;
    expect(seen.from).toBe('first');

    await other.write({ sharedItem: { ...seen, from: 'second' } });
    const back = (await storage.read(['sharedItem'])).sharedItem;
    expect(back.from).toBe('second');
    await expect(storage.write({ sharedItem: { ...seen, from: 'stale' } })).rejects.toThrow(/eTag conflict/);
  });

  it('deletes the given keys and ignores keys that are not stored', async () => {
    await storage.write({ gone: { n: 1 }, kept: { n: 2 } });
    await storage.delete(['gone', 'neverThere']);
    expect(await storage.read(['gone', 'kept'])).toEqual({ kept: expect.objectContaining({ n: 2 }) });
    expect(await admin.exists(`${PREFIX}gone`)).toBe(0);
    await storage.delete([]);
  });

  it.each([
    ['slashes and colons', 'msteams/conversations/19:abc@thread.tacv2'],
    ['Chinese and emoji', '网页/用户/张三 😀'],
    ['spaces and a newline', 'directline/users/a b\nc'],
    ['glob characters', 'weird*[key]?'],
  ])('round-trips keys with %s', async (_case, key) => {
    await storage.write({ [key]: { value: key } });
    expect((await storage.read([key]))[key]).toMatchObject({ value: key });
    expect(await admin.exists(`${PREFIX}${key}`)).toBe(1);
    await storage.delete([key]);
    expect(await storage.read([key])).toEqual({});
  });

  it('reports a value it did not write as corrupt state, naming the key', async () => {
    await admin.set(`${PREFIX}foreign`, 'not json');
    await expect(storage.read(['foreign'])).rejects.toBeInstanceOf(CorruptStateError);
    await expect(storage.read(['foreign'])).rejects.toMatchObject({ key: 'foreign' });
  });

  it('rejects items that are not objects and the reserved counter key', async () => {
    await expect(storage.write({ text: 'hello' })).rejects.toThrow('RedisStorage.write(): the item of key "text" must be an object');
    await expect(storage.write({ __eTagCounter: { n: 1 } })).rejects.toThrow(/reserved/);
  });

  it('uses an injected client and leaves it open on close', async () => {
    const client = new Redis(SHARED_URL, { maxRetriesPerRequest: 1 });
    try {
      const injected = new RedisStorage({ client, keyPrefix: PREFIX });
      await injected.write({ injected: { n: 1 } });
      await injected.close();
      expect(client.status).toBe('ready');
      expect(await client.exists(`${PREFIX}injected`)).toBe(1);
      await expect(injected.read(['injected'])).rejects.toThrow('RedisStorage.read(): the storage is closed');
    } finally {
      await client.quit();
    }
  });
});

describe('RedisStorage TTL', () => {
  it('sets the TTL on write and restarts it on every write', async () => {
    const storage = sharedStorage({ ttlSeconds: 1 });
    await storage.write({ ttlRefresh: { n: 1 } });
    const first = await admin.pttl(`${PREFIX}ttlRefresh`);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(1000);
    await sleep(300);
    const aged = await admin.pttl(`${PREFIX}ttlRefresh`);
    expect(aged).toBeLessThanOrEqual(first - 250);
    await storage.write({ ttlRefresh: { n: 2 } });
    expect(await admin.pttl(`${PREFIX}ttlRefresh`)).toBeGreaterThan(aged + 200);
  });

  it('keeps items forever with ttlSeconds 0, clearing an earlier TTL', async () => {
    await sharedStorage({ ttlSeconds: 60 }).write({ ttlForever: { n: 1 } });
    expect(await admin.pttl(`${PREFIX}ttlForever`)).toBeGreaterThan(0);
    await sharedStorage({ ttlSeconds: 0 }).write({ ttlForever: { n: 2 } });
    expect(await admin.pttl(`${PREFIX}ttlForever`)).toBe(-1);
  });

  it('lets an idle item expire', async () => {
    const storage = sharedStorage({ ttlSeconds: 1 });
    await storage.write({ ttlExpire: { n: 1 } });
    expect(Object.keys(await storage.read(['ttlExpire']))).toEqual(['ttlExpire']);
    await sleep(1300);
    expect(await storage.read(['ttlExpire'])).toEqual({});
  });
});

describe('RedisStorage while its Redis is down', () => {
  let server: PrivateRedisServer | undefined;
  let storage: RedisStorage | undefined;

  afterAll(async () => {
    await storage?.close();
    await server?.stop();
  });

  it('fails fast during an outage and works again, same instance, once Redis is back', async () => {
    server = await startRedisServer();
    const { port } = server;
    storage = new RedisStorage({ url: server.url, keyPrefix: PREFIX });
    await storage.write({ outage: { n: 1 } });
    expect((await storage.read(['outage'])).outage.n).toBe(1);

    await server.stop();
    server = undefined;
    const [read, write, ping] = await Promise.all([
      timed(storage.read(['outage'])),
      timed(storage.write({ outage: { n: 2 } })),
      timed(storage.ping().then((up) => expect(up).toBe(false))),
    ]);
    expect(read.error).toEqual(expect.objectContaining({ message: expect.stringMatching(/^RedisStorage\.read\(\): /) }));
    expect(write.error).toEqual(expect.objectContaining({ message: expect.stringMatching(/^RedisStorage\.write\(\): /) }));
    expect(ping.error).toBeUndefined();
    for (const { ms } of [read, write, ping]) expect(ms).toBeLessThan(3000);
    // (isReady is not checked here: with test files running side by side, another private server
    // may take the freed port, and the client then connects to it.)

    server = await startRedisServer(port);
    const started = Date.now();
    let recovered = false;
    while (!recovered && Date.now() - started < 10_000) {
      recovered = await storage.write({ outage: { n: 3 } }).then(
        () => true,
        () => sleep(200).then(() => false),
      );
    }
    expect(recovered).toBe(true);
    expect(storage.isReady).toBe(true);
    expect((await storage.read(['outage'])).outage.n).toBe(3);
  });

  it('fails fast when Redis was never reachable', async () => {
    const unreachable = new RedisStorage({ url: `redis://127.0.0.1:${await freePort()}`, keyPrefix: PREFIX });
    try {
      const { ms, error } = await timed(unreachable.read(['anything']));
      expect(error).toEqual(expect.objectContaining({ message: expect.stringMatching(/^RedisStorage\.read\(\): /) }));
      expect(ms).toBeLessThan(3000);
    } finally {
      await unreachable.close();
    }
  });
});
