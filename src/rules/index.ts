/** The eligibility rules: a typed profile, the rules table, the evaluator and the question flow. Pure, no I/O. */
export {
  Profile,
  InProgressApplication,
  parseProfile,
  withAnswer,
  readField,
  PROFILE_FIELDS,
  STATED_ONLY_FIELDS,
  ENTITY_TYPES,
  HOSTING_LOCATIONS,
  REMOTE_APPLICATION_ANSWERS,
  FOREIGN_PRESENCES,
  SITE_TYPES,
  type EntityType,
  type HostingLocation,
  type RemoteApplicationAnswer,
  type ForeignPresence,
  type SiteType,
  type ProfileField,
  type ProfileFieldValue,
  type AnswerValue,
} from './profile.js';
export {
  PROVINCES,
  PROVINCE_IDS,
  matchProvince,
  matchRegion,
  provinceById,
  type Province,
  type ProvinceId,
  type ProvinceKind,
  type Region,
} from './provinces.js';
export type { MessageRef } from './message.js';
export {
  RULES,
  ENTRY_IDS,
  STEP_PHASES,
  FILING_CHANNELS,
  ADMINISTRATION_KINDS,
  PERMIT_KINDS,
  type Rule,
  type RuleId,
  type RuleEffect,
  type RuleEffectKind,
  type EntryId,
  type Verdict,
  type FilingChannel,
  type AdministrationKind,
  type PermitKind,
  type StepPhase,
} from './table.js';
export type { Condition } from './conditions.js';
export { CONDITIONAL_FIELDS, type AdviceCondition } from './conditional.js';
export {
  assess,
  conditionalAdvice,
  type ConditionalAdvice,
  type EligibilityAssessment,
  type Determination,
  type FilingPlace,
  type FilingRoute,
  type PermitRequirement,
  type FiredRule,
} from './assess.js';
export {
  QUESTIONS,
  nextQuestion,
  isDetermined,
  questionById,
  type Question,
  type QuestionId,
  type QuestionKind,
  type QuestionOption,
} from './questions.js';
export { citedByRules, entriesCitedForFacts, entryOnSiteBeforeFiled, entrySettledByFacts } from './citedFor.js';
export {
  SITUATION_QUESTIONS,
  decideSituation,
  decideAlso,
  type SituationQuestion,
  type SituationVerdict,
  type SituationDecision,
} from './situation.js';
