import { assess } from '../../../src/rules/assess.js';
import type { Profile } from '../../../src/rules/profile.js';
import {
  firedRules,
  foreignEnterpriseWithBranch,
  hongKongSite,
  keysOf,
  mainlandIndividual,
  mainlandOrganisation,
} from './fixtures.js';

describe('assess: whether a filing is required', () => {
  it.each([
    ['nothing known', {}, 'depends', ['hosting', 'mainlandCdn']],
    ['hosted outside, CDN unknown', { hosting: 'outside-mainland' }, 'depends', ['mainlandCdn']],
    ['hosted in mainland China', { hosting: 'mainland' }, 'yes', []],
    ['hosted outside with a mainland CDN', { hosting: 'outside-mainland', mainlandCdn: true }, 'yes', []],
    ['hosted outside without a mainland CDN', hongKongSite, 'no', []],
  ] as ReadonlyArray<[string, Profile, string, string[]]>)('%s -> %s', (_name, profile, answer, dependsOn) => {
    const { filingRequired } = assess(profile);
    expect(filingRequired.answer).toBe(answer);
    expect(filingRequired.dependsOn).toEqual(dependsOn);
  });

  it('says why, with a message reference rather than text', () => {
    expect(assess(hongKongSite).filingRequired.because).toEqual([{ key: 'filing.hostedOutsideMainland' }]);
  });
});

describe('assess: a site hosted in Hong Kong without a mainland CDN', () => {
  const assessment = assess({ ...hongKongSite, entityType: 'foreign-enterprise' });

  it('needs no filing, has nothing to apply for and nothing left to ask', () => {
    expect(assessment.filingRequired.answer).toBe('no');
    expect(assessment.canApplyNow).toEqual({ answer: 'no', dependsOn: [] });
    expect(assessment.blockers).toEqual([]);
    expect(assessment.nextSteps).toEqual([]);
    expect(assessment.where).toBeUndefined();
    expect(assessment.openFields).toEqual([]);
  });

  it('cites the hosted-outside and CDN entries', () => {
    expect(assessment.cites).toEqual(['hosted-outside-mainland', 'cdn']);
  });
});

describe('assess: whether the user can apply now', () => {
  it('depends on the answers a blocker still waits for', () => {
    const { domainRegisteredInMainland: _unanswered, ...profile } = mainlandIndividual;
    const { canApplyNow } = assess(profile);
    expect(canApplyNow.answer).toBe('depends');
    expect(canApplyNow.dependsOn).toEqual(['domainRegisteredInMainland']);
  });

  it('is yes when every blocker is ruled out', () => {
    expect(assess(mainlandIndividual).canApplyNow).toEqual({ answer: 'yes', dependsOn: [] });
  });

  it('is no as soon as one blocker fires, even with other answers missing', () => {
    const assessment = assess({ hosting: 'mainland', entityType: 'individual', siteTypes: ['bbs'] });
    expect(assessment.canApplyNow).toEqual({ answer: 'no', dependsOn: [] });
    expect(keysOf(assessment.blockers)).toEqual(['blockers.individualBbs']);
  });
});

describe('assess: foreign enterprise + gaming site + mainland CDN', () => {
  const profile: Profile = {
    ...foreignEnterpriseWithBranch,
    hosting: 'outside-mainland',
    mainlandCdn: true,
    foreignPresence: 'representative-office-certificate',
    siteTypes: ['gaming'],
    holdsInternetCultureBusinessPermit: false,
  };
  const assessment = assess(profile);

  it('requires a filing that cannot be made yet', () => {
    expect(assessment.filingRequired.answer).toBe('yes');
    expect(assessment.canApplyNow.answer).toBe('no');
    expect(keysOf(assessment.blockers)).toEqual(['blockers.noMainlandInstance', 'blockers.cultureBusinessPermitMissing']);
  });

  it('files in the certificate province through the provider of the mainland instance', () => {
    expect(assessment.where).toMatchObject({
      province: 'shanghai',
      administration: 'provincial-communications-administration',
    });
    expect(assessment.through?.channel).toBe('hosting-provider');
  });

  it('needs the culture permit from the culture and tourism administration of the same province', () => {
    expect(assessment.extraPermits).toEqual([
      {
        permit: 'internet-culture-business-permit',
        administration: 'provincial-culture-and-tourism-administration',
        province: 'shanghai',
        held: false,
        message: { key: 'permits.internetCultureBusinessPermit' },
      },
    ]);
  });

  it('orders the steps: the documents of the entity, then servers, then the application', () => {
    expect(keysOf(assessment.nextSteps)).toEqual([
      'steps.fileWithRepresentativeOfficeCertificate',
      'steps.buyPrepaidServerThreeMonths',
      'steps.buyTemporaryMainlandInstance',
      'steps.checkFilingInformation',
    ]);
  });

  it('offers a CDN without mainland nodes, not Hong Kong hosting', () => {
    expect(keysOf(assessment.alternatives)).toEqual(['alternatives.cdnWithoutMainland']);
  });

  it('asks nothing about load balancers, which only matter for mainland hosting', () => {
    expect(assessment.openFields).toEqual([]);
    expect(assessment.needsHuman).toBe(false);
  });
});

