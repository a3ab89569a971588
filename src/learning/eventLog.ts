import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { DocumentStore, StoredDocument as StoreItem } from '../storage/documentStore.js';
import { isETagConflict } from '../storage/guardedStorage.js';
import { dayOf, LearningEvent, type RecordedEvent } from './events.js';

/** Every key of the event log starts with this, apart from conversation and user state. */
export const EVENT_KEY_PREFIX = 'icp-learning/';
/** The log's one shared document: the generated salt and the days that hold events. */
export const META_KEY = `${EVENT_KEY_PREFIX}meta`;
/** A day's index: how many chunks each writer (bot process) has written that day. */
export function dayKey(day: string): string {
  return `${EVENT_KEY_PREFIX}day/${day}`;
}
/** One chunk of events; only the writer that owns it ever writes it. */
export function chunkKey(day: string, writer: string, index: number): string {
  return `${EVENT_KEY_PREFIX}day/${day}/${writer}/${index}`;
}

/** Events per chunk; a full chunk is closed and the writer opens the next. */
const CHUNK_EVENTS = 200;
/** Wait after the first buffered event before writing, so one write carries the events of several turns. */
const DEFAULT_FLUSH_DELAY_MS = 2000;
/** Wait before writing again after a failed write. */
const RETRY_DELAY_MS = 10_000;
/** Events kept in memory while the store cannot take them; beyond this the oldest are dropped (and counted). */
const MAX_BUFFERED = 5000;
/** Retention runs at most this often per process. */
const PRUNE_INTERVAL_MS = 3600_000;
/** After this writer changes a day index, it reads it again this much later, in case another process's first write of the day overwrote it. */
const VERIFY_DELAY_MS = 30_000;
/** Attempts of one check-and-set before the flush gives up (and retries later). */
const CAS_ATTEMPTS = 6;
/** Chunk keys read per storage call. */
const READ_BATCH = 100;
const DAY_MS = 86_400_000;

const Meta = z.looseObject({ salt: z.string().min(1).optional(), days: z.array(z.string()).default([]) });
const DayIndex = z.looseObject({ writers: z.record(z.string(), z.number().int().min(0)) });
const Chunk = z.looseObject({ events: z.array(z.unknown()) });

/** What {@link EventLog} needs; checked by its constructor. */
export interface EventLogOptions {
  /** The bot's store (file, Redis, Azure Blob, memory), used through its documents and eTags only. */
  storage: DocumentStore;
  /** Salt of the user hashes; empty: one is generated once and kept in the store. */
  salt: string;
  /** Whole days older than this many days are deleted. */
  retentionDays: number;
  log: Logger;
  /** The clock (tests). */
  now?: () => Date;
  /** Wait after the first buffered event before writing. */
  flushDelayMs?: number;
}

/** Counters for /api/stats and the logs. */
export interface EventLogCounters {
  /** Events recorded and not yet written. */
  pending: number;
  /** Events written to the store. */
  written: number;
  /** Writes that failed (each is retried). */
  failedFlushes: number;
  /** Events given up because the store stayed unreachable and memory filled. */
  dropped: number;
}

interface OpenChunk {
  day: string;
  index: number;
  events: LearningEvent[];
  /** Events of this chunk not yet in the store. */
  unwritten: number;
}

/**
 * The learning loop's event log, kept in the bot's own store as documents by key
 * (read, write, delete by key; no listing), so it works with every STORAGE.
 *
 * Layout: `icp-learning/meta` holds the generated salt and the list of days with events;
 * `icp-learning/day/<YYYY-MM-DD>` is the day's index, `{writers: {<writer>: <chunks>}}`; each
 * process is one writer (a random id) and writes its own chunks
 * `icp-learning/day/<day>/<writer>/<n>` of up to 200 events, so no two processes ever write the
 * same chunk. Index and meta are changed by check-and-set on their eTags (retried on conflict);
 * the stores cannot create a key only-if-absent, so every flush reads the indexes of the days this
 * writer wrote to (today and yesterday) and puts its count back if another process's first write
 * of a day overwrote it. A report reads a day's index and then its chunks, without listing.
 *
 * Recording never waits for the store: {@link append} buffers, a timer writes a little later, a
 * failed write is logged once, counted and retried; {@link close} writes what is left. User ids are
 * hashed with the salt (HMAC-SHA-256) when they are written; the plain id never reaches the store.
 */
