import fc from 'fast-check';
import { IndexedTexts, TermIndex, hypotOf, type IndexedText, type RankOrder } from '../../../src/nlu/termIndex';
import { ReferenceTermIndex, type ReferenceScore } from './referenceTermIndex';

/** The reference's ranking as TermIndex reports it: each label with the value it was ranked by as its score. */
function asRanked(ranking: ReferenceScore[]): { label: string; score: number }[] {
  return ranking.map(({ label, order }) => ({ label, score: order }));
}

const index = new TermIndex(
  [
    { label: 'cdn', terms: ['cdn', 'file'], channel: 0 },
    { label: 'cdn', terms: ['cdn', 'mainland', 'acceler'], channel: 0 },
    { label: 'bbs', terms: ['bb', 'file'], channel: 0 },
    { label: 'bbs', terms: ['bb', 'individu'], channel: 0 },
    { label: 'games', terms: ['game', 'permit', 'cultur'], channel: 0 },
  ],
  [1],
);

describe('TermIndex.rank', () => {
  it('ranks the label whose text shares the rarest terms first', () => {
    const [first, second] = index.rank(['bb', 'file']);
    expect(first.label).toBe('bbs');
    expect(first.score).toBeCloseTo(1, 5);
    expect(second.label).toBe('cdn');
    expect(second.score).toBeLessThan(first.score);
  });

  it('scores a label by its best text, not the sum of its texts', () => {
    const [best] = index.rank(['cdn']);
    expect(best.label).toBe('cdn');
    expect(best.score).toBeLessThanOrEqual(1);
  });

  it('lowers the score for query words the index has never seen', () => {
    const known = index.rank(['game', 'permit'])[0].score;
    const withUnknown = index.rank(['game', 'permit', 'weather', 'tomorrow'])[0].score;
    expect(withUnknown).toBeLessThan(known * 0.8);
  });

  it('returns nothing when no term is known', () => {
    expect(index.rank(['weather'])).toEqual([]);
    expect(index.rank([])).toEqual([]);
  });

  it('lets a down-weighted term (a spelling correction) count less', () => {
    const plain = index.rank(['bb', 'individu', 'cultur']);
    const weighted = index.rank(['bb', 'individu', 'cultur'], 5, new Map([['bb', 0.05], ['individu', 0.05]]));
    expect(plain[0].label).toBe('bbs');
    expect(weighted[0].label).toBe('games');
  });

  it('rejects a text on an unknown channel', () => {
    expect(() => new TermIndex([{ label: 'x', terms: ['a'], channel: 2 }], [1])).toThrow(/unknown channel/);
  });
});

describe('TermIndex.occurrences', () => {
  const counted = new TermIndex([
    { label: 'a', terms: ['cdn', 'file', 'cdn'], channel: 0 },
    { label: 'a', terms: ['file'], channel: 0 },
    { label: 'b', terms: ['bb', 'cdn'], channel: 0 },
  ]);

  it.each([
    ['cdn', 0, 2],
    ['cdn', 1, 0],
    ['cdn', 2, 1],
    ['file', 1, 1],
    ['bb', 0, 0],
    ['unknown', 0, 0],
  ])('counts %s in text %d as %d', (term, text, count) => {
    expect(counted.occurrences(term, text)).toBe(count);
  });
});

describe('TermIndex.rank limit', () => {
  const words = ['a', 'b', 'c', 'd', 'e', 'f'];
  const texts = Array.from({ length: 60 }, (_, i) => ({ label: `l${i % 20}`, terms: [words[i % 6], words[(i * 7) % 6], words[(i * 5 + 1) % 6]], channel: 0 }));
  const many = new TermIndex(texts, [1]);

  it.each([1, 3, 7])('returns the first %i of the full ranking, ties by label', (limit) => {
    for (const query of [['a'], ['a', 'b'], ['c', 'f', 'e'], ['d', 'zzz']]) {
      expect(many.rank(query, limit)).toEqual(many.rank(query, 1000).slice(0, limit));
    }
  });

  it('returns nothing for a limit of 0', () => {
    expect(many.rank(['a'], 0)).toEqual([]);
  });
});

