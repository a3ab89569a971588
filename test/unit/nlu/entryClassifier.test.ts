import { EntryClassifier, MAX_TRAINING_WORK, type LabelledTokens, type ModelStore } from '../../../src/nlu/entryClassifier';

/** Texts as tokens whose term is the word itself (the classifier does not care how terms were made). */
function texts(rows: [label: string, text: string][]): LabelledTokens[] {
  return rows.map(([label, text]) => ({ label, tokens: text.split(' ').map((word) => ({ term: word, raw: word })) }));
}

function tokens(text: string) {
  return text.split(' ').map((word) => ({ term: word, raw: word }));
}

const TRAINING = texts([
  ['cdn', 'cdn acceleration needs filing'],
  ['cdn', 'content delivery network filing'],
  ['cdn', 'cdn for mainland visitors'],
  ['province', 'which province to file in'],
  ['province', 'province of my id card'],
  ['province', 'file in another province'],
  ['hosting', 'server hosted in hong kong'],
  ['hosting', 'hosting outside mainland'],
  ['hosting', 'overseas server filing'],
]);

describe('EntryClassifier', () => {
  const classifier = EntryClassifier.train(TRAINING);

  function best(text: string): string {
    const probabilities = classifier?.probabilities(tokens(text)) ?? new Map<string, number>();
    return [...probabilities].sort((a, b) => b[1] - a[1])[0][0];
  }

  it.each([
    ['cdn for my site', 'cdn'],
    ['which province', 'province'],
    ['server in hong kong', 'hosting'],
  ])('picks the entry whose phrasings share the telling words: %s → %s', (text, label) => {
    expect(best(text)).toBe(label);
  });

  it('links a word to its inflections through letter n-grams ("provinces" was never seen)', () => {
    expect(best('provinces')).toBe('province');
  });

  it("counts a word every phrasing of an entry uses for that entry, and a word spread over entries for none (\"filing\" alone is not cdn's)", () => {
    const probabilities = classifier?.probabilities(tokens('filing')) ?? new Map<string, number>();
    const values = [...probabilities.values()];
    expect(Math.max(...values) - Math.min(...values)).toBeLessThan(0.5);
    expect(classifier?.probabilities(tokens('cdn')).get('cdn')).toBeGreaterThan(0.7);
  });

  it('gives probabilities that add up to 1, for every label', () => {
    const probabilities = classifier?.probabilities(tokens('hong kong cdn')) ?? new Map<string, number>();
    expect([...probabilities.keys()].sort()).toEqual(['cdn', 'hosting', 'province']);
    expect([...probabilities.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('ignores words it never saw: a text of them gets the same probability for every label it cannot tell apart', () => {
    const probabilities = classifier?.probabilities([{ term: 'qqqq', raw: 'qqqq' }]) ?? new Map<string, number>();
    for (const value of probabilities.values()) expect(value).toBeGreaterThan(0.2);
  });

  it('trains to the same model every time (a seeded order)', () => {
    const again = EntryClassifier.train(TRAINING);
    const text = tokens('overseas cdn province');
    expect([...(again?.probabilities(text) ?? [])]).toEqual([...(classifier?.probabilities(text) ?? [])]);
  });

  it('is not trained with fewer than two labels: nothing to tell apart', () => {
    expect(EntryClassifier.train(texts([['only', 'one entry'], ['only', 'one more phrasing']]))).toBeUndefined();
    expect(EntryClassifier.train([])).toBeUndefined();
  });

  it('is not trained when texts × labels exceed the work limit, so a huge knowledge base still builds in time', () => {
    const size = Math.ceil(Math.sqrt(MAX_TRAINING_WORK)) + 1;
    const many = Array.from({ length: size }, (_, i) => ({ label: `l${i}`, tokens: tokens(`word${i}`) }));
    expect(EntryClassifier.train(many)).toBeUndefined();
  });
});

describe('EntryClassifier.train on texts it has trained on', () => {
  it('gives back the model it trained, and trains again when a text, a label or an option differs', () => {
    const first = EntryClassifier.train(TRAINING);
    expect(EntryClassifier.train(texts([...TRAINING.map((t) => [t.label, t.tokens.map((w) => w.term).join(' ')] as [string, string])]))).toBe(first);
    const moreText = EntryClassifier.train([...TRAINING, ...texts([['cdn', 'a cdn in china']])]);
    expect(moreText).not.toBe(first);
    expect(EntryClassifier.train(TRAINING.map((t, i) => (i === 0 ? { ...t, label: 'province' } : t)))).not.toBe(first);
    const otherOptions = EntryClassifier.train(TRAINING, { epochs: 5 });
    expect(otherOptions).not.toBe(first);
    // The same options said again: the same model.
    expect(EntryClassifier.train(TRAINING, { epochs: 5 })).toBe(otherOptions);
  });
});

describe('EntryClassifier.train with a model store (models kept between processes)', () => {
  /** A store in memory that counts what it is asked. */
  function memoryStore() {
    const files = new Map<string, Uint8Array>();
    const calls = { loads: 0, saves: 0 };
    const store: ModelStore = {
      load: (key) => {
        calls.loads += 1;
        return files.get(key);
      },
      save: (key, bytes) => {
        calls.saves += 1;
        files.set(key, bytes);
      },
    };
    return { store, files, calls };
  }
  /** The classifier module as a new process has it: nothing trained in memory. */
  function freshModule(): typeof import('../../../src/nlu/entryClassifier') {
    let module: typeof import('../../../src/nlu/entryClassifier') | undefined;
    jest.isolateModules(() => {
      module = jest.requireActual<typeof import('../../../src/nlu/entryClassifier')>('../../../src/nlu/entryClassifier');
    });
    return module!;
  }
  const probe = ['overseas cdn province', 'which province', 'cdn acceleration', 'server in hong kong', 'unseen words only'].map(tokens);
  const probabilitiesOf = (classifier: EntryClassifier | undefined) => probe.map((text) => [...(classifier?.probabilities(text) ?? [])]);
  const options = { epochs: 7 };

  it('stores the model it trains, and a later process reads it back instead of training: the same probabilities to the last bit', () => {
    const { store, calls } = memoryStore();
    const trained = freshModule().EntryClassifier.train(TRAINING, options, store);
    expect(calls).toEqual({ loads: 1, saves: 1 });
    const loaded = freshModule().EntryClassifier.train(TRAINING, options, store);
    expect(calls).toEqual({ loads: 2, saves: 1 });
    expect(loaded).not.toBe(trained);
    expect(probabilitiesOf(loaded)).toEqual(probabilitiesOf(trained));
    expect(probabilitiesOf(trained)).toEqual(probabilitiesOf(freshModule().EntryClassifier.train(TRAINING, options)));
  });

  it('trains again, and stores that, when the stored bytes are damaged or of another model', () => {
    const reference = probabilitiesOf(freshModule().EntryClassifier.train(TRAINING, options));
    const { store, files, calls } = memoryStore();
    freshModule().EntryClassifier.train(TRAINING, options, store);
    const [key, bytes] = [...files][0]!;
    const damaged: Uint8Array[] = [
      bytes.subarray(0, bytes.length - 8),
      new Uint8Array(3),
      Uint8Array.from(bytes, (b, i) => (i === 6 ? 0x7b : b)),
      (() => {
        // A weight that is not a number.
        const copy = Uint8Array.from(bytes);
        new DataView(copy.buffer).setFloat64(copy.length - 8, Number.NaN, true);
        return copy;
      })(),
    ];
    for (const wrong of damaged) {
      files.set(key, wrong);
      const saves = calls.saves;
      expect(probabilitiesOf(freshModule().EntryClassifier.train(TRAINING, options, store))).toEqual(reference);
      expect(calls.saves).toBe(saves + 1);
    }
    // Another model's file under this key (other options): not taken.
    const other = memoryStore();
    freshModule().EntryClassifier.train(TRAINING, { epochs: 3 }, other.store);
    files.set(key, [...other.files.values()][0]!);
    const saves = calls.saves;
    expect(probabilitiesOf(freshModule().EntryClassifier.train(TRAINING, options, store))).toEqual(reference);
    expect(calls.saves).toBe(saves + 1);
  });
});
