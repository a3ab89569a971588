import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { BotProcess } from '../../process/botProcess';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'icp-eventlog-stop-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('writes the events it still holds when the bot is stopped with SIGTERM', async () => {
  const bot = new BotProcess({ STORAGE: 'file', STORAGE_DIR: dir });
  await bot.start();
  try {
    // Right after the reply the event is still buffered (the log writes a couple of seconds later).
    expect((await bot.say('stop', 'purple monkey dishwasher')).status).toBe(200);
    expect(await bot.stop('SIGTERM')).toBe(0);
  } finally {
    await bot.stop('SIGKILL');
  }
  const out: string[] = [];
  const code = await runCli(['report', '--format', 'json', '--since', '1d'], {
    stdin: new PassThrough(),
    stdout: (t) => out.push(t),
    stderr: () => undefined,
    env: { LOG_LEVEL: 'silent', STORAGE: 'file', STORAGE_DIR: dir },
  });
  expect(code).toBe(0);
  const report = JSON.parse(out.join('')) as { totals: { questions: number; unanswered: number }; clusters: { representative: string }[] };
  expect(report.totals).toMatchObject({ questions: 1, unanswered: 1 });
  expect(report.clusters.map((c) => c.representative)).toEqual(['purple monkey dishwasher']);
});
