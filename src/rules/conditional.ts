/**
 * Advice given as a condition instead of a question. The check does not ask about facts whose
 * answer only adds or withholds a piece of advice (several sites, another entity in the account, an
 * open application, a load balancer, where the domain is registered, which permits are held …);
 * the result says each such piece as "If …: …", so nothing the sources advise is held back.
 */
import { type ConditionOutcome, evaluateCondition } from './conditions.js';
import { ENTITY_TYPES, FOREIGN_PRESENCES, HOSTING_LOCATIONS, REMOTE_APPLICATION_ANSWERS, SITE_TYPES, type AnswerValue, type Profile, type ProfileField, readField, withAnswer, type ProfileFieldValue } from './profile.js';
import type { Rule, RuleId } from './table.js';

/** The facts the check gives conditional advice for rather than asking about. */
export const CONDITIONAL_FIELDS: ReadonlySet<ProfileField> = new Set<ProfileField>([
  'ipOnlyAccess',
  'filesThroughHostingProvider',
  'domainRegisteredInMainland',
  'documentsIssuedOutsideMainland',
  'wantsCommercialLicense',
  'holdsCommercialLicense',
  'holdsInternetCultureBusinessPermit',
  'holdsBbsApproval',
  'holdsAdultProductApprovals',
  'businessScopeCoversAdultProducts',
  'accountHoldsOtherEntity',
  'numberOfSites',
  'hasInProgressApplication',
  'inProgressApplication.sameEntity',
  'inProgressApplication.submittedToAdministration',
  'inProgressApplication.sameType',
  'usesLoadBalancer',
]);

/** One fact a piece of conditional advice rests on. */
export interface AdviceCondition {
  field: ProfileField;
  value: AnswerValue;
}

/** The values a conditional field is tried with, in the order the advice is looked for. */
function candidateValues(field: ProfileField): readonly AnswerValue[] {
  switch (field) {
    case 'numberOfSites':
      // The rules distinguish one site from several.
      return [2, 1];
    case 'entityType':
      return ENTITY_TYPES;
    case 'hosting':
      return HOSTING_LOCATIONS;
    case 'foreignPresence':
      return FOREIGN_PRESENCES;
    case 'remoteApplicationAccepted':
      return REMOTE_APPLICATION_ANSWERS;
    case 'siteTypes':
      return SITE_TYPES.map((type) => [type]);
    default:
      return [true, false];
  }
}

/** How deep the search for a firing assignment goes: no rule waits on more conditional facts than this. */
const MAX_CONDITIONS = 4;

/**
 * The conditional facts under which a rule that is still undecided would apply, or undefined when
 * none would make it (or it waits for a fact the check does ask). The first assignment found in
 * field order, each field tried with {@link candidateValues}.
 */
export function conditionsToFire(rule: Rule<RuleId>, profile: Profile, outcome: ConditionOutcome): { conditions: AdviceCondition[]; profile: Profile } | undefined {
  return search(rule, profile, outcome, []);
}

function search(
  rule: Rule<RuleId>,
  profile: Profile,
  outcome: ConditionOutcome,
  conditions: AdviceCondition[],
): { conditions: AdviceCondition[]; profile: Profile } | undefined {
  if (outcome.value === true) return conditions.length > 0 ? { conditions, profile } : undefined;
  if (outcome.value === false || conditions.length >= MAX_CONDITIONS) return undefined;
  const waiting = [...outcome.fields];
  if (waiting.some((field) => !CONDITIONAL_FIELDS.has(field))) return undefined;
  const field = waiting[0];
  if (readField(profile, field) !== undefined) return undefined;
  for (const value of candidateValues(field)) {
    const next = withAnswer(profile, field, value as ProfileFieldValue<typeof field>);
    const found = search(rule, next, evaluateCondition(rule.when, next), [...conditions, { field, value }]);
    if (found) return found;
  }
  return undefined;
}
