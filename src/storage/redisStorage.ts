import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import Redis from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../log.js';
import { isETagConflict } from './guardedStorage.js';
import { CorruptStateError } from './fileStorage.js';
import { CREATE_ONLY_ETAG } from './createOnly.js';

/** Options of {@link RedisStorage}. */
export const RedisStorageOptions = z
  .strictObject({
    /** Server to connect to, `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS; required unless `client` is given. */
    url: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    /** Prepended to every key, so several bots (or test runs) can share one server. */
    keyPrefix: z.string().min(1).default('icp-bot:'),
    /** Idle items expire this long after their last write; 0 keeps them forever. */
    ttlSeconds: z.number().int().min(0).default(0),
    /** Longest an operation waits for a connection or a reply before it fails. */
    commandTimeoutMs: z.number().int().min(1).default(2000),
    /** A client to use instead of connecting to `url` (tests); the caller keeps ownership and closes it. */
    client: z.custom<Redis>((value) => value instanceof Redis, 'must be an ioredis client').optional(),
    /** Where connection losses and recoveries are reported; silent when absent. */
    log: z.custom<Logger>((value) => typeof value === 'function', 'must be a function').optional(),
  })
  .refine((options) => options.url !== undefined || options.client !== undefined, 'url or client is required');
export type RedisStorageOptions = z.infer<typeof RedisStorageOptions>;

/** Thrown by {@link RedisStorage.write} when an item's eTag is stale; nothing of that write is applied. */
export class ETagConflictError extends Error {
  override name = 'ETagConflictError';

  constructor(readonly keys: string[]) {
    super(`RedisStorage.write(): eTag conflict on key ${keys.map((key) => JSON.stringify(key)).join(', ')}: the item changed since it was read`);
  }
}

/** Name of the script command registered on the client. */
const WRITE_COMMAND = 'icpBotStorageWrite';
/** Key (after the prefix) of the counter numbering eTags; storage keys may not use it. */
const ETAG_COUNTER = '__eTagCounter';
/** Longest pause between two reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2000;
/** How long close() lets an unusable socket end gracefully before destroying it. */
const DISCONNECT_TIMEOUT_MS = 200;

/**
 * Check-and-set of every item of one write, atomic because Redis runs a script alone.
 * KEYS[1] is the eTag counter, KEYS[2..n+1] the items. ARGV[1] is the TTL in seconds (0 = none),
 * ARGV[2] a random suffix making eTags unique even if the counter is lost, ARGV[3..n+2] the expected
 * eTags ('' = unconditional, {@link CREATE_ONLY_ETAG} = only if the key is not stored),
 * ARGV[n+3..2n+2] the items as JSON without their eTag.
 * Returns the 1-based positions of the items whose eTag is stale; empty when all were written.
 * A create-only item is stale when its key exists: checked and set in one script, it is `SET NX`
 * for the whole batch, so one stale item still applies nothing.
 * Stored values start with their eTag (`{"eTag":"…","item":…}`), so the check needs no JSON decoding.
 */
const WRITE_SCRIPT = `
local n = #KEYS - 1
local stale = {}
for i = 1, n do
  local expected = ARGV[i + 2]
  if expected == ${JSON.stringify(CREATE_ONLY_ETAG)} then
    if redis.call('EXISTS', KEYS[i + 1]) == 1 then
      stale[#stale + 1] = i
    end
  elseif expected ~= '' then
    local stored = redis.call('GET', KEYS[i + 1])
    if stored and string.match(stored, '^{"eTag":"([^"]*)"') ~= expected then
      stale[#stale + 1] = i
    end
  end
end
if #stale > 0 then return stale end
local ttl = tonumber(ARGV[1])
for i = 1, n do
  local eTag = redis.call('INCR', KEYS[1]) .. '-' .. ARGV[2]
  local value = '{"eTag":"' .. eTag .. '","item":' .. ARGV[n + i + 2] .. '}'
  if ttl > 0 then
    redis.call('SET', KEYS[i + 1], value, 'EX', ttl)
  else
    redis.call('SET', KEYS[i + 1], value)
  end
end
return stale
`;

type WriteCommand = (numberOfKeys: number, ...keysAndArgs: (string | number)[]) => Promise<number[]>;

/** What one Redis value holds: the item's current eTag and the item without it. */
const StoredValue = z.object({ eTag: z.string(), item: z.record(z.string(), z.unknown()) });