describe('TermIndex.rank ordered by labelRarity', () => {
  // "when" is in every departure phrasing, so counted over texts it looks common; "munich" is in one text.
  const texts = [
    { label: 'departure', terms: ['when', 'train', 'leav'], channel: 0 },
    { label: 'departure', terms: ['when', 'next', 'train'], channel: 0 },
    { label: 'departure', terms: ['when', 'bus', 'leav'], channel: 0 },
    { label: 'departure', terms: ['when', 'go'], channel: 0 },
    { label: 'route', terms: ['how', 'get', 'station'], channel: 0 },
    { label: 'route', terms: ['when', 'rout', 'station', 'munich'], channel: 0 },
  ];
  const query = ['when', 'munich', 'train'];

  it('scores and orders by rarity counted over labels', () => {
    const byScore = new TermIndex(texts, [1]).rank(query);
    const byLabel = new TermIndex(texts, [1], 'labelRarity').rank(query);
    expect(byScore.map((s) => s.label)).toEqual(['route', 'departure']);
    expect(byLabel.map((s) => s.label)).toEqual(['departure', 'route']);
    expect(byLabel[0].score).toBeGreaterThan(byLabel[1].score);
    expect(byLabel).toEqual(asRanked(new ReferenceTermIndex(texts, [1], 'labelRarity').rank(query)));
  });

  it('keeps the best `limit` by that order', () => {
    expect(new TermIndex(texts, [1], 'labelRarity').rank(query, 1).map((s) => s.label)).toEqual(['departure']);
  });
});

describe('TermIndex against the exhaustive reference (randomized)', () => {
  // A few common terms and many rare ones, labels whose texts need not be adjacent, empty texts, repeats.
  const term = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 40 }).map((i) => `t${i}`));
  const text = fc.record({ label: fc.integer({ min: 0, max: 12 }).map((i) => `l${i}`), terms: fc.array(term, { maxLength: 8 }), channel: fc.integer({ min: 0, max: 2 }) });
  const query = fc.record({
    terms: fc.array(fc.oneof(term, fc.constant('unseen')), { minLength: 1, maxLength: 6 }),
    limit: fc.integer({ min: 1, max: 8 }),
    weights: fc.option(fc.dictionary(term, fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 1, noNaN: true }))), { nil: undefined }),
  });
  const channelWeights = [0.6, 0.3, 0.1];

  it.each<RankOrder>(['score', 'labelRarity'])('ranks and scores exactly as the reference, by %s', (order) => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 60 }), fc.array(query, { minLength: 1, maxLength: 5 }), (texts, queries) => {
        const index = new TermIndex(texts, channelWeights, order);
        const reference = new ReferenceTermIndex(texts, channelWeights, order);
        for (const { terms, limit, weights } of queries) {
          const termWeights = weights ? new Map(Object.entries(weights)) : undefined;
          expect(index.rank(terms, limit, termWeights)).toEqual(asRanked(reference.rank(terms, limit, termWeights)));
        }
        expect(index.vocabularySize).toBe(reference.vocabularySize);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  // Whether a query adds up every text or only the ones it touched depends on how many postings it reads;
  // both ways must give the reference's ranking (Infinity: always every text; 0: always the touched ones).
  // Labels are not scored in the order of their bounds here (that way is tested below).
  it.each<[RankOrder, number]>([
    ['score', Infinity],
    ['score', 0],
    ['labelRarity', Infinity],
    ['labelRarity', 0],
  ])('ranks exactly as the reference by %s when it sweeps (reads per text %s)', (order, sweepReadsPerText) => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 60 }), fc.array(query, { minLength: 1, maxLength: 5 }), (texts, queries) => {
        const index = new TermIndex(texts, channelWeights, order, { sweepReadsPerText, boundLabels: false });
        const reference = new ReferenceTermIndex(texts, channelWeights, order);
        for (const { terms, limit, weights } of queries) {
          const termWeights = weights ? new Map(Object.entries(weights)) : undefined;
          expect(index.rank(terms, limit, termWeights)).toEqual(asRanked(reference.rank(terms, limit, termWeights)));
        }
      }),
      { numRuns: 200, seed: 44 },
    );
  });

  // Scored in the order of their bounds, labels whose bounds cannot reach the last kept are skipped: the labels and
  // scores must still be the reference's, whether a label's texts lie side by side (one run a term) or not. More
  // labels and shorter lists than above, so that many are skipped and a bound that is too low shows.
  it.each<RankOrder>(['score', 'labelRarity'])('ranks exactly as the reference by %s when it scores labels in the order of their bounds', (order) => {
    const manyLabels = fc.record({ label: fc.integer({ min: 0, max: 30 }).map((i) => `l${i}`), terms: fc.array(term, { maxLength: 8 }), channel: fc.integer({ min: 0, max: 2 }) });
    const texts = fc.array(manyLabels, { minLength: 1, maxLength: 120 });
    const sideBySide = texts.map((list) => [...list].sort((a, b) => a.label.localeCompare(b.label)));
    const shortQuery = fc.record({ terms: query.map((q) => q.terms), limit: fc.integer({ min: 1, max: 3 }), weights: query.map((q) => q.weights) });
    fc.assert(
      fc.property(fc.oneof(sideBySide, texts), fc.array(fc.oneof(query, shortQuery), { minLength: 1, maxLength: 5 }), (list, queries) => {
        const index = new TermIndex(list, channelWeights, order, { boundLabels: true });
        const reference = new ReferenceTermIndex(list, channelWeights, order);
        for (const { terms, limit, weights } of queries) {
          const termWeights = weights ? new Map(Object.entries(weights)) : undefined;
          expect(index.rank(terms, limit, termWeights)).toEqual(asRanked(reference.rank(terms, limit, termWeights)));
        }
      }),
      { numRuns: 300, seed: 45 },
    );
  });

  it('builds the same index from texts added one at a time as from a list', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 60 }), fc.array(term, { minLength: 1, maxLength: 5 }), (texts: IndexedText[], terms) => {
        const collected = new IndexedTexts();
        for (const { label, terms: words, channel } of texts) collected.add(label, words, channel);
        expect(new TermIndex(collected, channelWeights, 'labelRarity').rank(terms, 20)).toEqual(new TermIndex(texts, channelWeights, 'labelRarity').rank(terms, 20));
      }),
      { numRuns: 200, seed: 43 },
    );
  });
});

