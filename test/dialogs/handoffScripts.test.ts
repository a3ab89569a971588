import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { buildServer } from '../../src/app';
import { expandConvo, expansionName, formatFailure, loadScripts, runExpansionInProcess, runScriptLive, type ConvoResult } from '../../tools/convo';
import { testBotApp, testConfig } from '../helpers';

/** The bot the handoff scripts expect: handoffs go to the built-in agent desk, an offer after three misses. */
const DESK = { HANDOFF: 'desk', AGENT_ACCOUNTS: 'alice:alice-secret-123', HANDOFF_AFTER_FAILURES: '3' };

const scripts = loadScripts(join(__dirname, 'handoff'));

describe('handoff conversation scripts (test/dialogs/handoff)', () => {
  it('are there', () => {
    expect(scripts.convos.length).toBeGreaterThanOrEqual(8);
  });

  for (const expansion of scripts.convos.flatMap(expandConvo)) {
    it(expansionName(expansion), async () => {
      const result = await runExpansionInProcess(expansion, { app: () => testBotApp(DESK) });
      expectPassed([result]);
    });
  }

  it('run the same over Direct Line against the real server', async () => {
    const server = buildServer(testConfig(DESK), testBotApp(DESK), () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
      const picked = scripts.convos.filter((c) => ['ask-queue-leave-en.convo.txt', 'ask-queue-leave-zh.convo.txt'].includes(basename(c.file)));
      expect(picked).toHaveLength(2);
      for (const convo of picked) expectPassed(await runScriptLive(convo, { url, timeoutMs: 10_000 }));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);
});

function expectPassed(results: ConvoResult[]): void {
  const failed = results.find((r) => !r.passed);
  if (failed) {
    const error = new Error(formatFailure(failed));
    error.stack = error.message;
    throw error;
  }
  expect(results.length).toBeGreaterThan(0);
}
