import { formatUnderstandingReport, scoreSituations, splitHeldOut, type SituationItem, type Understanding } from '../../../src/nlu/evaluateSituations';
import type { MessagePlan } from '../../../src/nlu/plan';

const item = (text: string, reply: SituationItem['reply']): SituationItem => ({ text, facts: {}, reply });
const planned = (plans: Record<string, MessagePlan>) => (text: string): Understanding => ({ facts: {}, plan: plans[text]! });

describe('scoreSituations()', () => {
  it('counts a started check as asking its first open question', () => {
    const scores = scoreSituations(
      [item('nothing known', { ask: 'hosting' }), item('server known', { ask: 'hosting' }), item('entity next', { ask: 'entityType' })],
      planned({
        'nothing known': { kind: 'check', profile: {} },
        // The server is known, so the check asks who files first: not what the label says.
        'server known': { kind: 'check', profile: { hosting: 'mainland' } },
        'entity next': { kind: 'check', profile: { hosting: 'mainland' } },
      }),
    );
    expect(scores.repliesRight).toBe(2);
    expect(scores.misses).toEqual([{ text: 'server known', expected: 'ask hosting', got: 'check (asks entityType)' }]);
  });
});

describe('splitHeldOut()', () => {
  it('puts items at odd positions (1st, 3rd …) in the read half and the rest in the sealed half', () => {
    expect(splitHeldOut(['a', 'b', 'c', 'd', 'e'])).toEqual({ read: ['a', 'c', 'e'], sealed: ['b', 'd'] });
  });
});

describe('formatUnderstandingReport()', () => {
  it('gives the held-out halves as figures and never lists their misses', () => {
    const none = planned({ 'held-out text': { kind: 'none' }, 'dev text': { kind: 'none' } });
    const dev = scoreSituations([item('dev text', { ask: 'hosting' })], none);
    const heldOut = scoreSituations([item('held-out text', { ask: 'hosting' })], none);
    const page = formatUnderstandingReport(
      [{ language: 'en', situations: dev, outOfScope: { messages: 0, answered: 0, answeredShare: 0, examples: [] }, blind: [{ set: 'situations-heldout', read: heldOut, sealed: heldOut }] }],
      '# heading',
    );
    expect(page).toMatch(/\| en \| read \| 1 \|/);
    expect(page).toMatch(/\| en \| sealed \| 1 \|/);
    expect(page).toContain('dev text');
    expect(page).not.toContain('held-out text');
  });

  it('gives each development set its own row when there are several', () => {
    const none = planned({ a: { kind: 'none' }, b: { kind: 'none' } });
    const first = scoreSituations([item('a', 'none')], none);
    const more = scoreSituations([item('b', { ask: 'hosting' })], none);
    const page = formatUnderstandingReport(
      [{ language: 'en', situations: scoreSituations([item('a', 'none'), item('b', { ask: 'hosting' })], none), outOfScope: { messages: 0, answered: 0, answeredShare: 0, examples: [] }, bySet: [{ name: 'situations/', scores: first }, { name: 'situations-more/', scores: more }] }],
      '# heading',
    );
    expect(page).toMatch(/\| en \| situations\/ \| 1 \| [0-9.]+ \| 1 \(100\.0 %\) \|/);
    expect(page).toMatch(/\| en \| situations-more\/ \| 1 \| [0-9.]+ \| 0 \(0\.0 %\) \|/);
  });
});
