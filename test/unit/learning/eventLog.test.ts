import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { chunkKey, dayKey, EventLog, hashUser, META_KEY } from '../../../src/learning/eventLog';
import type { RecordedEvent } from '../../../src/learning/events';

const NOW = new Date('2026-11-22T12:00:00Z');

function question(at: string, text: string, userKey = 'webchat:user-1'): RecordedEvent {
  return { id: `q-${at}-${text}`, at, userKey, channel: 'webchat', language: 'en', type: 'question', text, outcome: 'none', candidates: [] };
}

function eventLog(storage: Storage, options: { salt?: string; retentionDays?: number; now?: Date } = {}) {
  const logged: string[] = [];
  const log = new EventLog({
    storage,
    salt: options.salt ?? '',
    retentionDays: options.retentionDays ?? 90,
    log: (level, message) => logged.push(`${level} ${message}`),
    now: () => options.now ?? NOW,
  });
  return { log, logged };
}

/** A store that fails every call while `down` is true, like Redis going away. */
class SwitchableStorage implements Storage {
  down = false;
  calls = 0;
  constructor(readonly inner = new MemoryStorage()) {}
  read(keys: string[]) {
    return this.call(() => this.inner.read(keys));
  }
  write(changes: StoreItems) {
    return this.call(() => this.inner.write(changes));
  }
  delete(keys: string[]) {
    return this.call(() => this.inner.delete(keys));
  }
  private call<T>(run: () => Promise<T>): Promise<T> {
    this.calls += 1;
    return this.down ? Promise.reject(new Error('connection refused')) : run();
  }
}

