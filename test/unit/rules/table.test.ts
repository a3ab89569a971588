import { assess } from '../../../src/rules/assess.js';
import { fieldsOf } from '../../../src/rules/conditions.js';
import type { Profile } from '../../../src/rules/profile.js';
import { ENTRY_IDS, RULES, type RuleId } from '../../../src/rules/table.js';
import {
  firedRules,
  foreignEnterpriseWithBranch as foreign,
  hongKongSite,
  keysOf,
  mainlandIndividual as individual,
  mainlandOrganisation as organisation,
} from './fixtures.js';

const cdnSite: Profile = { ...foreign, hosting: 'outside-mainland', mainlandCdn: true };
const foreignWithoutPresence: Profile = { ...foreign, foreignPresence: 'none', certificateProvince: undefined };
const foreignWithOffice: Profile = { ...foreign, foreignPresence: 'physical-office', wantsCommercialLicense: false };
const livesAway: Profile = { ...individual, residenceProvince: 'guangdong' };
const gamingSite: Profile = { ...organisation, siteTypes: ['gaming'], holdsInternetCultureBusinessPermit: true };
const organisationBbs: Profile = { ...organisation, siteTypes: ['bbs'], holdsBbsApproval: true };
const organisationAdult: Profile = {
  ...organisation,
  siteTypes: ['adult-products'],
  holdsAdultProductApprovals: true,
  businessScopeCoversAdultProducts: true,
};
const openApplication = (inProgressApplication: Profile['inProgressApplication']): Profile => ({
  ...organisation,
  hasInProgressApplication: true,
  inProgressApplication,
});
const loadBalanced: Profile = { ...organisation, usesLoadBalancer: true, holdsCommercialLicense: false };

