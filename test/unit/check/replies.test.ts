import { CheckReplies, understoodPlaces } from '../../../src/check/replies';
import { Replies } from '../../../src/replies';
import { translateRef } from '../../../src/i18n';
import { decideSituation, type Profile, type SituationDecision } from '../../../src/rules';
import { sharedCore } from '../../helpers';

type Verdict = Extract<SituationDecision, { kind: 'verdict' }>;

function verdictFor(profile: Profile): Verdict {
  const decision = decideSituation(profile, 'filing-required');
  if (decision.kind !== 'verdict') throw new Error('expected a verdict');
  return decision;
}

describe('CheckReplies.situation', () => {
  const { knowledge, i18n } = sharedCore();
  const fresh = () => new CheckReplies(new Replies(i18n, knowledge, 'en'), knowledge);
  const outside: Profile = { hosting: 'outside-mainland' };
  const server = { name: 'Hong Kong', mainland: false };

  it('gives the same reply the second time as a fresh renderer gives the first', () => {
    const decision = verdictFor(outside);
    const out = fresh();
    const first = out.situation(decision, outside, { server });
    const second = out.situation(decision, outside, { server });
    expect(second).toEqual(fresh().situation(decision, outside, { server }));
    expect(second).toEqual(first);
  });

  it('hands out a new reply each time, so a change to one is not in the next', () => {
    const decision = verdictFor(outside);
    const out = fresh();
    const first = out.situation(decision, outside, { server });
    first.suggestedActions?.actions.push({ type: 'imBack', title: 'changed', value: 'changed' });
    first.text = 'changed';
    expect(out.situation(decision, outside, { server })).toEqual(fresh().situation(decision, outside, { server }));
  });

  it('renders again when what was stated differs for the same decision', () => {
    const decision = verdictFor(outside);
    const out = fresh();
    const named = out.situation(decision, outside, { server });
    const unnamed = out.situation(decision, outside, {});
    expect(unnamed.text).not.toEqual(named.text);
    expect(unnamed).toEqual(fresh().situation(decision, outside, {}));
  });

  it('renders again for an entry with its own source line', () => {
    const decision = verdictFor(outside);
    const out = fresh();
    const plain = out.situation(decision, outside, { server });
    const withEntry = out.situation(decision, outside, { server }, { source: 'Source: somewhere', actions: [] });
    expect(withEntry.text).toContain('Source: somewhere');
    expect(plain.text).not.toContain('Source: somewhere');
  });
});

