/** The evaluator: runs the rules table over a (possibly partial) profile. */
import { type AdviceCondition, CONDITIONAL_FIELDS, conditionsToFire } from './conditional.js';
import { type ConditionOutcome, evaluateCondition } from './conditions.js';
import type { MessageRef } from './message.js';
import { type AnswerValue, PROFILE_FIELDS, type Profile, type ProfileField, readField } from './profile.js';
import type { ProvinceId } from './provinces.js';
import {
  type AdministrationKind,
  type EntryId,
  type FilingChannel,
  type PermitKind,
  RULES,
  type Rule,
  type RuleEffectKind,
  type RuleId,
  STEP_PHASES,
  type Verdict,
} from './table.js';

/** A yes/no/depends answer and, when it depends, the unanswered fields it waits for. */
export interface Determination {
  answer: Verdict;
  dependsOn: ProfileField[];
}

/** The province and administration the filing goes to. */
export interface FilingPlace {
  province: ProvinceId;
  administration: AdministrationKind;
  message: MessageRef;
}

export interface FilingRoute {
  channel: FilingChannel;
  /** The hosting provider's name, when the user gave it. */
  provider?: string;
  message: MessageRef;
}

export interface PermitRequirement {
  permit: PermitKind;
  administration: AdministrationKind;
  /** The province of a provincial administration, once the filing's province is known. */
  province?: ProvinceId;
  /** Whether the user already holds it; undefined while unanswered. */
  held: boolean | undefined;
  message: MessageRef;
}

/** A rule that fired, with the answers that made it fire. */
export interface FiredRule {
  rule: RuleId;
  effect: RuleEffectKind;
  /** What the rule says, for "why?". */
  message: MessageRef;
  inputs: Partial<Record<ProfileField, AnswerValue>>;
}

/** A rule that would apply if some facts the check does not ask about are so: said as "If …: …". */
export interface ConditionalAdvice {
  rule: RuleId;
  effect: RuleEffectKind;
  conditions: AdviceCondition[];
  message: MessageRef;
  cites: readonly EntryId[];
}

export interface EligibilityAssessment {
  filingRequired: Determination & { because: MessageRef[] };
  /** 'no' also when no filing is required: there is nothing to apply for. */
  canApplyNow: Determination;
  where: FilingPlace | undefined;
  through: FilingRoute | undefined;
  nextSteps: MessageRef[];
  extraPermits: PermitRequirement[];
  blockers: MessageRef[];
  alternatives: MessageRef[];
  caveats: MessageRef[];
  /** True when the answer rests on a provincial administration's own decision: the user should ask it. */
  needsHuman: boolean;
  cites: EntryId[];
  trace: FiredRule[];
  /** Every unanswered field whose answer could still change this assessment; empty once it is determined. */
  openFields: ProfileField[];
  /** Open fields the check asks about (the open fields less the conditional ones); empty once the result is complete. */
  openQuestions: ProfileField[];
}

interface RuleOutcome {
  rule: Rule<RuleId>;
  outcome: ConditionOutcome;
}

const PROVINCIAL_ADMINISTRATIONS: ReadonlySet<AdministrationKind> = new Set([
  'provincial-communications-administration',
  'provincial-culture-and-tourism-administration',
]);

function inFieldOrder(fields: Iterable<ProfileField>): ProfileField[] {
  const wanted = new Set(fields);
  return PROFILE_FIELDS.filter((field) => wanted.has(field));
}

function messageOf(rule: Rule<RuleId>, profile: Profile): MessageRef {
  if (rule.params === undefined) return { key: rule.messageKey };
  const params: Record<string, string | number> = {};
  for (const [name, field] of Object.entries(rule.params)) {
    const value = readField(profile, field);
    if (value === undefined) throw new Error(`assess(): rule "${rule.id}" fired without its param field "${field}"`);
    params[name] = value;
  }
  return { key: rule.messageKey, params };
}

/** The unanswered fields that rules with this kind of effect (or any rule) wait for, in field order. */
function waitedFor(outcomes: readonly RuleOutcome[], kind?: RuleEffectKind): ProfileField[] {
  // Collected into one set: spreading each outcome's set into an array to flatten them would allocate
  // more than the rest of an assessment (assess runs at every step of the check).
  const waiting = new Set<ProfileField>();
  for (const { rule, outcome } of outcomes) {
    if (outcome.value !== 'unknown' || (kind !== undefined && rule.effect.kind !== kind)) continue;
    for (const field of outcome.fields) waiting.add(field);
  }
  return inFieldOrder(waiting);
}

/** No when nothing is to be filed or something blocks; depends while a blocker or the need itself is undecided. */
function decideCanApplyNow(
  filingRequired: Determination,
  blockers: readonly MessageRef[],
  undecidedBlockerFields: readonly ProfileField[],
): Determination {
  if (filingRequired.answer === 'no' || blockers.length > 0) return { answer: 'no', dependsOn: [] };
  const dependsOn = inFieldOrder([...filingRequired.dependsOn, ...undecidedBlockerFields]);
  return { answer: dependsOn.length > 0 ? 'depends' : 'yes', dependsOn };
}

