import fc from 'fast-check';
import { BayesClassifier } from 'natural/lib/natural/classifiers';
import { NaiveBayes } from '../../../src/nlu/naiveBayes';

/** A small deterministic generator, so the documents are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const next = random(7);
const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
const pickWords = (n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]);
const documents = Array.from({ length: 120 }, (_, i) => ({ terms: pickWords(2 + (i % 5)), label: `c${i % 4}` }));
const queries = [...Array.from({ length: 50 }, () => pickWords(1 + Math.floor(next() * 4))), ['unseen'], ['w1', 'unseen', 'w1']];

describe('NaiveBayes', () => {
  it.each([0.05, 1])('gives the same values as natural.BayesClassifier (smoothing %s)', (smoothing) => {
    const ours = new NaiveBayes(smoothing);
    const theirs = new BayesClassifier(undefined, smoothing);
    for (const { terms, label } of documents) {
      ours.addDocument(terms, label);
      theirs.addDocument(terms, label);
    }
    theirs.train();
    for (const query of queries) {
      const expected = theirs.getClassifications(query);
      const actual = ours.getClassifications(query);
      expect(actual.map((c) => c.label).sort()).toEqual(expected.map((c) => c.label).sort());
      for (const { label, value } of expected) {
        expect(actual.find((c) => c.label === label)?.value).toBeCloseTo(value, 12);
      }
    }
    expect(ours.classTotals).toEqual(theirs.classifier.classTotals);
    expect(ours.totalExamples).toBe(theirs.classifier.totalExamples);
  });

  it('ranks the label whose documents share the query terms first', () => {
    const classifier = new NaiveBayes(0.05);
    classifier.addDocument(['hello', 'there'], 'greeting');
    classifier.addDocument(['thank', 'you'], 'thanks');
    expect(classifier.getClassifications(['hello'])[0].label).toBe('greeting');
  });
});

describe('NaiveBayes.bestWithoutPrior', () => {
  /** What the chat-intent guess did before: getClassifications, each value over its prior, sorted again, summed in that order. */
  function reference(classifier: NaiveBayes, terms: string[]): { label: string; value: number; total: number } | undefined {
    const { classTotals, totalExamples } = classifier;
    const likelihoods = classifier
      .getClassifications([...terms])
      .map((c) => ({ label: c.label, value: c.value / (classTotals[c.label] / totalExamples) }))
      .sort((a, b) => b.value - a.value);
    const total = likelihoods.reduce((sum, c) => sum + c.value, 0);
    return likelihoods.length === 0 ? undefined : { label: likelihoods[0].label, value: likelihoods[0].value, total };
  }

  it('is the first of the values over their priors, sorted as before, with their sum in that order', () => {
    const vocabulary = ['a', 'b', 'c', 'd', 'e', 'f'];
    const document = fc.record({ terms: fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 4 }), label: fc.constantFrom('x', 'y', 'z', 'question') });
    const query = fc.array(fc.constantFrom(...vocabulary, 'unseen'), { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(document, { maxLength: 30 }), fc.array(query, { minLength: 1, maxLength: 5 }), fc.constantFrom(0.05, 1), (documents, queries, smoothing) => {
        const classifier = new NaiveBayes(smoothing);
        for (const { terms, label } of documents) classifier.addDocument(terms, label);
        for (const terms of queries) expect(classifier.bestWithoutPrior(terms)).toEqual(reference(classifier, terms));
      }),
      { numRuns: 1000 },
    );
  });

  it('orders equal values by label, as the stable sorts did', () => {
    const classifier = new NaiveBayes(1);
    classifier.addDocument(['a'], 'first');
    classifier.addDocument(['a'], 'second');
    expect(classifier.bestWithoutPrior(['a'])).toEqual(reference(classifier, ['a']));
    expect(classifier.bestWithoutPrior(['a'])?.label).toBe('first');
  });
});