describe('CheckReplies.situation: permits', () => {
  const { knowledge, i18n } = sharedCore();
  const blog: Profile = { entityType: 'mainland-organisation', hosting: 'mainland', siteTypes: ['general'] };
  const permitsFor = (profile: Profile): Verdict => {
    const decision = decideSituation(profile, 'permits');
    if (decision.kind !== 'verdict') throw new Error('expected a verdict');
    return decision;
  };

  it.each(['en', 'zh-CN'] as const)('says, with "none beyond the filing", that a regulated industry needs its approval first, and cites that entry (%s)', (language) => {
    const out = new CheckReplies(new Replies(i18n, knowledge, language), knowledge);
    const text = out.situation(permitsFor(blog), blog, {}).text ?? '';
    expect(text).toContain(i18n.getFixedT(language)('situation.verdict.permitsNone'));
    expect(text).toContain(i18n.getFixedT(language)('situation.verdict.permitsPreApproval'));
    const entry = knowledge.entries[language].find((e) => e.id === 'pre-approval-industries')!;
    expect(text).toContain(`[${entry.question}]`);
  });

  it.each(['en', 'zh-CN'] as const)('says with any verdict that an approval may come first for a site described as news, medicine … (%s)', (language) => {
    const out = new CheckReplies(new Replies(i18n, knowledge, language), knowledge);
    const decision = decideSituation(blog, 'can-apply');
    if (decision.kind !== 'verdict') throw new Error('expected a verdict');
    const line = i18n.getFixedT(language)('situation.verdict.permitsPreApproval');
    const entry = knowledge.entries[language].find((e) => e.id === 'pre-approval-industries')!;
    const told = out.situation(decision, blog, { industry: true }).text ?? '';
    expect(told).toContain(line);
    expect(told).toContain(`[${entry.question}]`);
    const plain = out.situation(decision, blog, {}).text ?? '';
    expect(plain).not.toContain(line);
    expect(plain).not.toContain(`[${entry.question}]`);
  });

  it.each(['en', 'zh-CN'] as const)('does not say "none is needed" of the permits for a site described as of such an industry (%s)', (language) => {
    const out = new CheckReplies(new Replies(i18n, knowledge, language), knowledge);
    const t = i18n.getFixedT(language);
    const text = out.situation(permitsFor(blog), blog, { industry: true }).text ?? '';
    expect(text).toContain(t('situation.verdict.permitsNoneButIndustry'));
    expect(text).not.toContain(t('situation.verdict.permitsNone'));
    expect(text).not.toContain(t('situation.verdict.permitsPreApproval'));
    const entry = knowledge.entries[language].find((e) => e.id === 'pre-approval-industries')!;
    expect(text).toContain(`[${entry.question}]`);
  });

  it('says it with the permits a game site needs too', () => {
    const game: Profile = { ...blog, siteTypes: ['gaming'] };
    const text = new CheckReplies(new Replies(i18n, knowledge, 'en'), knowledge).situation(permitsFor(game), game, {}).text ?? '';
    expect(text).toContain(i18n.getFixedT('en')('situation.verdict.permits'));
    expect(text).toContain(i18n.getFixedT('en')('situation.verdict.permitsPreApproval'));
  });
});

describe('CheckReplies: a site that sells online or takes payments', () => {
  const { knowledge, i18n } = sharedCore();
  const shop: Profile = { entityType: 'mainland-organisation', hosting: 'mainland', siteTypes: ['general'] };
  const decide = (profile: Profile, question: 'permits' | 'filing-required'): Verdict => {
    const decision = decideSituation(profile, question);
    if (decision.kind !== 'verdict') throw new Error('expected a verdict');
    return decision;
  };
  const entryLink = (language: 'en' | 'zh-CN') => `[${knowledge.entries[language].find((e) => e.id === 'commercial-license-needed')!.question}]`;

  it.each(['en', 'zh-CN'] as const)('lists the Commercial License as a permit, not "none is needed", and cites its entry (%s)', (language) => {
    const t = i18n.getFixedT(language);
    const out = new CheckReplies(new Replies(i18n, knowledge, language), knowledge);
    const text = out.situation(decide(shop, 'permits'), shop, { payments: true }).text ?? '';
    expect(text).toContain(t('situation.verdict.permits'));
    expect(text).toContain(t('situation.verdict.commercialLicense'));
    expect(text).not.toContain(t('situation.verdict.permitsNone'));
    expect(text).toContain(entryLink(language));
    // Without the payments, none.
    expect(out.situation(decide(shop, 'permits'), shop, {}).text).toContain(t('situation.verdict.permitsNone'));
  });

  it('lists it with the permits the rules know (a game with in-game purchases)', () => {
    const game: Profile = { ...shop, siteTypes: ['gaming'] };
    const t = i18n.getFixedT('en');
    const text = new CheckReplies(new Replies(i18n, knowledge, 'en'), knowledge).situation(decide(game, 'permits'), game, { payments: true }).text ?? '';
    expect(text).toContain('Internet Culture Business Permit');
    expect(text).toContain(t('situation.verdict.commercialLicense'));
  });

  it('lists it when the user said they want the licence, and not when they hold it', () => {
    const t = i18n.getFixedT('en');
    const out = new CheckReplies(new Replies(i18n, knowledge, 'en'), knowledge);
    const wants = { ...shop, wantsCommercialLicense: true };
    expect(out.situation(decide(wants, 'permits'), wants, {}).text).toContain(t('situation.verdict.commercialLicense'));
    const holds = { ...shop, holdsCommercialLicense: true };
    expect(out.situation(decide(holds, 'permits'), holds, { payments: true }).text).not.toContain(t('situation.verdict.commercialLicense'));
  });

  it.each(['en', 'zh-CN'] as const)('says it after a verdict that a filing is needed, and not after one that none is or that something blocks it (%s)', (language) => {
    const t = i18n.getFixedT(language);
    const out = new CheckReplies(new Replies(i18n, knowledge, language), knowledge);
    const needed = out.situation(decide(shop, 'filing-required'), shop, { payments: true }).text ?? '';
    expect(needed).toContain(t('situation.verdict.commercialLicenseToo'));
    expect(needed).toContain(entryLink(language));
    const foreign: Profile = { ...shop, entityType: 'foreign-enterprise', foreignPresence: 'none' };
    expect(decide(foreign, 'filing-required').assessment.blockers.length).toBeGreaterThan(0);
    expect(out.situation(decide(foreign, 'filing-required'), foreign, { payments: true }).text).not.toContain(t('situation.verdict.commercialLicenseToo'));
    const abroad: Profile = { ...shop, hosting: 'outside-mainland', mainlandCdn: false };
    expect(out.situation(decide(abroad, 'filing-required'), abroad, { payments: true }).text).not.toContain(t('situation.verdict.commercialLicenseToo'));
  });

  it('lists it in the check\'s result', () => {
    const t = i18n.getFixedT('en');
    const out = new CheckReplies(new Replies(i18n, knowledge, 'en'), knowledge);
    const assessment = decide(shop, 'permits').assessment;
    expect(out.result(assessment, 'cli', [], false, shop, { payments: true }).text).toContain(t('situation.verdict.commercialLicense'));
    expect(out.result(assessment, 'cli', [], false, shop, {}).text).not.toContain(t('situation.verdict.commercialLicense'));
  });
});

