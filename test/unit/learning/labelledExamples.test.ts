import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LearningEvent } from '../../../src/learning/events';
import { appendLabelledExamples, labelledExamplesFrom } from '../../../src/learning/labelledExamples';
import { sharedCore } from '../../helpers';

const { knowledge } = sharedCore();
const common = (n: number) => ({ id: `e${n}`, at: '2026-12-01T10:00:00.000Z', user: 'u', channel: 'webchat', language: 'en' as const });
const pick = (n: number, text: string, entry: string): LearningEvent => ({ ...common(n), type: 'pick', after: 'clarify', ref: 'q', text, offered: [entry], entry });
const rated = (n: number, text: string, entry: string, helpful: boolean): LearningEvent => ({ ...common(n), type: 'feedback', ref: 'q', text, entry, helpful });

describe('labelledExamplesFrom', () => {
  it.each([
    ['a pick after "Did you mean…"', [pick(1, 'one login for two filings', 'one-account-one-entity')], [{ entry: 'one-account-one-entity', text: 'one login for two filings', from: 'pick' }]],
    ['a 👍 on an answer', [rated(1, 'forum site filing', 'bbs-website', true)], [{ entry: 'bbs-website', text: 'forum site filing', from: 'helpful' }]],
    ['a 👎 with no pick: which entry is right is unknown', [rated(1, 'forum site filing', 'bbs-website', false)], []],
    ['a question labelled with two entries', [pick(1, 'forum site filing', 'bbs-website'), pick(2, 'Forum  site filing', 'cdn')], []],
    ['a question with removed personal data', [pick(1, 'call me at [phone] about my filing', 'prerequisites')], []],
    ['an entry that no longer exists', [pick(1, 'forum site filing', 'no-such-entry')], []],
    ['a question already in the labelled data', [pick(1, 'Already Labelled', 'cdn')], []],
    ['a follow-up, picked or rated 👍: its words alone do not say what it asks', [{ ...pick(1, 'and is it free?', 'filing-cost'), followUp: true }, { ...rated(2, 'what about the photo?', 'verification-photo', true), followUp: true }], []],
  ])('%s', (_, events, expected) => {
    const labelled = [{ expected: 'cdn', question: 'already labelled', language: 'en' as const }];
    expect(labelledExamplesFrom(events as LearningEvent[], knowledge, labelled).en).toEqual(expected);
  });
});

describe('appendLabelledExamples', () => {
  it('creates the file with its header, appends only new questions and keeps each on one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labelled-'));
    expect(appendLabelledExamples(dir, 'en', [{ entry: 'cdn', text: 'cdn\tfiling' }])).toHaveLength(1);
    expect(appendLabelledExamples(dir, 'en', [{ entry: 'cdn', text: 'CDN filing' }, { entry: 'bbs-website', text: 'forum' }])).toEqual([{ entry: 'bbs-website', text: 'forum' }]);
    expect(readFileSync(join(dir, 'feedback', 'en.tsv'), 'utf8')).toBe('id\tquestion\ncdn\tcdn filing\nbbs-website\tforum\n');
  });
});
