import { PROFILE_FIELDS, Profile, parseProfile, readField, withAnswer } from '../../../src/rules/profile.js';

describe('Profile', () => {
  it('accepts an empty profile, since the dialog fills it step by step', () => {
    expect(Profile.parse({})).toEqual({});
  });

  it('accepts a complete profile', () => {
    const complete = {
      entityType: 'foreign-enterprise',
      hosting: 'mainland',
      mainlandCdn: false,
      hostingProvider: 'Example Cloud',
      filesThroughHostingProvider: true,
      domainRegisteredInMainland: true,
      ipOnlyAccess: false,
      idProvince: 'hunan',
      residenceProvince: 'guangdong',
      remoteApplicationAccepted: 'unknown',
      licenceProvince: 'liaoning',
      foreignPresence: 'representative-office-certificate',
      certificateProvince: 'shanghai',
      documentsIssuedOutsideMainland: false,
      wantsCommercialLicense: false,
      holdsCommercialLicense: false,
      siteTypes: ['general', 'gaming'],
      holdsInternetCultureBusinessPermit: true,
      holdsBbsApproval: false,
      holdsAdultProductApprovals: false,
      businessScopeCoversAdultProducts: false,
      accountHoldsOtherEntity: false,
      numberOfSites: 2,
      hasInProgressApplication: true,
      inProgressApplication: { submittedToAdministration: false, sameType: true, sameEntity: true },
      usesLoadBalancer: true,
    };
    expect(Profile.parse(complete)).toEqual(complete);
  });

  it.each([
    [{ colour: 'blue' }, 'colour'],
    [{ inProgressApplication: { approved: true } }, 'approved'],
  ])('rejects the unknown field in %j and names it', (input, field) => {
    const result = Profile.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(field);
    expect(() => parseProfile(input)).toThrow(`${field}: unknown field`);
  });

  it.each([
    [{ hosting: 'moon' }, 'hosting'],
    [{ mainlandCdn: 'yes' }, 'mainlandCdn'],
    [{ idProvince: 'atlantis' }, 'idProvince'],
    [{ siteTypes: ['casino'] }, 'siteTypes.0'],
    [{ numberOfSites: 0 }, 'numberOfSites'],
    [{ numberOfSites: 1.5 }, 'numberOfSites'],
    [{ inProgressApplication: { sameType: 'no' } }, 'inProgressApplication.sameType'],
  ])('rejects the wrong type in %j and names the field', (input, path) => {
    const result = Profile.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
    expect(() => parseProfile(input)).toThrow(new RegExp(`^parseProfile\\(\\): ${path.replace('.', '\\.')}: `));
  });
});

describe('PROFILE_FIELDS', () => {
  it('lists the nested in-progress fields in place of their parent', () => {
    expect(PROFILE_FIELDS).toContain('inProgressApplication.sameEntity');
    expect(PROFILE_FIELDS).not.toContain('inProgressApplication');
    expect(PROFILE_FIELDS.indexOf('hasInProgressApplication')).toBeLessThan(
      PROFILE_FIELDS.indexOf('inProgressApplication.submittedToAdministration'),
    );
  });
});

describe('readField / withAnswer', () => {
  it('reads and writes top-level fields', () => {
    const profile = withAnswer({}, 'hosting', 'mainland');
    expect(profile).toEqual({ hosting: 'mainland' });
    expect(readField(profile, 'hosting')).toBe('mainland');
    expect(readField(profile, 'entityType')).toBeUndefined();
  });

  it('writes nested in-progress fields without losing their siblings', () => {
    const first = withAnswer({}, 'inProgressApplication.sameEntity', true);
    const second = withAnswer(first, 'inProgressApplication.submittedToAdministration', false);
    expect(second).toEqual({ inProgressApplication: { sameEntity: true, submittedToAdministration: false } });
    expect(readField(second, 'inProgressApplication.sameEntity')).toBe(true);
    expect(readField({}, 'inProgressApplication.sameType')).toBeUndefined();
  });

  it('leaves the original profile untouched', () => {
    const original = { hosting: 'mainland' as const };
    withAnswer(original, 'entityType', 'individual');
    expect(original).toEqual({ hosting: 'mainland' });
  });

  it('rejects a value that does not fit the field, naming the function and the field', () => {
    expect(() => withAnswer({}, 'idProvince', 'atlantis' as never)).toThrow(/^withAnswer\(\): idProvince: /);
  });
});
