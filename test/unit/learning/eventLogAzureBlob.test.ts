import { dayKey, EventLog } from '../../../src/learning/eventLog';
import type { RecordedEvent } from '../../../src/learning/events';
import { makeAzureBlobStorage } from '../../../src/storage/azureBlob';
import { startAzurite, type Azurite } from '../../storage/azurite';

let azurite: Azurite;
let connectionString: string;

beforeAll(async () => {
  azurite = await startAzurite();
  connectionString = azurite.connectionString;
}, 20_000);

/** Every log the test made: each is closed before Azurite stops, or its later check of what it wrote finds Azurite gone and the Azure SDK's retries keep Jest waiting. */
const logs: EventLog[] = [];

afterAll(async () => {
  await Promise.all(logs.map((log) => log.close()));
  await azurite?.stop();
});

function instance(now = new Date()): EventLog {
  const log = new EventLog({ storage: makeAzureBlobStorage({ connectionString, container: 'learning-test' }), salt: '', retentionDays: 30, log: () => undefined, now: () => now });
  logs.push(log);
  return log;
}

const question = (id: string, at: string): RecordedEvent => ({ id, at, userKey: 'msteams:29:abc', channel: 'msteams', language: 'zh-CN', type: 'question', text: '备案要多久', outcome: 'none', candidates: [] });

it('works on Azure Blob Storage: concurrent writers, one salt, retention', async () => {
  const today = new Date().toISOString();
  const old = instance(new Date('2026-01-01T12:00:00Z'));
  old.append([question('old', '2026-01-01T10:00:00.000Z')]);
  await old.close();

  const first = instance();
  first.append([question('first', today)]);
  await first.flush();
  const writers = [instance(), instance(), instance()];
  writers.forEach((log, i) => log.append([question(`w${i}`, today)]));
  await Promise.all(writers.map((log) => log.flush()));

  const reader = instance();
  const { events } = await reader.read(new Date(Date.now() - 3600_000), new Date(Date.now() + 60_000));
  expect(events.map((e) => e.id).sort()).toEqual(['first', 'w0', 'w1', 'w2']);
  expect(new Set(events.map((e) => e.user)).size).toBe(1);

  // The writers' first flush ran the retention: January is gone, index and chunk.
  expect(await makeAzureBlobStorage({ connectionString, container: 'learning-test' }).read([dayKey('2026-01-01')])).toEqual({});
  expect((await reader.read(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z'))).events).toEqual([]);
  expect(await reader.prune()).toEqual([]);
});
