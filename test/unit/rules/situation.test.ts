import type { Profile } from '../../../src/rules/profile.js';
import { decideSituation, type SituationDecision, type SituationQuestion } from '../../../src/rules/situation.js';

/** The decision as a short string: `verdict where=guangdong` or `ask hosting`. */
function summary(decision: SituationDecision): string {
  if (decision.kind === 'ask') return `ask ${decision.field}`;
  const value = decision.verdict.value;
  return `verdict ${decision.verdict.question}=${Array.isArray(value) ? value.join('+') || '(none)' : value}`;
}

describe('decideSituation', () => {
  const cases: [string, Profile, SituationQuestion, string][] = [
    ['no place: asks where the server is', {}, 'filing-required', 'ask hosting'],
    ['a mainland server needs a filing', { hosting: 'mainland', entityType: 'individual' }, 'filing-required', 'verdict filing-required=yes'],
    ['outside, CDN unknown: no (with the CDN condition)', { hosting: 'outside-mainland' }, 'filing-required', 'verdict filing-required=no'],
    ['outside with a mainland CDN: yes', { hosting: 'outside-mainland', mainlandCdn: true }, 'filing-required', 'verdict filing-required=yes'],
    ['can apply, nobody named: asks who files', { hosting: 'mainland' }, 'can-apply', 'ask entityType'],
    ['a foreign company, presence unknown: asks what it has', { entityType: 'foreign-enterprise' }, 'can-apply', 'ask foreignPresence'],
    ['a foreign company without an entity cannot apply', { entityType: 'foreign-enterprise', foreignPresence: 'none', hosting: 'mainland' }, 'can-apply', 'verdict can-apply=no'],
    ['a person may not run a forum, server place unsaid', { entityType: 'individual', siteTypes: ['bbs'] }, 'can-apply', 'verdict can-apply=no'],
    // No ID province to ask for: where such a person files is not in the sources, which the reply on applying says.
    ['a person with an ID from abroad, asked where: no ID province asked', { entityType: 'individual', idFromOutsideMainland: true, residenceProvince: 'shanghai' }, 'where', 'verdict can-apply=yes'],
    ['a person with a mainland ID, asked where: asks its province', { entityType: 'individual', residenceProvince: 'shanghai' }, 'where', 'ask idProvince'],
    ['a person asking which permits a forum needs: cannot at all', { entityType: 'individual', siteTypes: ['bbs'] }, 'permits', 'verdict can-apply=no'],
    ['a server outside: nothing to apply for', { entityType: 'individual', hosting: 'outside-mainland', mainlandCdn: false }, 'can-apply', 'verdict can-apply=no'],
    ['a mainland company may apply', { entityType: 'mainland-organisation', hosting: 'mainland' }, 'can-apply', 'verdict can-apply=yes'],
    ['where, for an individual: the ID province', { entityType: 'individual', idProvince: 'hunan' }, 'where', 'verdict where=hunan'],
    ['where, individual without ID province: asks it', { entityType: 'individual' }, 'where', 'ask idProvince'],
    ['where, a mainland company: its licence province', { entityType: 'mainland-organisation', licenceProvince: 'liaoning' }, 'where', 'verdict where=liaoning'],
    ['where, a mainland company without licence province: asks it', { entityType: 'mainland-organisation' }, 'where', 'ask licenceProvince'],
    ['where, a foreign company with a branch in Jiangsu', { entityType: 'foreign-enterprise', foreignPresence: 'mainland-branch', certificateProvince: 'jiangsu' }, 'where', 'verdict where=jiangsu'],
    ['where, a foreign company with a branch somewhere: asks the province', { entityType: 'foreign-enterprise', foreignPresence: 'mainland-branch' }, 'where', 'ask certificateProvince'],
    ['where, a foreign company, presence unknown: asks it', { entityType: 'foreign-enterprise' }, 'where', 'ask foreignPresence'],
    ['where, nobody named: asks who files', {}, 'where', 'ask entityType'],
    ['through: the hosting provider', { entityType: 'individual' }, 'through', 'verdict through=hosting-provider'],
    ['through, a site reached by IP only: the province', { hosting: 'mainland', ipOnlyAccess: true }, 'through', 'verdict through=provincial-administration'],
    [
      'through, wanting a provider that does not host the server: the hosting provider is the answer',
      { hosting: 'mainland', hostingProvider: '火山引擎', desiredFilingProvider: '腾讯云', filesThroughHostingProvider: false },
      'through',
      'verdict through=hosting-provider',
    ],
    [
      'can-apply, wanting a provider that does not host the server: no',
      { hosting: 'mainland', entityType: 'individual', hostingProvider: '火山引擎', desiredFilingProvider: '腾讯云', filesThroughHostingProvider: false },
      'can-apply',
      'verdict can-apply=no',
    ],
    ['through, a domain at a foreign registrar: cannot apply yet', { entityType: 'individual', hosting: 'mainland', domainRegisteredInMainland: false }, 'through', 'verdict can-apply=no'],
    ['through, a foreign company without an entity: cannot apply at all', { entityType: 'foreign-enterprise', foreignPresence: 'none', hosting: 'mainland', hostingProvider: 'A', desiredFilingProvider: 'B' }, 'through', 'verdict can-apply=no'],
    ['a domain at a foreign registrar blocks: a site with a domain is not reached by IP alone', { entityType: 'individual', hosting: 'mainland', domainRegisteredInMainland: false }, 'can-apply', 'verdict can-apply=no'],
    ['an ID province names an individual', { idProvince: 'guangxi' }, 'where', 'verdict where=guangxi'],
    ['a licence province names a mainland organisation', { licenceProvince: 'hunan', hosting: 'mainland' }, 'can-apply', 'verdict can-apply=yes'],
    ['permits, site unknown: asks what it offers', { entityType: 'mainland-organisation' }, 'permits', 'ask siteTypes'],
    ['permits for a company game site', { entityType: 'mainland-organisation', siteTypes: ['gaming'] }, 'permits', 'verdict permits=internet-culture-business-permit'],
    [
      'where, wanting to file where one lives, that province\'s stance unknown: asks it',
      { entityType: 'individual', idProvince: 'henan', residenceProvince: 'beijing', desiredProvince: 'beijing' },
      'where',
      'ask remoteApplicationAccepted',
    ],
    [
      'where, wanting to file where one lives, stance not known to the user: the ID province',
      { entityType: 'individual', idProvince: 'henan', residenceProvince: 'beijing', desiredProvince: 'beijing', remoteApplicationAccepted: 'unknown' },
      'where',
      'verdict where=henan',
    ],
    [
      'where, wanting to file in Gansu, whose rules refuse non-locals: the ID province',
      { entityType: 'individual', idProvince: 'henan', residenceProvince: 'gansu', desiredProvince: 'gansu' },
      'where',
      'verdict where=henan',
    ],
    ['permits for a plain blog: none', { entityType: 'individual', siteTypes: ['general'] }, 'permits', 'verdict permits=(none)'],
  ];
  it.each(cases)('%s', (_name, profile, question, expected) => {
    expect(summary(decideSituation(profile, question))).toBe(expected);
  });

  it('says when it presumed a mainland server', () => {
    const decision = decideSituation({ entityType: 'mainland-organisation' }, 'can-apply');
    expect(decision).toMatchObject({ kind: 'verdict', presumed: ['hosting'], assumedProfile: { hosting: 'mainland' } });
  });

  it('asked through whom, presumes a site reached by its domain name, says so, and gives the route with its reason', () => {
    const decision = decideSituation({ hosting: 'mainland' }, 'through');
    expect(decision).toMatchObject({ kind: 'verdict', presumed: ['ipOnlyAccess'], verdict: { question: 'through', value: 'hosting-provider' }, assumedProfile: { ipOnlyAccess: false } });
    expect(decision.kind === 'verdict' && decision.assessment.through).toMatchObject({ channel: 'hosting-provider', message: { key: 'through.hostingProvider' } });
    // With the server's place unknown too, both are said.
    expect(decideSituation({}, 'through')).toMatchObject({ presumed: ['hosting', 'ipOnlyAccess'] });
    // Nothing presumed of what the user said, nor for other questions.
    expect(decideSituation({ hosting: 'mainland', ipOnlyAccess: true }, 'through')).toMatchObject({ presumed: [] });
    expect(decideSituation({ hosting: 'mainland', entityType: 'individual' }, 'can-apply')).toMatchObject({ presumed: [] });
  });

  it('does not presume a mainland server the user ruled out, and says it presumed no mainland CDN', () => {
    const decision = decideSituation({ entityType: 'individual', hosting: 'outside-mainland' }, 'where');
    expect(decision).toMatchObject({ kind: 'verdict', presumed: ['mainlandCdn'], verdict: { question: 'can-apply', value: 'no' } });
  });
});
