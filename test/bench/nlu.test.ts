import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchCli } from '../../tools/bench/cli';
import { evaluateCorpus, rejectLabel, runNluBenchmark, SWEEP } from '../../tools/bench/nlu';
import type { NluResult } from '../../tools/bench/nlu';

const fixtures = join(__dirname, 'fixtures', 'benchmarks');

function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  return runBenchCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out, err }));
}

describe('evaluateCorpus', () => {
  const corpus = {
    name: 'tiny',
    train: [
      { text: 'when is the next train', label: 'time' },
      { text: 'next bus departure', label: 'time' },
      { text: 'route from the zoo to the park', label: 'route' },
      { text: 'how do i get to the museum', label: 'route' },
    ],
    test: [
      { text: 'when does the next train leave', label: 'time' },
      { text: 'route to the museum', label: 'route' },
      { text: 'completely unrelated words', label: 'OUT' },
    ],
    outOfScope: 'OUT',
  };
  const result = evaluateCorpus(corpus, 'hint3', { en: [], 'zh-CN': [] });

  it('predicts with the top candidate and counts a query nothing matches as out of scope', () => {
    expect(result.correct).toBe(3);
    expect(result.accuracy).toBe(1);
  });

  it('sweeps the thresholds 0 to 1; at 1 everything is rejected', () => {
    expect(result.sweep.map((p) => p.threshold)).toEqual(SWEEP);
    expect(result.sweep[result.sweep.length - 1].accuracy).toBeCloseTo(1 / 3, 4);
    expect(result.best.accuracy).toBe(Math.max(...result.sweep.map((p) => p.accuracy)));
  });

  it('rejects to a trained None intent when the corpus has no out-of-scope label', () => {
    expect(rejectLabel({ name: 'x', train: [{ text: 'a', label: 'None' }], test: [] })).toBe('None');
    expect(rejectLabel({ name: 'x', train: [{ text: 'a', label: 'a' }], test: [] })).toBeUndefined();
  });
});

describe('bench nlu on the tiny fixtures', () => {
  const result: NluResult = runNluBenchmark({ dataDir: fixtures });

  it('scores all seven data sets with finite figures', () => {
    expect(result.datasets.map((d) => d.name)).toEqual(['Chatbot', 'AskUbuntu', 'WebApplications', 'sofmattress', 'curekart', 'powerplay11', 'corpus50-en']);
    for (const d of result.datasets) {
      for (const value of [d.accuracy, d.atThreshold01, d.best.accuracy, d.best.threshold]) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(d.sweep).toHaveLength(101);
    }
    // Corpus50's None has no training utterances: "zzz" shares no word with the others, so it is rejected to None and counts right.
    const corpus50 = result.datasets[6];
    expect(corpus50.rejectLabel).toBe('None');
    expect(corpus50.correct).toBe(3);
    const braun = result.datasets.slice(0, 3);
    expect(result.braunOverall).toBeCloseTo(braun.reduce((s, d) => s + d.correct, 0) / braun.reduce((s, d) => s + d.testSize, 0), 4);
    expect(result.alternative.stopWords).toBe('bot');
  });

  it('writes nlu.json, nlu.html with a plot per data set, and the page with the tables', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bench-nlu-')), 'benchmarks');
    const run = await cli(['nlu', '--data', fixtures, '--out', out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'nlu.json'), 'utf8')) as NluResult;
    expect(json.benchmark).toBe('nlu');
    expect(json.machine.cores).toBeGreaterThan(0);
    const html = readFileSync(join(out, 'nlu.html'), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(7);
    expect(html).toContain('best published 0.748');
    const page = readFileSync(`${out}.md`, 'utf8');
    expect(page).toContain('### Braun et al. 2017');
    expect(page).toContain('| NLP.js | 0.99 | 0.94 | 0.80 | 0.93 |');
    expect(page).toContain('| Dialogflow | 0.650 / 0.713 | 0.642 / 0.732 | 0.350 / 0.728 |');
    expect(page).toContain('NLP.js (own tokenizer and stemmer) | 98.05 %');
    expect(page).toContain('1 of the 3 test utterances are None, an intent with no training utterances');
    expect(page).toContain('Not measured yet: run `npm run bench:bot`');
  });

  it('fails with the path when the data folder is missing, and writes nothing', async () => {
    const base = mkdtempSync(join(tmpdir(), 'bench-nlu-'));
    const run = await cli(['nlu', '--data', join(base, 'missing'), '--out', join(base, 'out')]);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain(`benchmark data folder ${join(base, 'missing')} does not exist`);
    expect(existsSync(join(base, 'out'))).toBe(false);
  });
});

describe('bench command line', () => {
  it.each([
    [[], 'which benchmark? nlu, match, bot or scale'],
    [['speed'], 'unknown benchmark "speed"'],
    [['bot', '--duration', 'x'], '--duration must be a number'],
    [['bot', '--connections', '0'], '--connections must be positive whole numbers separated by commas, not "0"'],
    [['bot', '--connections', '100,'], '--connections must be positive whole numbers separated by commas, not "100,"'],
    [['scale', '--sizes', '100,ten'], '--sizes must be positive whole numbers separated by commas, not "100,ten"'],
    [['nlu', '--sizes', '1'], 'option --sizes does not apply to "nlu"'],
    [['nlu', '--colour'], "Unknown option '--colour'"],
  ])('rejects %j with exit code 2', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.err[0]).toContain(message);
    expect(run.err[0]).toContain('usage: node dist-tools/tools/bench/cli.js');
  });
});
