import { CheckReplies } from '../../../src/check/replies';
import { findRulePaths } from '../../../tools/convo/ruleScripts';
import { Replies } from '../../../src/replies';
import { assess, conditionalAdvice } from '../../../src/rules/assess';
import { CONDITIONAL_FIELDS } from '../../../src/rules/conditional';
import { readField } from '../../../src/rules/profile';
import { RULES } from '../../../src/rules/table';
import { sharedCore } from '../../helpers';

/**
 * Rules whose advice depends on a fact the check does not ask about. Rules on a fact taken only when
 * stated (a wanted province or provider) are silent until it is stated: they are tested in table.test.ts.
 */
const { paths, unreached } = findRulePaths();
const conditionalRules = RULES.filter((rule) => rule.inputs.some((field) => CONDITIONAL_FIELDS.has(field)) && !unreached.includes(rule.id));

describe('conditional advice', () => {
  it('covers the rules it should', () => {
    expect(conditionalRules.length).toBeGreaterThan(10);
  });

  it.each(conditionalRules.map((rule) => [rule.id]))('%s: with its conditional facts unknown, the result gives its advice as a condition', (id) => {
    const path = paths.find((p) => p.rule === id);
    expect(path).toBeDefined();
    const profile = path!.profile;
    const rule = RULES.find((r) => r.id === id)!;
    // The check never asked these facts.
    expect(rule.inputs.filter((field) => CONDITIONAL_FIELDS.has(field) && readField(profile, field) !== undefined)).toEqual([]);
    const advice = conditionalAdvice(profile).find((a) => a.rule === id);
    const fired = assess(profile).trace.some((f) => f.rule === id);
    // Either the rule already applies whatever those facts are, or it is given under conditions on them.
    expect(fired || advice !== undefined).toBe(true);
    if (advice) expect(advice.conditions.every((c) => CONDITIONAL_FIELDS.has(c.field))).toBe(true);
  });

  it('is said as "If …: …" in both languages, with a phrase for every condition', () => {
    const { knowledge, i18n } = sharedCore();
    for (const language of ['en', 'zh-CN'] as const) {
      const out = new CheckReplies(new Replies(i18n, knowledge, language), knowledge);
      for (const rule of conditionalRules) {
        const profile = paths.find((p) => p.rule === rule.id)!.profile;
        const advice = conditionalAdvice(profile);
        if (!advice.some((a) => a.rule === rule.id)) continue;
        const text = out.explanation(assess(profile), advice);
        // A missing phrase would show its key.
        expect(text).not.toMatch(/conditions\./);
        expect(text).toContain(language === 'en' ? 'If ' : '如果');
      }
    }
  });

  it('is empty once every fact is known', () => {
    const profile = paths.find((p) => p.rule === 'several-sites-in-one-application')!.profile;
    const known = { ...profile, numberOfSites: 3 };
    expect(conditionalAdvice(known).some((a) => a.rule === 'several-sites-in-one-application')).toBe(false);
    expect(assess(known).trace.some((f) => f.rule === 'several-sites-in-one-application')).toBe(true);
  });
});