/**
 * A {@link Storage} in Redis, for several bot instances sharing conversation and user state.
 *
 * - **eTags** behave as in botbuilder's `MemoryStorage`: an item with no eTag or `'*'` is written
 *   unconditionally, as is an item whose key is not stored; an item with {@link CREATE_ONLY_ETAG} is
 *   written only if its key is not stored; otherwise its eTag must equal the stored one, or `write`
 *   rejects with {@link ETagConflictError} (message containing "eTag conflict" and the key). The check and the writes of one call run in one Lua script, atomic across processes: a
 *   conflict on any item applies nothing. Each written item gets a new unique eTag.
 * - **TTL.** With `ttlSeconds` > 0 every write (re)starts the item's time to live; reads do not.
 * - **Outages.** No operation queues while Redis is unreachable: it waits at most `commandTimeoutMs`
 *   for the connection and then rejects, so a turn fails fast instead of hanging. The client keeps
 *   reconnecting in the background, and the same instance works again once Redis is back.
 *
 * `read` returns fresh copies; changing them does not change what is stored.
 */
export class RedisStorage implements Storage {
  /** The options with their defaults. */
  readonly options: Omit<RedisStorageOptions, 'client' | 'log'>;
  private readonly client: Redis;
  private readonly ownsClient: boolean;
  private readonly log: Logger;
  /** Resolves at the client's next 'ready'; shared by every operation waiting for the connection. */
  private nextReady: Promise<void> | undefined;
  /** Whether the connection was lost and not yet regained, so an outage is logged once. */
  private down = false;
  private closed = false;
  private readonly onError = (error: Error): void => {
    if (this.down || this.closed) return;
    this.down = true;
    this.log('warn', `RedisStorage: connection problem, reconnecting: ${error.message}`);
  };
  private readonly onReady = (): void => {
    if (this.down) this.log('info', 'RedisStorage: connected again');
    this.down = false;
  };

