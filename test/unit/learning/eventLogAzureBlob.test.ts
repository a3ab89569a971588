import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayKey, EventLog } from '../../../src/learning/eventLog';
import type { RecordedEvent } from '../../../src/learning/events';
import { makeAzureBlobStorage } from '../../../src/storage/azureBlob';
import { freePort } from '../../helpers';

const AZURITE = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'azurite-blob');
/** Azurite's well-known development account (public, documented by Microsoft). */
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

let azurite: ChildProcess;
let workspace: string;
let connectionString: string;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'azurite-learning-'));
  const port = await freePort();
  // prettier-ignore
  azurite = spawn(AZURITE, ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--skipApiVersionCheck', '--silent', '--loose', '--disableTelemetry'], { cwd: workspace, stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || azurite.exitCode !== null) throw new Error('Azurite did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
}, 20_000);

afterAll(async () => {
  if (azurite.exitCode === null && !azurite.signalCode) {
    const exited = new Promise((resolve) => azurite.once('exit', resolve));
    azurite.kill('SIGTERM');
    await exited;
  }
  rmSync(workspace, { recursive: true, force: true });
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function instance(now = new Date()): EventLog {
  return new EventLog({ storage: makeAzureBlobStorage({ connectionString, container: 'learning-test' }), salt: '', retentionDays: 30, log: () => undefined, now: () => now });
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
