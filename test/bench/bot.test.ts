import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotResult } from '../../src/bench/bot';
import { SCENARIOS, scenarioBody } from '../../src/bench/bot';
import { runBenchCli } from '../../src/bench/cli';

describe('bench bot', () => {
  it('posts expectReplies activities that become a new conversation per request', () => {
    const body = JSON.parse(scenarioBody(SCENARIOS[1])) as { deliveryMode: string; conversation: { id: string }; text: string };
    expect(body.deliveryMode).toBe('expectReplies');
    expect(body.conversation.id).toBe('bench-[<id>]');
    expect(body.text).toBe('do I need an ICP filing if my server is in Hong Kong');
  });

  it('loads the real server for one second per scenario and writes bot.json and the page', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-bot-')), 'benchmarks');
    const lines: string[] = [];
    const code = await runBenchCli(['bot', '--duration', '1', '--connections', '4', '--out', out], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(lines.filter((l) => l.startsWith('bench'))).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'bot.json'), 'utf8')) as BotResult;
    expect(result.results.map((r) => r.scenario)).toEqual(['bare route', 'FAQ question', 'unanswerable question', 'eligibility check']);
    for (const r of result.results) {
      expect(r.requests).toBeGreaterThan(0);
      expect(r.non2xx).toBe(0);
      expect(r.errors).toBe(0);
      for (const value of [r.requestsPerSecond, r.latencyP50Ms, r.latencyP99Ms, r.ratioToBare]) expect(Number.isFinite(value)).toBe(true);
    }
    expect(result.results[0].ratioToBare).toBe(1);
    // What the bot said before the load: an answer, the fallback, the check's first question.
    expect(result.results[1].sampleReply).toMatch(/ICP filing/i);
    expect(result.results[2].sampleReply).not.toBe(result.results[1].sampleReply);
    const page = readFileSync(`${out}.md`, 'utf8');
    expect(page).toContain('## Speed (`npm run bench:bot`)');
    expect(page).toMatch(/\| FAQ question \| \d+ \|/);
  }, 60_000);
});