describe('IndexedTexts', () => {
  it('keeps each text\'s distinct terms in order of first appearance, with their counts', () => {
    const texts = new IndexedTexts();
    texts.add('x', ['b', 'a', 'b', 'c', 'b'], 1);
    texts.add('y', [], 0);
    texts.add('x', ['c'], 2);
    const ids = (words: string[]) => words.map((w) => texts.termIds.get(w));
    expect(texts.size).toBe(3);
    expect([...texts.start.values.subarray(0, 4)]).toEqual([0, 3, 3, 4]);
    expect([...texts.termOfText.values.subarray(0, 4)]).toEqual(ids(['b', 'a', 'c', 'c']));
    expect([0, 1, 2, 3].map((i) => texts.countAt(i))).toEqual([3, 1, 1, 1]);
    expect([...texts.labelOfText.values.subarray(0, 3)]).toEqual([0, 1, 0]);
    expect(texts.labels).toEqual(['x', 'y']);
  });

  it('refuses a text added after the texts were indexed', () => {
    const texts = new IndexedTexts();
    texts.add('x', ['a'], 0);
    const index = new TermIndex(texts);
    expect(() => texts.add('y', ['b'], 0)).toThrow(/after the texts were indexed/);
    expect(index.has('b')).toBe(false);
  });

  it('counts a term repeated more often than a byte holds, and the index weighs it as the reference does', () => {
    const texts: IndexedText[] = [
      { label: 'x', terms: [...Array.from({ length: 300 }, () => 'a'), 'b'], channel: 0 },
      { label: 'y', terms: ['a', 'c'], channel: 0 },
    ];
    const collected = new IndexedTexts();
    for (const { label, terms, channel } of texts) collected.add(label, terms, channel);
    expect(collected.countAt(0)).toBe(300);
    expect(new TermIndex(texts, [1], 'labelRarity').rank(['a', 'b'])).toEqual(asRanked(new ReferenceTermIndex(texts, [1], 'labelRarity').rank(['a', 'b'])));
  });
});

describe('hypotOf', () => {
  it('is Math.hypot to the last bit', () => {
    const value = fc.oneof(fc.double(), fc.double({ min: -10, max: 10 }), fc.double({ min: 0, max: 1e-300 }), fc.constantFrom(0, -0, 1, 0.5));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 100 }), (values) => {
        expect(Object.is(hypotOf(values), Math.hypot(...values))).toBe(true);
        expect(Object.is(hypotOf(Float64Array.from(values)), Math.hypot(...values))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads only the first count values', () => {
    expect(Object.is(hypotOf([3, 4, 12], 2), Math.hypot(3, 4))).toBe(true);
  });
});
