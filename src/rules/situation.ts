/**
 * Answering one question about a situation the user described, from the same rules as the check:
 * do I need a filing, can I apply, where, through whom, which permits. Either the stated facts settle
 * it (a verdict), or one missing fact would, and that one is asked for.
 */
import { assess, type EligibilityAssessment } from './assess.js';
import type { Profile, ProfileField } from './profile.js';
import type { ProvinceId } from './provinces.js';
import type { FilingChannel, PermitKind, RuleId } from './table.js';
import { remoteFilingRule } from './remoteFiling.js';

/** What a message can ask that the rules settle. */
export const SITUATION_QUESTIONS = ['filing-required', 'can-apply', 'where', 'through', 'permits'] as const;
export type SituationQuestion = (typeof SITUATION_QUESTIONS)[number];

/** A settled answer to one situation question. */
export type SituationVerdict =
  | { question: 'filing-required'; value: 'yes' | 'no' }
  | { question: 'can-apply'; value: 'yes' | 'no' }
  | { question: 'where'; value: ProvinceId }
  | { question: 'through'; value: FilingChannel }
  | { question: 'permits'; value: PermitKind[] };

/** What a reply to a situation question may take for granted, and says it did. */
export type PresumedField = 'hosting' | 'mainlandCdn' | 'ipOnlyAccess';

export type SituationDecision =
  | {
      kind: 'verdict';
      verdict: SituationVerdict;
      /** The assessment the verdict was read from (of {@link SituationDecision.assumedProfile}). */
      assessment: EligibilityAssessment;
      /** The profile assessed: the stated facts, plus what was presumed. */
      assumedProfile: Profile;
      /**
       * Fields presumed, not stated (a mainland server; no mainland CDN for a server outside; asked through whom, a site
       * reached by its domain name): the reply says so.
       */
      presumed: PresumedField[];
      /** The question asked, when a blocker answered another one ("through whom?" answered "you cannot apply yet"). */
      asked: SituationQuestion;
    }
  | { kind: 'ask'; question: SituationQuestion; field: ProfileField };

/**
 * A second question of the same message ("who files and where?"): decided when the first's decision is a verdict on the
 * question asked; a blocker, which answers neither as asked, leaves it undecided. `decide` is {@link decideSituation} unless
 * the caller remembers decisions.
 */
export function decideAlso(
  profile: Profile,
  first: SituationDecision,
  asked: SituationQuestion,
  also: SituationQuestion | undefined,
  decide: (profile: Profile, question: SituationQuestion) => SituationDecision = decideSituation,
): SituationDecision | undefined {
  return also && first.kind === 'verdict' && first.verdict.question === asked ? decide(profile, also) : undefined;
}

/**
 * Decides the first reply to a situation question: a verdict when the stated facts settle it, or the
 * one field whose answer decides it. Questions about applying presume a mainland server when the
 * user has not said where it is, because only a mainland server is filed; the reply says so.
 */
export function decideSituation(profile: Profile, question: SituationQuestion): SituationDecision {
  if (question === 'filing-required') return decideFilingRequired(profile);
  const { assumed, presumed } = presume(profile, question);
  const assessment = assess(assumed);
  const verdict = (v: SituationVerdict): SituationDecision => ({ kind: 'verdict', verdict: v, assessment, assumedProfile: assumed, presumed, asked: question });
  const ask = (field: ProfileField): SituationDecision => ({ kind: 'ask', question, field });

  // Nothing to file (a server outside the mainland, no mainland CDN) or a stated blocker settles every question about applying;
  // but asked through whom, a blocker of the route itself (the wanted provider does not host the server) is part of the answer.
  if (assessment.filingRequired.answer === 'no') return verdict({ question: 'can-apply', value: 'no' });
  if (assessment.blockers.length > 0 && !(question === 'through' && assessment.through && blocksOnlyTheRoute(assessment))) {
    return verdict({ question: 'can-apply', value: 'no' });
  }
  switch (question) {
    case 'can-apply':
      if (assumed.entityType === undefined) return ask('entityType');
      if (assumed.entityType === 'foreign-enterprise' && assumed.foreignPresence === undefined) return ask('foreignPresence');
      return verdict({ question, value: 'yes' });
    case 'where': {
      if (assessment.where) return verdict({ question, value: assessment.where.province });
      // A person whose identity document is from outside the mainland has no ID province, and the sources do not say where such
      // a person files: the reply on applying says so (its caveat), rather than asking for a Chinese ID card's province.
      if (assumed.entityType === 'individual' && assumed.idFromOutsideMainland === true) return verdict({ question: 'can-apply', value: 'yes' });
      // "ID from Henan, I work in Beijing: can I file in Beijing?" turns on whether Beijing takes non-local residents,
      // which its published rules do not say here: that is the fact to ask, not a "no".
      if (wantsToFileWhereTheyLive(assumed)) return ask('remoteApplicationAccepted');
      const field = provinceFieldFor(assumed);
      if (field === undefined) return ask(assumed.entityType === undefined ? 'entityType' : 'foreignPresence');
      const province = assumed[field];
      // An individual's ID province is the answer unless the administration where they live takes them: said as a condition.
      return province === undefined ? ask(field) : verdict({ question, value: province });
    }
    case 'through':
      return verdict({ question, value: assessment.through?.channel ?? 'hosting-provider' });
    case 'permits':
      if (assumed.siteTypes === undefined) return ask('siteTypes');
      // A forum or an adult shop needs permits of an organisation and is closed to a person: who files decides it.
      if (assumed.entityType === undefined && assumed.siteTypes.some((type) => type !== 'general' && type !== 'gaming')) return ask('entityType');
      return verdict({ question, value: assessment.extraPermits.map((p) => p.permit) });
  }
}

