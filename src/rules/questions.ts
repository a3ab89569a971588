/**
 * The check dialog's questions as data. The order of the table is the order of asking; whether a
 * question is asked is not written by hand but derived from the rules table: a question is asked only
 * while a field it fills is an open input of a rule that is still undecided, so the dialog stops as
 * soon as the assessment cannot change.
 */
import { assess } from './assess.js';
import type { MessageRef } from './message.js';
import {
  ENTITY_TYPES,
  FOREIGN_PRESENCES,
  HOSTING_LOCATIONS,
  type Profile,
  type ProfileField,
  REMOTE_APPLICATION_ANSWERS,
  SITE_TYPES,
} from './profile.js';

export type QuestionKind = 'choice' | 'yes-no' | 'province' | 'number';

export interface QuestionOption {
  value: string | boolean;
  label: MessageRef;
}

export interface Question<Id extends string = string> {
  id: Id;
  /** The profile field the answer fills. */
  field: ProfileField;
  kind: QuestionKind;
  /** Whether several options may be chosen at once (the answer is then a list). */
  multiple: boolean;
  /** The answers to choose from; none for province and number questions, which take free text. */
  options: readonly QuestionOption[];
  prompt: MessageRef;
  /** Why the bot asks, for "why do you ask?". */
  why: MessageRef;
  /** A line said under the question for those whose case it does not fit (a person with no mainland ID card). */
  hint?: MessageRef;
  /**
   * What a reply that places the asked thing outside mainland China answers instead, when that is a fact of its own: "where
   * do you live?" answered "abroad" or "Germany" says the person lives outside the mainland, not a province.
   */
  outside?: { field: ProfileField; value: true };
  /** Whether the answer can still change the assessment of this profile. */
  askWhen: (profile: Profile) => boolean;
}

interface QuestionDefinition<Id extends string> {
  id: Id;
  field: ProfileField;
  kind: QuestionKind;
  multiple?: boolean;
  options?: readonly (string | boolean)[];
  /** Whether the question has a hint (`questions.<id>.hint`). */
  hint?: boolean;
  /** See {@link Question.outside}: the field a reply outside the mainland sets to true. */
  outside?: ProfileField;
}

const YES_NO: readonly boolean[] = [true, false];

function optionLabel(id: string, kind: QuestionKind, value: string | boolean): MessageRef {
  if (kind === 'yes-no') return { key: value ? 'answers.yes' : 'answers.no' };
  return { key: `questions.${id}.options.${String(value)}` };
}

function question<const Id extends string>(definition: QuestionDefinition<Id>): Question<Id> {
  const { id, field, kind } = definition;
  const values = kind === 'yes-no' ? YES_NO : (definition.options ?? []);
  return {
    id,
    field,
    kind,
    multiple: definition.multiple ?? false,
    options: values.map((value) => ({ value, label: optionLabel(id, kind, value) })),
    prompt: { key: `questions.${id}.prompt` },
    why: { key: `questions.${id}.why` },
    ...(definition.hint ? { hint: { key: `questions.${id}.hint` } } : {}),
    ...(definition.outside ? { outside: { field: definition.outside, value: true } } : {}),
    askWhen: (profile) => {
      const assessment = assess(profile);
      return assessment.blockers.length === 0 && assessment.openQuestions.includes(field);
    },
  };
}

/**
 * In asking order: whether a filing is needed, who files, what the site offers (which can block an
 * application at once), then where. The questions after them fill facts the check gives conditional
 * advice for instead of asking (conditional.ts); they stay here for their labels and for the answers
 * a user states unasked.
 */
