import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { EventLog } from '../../../src/learning/eventLog';
import type { RecordedEvent } from '../../../src/learning/events';
import { RedisStorage } from '../../../src/storage/redisStorage';

/** The machine's Redis (see README, Tests); only keys under PREFIX are ours. */
const URL = 'redis://127.0.0.1:6379';
const PREFIX = `icp-bot-test:learning-${process.pid}-${randomUUID()}:`;
const stores: RedisStorage[] = [];

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  const admin = new Redis(URL);
  const keys = await admin.keys(`${PREFIX}*`);
  if (keys.length > 0) await admin.del(keys);
  await admin.quit();
});

/** One bot process: its own Redis connection and its own event log. */
function instance(): EventLog {
  const storage = new RedisStorage({ url: URL, keyPrefix: PREFIX });
  stores.push(storage);
  return new EventLog({ storage, salt: 'a-shared-salt-for-all-instances', retentionDays: 90, log: () => undefined });
}

const event = (writer: number, n: number, test = 'a'): RecordedEvent => ({
  id: `${test}-w${writer}-${n}`,
  at: new Date(Date.now() - 1000 + n).toISOString(),
  userKey: `webchat:user-${n % 7}`,
  channel: 'webchat',
  language: 'en',
  type: 'question',
  text: `question ${n} of instance ${writer}`,
  outcome: 'none',
  candidates: [],
});

it('keeps every event when four instances start on an empty store and write the same day at once', async () => {
  const logs = [instance(), instance(), instance(), instance()];
  for (let round = 0; round < 5; round++) {
    logs.forEach((log, writer) => log.append(Array.from({ length: 10 }, (_, i) => event(writer, round * 10 + i))));
    await Promise.all(logs.map((log) => log.flush()));
  }
  await Promise.all(logs.map((log) => log.close()));
  const { events } = await instance().read(new Date(Date.now() - 3600_000), new Date(Date.now() + 60_000));
  expect(events).toHaveLength(200);
  expect(new Set(events.map((e) => e.id)).size).toBe(200);
  expect(logs.every((log) => log.counters.failedFlushes === 0)).toBe(true);
  // The same user hashes alike whichever instance wrote the event.
  const byUser = events.filter((e) => e.type === 'question' && / 0 of | 7 of /.test(e.text)).map((e) => e.user);
  expect(new Set(byUser).size).toBe(1);
});

it('loses no count when instances update the same day index at the same moment (check-and-set)', async () => {
  const first = instance();
  first.append([event(9, 0, 'cas')]);
  await first.flush();
  const logs = Array.from({ length: 6 }, () => instance());
  logs.forEach((log, writer) => log.append([event(writer, 1, 'cas')]));
  // One flush each, all at once, and no later flush that could repair a lost update.
  await Promise.all(logs.map((log) => log.flush()));
  const { events } = await instance().read(new Date(Date.now() - 3600_000), new Date(Date.now() + 60_000));
  expect(events.filter((e) => e.id.startsWith('cas-') && e.id.endsWith('-1'))).toHaveLength(6);
});
