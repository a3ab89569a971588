/**
 * The condition language of the rules table. Conditions are data, not functions, so the evaluator
 * can tell which unanswered fields a rule still waits for (three-valued logic) and the question
 * flow can ask only for those.
 */
import { type AnswerValue, type Profile, type ProfileField, type ProfileFieldValue, readField, STATED_ONLY_FIELDS } from './profile.js';

type Scalar = string | number | boolean;

export type Condition =
  | { op: 'equals'; field: ProfileField; value: Scalar }
  | { op: 'one-of'; field: ProfileField; values: readonly Scalar[] }
  | { op: 'includes'; field: ProfileField; value: Scalar }
  | { op: 'at-least'; field: ProfileField; value: number }
  | { op: 'answered'; field: ProfileField }
  | { op: 'same'; fields: readonly [ProfileField, ProfileField] }
  | { op: 'all'; of: readonly Condition[] }
  | { op: 'any'; of: readonly Condition[] }
  | { op: 'not'; of: Condition };

/** Scalar answers of a field; for list fields, the values of their items. */
type ItemValue<F extends ProfileField> = ProfileFieldValue<F> extends ReadonlyArray<infer Item> ? Item : never;
type NumberField = { [F in ProfileField]: ProfileFieldValue<F> extends number ? F : never }[ProfileField];

/** The field has this answer. */
export function is<F extends ProfileField>(field: F, value: ProfileFieldValue<F> & Scalar): Condition {
  return { op: 'equals', field, value };
}

/** The field has one of these answers. */
export function oneOf<F extends ProfileField>(field: F, values: ReadonlyArray<ProfileFieldValue<F> & Scalar>): Condition {
  return { op: 'one-of', field, values };
}

/** The list field contains this item. */
export function includes<F extends ProfileField>(field: F, value: ItemValue<F> & Scalar): Condition {
  return { op: 'includes', field, value };
}

/** The number field is at least this much. */
export function atLeast(field: NumberField, value: number): Condition {
  return { op: 'at-least', field, value };
}

/** The field has been answered; a rule that needs the value itself (e.g. a province) waits for it. */
export function answered(field: ProfileField): Condition {
  return { op: 'answered', field };
}

/** Both fields hold the same answer. */
export function same(first: ProfileField, second: ProfileField): Condition {
  return { op: 'same', fields: [first, second] };
}

export function all(...of: Condition[]): Condition {
  return { op: 'all', of };
}

export function any(...of: Condition[]): Condition {
  return { op: 'any', of };
}

export function not(of: Condition): Condition {
  return { op: 'not', of };
}

/**
 * The outcome of a condition on a partial profile. `fields` are the answered fields that decided a
 * true or false outcome, or the unanswered fields an 'unknown' outcome waits for.
 */
export interface ConditionOutcome {
  value: boolean | 'unknown';
  fields: ReadonlySet<ProfileField>;
}

// Outcomes share their parts' sets of fields rather than copy them: nothing changes them once made.
function decided(value: boolean, fields: ReadonlySet<ProfileField>): ConditionOutcome {
  return { value, fields };
}

function waitingFor(fields: ReadonlySet<ProfileField>): ConditionOutcome {
  return { value: 'unknown', fields };
}

/** The outcomes' fields, each once, in order of first appearance. */
function unionOf(outcomes: readonly ConditionOutcome[]): Set<ProfileField> {
  // Added one by one: spreading every set into an array to flatten them would cost as much as the
  // rest of an assessment, which runs at every step of the check.
  const union = new Set<ProfileField>();
  for (const outcome of outcomes) for (const field of outcome.fields) union.add(field);
  return union;
}

/**
 * Compares one answered field; unanswered fields make the comparison unknown, but a fact taken only
 * when stated (STATED_ONLY_FIELDS) is false while unstated: nobody will be asked it.
 */
function compareField(
  profile: Profile,
  field: ProfileField,
  test: (value: AnswerValue) => boolean,
): ConditionOutcome {
  const value = readField(profile, field);
  if (value === undefined) return STATED_ONLY_FIELDS.has(field) ? decided(false, new Set([field])) : waitingFor(new Set([field]));
  return decided(test(value), new Set([field]));
}

/**
 * Evaluates a condition in three-valued (Kleene) logic: an unanswered field makes a comparison
 * 'unknown', `all` is false as soon as one part is false and `any` true as soon as one part is true,
 * so a rule is decided as early as the answers allow.
 */
export function evaluateCondition(condition: Condition, profile: Profile): ConditionOutcome {
  switch (condition.op) {
    case 'equals':
      return compareField(profile, condition.field, (value) => value === condition.value);
    case 'one-of':
      return compareField(profile, condition.field, (value) => condition.values.includes(value as Scalar));
    case 'includes':
      return compareField(
        profile,
        condition.field,
        (value) => Array.isArray(value) && (value as readonly Scalar[]).includes(condition.value),
      );
    case 'at-least':
      return compareField(profile, condition.field, (value) => typeof value === 'number' && value >= condition.value);
    case 'answered':
      return compareField(profile, condition.field, () => true);
    case 'same': {
      const [first, second] = condition.fields;
      const firstValue = readField(profile, first);
      const secondValue = readField(profile, second);
      const missing = [first, second].filter((field) => readField(profile, field) === undefined);
      if (missing.some((field) => STATED_ONLY_FIELDS.has(field))) return decided(false, new Set(missing));
      if (missing.length > 0) return waitingFor(new Set(missing));
      return decided(firstValue === secondValue, new Set([first, second]));
    }
    case 'all': {
      const outcomes = condition.of.map((part) => evaluateCondition(part, profile));
      const falsified = outcomes.find((outcome) => outcome.value === false);
      if (falsified !== undefined) return decided(false, falsified.fields);
      const open = outcomes.filter((outcome) => outcome.value === 'unknown');
      if (open.length > 0) return waitingFor(unionOf(open));
      return decided(true, unionOf(outcomes));
    }
    case 'any': {
      const outcomes = condition.of.map((part) => evaluateCondition(part, profile));
      const satisfied = outcomes.filter((outcome) => outcome.value === true);
      if (satisfied.length > 0) return decided(true, unionOf(satisfied));
      const open = outcomes.filter((outcome) => outcome.value === 'unknown');
      if (open.length > 0) return waitingFor(unionOf(open));
      return decided(false, unionOf(outcomes));
    }
    case 'not': {
      const outcome = evaluateCondition(condition.of, profile);
      return outcome.value === 'unknown' ? outcome : decided(!outcome.value, outcome.fields);
    }
  }
}

/** Every field a condition reads. */
export function fieldsOf(condition: Condition): ProfileField[] {
  switch (condition.op) {
    case 'same':
      return [...condition.fields];
    case 'all':
    case 'any':
      return [...new Set(condition.of.flatMap(fieldsOf))];
    case 'not':
      return fieldsOf(condition.of);
    default:
      return [condition.field];
  }
}