export const QUESTIONS = [
  question({ id: 'hosting', field: 'hosting', kind: 'choice', options: HOSTING_LOCATIONS }),
  question({ id: 'mainland-cdn', field: 'mainlandCdn', kind: 'yes-no' }),
  question({ id: 'entity-type', field: 'entityType', kind: 'choice', options: ENTITY_TYPES }),
  question({ id: 'foreign-presence', field: 'foreignPresence', kind: 'choice', options: FOREIGN_PRESENCES }),
  question({ id: 'site-types', field: 'siteTypes', kind: 'choice', multiple: true, options: SITE_TYPES, hint: true }),
  question({ id: 'certificate-province', field: 'certificateProvince', kind: 'province' }),
  question({ id: 'id-province', field: 'idProvince', kind: 'province', hint: true, outside: 'idFromOutsideMainland' }),
  question({ id: 'residence-province', field: 'residenceProvince', kind: 'province', hint: true, outside: 'livesOutsideMainland' }),
  question({
    id: 'remote-application-accepted',
    field: 'remoteApplicationAccepted',
    kind: 'choice',
    options: REMOTE_APPLICATION_ANSWERS,
  }),
  question({ id: 'licence-province', field: 'licenceProvince', kind: 'province' }),
  question({ id: 'documents-issued-outside-mainland', field: 'documentsIssuedOutsideMainland', kind: 'yes-no' }),
  question({ id: 'wants-commercial-license', field: 'wantsCommercialLicense', kind: 'yes-no' }),
  question({ id: 'ip-only-access', field: 'ipOnlyAccess', kind: 'yes-no' }),
  question({ id: 'files-through-hosting-provider', field: 'filesThroughHostingProvider', kind: 'yes-no' }),
  question({ id: 'domain-registered-in-mainland', field: 'domainRegisteredInMainland', kind: 'yes-no' }),
  question({
    id: 'holds-internet-culture-business-permit',
    field: 'holdsInternetCultureBusinessPermit',
    kind: 'yes-no',
  }),
  question({ id: 'holds-bbs-approval', field: 'holdsBbsApproval', kind: 'yes-no' }),
  question({ id: 'holds-adult-product-approvals', field: 'holdsAdultProductApprovals', kind: 'yes-no' }),
  question({
    id: 'business-scope-covers-adult-products',
    field: 'businessScopeCoversAdultProducts',
    kind: 'yes-no',
  }),
  question({ id: 'number-of-sites', field: 'numberOfSites', kind: 'number' }),
  question({ id: 'account-holds-other-entity', field: 'accountHoldsOtherEntity', kind: 'yes-no' }),
  question({ id: 'has-in-progress-application', field: 'hasInProgressApplication', kind: 'yes-no' }),
  question({ id: 'in-progress-same-entity', field: 'inProgressApplication.sameEntity', kind: 'yes-no' }),
  question({
    id: 'in-progress-submitted',
    field: 'inProgressApplication.submittedToAdministration',
    kind: 'yes-no',
  }),
  question({ id: 'in-progress-same-type', field: 'inProgressApplication.sameType', kind: 'yes-no' }),
  question({ id: 'uses-load-balancer', field: 'usesLoadBalancer', kind: 'yes-no' }),
  question({ id: 'holds-commercial-license', field: 'holdsCommercialLicense', kind: 'yes-no' }),
] as const;

export type QuestionId = (typeof QUESTIONS)[number]['id'];

/**
 * The next question whose answer can still change the assessment, in table order; undefined once the
 * assessment is determined.
 */
export function nextQuestion(profile: Profile): Question<QuestionId> | undefined {
  const assessment = assess(profile);
  // Once something blocks the application, the result says so at once; the rest waits until it is solved.
  if (assessment.blockers.length > 0) return undefined;
  const open = new Set(assessment.openQuestions);
  return QUESTIONS.find((candidate) => open.has(candidate.field));
}

/** Whether the check has nothing left to ask: every asked field is answered, or a blocker settles the result. */
export function isDetermined(profile: Profile): boolean {
  return nextQuestion(profile) === undefined;
}

/** The question with this id. */
export function questionById(id: string): Question<QuestionId> {
  const found = QUESTIONS.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`questionById(): unknown question id "${id}"`);
  return found;
}