describe('assess: individual + BBS + living in another province', () => {
  const profile: Profile = {
    ...mainlandIndividual,
    residenceProvince: 'guangdong',
    remoteApplicationAccepted: 'unknown',
    siteTypes: ['bbs'],
  };

  it('blocks the forum and sends the user to a human about the remote application', () => {
    const assessment = assess(profile);
    expect(keysOf(assessment.blockers)).toEqual(['blockers.individualBbs']);
    expect(assessment.extraPermits).toEqual([]);
    expect(assessment.where?.province).toBe('hunan');
    expect(assessment.caveats).toContainEqual({
      key: 'caveats.remoteAcceptanceUnknown',
      params: { idProvince: 'hunan', residenceProvince: 'guangdong' },
    });
    expect(assessment.needsHuman).toBe(true);
  });

  it('files where the user lives once that administration accepts the remote application', () => {
    const assessment = assess({ ...profile, remoteApplicationAccepted: 'yes' });
    expect(assessment.where?.province).toBe('guangdong');
    expect(assessment.where?.message).toEqual({ key: 'where.residenceProvince', params: { province: 'guangdong' } });
    expect(assessment.needsHuman).toBe(false);
  });

  it('files in the ID province when the remote application is refused', () => {
    expect(assess({ ...profile, remoteApplicationAccepted: 'no' }).where?.province).toBe('hunan');
  });
});

describe('assess: organisation with an in-progress application of another entity', () => {
  const profile: Profile = {
    ...mainlandOrganisation,
    hasInProgressApplication: true,
    inProgressApplication: { sameEntity: false },
  };
  const assessment = assess(profile);

  it('registers a new account first, and can then apply', () => {
    expect(keysOf(assessment.nextSteps)).toEqual(['steps.newAccountForOtherEntity']);
    expect(assessment.canApplyNow.answer).toBe('yes');
    expect(assessment.where?.province).toBe('liaoning');
  });

  it('asks nothing more: whether the other application was submitted only adds conditional advice', () => {
    expect(assessment.openQuestions).toEqual([]);
    expect(assessment.openFields).toEqual(['inProgressApplication.submittedToAdministration', 'inProgressApplication.sameType']);
  });

  it('cites the in-progress and one-account entries', () => {
    expect(assessment.cites).toEqual(
      expect.arrayContaining(['in-progress-application', 'personal-in-progress-new-organization', 'one-account-one-entity']),
    );
  });

  it('is locked instead when the open application of the same entity was submitted', () => {
    const locked = assess({
      ...mainlandOrganisation,
      hasInProgressApplication: true,
      inProgressApplication: { sameEntity: true, submittedToAdministration: true },
    });
    expect(keysOf(locked.blockers)).toEqual(['blockers.inProgressLocked']);
    expect(locked.openFields).toEqual([]);
  });
});

describe('assess: a mainland site reached only by IP address', () => {
  const { domainRegisteredInMainland: _domain, filesThroughHostingProvider: _provider, ...rest } = mainlandIndividual;
  const assessment = assess({ ...rest, ipOnlyAccess: true });

  it('files directly with the administration of the entity province', () => {
    expect(assessment.through).toEqual({
      channel: 'provincial-administration',
      message: { key: 'through.provincialAdministration' },
    });
    expect(assessment.where?.province).toBe('hunan');
    expect(assessment.cites).toContain('ip-only-access');
  });

  it('does not ask about a domain or the hosting provider', () => {
    expect(assessment.openFields).toEqual([]);
    expect(assessment.canApplyNow.answer).toBe('yes');
  });
});

