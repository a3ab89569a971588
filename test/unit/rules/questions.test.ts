import { type EligibilityAssessment, assess, conditionalAdvice } from '../../../src/rules/assess.js';
import { fieldsOf } from '../../../src/rules/conditions.js';
import {
  ENTITY_TYPES,
  FOREIGN_PRESENCES,
  HOSTING_LOCATIONS,
  PROFILE_FIELDS,
  type Profile,
  type ProfileField,
  REMOTE_APPLICATION_ANSWERS,
  SITE_TYPES,
  withAnswer,
  STATED_ONLY_FIELDS,
} from '../../../src/rules/profile.js';
import { PROVINCE_IDS } from '../../../src/rules/provinces.js';
import { QUESTIONS, type Question, isDetermined, nextQuestion, questionById } from '../../../src/rules/questions.js';
import { RULES } from '../../../src/rules/table.js';
import { CONDITIONAL_FIELDS } from '../../../src/rules/conditional.js';

type Answers = Partial<Record<ProfileField, unknown>>;

/** An answer for every question, used wherever a persona says nothing. */
const DEFAULT_ANSWERS: Answers = {
  hosting: 'mainland',
  mainlandCdn: false,
  entityType: 'individual',
  foreignPresence: 'mainland-branch',
  certificateProvince: 'shanghai',
  documentsIssuedOutsideMainland: false,
  wantsCommercialLicense: false,
  idProvince: 'hunan',
  residenceProvince: 'hunan',
  remoteApplicationAccepted: 'unknown',
  licenceProvince: 'liaoning',
  ipOnlyAccess: false,
  filesThroughHostingProvider: true,
  domainRegisteredInMainland: true,
  siteTypes: ['general'],
  holdsInternetCultureBusinessPermit: false,
  holdsBbsApproval: false,
  holdsAdultProductApprovals: false,
  businessScopeCoversAdultProducts: false,
  numberOfSites: 1,
  accountHoldsOtherEntity: false,
  hasInProgressApplication: false,
  'inProgressApplication.sameEntity': true,
  'inProgressApplication.submittedToAdministration': false,
  'inProgressApplication.sameType': true,
  usesLoadBalancer: false,
  holdsCommercialLicense: false,
};

function answer(profile: Profile, field: ProfileField, value: unknown): Profile {
  return withAnswer(profile, field, value as never);
}

/** Plays the dialog: asks until nothing is left, answering from the persona, then the defaults. */
function converse(persona: Answers, start: Profile = {}): { asked: string[]; profile: Profile } {
  let profile = start;
  const asked: string[] = [];
  for (let question = nextQuestion(profile); question !== undefined; question = nextQuestion(profile)) {
    if (asked.includes(question.id)) throw new Error(`converse(): asked "${question.id}" twice`);
    asked.push(question.id);
    profile = answer(profile, question.field, persona[question.field] ?? DEFAULT_ANSWERS[question.field]);
  }
  return { asked, profile };
}

/** The assessment without its trace, which records how an answer was reached rather than the answer. */
function outcome(assessment: EligibilityAssessment): Omit<EligibilityAssessment, 'trace'> {
  const { trace: _trace, ...rest } = assessment;
  return rest;
}

/** Answers worth trying for a question. */
function candidateAnswers(question: Question): unknown[] {
  if (question.kind === 'province') return ['hunan', 'guangdong'];
  if (question.kind === 'number') return [1, 3];
  if (question.multiple) return question.options.map((option) => [option.value]);
  return question.options.map((option) => option.value);
}

const PERSONAS: ReadonlyArray<[string, Answers]> = [
  ['a site hosted in Hong Kong', { hosting: 'outside-mainland', mainlandCdn: false }],
  ['an individual', {}],
  ['an individual living away from home', { residenceProvince: 'guangdong', siteTypes: ['bbs'] }],
  ['a mainland organisation with forums and games', { entityType: 'mainland-organisation', siteTypes: ['gaming', 'bbs'] }],
  ['a mainland organisation behind a load balancer', { entityType: 'mainland-organisation', usesLoadBalancer: true }],
  ['an organisation with an application in progress', { entityType: 'mainland-organisation', hasInProgressApplication: true }],
  ['a foreign enterprise with a physical office', { entityType: 'foreign-enterprise', foreignPresence: 'physical-office' }],
  ['a foreign enterprise using a mainland CDN', { entityType: 'foreign-enterprise', hosting: 'outside-mainland', mainlandCdn: true }],
  ['an adult-products shop', { entityType: 'mainland-organisation', siteTypes: ['adult-products'] }],
];

