import { CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import { translateRef, type StringRef } from '../i18n.js';
import { sourceUrl } from '../knowledge/load.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Facts } from '../nlu/facts/index.js';
import { OUTSIDE } from '../nlu/facts/placeIndex.js';
import type { Language } from '../nlu/language.js';
import { Replies } from '../replies.js';
import {
  QUESTIONS,
  CONDITIONAL_FIELDS,
  RULES,
  type AdviceCondition,
  type AnswerValue,
  type ConditionalAdvice,
  type EligibilityAssessment,
  type Profile,
  type ProfileField,
  type Question,
  type ProvinceId,
  type SituationDecision,
  type MessageRef,
} from '../rules/index.js';

/** What the reader took from the message beyond the profile, for saying back what was understood. */
export interface UnderstoodPlaces {
  /** Where the server is, as the user named it (in the reply's language), its province, and whether that is on the mainland. */
  server?: { name: string; province?: ProvinceId; mainland: boolean };
  /** Where the user wants to file, when they said so. */
  desiredProvince?: ProvinceId;
  /** The provider that hosts the server, as the reply's language names it ("Huawei Cloud", 华为云). */
  host?: string;
  /** The site was described as content of an industry that may need a prerequisite approval (news, medicine …; see Facts.namesIndustry). */
  industry?: boolean;
  /** The site was described as selling online or taking payments (see Facts.takesPayments). */
  payments?: boolean;
}

/** The places of a message worth saying back: where the server is, and where the user wants to file. */
export function understoodPlaces(facts: Facts, language: Language): UnderstoodPlaces {
  const places: UnderstoodPlaces = {};
  // Only a place named: "outside China", "abroad" and "in China" say no more than the hosting field does ("your server is in outside
  // mainland China, which is outside mainland China").
  const server = facts.places.find((p) => p.role === 'server' && !p.negated && p.province !== 'mainland' && p.name.en !== OUTSIDE.en);
  if (server) {
    const name = language === 'zh-CN' ? server.name.zh : server.name.en;
    places.server = { name, mainland: server.province !== 'outside-mainland', ...(server.province !== 'outside-mainland' && server.province !== 'mainland' ? { province: server.province } : {}) };
  }
  if (facts.desiredProvince) places.desiredProvince = facts.desiredProvince;
  if (facts.hostingProviderName) places.host = language === 'zh-CN' ? facts.hostingProviderName.zh : facts.hostingProviderName.en;
  if (facts.namesIndustry) places.industry = true;
  if (facts.takesPayments) places.payments = true;
  return places;
}

/** Stated facts {@link CheckReplies.describeAnswers} leaves out because the reply said them already: none, or the host. */
const NOTHING_SAID: ReadonlySet<string> = new Set();
const HOST_SAID: ReadonlySet<string> = new Set(['hostingProvider']);
/** The host said, and it is the provider the user wants to file through: "your server is with Alibaba Cloud" says both. */
const HOST_AND_WANTED_SAID: ReadonlySet<string> = new Set(['hostingProvider', 'desiredFilingProvider']);

/** Channels known to render Adaptive Cards; others get the plain-text result. */
/** Facts taken only when stated, in the order they are said back, with their label's key. */
const STATED_FACT_LABELS = [
  ['hostingProvider', 'check.statedFacts.hostingProvider'],
  ['desiredFilingProvider', 'check.statedFacts.desiredFilingProvider'],
  ['desiredProvince', 'check.statedFacts.desiredProvince'],
  ['movedFromProvince', 'check.statedFacts.movedFromProvince'],
] as const satisfies readonly (readonly [ProfileField, string])[];
/** Yes-or-no facts taken only when stated, said back as a whole phrase for each value (`<key>.true`, `<key>.false`). */
const STATED_FLAG_LABELS = [
  ['idFromOutsideMainland', 'check.statedFacts.idFromOutsideMainland'],
  ['livesOutsideMainland', 'check.statedFacts.livesOutsideMainland'],
  ['applicantUnder18', 'check.statedFacts.applicantUnder18'],
] as const satisfies readonly (readonly [ProfileField, string])[];

/** Steps about the entity's own documents (phase "entity"), which an answer on where or whether to apply includes. */
function entitySteps(assessment: EligibilityAssessment): MessageRef[] {
  return assessment.trace
    .filter((fired) => fired.effect === 'next-step' && RULES.some((rule) => rule.id === fired.rule && rule.effect.kind === 'next-step' && rule.effect.phase === 'entity'))
    .map((fired) => fired.message);
}

/** The caveat that says a wanted province is not possible; a "where" verdict says it itself. */
const WANTED_PROVINCE_CAVEAT = 'caveats.notInWantedProvince';
/** The entry on industries that need an approval before the filing, cited by every answer on permits. */
const PRE_APPROVAL_ENTRY = 'pre-approval-industries';
/** The entry on the ICP Commercial License, which a site that sells online or takes payments needs besides the filing. */
const COMMERCIAL_LICENSE_ENTRY = 'commercial-license-needed';

/**
 * Whether the user said the site sells online or takes payments (Facts.takesPayments, in `places`), or that they want the ICP
 * Commercial License, and holds none yet. The rules read that wish only for a physical office, which can never get the licence; they
 * do not ask it, because the result would then carry one more "If …" line for every site. Said, it is a permit like the rules' own:
 * its entry says that such a site needs the licence besides the filing, applied for once the filing number is granted.
 */
function sellsOnline(profile: Profile, places: UnderstoodPlaces): boolean {
  return (places.payments === true || profile.wantsCommercialLicense === true) && profile.holdsCommercialLicense !== true;
}

const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);
/** The fields a multi-select card's answer comes back in (`activity.value`). */
export const MULTI_SELECT_QUESTION = 'checkAnswer';
export const MULTI_SELECT_INPUT = 'choices';
/** Version Teams and Web Chat both render. */
const ADAPTIVE_CARD_VERSION = '1.4';
/** The id of the card's list of sources, which its toggle shows and hides. */
const SOURCES_ELEMENT = 'sources';
/** The id of the card's advice for facts the check did not ask (IP-only access, a domain abroad…), folded the same way. */
const CONDITIONAL_ELEMENT = 'conditional';