/**
 * Assesses a profile against the rules table: whether a filing is needed, whether the user can apply
 * now, where and through whom, what to do, and what stands in the way. Works on partial profiles:
 * what is not yet known is reported as 'depends' with the fields it waits for.
 */
export function assess(profile: Profile): EligibilityAssessment {
  const outcomes: RuleOutcome[] = RULES.map((rule) => ({ rule, outcome: evaluateCondition(rule.when, profile) }));
  const fired = outcomes.filter(({ outcome }) => outcome.value === true);
  const firedOf = (kind: RuleEffectKind) => fired.filter(({ rule }) => rule.effect.kind === kind);
  const messagesOf = (kind: RuleEffectKind) => firedOf(kind).map(({ rule }) => messageOf(rule, profile));

  const filingAnswers = new Set(
    firedOf('filing-required').flatMap(({ rule }) => (rule.effect.kind === 'filing-required' ? [rule.effect.answer] : [])),
  );
  const filingAnswer: Verdict = filingAnswers.has('yes') ? 'yes' : filingAnswers.has('no') ? 'no' : 'depends';
  const filingRequired = {
    answer: filingAnswer,
    dependsOn: filingAnswer === 'depends' ? waitedFor(outcomes, 'filing-required') : [],
    because: messagesOf('filing-required'),
  };

  const blockers = messagesOf('blocker');
  const canApplyNow = decideCanApplyNow(filingRequired, blockers, waitedFor(outcomes, 'blocker'));

  const whereRule = firedOf('apply-where')[0]?.rule;
  let where: FilingPlace | undefined;
  if (whereRule !== undefined && whereRule.effect.kind === 'apply-where') {
    const province = readField(profile, whereRule.effect.provinceField);
    if (province !== undefined) {
      where = {
        province,
        administration: 'provincial-communications-administration',
        message: messageOf(whereRule, profile),
      };
    }
  }

  const throughRule = firedOf('apply-through')[0]?.rule;
  let through: FilingRoute | undefined;
  if (throughRule !== undefined && throughRule.effect.kind === 'apply-through') {
    through = { channel: throughRule.effect.channel, message: messageOf(throughRule, profile) };
    if (throughRule.effect.channel === 'hosting-provider' && profile.hostingProvider !== undefined) {
      through.provider = profile.hostingProvider;
    }
  }

  const nextSteps = firedOf('next-step')
    .map(({ rule }, tableOrder) => ({
      phase: rule.effect.kind === 'next-step' ? STEP_PHASES.indexOf(rule.effect.phase) : STEP_PHASES.length,
      tableOrder,
      message: messageOf(rule, profile),
    }))
    .sort((a, b) => a.phase - b.phase || a.tableOrder - b.tableOrder)
    .map(({ message }) => message);

  const extraPermits: PermitRequirement[] = firedOf('extra-permit').flatMap(({ rule }) => {
    if (rule.effect.kind !== 'extra-permit') return [];
    const permit: PermitRequirement = {
      permit: rule.effect.permit,
      administration: rule.effect.administration,
      held: readField(profile, rule.effect.heldField),
      message: messageOf(rule, profile),
    };
    if (where !== undefined && PROVINCIAL_ADMINISTRATIONS.has(rule.effect.administration)) {
      permit.province = where.province;
    }
    return [permit];
  });

  const openFields = waitedFor(outcomes);
  const needsHuman = firedOf('caveat').some(({ rule }) => rule.effect.kind === 'caveat' && rule.effect.needsHuman);

  return {
    filingRequired,
    canApplyNow,
    where,
    through,
    nextSteps,
    extraPermits,
    blockers,
    alternatives: messagesOf('alternative'),
    caveats: messagesOf('caveat'),
    needsHuman,
    cites: [...new Set(fired.flatMap(({ rule }) => rule.cites))],
    trace: fired.map(({ rule, outcome }) => ({
      rule: rule.id,
      effect: rule.effect.kind,
      message: messageOf(rule, profile),
      inputs: Object.fromEntries(
        inFieldOrder(outcome.fields).map((field) => [field, readField(profile, field)]),
      ) as Partial<Record<ProfileField, AnswerValue>>,
    })),
    openFields,
    openQuestions: openFields.filter((field) => !CONDITIONAL_FIELDS.has(field)),
  };
}

/**
 * Advice that depends on facts the check gives as conditions rather than asking (conditional.ts):
 * every undecided rule that such facts would make apply, with those facts. Kept out of
 * {@link assess}, which runs at every step of the check, because only a result shows it.
 */
export function conditionalAdvice(profile: Profile): ConditionalAdvice[] {
  const advice: ConditionalAdvice[] = [];
  for (const rule of RULES) {
    const outcome = evaluateCondition(rule.when, profile);
    if (outcome.value !== 'unknown') continue;
    const found = conditionsToFire(rule, profile, outcome);
    if (found) advice.push({ rule: rule.id, effect: rule.effect.kind, conditions: found.conditions, message: messageOf(rule, found.profile), cites: rule.cites });
  }
  return advice;
}
