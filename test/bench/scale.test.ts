import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchCli } from '../../tools/bench/cli';
import type { ScaleResult } from '../../tools/bench/scale';
import { growthExponent } from '../../tools/bench/scale';
import type { SizeResult } from '../../tools/bench/scaleMeasure';
import { syntheticSet } from '../../tools/bench/synthetic';

describe('synthetic knowledge base', () => {
  it('is the same for the same seed and has six alternates per entry', () => {
    const a = syntheticSet(50, 20, 3);
    const b = syntheticSet(50, 20, 3);
    expect(a).toEqual(b);
    expect(a.entries).toHaveLength(50);
    expect(a.entries.every((e) => e.alternates.length === 6 && e.answer.split(' ').length >= 25)).toBe(true);
    expect(new Set(a.entries.map((e) => e.question)).size).toBe(50);
    expect(a.queries.filter((q) => q.expected === undefined).length).toBeGreaterThanOrEqual(10);
  });
});

describe('growthExponent', () => {
  const size = (entries: number, queryP50Ms: number) => ({ entries, queryP50Ms }) as SizeResult;
  it.each([
    [[size(1000, 1), size(100_000, 100)], 1],
    [[size(1000, 1), size(100_000, 10)], 0.5],
    [[size(1000, 1)], Number.NaN],
  ])('of %j is %s', (sizes, exponent) => {
    expect(growthExponent(sizes)).toBe(exponent);
  });
});

describe('bench scale', () => {
  it('measures two small sizes and the start-up, and writes scale.json and the page', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-scale-')), 'benchmarks');
    const lines: string[] = [];
    const code = await runBenchCli(['scale', '--sizes', '200,100', '--queries', '60', '--startup-runs', '1', '--out', out], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    expect(lines.filter((l) => l.startsWith('bench'))).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'scale.json'), 'utf8')) as ScaleResult;
    expect(result.sizes.map((s) => s.entries)).toEqual([100, 200]);
    for (const s of result.sizes) {
      expect(s.phrasings).toBe(s.entries * 7);
      expect(s.queries).toBe(60);
      for (const value of [s.buildMs, s.rssMb, s.queryP50Ms, s.queryP99Ms]) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThan(0);
      }
      expect(s.paraphraseTop1).toBeGreaterThan(0.5);
    }
    expect(Number.isFinite(result.queryGrowthExponent)).toBe(true);
    expect(result.startup.runs).toHaveLength(1);
    expect(result.startup.medianMs).toBeGreaterThan(0);
    const page = readFileSync(`${out}.md`, 'utf8');
    expect(page).toContain('## Scale (`npm run bench:scale`)');
    expect(page).toMatch(/\| 200 \| 1,400 \|/);
  }, 120_000);
});