/**
 * Blockers that only say which route it is, not that the filer cannot file yet: another provider cannot file a
 * server it does not host. (A domain registered abroad does stop the filing until it moves: "you cannot apply yet".)
 */
const ROUTE_BLOCKERS: ReadonlySet<RuleId> = new Set<RuleId>([
  'wanted-provider-does-not-host-the-server',
  'other-provider-cannot-file-without-its-server',
]);

function blocksOnlyTheRoute(assessment: EligibilityAssessment): boolean {
  return assessment.trace.every((fired) => fired.effect !== 'blocker' || ROUTE_BLOCKERS.has(fired.rule));
}

function decideFilingRequired(profile: Profile): SituationDecision {
  if (profile.hosting === undefined) return { kind: 'ask', question: 'filing-required', field: 'hosting' };
  const { assumed, presumed } = presume(profile);
  const assessment = assess(assumed);
  const value = assessment.filingRequired.answer === 'yes' ? 'yes' : 'no';
  return { kind: 'verdict', verdict: { question: 'filing-required', value }, assessment, assumedProfile: assumed, presumed, asked: 'filing-required' };
}

/**
 * What a question about filing may take for granted, said in the reply as a condition: a mainland
 * server when none was named (only a mainland server is filed), and for a server outside the
 * mainland, no mainland CDN unless the user said so.
 */
function presume(stated: Profile, question?: SituationQuestion): { assumed: Profile; presumed: PresumedField[] } {
  // A site the user speaks of by its domain or by the provider to file through is reached by its domain, not by IP alone.
  let profile: Profile =
    stated.ipOnlyAccess === undefined &&
    (stated.domainRegisteredInMainland !== undefined || stated.filesThroughHostingProvider !== undefined || stated.desiredFilingProvider !== undefined)
      ? { ...stated, ipOnlyAccess: false }
      : stated;
  // Who files follows from the documents named: an ID card is a person's, a business licence a mainland organisation's.
  if (profile.entityType === undefined) {
    const entityType =
      profile.idProvince !== undefined || profile.residenceProvince !== undefined
        ? 'individual'
        : profile.licenceProvince !== undefined
          ? 'mainland-organisation'
          : profile.foreignPresence !== undefined || profile.certificateProvince !== undefined
            ? 'foreign-enterprise'
            : undefined;
    if (entityType) profile = { ...profile, entityType };
  }
  const presumed: PresumedField[] = [];
  if (profile.hosting === undefined) {
    profile = { ...profile, hosting: 'mainland' };
    presumed.push('hosting');
  } else if (profile.hosting === 'outside-mainland' && profile.mainlandCdn === undefined) {
    profile = { ...profile, mainlandCdn: false };
    presumed.push('mainlandCdn');
  }
  // Asked through whom, with nothing said of how the site is reached: by its domain name, as nearly every site is, so the
  // answer is the hosting provider, with the reason; a site reached only by IP address is the exception, said as one.
  if (question === 'through' && profile.ipOnlyAccess === undefined) {
    profile = { ...profile, ipOnlyAccess: false };
    presumed.push('ipOnlyAccess');
  }
  return { assumed: profile, presumed };
}

/** A person living away from their ID province who wants to file where they live, whose administration's stance is unknown. */
function wantsToFileWhereTheyLive(profile: Profile): boolean {
  const { idProvince, residenceProvince, desiredProvince } = profile;
  return (
    profile.entityType === 'individual' &&
    idProvince !== undefined &&
    residenceProvince !== undefined &&
    residenceProvince !== idProvince &&
    desiredProvince === residenceProvince &&
    profile.remoteApplicationAccepted === undefined &&
    remoteFilingRule(residenceProvince) === undefined
  );
}

/** The profile field that names the filing province for this kind of filer, once it is known which applies. */
function provinceFieldFor(profile: Profile): 'idProvince' | 'licenceProvince' | 'certificateProvince' | undefined {
  switch (profile.entityType) {
    case 'individual':
      return 'idProvince';
    case 'mainland-organisation':
      return 'licenceProvince';
    case 'foreign-enterprise':
      return profile.foreignPresence === undefined || profile.foreignPresence === 'none' ? undefined : 'certificateProvince';
    default:
      return undefined;
  }
}
