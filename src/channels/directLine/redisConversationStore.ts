import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Account, ActivitySet, ChannelActivity, TranscriptLimits } from './conversation.js';
import { CHANNEL_ID, conversationUpdate } from './conversation.js';
import { ConversationStoreUnavailableError, type ConversationBinding, type DirectLineConversation, type DirectLineConversations, type LiveUpdate, type ReplyPlace } from './conversations.js';
import type { DirectLineLog } from './log.js';

/** Stands for an activity's id in its JSON until the append script knows its number (no Lua pattern character in it). */
const ID_PLACEHOLDER = '@@dlseq@@';
/** How long a turn is a process's before another may run it again, unless the process renews it. */
const TURN_LEASE_MS = 6000;
/** How often a process renews the turns it runs, and looks for turns whose process stopped renewing them. */
const TURN_RENEW_MS = 2000;
/** Turns taken over in one look. */
const RECOVER_BATCH = 20;

/**
 * Appends one activity, atomically: numbers it (the watermark), stamps the id, keeps it in the
 * conversation's stream under the id `<seq>-1`, trims the transcript, refreshes the expiry, and
 * publishes it to the conversation's channel, so every replica's streams receive it in order.
 * KEYS: meta hash, log stream, dedupe hash, pending hash, conversations zset, turns zset.
 * ARGV: 1 json, 2 given id ('' = number it), 3 maxTranscript, 4 maxTranscriptBytes, 5 idle ms,
 * 6 now ms, 7 conversation id, 8 channel, 9 dedupe field ('' = none), 10 dedupe kind
 * ('client' | 'reply'), 11 reply ordinal, 12 1 when the activity is a turn for the bot,
 * 13 1 when the given id must be in the transcript already (an update).
 * Returns { 'ok', id, seq, json }, { 'dup', id }, { 'gone' } or { 'missing' }.
 */
const APPEND_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'gone'} end
local field = ARGV[9]
if field ~= '' then
  local seen = redis.call('HGET', KEYS[3], field)
  if ARGV[10] == 'client' and seen then return {'dup', seen} end
  if ARGV[10] == 'reply' then
    local ordinal = tonumber(ARGV[11])
    if seen and ordinal < tonumber(seen) then return {'dup', ''} end
    redis.call('HSET', KEYS[3], field, ordinal + 1)
  end
end
local id = ARGV[2]
if ARGV[13] == '1' then
  local found = false
  for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do
    if entry[2][2] == id then found = true break end
  end
  if not found then return {'missing'} end
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local json = ARGV[1]
if id == '' then
  id = ARGV[7] .. '|' .. string.format('%07d', seq)
  json = string.gsub(json, '${ID_PLACEHOLDER}', (string.gsub(id, '%%', '%%%%')), 1)
