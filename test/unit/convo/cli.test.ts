import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runConvoCli } from '../../../tools/convo/cli';
import { convoFromTranscript } from '../../../tools/convo';

const FIXTURES = join(__dirname, 'fixtures');

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runConvoCli(args, { stdin: Readable.from([stdin]), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { LOG_LEVEL: 'silent' } });
  return { code, stdout, stderr };
}

describe('convo test-dialogs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'test-dialogs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the scripts of a folder in process and exits 0 when all pass', async () => {
    const { code, stdout, stderr } = await cli(['test-dialogs', join(FIXTURES, 'scripts')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l.startsWith('PASS '))).toHaveLength(4);
    expect(stdout).toMatch(/\n4 passed, 0 failed, 4 total\n$/);
  });

  it('runs one file with the utterances beside it', async () => {
    const { code, stdout } = await cli(['test-dialogs', join(FIXTURES, 'scripts', 'greeting-then-check.convo.txt')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/2 passed, 0 failed, 2 total/);
  });

  it('exits 1 on a failing script, prints its report and writes JUnit XML', async () => {
    writeFileSync(join(dir, 'tokyo.convo.txt'), 'Tokyo\n\n#me\nserver in Hong Kong, do I need ICP?\n\n#bot\nTokyo\n');
    const junit = join(dir, 'junit.xml');
    const { code, stdout } = await cli(['test-dialogs', '--junit', junit, join(dir, 'tokyo.convo.txt'), join(FIXTURES, 'scripts', 'hong-kong-answer.convo.txt')]);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL Tokyo\n');
    expect(stdout).toContain('tokyo.convo.txt:7: the text does not contain "Tokyo"');
    expect(stdout).toMatch(/1 passed, 1 failed, 2 total\n$/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="conversation scripts" tests="2" failures="1"');
    expect(xml).toMatch(/<testcase name="Tokyo" classname="[^"]*tokyo\.convo\.txt" time="[\d.]+">\n {6}<failure message="turn 2 \(#bot\): the text does not contain &quot;Tokyo&quot;"/);
  });

  it('exits 2 naming file and line when a script does not parse', async () => {
    writeFileSync(join(dir, 'bad.convo.txt'), 'Bad\n#me\nhi\n#bot\nBUTTON_TEXT Hello\n');
    const { code, stderr } = await cli(['test-dialogs', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`bad.convo.txt:5: unknown directive "BUTTON_TEXT"`);
  });

  it.each([
    [['--secret', 's'], '--secret goes with --live URL'],
    [['--timeout', 'soon'], '--timeout "soon": must be a whole number of milliseconds above 0'],
    [['--live', 'ftp://example.com/v3/directline'], '--live: must be an http:// or https:// Direct Line URL'],
    [['--bogus'], 'bogus'],
  ])('exits 2 on bad options %j', async (args, message) => {
    const { code, stderr } = await cli(['test-dialogs', ...args, join(FIXTURES, 'scripts')]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 2 when there is no script', async () => {
    const { code, stderr } = await cli(['test-dialogs', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain('no *.convo.txt in');
  });
});

describe('convo record --transcript', () => {
  it('writes the script to --out, with a warning for what it left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    try {
      const out = join(dir, 'session.convo.txt');
      const { code, stdout, stderr } = await cli(['record', '--transcript', join(FIXTURES, 'emulator.transcript'), '--out', out, '--name', 'Emulator session']);
      expect(code).toBe(0);
      expect(stdout).toBe(`${out}\n`);
      expect(stderr).toBe('convo record: activity 16 (a user message) left out: it has no text (a card submit?)\n');
      const expected = convoFromTranscript(readFileSync(join(FIXTURES, 'emulator.transcript'), 'utf8'), { name: 'Emulator session', description: 'Recorded from emulator.transcript.' });
      expect(readFileSync(out, 'utf8')).toBe(expected.script);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints to stdout without --out, named after the file', async () => {
    const { code, stdout } = await cli(['record', '--transcript', join(FIXTURES, 'emulator.transcript')]);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 2)).toEqual(['emulator', 'Recorded from emulator.transcript.']);
  });

  it.each([
    [[], 'give either --transcript FILE or --live URL'],
    [['--transcript', 'a.transcript', '--live', 'http://localhost:3978/v3/directline'], 'give either --transcript FILE or --live URL'],
    [['--transcript', 'missing.transcript'], 'no such file: missing.transcript'],
    [['--transcript', join(FIXTURES, 'emulator.transcript'), '--secret', 's'], '--secret and --timeout go with --live'],
  ])('exits 2 on %j', async (args, message) => {
    const { code, stderr } = await cli(['record', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('exits 2 on a file that is not a transcript', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    try {
      writeFileSync(join(dir, 'x.transcript'), '{"not":"an array"}');
      const { code, stderr } = await cli(['record', '--transcript', join(dir, 'x.transcript')]);
      expect(code).toBe(2);
      expect(stderr).toContain('convoFromTranscript(): a transcript is a JSON array of activities');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