describe('CheckReplies.situation: two questions answered together', () => {
  const { knowledge, i18n } = sharedCore();
  const studio: Profile = { entityType: 'mainland-organisation', licenceProvince: 'sichuan', hosting: 'mainland' };
  const verdictOf = (question: 'where' | 'through'): Verdict => {
    const decision = decideSituation(studio, question);
    if (decision.kind !== 'verdict') throw new Error('expected a verdict');
    return decision;
  };

  it.each(['en', 'zh-CN'] as const)('says where, then through whom, with both reasons and what either presumed (%s)', (language) => {
    const t = i18n.getFixedT(language);
    const out = new CheckReplies(new Replies(i18n, knowledge, language), knowledge);
    const text = out.situation(verdictOf('where'), studio, { host: 'Tencent Cloud' }, undefined, false, verdictOf('through')).text ?? '';
    const where = t('situation.verdict.where', { province: translateRef(t, { key: 'provinces.sichuan' }) });
    const through = t('situation.verdict.throughHost', { host: 'Tencent Cloud' });
    expect(text.indexOf(where)).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(through)).toBeGreaterThan(text.indexOf(where));
    expect(text).toContain(t('situation.presumed.ipOnlyAccess'));
    // Rendered apart from the same decision without a second answer.
    expect(out.situation(verdictOf('where'), studio, { host: 'Tencent Cloud' }).text).not.toContain(through);
  });
});

