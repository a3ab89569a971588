import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { i18n } from 'i18next';
import { translateRef } from '../../src/i18n.js';
import { seededRandom } from '../../src/util/seededRandom.js';
import type { Language } from '../../src/nlu/language.js';
import { assess, conditionalAdvice, nextQuestion, RULES, STATED_ONLY_FIELDS, withAnswer, type AnswerValue, type Profile, type ProvinceId, type ProfileFieldValue, type Question, type RuleId } from '../../src/rules/index.js';
import { provincesKnown } from '../../src/rules/remoteFiling.js';

/** One answered question of a walk through the check. */
interface Step {
  question: Question;
  value: AnswerValue;
}

/** A way through the eligibility check that makes a rule fire. */
export interface RulePath {
  rule: RuleId;
  steps: Step[];
  profile: Profile;
}

/**
 * Provinces and numbers the walks answer with: two provinces so "same" and "different" both occur, and
 * the provinces whose own rules for non-local individuals are known (src/rules/remoteFiling.ts).
 */
const PROVINCE_ANSWERS: readonly ProvinceId[] = [...new Set<ProvinceId>(['guangdong', 'hunan', ...provincesKnown()])];
const NUMBER_ANSWERS = [1, 3] as const;
/** How many random walks are tried; with a fixed seed the result is the same on every run. */
const WALKS = 1500;


function randomAnswer(question: Question, random: () => number): AnswerValue {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  switch (question.kind) {
    case 'province':
      return pick(PROVINCE_ANSWERS) as AnswerValue;
    case 'number':
      return pick(NUMBER_ANSWERS) as AnswerValue;
    default: {
      const option = pick(question.options).value;
      return (question.multiple ? [option] : option) as AnswerValue;
    }
  }
}

/**
 * For every rule, the shortest walk through the check (answering as the dialog asks, from random
 * answers with a fixed seed) after which the rule has fired, or is given as conditional advice
 * (a rule on facts the check does not ask about). Rules no walk reaches are returned in
 * `unreached`, so a test can insist there are none but those that need a fact taken only when the
 * user states it (a wanted province or provider): answering questions cannot reach them, and they
 * have hand-written scripts.
 */
export function findRulePaths(seed = 20261122): { paths: RulePath[]; unreached: RuleId[] } {
  const random = seededRandom(seed);
  const best = new Map<RuleId, RulePath>();
  for (let walk = 0; walk < WALKS; walk += 1) {
    let profile: Profile = {};
    const steps: Step[] = [];
    for (let question = nextQuestion(profile); question; question = nextQuestion(profile)) {
      const value = randomAnswer(question, random);
      steps.push({ question, value });
      profile = withAnswer(profile, question.field, value as ProfileFieldValue<typeof question.field>);
    }
    const reached = [...assess(profile).trace, ...conditionalAdvice(profile)].map((r) => r.rule);
    for (const rule of reached) {
      const known = best.get(rule);
      if (!known || steps.length < known.steps.length) best.set(rule, { rule, steps: [...steps], profile });
    }
  }
  const paths = RULES.map((rule) => best.get(rule.id)).filter((p): p is RulePath => p !== undefined);
  const unreached = RULES.map((rule) => rule.id).filter((id) => !best.has(id));
  return { paths, unreached };
}

/** Whether a rule reads a fact taken only when stated, so that answering the check's questions alone may not reach it. */
export function needsStatedFact(id: RuleId): boolean {
  return RULES.find((rule) => rule.id === id)?.inputs.some((field) => STATED_ONLY_FIELDS.has(field)) ?? false;
}

/** The BotiumScript conversation that walks `path` in one language and checks, on "why?", that its rule applied. */
export function ruleConvo(path: RulePath, language: Language, i18n: i18n): string {
  const t = i18n.getFixedT(language);
  const lines: string[] = [`generated: rule ${path.rule} (${language})`, `Walks the eligibility check until the rule "${path.rule}" applies, then asks why.`, ''];
  lines.push('#me', t('button.checkSituation'), '');
  for (const [index, step] of path.steps.entries()) {
    lines.push('#bot', translateRef(t, step.question.prompt), '');
    lines.push('#me', answerText(step, language, i18n), '');
    if (index === path.steps.length - 1) lines.push('#bot', `CARDS ${t('check.result.title')}`, '');
  }
  const reached = [...assess(path.profile).trace, ...conditionalAdvice(path.profile)].find((f) => f.rule === path.rule);
  if (!reached) throw new Error(`ruleConvo(): rule ${path.rule} neither fires nor is advised on its own path`);
  lines.push('#me', t('button.why'), '');
  lines.push('#bot', translateRef(t, reached.message), `LANGUAGE ${language}`);
  return `${lines.join('\n')}\n`;
}

function answerText(step: Step, language: Language, i18n: i18n): string {
  const t = i18n.getFixedT(language);
  const { question, value } = step;
  if (question.kind === 'province') return translateRef(t, { key: `provinces.${String(value)}` });
  if (question.kind === 'number') return String(value);
  const chosen = Array.isArray(value) ? value[0] : value;
  const option = question.options.find((o) => o.value === chosen);
  if (!option) throw new Error(`ruleConvo(): no option ${String(chosen)} for question ${question.id}`);
  return `BUTTON ${translateRef(t, option.label)}`;
}

/** Every generated script, by file name: one per rule and language. */
export function generateRuleScripts(i18n: i18n): Map<string, string> {
  const { paths, unreached } = findRulePaths();
  const lost = unreached.filter((id) => !needsStatedFact(id));
  if (lost.length > 0) throw new Error(`generateRuleScripts(): no walk reaches rule(s) ${lost.join(', ')}`);
  const files = new Map<string, string>();
  for (const path of paths) {
    for (const language of ['en', 'zh-CN'] as const) files.set(`rule-${path.rule}.${language}.convo.txt`, ruleConvo(path, language, i18n));
  }
  return files;
}

/** Where the generated scripts live, relative to the project root. */
export const GENERATED_DIR = 'test/dialogs/generated';

/**
 * Compares the generated scripts with the files in `dir`: which are missing, changed, or left over
 * from a rule that no longer exists. Empty lists mean the checked-in scripts are current.
 */
export function compareRuleScripts(expected: Map<string, string>, dir: string): { missing: string[]; changed: string[]; extra: string[] } {
  const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.convo.txt')) : [];
  return {
    missing: [...expected.keys()].filter((name) => !present.includes(name)),
    changed: [...expected.entries()].filter(([name, text]) => present.includes(name) && readFileSync(join(dir, name), 'utf8') !== text).map(([name]) => name),
    extra: present.filter((name) => !expected.has(name)),
  };
}

/** Writes the generated scripts into `dir`, removing generated files of rules that are gone. */
export function writeRuleScripts(expected: Map<string, string>, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of compareRuleScripts(expected, dir).extra) unlinkSync(join(dir, name));
  for (const [name, text] of expected) writeFileSync(join(dir, name), text);
}