/** One row per rule: a profile it fires for, and a change to that profile after which it does not. */
const RULE_CASES: ReadonlyArray<{ rule: RuleId; profile: Profile; notAfter: Partial<Profile> }> = [
  { rule: 'hosted-in-mainland-needs-filing', profile: individual, notAfter: { hosting: 'outside-mainland', mainlandCdn: false } },
  { rule: 'mainland-cdn-needs-filing', profile: cdnSite, notAfter: { mainlandCdn: false } },
  { rule: 'hosted-outside-needs-no-filing', profile: hongKongSite, notAfter: { mainlandCdn: true } },
  { rule: 'file-through-hosting-provider', profile: individual, notAfter: { ipOnlyAccess: true } },
  { rule: 'ip-only-site-files-with-province', profile: { ...individual, ipOnlyAccess: true }, notAfter: { ipOnlyAccess: false } },
  {
    rule: 'wanted-provider-does-not-host-the-server',
    profile: { ...individual, hostingProvider: 'Alibaba Cloud', desiredFilingProvider: 'Tencent Cloud' },
    notAfter: { desiredFilingProvider: 'Alibaba Cloud' },
  },
  { rule: 'no-domain-name-yet', profile: { ...individual, hasDomainName: false }, notAfter: { hasDomainName: true } },
  { rule: 'domain-held-by-someone-else', profile: { ...individual, domainHolderIsFiler: false }, notAfter: { domainHolderIsFiler: true } },
  { rule: 'phone-from-another-province', profile: { ...individual, phoneFromAnotherProvince: true }, notAfter: { phoneFromAnotherProvince: false } },
  { rule: 'international-site-account', profile: { ...individual, internationalSiteAccount: true }, notAfter: { internationalSiteAccount: false } },
  { rule: 'minor-depends-on-province', profile: { ...individual, applicantUnder18: true }, notAfter: { applicantUnder18: false } },
  { rule: 'individual-id-from-outside-mainland', profile: { ...individual, idFromOutsideMainland: true }, notAfter: { idFromOutsideMainland: false } },
  // Where one lives is then no province: the ID's, whatever a residence in the profile says.
  {
    rule: 'individual-living-abroad-applies-in-id-province',
    profile: { ...individual, residenceProvince: undefined, livesOutsideMainland: true },
    notAfter: { livesOutsideMainland: false },
  },
  { rule: 'new-site-joins-existing-filing', profile: { ...organisation, addingSiteToFiling: true }, notAfter: { addingSiteToFiling: false } },
  { rule: 'filing-transfers-to-new-provider', profile: { ...individual, movingToAnotherProvider: true }, notAfter: { movingToAnotherProvider: false } },
  { rule: 'filing-does-not-move-across-provinces', profile: { ...organisation, movedFromProvince: 'shanghai' }, notAfter: { movedFromProvince: undefined } },
  {
    rule: 'other-provider-cannot-file-without-its-server',
    profile: { ...individual, filesThroughHostingProvider: false },
    notAfter: { filesThroughHostingProvider: true },
  },
  {
    rule: 'individual-applies-in-id-province',
    profile: individual,
    notAfter: { residenceProvince: 'guangdong', remoteApplicationAccepted: 'yes' },
  },
  {
    rule: 'individual-applies-where-they-live',
    profile: { ...livesAway, remoteApplicationAccepted: 'yes' },
    notAfter: { remoteApplicationAccepted: 'no' },
  },
  {
    rule: 'individual-applies-where-they-live-with-residence-permit',
    profile: { ...livesAway, residenceProvince: 'jiangsu' },
    notAfter: { residenceProvince: 'gansu' },
  },
  {
    rule: 'residence-province-refuses-non-locals',
    profile: { ...livesAway, residenceProvince: 'gansu' },
    notAfter: { residenceProvince: 'jiangsu' },
  },
  {
    rule: 'remote-acceptance-unknown',
    profile: { ...livesAway, remoteApplicationAccepted: 'unknown' },
    notAfter: { remoteApplicationAccepted: 'no' },
  },
  { rule: 'organisation-applies-in-licence-province', profile: organisation, notAfter: { hosting: 'outside-mainland', mainlandCdn: false } },
  { rule: 'foreign-enterprise-applies-in-certificate-province', profile: foreign, notAfter: { foreignPresence: 'none' } },
  { rule: 'not-in-wanted-province-id', profile: { ...individual, desiredProvince: 'beijing' }, notAfter: { desiredProvince: 'hunan' } },
  {
    rule: 'not-in-wanted-province-residence',
    profile: { ...livesAway, remoteApplicationAccepted: 'yes', desiredProvince: 'hunan' },
    notAfter: { desiredProvince: 'guangdong' },
  },
  { rule: 'not-in-wanted-province-licence', profile: { ...organisation, desiredProvince: 'beijing' }, notAfter: { desiredProvince: 'liaoning' } },
  {
    rule: 'not-in-wanted-province-certificate',
    profile: { ...foreign, desiredProvince: 'beijing' },
    notAfter: { desiredProvince: undefined },
  },
  { rule: 'branch-files-with-its-registration', profile: foreign, notAfter: { foreignPresence: 'representative-office-certificate' } },
  {
    rule: 'representative-office-certificate-stands-in-for-licence',
    profile: { ...foreign, foreignPresence: 'representative-office-certificate' },
    notAfter: { foreignPresence: 'mainland-branch' },
  },
  { rule: 'foreign-enterprise-needs-mainland-entity', profile: foreignWithoutPresence, notAfter: { foreignPresence: 'mainland-branch' } },
  {
    rule: 'get-branch-or-representative-office-certificate',
    profile: foreignWithoutPresence,
    notAfter: { foreignPresence: 'representative-office-certificate' },
  },
  {
    rule: 'physical-office-accepted-in-some-provinces',
    profile: foreignWithOffice,
    notAfter: { foreignPresence: 'representative-office-certificate' },
  },
  {
    rule: 'physical-office-never-gets-commercial-license',
    profile: { ...foreignWithOffice, wantsCommercialLicense: true },
    notAfter: { wantsCommercialLicense: false },
  },
  {
    rule: 'documents-issued-outside-mainland-rejected',
    profile: { ...foreign, documentsIssuedOutsideMainland: true },
    notAfter: { documentsIssuedOutsideMainland: false },
  },
  { rule: 'foreign-enterprise-buys-prepaid-server', profile: foreign, notAfter: { entityType: 'mainland-organisation' } },
  { rule: 'mainland-cdn-needs-mainland-instance', profile: cdnSite, notAfter: { mainlandCdn: false } },
  { rule: 'buy-temporary-mainland-instance', profile: cdnSite, notAfter: { hosting: 'mainland' } },
  { rule: 'cdn-without-mainland-nodes-needs-no-filing', profile: cdnSite, notAfter: { mainlandCdn: false } },
  {
    rule: 'domain-registered-outside-mainland',
    profile: { ...individual, domainRegisteredInMainland: false },
    notAfter: { ipOnlyAccess: true },
  },
  {
    rule: 'transfer-domain-to-mainland',
    profile: { ...individual, domainRegisteredInMainland: false },
    notAfter: { domainRegisteredInMainland: true },
  },
  { rule: 'one-account-one-entity', profile: { ...individual, accountHoldsOtherEntity: true }, notAfter: { accountHoldsOtherEntity: false } },
  { rule: 'several-sites-in-one-application', profile: { ...individual, numberOfSites: 3 }, notAfter: { numberOfSites: 1 } },
  { rule: 'gaming-needs-culture-permit', profile: gamingSite, notAfter: { siteTypes: ['general'] } },
  {
    rule: 'gaming-culture-permit-missing',
    profile: { ...gamingSite, holdsInternetCultureBusinessPermit: false },
    notAfter: { holdsInternetCultureBusinessPermit: true },
  },
  {
    rule: 'individual-cannot-run-bbs',
    profile: { ...individual, siteTypes: ['bbs'] },
    notAfter: { entityType: 'mainland-organisation', licenceProvince: 'liaoning', holdsBbsApproval: true },
  },
  { rule: 'bbs-needs-prior-approval', profile: organisationBbs, notAfter: { siteTypes: ['general'] } },
  { rule: 'bbs-approval-missing', profile: { ...organisationBbs, holdsBbsApproval: false }, notAfter: { holdsBbsApproval: true } },
  {
    rule: 'bbs-approvals-stopped-in-some-provinces',
    profile: { ...organisationBbs, holdsBbsApproval: false },
    notAfter: { holdsBbsApproval: true },
  },
  { rule: 'adult-content-not-public', profile: organisationAdult, notAfter: { siteTypes: ['general'] } },
  {
    rule: 'individual-cannot-sell-adult-products',
    profile: { ...individual, siteTypes: ['adult-products'] },
    notAfter: { siteTypes: ['general', 'gaming'], holdsInternetCultureBusinessPermit: true },
  },
  { rule: 'adult-products-need-commerce-approval', profile: organisationAdult, notAfter: { siteTypes: ['general'] } },
  { rule: 'adult-products-need-health-approval', profile: organisationAdult, notAfter: { entityType: 'individual', idProvince: 'hunan', residenceProvince: 'hunan' } },
  {
    rule: 'adult-products-approvals-missing',
    profile: { ...organisationAdult, holdsAdultProductApprovals: false },
    notAfter: { holdsAdultProductApprovals: true },
  },
  {
    rule: 'adult-products-outside-business-scope',
    profile: { ...organisationAdult, businessScopeCoversAdultProducts: false },
    notAfter: { businessScopeCoversAdultProducts: true },
  },
  {
    rule: 'in-progress-other-entity-needs-new-account',
    profile: openApplication({ sameEntity: false }),
    notAfter: { hasInProgressApplication: false },
  },
  {
    rule: 'in-progress-submitted-is-locked',
    profile: openApplication({ sameEntity: true, submittedToAdministration: true }),
    notAfter: { inProgressApplication: { sameEntity: false, submittedToAdministration: true } },
  },
  {
    rule: 'in-progress-same-type-resubmit-together',
    profile: openApplication({ sameEntity: true, submittedToAdministration: false, sameType: true }),
    notAfter: { inProgressApplication: { sameEntity: true, submittedToAdministration: true, sameType: true } },
  },
  {
    rule: 'in-progress-other-type-separately',
    profile: openApplication({ sameEntity: true, submittedToAdministration: false, sameType: false }),
    notAfter: { inProgressApplication: { sameEntity: true, submittedToAdministration: false, sameType: true } },
  },
  { rule: 'load-balancer-file-with-one-instance', profile: loadBalanced, notAfter: { usesLoadBalancer: false } },
  { rule: 'load-balancer-point-dns-after-approval', profile: loadBalanced, notAfter: { ipOnlyAccess: true } },
  {
    rule: 'load-balancer-update-commercial-license',
    profile: { ...loadBalanced, holdsCommercialLicense: true },
    notAfter: { holdsCommercialLicense: false },
  },
  { rule: 'check-filing-information', profile: cdnSite, notAfter: { mainlandCdn: false } },
  { rule: 'site-stays-closed-until-filed', profile: individual, notAfter: { hosting: 'outside-mainland', mainlandCdn: false } },
  { rule: 'host-in-hong-kong-instead', profile: individual, notAfter: { hosting: 'outside-mainland', mainlandCdn: true } },
];