describe('CheckReplies.situation: a second question answered with the first', () => {
  const { knowledge, i18n } = sharedCore();
  const out = new CheckReplies(new Replies(i18n, knowledge, 'en'), knowledge);
  const company: Profile = { entityType: 'mainland-organisation', licenceProvince: 'yunnan', hosting: 'mainland', hostingProvider: 'Alibaba Cloud' };
  const decide = (profile: Profile, question: 'through' | 'filing-required'): Verdict => {
    const decision = decideSituation(profile, question);
    if (decision.kind !== 'verdict') throw new Error('expected a verdict');
    return decision;
  };

  it('says that a filing is needed, before who files it ("do we have to file and who does it?")', () => {
    const text = out.situation(decide(company, 'through'), company, {}, undefined, false, decide(company, 'filing-required')).text!;
    const needed = text.indexOf('Yes: your site needs an ICP filing');
    expect(needed).toBeGreaterThan(-1);
    expect(needed).toBeLessThan(text.indexOf('Through'));
  });

  it('says nothing more when no filing is needed: the first answer has said so', () => {
    const outside: Profile = { ...company, hosting: 'outside-mainland' };
    const alone = out.situation(decide(outside, 'through'), outside, {}).text;
    expect(out.situation(decide(outside, 'through'), outside, {}, undefined, false, decide(outside, 'filing-required')).text).toEqual(alone);
  });
});

describe('CheckReplies.describeAnswers: yes-or-no facts taken only when stated', () => {
  const { knowledge, i18n } = sharedCore();
  const out = (language: 'en' | 'zh-CN') => new CheckReplies(new Replies(i18n, knowledge, language), knowledge);

  it('says back where the ID is from and the applicant under 18, each as a whole phrase, in either language', () => {
    expect(out('en').describeAnswers({ entityType: 'individual', idFromOutsideMainland: true })).toBe('owner: Me, as an individual; ID: issued outside mainland China');
    expect(out('en').describeAnswers({ applicantUnder18: true })).toBe('applicant: under 18');
    expect(out('zh-CN').describeAnswers({ idFromOutsideMainland: false })).toBe('身份证件: 中国大陆居民身份证');
  });

  it('leaves out what the reply said already', () => {
    expect(out('en').describeAnswers({ idFromOutsideMainland: true }, new Set(['idFromOutsideMainland']))).toBe('');
  });
});

describe('understoodPlaces', () => {
  const { facts } = sharedCore();

  it('says back a place named for the server, not "outside China" or "abroad", which the hosting field says already', () => {
    expect(understoodPlaces(facts.read('Do I need ICP if my site is hosted outside China?'), 'en').server).toBeUndefined();
    expect(understoodPlaces(facts.read('服务器在境外，要备案吗'), 'zh-CN').server).toBeUndefined();
    expect(understoodPlaces(facts.read('Our server is in Hong Kong, do we need a filing?'), 'en').server).toEqual({ name: 'Hong Kong', mainland: false });
  });
});

describe('CheckReplies.situation: ways around what blocks a filing', () => {
  const { knowledge, i18n } = sharedCore();
  const out = new CheckReplies(new Replies(i18n, knowledge, 'en'), knowledge);
  const decided = (profile: Profile, question: 'filing-required' | 'can-apply') => {
    const decision = decideSituation(profile, question);
    if (decision.kind !== 'verdict') throw new Error('expected a verdict');
    return out.situation(decision, profile, {}).text ?? '';
  };

  it('lists the alternatives when something blocks the filing', () => {
    const text = decided({ hosting: 'mainland', entityType: 'foreign-enterprise', foreignPresence: 'none' }, 'can-apply');
    expect(text).toContain('**Alternatives**');
    expect(text).toMatch(/host the site outside mainland China/);
  });

  it('says how to file from a server abroad with a mainland CDN, and the CDN that needs none', () => {
    const text = decided({ hosting: 'outside-mainland', mainlandCdn: true }, 'filing-required');
    expect(text).toMatch(/temporary server instance in mainland China/);
    expect(text).toMatch(/\*\*Alternatives\*\*\n- Use a CDN whose nodes do not cover mainland China/);
  });

  it('lists none when nothing blocks it', () => {
    expect(decided({ hosting: 'mainland', entityType: 'individual' }, 'can-apply')).not.toContain('**Alternatives**');
  });
});
