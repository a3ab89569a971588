import { join } from 'node:path';
import { compareRuleScripts, findRulePaths, generateRuleScripts, GENERATED_DIR, needsStatedFact } from '../../tools/convo/ruleScripts';
import { RULES } from '../../src/rules';
import { sharedCore } from '../helpers';

const dir = join(__dirname, '..', '..', GENERATED_DIR);

describe('scripts generated from the eligibility rules', () => {
  it('reach every rule of the table through the dialog, but those that need a fact only stated', () => {
    const { paths, unreached } = findRulePaths();
    expect(unreached.filter((id) => !needsStatedFact(id))).toEqual([]);
    // The wanted province and provider rules, and those on facts never asked (a domain name not bought yet, a move to another
    // province or provider, a site added to a filing, an age, a domain held by someone else, a phone number from another
    // province, an international website's account, living outside the mainland), are left to hand-written scripts.
    expect(unreached.sort()).toEqual([
      'domain-held-by-someone-else',
      'filing-does-not-move-across-provinces',
      'filing-transfers-to-new-provider',
      'individual-id-from-outside-mainland',
      'individual-living-abroad-applies-in-id-province',
      'international-site-account',
      'minor-depends-on-province',
      'new-site-joins-existing-filing',
      'no-domain-name-yet',
      'not-in-wanted-province-certificate',
      'not-in-wanted-province-id',
      'not-in-wanted-province-licence',
      'not-in-wanted-province-residence',
      'phone-from-another-province',
      'wanted-provider-does-not-host-the-server',
    ]);
    expect(paths.length + unreached.length).toBe(RULES.length);
  });

  it('are checked in and current (regenerate with "npm run generate:dialogs" when the rules change)', () => {
    const expected = generateRuleScripts(sharedCore().i18n);
    expect(expected.size).toBe((RULES.length - findRulePaths().unreached.length) * 2);
    expect(compareRuleScripts(expected, dir)).toEqual({ missing: [], changed: [], extra: [] });
  });
});
