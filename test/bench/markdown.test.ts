import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_INTRO, GENERATED_MARKER, introOf, renderMarkdown } from '../../tools/bench/markdown';
import { markdownPath, writeResult } from '../../tools/bench/results';
import type { MatchResult } from '../../tools/bench/match';
import type { ScaleResult } from '../../tools/bench/scale';

const machine = { cpuModel: 'Test CPU', cores: 2, memoryGiB: 4, os: 'linux', node: 'v20.0.0', date: '2026-11-22T12:00:00.000Z' };
const scale = (medianMs: number): ScaleResult => ({
  benchmark: 'scale',
  machine,
  sizes: [{ entries: 1000, phrasings: 7000, vocabulary: 9487, buildMs: 1200, rssMb: 140, buildRssMb: 17, heapUsedMb: 40, queries: 100, queryP50Ms: 1.5, queryP99Ms: 9, queryMaxMs: 12, paraphraseTop1: 0.98 }],
  queryGrowthExponent: Number.NaN,
  startup: { runs: [medianMs], medianMs },
});

describe('docs/benchmarks.md', () => {
  it('keeps a hand-written introduction above the marker', () => {
    const page = `# Our benchmarks\n\nWritten by hand.\n\n${GENERATED_MARKER}\nold generated text\n`;
    expect(introOf(page)).toBe('# Our benchmarks\n\nWritten by hand.\n\n');
    expect(introOf(undefined)).toBe(DEFAULT_INTRO);
    expect(renderMarkdown({}, introOf(page))).not.toContain('old generated text');
  });

  it('names the machine and the date in each section, and the missed targets', () => {
    const page = renderMarkdown({ scale: scale(1800) });
    expect(page).toContain('Test CPU, 2 cores, 4 GiB, linux, Node.js v20.0.0, 2026-11-22 12:00 UTC');
    expect(page).toContain('- **missed**: bot start-up to a healthy /healthz < 1.5 s (median) — measured 1800 ms');
    expect(page).toContain('- met: query p99 < 10 ms at 1,000 entries — measured 9 ms');
    expect(page).toContain('- **missed**: query time sub-linear (p50 growth exponent < 1) — measured n/a (one size)');
  });

  it('rebuilds the page from every result in the folder, so one rerun keeps the others', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-md-')), 'benchmarks');
    writeResult(out, scale(900));
    writeFileSync(markdownPath(out), readFileSync(markdownPath(out), 'utf8').replace('# Benchmarks', '# Benchmarks (edited)'));
    writeFileSync(join(out, 'bot.json'), JSON.stringify({ benchmark: 'bot', machine, durationSeconds: 10, serverErrors: [], runs: [{ connections: 100, results: [] }] }));
    writeResult(out, scale(950));
    const page = readFileSync(markdownPath(out), 'utf8');
    expect(page.startsWith('# Benchmarks (edited)')).toBe(true);
    expect(page).toContain('(median 950 ms)');
    expect(page).toContain('## Speed (`npm run bench:bot`)');
    expect(page).toContain('### 100 connections');
    expect(page).toContain('Not measured yet: run `npm run bench:nlu`');
  });

  it('waits for a new bench:bot run when bot.json is from before a run per number of connections', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-md-')), 'benchmarks');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'bot.json'), JSON.stringify({ benchmark: 'bot', machine, connections: 100, durationSeconds: 10, serverErrors: [], results: [] }));
    writeResult(out, scale(950));
    expect(readFileSync(markdownPath(out), 'utf8')).toContain('Not measured yet: run `npm run bench:bot`');
  });

  it('says how bench:match warmed up, with the first pass beside, and still reads a result from before the warm-up', () => {
    const match: MatchResult = {
      benchmark: 'match',
      machine,
      entries: { en: 81, 'zh-CN': 81 },
      questions: 891,
      inScope: 600,
      passes: 5,
      warmupSeconds: 3,
      skipped: [],
      matchers: [{ system: 'this bot', setup: 'Recognizer.recognize', microsPerQuestion: 48.2, firstPassMicros: 121.5, warmupPasses: 60, questionsPerSecond: 20747, top1: 0.9, buildMs: Number.NaN }],
    };
    const page = renderMarkdown({ match });
    expect(page).toContain('until 3 CPU seconds had passed');
    expect(page).toContain('| 48.2 | 20,747 | 121.5 (60 untimed) |');
    expect(page).toContain('- **missed**: recognition ≤ 40 µs a question');
    const { warmupSeconds: _w, ...older } = match;
    const olderMatchers = older.matchers.map(({ firstPassMicros: _f, warmupPasses: _p, ...m }) => m);
    const olderPage = renderMarkdown({ match: { ...older, matchers: olderMatchers } as unknown as MatchResult });
    expect(olderPage).toContain('an untimed pass first, then 5 timed passes');
    expect(olderPage).toContain('| 48.2 | 20,747 | – |');
  });
});
