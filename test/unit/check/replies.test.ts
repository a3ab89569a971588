import { CheckReplies } from '../../../src/check/replies';
import { Replies } from '../../../src/replies';
import { decideSituation, type Profile, type SituationDecision } from '../../../src/rules';
import { sharedCore } from '../../helpers';

type Verdict = Extract<SituationDecision, { kind: 'verdict' }>;

function verdictFor(profile: Profile): Verdict {
  const decision = decideSituation(profile, 'filing-required');
  if (decision.kind !== 'verdict') throw new Error('expected a verdict');
  return decision;
}

describe('CheckReplies.situation', () => {
  const { knowledge, i18n } = sharedCore();
  const fresh = () => new CheckReplies(new Replies(i18n, knowledge, 'en'), knowledge);
  const outside: Profile = { hosting: 'outside-mainland' };
  const server = { name: 'Hong Kong', mainland: false };

  it('gives the same reply the second time as a fresh renderer gives the first', () => {
    const decision = verdictFor(outside);
    const out = fresh();
    const first = out.situation(decision, outside, { server });
    const second = out.situation(decision, outside, { server });
    expect(second).toEqual(fresh().situation(decision, outside, { server }));
    expect(second).toEqual(first);
  });

  it('hands out a new reply each time, so a change to one is not in the next', () => {
    const decision = verdictFor(outside);
    const out = fresh();
    const first = out.situation(decision, outside, { server });
    first.suggestedActions?.actions.push({ type: 'imBack', title: 'changed', value: 'changed' });
    first.text = 'changed';
    expect(out.situation(decision, outside, { server })).toEqual(fresh().situation(decision, outside, { server }));
  });

  it('renders again when what was stated differs for the same decision', () => {
    const decision = verdictFor(outside);
    const out = fresh();
    const named = out.situation(decision, outside, { server });
    const unnamed = out.situation(decision, outside, {});
    expect(unnamed.text).not.toEqual(named.text);
    expect(unnamed).toEqual(fresh().situation(decision, outside, {}));
  });

  it('renders again for an entry with its own source line', () => {
    const decision = verdictFor(outside);
    const out = fresh();
    const plain = out.situation(decision, outside, { server });
    const withEntry = out.situation(decision, outside, { server }, { source: 'Source: somewhere', actions: [] });
    expect(withEntry.text).toContain('Source: somewhere');
    expect(plain.text).not.toContain('Source: somewhere');
  });
});
