import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../../tools/bench/cli';
import { checkDataDir, DatasetError, loadBraun, loadCorpus50, loadHint3, parseCsv } from '../../tools/bench/datasets';

const fixtures = join(__dirname, 'fixtures', 'benchmarks');

describe('parseCsv', () => {
  it.each([
    ['a,b\n', [['a', 'b']]],
    ['a,b\r\nc,d', [['a', 'b'], ['c', 'd']]],
    ['"x, y",z\n', [['x, y', 'z']]],
    ['"say ""hi""",z\n', [['say "hi"', 'z']]],
    ['"two\nlines",z\n', [['two\nlines', 'z']]],
    ['a,b\n\nc,d\n', [['a', 'b'], ['c', 'd']]],
  ])('parses %j', (text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe('loaders', () => {
  it('splits the Braun corpora by their training flag', () => {
    const corpora = loadBraun(fixtures);
    expect(corpora.map((c) => c.name)).toEqual(['Chatbot', 'AskUbuntu', 'WebApplications']);
    expect(corpora[0].train).toHaveLength(6);
    expect(corpora[0].test).toContainEqual({ text: 'next train to the city centre', label: 'DepartureTime' });
  });

  it('reads HINT3 v1 with its out-of-scope label and quoted sentences', () => {
    const [sof, curekart] = loadHint3(fixtures);
    expect(sof.outOfScope).toBe('NO_NODES_DETECTED');
    expect(sof.train).toHaveLength(4);
    expect(curekart.test).toContainEqual({ text: '"quoted, with a comma"', label: 'NO_NODES_DETECTED' });
  });

  it('reads Corpus50 utterances as training and tests as test, its untrained None as the out-of-scope label', () => {
    const corpus = loadCorpus50(fixtures);
    expect(corpus.outOfScope).toBe('None');
    expect(corpus.train).toHaveLength(4);
    expect(corpus.test).toEqual([
      { text: 'what else does your company develop', label: 'support.about' },
      { text: 'your age please', label: 'agent.age' },
      { text: 'zzz', label: 'None' },
    ]);
  });
});

describe('the full data sets in the project (the default of bench:nlu)', () => {
  it('is bench/datasets inside the project, so a clone alone can run the benchmark', () => {
    expect(defaultDataDir()).toBe(join(__dirname, '..', '..', 'bench', 'datasets'));
  });

  it('holds every test sentence the published results were measured on', () => {
    const dir = defaultDataDir();
    expect(loadBraun(dir).map((c) => [c.name, c.train.length, c.test.length])).toEqual([
      ['Chatbot', 100, 106],
      ['AskUbuntu', 53, 109],
      ['WebApplications', 30, 59],
    ]);
    expect(loadHint3(dir).map((c) => [c.name, c.test.length, c.test.filter((t) => t.label === c.outOfScope).length])).toEqual([
      ['sofmattress', 397, 166],
      ['curekart', 991, 539],
      ['powerplay11', 983, 708],
    ]);
    const corpus50 = loadCorpus50(dir);
    expect([corpus50.train.length, corpus50.test.length]).toEqual([250, 256]);
  });

  it('keeps a licence and a README beside each data set', () => {
    const dir = defaultDataDir();
    for (const [set, licence] of [['braun', 'LICENSE'], ['hint3', 'LICENSE.md'], ['nlpjs-corpus50', 'LICENSE.md']]) {
      expect(existsSync(join(dir, set, licence))).toBe(true);
      expect(existsSync(join(dir, set, 'README.md'))).toBe(true);
    }
  });
});

describe('bad data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-data-'));

  it('names a missing data folder', () => {
    expect(() => checkDataDir(join(dir, 'nowhere'))).toThrow(new DatasetError(`checkDataDir(): benchmark data folder ${join(dir, 'nowhere')} does not exist (pass --data DIR)`));
  });

  it('names a missing file', () => {
    expect(() => loadCorpus50(dir)).toThrow(`${join(dir, 'nlpjs-corpus50', 'corpus-en.json')} does not exist`);
  });

  it('has no Corpus50 out-of-scope label when every intent is trained', () => {
    mkdirSync(join(dir, 'trained', 'nlpjs-corpus50'), { recursive: true });
    const data = [{ intent: 'a', utterances: ['x'], tests: ['y'] }, { intent: 'None', utterances: ['z'], tests: ['w'] }];
    writeFileSync(join(dir, 'trained', 'nlpjs-corpus50', 'corpus-en.json'), JSON.stringify({ data }));
    expect(loadCorpus50(join(dir, 'trained')).outOfScope).toBeUndefined();
  });

  it('refuses a Corpus50 file with two untrained intents', () => {
    mkdirSync(join(dir, 'two', 'nlpjs-corpus50'), { recursive: true });
    const data = [{ intent: 'a', utterances: ['x'], tests: ['y'] }, { intent: 'None', utterances: [], tests: ['w'] }, { intent: 'Other', utterances: [], tests: ['v'] }];
    writeFileSync(join(dir, 'two', 'nlpjs-corpus50', 'corpus-en.json'), JSON.stringify({ data }));
    expect(() => loadCorpus50(join(dir, 'two'))).toThrow(/intents None, Other have tests but no utterances/);
  });

  it('names a file that is not JSON', () => {
    mkdirSync(join(dir, 'braun'), { recursive: true });
    writeFileSync(join(dir, 'braun', 'ChatbotCorpus.json'), '{ nope');
    expect(() => loadBraun(dir)).toThrow(/ChatbotCorpus\.json is not JSON/);
  });

  it('names the field that is wrong', () => {
    writeFileSync(join(dir, 'braun', 'ChatbotCorpus.json'), JSON.stringify({ name: 'x', sentences: [{ text: 'a', intent: 'b', training: 'yes' }] }));
    expect(() => loadBraun(dir)).toThrow(/ChatbotCorpus\.json: sentences\.0\.training/);
  });

  it('refuses a CSV without the sentence,label header', () => {
    mkdirSync(join(dir, 'hint3', 'dataset', 'v1', 'train'), { recursive: true });
    writeFileSync(join(dir, 'hint3', 'dataset', 'v1', 'train', 'sofmattress_train.csv'), 'text,intent\na,b\n');
    expect(() => loadHint3(dir)).toThrow(/sofmattress_train\.csv: expected the header "sentence,label"/);
  });
});