/** The check's replies in each language, built once for a dialog or a service that replies in any of them. */
export function checkRepliesByLanguage(replies: Record<Language, Replies>, knowledge: KnowledgeBase): Record<Language, CheckReplies> {
  return { en: new CheckReplies(replies.en, knowledge), 'zh-CN': new CheckReplies(replies['zh-CN'], knowledge) };
}

/** Renders the eligibility check's questions, results and explanations in one language. */
export class CheckReplies {
  readonly t: TFunction;
  readonly language: Language;
  /** Situation texts by decision, then by what was stated (see {@link situationText}). */
  private readonly situationTexts = new WeakMap<object, Map<string, string>>();

  constructor(
    private readonly replies: Replies,
    private readonly knowledge: KnowledgeBase,
  ) {
    this.t = replies.t;
    this.language = replies.language;
  }

  /**
   * A question with its options (and the controls) as suggested actions. A question that takes
   * several answers is a card of checkboxes where the channel renders cards (one click on a
   * suggested action would answer it with one option), and typed otherwise.
   */
  question(question: Question, preface: string[] = [], channelId?: string): Partial<Activity> {
    const parts = [...preface, this.ref(question.prompt)];
    if (question.kind === 'province') parts.push(this.t('check.provinceHint'));
    if (question.hint) parts.push(this.ref(question.hint));
    if (question.kind === 'number') parts.push(this.t('check.numberHint'));
    const controls = [this.t('button.why'), this.t('button.back'), this.t('button.cancel')].map((title) => this.imBack(title));
    if (question.multiple && CARD_CHANNELS.has(channelId ?? '')) {
      return { ...this.withActions(parts.join('\n\n'), controls), attachments: [this.multiSelectCard(question)] };
    }
    if (question.multiple) parts.push(this.t('check.severalHint'));
    const options = question.options.map((o) => this.imBack(this.ref(o.label)));
    return this.withActions(parts.join('\n\n'), [...options, ...controls]);
  }

  /**
   * The question again, after its checkbox card came back with nothing ticked (or its "Done" typed): that says so, rather than
   * that the answer was not understood. Undefined where the channel renders no cards, whose users name the answers.
   */
  noneTicked(question: Question, channelId?: string): Partial<Activity> | undefined {
    if (!question.multiple || !CARD_CHANNELS.has(channelId ?? '')) return undefined;
    return this.question(question, [this.t('check.noneTicked')], channelId);
  }

