import { join } from 'node:path';
import { answeredOutOfScope, evaluate, OUT_OF_SCOPE, readLabelled, readOutOfScope } from '../../../src/nlu/evaluate';
import { buildCore } from '../../../src/app';
import { sharedCore, testConfig } from '../../helpers';

/**
 * Floors for the labelled set (test/labelled/), training and held-out parts together. They sit just
 * under the figures of `npm run eval`; a change that lowers accuracy below them fails here. Raise them
 * when the matcher improves. FLOORS hold for the bot as it runs by default (score thresholds,
 * CALIBRATED_ANSWERS=off); CALIBRATED_FLOORS with the calibration in knowledge/ (CALIBRATED_ANSWERS=on).
 * The held-out figures alone are in docs/calibration.md.
 */
// Just below what `npm run eval` measures on the current knowledge base and labelled set: more entries to tell apart
// lower them, so they move with the knowledge base; see "Accuracy on the labelled set" in docs/matcher.md.
// Raised in Session 21, when every entry got a second dozen phrasings (written without sight of the labelled set), and in
// Session 22 (homophone typos, the filing topic's words in both languages), and for Chinese in Session 23 (its answer threshold, the website name on the topic).
const FLOORS = {
  en: { top1: 0.91, top3: 0.96, answeredCorrectly: 0.76, outOfScopeRejection: 0.9, answeredWrongly: 0.01 },
  'zh-CN': { top1: 0.94, top3: 0.98, answeredCorrectly: 0.83, outOfScopeRejection: 0.92, answeredWrongly: 0.01 },
} as const;
const CALIBRATED_FLOORS = {
  en: { top1: 0.91, top3: 0.96, answeredCorrectly: 0.77, outOfScopeRejection: 0.89, answeredWrongly: 0.01 },
  'zh-CN': { top1: 0.94, top3: 0.98, answeredCorrectly: 0.83, outOfScopeRejection: 0.92, answeredWrongly: 0.01 },
} as const;

const dir = join(__dirname, '..', '..', 'labelled');
const questions = [...readLabelled(join(dir, 'en.tsv'), 'en'), ...readLabelled(join(dir, 'zh-CN.tsv'), 'zh-CN')];
const { knowledge, recognizer } = sharedCore();
const calibrated = buildCore(testConfig(), { calibration: 'load' }).recognizer;

describe('labelled set', () => {
  it('is big enough: 120 English and 40 Chinese paraphrases, 40 out-of-scope questions', () => {
    const inScope = (l: string) => questions.filter((q) => q.language === l && q.expected !== OUT_OF_SCOPE).length;
    expect(inScope('en')).toBeGreaterThanOrEqual(120);
    expect(inScope('zh-CN')).toBeGreaterThanOrEqual(40);
    expect(questions.filter((q) => q.expected === OUT_OF_SCOPE).length).toBeGreaterThanOrEqual(40);
  });

  it('labels only entries that exist', () => {
    const ids = new Set(knowledge.entries.en.map((e) => e.id));
    expect(questions.filter((q) => q.expected !== OUT_OF_SCOPE && !ids.has(q.expected))).toEqual([]);
  });

  it('is not made of the stored alternates', () => {
    const stored = new Set(Object.values(knowledge.entries).flatMap((entries) => entries.flatMap((e) => [e.question, ...e.alternates].map((p) => p.toLowerCase()))));
    expect(questions.filter((q) => stored.has(q.question.toLowerCase()))).toEqual([]);
  });

  const results = { thresholds: evaluate(recognizer, questions), calibrated: evaluate(calibrated, questions) };
  const cases = [
    ...Object.entries(FLOORS).map(([language, floor]) => ['score thresholds', language, floor] as const),
    ...Object.entries(CALIBRATED_FLOORS).map(([language, floor]) => ['calibrated', language, floor] as const),
  ];
  it.each(cases)('keeps accuracy above its floors (%s, %s)', (how, language, floor) => {
    expect(calibrated.calibration).toBeDefined();
    const scores = results[how === 'calibrated' ? 'calibrated' : 'thresholds'][language as keyof typeof FLOORS];
    expect(scores.top1).toBeGreaterThanOrEqual(floor.top1);
    expect(scores.top3).toBeGreaterThanOrEqual(floor.top3);
    expect(scores.answeredCorrectly).toBeGreaterThanOrEqual(floor.answeredCorrectly);
    expect(scores.outOfScopeRejection).toBeGreaterThanOrEqual(floor.outOfScopeRejection);
    expect(scores.answeredWrongly).toBeLessThanOrEqual(floor.answeredWrongly);
  });
});

/** At most this share of each out-of-scope set (test/labelled/out-of-scope/) may be answered directly (issue #20). */
const OUT_OF_SCOPE_ANSWERED_CEILING = 0.01;

describe('out-of-scope sets', () => {
  it.each(['en', 'zh-CN'] as const)('%s: at least 150 messages, at most 1 %% of them answered directly', (language) => {
    const messages = readOutOfScope(join(dir, 'out-of-scope', `${language}.txt`), language);
    expect(messages.length).toBeGreaterThanOrEqual(150);
    const { answered } = answeredOutOfScope(recognizer, messages);
    expect(answered / messages.length).toBeLessThanOrEqual(OUT_OF_SCOPE_ANSWERED_CEILING);
  });
});

/** The FAQ set written blind (test/labelled/faq-blind/): measured by `npm run eval -- --calibrate` and `--held-out`, never tuned on. */
describe('blind FAQ set', () => {
  const blindDir = join(dir, 'faq-blind');
  const blind = [...readLabelled(join(blindDir, 'en.tsv'), 'en'), ...readLabelled(join(blindDir, 'zh-CN.tsv'), 'zh-CN')];
  const blindOutOfScope = [...readOutOfScope(join(blindDir, 'out-of-scope', 'en.txt'), 'en'), ...readOutOfScope(join(blindDir, 'out-of-scope', 'zh-CN.txt'), 'zh-CN')];

  it.each(['en', 'zh-CN'] as const)('%s: at least 400 questions and 50 out-of-scope messages', (language) => {
    expect(blind.filter((q) => q.language === language).length).toBeGreaterThanOrEqual(400);
    expect(blindOutOfScope.filter((q) => q.language === language).length).toBeGreaterThanOrEqual(50);
  });

  it('labels only entries that exist', () => {
    const ids = new Set(knowledge.entries.en.map((e) => e.id));
    expect(blind.filter((q) => !ids.has(q.expected))).toEqual([]);
  });

  it('shares no text with the stored phrasings or the labelled set', () => {
    const key = (q: { language: string; question: string }) => `${q.language}\n${q.question.toLowerCase()}`;
    const stored = new Set(
      Object.entries(knowledge.entries).flatMap(([language, entries]) => entries.flatMap((e) => [e.question, ...e.alternates].map((question) => key({ language, question })))),
    );
    const labelled = new Set([...questions, ...readOutOfScope(join(dir, 'out-of-scope', 'en.txt'), 'en'), ...readOutOfScope(join(dir, 'out-of-scope', 'zh-CN.txt'), 'zh-CN')].map(key));
    expect([...blind, ...blindOutOfScope].filter((q) => stored.has(key(q)) || labelled.has(key(q)))).toEqual([]);
  });
});
