import { join } from 'node:path';
import { compareRuleScripts, findRulePaths, generateRuleScripts, GENERATED_DIR } from '../../src/convo/ruleScripts';
import { RULES } from '../../src/rules';
import { sharedCore } from '../helpers';

const dir = join(__dirname, '..', '..', GENERATED_DIR);

describe('scripts generated from the eligibility rules', () => {
  it('reach every rule of the table through the dialog', () => {
    const { paths, unreached } = findRulePaths();
    expect(unreached).toEqual([]);
    expect(paths.map((p) => p.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('are checked in and current (regenerate with "npm run generate:dialogs" when the rules change)', () => {
    const expected = generateRuleScripts(sharedCore().i18n);
    expect(expected.size).toBe(RULES.length * 2);
    expect(compareRuleScripts(expected, dir)).toEqual({ missing: [], changed: [], extra: [] });
  });
});
