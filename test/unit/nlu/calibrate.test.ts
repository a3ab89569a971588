import { buildCore } from '../../../src/app';
import { answerThreshold, crossValidate, HELD_OUT_SHARE, partOf, reliability, reportCalibration, type ThresholdRow } from '../../../src/nlu/calibrate';
import { calibrationTables } from '../../../src/nlu/calibrationReport';
import { OUT_OF_SCOPE, type LabelledQuestion } from '../../../src/nlu/evaluate';
import { testConfig } from '../../helpers';
import { seededRandom } from '../../../src/util/seededRandom';

describe('partOf', () => {
  it('puts a message in the same part every time, whatever its case and spacing', () => {
    const part = partOf({ language: 'en', question: 'Do I need a filing?' });
    expect(partOf({ language: 'en', question: '  do i  need a FILING? ' })).toBe(part);
  });

  it('holds out about the share it says', () => {
    const parts = Array.from({ length: 3000 }, (_, i) => partOf({ language: 'en', question: `question number ${i}` }));
    const share = parts.filter((p) => p === 'held-out').length / parts.length;
    expect(Math.abs(share - HELD_OUT_SHARE)).toBeLessThan(0.03);
  });
});

describe('answerThreshold', () => {
  const row = (probability: number, kind: 'right' | 'wrong' | 'out', answerable = true, group = 'en'): ThresholdRow => ({
    probability,
    answerable,
    right: kind === 'right',
    inScope: kind !== 'out',
    group,
  });
  const en = (inScope: number, outOfScope: number) => ({ en: { inScope, outOfScope } });

  it('stops above the first wrong answer when the ceiling allows none', () => {
    const rows = [row(0.99, 'right'), row(0.95, 'right'), row(0.9, 'wrong'), row(0.8, 'right')];
    expect(answerThreshold(rows, en(4, 10), 0.01)).toBe(0.95);
  });

  it('allows as many wrong answers as the ceiling allows', () => {
    const rows = [row(0.99, 'right'), row(0.9, 'wrong'), row(0.8, 'right'), row(0.7, 'wrong'), row(0.6, 'right')];
    // 1 wrong answer of 100 in-scope questions is 1 %.
    expect(answerThreshold(rows, en(100, 100), 0.01)).toBe(0.8);
  });

  it('counts out-of-scope messages answered against their own total', () => {
    const rows = [row(0.99, 'right'), row(0.95, 'out'), row(0.9, 'right')];
    expect(answerThreshold(rows, en(100, 50), 0.01)).toBe(0.99);
    expect(answerThreshold(rows, en(100, 100), 0.01)).toBe(0.9);
  });

  it('ignores messages that cannot be answered (guard failed, chat intent)', () => {
    const rows = [row(0.99, 'right'), row(0.97, 'wrong', false), row(0.9, 'right')];
    expect(answerThreshold(rows, en(3, 1), 0.01)).toBe(0.9);
  });

  it('answers tied probabilities together or not at all', () => {
    const rows = [row(0.99, 'right'), row(0.9, 'right'), row(0.9, 'wrong')];
    expect(answerThreshold(rows, en(3, 1), 0.01)).toBe(0.99);
  });

  it('holds each group to its own ceiling, not to a share of all of them', () => {
    // One wrong Chinese answer is 1 % of all 200 in-scope questions but 2 % of the 50 Chinese ones.
    const rows = [row(0.99, 'right', true, 'zh-CN'), row(0.95, 'wrong', true, 'zh-CN'), row(0.9, 'right', true, 'en')];
    expect(answerThreshold(rows, { en: { inScope: 150, outOfScope: 10 }, 'zh-CN': { inScope: 50, outOfScope: 10 } }, 0.01)).toBe(0.99);
    expect(answerThreshold(rows, { en: { inScope: 100, outOfScope: 10 }, 'zh-CN': { inScope: 100, outOfScope: 10 } }, 0.01)).toBe(0.9);
  });

  it('is 1 when even the most confident answer is wrong', () => {
    expect(answerThreshold([row(0.99, 'wrong')], en(10, 10), 0.01)).toBe(1);
  });
});

