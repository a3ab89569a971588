/** Complete profiles the rule tests start from: every question answered, nothing special. */
import type { EligibilityAssessment } from '../../../src/rules/assess.js';
import type { Profile } from '../../../src/rules/profile.js';

const plainSite = {
  hosting: 'mainland',
  ipOnlyAccess: false,
  filesThroughHostingProvider: true,
  domainRegisteredInMainland: true,
  siteTypes: ['general'],
  numberOfSites: 1,
  accountHoldsOtherEntity: false,
  hasInProgressApplication: false,
  usesLoadBalancer: false,
} as const satisfies Profile;

export const mainlandIndividual: Profile = {
  ...plainSite,
  entityType: 'individual',
  idProvince: 'hunan',
  residenceProvince: 'hunan',
};

export const mainlandOrganisation: Profile = {
  ...plainSite,
  entityType: 'mainland-organisation',
  licenceProvince: 'liaoning',
};

export const foreignEnterpriseWithBranch: Profile = {
  ...plainSite,
  entityType: 'foreign-enterprise',
  foreignPresence: 'mainland-branch',
  certificateProvince: 'shanghai',
  documentsIssuedOutsideMainland: false,
};

export const hongKongSite: Profile = { hosting: 'outside-mainland', mainlandCdn: false };

/** The ids of the rules that fired. */
export function firedRules(assessment: EligibilityAssessment): string[] {
  return assessment.trace.map((fired) => fired.rule);
}

/** The keys of a list of message references. */
export function keysOf(messages: ReadonlyArray<{ key: string }>): string[] {
  return messages.map((message) => message.key);
}
