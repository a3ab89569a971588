import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answeredOutOfScope, boundedSweep, evaluate, formatReplyScores, OUT_OF_SCOPE, readOutOfScope, scoreReplies, type PlannedReply } from '../../../src/nlu/evaluate';
import { sharedCore } from '../../helpers';

describe('readOutOfScope()', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'icp-oos-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads one message a line, skipping comments and blank lines, as out-of-scope questions of the language', () => {
    const path = join(dir, 'en.txt');
    writeFileSync(path, '# a comment\r\nwhere is my parcel\r\n\r\n   \n  # indented comment\n  what is 2 + 2  \nlast line without newline');
    expect(readOutOfScope(path, 'en')).toEqual([
      { expected: OUT_OF_SCOPE, question: 'where is my parcel', language: 'en' },
      { expected: OUT_OF_SCOPE, question: 'what is 2 + 2', language: 'en' },
      { expected: OUT_OF_SCOPE, question: 'last line without newline', language: 'en' },
    ]);
  });

  it('reads a file of comments only as no messages', () => {
    const path = join(dir, 'zh-CN.txt');
    writeFileSync(path, '# 只有注释\n\n');
    expect(readOutOfScope(path, 'zh-CN')).toEqual([]);
  });

  it('names the file it cannot read', () => {
    expect(() => readOutOfScope(join(dir, 'missing.txt'), 'en')).toThrow(/missing\.txt/);
  });
});

describe('answeredOutOfScope()', () => {
  const { recognizer } = sharedCore();

  it('counts the messages answered directly, by entry, and not those offered or given the fallback', () => {
    const messages = ['which province do we file in', 'province?', 'purple monkey dishwasher', 'best football game ever'].map((question) => ({
      expected: OUT_OF_SCOPE,
      question,
      language: 'en' as const,
    }));
    expect(answeredOutOfScope(recognizer, messages)).toEqual({ messages: 4, answered: 2, entries: { 'which-province': 2 } });
  });
});

describe('boundedSweep()', () => {
  const { recognizer } = sharedCore();
  const en = (expected: string, question: string) => ({ expected, question, language: 'en' as const });
  // Labelled out of scope here, so a setting that answers it breaks the ceiling.
  const questions = [en('bbs-website', 'bbs filing'), en(OUT_OF_SCOPE, 'which province do we file in')];

  it('keeps only settings that answer no more out-of-scope messages than the ceiling allows', () => {
    const settings = boundedSweep(recognizer, questions, 0.3, 0.01);
    const answersIt = { answer: 0.4, clarify: 0.3, margin: 0.125 };
    expect(evaluate(recognizer.withThresholds(answersIt), questions).en.outOfScopeAnswered).toBe(1);
    expect(settings.map((s) => s.thresholds)).not.toContainEqual(answersIt);
    expect(settings.length).toBeGreaterThan(0);
    for (const { thresholds } of settings) expect(evaluate(recognizer.withThresholds(thresholds), questions).en.outOfScopeAnswered).toBe(0);
  });

  it('puts first a setting that answers the in-scope question', () => {
    expect(boundedSweep(recognizer, questions, 0.3, 0.01)[0].scores.en.answeredCorrectly).toBe(1);
  });

  it('holds only the languages asked for to their ceilings, and counts only their answers', () => {
    const zh = { expected: 'filing-duration', question: '备案要多久', language: 'zh-CN' as const };
    const answersIt = { answer: 0.4, clarify: 0.3, margin: 0.125 };
    const chineseAlone = boundedSweep(recognizer, [...questions, zh], 0.3, 0.01, ['zh-CN']);
    // The English out-of-scope message answered at this setting breaks English's ceiling, not Chinese's.
    expect(chineseAlone.map((s) => s.thresholds)).toContainEqual(answersIt);
    expect(chineseAlone[0].answered).toBe(chineseAlone[0].scores['zh-CN'].answeredCorrectly);
  });
});

describe('scoreReplies', () => {
  it('counts the bot replies by kind, an entry right only when it is the labelled one or the answer to a second question', () => {
    const replies: Record<string, PlannedReply> = {
      a: { kind: 'answer', entryId: 'cdn' },
      b: { kind: 'answer', entryId: 'prerequisites', also: 'cdn' },
      c: { kind: 'answer', entryId: 'prerequisites' },
      d: { kind: 'rules', cites: ['hosted-outside-mainland'] },
      e: { kind: 'clarify' },
      f: { kind: 'none' },
      g: { kind: 'rules' },
      h: { kind: 'none' },
      i: { kind: 'rules', cites: ['what-is-icp-filing', 'cdn'] },
      j: { kind: 'rules', asks: true, cites: ['cdn'] },
    };
    const questions = [...'abcdefij'].map((q) => ({ question: q, expected: 'cdn', language: 'en' as const }));
    questions.push({ question: 'g', expected: OUT_OF_SCOPE, language: 'en' }, { question: 'h', expected: OUT_OF_SCOPE, language: 'en' });
    const scores = scoreReplies(questions, ({ question }) => replies[question]!);
    expect(scores.en).toEqual({
      inScope: 8,
      rightEntry: 2,
      wrongEntry: 1,
      fromRules: 3,
      rulesCitingEntry: 1,
      rulesAsking: 1,
      clarify: 1,
      noAnswer: 1,
      outOfScope: 2,
      outOfScopeAnswered: 1,
    });
    expect(scores['zh-CN'].inScope).toBe(0);
    const table = formatReplyScores(scores);
    expect(table).toContain('25.0%');
    // The rules replies split: a verdict citing the labelled entry, another verdict, a question back; one each of eight.
    expect(table).toMatch(/en\s+12\.5% \/ 12\.5% \/ 12\.5%/);
  });
});