describe('assess: the rest of the assessment', () => {
  it('needs a human for a foreign enterprise with only a physical office', () => {
    const assessment = assess({ ...foreignEnterpriseWithBranch, foreignPresence: 'physical-office', wantsCommercialLicense: true });
    expect(assessment.needsHuman).toBe(true);
    expect(keysOf(assessment.caveats)).toEqual(
      expect.arrayContaining(['caveats.physicalOfficeSomeProvinces', 'caveats.physicalOfficeNoCommercialLicense']),
    );
    expect(assessment.where?.province).toBe('shanghai');
  });

  it('has no place to file for a foreign enterprise without a mainland entity, and says how to get one', () => {
    const assessment = assess({ ...foreignEnterpriseWithBranch, foreignPresence: 'none', certificateProvince: undefined });
    expect(assessment.where).toBeUndefined();
    expect(keysOf(assessment.nextSteps)[0]).toBe('steps.getBranchOrRepresentativeOfficeCertificate');
    expect(assessment.openFields).toEqual([]);
  });

  it('orders next steps by phase: entity, account, hosting, domain, application, after approval', () => {
    const assessment = assess({
      ...foreignEnterpriseWithBranch,
      foreignPresence: 'none',
      accountHoldsOtherEntity: true,
      domainRegisteredInMainland: false,
      numberOfSites: 2,
      usesLoadBalancer: true,
      holdsCommercialLicense: true,
    });
    expect(keysOf(assessment.nextSteps)).toEqual([
      'steps.getBranchOrRepresentativeOfficeCertificate',
      'steps.authorizationCodeOrSecondAccount',
      'steps.buyPrepaidServerThreeMonths',
      'steps.transferDomain',
      'steps.addAllSitesToOneApplication',
      'steps.fileWithOneInstance',
      'steps.checkFilingInformation',
      'steps.pointDnsToLoadBalancer',
      'steps.updateCommercialLicense',
    ]);
    expect(assessment.nextSteps).toContainEqual({ key: 'steps.addAllSitesToOneApplication' });
  });

  it('lists both adult-product approvals, with no province for authorities that are not provincial', () => {
    const assessment = assess({
      ...mainlandOrganisation,
      siteTypes: ['adult-products'],
      holdsAdultProductApprovals: true,
      businessScopeCoversAdultProducts: false,
    });
    expect(assessment.extraPermits.map(({ permit, administration, province, held }) => ({ permit, administration, province, held }))).toEqual([
      { permit: 'adult-products-commerce-approval', administration: 'industry-and-commerce-administration', province: undefined, held: true },
      { permit: 'adult-products-health-approval', administration: 'health-authority', province: undefined, held: true },
    ]);
    expect(keysOf(assessment.blockers)).toEqual(['blockers.adultProductsBusinessScope']);
  });

  it('passes the hosting provider name on with the route', () => {
    expect(assess({ ...mainlandIndividual, hostingProvider: 'Example Cloud' }).through?.provider).toBe('Example Cloud');
  });

  it("tells only a foreign enterprise what the MIIT reviews, and cites that page only for one", () => {
    // The source describes the review of a foreign enterprise's filing; an individual or a mainland company is not sent to it.
    for (const profile of [mainlandIndividual, mainlandOrganisation]) {
      const assessment = assess(profile);
      expect(keysOf(assessment.nextSteps)).not.toContain('steps.checkFilingInformation');
      expect(assessment.cites).not.toContain('foreign-enterprise-requirements');
    }
    expect(keysOf(assess(foreignEnterpriseWithBranch).nextSteps)).toContain('steps.checkFilingInformation');
    expect(assess(foreignEnterpriseWithBranch).cites).toContain('foreign-enterprise-requirements');
  });

  it('cites each entry once', () => {
    const { cites } = assess({ ...mainlandIndividual, numberOfSites: 2, accountHoldsOtherEntity: true });
    expect(new Set(cites).size).toBe(cites.length);
    expect(cites.filter((entry) => entry === 'multiple-websites')).toHaveLength(1);
  });

  it('traces each fired rule with the answers that made it fire', () => {
    const assessment = assess({ ...mainlandIndividual, residenceProvince: 'guangdong', remoteApplicationAccepted: 'yes' });
    expect(assessment.trace).toContainEqual({
      rule: 'individual-applies-where-they-live',
      effect: 'apply-where',
      message: { key: 'where.residenceProvince', params: { province: 'guangdong' } },
      inputs: {
        entityType: 'individual',
        hosting: 'mainland',
        idProvince: 'hunan',
        residenceProvince: 'guangdong',
        remoteApplicationAccepted: 'yes',
      },
    });
    expect(firedRules(assessment)).not.toContain('individual-applies-in-id-province');
  });

  it('lists the open fields in profile order, leaving out those that no longer matter', () => {
    const { openFields } = assess({ hosting: 'mainland', entityType: 'individual' });
    expect(openFields.slice(0, 4)).toEqual([
      'filesThroughHostingProvider',
      'domainRegisteredInMainland',
      'ipOnlyAccess',
      'idProvince',
    ]);
    expect(openFields).not.toContain('mainlandCdn');
    expect(openFields).not.toContain('licenceProvince');
  });
});