end
if ARGV[10] == 'client' and field ~= '' then redis.call('HSET', KEYS[3], field, id) end
redis.call('XADD', KEYS[2], seq .. '-1', 'i', id, 'a', json)
local bytes = redis.call('HINCRBY', KEYS[1], 'bytes', #json)
local maxN, maxBytes = tonumber(ARGV[3]), tonumber(ARGV[4])
local n = redis.call('XLEN', KEYS[2])
while n > 1 and (n > maxN or bytes > maxBytes) do
  local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)[1]
  bytes = redis.call('HINCRBY', KEYS[1], 'bytes', -#first[2][4])
  redis.call('XDEL', KEYS[2], first[1])
  n = n - 1
end
local now, idle = tonumber(ARGV[6]), tonumber(ARGV[5])
if ARGV[12] == '1' then
  redis.call('HSET', KEYS[4], id, json)
  redis.call('ZADD', KEYS[6], now + ${TURN_LEASE_MS}, ARGV[7] .. ' ' .. id)
end
for i = 1, 4 do redis.call('PEXPIRE', KEYS[i], idle) end
redis.call('ZADD', KEYS[5], now, ARGV[7])
redis.call('PUBLISH', ARGV[8], seq .. '\\n' .. json)
return {'ok', id, seq, json}
`;

/**
 * Starts a conversation unless it exists. KEYS: meta hash, pending hash, conversations zset, turns zset.
 * ARGV: 1 user JSON, 2 locale, 3 userBound, 4 ownerKey, 5 idle ms, 6 now, 7 id, 8 id of the
 * conversationUpdate turn, 9 its JSON. Returns 1 when started, 0 when it existed.
 */
const CREATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'user', ARGV[1], 'locale', ARGV[2], 'userBound', ARGV[3], 'ownerKey', ARGV[4], 'seq', -1, 'bytes', 0)
redis.call('HSET', KEYS[2], ARGV[8], ARGV[9])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]))
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[5]))
redis.call('ZADD', KEYS[3], tonumber(ARGV[6]), ARGV[7])
redis.call('ZADD', KEYS[4], tonumber(ARGV[6]) + ${TURN_LEASE_MS}, ARGV[7] .. ' ' .. ARGV[8])
return 1
`;

/** Removes every copy of an activity from the transcript. KEYS: meta hash, log stream. ARGV: activity id. Returns how many went. */
const REMOVE_SCRIPT = `
local removed = 0
for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do
  if entry[2][2] == ARGV[1] then
    redis.call('HINCRBY', KEYS[1], 'bytes', -#entry[2][4])
    redis.call('XDEL', KEYS[2], entry[1])
    removed = removed + 1
  end
end
return removed
`;

/** Takes the turns whose lease ran out. KEYS: turns zset. ARGV: now, count. Returns the members taken (each now leased to the caller). */
const CLAIM_SCRIPT = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + ${TURN_LEASE_MS}, member) end
return due
`;

/** What the Redis store needs. */
export interface RedisConversationStoreOptions extends TranscriptLimits {
  /** Commands (never queued while Redis is away: they fail, and the route answers 503). */
  redis: Redis;
  /** A connection in subscriber mode, for the conversations' channels. */
  subscriber: Redis;
  /** Prepended to every key and channel. */
  keyPrefix: string;
  idleMs: number;
  bot: Account;
  maxConversations: number;
  log: DirectLineLog;
  now?: () => number;
}

/** A conversation's keys in Redis. */
interface Keys {
  meta: string;
  log: string;
  dedupe: string;
  pending: string;
  channel: string;
}

/**
 * Direct Line conversations in Redis, shared by every replica: any replica answers any request of
 * any conversation. Layout under `<prefix>directline:`:
 * - `c:<id>` (hash): user, locale, binding, the last watermark (`seq`), transcript bytes;
 * - `c:<id>:log` (stream): the transcript, entry `<seq>-1` holding the activity (`a`) and its id (`i`);
 * - `c:<id>:dedupe` (hash): client activity ids already kept, bot replies already kept per turn;
 * - `c:<id>:pending` (hash): turns not yet done, by activity id;
 * - `conversations` (sorted set): every conversation by its last activity (count, room, expiry);
 * - `turns` (sorted set): `<id> <activity id>` of turns not yet done, by when their lease runs out;
 * - channel `live:<id>`: each new activity as `<seq>\n<json>`, published by the append itself.
 * A conversation's keys expire after the idle time; every activity starts it again.
 */
export class RedisConversationStore implements DirectLineConversations {
  private readonly prefix: string;
  private readonly now: () => number;
  /** This process's listeners per channel (one SUBSCRIBE per conversation with open streams here). */
  private readonly listeners = new Map<string, Set<(update: LiveUpdate) => void>>();
  /** End listeners per conversation id, told when its keys are gone. */
  private readonly endListeners = new Map<string, Set<() => void>>();
  /** The local queue of each conversation's turns (one process runs them in order). */
  private readonly turnQueues = new Map<string, Promise<unknown>>();
  /** Turns this process is running, whose leases it renews. */
  private readonly running = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private subscriberLost = false;

  constructor(private readonly options: RedisConversationStoreOptions) {
    this.prefix = `${options.keyPrefix}directline:`;
    this.now = options.now ?? Date.now;
    options.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    // Messages published while the subscriber was away are lost to it: every stream reads what it missed.
    options.subscriber.on('error', () => {
      this.subscriberLost = true;
    });
    options.subscriber.on('ready', () => {
      if (!this.subscriberLost) return;
      this.subscriberLost = false;
      for (const set of this.listeners.values()) for (const listener of set) listener('resync');
    });
  }

  keys(id: string): Keys {
    const base = `${this.prefix}c:${id}`;
    return { meta: base, log: `${base}:log`, dedupe: `${base}:dedupe`, pending: `${base}:pending`, channel: `${this.prefix}live:${id}` };
  }

  async create(id: string, user: Account, locale: string | undefined, binding: ConversationBinding): Promise<DirectLineConversation | undefined> {
    const keys = this.keys(id);
    const now = this.now();
    const update = conversationUpdate(id, user, this.options.bot, locale, now);
    const created = await this.run('create', () =>
      this.options.redis.eval(
        CREATE_SCRIPT,
        4,
        keys.meta,
        keys.pending,
        this.globalKey('conversations'),
        this.globalKey('turns'),
        JSON.stringify(user),
        locale ?? '',
        binding.userBound ? '1' : '0',
        binding.ownerKey ?? '',
        this.options.idleMs,
        now,
        id,
        update.id,
        JSON.stringify(update),
      ),
    );
    if (created !== 1) return undefined;
    return new RedisConversation(this, id, user, this.options.bot, locale, binding, update);
  }

  async get(id: string): Promise<RedisConversation | undefined> {
    if (id === '') return undefined;
    const meta = await this.run('get', () => this.options.redis.hgetall(this.keys(id).meta));
    if (!meta.user) return undefined;
    const user = JSON.parse(meta.user) as Account;
    return new RedisConversation(this, id, user, this.options.bot, meta.locale || undefined, { userBound: meta.userBound === '1', ...(meta.ownerKey ? { ownerKey: meta.ownerKey } : {}) });
  }

  async retryAfterWhenFull(): Promise<number | undefined> {
    await this.dropExpired();
    const key = this.globalKey('conversations');
    const [count, oldest] = await this.run('retryAfterWhenFull', () => Promise.all([this.options.redis.zcard(key), this.options.redis.zrange(key, 0, 0, 'WITHSCORES')]));
    if (count < this.options.maxConversations) return undefined;
    const lastActivity = oldest.length === 2 ? Number(oldest[1]) : this.now();
    return Math.max(1, Math.ceil((lastActivity + this.options.idleMs - this.now()) / 1000));
  }

  async count(): Promise<number> {
    await this.dropExpired();
    return this.run('count', () => this.options.redis.zcard(this.globalKey('conversations')));
  }

  startSweeping(recover?: (conversation: DirectLineConversation, activity: Record<string, unknown>) => Promise<void>): void {
    if (this.timers.length > 0) return;
    const every = Math.min(60_000, Math.max(250, this.options.idleMs / 4));
    const sweep = setInterval(() => void this.sweep().catch((error: Error) => this.options.log('warn', error.message)), every);
    const renew = setInterval(() => void this.renewAndRecover(recover).catch((error: Error) => this.options.log('warn', error.message)), TURN_RENEW_MS);
    this.timers = [sweep, renew];
    for (const timer of this.timers) timer.unref();
  }

  /** Ends the streams here of conversations that expired, and forgets expired ones in the index. */
  async sweep(): Promise<void> {
    await this.dropExpired();
    for (const [id, listeners] of [...this.endListeners]) {
      const exists = await this.run('sweep', () => this.options.redis.exists(this.keys(id).meta));
      if (exists) continue;
      this.endListeners.delete(id);
      for (const listener of listeners) listener();
    }
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const listeners of this.endListeners.values()) for (const listener of listeners) listener();
    this.endListeners.clear();
    this.listeners.clear();
  }

  // The members below are for RedisConversation.

  /** Runs the append script (see {@link APPEND_SCRIPT}). */
  async append(
    id: string,
    activity: Record<string, unknown>,
    how: { givenId?: string; mustExist?: boolean; dedupe?: { field: string; kind: 'client' | 'reply'; ordinal?: number }; turn?: boolean },
  ): Promise<{ status: 'ok'; id: string; seq: number; activity: ChannelActivity } | { status: 'dup'; id: string } | { status: 'gone' | 'missing' }> {
    const keys = this.keys(id);
    const result = (await this.run('append', () =>
      this.options.redis.eval(
        APPEND_SCRIPT,
        6,
        keys.meta,
        keys.log,
        keys.dedupe,
        keys.pending,
        this.globalKey('conversations'),
        this.globalKey('turns'),
        JSON.stringify(activity),
        how.givenId ?? '',
        this.options.maxTranscript,
        this.options.maxTranscriptBytes,
        this.options.idleMs,
        this.now(),
        id,
        keys.channel,
        how.dedupe?.field ?? '',
        how.dedupe?.kind ?? '',
        how.dedupe?.ordinal ?? 0,
        how.turn ? '1' : '0',
        how.mustExist ? '1' : '0',
      ),
    )) as [string, string?, number?, string?];
    if (result[0] === 'ok') return { status: 'ok', id: String(result[1]), seq: Number(result[2]), activity: JSON.parse(String(result[3])) as ChannelActivity };
    if (result[0] === 'dup') return { status: 'dup', id: String(result[1]) };
    return { status: result[0] as 'gone' | 'missing' };
  }

  async remove(id: string, activityId: string): Promise<boolean> {
    const keys = this.keys(id);
    const removed = await this.run('remove', () => this.options.redis.eval(REMOVE_SCRIPT, 2, keys.meta, keys.log, activityId));
    return Number(removed) > 0;
  }

  async activitiesAfter(id: string, watermark: number | undefined): Promise<ActivitySet> {
    const keys = this.keys(id);
    const start = watermark === undefined || watermark < 0 ? '-' : `${watermark + 1}-0`;
    // One transaction: every activity numbered up to `seq` is then either read here or no longer kept.
    const replies = await this.run('activitiesAfter', async () => (await this.options.redis.multi().xrange(keys.log, start, '+').hget(keys.meta, 'seq').exec()) ?? []);
    const failed = replies.find(([error]) => error);
    if (failed) throw new ConversationStoreUnavailableError('activitiesAfter', failed[0]);
    const entries = replies[0]?.[1] as [string, string[]][];
    const last = Number(replies[1]?.[1] ?? -1);
    const activities = entries.map(([, fields]) => JSON.parse(fields[3]) as ChannelActivity);
    return { activities, ...(last >= 0 ? { watermark: String(last) } : {}) };
  }

  async subscribe(id: string, listener: (update: LiveUpdate) => void): Promise<() => void> {
    const channel = this.keys(id).channel;
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    if (set.size === 1) await this.options.subscriber.subscribe(channel);
    return () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(channel);
      this.options.subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  onEnd(id: string, listener: () => void): () => void {
    let set = this.endListeners.get(id);
    if (!set) {
      set = new Set();
      this.endListeners.set(id, set);
    }
    set.add(listener);
    return () => {
      const current = this.endListeners.get(id);
      current?.delete(listener);
      if (current?.size === 0) this.endListeners.delete(id);
    };
  }

  /** Runs `turn` after the earlier turns of `id` in this process, holding its lease in Redis until it is done. */
  runTurn(id: string, activityId: string, turn: () => Promise<void>): Promise<void> {
    const member = `${id} ${activityId}`;
    const previous = this.turnQueues.get(id) ?? Promise.resolve();
    const run = async () => {
      this.running.add(member);
      try {
        await turn();
      } finally {
        this.running.delete(member);
        await this.turnDone(id, activityId).catch((error: Error) => this.options.log('warn', error.message));
      }
    };
    const result = previous.then(run, run);
    const settled = result.catch(() => undefined);
    this.turnQueues.set(id, settled);
    void settled.then(() => {
      if (this.turnQueues.get(id) === settled) this.turnQueues.delete(id);
    });
    return result;
  }

  private async turnDone(id: string, activityId: string): Promise<void> {
    await this.run('runTurn', () => this.options.redis.multi().hdel(this.keys(id).pending, activityId).zrem(this.globalKey('turns'), `${id} ${activityId}`).exec());
  }

  /** Renews the leases of the turns running here, and runs again the turns whose process stopped renewing theirs. */
  private async renewAndRecover(recover?: (conversation: DirectLineConversation, activity: Record<string, unknown>) => Promise<void>): Promise<void> {
    const turns = this.globalKey('turns');
    if (this.running.size > 0) {
      const deadline = this.now() + TURN_LEASE_MS;
      const args = [...this.running].flatMap((member) => [deadline, member]);
      await this.run('renew', () => this.options.redis.zadd(turns, 'XX', ...args));
    }
    if (!recover) return;
    const due = (await this.run('recover', () => this.options.redis.eval(CLAIM_SCRIPT, 1, turns, this.now(), RECOVER_BATCH))) as string[];
    for (const member of due) {
      const [id, activityId] = [member.slice(0, member.indexOf(' ')), member.slice(member.indexOf(' ') + 1)];
      const [conversation, json] = await Promise.all([this.get(id), this.run('recover', () => this.options.redis.hget(this.keys(id).pending, activityId))]);
      if (!conversation || json === null) {
        await this.run('recover', () => this.options.redis.zrem(turns, member));
        continue;
      }
      this.options.log('warn', `Direct Line: running again turn ${activityId} of conversation ${id}, whose process stopped`);
      recover(conversation, JSON.parse(json) as Record<string, unknown>).catch((error: Error) => this.options.log('error', `Direct Line: turn ${activityId} run again: ${error.message}`));
    }
  }

  private async dropExpired(): Promise<void> {
    await this.run('sweep', () => this.options.redis.zremrangebyscore(this.globalKey('conversations'), '-inf', this.now() - this.options.idleMs));
  }

  private onMessage(channel: string, message: string): void {
    const listeners = this.listeners.get(channel);
    if (!listeners) return;
    const newline = message.indexOf('\n');
    const set: ActivitySet = { activities: [JSON.parse(message.slice(newline + 1)) as ChannelActivity], watermark: message.slice(0, newline) };
    for (const listener of listeners) listener(set);
  }

  private globalKey(name: 'conversations' | 'turns'): string {
    return `${this.prefix}${name}`;
  }

  private async run<T>(operation: string, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new ConversationStoreUnavailableError(operation, error);
    }
  }
}

/** One conversation in Redis: its members as read, and every operation a round trip to the shared store. */
class RedisConversation implements DirectLineConversation {
  readonly userBound: boolean;
  readonly ownerKey: string | undefined;

  constructor(
    private readonly store: RedisConversationStore,
    readonly id: string,
    readonly user: Account,
    readonly bot: Account,
    readonly locale: string | undefined,
    binding: ConversationBinding,
    /** The conversationUpdate of a conversation just created, whose turn is due. */
    readonly startingUpdate?: Record<string, unknown> & { id: string },
  ) {
    this.userBound = binding.userBound;
    this.ownerKey = binding.ownerKey;
  }

  async appendFromClient(fields: Record<string, unknown>, clientActivityId?: string): Promise<{ id: string; activity?: ChannelActivity }> {
    const dedupe = clientActivityId ? { field: `c:${clientActivityId}`, kind: 'client' as const } : undefined;
    const result = await this.store.append(this.id, stamp(this.id, fields), { dedupe, turn: true });
    if (result.status === 'ok') return { id: result.id, activity: result.activity };
    if (result.status === 'dup') return { id: result.id };
    throw new Error(`appendFromClient(): conversation ${this.id} is gone`);
  }

  async appendFromBot(fields: Record<string, unknown>, place?: ReplyPlace): Promise<ChannelActivity | undefined> {
    const dedupe = place ? { field: `r:${place.replyToId}`, kind: 'reply' as const, ordinal: place.ordinal } : undefined;
    const result = await this.store.append(this.id, stamp(this.id, fields), { dedupe });
    if (result.status === 'ok') return result.activity;
    if (result.status === 'dup') return undefined;
    throw new Error(`appendFromBot(): conversation ${this.id} is gone`);
  }

  async update(activityId: string, fields: Record<string, unknown>): Promise<boolean> {
    const result = await this.store.append(this.id, stamp(this.id, fields, activityId), { givenId: activityId, mustExist: true });
    return result.status === 'ok';
  }

  remove(activityId: string): Promise<boolean> {
    return this.store.remove(this.id, activityId);
  }

  activitiesAfter(watermark: number | undefined): Promise<ActivitySet> {
    return this.store.activitiesAfter(this.id, watermark);
  }

  subscribe(listener: (update: LiveUpdate) => void): Promise<() => void> {
    return this.store.subscribe(this.id, listener);
  }

  onEnd(listener: () => void): () => void {
    return this.store.onEnd(this.id, listener);
  }

  runTurn(activity: Record<string, unknown>, turn: () => Promise<void>): Promise<void> {
    return this.store.runTurn(this.id, String(activity.id), turn);
  }
}

/**
 * An activity as kept: its id first (the placeholder the append script numbers, or `id`), then the
 * fields, the channel's stamps, and no serviceUrl (it carries the connector key).
 */
function stamp(conversationId: string, fields: Record<string, unknown>, id?: string): ChannelActivity {
  const activity: ChannelActivity = {
    id: id ?? ID_PLACEHOLDER,
    ...fields,
    type: String(fields.type),
    timestamp: new Date().toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: conversationId },
  };
  activity.id = id ?? ID_PLACEHOLDER;
  delete activity.serviceUrl;
  return activity;
}

/**
 * The key tokens are signed with when no secret is configured: one random key in Redis that every
 * replica uses, so a token made by one is good at all.
 */
export async function sharedSigningKey(redis: Redis, keyPrefix: string): Promise<Buffer> {
  const key = `${keyPrefix}directline:signing-key`;
  try {
    await redis.set(key, randomBytes(32).toString('base64'), 'NX');
    return Buffer.from((await redis.get(key)) ?? '', 'base64');
  } catch (error) {
    throw new ConversationStoreUnavailableError('signingKey', error);
  }
}
