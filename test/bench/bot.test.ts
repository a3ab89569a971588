import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotResult } from '../../tools/bench/bot';
import { SCENARIOS, scenarioBody } from '../../tools/bench/bot';
import { runBenchCli } from '../../tools/bench/cli';

describe('bench bot', () => {
  it('posts expectReplies activities that become a new conversation per request', () => {
    const body = JSON.parse(scenarioBody(SCENARIOS.find((s) => s.name === 'FAQ question')!)) as { deliveryMode: string; conversation: { id: string }; text: string };
    expect(body.deliveryMode).toBe('expectReplies');
    expect(body.conversation.id).toBe('bench-[<id>]');
    expect(body.text).toBe('how long does the ICP filing take');
  });

  it('loads the real server for one second per scenario and number of connections, and writes bot.json and the page', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-bot-')), 'benchmarks');
    const lines: string[] = [];
    const code = await runBenchCli(['bot', '--duration', '1', '--connections', '4,2', '--out', out], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(lines.filter((l) => l.startsWith('bench'))).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'bot.json'), 'utf8')) as BotResult;
    expect(result.runs.map((run) => run.connections)).toEqual([4, 2]);
    for (const run of result.runs) expect(run.results.map((r) => r.scenario)).toEqual(['bare route', 'botbuilder floor', 'FAQ question', 'situation question', 'unanswerable question', 'eligibility check']);
    const results = result.runs[0].results;
    for (const r of result.runs.flatMap((run) => run.results)) {
      expect(r.requests).toBeGreaterThan(0);
      expect(r.non2xx).toBe(0);
      expect(r.errors).toBe(0);
      for (const value of [r.requestsPerSecond, r.latencyP50Ms, r.latencyP99Ms, r.ratioToBare]) expect(Number.isFinite(value)).toBe(true);
      // The server did work for every row; not compared between rows (that would be a timed assertion).
      expect(r.serverCpuMicrosPerRequest).toBeGreaterThan(0);
    }
    expect(results[0].ratioToBare).toBe(1);
    // What was said before the load: the floor's fixed reply, then the FAQ answer, the situation's verdict, the fallback.
    expect(results[1].sampleReply).toMatch(/fixed reply/);
    expect(results[2].sampleReply).toMatch(/working days|review/i);
    expect(results[3].sampleReply).toMatch(/Hong Kong/);
    expect(results[4].sampleReply).not.toBe(results[2].sampleReply);
    const page = readFileSync(`${out}.md`, 'utf8');
    expect(page).toContain('## Speed (`npm run bench:bot`)');
    expect(page).toContain('### 4 connections');
    expect(page).toContain('### 2 connections');
    expect(page).toMatch(/\| FAQ question \| \d+ \|/);
    expect(page).toMatch(/\| botbuilder floor \| \d+ \|/);
    expect(page).toMatch(/FAQ turns make \d+\.\d % of the floor's/);
    // The targets are judged on the run at 10 connections, or the first when there is none.
    expect(page).toContain("botbuilder floor's requests/s (4 connections)");
  }, 60_000);
});