describe('nextQuestion', () => {
  it('starts with where the site is hosted', () => {
    expect(nextQuestion({})?.id).toBe('hosting');
  });

  it('stops after two questions for a site hosted in Hong Kong without a mainland CDN', () => {
    const { asked, profile } = converse({ hosting: 'outside-mainland', mainlandCdn: false });
    expect(asked).toEqual(['hosting', 'mainland-cdn']);
    expect(assess(profile).filingRequired.answer).toBe('no');
  });

  it('is done for a foreign enterprise hosted outside without a mainland CDN', () => {
    const profile: Profile = { entityType: 'foreign-enterprise', hosting: 'outside-mainland', mainlandCdn: false };
    expect(nextQuestion(profile)).toBeUndefined();
    expect(isDetermined(profile)).toBe(true);
  });

  it('asks an individual hosting in mainland China only what decides the result, what can block first', () => {
    const { asked, profile } = converse({ residenceProvince: 'guangdong', remoteApplicationAccepted: 'yes' });
    expect(asked).toEqual(['hosting', 'entity-type', 'site-types', 'id-province', 'residence-province', 'remote-application-accepted']);
    const assessment = assess(profile);
    expect(assessment.where?.province).toBe('guangdong');
    // Whether anything else blocks rests only on facts the result gives as conditions.
    expect(assessment.canApplyNow.answer).toBe('depends');
    expect(assessment.canApplyNow.dependsOn.filter((field) => !CONDITIONAL_FIELDS.has(field))).toEqual([]);
  });

  it('skips the remote-application question when the individual lives in the ID province', () => {
    expect(converse({}).asked).not.toContain('remote-application-accepted');
  });

  it('asks an IP-only site about neither the domain nor the provider', () => {
    const { asked } = converse({ ipOnlyAccess: true });
    expect(asked).not.toContain('domain-registered-in-mainland');
    expect(asked).not.toContain('files-through-hosting-provider');
    expect(asked).not.toContain('uses-load-balancer');
  });

  it('asks a foreign enterprise without a mainland entity neither its province nor its documents', () => {
    const { asked } = converse({ entityType: 'foreign-enterprise', foreignPresence: 'none' });
    expect(asked).not.toContain('certificate-province');
    expect(asked).not.toContain('documents-issued-outside-mainland');
    expect(asked).toContain('foreign-presence');
  });

  describe.each(PERSONAS)('for %s, never asks a question whose answer cannot change the result', (_name, persona) => {
    const { asked } = converse(persona);
    it.each(asked.map((id, step) => [id, step] as const))('%s', (id, step) => {
      const before = converse(persona, {}).asked.slice(0, step);
      let profile: Profile = {};
      for (const earlier of before) {
        const { field } = questionById(earlier);
        profile = answer(profile, field, persona[field] ?? DEFAULT_ANSWERS[field]);
      }
      const question = questionById(id);
      expect(nextQuestion(profile)?.id).toBe(id);
      const results = new Set(
        candidateAnswers(question).map((value) =>
          JSON.stringify(outcome(assess(converse(persona, answer(profile, question.field, value)).profile))),
        ),
      );
      expect(results.size).toBeGreaterThan(1);
    });
  });
});

/** A small deterministic generator, so the property tests below fail the same way every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

const VALUES: Record<ProfileField, readonly unknown[]> = {
  entityType: ENTITY_TYPES,
  hosting: HOSTING_LOCATIONS,
  mainlandCdn: [true, false],
  hostingProvider: ['Example Cloud'],
  filesThroughHostingProvider: [true, false],
  domainRegisteredInMainland: [true, false],
  ipOnlyAccess: [true, false],
  idProvince: PROVINCE_IDS.slice(0, 3),
  residenceProvince: PROVINCE_IDS.slice(0, 3),
  remoteApplicationAccepted: REMOTE_APPLICATION_ANSWERS,
  licenceProvince: PROVINCE_IDS.slice(0, 3),
  foreignPresence: FOREIGN_PRESENCES,
  certificateProvince: PROVINCE_IDS.slice(0, 3),
  documentsIssuedOutsideMainland: [true, false],
  wantsCommercialLicense: [true, false],
  holdsCommercialLicense: [true, false],
  siteTypes: [[], ...SITE_TYPES.map((type) => [type]), ['gaming', 'bbs', 'adult-products']],
  holdsInternetCultureBusinessPermit: [true, false],
  holdsBbsApproval: [true, false],
  holdsAdultProductApprovals: [true, false],
  businessScopeCoversAdultProducts: [true, false],
  accountHoldsOtherEntity: [true, false],
  numberOfSites: [1, 2, 5],
  hasInProgressApplication: [true, false],
  'inProgressApplication.submittedToAdministration': [true, false],
  'inProgressApplication.sameType': [true, false],
  'inProgressApplication.sameEntity': [true, false],
  usesLoadBalancer: [true, false],
  hasDomainName: [true, false],
  movedFromProvince: PROVINCE_IDS.slice(0, 3),
  movingToAnotherProvider: [true, false],
  addingSiteToFiling: [true, false],
  applicantUnder18: [true, false],
  idFromOutsideMainland: [true, false],
  livesOutsideMainland: [true, false],
  domainHolderIsFiler: [true, false],
  phoneFromAnotherProvince: [true, false],
  internationalSiteAccount: [true, false],
  desiredProvince: PROVINCE_IDS.slice(0, 3),
  desiredFilingProvider: ['Example Cloud', 'Other Cloud'],
};

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function randomProfile(random: () => number, answeredShare: number): Profile {
  let profile: Profile = {};
  for (const field of PROFILE_FIELDS) {
    if (random() < answeredShare) profile = answer(profile, field, pick(random, VALUES[field]));
  }
  return profile;
}

/** Answers every unanswered field the dialog asks for (facts taken only when stated, such as the provider's name, are never asked). */
function completed(random: () => number, profile: Profile): Profile {
  let result = profile;
  for (const field of PROFILE_FIELDS.filter((candidate) => !STATED_ONLY_FIELDS.has(candidate))) {
    const current = field.startsWith('inProgressApplication.')
      ? (result.inProgressApplication as Record<string, unknown> | undefined)?.[field.split('.')[1]!]
      : result[field as keyof Profile];
    if (current === undefined) result = answer(result, field, pick(random, VALUES[field]));
  }
  return result;
}