describe('EventLog', () => {
  it('writes buffered events and reads them back by day, oldest first', async () => {
    const storage = new MemoryStorage();
    const { log } = eventLog(storage);
    log.append([question('2026-11-21T10:00:00.000Z', 'b'), question('2026-11-20T09:00:00.000Z', 'a'), question('2026-11-22T08:00:00.000Z', 'c')]);
    await log.drain();
    const { events } = await log.read(new Date('2026-11-20T00:00:00Z'), NOW);
    expect(events.map((e) => e.type === 'question' && e.text)).toEqual(['a', 'b', 'c']);
    expect(log.counters).toMatchObject({ pending: 0, written: 3, failedFlushes: 0, dropped: 0 });
    const index = (await storage.read([dayKey('2026-11-21')]))[dayKey('2026-11-21')];
    expect(index.writers).toEqual({ [log.writer]: 1 });
  });

  it('reads only the requested period', async () => {
    const { log } = eventLog(new MemoryStorage());
    log.append([question('2026-11-10T10:00:00.000Z', 'old'), question('2026-11-22T08:00:00.000Z', 'new')]);
    await log.drain();
    const { events } = await log.read(new Date('2026-11-21T00:00:00Z'), NOW);
    expect(events.map((e) => e.type === 'question' && e.text)).toEqual(['new']);
  });

  it('stores a salted hash of the user, never the user id', async () => {
    const storage = new MemoryStorage();
    const { log } = eventLog(storage, { salt: 'a-configured-salt-of-16+' });
    log.append([question('2026-11-22T08:00:00.000Z', 'x', 'webchat:alice@example.com')]);
    await log.drain();
    const chunk = (await storage.read([chunkKey('2026-11-22', log.writer, 0)]))[chunkKey('2026-11-22', log.writer, 0)];
    expect(JSON.stringify(chunk)).not.toContain('alice');
    expect(chunk.events[0].user).toBe(hashUser('a-configured-salt-of-16+', 'webchat:alice@example.com'));
    expect(hashUser('another-salt-of-16-chars', 'webchat:alice@example.com')).not.toBe(chunk.events[0].user);
  });

  it('generates a salt once and keeps it in the store, so hashes stay the same after a restart', async () => {
    const storage = new MemoryStorage();
    const first = eventLog(storage).log;
    first.append([question('2026-11-22T08:00:00.000Z', 'x', 'webchat:u')]);
    await first.drain();
    const restarted = eventLog(storage).log;
    restarted.append([question('2026-11-22T09:00:00.000Z', 'y', 'webchat:u')]);
    await restarted.drain();
    const { events } = await restarted.read(new Date('2026-11-22T00:00:00Z'), NOW);
    expect(events).toHaveLength(2);
    expect(events[0].user).toBe(events[1].user);
    const meta = (await storage.read([META_KEY]))[META_KEY];
    expect(typeof meta.salt).toBe('string');
    expect(meta.days).toEqual(['2026-11-22']);
  });

  it('keeps the events of two processes writing the same day at once', async () => {
    const storage = new MemoryStorage();
    const a = eventLog(storage).log;
    const b = eventLog(storage).log;
    for (let i = 0; i < 5; i++) {
      a.append([question(`2026-11-22T08:00:0${i}.000Z`, `a${i}`)]);
      b.append([question(`2026-11-22T08:00:0${i}.500Z`, `b${i}`)]);
      await Promise.all([a.flush(), b.flush()]);
    }
    const { events } = await a.read(new Date('2026-11-22T00:00:00Z'), NOW);
    expect(events).toHaveLength(10);
  });

  it("puts its count back when another process's first write of the day overwrote the index", async () => {
    const storage = new MemoryStorage();
    const { log } = eventLog(storage);
    log.append([question('2026-11-22T08:00:00.000Z', 'mine')]);
    await log.drain();
    // Another process that saw no index writes its own, unconditionally.
    await storage.write({ [dayKey('2026-11-22')]: { writers: { other: 0 }, eTag: '*' } });
    expect((await log.read(new Date('2026-11-22T00:00:00Z'), NOW)).events).toHaveLength(0);
    await log.flush();
    expect((await log.read(new Date('2026-11-22T00:00:00Z'), NOW)).events.map((e) => e.type === 'question' && e.text)).toEqual(['mine']);
  });

  it('never fails the caller when the store is down: it logs once, keeps the events and writes them later', async () => {
    const storage = new SwitchableStorage();
    const { log, logged } = eventLog(storage);
    storage.down = true;
    expect(() => log.append([question('2026-11-22T08:00:00.000Z', 'kept')])).not.toThrow();
    await log.flush();
    await log.flush();
    expect(log.counters).toMatchObject({ pending: 1, written: 0, failedFlushes: 2 });
    expect(logged.filter((line) => line.startsWith('warn'))).toHaveLength(1);
    storage.down = false;
    await log.flush();
    expect(log.counters).toMatchObject({ pending: 0, written: 1 });
    expect((await log.read(new Date('2026-11-22T00:00:00Z'), NOW)).events).toHaveLength(1);
  });

  it('writes what is left on close and drops (and counts) what comes after', async () => {
    const storage = new MemoryStorage();
    const { log } = eventLog(storage);
    log.append([question('2026-11-22T08:00:00.000Z', 'last')]);
    await log.close();
    log.append([question('2026-11-22T08:00:01.000Z', 'too late')]);
    expect(log.counters).toMatchObject({ written: 1, dropped: 1 });
  });

  it('starts a new chunk after 200 events', async () => {
    const storage = new MemoryStorage();
    const { log } = eventLog(storage);
    log.append(Array.from({ length: 450 }, (_, i) => question(`2026-11-22T08:00:00.${String(i).padStart(3, '0')}Z`, `q${i}`)));
    await log.drain();
    const index = (await storage.read([dayKey('2026-11-22')]))[dayKey('2026-11-22')];
    expect(index.writers[log.writer]).toBe(3);
    expect((await log.read(new Date('2026-11-22T00:00:00Z'), NOW)).events).toHaveLength(450);
  });

  describe('retention', () => {
    it('deletes whole days older than the retention period and keeps the rest', async () => {
      const storage = new MemoryStorage();
      // Written by a process whose clock said August, so its own retention had nothing to delete.
      const writer = eventLog(storage, { retentionDays: 90, now: new Date('2026-08-01T00:00:00Z') }).log;
      writer.append([question('2026-08-01T10:00:00.000Z', 'too old'), question('2026-08-24T10:00:00.000Z', 'just kept'), question('2026-11-22T10:00:00.000Z', 'today')]);
      await writer.drain();
      const { log } = eventLog(storage, { retentionDays: 90 });

      expect(await log.prune()).toEqual(['2026-08-01']);
      const all = await log.read(new Date('2026-07-01T00:00:00Z'), NOW);
      expect(all.events.map((e) => e.type === 'question' && e.text)).toEqual(['just kept', 'today']);
      const stored = await storage.read([dayKey('2026-08-01'), chunkKey('2026-08-01', writer.writer, 0)]);
      expect(stored).toEqual({});
      expect((await storage.read([META_KEY]))[META_KEY].days).toEqual(['2026-08-24', '2026-11-22']);
    });

    it('runs by itself after a write', async () => {
      const storage = new MemoryStorage();
      const old = eventLog(storage, { now: new Date('2026-01-01T12:00:00Z') }).log;
      old.append([question('2026-01-01T10:00:00.000Z', 'January')]);
      await old.drain();
      const { log, logged } = eventLog(storage, { retentionDays: 30 });
      log.append([question('2026-11-22T10:00:00.000Z', 'today')]);
      await log.drain();
      expect(logged.some((line) => /retention of 30 days deleted 1 day/.test(line))).toBe(true);
      expect((await log.read(new Date('2026-01-01T00:00:00Z'), NOW)).events.map((e) => e.type === 'question' && e.text)).toEqual(['today']);
    });
  });

  it('refuses a retention period that is not a whole number of days', () => {
    expect(() => eventLog(new MemoryStorage(), { retentionDays: 0 })).toThrow(/retentionDays/);
  });
});
