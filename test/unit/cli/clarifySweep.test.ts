import { join } from 'node:path';
import { chosenClarify, clarifySweep, type ClarifyRow } from '../../../src/cli/clarifySweep';
import { recognizerThresholds } from '../../../src/config';
import { readLabelled, readOutOfScope } from '../../../src/nlu/evaluate';
import { LANGUAGES } from '../../../src/nlu/language';
import { projectRoot } from '../../../src/util/projectRoot';
import { sharedCore, testConfig } from '../../helpers';

const row = (clarify: number, en: [number, number], zh: [number, number]): ClarifyRow => ({
  clarify,
  counts: { en: { right: en[0], other: en[1] }, 'zh-CN': { right: zh[0], other: zh[1] } },
});

describe('chosenClarify', () => {
  it('steps down while each language gains at least as many "Did you mean" with the entry as without', () => {
    expect(chosenClarify([row(0.3, [10, 5], [8, 2]), row(0.29, [12, 6], [8, 2]), row(0.28, [13, 6], [9, 2])])).toBe(0.28);
  });

  it('skips a threshold that adds more without the entry in one language, and judges the next from the last one kept', () => {
    // 0.29 adds one without the entry in Chinese; 0.28 against 0.3 adds two with and two without it there.
    expect(chosenClarify([row(0.3, [10, 5], [8, 2]), row(0.29, [11, 5], [8, 3]), row(0.28, [12, 5], [10, 4])])).toBe(0.28);
    expect(chosenClarify([row(0.3, [10, 5], [8, 2]), row(0.29, [11, 5], [8, 3]), row(0.28, [12, 5], [9, 5])])).toBe(0.3);
  });

  it('does not step down for nothing gained', () => {
    expect(chosenClarify([row(0.3, [10, 5], [8, 2]), row(0.29, [10, 5], [8, 2])])).toBe(0.3);
  });
});

describe('the default CLARIFY_THRESHOLD', () => {
  it('is the one the sweep chooses on the labelled questions and out-of-scope sets (rerun "npm run eval -- --sweep" after knowledge edits)', () => {
    const labelled = join(projectRoot(), 'test', 'labelled');
    const questions = LANGUAGES.flatMap((language) => [
      ...readLabelled(join(labelled, `${language}.tsv`), language),
      ...readOutOfScope(join(labelled, 'out-of-scope', `${language}.txt`), language),
    ]);
    const config = testConfig();
    expect(chosenClarify(clarifySweep(sharedCore(), recognizerThresholds(config), questions))).toBe(config.CLARIFY_THRESHOLD);
  });
});