/** Where in the assessment each kind of effect shows its message. */
function keysShownFor(rule: (typeof RULES)[number], profile: Profile): string[] {
  const assessment = assess(profile);
  switch (rule.effect.kind) {
    case 'filing-required':
      return keysOf(assessment.filingRequired.because);
    case 'apply-where':
      return assessment.where === undefined ? [] : [assessment.where.message.key];
    case 'apply-through':
      return assessment.through === undefined ? [] : [assessment.through.message.key];
    case 'next-step':
      return keysOf(assessment.nextSteps);
    case 'extra-permit':
      return keysOf(assessment.extraPermits.map((permit) => permit.message));
    case 'blocker':
      return keysOf(assessment.blockers);
    case 'alternative':
      return keysOf(assessment.alternatives);
    case 'caveat':
      return keysOf(assessment.caveats);
  }
}

describe('RULES, rule by rule', () => {
  it('has a case for every rule', () => {
    expect(RULE_CASES.map((testCase) => testCase.rule).sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it.each(RULE_CASES.map((testCase) => [testCase.rule, testCase] as const))('%s', (id, { profile, notAfter }) => {
    const rule = RULES.find((candidate) => candidate.id === id)!;
    expect(firedRules(assess(profile))).toContain(id);
    expect(keysShownFor(rule, profile)).toContain(rule.messageKey);
    expect(assess(profile).cites).toEqual(expect.arrayContaining([...rule.cites]));

    const changed: Profile = { ...profile, ...notAfter };
    expect(firedRules(assess(changed))).not.toContain(id);
    expect(keysShownFor(rule, changed)).not.toContain(rule.messageKey);
  });
});

describe('RULES, as a table', () => {
  it('gives every rule a unique kebab-case id', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('cites only knowledge-base entries, at least one per rule', () => {
    for (const rule of RULES) {
      expect(rule.cites.length).toBeGreaterThan(0);
      for (const entry of rule.cites) expect(ENTRY_IDS).toContain(entry);
    }
  });

  it('cites every knowledge-base entry from some rule', () => {
    const cited = new Set(RULES.flatMap((rule) => rule.cites));
    expect(ENTRY_IDS.filter((entry) => !cited.has(entry))).toEqual([]);
  });

  it('lists among its inputs every field its condition reads', () => {
    for (const rule of RULES) expect(rule.inputs).toEqual(expect.arrayContaining(fieldsOf(rule.when)));
  });

  it('fills every message param from a field the condition requires to be answered', () => {
    for (const rule of RULES) {
      for (const field of Object.values(rule.params ?? {})) expect(fieldsOf(rule.when)).toContain(field);
    }
  });
});
