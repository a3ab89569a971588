/**
 * The eligibility rules as data. Each row reads: when the profile matches `when`, the assessment gets
 * `effect`, explained by `messageKey` (a key of locales/<lng>/rules.json), on the authority of the
 * knowledge-base entries in `cites`. Every fact comes from the source pages in knowledge/sources/.
 */
import {
  type Condition,
  all,
  answered,
  any,
  atLeast,
  fieldsOf,
  includes,
  is,
  not,
  oneOf,
  same,
} from './conditions.js';
import type { ProfileField, ProfileFieldValue } from './profile.js';
import { provincesAccepting, provincesKnown, provincesRefusing } from './remoteFiling.js';
import { PROVINCE_IDS } from './provinces.js';

/** The knowledge base's entry ids; a rule cites only these. */
export const ENTRY_IDS = [
  'prerequisites',
  'one-account-one-entity',
  'remote-personal-filing',
  'multiple-websites',
  'gaming-website',
  'organization-outside-mainland',
  'adult-products-website',
  'other-provider-server',
  'foreign-registered-domain',
  'in-progress-application',
  'bbs-website',
  'personal-in-progress-new-organization',
  'foreign-enterprise-instructions',
  'foreign-enterprise-requirements',
  'physical-office',
  'without-filing',
  'server-load-balancer',
  'cdn',
  'hosted-outside-mainland',
  'ip-only-access',
  'which-province',
  'what-is-icp-filing',
  'domain-requirements',
  'change-filing-province',
  'transfer-filing-new-provider',
  'add-website-to-filing',
  'minor-filing',
  'domain-holder-match',
  'phone-number-requirements',
  'international-site-account',
  'individual-documents',
] as const;
export type EntryId = (typeof ENTRY_IDS)[number];

export type Verdict = 'yes' | 'no' | 'depends';

/** Who receives the filing: the provider hosting the mainland server, or the provincial administration itself. */
export const FILING_CHANNELS = ['hosting-provider', 'provincial-administration'] as const;
export type FilingChannel = (typeof FILING_CHANNELS)[number];

export const ADMINISTRATION_KINDS = [
  'provincial-communications-administration',
  'provincial-culture-and-tourism-administration',
  'industry-and-commerce-administration',
  'health-authority',
] as const;
export type AdministrationKind = (typeof ADMINISTRATION_KINDS)[number];

export const PERMIT_KINDS = [
  'internet-culture-business-permit',
  'bbs-approval',
  'adult-products-commerce-approval',
  'adult-products-health-approval',
] as const;
export type PermitKind = (typeof PERMIT_KINDS)[number];

/** When a step is done, in this order: the entity, the account, the server, the domain, the application, after approval. */
export const STEP_PHASES = ['entity', 'account', 'hosting', 'domain', 'application', 'after-approval'] as const;
export type StepPhase = (typeof STEP_PHASES)[number];

type FieldHolding<T> = { [F in ProfileField]: ProfileFieldValue<F> extends T ? F : never }[ProfileField];
export type ProvinceField = 'idProvince' | 'residenceProvince' | 'licenceProvince' | 'certificateProvince';
export type BooleanField = FieldHolding<boolean>;
/** Fields whose answers can be shown inside a message. */
export type ParamField = FieldHolding<string | number>;

export type RuleEffect =
  | { kind: 'filing-required'; answer: 'yes' | 'no' }
  | { kind: 'apply-where'; provinceField: ProvinceField }
  | { kind: 'apply-through'; channel: FilingChannel }
  | { kind: 'next-step'; phase: StepPhase }
  | { kind: 'extra-permit'; permit: PermitKind; administration: AdministrationKind; heldField: BooleanField }
  | { kind: 'blocker' }
  | { kind: 'alternative' }
  /** `needsHuman`: the answer rests on a decision of a provincial administration that the seeds leave open. */
  | { kind: 'caveat'; needsHuman: boolean };

export type RuleEffectKind = RuleEffect['kind'];

interface RuleDefinition<Id extends string> {
  id: Id;
  when: Condition;
  effect: RuleEffect;
  messageKey: string;
  /** Message params filled from profile fields, e.g. `{ sites: 'numberOfSites' }`. */
  params?: Readonly<Record<string, ParamField>>;
  cites: readonly EntryId[];
}

