/**
 * The knowledge-base entries the rules cite for the telling facts a message states: "our company has
 * four websites" is a fact only the several-sites rule reads, and that rule cites the entry on filing
 * several websites. The planner uses this when the recognizer is unsure between entries, so the facts a
 * message states, not only its words, say which entry answers it.
 */
import { type Condition, evaluateCondition } from './conditions.js';
import { type Profile, type ProfileField, readField } from './profile.js';
import { type EntryId, type RuleId, RULES } from './table.js';

/**
 * A fact tells which entry applies when at most this many rules test it: "several websites" (one rule)
 * does, where the server is (fifty rules) or who files (twenty) does not, nor what the site offers (a dozen).
 */
const MAX_RULES_FOR_A_TELLING_FIELD = 6;

type Leaf = Extract<Condition, { op: 'equals' | 'one-of' | 'includes' | 'at-least' }>;

/** The comparisons a rule needs true: under no `not`, and not the mere answering of a field or a "no". */
function positiveLeaves(condition: Condition, negated = false, out: Leaf[] = []): Leaf[] {
  switch (condition.op) {
    case 'all':
    case 'any':
      for (const part of condition.of) positiveLeaves(part, negated, out);
      break;
    case 'not':
      positiveLeaves(condition.of, !negated, out);
      break;
    case 'answered':
    case 'same':
      break;
    default:
      if (!negated && !(condition.op === 'equals' && condition.value === false)) out.push(condition);
  }
  return out;
}

const LEAVES = new Map(RULES.map((rule) => [rule.id, positiveLeaves(rule.when)]));
const RULES_PER_FIELD = new Map<ProfileField, number>();
for (const leaves of LEAVES.values()) {
  for (const field of new Set(leaves.map((leaf) => leaf.field))) RULES_PER_FIELD.set(field, (RULES_PER_FIELD.get(field) ?? 0) + 1);
}

/**
 * Rules on a fact that says what a question about the filing is about, whatever its words: a company that moved to another
 * province, a filed site moving to another provider, a filer with a filing adding a site, a person under 18, a domain held
 * by someone else, a mobile number from another province, an account of an international website. "We moved from Shanghai
 * to Hangzhou, do we need to file again?" asks about moving the filing, which the entry these rules cite answers, not
 * whether a site in Zhejiang needs one.
 */
const SETTLING_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'filing-does-not-move-across-provinces',
  'filing-transfers-to-new-provider',
  'new-site-joins-existing-filing',
  'minor-depends-on-province',
  'domain-held-by-someone-else',
  'phone-from-another-province',
  'international-site-account',
]);

const SETTLING = RULES.filter((rule) => SETTLING_RULES.has(rule.id));

/**
 * Rules whose entry is the source of what they add, not a question the rules answer for a case: a personal filing is made with an
 * ID card, said to someone from outside the mainland; which documents an individual files with stays the entry's own question.
 */
const SOURCE_ONLY_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['individual-id-from-outside-mainland']);

// The entries of settling rules are not the rules' topics: their facts are never asked, so the rules answer them only when said.
const CITED = new Set<string>(RULES.filter((rule) => !SETTLING_RULES.has(rule.id) && !SOURCE_ONLY_RULES.has(rule.id)).flatMap((rule) => rule.cites));

/** Whether any rule cites the entry: its question is one the rules answer for a case (not, say, how to file an app). */
export function citedByRules(entryId: string): boolean {
  return CITED.has(entryId);
}

/**
 * The entries cited by the rules that a telling stated fact meets and that the stated facts do not
 * rule out, in the table's order, each once.
 */
export function entriesCitedForFacts(stated: Profile): EntryId[] {
  const cited = new Set<EntryId>();
  for (const rule of RULES) {
    // Settling rules have a path of their own, for questions about the filing only (entrySettledByFacts).
    if (SETTLING_RULES.has(rule.id)) continue;
    const telling = LEAVES.get(rule.id)!.some(
      (leaf) =>
        (RULES_PER_FIELD.get(leaf.field) ?? 0) <= MAX_RULES_FOR_A_TELLING_FIELD &&
        readField(stated, leaf.field) !== undefined &&
        evaluateCondition(leaf, stated).value === true,
    );
    if (telling && evaluateCondition(rule.when, stated).value !== false) for (const entry of rule.cites) cited.add(entry);
  }
  return [...cited];
}

/** The entry a settling fact of {@link SETTLING_RULES} stated in a message says answers it, if one does. */
export function entrySettledByFacts(stated: Profile): EntryId | undefined {
  // A server not placed is taken to be in the mainland, as the situation questions take it: only such a site is filed.
  const presumed: Profile = stated.hosting === undefined ? { ...stated, hosting: 'mainland' } : stated;
  return SETTLING.find((rule) => evaluateCondition(rule.when, presumed).value === true)?.cites[0];
}

/**
 * The entry the rules cite on whether a site may be open before its filing is done (the caveat every filing carries): what
 * "can my site stay online while the filing is being processed?" asks, with an application in progress.
 */
export function entryOnSiteBeforeFiled(): EntryId {
  return RULES.find((rule) => rule.id === 'site-stays-closed-until-filed')!.cites[0]!;
}
