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