describe('isDetermined', () => {
  const random = seededRandom(20240611);
  const profiles = Array.from({ length: 600 }, (_, i) => randomProfile(random, [0.3, 0.6, 0.9][i % 3]!));
  const determined = profiles.filter(isDetermined);

  it('covers enough determined and open profiles to mean something', () => {
    expect(determined.length).toBeGreaterThan(50);
    expect(profiles.length - determined.length).toBeGreaterThan(50);
  });

  it('agrees with nextQuestion: no question left exactly when determined', () => {
    for (const profile of profiles) expect(nextQuestion(profile) === undefined).toBe(isDetermined(profile));
  });

  it('means that a blocker stands whatever else is answered, and otherwise that answers only turn conditional advice into advice', () => {
    for (const profile of determined) {
      const before = assess(profile);
      const offered = new Set(conditionalAdvice(profile).map((advice) => advice.rule));
      const firedBefore = new Set(before.trace.map((fired) => fired.rule));
      for (let attempt = 0; attempt < 3; attempt++) {
        const after = assess(completed(random, profile));
        if (before.blockers.length > 0) {
          expect(after.canApplyNow.answer).toBe('no');
          continue;
        }
        expect(after.filingRequired.answer).toBe(before.filingRequired.answer);
        expect(after.where).toEqual(before.where);
        for (const fired of after.trace) if (!firedBefore.has(fired.rule)) expect([fired.rule, offered.has(fired.rule)]).toEqual([fired.rule, true]);
      }
    }
  });

  it('is false for an empty profile', () => {
    expect(isDetermined({})).toBe(false);
  });
});

describe('QUESTIONS', () => {
  it('have unique ids and fill unique fields', () => {
    expect(new Set(QUESTIONS.map((question) => question.id)).size).toBe(QUESTIONS.length);
    expect(new Set(QUESTIONS.map((question) => question.field)).size).toBe(QUESTIONS.length);
  });

  it('ask for every field a rule condition reads, and for no field no rule reads (facts taken only when stated excepted)', () => {
    const read = new Set(RULES.flatMap((rule) => fieldsOf(rule.when)));
    expect([...read].filter((field) => !STATED_ONLY_FIELDS.has(field) && !QUESTIONS.some((question) => question.field === field))).toEqual([]);
    expect(QUESTIONS.filter((question) => STATED_ONLY_FIELDS.has(question.field))).toEqual([]);
    expect(QUESTIONS.map((question) => question.field).filter((field) => !read.has(field))).toEqual([]);
  });

  it('offer exactly the values the profile accepts for choice questions', () => {
    expect(questionById('hosting').options.map((option) => option.value)).toEqual([...HOSTING_LOCATIONS]);
    expect(questionById('entity-type').options.map((option) => option.value)).toEqual([...ENTITY_TYPES]);
    expect(questionById('foreign-presence').options.map((option) => option.value)).toEqual([...FOREIGN_PRESENCES]);
    expect(questionById('site-types').options.map((option) => option.value)).toEqual([...SITE_TYPES]);
    expect(questionById('site-types').multiple).toBe(true);
    expect(questionById('mainland-cdn').options.map((option) => option.value)).toEqual([true, false]);
    expect(questionById('id-province').options).toEqual([]);
  });

  it('reference their prompt and why-text by key', () => {
    expect(questionById('mainland-cdn').prompt).toEqual({ key: 'questions.mainland-cdn.prompt' });
    expect(questionById('mainland-cdn').why).toEqual({ key: 'questions.mainland-cdn.why' });
    expect(questionById('hosting').options[0]?.label).toEqual({ key: 'questions.hosting.options.mainland' });
  });

  it('askWhen holds while an answer can still matter, and for no question once determined', () => {
    const partial: Profile = { hosting: 'mainland' };
    expect(questionById('entity-type').askWhen(partial)).toBe(true);
    expect(questionById('mainland-cdn').askWhen(partial)).toBe(false);
    expect(questionById('hosting').askWhen(partial)).toBe(false);
    const done: Profile = { hosting: 'outside-mainland', mainlandCdn: false };
    expect(QUESTIONS.filter((question) => question.askWhen(done))).toEqual([]);
  });

  it('questionById names an unknown id', () => {
    expect(() => questionById('favourite-colour')).toThrow('questionById(): unknown question id "favourite-colour"');
  });
});