  /** Checkboxes for a question with several answers, sent back as `{ checkAnswer: <question id>, choices: "a,b" }`. */
  private multiSelectCard(question: Question) {
    return CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: ADAPTIVE_CARD_VERSION,
      body: [
        {
          type: 'Input.ChoiceSet',
          id: MULTI_SELECT_INPUT,
          isMultiSelect: true,
          style: 'expanded',
          label: this.t('check.chooseAll'),
          choices: question.options.map((o) => ({ title: this.ref(o.label), value: String(o.value) })),
        },
      ],
      actions: [{ type: 'Action.Submit', title: this.t('button.done'), data: { [MULTI_SELECT_QUESTION]: question.id } }],
    });
  }

  /** The buttons under a result, kept under its explanation too: why, a person, the check again. */
  resultActions(withWhy = true) {
    const titles = [...(withWhy ? [this.t('button.why')] : []), this.t('button.talkToPerson'), this.t('button.checkAgain')];
    return titles.map((title) => this.imBack(title));
  }

  /** "Why do you ask?" for a question. */
  why(question: Question): string {
    return this.t('check.whyPrefix', { why: this.ref(question.why) });
  }

  /** "field: value" for the answers an opening message or a rule used. */
  describeAnswers(answers: Partial<Record<ProfileField, AnswerValue>> | Profile, said: ReadonlySet<string> = NOTHING_SAID): string {
    // Both providers named say more than "files through the hosting provider: No".
    const providersNamed = valueOf(answers, 'desiredFilingProvider') !== undefined && valueOf(answers, 'hostingProvider') !== undefined;
    const asked = QUESTIONS.filter((q) => valueOf(answers, q.field) !== undefined && !(providersNamed && q.field === 'filesThroughHostingProvider')).map(
      (q) => `${this.ref({ key: `questions.${q.id}.label` })}: ${this.describeValue(q, valueOf(answers, q.field) as AnswerValue)}`,
    );
    // Facts never asked, said as the user stated them: a province by its name, a provider as written.
    const stated = STATED_FACT_LABELS.flatMap(([field, key]) => {
      const value = valueOf(answers, field);
      if (value === undefined || said.has(field)) return [];
      return [`${this.t(key)}: ${field === 'desiredProvince' || field === 'movedFromProvince' ? this.ref({ key: `provinces.${String(value)}` }) : String(value)}`];
    });
    // "I'm Taiwanese", "I have a Dutch passport": said back, since the verdict's caveats rest on them.
    const flags = STATED_FLAG_LABELS.flatMap(([field, key]) => {
      const value = valueOf(answers, field);
      return typeof value === 'boolean' && !said.has(field) ? [this.t(`${key}.${value ? 'true' : 'false'}` as const)] : [];
    });
    return [...asked, ...stated, ...flags].join('; ');
  }

  /** The result: an Adaptive Card where the channel renders one, plain Markdown text otherwise. */
  /**
   * `industry`: the site was described as content of an industry that may need a prerequisite approval (see {@link UnderstoodPlaces});
   * `profile` and `places`: what the check knows and heard, for the permit the rules do not ask about (a site that sells online).
   */
  result(
    assessment: EligibilityAssessment,
    channelId: string | undefined,
    advice: readonly ConditionalAdvice[] = [],
    industry = false,
    profile: Profile = {},
    places: UnderstoodPlaces = {},
  ): Partial<Activity> {
    const sections = this.sections(assessment, advice, industry, sellsOnline(profile, places));
    const actions = this.resultActions();
    const text = this.plainText(sections);
    if (!CARD_CHANNELS.has(channelId ?? '')) return this.withActions(text, actions);
    const card = CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: ADAPTIVE_CARD_VERSION,
      fallbackText: text,
      speak: sections.facts.map(([name, value]) => `${name}: ${value}`).join('. '),
      body: [
        { type: 'TextBlock', text: this.t('check.result.title'), weight: 'Bolder', size: 'Medium', wrap: true },
        { type: 'FactSet', facts: sections.facts.map(([title, value]) => ({ title, value })) },
        ...sections.lists.flatMap(([title, items]) => [
          { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' },
          { type: 'TextBlock', text: items.map((item) => `- ${item}`).join('\n'), wrap: true },
        ]),
        // The advice for facts not asked (often a dozen lines that may not apply) and the sources (often a long list of links)
        // are folded: the result itself stays in view.
        ...folded(CONDITIONAL_ELEMENT, this.t('check.result.showConditional', { count: sections.conditional.length }), sections.conditional),
        ...folded(SOURCES_ELEMENT, this.t('check.result.showSources', { count: sections.sources.length }), sections.sources),
      ],
    });
    return { ...MessageFactory.suggestedActions(actions), attachments: [card], locale: this.language };
  }

  /**
   * The answer to one question about a described situation: what was understood, the verdict, why
   * (the rules that decided it), what it presumed, the sources, and the offer of the full check.
   */
  situation(
    decision: Extract<SituationDecision, { kind: 'verdict' }>,
    stated: Profile,
    places: UnderstoodPlaces,
    entry?: { source?: string; actions: CardAction[] },
    guessed = false,
    also?: Extract<SituationDecision, { kind: 'verdict' }>,
  ): Partial<Activity> {
    const actions = [this.t('button.checkSituation'), this.t('button.talkToPerson')].map((title) => this.imBack(title));
    const text = this.situationText(decision, stated, places, entry?.source, also);
    // Said as a guess when the message asked nothing the bot could tell.
    return this.withActions(guessed ? `${this.t('check.unaskedPreface')}\n\n${text}` : text, [...actions, ...(entry?.actions ?? [])]);
  }

  /**
   * The text of {@link situation}, rendered once per decision and what was stated: a decision is the
   * rules' frozen answer for one profile (src/nlu/plan.ts remembers it), so the same message gets the
   * same object, and the text depends on nothing else.
   */
  private situationText(
    decision: Extract<SituationDecision, { kind: 'verdict' }>,
    stated: Profile,
    places: UnderstoodPlaces,
    source: string | undefined,
    also: Extract<SituationDecision, { kind: 'verdict' }> | undefined,
  ): string {
    let texts = this.situationTexts.get(decision);
    if (!texts) {
      texts = new Map();
      this.situationTexts.set(decision, texts);
    }
    // The second answer is of the same profile, so its verdict says all it adds.
    const key = JSON.stringify([stated, places, source ?? null, also?.verdict ?? null], keepUndefined);
    let text = texts.get(key);
    if (text === undefined) {
      text = this.renderSituation(decision, stated, places, source, also);
      if (texts.size >= REMEMBERED_SITUATION_TEXTS) texts.clear();
      texts.set(key, text);
    }
    return text;
  }

  private renderSituation(
    decision: Extract<SituationDecision, { kind: 'verdict' }>,
    stated: Profile,
    places: UnderstoodPlaces,
    source: string | undefined,
    also?: Extract<SituationDecision, { kind: 'verdict' }>,
  ): string {
    const { verdict, assessment } = decision;
    const parts: string[] = [];
    // The host is said with the server's place, or alone when no place was named ("your server is with Huawei Cloud").
    const host = places.host;
    const said = host ? (stated.desiredFilingProvider !== undefined && stated.desiredFilingProvider === stated.hostingProvider ? HOST_AND_WANTED_SAID : HOST_SAID) : NOTHING_SAID;
    const told = this.describeAnswers(places.server ? { ...stated, hosting: undefined } : stated, said);
    const understood = [
      ...(places.server
        ? [
            this.t(places.server.mainland ? (host ? 'situation.serverPlaceHost' : 'situation.serverPlace') : host ? 'situation.serverOutsideHost' : 'situation.serverOutside', {
              place: this.placeName(places.server),
              host,
            }),
          ]
        : host
          ? [this.t('situation.serverHost', { host })]
          : []),
      // The server's place says where it is better than the hosting field does, and the host said with it needs no field of its own.
      ...(told ? [told] : []),
    ];
    if (understood.length > 0) parts.push(this.t('situation.understood', { facts: understood.join('; ') }));
    const reasons: string[] = [];
    let caveats = assessment.caveats;
    let cites: readonly string[] = assessment.cites;
    const verdictAt = parts.length;
    const selling = sellsOnline(stated, places);
    switch (verdict.question) {
      case 'filing-required':
      case 'can-apply':
        // Nothing to file answers "can we?" and "is that a problem?" alike: the site needs no filing.
        parts.push(
          this.t(
            verdict.question === 'can-apply' && assessment.filingRequired.answer === 'no'
              ? 'situation.verdict.filing-required.no'
              : // A "yes" that rests on a point the sources leave to the province or the provider says so in the verdict itself.
                verdict.question === 'can-apply' && verdict.value === 'yes' && assessment.needsHuman
                ? 'situation.verdict.can-apply.yesOnePointOpen'
                : `situation.verdict.${verdict.question}.${verdict.value}`,
          ),
        );
        // A presumed mainland server is said as a condition below, not given as a reason.
        if (!decision.presumed.includes('hosting')) reasons.push(...assessment.filingRequired.because.map((m) => this.ref(m)));
        reasons.push(...assessment.blockers.map((m) => this.ref(m)));
        // Asked where or through whom, and something blocks: the answer to what was asked still comes, for after.
        if (verdict.value === 'no' && assessment.blockers.length > 0) {
          if (decision.asked === 'through' && assessment.through) reasons.push(this.t('situation.onceSolved', { answer: this.ref(assessment.through.message) }));
          if (decision.asked === 'where' && assessment.where) reasons.push(this.t('situation.onceSolved', { answer: this.ref(assessment.where.message) }));
        }
        if (verdict.question === 'can-apply' && verdict.value === 'yes') {
          if (assessment.where) reasons.push(this.ref(assessment.where.message));
          reasons.push(...entitySteps(assessment).map((m) => this.ref(m)));
        }
        break;
      case 'where': {
        const province = this.ref({ key: `provinces.${verdict.value}` });
        const desired = stated.desiredProvince ?? places.desiredProvince;
        // Wanting to file where one lives, with no word on whether that administration takes non-locals, is not a plain "no".
        const unsure = desired === stated.residenceProvince && stated.remoteApplicationAccepted === 'unknown';
        parts.push(
          desired && desired !== verdict.value
            ? this.t(unsure ? 'situation.verdict.whereUnlessDesiredTakesYou' : 'situation.verdict.whereNotDesired', { province, desired: this.ref({ key: `provinces.${desired}` }) })
            : this.t('situation.verdict.where', { province }),
        );
        if (assessment.where) reasons.push(this.ref(assessment.where.message));
        else if (stated.entityType === 'individual') reasons.push(this.t('situation.whereCondition'));
        // What the filing is made with goes with where it is made (a branch's registration, a representative office's certificate).
        reasons.push(...entitySteps(assessment).map((m) => this.ref(m)));
        // The verdict has said "not in <wanted>" already.
        caveats = caveats.filter((m) => m.key !== WANTED_PROVINCE_CAVEAT);
        break;
      }
      case 'through':
        parts.push(this.throughLine(decision, host));
        if (assessment.through) reasons.push(this.ref(assessment.through.message));
        // Why not the provider they wanted: it does not host the server.
        reasons.push(...assessment.blockers.map((m) => this.ref(m)));
        break;
      case 'permits': {
        // The rules know the permits of games, forums and adult shops, not which other industries need an approval before the
        // filing: said with every answer on permits, with its entry among the sources. For a site described as of such an
        // industry (a dental clinic's site), not after "none is needed", which would read as no approval at all.
        // A site that sells online or takes payments: the Commercial License too, with the permits the rules know.
        const permits = [...assessment.extraPermits.map((p) => this.ref(p.message)), ...(selling ? [this.t('situation.verdict.commercialLicense')] : [])];
        if (permits.length === 0 && places.industry) parts.push(this.t('situation.verdict.permitsNoneButIndustry'));
        else {
          if (permits.length === 0) parts.push(this.t('situation.verdict.permitsNone'));
          else parts.push([this.t('situation.verdict.permits'), ...permits.map((p) => `- ${p}`)].join('\n'));
          parts.push(this.t('situation.verdict.permitsPreApproval'));
        }
        cites = [...cites, PRE_APPROVAL_ENTRY];
        break;
      }
    }
    // Selling online or taking payments, with a filing to make: the Commercial License comes after it (the permits verdict lists it).
    // Not after a verdict that something blocks the filing: the licence comes after a filing that can be had.
    if (selling && (verdict.question === 'permits' || (assessment.filingRequired.answer !== 'no' && assessment.blockers.length === 0))) {
      if (verdict.question !== 'permits') parts.push(this.t('situation.verdict.commercialLicenseToo'));
      cites = [...cites, COMMERCIAL_LICENSE_ENTRY];
    }
    // A site described as news, medicine, education …: its industry may need an approval the rules do not know, so any verdict
    // says that such an approval goes first (the permits verdict says it always).
    if (places.industry && verdict.question !== 'permits') {
      parts.push(this.t('situation.verdict.permitsPreApproval'));
      cites = [...cites, PRE_APPROVAL_ENTRY];
    }
    // "Who files and where?": the second question's verdict after the first, its reason with theirs, its sources too.
    if (also) {
      const second = this.secondAnswer(also, host, assessment);
      if (second) {
        // "Do we have to file, and who does it?": whether comes before who or where.
        if (also.verdict.question === 'filing-required') parts.splice(verdictAt, 0, second.line);
        else parts.push(second.line);
        if (second.reason && !reasons.includes(second.reason)) reasons.push(second.reason);
        cites = [...cites, ...also.assessment.cites];
      }
    }
    reasons.push(...caveats.map((m) => this.ref(m)));
    if (reasons.length > 0) parts.push([`**${this.t('situation.why')}**`, ...reasons.map((r) => `- ${r}`)].join('\n'));
    // Whether one is needed or can be had, and something blocks it: the ways around it too ("we're a German GmbH, server in Beijing"
    // is told it cannot file, and that a site hosted outside the mainland needs no filing), as the full check's result says them.
    const blocked = (verdict.question === 'filing-required' || verdict.question === 'can-apply') && assessment.blockers.length > 0;
    if (blocked && assessment.alternatives.length > 0) {
      parts.push([`**${this.t('check.result.alternatives')}**`, ...assessment.alternatives.map((m) => `- ${this.ref(m)}`)].join('\n'));
    }
    // What either answer took for granted, once.
    for (const field of new Set([...decision.presumed, ...(also?.presumed ?? [])])) parts.push(this.t(`situation.presumed.${field}`));
    const sources = source ? [] : this.sourceLinks(cites);
    if (sources.length > 0) parts.push([`**${this.t('check.result.sources')}**`, ...sources.map((s) => `- ${s}`)].join('\n'));
    // The FAQ entry that answers the same question in general: its source line (its buttons come in situation()).
    if (source) parts.push(source);
    parts.push(this.t('situation.offerCheck'));
    return parts.join('\n\n');
  }

  /**
   * The verdict line and reason of a second question answered with the first: where, through whom, or whether a filing is
   * needed (said only when it is: "no filing needed" would have answered the first question already).
   */
  private secondAnswer(
    also: Extract<SituationDecision, { kind: 'verdict' }>,
    host: string | undefined,
    first: EligibilityAssessment,
  ): { line: string; reason?: string } | undefined {
    const { verdict, assessment } = also;
    if (verdict.question === 'filing-required') {
      if (verdict.value !== 'yes' || first.filingRequired.answer !== 'yes') return undefined;
      const because = also.presumed.includes('hosting') ? undefined : assessment.filingRequired.because[0];
      return { line: this.t('situation.verdict.filing-required.yes'), reason: because ? this.ref(because) : undefined };
    }
    if (verdict.question === 'where') {
      return { line: this.t('situation.verdict.where', { province: this.ref({ key: `provinces.${verdict.value}` }) }), reason: assessment.where ? this.ref(assessment.where.message) : undefined };
    }
    if (verdict.question === 'through') return { line: this.throughLine(also, host), reason: assessment.through ? this.ref(assessment.through.message) : undefined };
    return undefined;
  }

  /** The verdict line of "through whom?": the provider that hosts a mainland server, by name, when the user named it. */
  private throughLine(decision: Extract<SituationDecision, { kind: 'verdict' }>, host: string | undefined): string {
    const { verdict } = decision;
    return host && verdict.value === 'hosting-provider' && decision.assumedProfile.hosting === 'mainland'
      ? this.t('situation.verdict.throughHost', { host })
      : this.t('situation.verdict.through', { channel: this.ref({ key: `channels.${verdict.value}` }) });
  }

  /** The rules that produced a result, each with the answers that made it apply. */
  explanation(assessment: EligibilityAssessment, advice: readonly ConditionalAdvice[] = []): string {
    const lines = assessment.trace.map((fired) => {
      const message = this.ref(fired.message);
      const answers = this.describeAnswers(fired.inputs);
      return `- ${answers ? this.t('check.why.line', { message, answers }) : this.t('check.why.lineNoInputs', { message })}`;
    });
    const conditional = this.adviceLines(advice).map((line) => `- ${line}`);
    if (conditional.length > 0) lines.push('', `**${this.t('check.result.conditional')}**`, ...conditional);
    return [`**${this.t('check.why.title')}**`, ...lines].join('\n');
  }

  /**
   * "If <conditions>: <advice>", leaving out conditions too ordinary to say (a site with a domain name); advice on the same
   * conditions in one line ("If your domain is registered outside the mainland: … must be transferred first. Transfer it to …").
   */
  private adviceLines(advice: readonly ConditionalAdvice[]): string[] {
    const byConditions = new Map<string, string[]>();
    for (const a of advice) {
      const conditions = spokenConditions(a.conditions).map((c) => this.ref({ key: conditionKey(c) })).join(this.t('check.result.and'));
      byConditions.set(conditions, [...(byConditions.get(conditions) ?? []), this.ref(a.message)]);
    }
    return [...byConditions].map(([conditions, messages]) => {
      const message = messages.join(this.language === 'zh-CN' ? '' : ' ');
      return conditions === '' ? message : this.t('check.result.ifLine', { conditions, message });
    });
  }

  private sections(assessment: EligibilityAssessment, advice: readonly ConditionalAdvice[], industry: boolean, selling: boolean) {
    const verdict = (answer: 'yes' | 'no' | 'depends', dependsOn: ProfileField[]) => {
      // Open only on facts given below as conditions: yes, unless one of them applies.
      if (answer === 'depends' && dependsOn.length > 0 && dependsOn.every((f) => CONDITIONAL_FIELDS.has(f))) return this.t('check.result.yesUnless');
      const word = this.t(`check.result.verdict.${answer}`);
      if (answer !== 'depends' || dependsOn.length === 0) return word;
      const fields = dependsOn.map((f) => this.fieldLabel(f)).join(', ');
      return `${word} (${this.t('check.result.dependsOn', { fields })})`;
    };
    const facts: [string, string][] = [
      [this.t('check.result.filingRequired'), verdict(assessment.filingRequired.answer, assessment.filingRequired.dependsOn)],
    ];
    if (assessment.filingRequired.answer !== 'no') {
      facts.push([this.t('check.result.canApplyNow'), verdict(assessment.canApplyNow.answer, assessment.canApplyNow.dependsOn)]);
    }
    if (assessment.where) facts.push([this.t('check.result.where'), this.ref({ key: `provinces.${assessment.where.province}` })]);
    // Through the hosting provider for a site with a domain name: said as a fact, the IP-only case as a condition.
    const usualRoute = advice.find((a) => a.effect === 'apply-through' && spokenConditions(a.conditions).length === 0);
    const route = assessment.through ?? (usualRoute ? { message: usualRoute.message, channel: usualRoute.rule === 'file-through-hosting-provider' ? 'hosting-provider' : 'provincial-administration' } : undefined);
    if (route) facts.push([this.t('check.result.through'), this.ref({ key: `channels.${route.channel}` })]);

    const lists: [string, string[]][] = [];
    const because = assessment.filingRequired.because.map((m) => this.ref(m));
    const place = assessment.where ? [this.ref(assessment.where.message)] : [];
    const routeLine = route ? [this.ref(route.message)] : [];
    const caveats = assessment.caveats.map((m) => this.ref(m));
    if (assessment.needsHuman) caveats.push(this.t('check.result.needsHuman'));
    const permits = assessment.extraPermits.map(
      (p) => `${this.ref(p.message)} ${p.held === true ? this.t('check.result.permitHeld') : p.held === false ? this.t('check.result.permitMissing') : ''}`.trim(),
    );
    // News, medicine, education …: an approval the rules do not know may go first (as the verdicts say).
    if (industry && assessment.filingRequired.answer !== 'no') permits.push(this.t('situation.verdict.permitsPreApproval'));
    const commercial = selling && assessment.filingRequired.answer !== 'no';
    if (commercial) permits.push(this.t('situation.verdict.commercialLicense'));
    const sources = this.sourceLinks([
      ...assessment.cites,
      ...advice.flatMap((a) => a.cites),
      ...(industry ? [PRE_APPROVAL_ENTRY] : []),
      ...(commercial ? [COMMERCIAL_LICENSE_ENTRY] : []),
    ]);
    const blockers = assessment.blockers.map((m) => this.ref(m));
    // After a blocker the check stops asking: say what would still need checking once it is solved.
    if (blockers.length > 0 && assessment.openQuestions.length > 0) {
      blockers.push(this.t('check.result.laterChecks', { fields: assessment.openQuestions.map((f) => this.fieldLabel(f)).join(', ') }));
    }
    const conditional = this.adviceLines(advice.filter((a) => a !== usualRoute));
    for (const [title, items] of [
      [this.t('check.result.title'), [...because, ...place, ...routeLine]],
      [this.t('check.result.blockers'), blockers],
      [this.t('check.result.nextSteps'), assessment.nextSteps.map((m) => this.ref(m))],
      [this.t('check.result.extraPermits'), permits],
      [this.t('check.result.alternatives'), assessment.alternatives.map((m) => this.ref(m))],
      [this.t('check.result.caveats'), caveats],
    ] as [string, string[]][]) {
      if (items.length > 0) lists.push([title, items]);
    }
    // The first list explains the facts; it needs no heading of its own in the card.
    if (lists[0]?.[0] === this.t('check.result.title')) lists[0][0] = this.t('check.why.title');
    return { facts, lists, conditional, sources };
  }

  /** "Guangzhou, Guangdong" for a city; the province alone when the user named the province. */
  private placeName(place: { name: string; province?: ProvinceId }): string {
    if (!place.province) return place.name;
    const province = this.ref({ key: `provinces.${place.province}` });
    if (province === place.name || province.startsWith(place.name) || place.name.startsWith(province)) return province;
    return this.language === 'zh-CN' ? `${province}${place.name}` : `${place.name}, ${province}`;
  }

  /** The FAQ entries the rules cite, each once, as links to their source pages. */
  private sourceLinks(cites: readonly string[]): string[] {
    return [...new Set(cites)]
      .map((id) => this.knowledge.entries[this.language].find((e) => e.id === id))
      .filter((e) => e !== undefined)
      .map((e) => `[${e.question}](${sourceUrl(this.knowledge, e)})`);
  }

  private plainText(sections: { facts: [string, string][]; lists: [string, string[]][]; conditional: string[]; sources: string[] }): string {
    const lines = [`**${this.t('check.result.title')}**`, ...sections.facts.map(([name, value]) => `- ${name}: ${value}`)];
    const lists: [string, string[]][] = [
      ...sections.lists,
      ...(sections.conditional.length > 0 ? [[this.t('check.result.conditional'), sections.conditional] as [string, string[]]] : []),
      ...(sections.sources.length > 0 ? [[this.t('check.result.sources'), sections.sources] as [string, string[]]] : []),
    ];
    for (const [title, items] of lists) lines.push('', `**${title}**`, ...items.map((item) => `- ${item}`));
    return lines.join('\n');
  }

  private describeValue(question: Question, value: AnswerValue): string {
    if (Array.isArray(value)) return value.map((v) => this.describeValue(question, v as AnswerValue)).join(', ');
    const option = question.options.find((o) => o.value === value);
    if (option) return this.ref(option.label);
    if (question.kind === 'province') return this.ref({ key: `provinces.${String(value)}` });
    return String(value);
  }

  private fieldLabel(field: ProfileField): string {
    const question = QUESTIONS.find((q) => q.field === field);
    return question ? this.ref({ key: `questions.${question.id}.label` }) : field;
  }

  private ref(ref: StringRef): string {
    return translateRef(this.t, ref);
  }

  private withActions(...args: Parameters<Replies['withActions']>): Partial<Activity> {
    return this.replies.withActions(...args);
  }

  private imBack(title: string) {
    return this.replies.imBack(title);
  }
}

