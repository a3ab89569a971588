import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { assess } from '../../../src/rules/assess.js';
import type { Profile } from '../../../src/rules/profile.js';
import { PROVINCE_IDS } from '../../../src/rules/provinces.js';
import { REMOTE_PERSONAL_FILING, remoteFilingRule } from '../../../src/rules/remoteFiling.js';
import { mainlandIndividual } from './fixtures.js';

// An individual with an identity card from Hunan who lives elsewhere and has not said whether the local administration takes non-locals.
const livesAway = (residenceProvince: Profile['residenceProvince']): Profile => ({ ...mainlandIndividual, idProvince: 'hunan', residenceProvince });

describe('remoteFiling: the table', () => {
  const sources = parse(readFileSync('knowledge/sources.yaml', 'utf8')) as Record<string, unknown>;

  it.each(REMOTE_PERSONAL_FILING.map((row) => [row.province, row.source]))('%s cites %s, a page of sources.yaml', (_province, source) => {
    expect(Object.keys(sources)).toContain(source);
  });

  it('names each province once, by a known id', () => {
    const provinces = REMOTE_PERSONAL_FILING.map((row) => row.province);
    expect(new Set(provinces).size).toBe(provinces.length);
    for (const province of provinces) expect(PROVINCE_IDS).toContain(province);
  });

  it('knows Jiangsu takes a residence permit, Gansu no one, and nothing of Guangdong', () => {
    expect(remoteFilingRule('jiangsu')).toMatchObject({ accepts: true, document: 'residence-permit' });
    expect(remoteFilingRule('gansu')).toMatchObject({ accepts: false });
    expect(remoteFilingRule('guangdong')).toBeUndefined();
  });
});

describe('remoteFiling: the check for an individual living away from the ID province', () => {
  it('Jiangsu: files where they live, with a residence permit, without asking the user', () => {
    const assessment = assess(livesAway('jiangsu'));
    expect(assessment.where?.province).toBe('jiangsu');
    expect(assessment.where?.message).toEqual({ key: 'where.residenceProvinceWithResidencePermit', params: { province: 'jiangsu' } });
    expect(assessment.openFields).not.toContain('remoteApplicationAccepted');
    expect(assessment.needsHuman).toBe(false);
  });

  it('Gansu: files in the ID province, and says Gansu does not take non-locals', () => {
    const assessment = assess(livesAway('gansu'));
    expect(assessment.where?.province).toBe('hunan');
    expect(assessment.caveats).toContainEqual({
      key: 'caveats.residenceProvinceRefusesNonLocals',
      params: { idProvince: 'hunan', residenceProvince: 'gansu' },
    });
    expect(assessment.openFields).not.toContain('remoteApplicationAccepted');
    expect(assessment.needsHuman).toBe(false);
  });

  it('a province the table does not know: still asks, and "it depends" when the user does not know', () => {
    expect(assess(livesAway('guangdong')).openFields).toContain('remoteApplicationAccepted');
    const assessment = assess({ ...livesAway('guangdong'), remoteApplicationAccepted: 'unknown' });
    expect(assessment.caveats).toContainEqual({
      key: 'caveats.remoteAcceptanceUnknown',
      params: { idProvince: 'hunan', residenceProvince: 'guangdong' },
    });
    expect(assessment.needsHuman).toBe(true);
  });

  it('the user\'s answer does not override a known province', () => {
    expect(assess({ ...livesAway('gansu'), remoteApplicationAccepted: 'yes' }).where?.province).toBe('hunan');
  });
});