export class EventLog {
  /** This process's writer id. */
  readonly writer = randomBytes(6).toString('hex');
  private readonly storage: DocumentStore;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly flushDelayMs: number;
  private buffer: RecordedEvent[] = [];
  /** The chunk being filled, per day. */
  private readonly open = new Map<string, OpenChunk>();
  /** Full chunks whose last events are not yet in the store. */
  private full: OpenChunk[] = [];
  /** Chunks opened per day by this writer; the index must say at least this many. */
  private readonly opened = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private failing = false;
  /** An index was written by this flush: read it again later. */
  private verify = false;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private readonly count = { written: 0, failedFlushes: 0, dropped: 0 };

  constructor(private readonly options: EventLogOptions) {
    if (!options?.storage) throw new Error('EventLog(): storage is required');
    if (!options.log) throw new Error('EventLog(): log is required');
    if (!Number.isInteger(options.retentionDays) || options.retentionDays < 1) {
      throw new Error(`EventLog(): retentionDays must be a whole number of days, at least 1 (got ${options.retentionDays})`);
    }
    this.storage = options.storage;
    this.log = options.log;
    this.now = options.now ?? (() => new Date());
    this.flushDelayMs = options.flushDelayMs ?? DEFAULT_FLUSH_DELAY_MS;
  }

  /** Counters since start-up. */
  get counters(): EventLogCounters {
    const unwritten = [...this.full, ...this.open.values()].reduce((sum, chunk) => sum + chunk.unwritten, 0);
    return { pending: this.buffer.length + unwritten, ...this.count };
  }

  /** Buffers the events of a committed turn; they are written in the background. Never throws. */
  append(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    if (this.closed) {
      this.count.dropped += events.length;
      return;
    }
    this.buffer.push(...events);
    const excess = this.buffer.length - MAX_BUFFERED;
    if (excess > 0) {
      this.buffer.splice(0, excess);
      this.count.dropped += excess;
    }
    this.schedule(this.buffer.length >= CHUNK_EVENTS ? 0 : this.flushDelayMs);
  }