describe('reliability', () => {
  it('has no calibration error for predictions that come true as often as they say', () => {
    const random = seededRandom(3);
    const pairs = Array.from({ length: 20000 }, () => {
      const probability = random();
      return { probability, right: random() < probability };
    });
    const { ece, bins } = reliability(pairs);
    expect(ece).toBeLessThan(0.02);
    expect(bins).toHaveLength(10);
    for (const bin of bins) expect(Math.abs(bin.observed - bin.predicted)).toBeLessThan(0.05);
  });

  it('measures the gap of overconfident predictions', () => {
    // Said 0.9, right half the time: an error of 0.4.
    const pairs = Array.from({ length: 100 }, (_, i) => ({ probability: 0.9, right: i % 2 === 0 }));
    expect(reliability(pairs).ece).toBeCloseTo(0.4, 10);
  });

  it('puts a probability of 1 in the last bin', () => {
    expect(reliability([{ probability: 1, right: true }]).bins[9].count).toBe(1);
  });
});

describe('crossValidate', () => {
  it('predicts each row by a model that did not see it', () => {
    // Labels that no feature explains: a model that saw a row would lean towards its label.
    const xs = Array.from({ length: 40 }, (_, i) => [i]);
    const ys = xs.map((_, i) => i % 2 === 0);
    const folds = xs.map((_, i) => i % 2);
    const out = crossValidate(xs, ys, folds, 0.01);
    // Each fold holds one label only, so the other fold's model has seen only the other label.
    out.forEach((p, i) => (ys[i] ? expect(p).toBeLessThan(0.5) : expect(p).toBeGreaterThan(0.5)));
  });
});

describe('answerThreshold with the score thresholds', () => {
  it('counts the wrong answers the score thresholds give anyway against the ceiling', () => {
    const rows: ThresholdRow[] = [
      { probability: 0.2, answerable: true, answered: true, right: false, inScope: true, group: 'en' },
      { probability: 0.99, answerable: true, right: true, inScope: true, group: 'en' },
      { probability: 0.9, answerable: true, right: false, inScope: true, group: 'en' },
      { probability: 0.8, answerable: true, right: true, inScope: true, group: 'en' },
    ];
    // One wrong answer of 100 is allowed, and the score thresholds already give it.
    expect(answerThreshold(rows, { en: { inScope: 100, outOfScope: 100 } }, 0.01)).toBe(0.99);
  });
});

describe('reportCalibration', () => {
  const { recognizer } = buildCore(testConfig(), { calibration: 'load' });
  const calibration = recognizer.calibration!;
  const labelled: LabelledQuestion[] = [
    { language: 'en', question: 'How long does an ICP filing take?', expected: 'filing-duration' },
    { language: 'en', question: 'what is the weather in Paris', expected: OUT_OF_SCOPE },
  ];
  const blind: LabelledQuestion[] = [
    { language: 'en', question: 'how many days until my beian is approved', expected: 'filing-duration' },
    { language: 'en', question: 'do I need a filing for a server in Hong Kong', expected: 'hosted-outside-mainland' },
    { language: 'zh-CN', question: '备案要多久', expected: 'filing-duration' },
    { language: 'zh-CN', question: '明天会下雨吗', expected: OUT_OF_SCOPE },
  ];

  it('measures a blind set whole, beside the held-out part, per language', () => {
    const report = reportCalibration(recognizer, labelled, calibration, blind);
    expect(report.blind?.en.before).toMatchObject({ inScope: 2, outOfScope: 0 });
    expect(report.blind?.['zh-CN'].after).toMatchObject({ inScope: 1, outOfScope: 1 });
    expect(calibrationTables(report)).toContain('| en, blind set | score thresholds | calibrated |');
  });

  it('has no blind figures without a blind set', () => {
    const report = reportCalibration(recognizer, labelled, calibration);
    expect(report.blind).toBeUndefined();
    expect(calibrationTables(report)).not.toContain('blind set');
  });
});