export interface Rule<Id extends string = string> extends RuleDefinition<Id> {
  /** Every field the rule reads: its condition, its params and the fields its effect takes values from. */
  inputs: readonly ProfileField[];
}

function rule<const Id extends string>(definition: RuleDefinition<Id>): Rule<Id> {
  const effectFields: ProfileField[] = [];
  if (definition.effect.kind === 'apply-where') effectFields.push(definition.effect.provinceField);
  if (definition.effect.kind === 'extra-permit') effectFields.push(definition.effect.heldField);
  const inputs = new Set<ProfileField>([
    ...fieldsOf(definition.when),
    ...Object.values(definition.params ?? {}),
    ...effectFields,
  ]);
  return { ...definition, inputs: [...inputs] };
}

// Situations several rows share.
const hostedInMainland = is('hosting', 'mainland');
const hostedOutside = is('hosting', 'outside-mainland');
const mainlandCdnFromOutside = all(hostedOutside, is('mainlandCdn', true));
const filingNeeded = any(hostedInMainland, mainlandCdnFromOutside);
const reachedByIpOnly = all(hostedInMainland, is('ipOnlyAccess', true));
// A site served by a mainland CDN has a domain by nature, so only mainland-hosted sites are asked about IP-only access.
const filedThroughProvider = any(all(hostedInMainland, is('ipOnlyAccess', false)), mainlandCdnFromOutside);
const individual = all(filingNeeded, is('entityType', 'individual'));
const mainlandOrganisation = all(filingNeeded, is('entityType', 'mainland-organisation'));
const foreignEnterprise = all(filingNeeded, is('entityType', 'foreign-enterprise'));
const organisation = all(filingNeeded, oneOf('entityType', ['mainland-organisation', 'foreign-enterprise']));
const foreignWithMainlandPresence = all(
  foreignEnterprise,
  oneOf('foreignPresence', ['mainland-branch', 'representative-office-certificate', 'physical-office']),
);
const foreignWithPhysicalOffice = all(foreignEnterprise, is('foreignPresence', 'physical-office'));
// A person whose identity document is from outside the mainland has no ID province: where such a person files is not in the sources.
const individualWithMainlandId = all(individual, not(is('idFromOutsideMainland', true)));
// Someone living outside the mainland has no province where they live: nothing to compare with the ID's.
const livesInMainland = not(is('livesOutsideMainland', true));
const livesAwayFromIdProvince = all(individualWithMainlandId, livesInMainland, not(same('residenceProvince', 'idProvince')));
// Whether the administration where a non-local individual lives takes the application: from its published
// rules where remoteFiling.ts knows the province, otherwise from the user's answer.
const residenceTakesResidencePermit = all(livesAwayFromIdProvince, oneOf('residenceProvince', provincesAccepting('residence-permit')));
const residenceRefusesNonLocals = all(livesAwayFromIdProvince, oneOf('residenceProvince', provincesRefusing()));
const residenceRulesUnknown = all(livesAwayFromIdProvince, not(oneOf('residenceProvince', provincesKnown())));
// Where each kind of filer applies (the apply-where rules below, and the rules that compare it with a wanted province).
const appliesInIdProvince = all(
  individualWithMainlandId,
  livesInMainland,
  answered('idProvince'),
  any(
    same('residenceProvince', 'idProvince'),
    residenceRefusesNonLocals,
    all(residenceRulesUnknown, oneOf('remoteApplicationAccepted', ['no', 'unknown'])),
  ),
);
const appliesWhereTheyLive = all(residenceRulesUnknown, is('remoteApplicationAccepted', 'yes'));
// No administration where they live could take the application, so the ID card's province (the remote filing entry: file there
// when the administration where one lives does not take it).
const appliesInIdProvinceFromAbroad = all(individualWithMainlandId, is('livesOutsideMainland', true), answered('idProvince'));
const appliesInLicenceProvince = all(mainlandOrganisation, answered('licenceProvince'));
const appliesInCertificateProvince = all(foreignWithMainlandPresence, answered('certificateProvince'));
const wantsAnotherProvinceThan = (field: ProvinceField) => all(answered('desiredProvince'), not(same('desiredProvince', field)));
const runsGames = all(filingNeeded, includes('siteTypes', 'gaming'));
const organisationRunsBbs = all(organisation, includes('siteTypes', 'bbs'));
const organisationSellsAdultProducts = all(organisation, includes('siteTypes', 'adult-products'));
const openApplication = all(filingNeeded, is('hasInProgressApplication', true));
const openApplicationOfSameEntity = all(openApplication, is('inProgressApplication.sameEntity', true));
// The source's first two cases (same type: abort and re-submit together; another type: separately) do not depend on the entity.
const openUnsubmittedApplication = all(openApplication, is('inProgressApplication.submittedToAdministration', false));
const loadBalancedDomainSite = all(hostedInMainland, is('ipOnlyAccess', false), is('usesLoadBalancer', true));

