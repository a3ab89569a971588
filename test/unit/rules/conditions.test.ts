import {
  type Condition,
  all,
  answered,
  any,
  atLeast,
  evaluateCondition,
  fieldsOf,
  includes,
  is,
  not,
  oneOf,
  same,
} from '../../../src/rules/conditions.js';
import type { Profile } from '../../../src/rules/profile.js';

const mainland = is('hosting', 'mainland');
const cdn = is('mainlandCdn', true);

describe('evaluateCondition', () => {
  const cases: ReadonlyArray<[string, Condition, Profile, boolean | 'unknown', string[]]> = [
    ['equals, answered and equal', mainland, { hosting: 'mainland' }, true, ['hosting']],
    ['equals, answered and different', mainland, { hosting: 'outside-mainland' }, false, ['hosting']],
    ['equals, unanswered', mainland, {}, 'unknown', ['hosting']],
    ['one-of', oneOf('remoteApplicationAccepted', ['no', 'unknown']), { remoteApplicationAccepted: 'unknown' }, true, ['remoteApplicationAccepted']],
    ['includes, present', includes('siteTypes', 'bbs'), { siteTypes: ['general', 'bbs'] }, true, ['siteTypes']],
    ['includes, absent', includes('siteTypes', 'bbs'), { siteTypes: [] }, false, ['siteTypes']],
    ['at-least, below', atLeast('numberOfSites', 2), { numberOfSites: 1 }, false, ['numberOfSites']],
    ['at-least, reached', atLeast('numberOfSites', 2), { numberOfSites: 2 }, true, ['numberOfSites']],
    ['answered, yes', answered('idProvince'), { idProvince: 'hunan' }, true, ['idProvince']],
    ['answered, not yet (never false)', answered('idProvince'), {}, 'unknown', ['idProvince']],
    ['same, equal', same('idProvince', 'residenceProvince'), { idProvince: 'hunan', residenceProvince: 'hunan' }, true, ['idProvince', 'residenceProvince']],
    ['same, one missing', same('idProvince', 'residenceProvince'), { idProvince: 'hunan' }, 'unknown', ['residenceProvince']],
    ['nested field', is('inProgressApplication.sameEntity', false), { inProgressApplication: { sameEntity: false } }, true, ['inProgressApplication.sameEntity']],
    ['all: false wins over unknown', all(mainland, cdn), { hosting: 'outside-mainland' }, false, ['hosting']],
    ['all: unknown waits for the open parts only', all(mainland, cdn), { hosting: 'mainland' }, 'unknown', ['mainlandCdn']],
    ['all: true', all(mainland, cdn), { hosting: 'mainland', mainlandCdn: true }, true, ['hosting', 'mainlandCdn']],
    ['any: true wins over unknown', any(mainland, cdn), { mainlandCdn: true }, true, ['mainlandCdn']],
    ['any: unknown', any(mainland, cdn), { hosting: 'outside-mainland' }, 'unknown', ['mainlandCdn']],
    ['any: false', any(mainland, cdn), { hosting: 'outside-mainland', mainlandCdn: false }, false, ['hosting', 'mainlandCdn']],
    ['not: flips', not(mainland), { hosting: 'mainland' }, false, ['hosting']],
    ['not: keeps unknown', not(mainland), {}, 'unknown', ['hosting']],
  ];

  it.each(cases)('%s', (_name, condition, profile, value, fields) => {
    const outcome = evaluateCondition(condition, profile);
    expect(outcome.value).toBe(value);
    expect([...outcome.fields].sort()).toEqual([...fields].sort());
  });
});

describe('fieldsOf', () => {
  it('lists every field a condition reads, once', () => {
    const condition = all(mainland, any(cdn, not(same('idProvince', 'residenceProvince'))), is('hosting', 'mainland'));
    expect(fieldsOf(condition).sort()).toEqual(['hosting', 'idProvince', 'mainlandCdn', 'residenceProvince']);
  });
});
