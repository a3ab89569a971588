import { clusterQuestions, type ClusterInput } from '../../../src/learning/cluster';
import type { Language } from '../../../src/nlu/language';
import { sharedCore } from '../../helpers';

/** A fixed sample: three groups of paraphrases (two English, one Chinese) and two loners. */
const SAMPLE: [Language, string][] = [
  ['en', 'can I pay the filing fee with paypal'],
  ['en', 'pay the icp filing fee by paypal'],
  ['en', 'paypal payment for the filing fee'],
  ['en', 'can I pay the filing fee with paypal'],
  ['en', 'how long does the filing take'],
  ['en', 'how long will my filing take'],
  ['en', 'filing takes how long?'],
  ['zh-CN', '备案需要多长时间'],
  ['zh-CN', '备案要多长时间才能通过'],
  ['zh-CN', '备案多长时间能下来'],
  ['en', 'purple monkey dishwasher'],
  ['zh-CN', '你们公司在哪里'],
];

function cluster() {
  const { normalizer } = sharedCore().recognizer;
  const inputs: ClusterInput<number>[] = SAMPLE.map(([language, text], item) => ({ language, text, terms: normalizer.terms(text), item }));
  return clusterQuestions(inputs);
}

describe('clusterQuestions', () => {
  it('groups the paraphrases of the fixed sample and leaves the loners alone', () => {
    const groups = cluster().map((c) => ({ language: c.language, members: c.members.map((m) => m.text).sort() }));
    expect(groups).toEqual([
      {
        language: 'en',
        members: ['can I pay the filing fee with paypal', 'can I pay the filing fee with paypal', 'pay the icp filing fee by paypal', 'paypal payment for the filing fee'],
      },
      { language: 'en', members: ['filing takes how long?', 'how long does the filing take', 'how long will my filing take'] },
      { language: 'zh-CN', members: ['备案多长时间能下来', '备案要多长时间才能通过', '备案需要多长时间'] },
      { language: 'en', members: ['purple monkey dishwasher'] },
      { language: 'zh-CN', members: ['你们公司在哪里'] },
    ]);
  });

  it('represents a group by the question asked most often among the closest to its centre', () => {
    const [paypal, howLong, chinese] = cluster();
    expect(paypal.representative).toBe('can I pay the filing fee with paypal');
    expect(howLong.members.map((m) => m.text)).toContain(howLong.representative);
    expect(chinese.representative).toMatch(/^备案/);
  });

  it('never groups questions of different languages', () => {
    for (const c of cluster()) expect(new Set(c.members.map((m) => m.language)).size).toBe(1);
  });

  it('gives the same clusters for the same questions in another order', () => {
    const { normalizer } = sharedCore().recognizer;
    const reversed = [...SAMPLE].reverse().map(([language, text], item) => ({ language, text, terms: normalizer.terms(text), item }));
    const a = cluster().map((c) => c.members.map((m) => m.text).sort());
    const b = clusterQuestions(reversed).map((c) => c.members.map((m) => m.text).sort());
    expect(b).toEqual(a);
  });
});