  /**
   * Writes what is buffered now. Resolves when done; never rejects (a failure is logged, counted
   * and retried later). Concurrent calls share one write, followed by another if events came meanwhile.
   */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.clearTimer();
    this.flushing = this.flushOnce().finally(() => {
      this.flushing = undefined;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    });
    return this.flushing;
  }

  /** Waits for a write in progress, then writes everything buffered. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.flush();
  }

  /** Writes what is left and stops the timer; later events are dropped (and counted). For shutdown. */
  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    this.clearTimer();
  }

  /**
   * The events from `from` to `to` (inclusive), oldest first, read day by day through the day
   * indexes. Entries that do not parse are skipped and counted in `unreadable`.
   */
  async read(from: Date, to: Date): Promise<{ events: LearningEvent[]; unreadable: number }> {
    if (!(from.getTime() <= to.getTime())) throw new Error('EventLog.read(): "from" must not be after "to"');
    const days = daysBetween(from, to);
    const indexes = await this.readMany(days.map(dayKey));
    const keys: string[] = [];
    for (const day of days) {
      const parsed = DayIndex.safeParse(indexes[dayKey(day)]);
      if (!parsed.success) continue;
      for (const [writer, chunks] of Object.entries(parsed.data.writers)) {
        for (let index = 0; index < chunks; index++) keys.push(chunkKey(day, writer, index));
      }
    }
    const chunks = await this.readMany(keys);
    const events: LearningEvent[] = [];
    let unreadable = 0;
    const fromIso = from.toISOString();
    const toIso = to.toISOString();
    for (const key of keys) {
      const chunk = Chunk.safeParse(chunks[key]);
      if (!chunk.success) continue; // a chunk counted but not (yet) written
      for (const raw of chunk.data.events) {
        const event = LearningEvent.safeParse(raw);
        if (!event.success) unreadable += 1;
        else if (event.data.at >= fromIso && event.data.at <= toIso) events.push(event.data);
      }
    }
    // A stable sort by time: one writer's events of the same millisecond (a question and its 👎 in a fast test, or a
    // busy bot) keep the order they were written in; a tie broken by their random ids put a 👎 before its question.
    events.sort((a, b) => a.at.localeCompare(b.at));
    return { events, unreadable };
  }

  /**
   * Retention: deletes every whole day older than `retentionDays` (its index and chunks) and takes
   * it off the list of days. Returns the days deleted.
   */
  async prune(): Promise<string[]> {
    const cutoff = dayOf(new Date(this.now().getTime() - this.options.retentionDays * DAY_MS).toISOString());
    const meta = Meta.safeParse((await this.storage.read([META_KEY]))[META_KEY] ?? {});
    const old = (meta.success ? meta.data.days : []).filter((day) => day < cutoff);
    if (old.length === 0) return [];
    const indexes = await this.storage.read(old.map(dayKey));
    for (const day of old) {
      const parsed = DayIndex.safeParse(indexes[dayKey(day)]);
      const keys = [dayKey(day)];
      if (parsed.success) {
        for (const [writer, chunks] of Object.entries(parsed.data.writers)) {
          for (let index = 0; index < chunks; index++) keys.push(chunkKey(day, writer, index));
        }
      }
      // Chunks first: an index left by an interrupted prune still finds them next time.
      await this.storage.delete(keys.slice(1));
      await this.storage.delete(keys.slice(0, 1));
    }
    await this.checkAndSet(META_KEY, (current) => {
      const parsed = Meta.safeParse(current ?? {});
      const days = parsed.success ? parsed.data.days : [];
      if (!days.some((day) => old.includes(day))) return undefined;
      return { ...(current ?? {}), days: days.filter((day) => !old.includes(day)) };
    });
    this.log('info', `event log: retention of ${this.options.retentionDays} days deleted ${old.length} day(s) (${old[0]}…${old[old.length - 1]})`);
    return old;
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) {
      if (delayMs > 0) return;
      this.clearTimer();
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
    // A pending write never keeps the process alive; shutdown calls close().
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async flushOnce(): Promise<void> {
    const dirty = () => this.full.length > 0 || [...this.open.values()].some((chunk) => chunk.unwritten > 0);
    if (this.buffer.length === 0 && !dirty() && this.opened.size === 0) return;
    try {
      const batchDays = new Set(this.buffer.map((event) => dayOf(event.at)));
      const days = [...new Set([...this.opened.keys(), ...batchDays])].sort();
      const items = await this.storage.read([META_KEY, ...days.map(dayKey)]);
      const salt = await this.salt(items[META_KEY]);
      this.fillChunks(salt);
      await this.writeChunks();
      for (const day of this.opened.keys()) await this.assertIndex(day, items[dayKey(day)]);
      await this.assertDaysListed([...this.opened.keys()]);
      this.forgetOldDays();
      if (this.failing) this.log('info', 'event log: writing again');
      this.failing = false;
      if (this.verify) {
        this.verify = false;
        this.schedule(VERIFY_DELAY_MS);
      }
    } catch (error) {
      this.count.failedFlushes += 1;
      if (!this.failing) this.log('warn', `event log: cannot write events, keeping them and retrying: ${(error as Error).message}`);
      this.failing = true;
      this.schedule(RETRY_DELAY_MS);
      return;
    }
    if (this.now().getTime() - this.lastPrune >= PRUNE_INTERVAL_MS) {
      this.lastPrune = this.now().getTime();
      await this.prune().catch((error: unknown) => this.log('warn', `event log: retention failed, trying again later: ${(error as Error).message}`));
    }
  }

  /** The configured salt, or the stored one; generates and stores one the first time. */
  private async salt(meta: StoreItem | undefined): Promise<string> {
    if (this.options.salt) return this.options.salt;
    const parsed = Meta.safeParse(meta ?? {});
    if (parsed.success && parsed.data.salt) return parsed.data.salt;
    await this.checkAndSet(META_KEY, (current) => {
      const now = Meta.safeParse(current ?? {});
      if (now.success && now.data.salt) return undefined;
      return { ...(current ?? {}), salt: randomBytes(32).toString('base64url'), days: now.success ? now.data.days : [] };
    });
    // Two processes starting together may both have written one: use whichever the store kept.
    const stored = Meta.safeParse((await this.storage.read([META_KEY]))[META_KEY] ?? {});
    if (!stored.success || !stored.data.salt) throw new Error('EventLog: the salt could not be stored');
    return stored.data.salt;
  }

  /** Moves buffered events into this writer's chunks, hashing user ids. */
  private fillChunks(salt: string): void {
    for (const { userKey, ...event } of this.buffer.splice(0)) {
      const day = dayOf(event.at);
      let chunk = this.open.get(day);
      if (!chunk) {
        const index = this.opened.get(day) ?? 0;
        chunk = { day, index, events: [], unwritten: 0 };
        this.open.set(day, chunk);
        this.opened.set(day, index + 1);
      }
      chunk.events.push({ ...event, user: hashUser(salt, userKey) } as LearningEvent);
      chunk.unwritten += 1;
      if (chunk.events.length >= CHUNK_EVENTS) {
        this.full.push(chunk);
        this.open.delete(day);
      }
    }
    // Writes failing while reads work: memory stays bounded, the oldest full chunks are given up.
    while (this.full.length * CHUNK_EVENTS > MAX_BUFFERED) {
      const dropped = this.full.shift() as OpenChunk;
      this.count.dropped += dropped.unwritten;
    }
  }

  /** Writes every chunk with unwritten events (this writer's own keys: no conflict possible). */
  private async writeChunks(): Promise<void> {
    const chunks = [...this.full, ...[...this.open.values()].filter((chunk) => chunk.unwritten > 0)];
    if (chunks.length === 0) return;
    await this.storage.write(Object.fromEntries(chunks.map((chunk) => [chunkKey(chunk.day, this.writer, chunk.index), { events: chunk.events }])));
    for (const chunk of chunks) {
      this.count.written += chunk.unwritten;
      chunk.unwritten = 0;
    }
    this.full = [];
  }

  /** Makes the day's index count this writer's chunks, putting the count back if it was overwritten. */
  private async assertIndex(day: string, read: StoreItem | undefined): Promise<void> {
    const needed = this.opened.get(day) ?? 0;
    await this.checkAndSet(
      dayKey(day),
      (current) => {
        const parsed = DayIndex.safeParse(current ?? { writers: {} });
        const writers = parsed.success ? parsed.data.writers : {};
        if ((writers[this.writer] ?? 0) >= needed) return undefined;
        this.verify = true;
        return { ...(current ?? {}), writers: { ...writers, [this.writer]: needed } };
      },
      read,
    );
  }

  /** Puts the days this writer wrote to on the meta document's list, which retention walks. */
  private async assertDaysListed(days: string[]): Promise<void> {
    await this.checkAndSet(META_KEY, (current) => {
      const parsed = Meta.safeParse(current ?? {});
      const listed = parsed.success ? parsed.data.days : [];
      const missing = days.filter((day) => !listed.includes(day));
      if (missing.length === 0) return undefined;
      return { ...(current ?? {}), days: [...listed, ...missing].sort() };
    });
  }

  /** Stops watching days before yesterday once their chunks are written and indexed. */
  private forgetOldDays(): void {
    const yesterday = dayOf(new Date(this.now().getTime() - DAY_MS).toISOString());
    for (const day of [...this.opened.keys()]) {
      if (day >= yesterday) continue;
      const chunk = this.open.get(day);
      if (chunk && chunk.unwritten > 0) continue;
      if (this.full.some((c) => c.day === day)) continue;
      this.open.delete(day);
      this.opened.delete(day);
    }
  }

  /**
   * Read-modify-write of one document with its eTag: `change` returns the new item, or undefined
   * when nothing needs writing. On a conflict the document is read again and `change` re-applied.
   */
  private async checkAndSet(key: string, change: (current: StoreItem | undefined) => StoreItem | undefined, read?: StoreItem): Promise<void> {
    let current = read ?? (await this.storage.read([key]))[key];
    for (let attempt = 1; ; attempt++) {
      const next = change(current);
      if (next === undefined) return;
      // No eTag on a key not stored yet: the stores offer no create-if-absent (see the class comment).
      const eTag = typeof current?.eTag === 'string' && current.eTag !== '*' ? current.eTag : '*';
      try {
        await this.storage.write({ [key]: { ...next, eTag } });
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= CAS_ATTEMPTS) throw error;
        current = (await this.storage.read([key]))[key];
      }
    }
  }

  private async readMany(keys: string[]): Promise<Record<string, StoreItem>> {
    const out: Record<string, StoreItem> = {};
    for (let start = 0; start < keys.length; start += READ_BATCH) Object.assign(out, await this.storage.read(keys.slice(start, start + READ_BATCH)));
    return out;
  }
}

/** The salted hash of a user: the same user gives the same value, which does not give the id back. */
export function hashUser(salt: string, userKey: string): string {
  return createHmac('sha256', salt).update(userKey, 'utf8').digest('base64url').slice(0, 22);
}

/** The UTC days from `from` to `to`, inclusive, as `YYYY-MM-DD`. */
export function daysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  const last = dayOf(to.toISOString());
  for (let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); ; t += DAY_MS) {
    const day = dayOf(new Date(t).toISOString());
    if (day > last) break;
    days.push(day);
  }
  return days;
}