  /** @throws Error naming `RedisStorage()` when the options are invalid. */
  constructor(options: z.input<typeof RedisStorageOptions>) {
    const parsed = RedisStorageOptions.safeParse(options);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'} ${issue.message}`);
      throw new Error(`RedisStorage(): invalid options: ${problems.join('; ')}`);
    }
    const { client, log, ...rest } = parsed.data;
    this.options = rest;
    this.log = log ?? (() => undefined);
    this.ownsClient = client === undefined;
    this.client =
      client ??
      new Redis(rest.url as string, {
        // Reconnect forever, backing off to at most MAX_RECONNECT_DELAY_MS between attempts.
        retryStrategy: (attempt) => Math.min(100 * 2 ** (attempt - 1), MAX_RECONNECT_DELAY_MS),
        // Commands never wait in a queue for a connection: RedisStorage waits, bounded, itself.
        enableOfflineQueue: false,
        // A command caught by a disconnect fails at once and is never resent: a write resent after the
        // caller was told it failed could overwrite newer state.
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
        commandTimeout: rest.commandTimeoutMs,
        connectTimeout: rest.commandTimeoutMs,
        // disconnect() arms this timer even for a socket already closed, holding the process open that long.
        disconnectTimeout: DISCONNECT_TIMEOUT_MS,
      });
    this.client.defineCommand(WRITE_COMMAND, { lua: WRITE_SCRIPT });
    // Without an 'error' listener ioredis prints every failed reconnection attempt.
    this.client.on('error', this.onError);
    this.client.on('ready', this.onReady);
  }

  /** Whether the connection is up and commands are sent at once. */
  get isReady(): boolean {
    return this.client.status === 'ready';
  }

  /**
   * Reads the items stored under `keys` in one round trip; keys not stored are absent from the result.
   *
   * @throws Error naming `RedisStorage.read()` when Redis is unreachable or a value is not a stored item.
   */
  async read(keys: string[]): Promise<StoreItems> {
    const fn = 'RedisStorage.read()';
    if (!Array.isArray(keys)) throw new TypeError(`${fn}: keys must be an array`);
    const unique = [...new Set(keys)];
    if (unique.length === 0) return {};
    const redisKeys = unique.map((key) => this.redisKey(fn, key));
    const values = await this.run(fn, () => this.client.mget(redisKeys));
    const items: StoreItems = {};
    unique.forEach((key, index) => {
      const value = values[index];
      if (value === null || value === undefined) return;
      let stored: z.infer<typeof StoredValue>;
      try {
        stored = StoredValue.parse(JSON.parse(value));
      } catch (error) {
        throw new CorruptStateError(key, `redis key ${redisKeys[index]}`, { cause: error });
      }
      items[key] = { ...stored.item, eTag: stored.eTag };
    });
    return items;
  }

  /**
   * Writes `changes`, each item under its key, with a new eTag; all or nothing.
   *
   * @throws ETagConflictError when an item's eTag is stale; nothing of the call is written then.
   * @throws Error naming `RedisStorage.write()` when Redis is unreachable.
   */
  async write(changes: StoreItems): Promise<void> {
    const fn = 'RedisStorage.write()';
    if (typeof changes !== 'object' || changes === null) throw new TypeError(`${fn}: changes must be an object`);
    const entries = Object.entries(changes) as [string, StoreItem][];
    if (entries.length === 0) return;
    const keys: string[] = [];
    const expected: string[] = [];
    const values: string[] = [];
    for (const [key, item] of entries) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new TypeError(`${fn}: the item of key ${JSON.stringify(key)} must be an object`);
      }
      const { eTag, ...rest } = item;
      keys.push(this.redisKey(fn, key));
      expected.push(eTag === undefined || eTag === null || eTag === '' || eTag === '*' ? '' : String(eTag));
      values.push(JSON.stringify(rest));
    }
    const write = (this.client as unknown as Record<typeof WRITE_COMMAND, WriteCommand>)[WRITE_COMMAND].bind(this.client);
    const stale = await this.run(fn, () =>
      write(keys.length + 1, this.prefixed(ETAG_COUNTER), ...keys, this.options.ttlSeconds, randomBytes(6).toString('hex'), ...expected, ...values),
    );
    if (stale.length > 0) throw new ETagConflictError(stale.map((position) => entries[position - 1][0]));
  }

  /**
   * Deletes the items stored under `keys`; keys not stored are ignored.
   *
   * @throws Error naming `RedisStorage.delete()` when Redis is unreachable.
   */
  async delete(keys: string[]): Promise<void> {
    const fn = 'RedisStorage.delete()';
    if (!Array.isArray(keys)) throw new TypeError(`${fn}: keys must be an array`);
    if (keys.length === 0) return;
    const redisKeys = keys.map((key) => this.redisKey(fn, key));
    await this.run(fn, () => this.client.del(redisKeys));
  }

  /** Whether Redis answers a PING within `commandTimeoutMs`; never throws. */
  async ping(): Promise<boolean> {
    try {
      return (await this.run('RedisStorage.ping()', () => this.client.ping())) === 'PONG';
    } catch {
      return false;
    }
  }

  /**
   * Stops using Redis: waits for pending replies and closes the connection (or drops it when Redis is
   * unreachable). An injected client is left open for its owner. Operations afterwards reject.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.off('error', this.onError);
    this.client.off('ready', this.onReady);
    if (!this.ownsClient) return;
    // Keep a listener: a socket error during QUIT must not become an unhandled 'error' event.
    this.client.on('error', () => undefined);
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // Redis went away mid-QUIT: drop the connection below.
      }
    }
    this.client.disconnect();
  }

  /** Runs `command` once the client is connected, waiting for that at most `commandTimeoutMs`; errors name `fn`. */
  private async run<T>(fn: string, command: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error(`${fn}: the storage is closed`);
    try {
      await this.connected(fn);
      return await command();
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(`${fn}:`)) throw error;
      throw new Error(`${fn}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** Resolves when the client is ready; rejects after `commandTimeoutMs` or at once when it has ended. */
  private async connected(fn: string): Promise<void> {
    const { status } = this.client;
    if (status === 'ready') return;
    if (status === 'end') throw new Error(`${fn}: the Redis connection is closed`);
    if (status === 'wait') this.client.connect().catch(() => undefined); // an injected lazyConnect client
    this.nextReady ??= new Promise<void>((resolve) =>
      this.client.once('ready', () => {
        this.nextReady = undefined;
        resolve();
      }),
    );
    const timeout = new AbortController();
    const timedOut = sleep(this.options.commandTimeoutMs, undefined, { signal: timeout.signal }).then(
      () => {
        throw new Error(`${fn}: Redis is unreachable (connection ${this.client.status} for ${this.options.commandTimeoutMs} ms)`);
      },
      () => undefined,
    );
    try {
      await Promise.race([this.nextReady, timedOut]);
    } finally {
      timeout.abort();
    }
  }

  private redisKey(fn: string, key: string): string {
    if (typeof key !== 'string') throw new TypeError(`${fn}: keys must be strings`);
    if (key === ETAG_COUNTER) throw new Error(`${fn}: key ${JSON.stringify(key)} is reserved`);
    return this.prefixed(key);
  }

  private prefixed(key: string): string {
    return this.options.keyPrefix + key;
  }
}

/**
 * Runs `attempt`, and runs it again (after a short random pause) when it fails with an eTag conflict,
 * at most `retries` more times. `attempt` must re-read what it changes, so that of two concurrent
 * updates one wins and the other retries on the winner's result. Other errors, and the last
 * conflict, are rethrown.
 */
export async function withETagRetry<T>(attempt: () => Promise<T>, retries = 3): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (failures >= retries || !isETagConflict(error)) throw error;
      // Jitter spreads the retries of writers that collided, so they do not collide again.
      await sleep(Math.random() * Math.min(5 * (failures + 1), 50));
    }
  }
}