/** Situation texts remembered per decision; the memory of that decision starts over when full. */
const REMEMBERED_SITUATION_TEXTS = 100;

/** A JSON replacer that tells a field set to undefined from an absent one, as the rendering may. */
function keepUndefined(_name: string, value: unknown): unknown {
  return value === undefined ? '\u0000undefined' : value;
}

/** Conditions too ordinary to say: a site reached by its domain name. */
function spokenConditions(conditions: readonly AdviceCondition[]): AdviceCondition[] {
  return conditions.filter((c) => !(c.field === 'ipOnlyAccess' && c.value === false));
}

/** The rules.json key that phrases a condition: `conditions.<field>.<value>`, several sites as `several`. */
function conditionKey(condition: AdviceCondition): string {
  const value = condition.field === 'numberOfSites' ? 'several' : String(condition.value);
  return `conditions.${condition.field}.${value}`;
}

function valueOf(answers: Partial<Record<ProfileField, AnswerValue>> | Profile, field: ProfileField): unknown {
  if (field.startsWith('inProgressApplication.')) {
    const nested = (answers as Profile).inProgressApplication;
    if (nested) return nested[field.slice('inProgressApplication.'.length) as keyof typeof nested];
  }
  return (answers as Record<string, unknown>)[field];
}

/** A toggle naming how many items it folds, and the folded list, for a card's body: nothing when there are none. */
function folded(id: string, title: string, items: readonly string[]): Record<string, unknown>[] {
  if (items.length === 0) return [];
  return [
    { type: 'ActionSet', spacing: 'Medium', actions: [{ type: 'Action.ToggleVisibility', title, targetElements: [id] }] },
    { type: 'TextBlock', id, isVisible: false, text: items.map((item) => `- ${item}`).join('\n'), wrap: true },
  ];
}
