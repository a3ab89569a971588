import { knowledgeFingerprint } from '../../../src/knowledge/fingerprint';
import type { KnowledgeBase } from '../../../src/knowledge/types';
import { sharedCore } from '../../helpers';

const { knowledge } = sharedCore();
const withFirstEntry = (change: object): KnowledgeBase => {
  const [first, ...rest] = knowledge.entries.en;
  return { ...knowledge, entries: { ...knowledge.entries, en: [{ ...first, ...change }, ...rest] } };
};

describe('knowledgeFingerprint', () => {
  it('is a SHA-256 that stays the same for the same knowledge, whatever the order of the entries', () => {
    const reversed = { ...knowledge, entries: { ...knowledge.entries, en: [...knowledge.entries.en].reverse() } };
    expect(knowledgeFingerprint(knowledge)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(knowledgeFingerprint(reversed)).toBe(knowledgeFingerprint(knowledge));
  });

  it.each([
    ['a question', { question: 'A new question?' }],
    ['an alternate', { alternates: ['one more way to ask'] }],
    ['an answer', { answer: 'Another answer.' }],
  ])('changes with %s, which moves the scores', (_, change) => {
    expect(knowledgeFingerprint(withFirstEntry(change))).not.toBe(knowledgeFingerprint(knowledge));
  });

  it('stays the same when only the source or related entries change, which no score depends on', () => {
    expect(knowledgeFingerprint(withFirstEntry({ source: 'elsewhere', related: [] }))).toBe(knowledgeFingerprint(knowledge));
  });
});
