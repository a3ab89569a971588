import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { runConvoCli } from '../../tools/convo/cli';
import {
  expandConvo,
  expansionName,
  formatFailure,
  loadScripts,
  parseConvo,
  runExpansionInProcess,
  runScriptInProcess,
  runScriptLive,
  type Convo,
  type ConvoResult,
  type LoadedScripts,
} from '../../tools/convo';
import { testBotApp, testConfig } from '../helpers';

/** An Error whose message is the runner's report, without a stack that would bury it. */
function reportError(result: ConvoResult): Error {
  const error = new Error(formatFailure(result));
  error.stack = error.message;
  return error;
}

function expectPassed(results: ConvoResult[]): void {
  const failed = results.filter((r) => !r.passed);
  if (failed.length > 0) throw reportError(failed[0]);
  expect(results.length).toBeGreaterThan(0);
}

let scripts: LoadedScripts | undefined;
let loadError: unknown;
try {
  // handoff/ has scripts of its own, run against a bot with the agent desk (handoffScripts.test.ts).
  scripts = loadScripts([join(__dirname, 'scripts'), join(__dirname, 'generated')]);
} catch (error) {
  loadError = error;
}

describe('the conversation scripts under test/dialogs', () => {
  it('all parse, with their utterances', () => {
    if (loadError) throw loadError;
    expect(scripts?.convos.length).toBeGreaterThan(0);
  });
});

const byFile = new Map<string, Convo[]>();
for (const convo of scripts?.convos ?? []) byFile.set(convo.file, [...(byFile.get(convo.file) ?? []), convo]);

for (const [file, convos] of byFile) {
  describe(file, () => {
    for (const expansion of convos.flatMap(expandConvo)) {
      it(expansionName(expansion), async () => {
        const result = await runExpansionInProcess(expansion, { app: () => testBotApp() });
        if (!result.passed) throw reportError(result);
      });
    }
  });
}

describe('a script that expects the wrong thing', () => {
  const file = 'test/dialogs/broken-example.convo.txt';
  const script = [
    'Hong Kong answer mentions Tokyo',
    'Deliberately wrong: the Hong Kong answer says nothing about Tokyo.',
    '',
    '#me',
    'do I need an ICP filing if my server is in Hong Kong',
    '',
    '#bot',
    "doesn't need an ICP filing",
    'Tokyo',
    'LANGUAGE en',
  ].join('\n');

  it('fails at its turn with the file, the line, what was expected, what came and a diff', async () => {
    const [result] = await runScriptInProcess(parseConvo(script, file), { app: () => testBotApp() });
    expect(result.passed).toBe(false);
    expect(result.failure).toMatchObject({ turn: 2, sender: 'bot', line: 7 });
    const report = formatFailure(result);
    expect(report).toContain('FAIL Hong Kong answer mentions Tokyo');
    expect(report).toContain(`${file}:7: turn 2 (#bot)`);
    expect(report).toContain('after #me: "do I need an ICP filing if my server is in Hong Kong"');
    expect(report).toMatch(/expected:\n {4}doesn't need an ICP filing\n {4}Tokyo\n {4}LANGUAGE en\n/);
    expect(report).toContain(`${file}:9: the text does not contain "Tokyo"`);
    // Only the failing check is reported: the other two lines passed.
    expect(report).not.toContain(`${file}:8:`);
    expect(report).toMatch(/actual:\n {4}text: "[^"]*doesn't need an ICP filing/);
    expect(report).toContain('buttons: "Check my situation", "Talk to a person"');
    expect(report).toContain(`--- expected (${file}:9)`);
    expect(report).toContain('+++ actual (reply text)');
    expect(report).toMatch(/\n {4}-Tokyo\n/);
    expect(report).toMatch(/\n {4}\+.*doesn't need an ICP filing/);
  });
});

describe('over Direct Line against the real server', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = buildServer(testConfig(), testBotApp(), () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** A welcome check with a click, a Chinese answer, and a check to its card: what a live channel may render differently. */
  const LIVE_PICKS = ['greet-welcome-en.convo.txt', 'faq-hosted-outside-mainland-zh.convo.txt', 'rule-bbs-approval-missing.en.convo.txt'];

  it('runs real scripts the same way as in process', async () => {
    const picked = (scripts?.convos ?? []).filter((c) => LIVE_PICKS.includes(basename(c.file)));
    expect(picked.map((c) => basename(c.file)).sort()).toEqual([...LIVE_PICKS].sort());
    for (const convo of picked) expectPassed(await runScriptLive(convo, { url, timeoutMs: 10_000 }));
  }, 120_000);

  it('fails a wrong expectation over Direct Line too, naming the turn', async () => {
    const convo = parseConvo('Live Tokyo\n\n#me\nserver in Hong Kong, do I need ICP?\n\n#bot\nTokyo\n', 'inline-live.convo.txt');
    const [result] = await runScriptLive(convo, { url, timeoutMs: 10_000 });
    expect(result.passed).toBe(false);
    expect(formatFailure(result)).toContain('inline-live.convo.txt:7: the text does not contain "Tokyo"');
  }, 30_000);

  it('uses the Direct Line secret of an endpoint that has one, and says when it cannot connect', async () => {
    const secret = 'convo-runner-secret-0123456789';
    const closed = buildServer(testConfig({ DIRECTLINE_SECRET: secret }), testBotApp(), () => undefined);
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    try {
      const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v3/directline`;
      const convo = parseConvo('Hong Kong\n\n#me\nserver in Hong Kong, do I need ICP?\n\n#bot\ndoesn\'t need an ICP filing\n', 'inline-secret.convo.txt');
      expectPassed(await runScriptLive(convo, { url: closedUrl, secret, timeoutMs: 10_000 }));
      const [refused] = await runScriptLive(convo, { url: closedUrl, timeoutMs: 2_000 });
      expect(refused.failure?.problems[0].problem).toMatch(/^the bot or the connection failed: Direct Line at http:\/\/127\.0\.0\.1:\d+\/v3\/directline: .*(failed to connect|not connected after 2000 ms)/);
    } finally {
      await new Promise<void>((resolve) => closed.close(() => resolve()));
    }
  }, 30_000);

  it('records a conversation typed on stdin into a script that then passes in process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-live-'));
    try {
      const out = join(dir, 'recorded.convo.txt');
      let stderr = '';
      const lines = ['do I need an ICP filing if my server is in Hong Kong', '我的服务器在香港，需要备案吗', 'Check my situation'];
      const code = await runConvoCli(['record', '--live', url, '--out', out, '--name', 'Recorded round trip'], {
        stdin: Readable.from([`${lines.join('\n')}\n`]),
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        env: {},
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text.split('\n')[0]).toBe('Recorded round trip');
      for (const line of lines) expect(text).toContain(`#me\n${line}\n`);
      expect(text).toContain('your server is in Hong Kong, which is outside');
      const convo = parseConvo(text, out);
      // The welcome, then each message and its reply.
      expect(convo.steps.map((s) => s.sender)).toEqual(['bot', 'me', 'bot', 'me', 'bot', 'me', 'bot']);
      expectPassed(await runScriptInProcess(convo, { app: () => testBotApp() }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