export const RULES = [
  // Whether a filing is needed at all.
  rule({
    id: 'hosted-in-mainland-needs-filing',
    when: hostedInMainland,
    effect: { kind: 'filing-required', answer: 'yes' },
    messageKey: 'filing.hostedInMainland',
    cites: ['what-is-icp-filing', 'prerequisites'],
  }),
  rule({
    id: 'mainland-cdn-needs-filing',
    when: mainlandCdnFromOutside,
    effect: { kind: 'filing-required', answer: 'yes' },
    messageKey: 'filing.mainlandCdn',
    cites: ['cdn', 'hosted-outside-mainland'],
  }),
  rule({
    id: 'hosted-outside-needs-no-filing',
    when: all(hostedOutside, is('mainlandCdn', false)),
    effect: { kind: 'filing-required', answer: 'no' },
    messageKey: 'filing.hostedOutsideMainland',
    cites: ['hosted-outside-mainland', 'cdn'],
  }),

  // Through whom the filing goes.
  rule({
    id: 'file-through-hosting-provider',
    when: filedThroughProvider,
    effect: { kind: 'apply-through', channel: 'hosting-provider' },
    messageKey: 'through.hostingProvider',
    cites: ['other-provider-server'],
  }),
  rule({
    id: 'ip-only-site-files-with-province',
    when: reachedByIpOnly,
    effect: { kind: 'apply-through', channel: 'provincial-administration' },
    messageKey: 'through.provincialAdministration',
    cites: ['ip-only-access'],
  }),
  rule({
    id: 'wanted-provider-does-not-host-the-server',
    when: all(
      filedThroughProvider,
      answered('desiredFilingProvider'),
      answered('hostingProvider'),
      not(same('desiredFilingProvider', 'hostingProvider')),
    ),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.wantedProviderDoesNotHostTheServer',
    params: { wanted: 'desiredFilingProvider', host: 'hostingProvider' },
    cites: ['other-provider-server'],
  }),
  // The seeds: "the prerequisite for ICP filing application is to have a server and domain name in mainland China".
  rule({
    id: 'no-domain-name-yet',
    when: all(filingNeeded, is('hasDomainName', false)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.noDomainNameYet',
    cites: ['prerequisites', 'domain-requirements'],
  }),
  rule({
    id: 'other-provider-cannot-file-without-its-server',
    // When both providers are named, the rule above says it with their names.
    when: all(filedThroughProvider, is('filesThroughHostingProvider', false), not(all(answered('desiredFilingProvider'), answered('hostingProvider')))),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.otherProviderNeedsItsServer',
    cites: ['other-provider-server'],
  }),

  // Where: the province, always before the provincial communications administration.
  rule({
    id: 'individual-applies-in-id-province',
    when: appliesInIdProvince,
    effect: { kind: 'apply-where', provinceField: 'idProvince' },
    messageKey: 'where.idProvince',
    params: { province: 'idProvince' },
    cites: ['remote-personal-filing', 'which-province'],
  }),
  rule({
    id: 'individual-living-abroad-applies-in-id-province',
    when: appliesInIdProvinceFromAbroad,
    effect: { kind: 'apply-where', provinceField: 'idProvince' },
    messageKey: 'where.idProvinceLivingAbroad',
    params: { province: 'idProvince' },
    cites: ['remote-personal-filing', 'which-province'],
  }),
  rule({
    id: 'individual-applies-where-they-live',
    when: appliesWhereTheyLive,
    effect: { kind: 'apply-where', provinceField: 'residenceProvince' },
    messageKey: 'where.residenceProvince',
    params: { province: 'residenceProvince' },
    cites: ['remote-personal-filing'],
  }),
  rule({
    id: 'individual-applies-where-they-live-with-residence-permit',
    when: residenceTakesResidencePermit,
    effect: { kind: 'apply-where', provinceField: 'residenceProvince' },
    messageKey: 'where.residenceProvinceWithResidencePermit',
    params: { province: 'residenceProvince' },
    cites: ['remote-personal-filing'],
  }),
  rule({
    id: 'residence-province-refuses-non-locals',
    when: all(residenceRefusesNonLocals, answered('idProvince')),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.residenceProvinceRefusesNonLocals',
    params: { idProvince: 'idProvince', residenceProvince: 'residenceProvince' },
    cites: ['remote-personal-filing'],
  }),
  rule({
    id: 'remote-acceptance-unknown',
    when: all(residenceRulesUnknown, is('remoteApplicationAccepted', 'unknown')),
    effect: { kind: 'caveat', needsHuman: true },
    messageKey: 'caveats.remoteAcceptanceUnknown',
    params: { idProvince: 'idProvince', residenceProvince: 'residenceProvince' },
    cites: ['remote-personal-filing'],
  }),
  // Alibaba Cloud's preparation page: the filer must hold the domain name; a domain registered to someone else is transferred first.
  rule({
    id: 'domain-held-by-someone-else',
    when: all(filingNeeded, is('domainHolderIsFiler', false)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.domainHeldBySomeoneElse',
    cites: ['domain-holder-match'],
  }),
  // Alibaba Cloud's filing-process page: its international website takes no filing applications; file from a verified
  // account of the China website.
  rule({
    id: 'international-site-account',
    when: all(filingNeeded, is('internationalSiteAccount', true)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.internationalSiteAccount',
    cites: ['international-site-account'],
  }),
  // Alibaba Cloud's Shanxi rules page: several provinces require local mobile numbers (Shanxi: administrators' numbers from
  // Shanxi; an enterprise with a number from elsewhere explains why in the remarks).
  rule({
    id: 'phone-from-another-province',
    when: is('phoneFromAnotherProvince', true),
    effect: { kind: 'caveat', needsHuman: true },
    messageKey: 'caveats.phoneFromAnotherProvince',
    cites: ['phone-number-requirements'],
  }),
  // Alibaba Cloud's Hunan rules page: each administration sets its own rules for minors; in Hunan, administrators under 18 cannot file.
  rule({
    id: 'minor-depends-on-province',
    when: is('applicantUnder18', true),
    effect: { kind: 'caveat', needsHuman: true },
    messageKey: 'caveats.minorDependsOnProvince',
    cites: ['minor-filing'],
  }),
  // Alibaba Cloud's preparation page: a personal filing is made with the person's ID card; none of the sources says which
  // document someone from outside the mainland files with as an individual, so such a person is told so and offered a person.
  rule({
    id: 'individual-id-from-outside-mainland',
    when: all(is('entityType', 'individual'), is('idFromOutsideMainland', true)),
    effect: { kind: 'caveat', needsHuman: true },
    messageKey: 'caveats.idFromOutsideMainland',
    cites: ['individual-documents'],
  }),
  // Alibaba Cloud's add-website page: a new website of an entity with a filing is a new website filing under that entity.
  rule({
    id: 'new-site-joins-existing-filing',
    when: is('addingSiteToFiling', true),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.newSiteJoinsExistingFiling',
    cites: ['add-website-to-filing'],
  }),
  // Alibaba Cloud's add-website-or-transfer page: a site filed through another provider keeps its number and is transferred.
  rule({
    id: 'filing-transfers-to-new-provider',
    when: is('movingToAnotherProvider', true),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.filingTransfersToNewProvider',
    cites: ['transfer-filing-new-provider'],
  }),
  // Tencent Cloud's information-change page: the administrations do not allow a cross-province change; cancel, then file anew.
  rule({
    id: 'filing-does-not-move-across-provinces',
    // Any mainland province left (a comparison, not "answered": the move tells which entry answers the message).
    when: oneOf('movedFromProvince', PROVINCE_IDS),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.filingDoesNotMoveAcrossProvinces',
    params: { from: 'movedFromProvince' },
    cites: ['change-filing-province'],
  }),
  rule({
    id: 'organisation-applies-in-licence-province',
    when: appliesInLicenceProvince,
    effect: { kind: 'apply-where', provinceField: 'licenceProvince' },
    messageKey: 'where.licenceProvince',
    params: { province: 'licenceProvince' },
    cites: ['which-province'],
  }),
  rule({
    id: 'foreign-enterprise-applies-in-certificate-province',
    when: appliesInCertificateProvince,
    effect: { kind: 'apply-where', provinceField: 'certificateProvince' },
    messageKey: 'where.certificateProvince',
    params: { province: 'certificateProvince' },
    cites: ['foreign-enterprise-instructions'],
  }),
  // A province the user wants that is not the one above: said plainly, with the one where they can file.
  rule({
    id: 'not-in-wanted-province-id',
    when: all(any(appliesInIdProvince, appliesInIdProvinceFromAbroad), wantsAnotherProvinceThan('idProvince')),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.notInWantedProvince',
    params: { wanted: 'desiredProvince', province: 'idProvince' },
    cites: ['remote-personal-filing', 'which-province'],
  }),
  rule({
    id: 'not-in-wanted-province-residence',
    when: all(appliesWhereTheyLive, wantsAnotherProvinceThan('residenceProvince')),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.notInWantedProvince',
    params: { wanted: 'desiredProvince', province: 'residenceProvince' },
    cites: ['remote-personal-filing'],
  }),
  rule({
    id: 'not-in-wanted-province-licence',
    when: all(appliesInLicenceProvince, wantsAnotherProvinceThan('licenceProvince')),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.notInWantedProvince',
    params: { wanted: 'desiredProvince', province: 'licenceProvince' },
    cites: ['which-province'],
  }),
  rule({
    id: 'not-in-wanted-province-certificate',
    when: all(appliesInCertificateProvince, wantsAnotherProvinceThan('certificateProvince')),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.notInWantedProvince',
    params: { wanted: 'desiredProvince', province: 'certificateProvince' },
    cites: ['foreign-enterprise-instructions'],
  }),

  // Enterprises registered outside mainland China.
  rule({
    id: 'foreign-enterprise-needs-mainland-entity',
    when: all(foreignEnterprise, is('foreignPresence', 'none')),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.foreignEnterpriseNeedsMainlandEntity',
    cites: ['organization-outside-mainland', 'foreign-enterprise-requirements'],
  }),
  rule({
    id: 'get-branch-or-representative-office-certificate',
    when: all(foreignEnterprise, is('foreignPresence', 'none')),
    effect: { kind: 'next-step', phase: 'entity' },
    messageKey: 'steps.getBranchOrRepresentativeOfficeCertificate',
    cites: ['foreign-enterprise-instructions', 'physical-office'],
  }),
  rule({
    id: 'branch-files-with-its-registration',
    when: all(foreignEnterprise, is('foreignPresence', 'mainland-branch')),
    effect: { kind: 'next-step', phase: 'entity' },
    messageKey: 'steps.fileWithBranchRegistration',
    cites: ['foreign-enterprise-instructions', 'organization-outside-mainland'],
  }),
  rule({
    id: 'representative-office-certificate-stands-in-for-licence',
    when: all(foreignEnterprise, is('foreignPresence', 'representative-office-certificate')),
    effect: { kind: 'next-step', phase: 'entity' },
    messageKey: 'steps.fileWithRepresentativeOfficeCertificate',
    cites: ['foreign-enterprise-instructions'],
  }),
  rule({
    id: 'physical-office-accepted-in-some-provinces',
    when: foreignWithPhysicalOffice,
    effect: { kind: 'caveat', needsHuman: true },
    messageKey: 'caveats.physicalOfficeSomeProvinces',
    cites: ['physical-office', 'foreign-enterprise-instructions'],
  }),
  rule({
    id: 'physical-office-never-gets-commercial-license',
    when: all(foreignWithPhysicalOffice, is('wantsCommercialLicense', true)),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.physicalOfficeNoCommercialLicense',
    cites: ['physical-office', 'foreign-enterprise-instructions'],
  }),
  rule({
    id: 'documents-issued-outside-mainland-rejected',
    when: all(foreignWithMainlandPresence, is('documentsIssuedOutsideMainland', true)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.documentsIssuedOutsideMainland',
    cites: ['physical-office'],
  }),
  rule({
    id: 'foreign-enterprise-buys-prepaid-server',
    when: foreignEnterprise,
    effect: { kind: 'next-step', phase: 'hosting' },
    messageKey: 'steps.buyPrepaidServerThreeMonths',
    cites: ['organization-outside-mainland'],
  }),

  // Mainland CDN for a site hosted outside.
  rule({
    id: 'mainland-cdn-needs-mainland-instance',
    when: mainlandCdnFromOutside,
    effect: { kind: 'blocker' },
    messageKey: 'blockers.noMainlandInstance',
    cites: ['cdn', 'prerequisites'],
  }),
  rule({
    id: 'buy-temporary-mainland-instance',
    when: mainlandCdnFromOutside,
    effect: { kind: 'next-step', phase: 'hosting' },
    messageKey: 'steps.buyTemporaryMainlandInstance',
    cites: ['cdn'],
  }),
  rule({
    id: 'cdn-without-mainland-nodes-needs-no-filing',
    when: mainlandCdnFromOutside,
    effect: { kind: 'alternative' },
    messageKey: 'alternatives.cdnWithoutMainland',
    cites: ['cdn'],
  }),

  // The domain.
  rule({
    id: 'domain-registered-outside-mainland',
    when: all(filedThroughProvider, is('domainRegisteredInMainland', false)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.domainRegisteredOutsideMainland',
    cites: ['foreign-registered-domain', 'prerequisites'],
  }),
  rule({
    id: 'transfer-domain-to-mainland',
    when: all(filedThroughProvider, is('domainRegisteredInMainland', false)),
    effect: { kind: 'next-step', phase: 'domain' },
    messageKey: 'steps.transferDomain',
    cites: ['foreign-registered-domain'],
  }),

  // Accounts and the number of sites.
  rule({
    id: 'one-account-one-entity',
    when: all(filingNeeded, is('accountHoldsOtherEntity', true)),
    effect: { kind: 'next-step', phase: 'account' },
    messageKey: 'steps.authorizationCodeOrSecondAccount',
    cites: ['one-account-one-entity', 'multiple-websites'],
  }),
  rule({
    id: 'several-sites-in-one-application',
    when: all(filingNeeded, atLeast('numberOfSites', 2)),
    effect: { kind: 'next-step', phase: 'application' },
    messageKey: 'steps.addAllSitesToOneApplication',
    cites: ['multiple-websites'],
  }),

  // Gaming sites.
  rule({
    id: 'gaming-needs-culture-permit',
    when: runsGames,
    effect: {
      kind: 'extra-permit',
      permit: 'internet-culture-business-permit',
      administration: 'provincial-culture-and-tourism-administration',
      heldField: 'holdsInternetCultureBusinessPermit',
    },
    messageKey: 'permits.internetCultureBusinessPermit',
    cites: ['gaming-website'],
  }),
  rule({
    id: 'gaming-culture-permit-missing',
    when: all(runsGames, is('holdsInternetCultureBusinessPermit', false)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.cultureBusinessPermitMissing',
    cites: ['gaming-website'],
  }),

  // BBS (forum) sites.
  rule({
    id: 'individual-cannot-run-bbs',
    when: all(individual, includes('siteTypes', 'bbs')),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.individualBbs',
    cites: ['bbs-website'],
  }),
  rule({
    id: 'bbs-needs-prior-approval',
    when: organisationRunsBbs,
    effect: {
      kind: 'extra-permit',
      permit: 'bbs-approval',
      administration: 'provincial-communications-administration',
      heldField: 'holdsBbsApproval',
    },
    messageKey: 'permits.bbsApproval',
    cites: ['bbs-website'],
  }),
  rule({
    id: 'bbs-approval-missing',
    when: all(organisationRunsBbs, is('holdsBbsApproval', false)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.bbsApprovalMissing',
    cites: ['bbs-website'],
  }),
  rule({
    id: 'bbs-approvals-stopped-in-some-provinces',
    when: all(organisationRunsBbs, is('holdsBbsApproval', false)),
    effect: { kind: 'caveat', needsHuman: true },
    messageKey: 'caveats.bbsApprovalsStoppedInSomeProvinces',
    cites: ['bbs-website'],
  }),

  // Adult-products sites.
  rule({
    id: 'adult-content-not-public',
    when: all(filingNeeded, includes('siteTypes', 'adult-products')),
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.adultContentNotPublic',
    cites: ['adult-products-website'],
  }),
  rule({
    id: 'individual-cannot-sell-adult-products',
    when: all(individual, includes('siteTypes', 'adult-products')),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.adultProductsNeedBusinessLicence',
    cites: ['adult-products-website'],
  }),
  rule({
    id: 'adult-products-need-commerce-approval',
    when: organisationSellsAdultProducts,
    effect: {
      kind: 'extra-permit',
      permit: 'adult-products-commerce-approval',
      administration: 'industry-and-commerce-administration',
      heldField: 'holdsAdultProductApprovals',
    },
    messageKey: 'permits.adultProductsCommerceApproval',
    cites: ['adult-products-website'],
  }),
  rule({
    id: 'adult-products-need-health-approval',
    when: organisationSellsAdultProducts,
    effect: {
      kind: 'extra-permit',
      permit: 'adult-products-health-approval',
      administration: 'health-authority',
      heldField: 'holdsAdultProductApprovals',
    },
    messageKey: 'permits.adultProductsHealthApproval',
    cites: ['adult-products-website'],
  }),
  rule({
    id: 'adult-products-approvals-missing',
    when: all(organisationSellsAdultProducts, is('holdsAdultProductApprovals', false)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.adultProductsApprovalsMissing',
    cites: ['adult-products-website'],
  }),
  rule({
    id: 'adult-products-outside-business-scope',
    when: all(organisationSellsAdultProducts, is('businessScopeCoversAdultProducts', false)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.adultProductsBusinessScope',
    cites: ['adult-products-website'],
  }),

  // An application already in progress in the account (the four cases of the Tencent FAQ).
  rule({
    id: 'in-progress-other-entity-needs-new-account',
    when: all(openApplication, is('inProgressApplication.sameEntity', false)),
    effect: { kind: 'next-step', phase: 'account' },
    messageKey: 'steps.newAccountForOtherEntity',
    cites: ['in-progress-application', 'personal-in-progress-new-organization', 'one-account-one-entity'],
  }),
  rule({
    id: 'in-progress-submitted-is-locked',
    when: all(openApplicationOfSameEntity, is('inProgressApplication.submittedToAdministration', true)),
    effect: { kind: 'blocker' },
    messageKey: 'blockers.inProgressLocked',
    cites: ['in-progress-application'],
  }),
  rule({
    id: 'in-progress-same-type-resubmit-together',
    when: all(openUnsubmittedApplication, is('inProgressApplication.sameType', true)),
    effect: { kind: 'next-step', phase: 'application' },
    messageKey: 'steps.abortAndResubmitTogether',
    cites: ['in-progress-application'],
  }),
  rule({
    id: 'in-progress-other-type-separately',
    when: all(openUnsubmittedApplication, is('inProgressApplication.sameType', false)),
    effect: { kind: 'next-step', phase: 'application' },
    messageKey: 'steps.submitSeparately',
    cites: ['in-progress-application'],
  }),

  // Server Load Balancer.
  rule({
    id: 'load-balancer-file-with-one-instance',
    when: loadBalancedDomainSite,
    effect: { kind: 'next-step', phase: 'application' },
    messageKey: 'steps.fileWithOneInstance',
    cites: ['server-load-balancer'],
  }),
  rule({
    id: 'load-balancer-point-dns-after-approval',
    when: loadBalancedDomainSite,
    effect: { kind: 'next-step', phase: 'after-approval' },
    messageKey: 'steps.pointDnsToLoadBalancer',
    cites: ['server-load-balancer'],
  }),
  rule({
    id: 'load-balancer-update-commercial-license',
    when: all(loadBalancedDomainSite, is('holdsCommercialLicense', true)),
    effect: { kind: 'next-step', phase: 'after-approval' },
    messageKey: 'steps.updateCommercialLicense',
    cites: ['server-load-balancer'],
  }),

  // A foreign enterprise's filing: its source lists what the MIIT reviews when a foreign enterprise files, and says
  // nothing of it for individuals or mainland organisations, so it is not told to them.
  rule({
    id: 'check-filing-information',
    when: foreignEnterprise,
    effect: { kind: 'next-step', phase: 'application' },
    messageKey: 'steps.checkFilingInformation',
    cites: ['foreign-enterprise-requirements'],
  }),

  // Every filing.
  rule({
    id: 'site-stays-closed-until-filed',
    when: filingNeeded,
    effect: { kind: 'caveat', needsHuman: false },
    messageKey: 'caveats.siteClosedUntilFiled',
    cites: ['without-filing'],
  }),
  rule({
    id: 'host-in-hong-kong-instead',
    when: hostedInMainland,
    effect: { kind: 'alternative' },
    messageKey: 'alternatives.hostInHongKong',
    cites: ['without-filing', 'hosted-outside-mainland'],
  }),
] as const;

export type RuleId = (typeof RULES)[number]['id'];
