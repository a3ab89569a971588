/**
 * What the bot does with a message no dialog is waiting for, decided from the recognizer's verdict
 * and the facts the message states. The root dialog follows the plan; the evaluation scores it, so
 * what is measured is what the bot does.
 */
import type { ChatIntent, KnowledgeEntry } from '../knowledge/types.js';
import { citedByRules, decideAlso, decideSituation as decideByRules, entriesCitedForFacts, entryOnSiteBeforeFiled, entrySettledByFacts, type Profile, type SituationDecision, type SituationQuestion } from '../rules/index.js';
import type { Candidate } from './faqMatcher.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Language } from './language.js';
import { asksSomething, clausesOf, isQuestionShaped } from './questionShape.js';
import { offeredCandidates, type Recognition, type Recognizer } from './recognizer.js';
import type { FilingTopic } from './filingTopic.js';
import type { Blanked } from './facts/index.js';
import { CHARACTER_PAIR, plainWords } from './normalize.js';

/** The facts a message states and what it asks, as the fact reader gives them. */
export interface StatedSituation {
  /** Profile fields the message states. */
  profile: Profile;
  /** The question about the situation the message asks, if any. */
  asks?: SituationQuestion;
  /** A second question on the situation ("who files and where?"), answered with the first. */
  asksAlso?: SituationQuestion;
  /** Where the user wants to file: "can we file in Beijing?" is a question of where. */
  desiredProvince?: string;
  /** It asks how to do something: an entry that answers it outright wins over a verdict. */
  asksHow?: boolean;
  /** It asks which place ("which province?"), not whether one can file in a place. */
  asksWhich?: boolean;
  /** It asks whether the site may stay open or go live, not whether one can apply: the facts of its case do not say which entry answers it. */
  asksRunning?: boolean;
  /** It asks for permits besides the filing ("other permits?"): a question in the filing's context. */
  asksBesides?: boolean;
  /** What it asks about when that is not a website (apps, mini programs): the words that name it, normalised. */
  asksAbout?: readonly string[];
  /** The hosting provider named (a cloud with regions inside and outside the mainland says where the site is hosted, not on which side). */
  hostingProviderId?: string;
  /** The entry on filing a site that provider hosts, when it has one: it comes with a verdict. */
  hostingProviderEntry?: string;
  /** It names a domain's suffix (see Facts.namesDomainSuffix). */
  namesDomainSuffix?: boolean;
  /** It says the filing is done already: whether one is needed is not its question. */
  filedAlready?: boolean;
  /** It asks to be guided through what its case needs ("what's involved?", 要走什么流程), of a case or a site in the mainland. */
  asksGuide?: boolean;
  /** It asks to be guided in those words with no case of its own: through the case told before in the conversation, if any. */
  asksGuideOfToldCase?: boolean;
  /** It asks to be guided in those words and says who would own the filing, of no site: guided when it says little else. */
  asksGuideAsOwner?: boolean;
}

/** What else the plan needs to know of the message itself. */
export interface MessageShape {
  /** It speaks of filing, a licence or a permit: "can I pay with PayPal?" asks something, but not about filing. */
  aboutFiling: boolean;
  /** It names the filing itself (filing, ICP, 备案), not only a licence or a permit, which may be of another kind. */
  namesFiling?: boolean;
  /**
   * Besides the filing's names it has at most one word of its own ("我可以备案吗", "am I allowed to file?", "do I need an ICP
   * filing?"): it asks about the filing itself, not about a topic of an entry ("can I use a lightweight server for the filing?").
   */
  bare?: boolean;
  /** It is put as a question: a question that asks nothing the rules settle does not start the check. */
  question: boolean;
  /** It is an entry's own question word for word (a clicked "related question" or "Did you mean…" button). */
  entryQuestion?: string;
  /**
   * The answer to its one question clause, or else to its words without those of the case, when the whole message is
   * not answered outright: in "京东云的服务器，我们是郑州的个体户，备案要多少钱" the facts of the case drown the
   * question "备案要多少钱", which alone is answered.
   */
  clauseAnswer?: Recognition;
  /**
   * The answer to its one question clause alone, when the whole message is not answered outright and the clause's own words,
   * not those of the case in it, choose the entry: only that part of {@link clauseAnswer}, not the answer to the message's
   * words without the case's.
   */
  questionClauseAnswer?: Recognition;
  /**
   * "Did you mean…" on its one question clause, when the whole message finds nothing and the clause is not answered
   * outright either: "温州个体户，网店放腾讯云上海，不备案会咋样" drowns "不备案会咋样", which alone finds the entries on going
   * without a filing.
   */
  clauseUnsure?: Recognition;
  /**
   * Whether the message's words without those of the case still answer it with this entry outright. "do I need an ICP
   * filing? I'm an individual" matches the entry on an individual's documents by "individual", a word of the case, not
   * of its question: the rules answer it, asking where the server is. Worked out only when the plan needs it.
   */
  answersWithoutCase?: (entryId: string) => boolean;
  /**
   * The same without only the names of hosts (providers, regions, registrars): "server is on Tencent Cloud Guangzhou, can I
   * apply?" matches the entry on filing through Tencent without a Tencent server by "Tencent", which the rules answer.
   */
  answersWithoutHosts?: (entryId: string) => boolean;
  /**
   * The same without the case and the guide's words, a site for China wished for among them: in "想做个中文网站，需要备案吗"
   * the entry on filing without reading Chinese is chosen by 中文 of the site, not by what is asked.
   */
  answersWithoutGuide?: (entryId: string) => boolean;
  /**
   * Whether the message says little but its case: without the case's words, at most one word the entries know is left, and not
   * the filing's name ("we are a US company", "we're a small US startup", 我是个人; not "I need a VAT invoice with our company tax
   * number on it", nor "foreign company filing", which names a topic). Worked out only when the plan needs it.
   */
  saysLittleButItsCase?: () => boolean;
  /**
   * Whether the message says nothing but its case and the guide's words: without them, no word the entries know is left and
   * none they never use ("we are a Singapore company, what do we need?", 我们是新加坡公司，需要做什么; not "we are a company,
   * where do we start with hiring?").
   */
  saysOnlyGuideBesideItsCase?: () => boolean;
  /**
   * The entry that answers for this case: the entry itself, or a related entry written for whom the facts say
   * (its `for`) when the entry is general or written for someone else. "What documents do we need?" from a
   * company in Ningbo gets the company's documents, not the general list.
   */
  entryForCase?: (entryId: string, profile: Profile) => string;
  /**
   * Whether the entry's question names one of these words (normalised): "Does an app need an ICP filing?" names "app"; with
   * `'phrasings'`, whether its question or one of its other phrasings does ("quick app filing china" names "quick apps").
   */
  entryNames?: (entryId: string, words: readonly string[], where?: 'question' | 'phrasings') => boolean;
  /**
   * The entry that says what the filing is, for a message that asks only that ("what is beian exactly", ICP备案是啥意思):
   * its words are the filing's own names, which every entry shares, so the recognizer cannot tell the entries apart.
   */
  definition?: string;
  /** Likewise the entry on the filing's steps, for a message that asks only how to file (怎么备案, "how do we file?"). */
  howTo?: string;
  /**
   * For a message that asks several questions one after another, each ended by a question mark ("要备案吗？要多久？"): the entry
   * each of them is answered with outright, in order, as a question of a message about filing.
   */
  questionAnswers?: readonly string[];
}

/**
 * The shape of a message, for {@link planMessage}: the root dialog and the evaluation describe it the same way.
 * `terms` are the text's normalised terms, when the caller has them already (the reading it gave the recognizer).
 * The parts that recognise parts of the message again (`clauseAnswer`, `clauseUnsure`, `definition`, `howTo`) are
 * worked out when first read, and kept.
 */
export function shapeOf(
  text: string,
  language: Language,
  recognizer: Recognizer,
  knowledge: KnowledgeBase,
  recognition?: Recognition,
  terms: readonly string[] = recognizer.normalizer.terms(text),
  withoutCaseOf?: (text: string, only?: Blanked) => string,
): MessageShape {
  const trimmed = text.trim();
  const entry = knowledge.entries[language].find((e) => e.question === trimmed);
  const aboutFiling = recognizer.topic.speaksOf(terms);
  const unsure = recognition !== undefined && recognition.outcome !== 'answer' && recognition.outcome !== 'intent';
  // The parts below often recognise the same text (a question clause, the words without the case): once each.
  const recognize = recognizedOnce(recognizer, language);
  const withoutCase = withoutCaseOf ? readOnce(withoutCaseOf) : undefined;
  const narrowed = (entryId: string) => knowledge.entries[language].find((e) => e.id === entryId)?.narrows;
  // The plan reads these only in some cases (not for a message that asks what the rules settle).
  // Without the case's words, only a message about filing: "外国人能办中国手机号吗" without 中国 reads as a question on the filing's phone number.
  const clause = once(() => (unsure ? questionClause(text, recognize) : undefined));
  const clauseAnswer = once(() =>
    unsure ? (clause()?.outcome === 'answer' ? clause() : aboutFiling ? recognizedWithout(text, recognize, recognition, 'answer', withoutCase) : undefined) : undefined,
  );
  // The clause's answer chosen by its own words: without the case's, the clause still finds that entry (可以个人备案吗 without 个人
  // does not); and words of its own besides the filing's names (能申请备案吗 asks about the filing itself).
  const questionClauseAnswer = once(() => {
    const answer = clause();
    if (answer?.outcome !== 'answer' || !answer.top) return undefined;
    const own = recognizer.normalizer.terms(answer.text).filter((term) => !term.startsWith('~') && !recognizer.topic.namesOnlyFiling([term]));
    if (own.length <= BARE_WORDS) return undefined;
    return !withoutCase || answeredOnItsOwn(answer.text, recognize, withoutCase, narrowed)(answer.top.id) ? answer : undefined;
  });
  // The question without its host's name, when the name alone made the recognizer give up (阿里云备案审核要几天): "Did you mean…".
  const clauseUnsure = once(() =>
    recognition?.outcome === 'none' && !clauseAnswer()
      ? clause()?.outcome === 'clarify'
        ? clause()
        : aboutFiling
          ? recognizedWithout(text, recognize, recognition, 'clarify', withoutCase && ((t) => withoutCase(t, 'hosts')))
          : undefined
      : undefined,
  );
  const definition = once(() =>
    recognition && recognition.outcome !== 'answer' ? askedOfFiling(text, language, recognizer, recognize, knowledge, recognition, DEFINITION) : undefined,
  );
  // How it is done, also when the recognizer answers with what the filing is: to it, the two are the same words.
  const howTo = once(() =>
    recognition && recognition.outcome !== 'intent' && (recognition.outcome !== 'answer' || DEFINING_QUESTION.test(questionOf(knowledge, language, recognition.top?.id ?? '')))
      ? askedOfFiling(text, language, recognizer, recognize, knowledge, recognition, HOW_TO)
      : undefined,
  );
  // A message answered outright, or close to it, is about filing whether or not it names it ("what do we need to do and how
  // much does it cost?"). Only such a message is split within a question: "how do we register a representative office,
  // which forms" is not.
  const onTopic = aboutFiling || recognition?.outcome === 'answer' || recognition?.outcome === 'clarify';
  const questions = questionsOf(text, onTopic);
  // A part split from within a question is short and may leave out what it asks about (前置审批是什么，哪些网站需要): its answer
  // must also be among the whole message's first candidates, or be a sure one on its own ("… and how much does it cost?").
  const near = new Set((recognition?.ranked ?? recognition?.candidates ?? []).slice(0, NEAR_CANDIDATES).map((c) => c.id));
  const questionAnswers =
    questions.length > 1
      ? questions.flatMap((q) => {
          const r = recognizer.recognize(q.text, language, undefined, { aboutFiling: onTopic });
          if (r.outcome === 'answer' && r.top && (!q.split || near.has(r.top.id) || r.top.score >= SURE_ON_ITS_OWN)) return [r.top.id];
          // A short part the guard does not corroborate (要花钱吗: 花钱 is in few of the entry's phrasings) is still answered
          // when the whole message leans to the same entry and the part is sure of it and far ahead of the next.
          return r.top && near.has(r.top.id) && r.top.score >= SURE_ON_ITS_OWN && (r.evidence?.lead ?? 0) >= SURE_PART_LEAD ? [r.top.id] : [];
        })
      : [];
  return new LazyShape(
    {
      questionAnswers: questionAnswers.length > 0 ? questionAnswers : undefined,
      aboutFiling,
      namesFiling: recognizer.topic.namesFiling(terms),
      bare: isBare(terms, recognizer.topic),
      question: isQuestionShaped(text),
      entryQuestion: entry?.id,
      answersWithoutCase: withoutCase ? answeredOnItsOwn(text, recognize, withoutCase, narrowed) : undefined,
      answersWithoutHosts: withoutCase ? answeredOnItsOwn(text, recognize, (t) => withoutCase(t, 'hosts'), narrowed) : undefined,
      answersWithoutGuide: withoutCase ? answeredOnItsOwn(text, recognize, (t) => withoutCase(t, 'guide'), narrowed) : undefined,
      saysLittleButItsCase: withoutCase
        ? () => {
            const rest = withoutCase(text);
            const restTerms = recognizer.normalizer.terms(rest);
            return recognizer.knownWords(rest, restTerms, language) <= WORDS_BESIDE_A_CASE && !recognizer.topic.namesFiling(restTerms);
          }
        : undefined,
      saysOnlyGuideBesideItsCase: withoutCase
        ? () => {
            // No word left at all (a word the entries know, or one they never use), only Chinese character pairs.
            const restTerms = recognizer.normalizer.terms(withoutCase(text, 'guide'));
            return restTerms.every((term) => term.startsWith(CHARACTER_PAIR)) && !recognizer.topic.namesFiling(restTerms);
          }
        : undefined,
      entryForCase: (entryId, profile) => entryForCase(knowledge, language, entryId, profile),
      // By the matcher's terms, so spellings and synonyms agree ("commercial licence" names "Commercial License").
      entryNames: (entryId, words, where = 'question') => {
        const entry = knowledge.entries[language].find((e) => e.id === entryId);
        const phrasings = entry === undefined ? [] : where === 'question' ? [entry.question] : [entry.question, ...entry.alternates];
        const wordTerms = words.map((word) => recognizer.normalizer.terms(word).filter((term) => !term.startsWith('~'))).filter((terms) => terms.length > 0);
        return phrasings.some((phrasing) => {
          const said = new Set(recognizer.normalizer.terms(phrasing));
          return wordTerms.some((terms) => terms.every((term) => said.has(term)));
        });
      },
    },
    { clauseAnswer, questionClauseAnswer, clauseUnsure, definition, howTo },
  );
}

/** The parts of a {@link MessageShape} that recognise parts of the message again. */
type LazyPart = 'clauseAnswer' | 'questionClauseAnswer' | 'clauseUnsure' | 'definition' | 'howTo';

/**
 * A message's shape whose {@link LazyPart}s are worked out on first read. A class, not an object literal with getters: V8
 * builds such a literal (with optional parts spread into it) far more slowly than an instance, on every message.
 */
class LazyShape implements MessageShape {
  readonly questionAnswers?: readonly string[];
  readonly aboutFiling: boolean;
  readonly namesFiling?: boolean;
  readonly bare?: boolean;
  readonly question: boolean;
  readonly entryQuestion?: string;
  readonly answersWithoutCase?: (entryId: string) => boolean;
  readonly answersWithoutHosts?: (entryId: string) => boolean;
  readonly answersWithoutGuide?: (entryId: string) => boolean;
  readonly saysLittleButItsCase?: () => boolean;
  readonly saysOnlyGuideBesideItsCase?: () => boolean;
  readonly entryForCase?: (entryId: string, profile: Profile) => string;
  readonly entryNames?: (entryId: string, words: readonly string[], where?: 'question' | 'phrasings') => boolean;

  constructor(
    known: Omit<MessageShape, LazyPart>,
    private readonly parts: { readonly [K in LazyPart]: () => MessageShape[K] },
  ) {
    this.questionAnswers = known.questionAnswers;
    this.aboutFiling = known.aboutFiling;
    this.namesFiling = known.namesFiling;
    this.bare = known.bare;
    this.question = known.question;
    this.entryQuestion = known.entryQuestion;
    this.answersWithoutCase = known.answersWithoutCase;
    this.answersWithoutHosts = known.answersWithoutHosts;
    this.answersWithoutGuide = known.answersWithoutGuide;
    this.saysLittleButItsCase = known.saysLittleButItsCase;
    this.saysOnlyGuideBesideItsCase = known.saysOnlyGuideBesideItsCase;
    this.entryForCase = known.entryForCase;
    this.entryNames = known.entryNames;
  }

  get clauseAnswer(): Recognition | undefined {
    return this.parts.clauseAnswer();
  }

  get questionClauseAnswer(): Recognition | undefined {
    return this.parts.questionClauseAnswer();
  }

  get clauseUnsure(): Recognition | undefined {
    return this.parts.clauseUnsure();
  }

  get definition(): string | undefined {
    return this.parts.definition();
  }

  get howTo(): string | undefined {
    return this.parts.howTo();
  }
}

/** The words of its own, besides the filing's names, that a question about the filing itself may have (see {@link MessageShape.bare}). */
const BARE_WORDS = 1;

/**
 * Terms that leave a question about the filing as bare as it was: a negation ("so we don't need a filing?", 不用) and words that
 * draw a conclusion from what was said (所以, 那么). Normalised, as `Normalizer.terms` gives them.
 */
const BARE_ASIDES: ReadonlySet<string> = new Set(['not', 'don', 'never', '不用', '所以', '那么', '那就', '因此']);

/** Whether normalised terms, besides the filing's own names and {@link BARE_ASIDES}, hold at most {@link BARE_WORDS} words ("do we need a filing then?"). */
export function isBare(terms: readonly string[], topic: FilingTopic): boolean {
  return terms.filter((term) => !term.startsWith('~') && !BARE_ASIDES.has(term) && !topic.namesOnlyFiling([term])).length <= BARE_WORDS;
}

/** An entry's own question, or '' for an id the knowledge base does not hold. */
function questionOf(knowledge: KnowledgeBase, language: Language, entryId: string): string {
  return knowledge.entries[language].find((e) => e.id === entryId)?.question ?? '';
}

/** How an entry written for someone (its `for`) stands to a case's facts: fits it, is for someone else, or says nothing. */
function fitOf(entry: KnowledgeEntry | undefined, profile: Profile): 'fits' | 'other' | 'any' {
  if (!entry?.for) return 'any';
  const facts = profile as Record<string, unknown>;
  let fits = true;
  for (const [field, values] of Object.entries(entry.for)) {
    const value = facts[field];
    if (value === undefined) fits = false;
    else if (typeof value !== 'string' || !values.includes(value)) return 'other';
  }
  return fits ? 'fits' : 'any';
}

/**
 * See {@link MessageShape.entryForCase}: a general entry gives way to the entry that narrows it for this case, and an
 * entry for someone else to its general one, or to the general one's entry for this case.
 */
export function entryForCase(knowledge: KnowledgeBase, language: Language, entryId: string, profile: Profile): string {
  const entries = knowledge.entries[language];
  const entry = entries.find((e) => e.id === entryId);
  const fit = fitOf(entry, profile);
  if (!entry || fit === 'fits') return entryId;
  const general = fit === 'other' ? entry.narrows : entryId;
  if (general === undefined) return entryId;
  const narrower = entries.find((e) => e.narrows === general && fitOf(e, profile) === 'fits');
  return narrower?.id ?? (fit === 'other' ? general : entryId);
}

/**
 * Whether the text's words without those of the case answer it with an entry outright, or with the general entry it narrows
 * for someone (the words of "what paperwork does a limited company need for beian" without "limited company" ask for the
 * filing's documents, which for a company are the company's); recognised once, on first use.
 */
function answeredOnItsOwn(
  text: string,
  recognize: (text: string) => Recognition,
  withoutCase: (text: string) => string,
  narrowed: (entryId: string) => string | undefined,
): (entryId: string) => boolean {
  let answered: string | null | undefined;
  return (entryId) => {
    if (answered === undefined) {
      const rest = withoutCase(text);
      if (rest === text.trim()) answered = null;
      else {
        const answer = rest === '' ? undefined : recognize(rest);
        answered = answer?.outcome === 'answer' && answer.top ? answer.top.id : '';
      }
    }
    // null: the message has no words of a case, so nothing of it was chosen by them.
    return answered === null || answered === entryId || (answered !== '' && narrowed(entryId) === answered);
  };
}

/**
 * The questions of a text asked one after another: each ended by a question mark (the last may go without), and `within` one, parts that each ask
 * something on their own, joined by "and" before a question word ("what do we need to do and how much does it cost?")
 * or by a comma (去哪个省备案，要准备什么？). Words that ask nothing stay with the question after them (我是个人，服务器在
 * 杭州，要备案吗，要多久 → the case with its first question, then 要多久).
 */
function questionsOf(text: string, within: boolean): { text: string; split: boolean }[] {
  const parts = text
    .split(/(?<=[?？])/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 1);
  return parts.flatMap((part, index) => {
    // The last question of several may go without its mark ("一般多久能下来？要花钱吗").
    const ended = /[?？]$/u.test(part) || (index > 0 && index === parts.length - 1 && asksSomething(part));
    if (!within) return ended ? [{ text: part, split: false }] : [];
    // Other words after the last question mark count only when they themselves ask more than one thing (需要备案吗，要多久).
    const pieces = partsThatAsk(part);
    return ended || pieces.length > 1 ? pieces.map((text) => ({ text, split: pieces.length > 1 })) : [];
  });
}

/** How many words the entries know a message may say besides its case and still say little but the case ("we're a small US startup"). */
const WORDS_BESIDE_A_CASE = 1;

/** How many of the whole message's candidates a part split from within a question may be answered with. */
const NEAR_CANDIDATES = 3;
/** The score at which a part split from within a question is answered whatever the whole message's candidates. */
const SURE_ON_ITS_OWN = 0.6;
/** With that score and one of the whole message's first candidates, the lead over the next entry a part not corroborated needs. */
const SURE_PART_LEAD = 0.25;

/**
 * Where one question may hold another: "and" before an English question word or a verb that opens a question ("how long does
 * it take and can we launch before it's done?"), or a comma.
 */
const QUESTION_JOIN = /,?\s+(?:and|also|plus)\s+(?=(?:what|how|where|which|who|when|why|can|could|do|does|is|are|will|should|must|may)\b)|[，,、]\s*/iu;

/** See {@link questionsOf}: a question's parts that each ask something, or the question whole. */
function partsThatAsk(question: string): string[] {
  const pieces = question.replace(/[?？]+$/u, '').split(QUESTION_JOIN).map((p) => p.trim()).filter((p) => p !== '');
  const parts: string[] = [];
  let pending = '';
  for (const piece of pieces) {
    const joined = pending === '' ? piece : `${pending}${/\p{Script=Han}$/u.test(pending) ? '，' : ', '}${piece}`;
    // A piece asks when its last clause does: "We're launching on Tencent Cloud. How long does the filing take" asks.
    if (!asksSomething(clausesOf(piece).at(-1) ?? piece)) pending = joined;
    else {
      parts.push(joined);
      pending = '';
    }
  }
  // Words after the last question belong to it ("do I need a filing, with a server in Beijing?").
  if (pending !== '' && parts.length > 0) parts[parts.length - 1] = `${parts[parts.length - 1]}, ${pending}`;
  return parts.length > 1 ? parts.map((part) => `${part}${/\p{Script=Han}/u.test(part) ? '？' : '?'}`) : [question];
}

/** A question for what something is or means ("what is …", "what does … mean", 什么是, 是什么, 啥意思). */
const DEFINITION_QUESTION = /\bwhat(?:\s+\w+)?(?:'s|\s+is|\s+are)\b|\bwhats\b|\bwhat does\b.*\bmean\b|\bmeaning of\b|什么是|是什么|是啥|是个啥|是个什么|啥是|什么意思|啥意思/iu;
/** An entry's own question that says what a thing is ("What is an ICP filing, and who needs one?", 什么是ICP备案). */
const DEFINING_QUESTION = /\bwhat is\b|\bwhat's\b|什么是|是什么/iu;
/** Words a definition question may have besides the filing's names (grammar, not product vocabulary). */
const DEFINITION_WORDS = new Set(['even', 'mean', 'actually', 'really', 'exactly', 'again', '意思', '~意思', '是啥', '到底', '到底是']);

/** A term in quotes: 'ICP beian', "beian", “备案”, 「备案」. */
const QUOTED = /'([^']{2,40})'|"([^"]{2,40})"|“([^”]{2,40})”|「([^」]{2,40})」/gu;
/** A question for what something said means, rather than what a thing is. */
const MEANING = /\bmean\b|\bmeaning\b|意思/iu;
/** A question that names its thing by pointing at it: "what is that", "what does it mean", 这是什么. */
const POINTS_TO = /\b(?:that|it|this)\b|这个|那个|这是|那是|这到底|那到底/iu;

/** The thing an entry's own question defines: "What is an ICP filing, and who needs one?" → "ICP filing", 备案服务号是什么 → 备案服务号. */
const DEFINED = /(?:what is|what's)\s+(?:an?\s+|the\s+)?([^,，?？]+?)(?:\s+and\b|[,，?？]|$)|什么是([^,，?？]+)|([^,，?？。]+?)是什么/iu;

/** A question for how something is done ("how do I file", 怎么备案, 备案流程); not 怎么办 ("what now?", after a change). */
const HOW_QUESTION =
  /\bhow\b|\bsteps?\b|\bprocess\b|\bprocedure\b|\bwhere (?:do|should|can) (?:i|we) (?:start|begin)\b|\bwhere to (?:start|begin)\b|怎么(?!办)|怎样|如何|咋(?!办)|流程|步骤|手续|从哪(?:里)?开始/iu;
/** An entry's own question that asks for the steps ("What are the steps of an ICP filing?", ICP备案的流程是怎样的？). */
const STEPS_QUESTION = /\bsteps\b|\bprocess\b|\bprocedure\b|流程|步骤/iu;
/** Words a how-to question may have besides the filing's names: doing, applying, starting (grammar, not product vocabulary). */
const HOW_WORDS = new Set([
  'appli', 'get', 'go', 'do', 'make', 'start', 'begin', 'work', 'process', 'procedur', 'step', 'actual', 'exactli', 'usual', 'on',
  '办理', '申请', '进行', '操作', '弄', '做', '办', '搞', '咋', '流程', '步骤', '手续', '具体', '到底', '开始', '入手', '哪', '哪里',
]);

/** See {@link MessageShape.definition}: a question of what the filing is, answered by the entry whose own question defines it. */
const DEFINITION: QuestionKind = { asks: DEFINITION_QUESTION, grammar: DEFINITION_WORDS, entryAsks: DEFINING_QUESTION, defines: true };

/**
 * See {@link MessageShape.howTo}: a question of how to file (怎么备案, "how do I go about getting a beian"), answered by the entry
 * whose own question asks the filing's steps. The recognizer, which leaves out question words, reads it as the filing's name
 * alone, the same words as "what is a filing".
 */
const HOW_TO: QuestionKind = { asks: HOW_QUESTION, grammar: HOW_WORDS, entryAsks: STEPS_QUESTION };

/** How a question of one kind is told: its asking words, its grammar words, how an entry's own question asks it, whether it defines. */
interface QuestionKind {
  asks: RegExp;
  grammar: ReadonlySet<string>;
  entryAsks: RegExp;
  defines?: boolean;
}

/**
 * A question of one kind (what it is, how it is done) on the filing itself: its clause asks that way and names nothing but
 * the filing, besides the kind's grammar words; the answer is the candidate whose own question asks that way and names
 * what the clause names. Chinese character pairs ("~…") repeat the words they come from and are left out.
 */
function askedOfFiling(
  text: string,
  language: Language,
  recognizer: Recognizer,
  recognize: (text: string) => Recognition,
  knowledge: KnowledgeBase,
  whole: Recognition,
  kind: QuestionKind,
): string | undefined {
  const clause = clausesOf(text).find((c) => kind.asks.test(c));
  if (clause === undefined) return undefined;
  const termsOf = (words: string) => recognizer.normalizer.terms(words).filter((term) => !kind.grammar.has(term) && !term.startsWith('~'));
  // "… needs an 'ICP beian' for the new site. what is that exactly?": the term quoted, when the question names nothing.
  const quoted = [...text.matchAll(QUOTED)].map((m) => termsOf(m[1] ?? m[2] ?? m[3] ?? m[4] ?? ''));
  const own = termsOf(clause);
  // Or else, asked what it is, the filing's names said elsewhere in the message, when nothing else in it is close to an entry
  // ("老听人说ICP备案，这到底是个啥"; not "收到12381的短信，…备案核验，这是什么", which points at the text message). "What does that
  // mean?" points at what was just said ("the filing got flagged as having no access"), not at a thing to define.
  const filingNamed = () => {
    if (!kind.defines || MEANING.test(clause)) return undefined;
    const names = recognizer.normalizer.terms(text).filter((term) => !term.startsWith('~') && recognizer.topic.namesOnlyFiling([term]));
    if (names.length === 0) return undefined;
    // Close to no entry but, at most, the one that says what the filing is ("I keep hearing about ICP registration… What is it exactly?").
    const first = whole.candidates[0];
    const closeToAnother =
      whole.outcome !== 'none' && !(whole.outcome === 'clarify' && first !== undefined && asksThatWay({ question: questionOf(knowledge, language, first.id) }, names));
    return closeToAnother ? undefined : names;
  };
  const named = own.length === 0 && POINTS_TO.test(clause) ? (quoted.find((terms) => recognizer.topic.namesOnlyFiling(terms)) ?? filingNamed() ?? own) : own;
  if (!recognizer.topic.namesOnlyFiling(named)) return undefined;
  function asksThatWay(entry: { question: string }, names: readonly string[]): boolean {
    if (!kind.entryAsks.test(entry.question)) return false;
    if (kind.defines) {
      // The thing it defines is the filing itself, as named: "an ICP filing", not "an ICP filing authorization code".
      const m = DEFINED.exec(entry.question);
      const defined = termsOf(m?.[1] ?? m?.[2] ?? m?.[3] ?? '');
      return recognizer.topic.namesOnlyFiling(defined) && names.every((term) => defined.includes(term));
    }
    const own = new Set(recognizer.normalizer.terms(entry.question));
    return names.every((term) => own.has(term));
  }
  // Of the candidates that ask that way, or else of all entries (words this bare may not reach the entry at all: "how do we
  // go about filing?"), the one with the fewest words of its own, the most general: "what is an ICP filing" is not the
  // ICP filing authorization code.
  const words = (question: string) => recognizer.normalizer.terms(question).filter((term) => !term.startsWith('~')).length;
  const mostGeneral = (entries: readonly { id: string; question: string }[]) =>
    entries.filter((entry) => asksThatWay(entry, named)).sort((a, b) => words(a.question) - words(b.question))[0]?.id;
  const candidates = clause === text ? whole.candidates : recognize(clause).candidates;
  return mostGeneral(candidates.map((c) => ({ id: c.id, question: questionOf(knowledge, language, c.id) }))) ?? mostGeneral(knowledge.entries[language]);
}

/**
 * The recognition of the message with some of its words left out (those of the case: "… on tencent cloud shanghai without a
 * filing? I'm just a 个体户 in Wenzhou"; or of its hosts), when it has the outcome wanted.
 */
function recognizedWithout(
  text: string,
  recognize: (text: string) => Recognition,
  whole: Recognition,
  outcome: 'answer' | 'clarify',
  without?: (text: string) => string,
): Recognition | undefined {
  const rest = without?.(text);
  if (rest === undefined || rest === text.trim() || rest === '') return undefined;
  const recognized = recognize(rest);
  // Only to choose among what the whole message pointed to: "境外企业备案" without 境外企业 is "备案", which the entry on
  // what a filing is answers, though the message asked about foreign companies.
  const pointed = whole.candidates.slice(0, WHOLE_CANDIDATES).some((c) => c.id === recognized.top?.id);
  return recognized.outcome === outcome && pointed ? recognized : undefined;
}

/** How many of the whole message's candidates its words without the case may choose from. */
const WHOLE_CANDIDATES = 3;

/** The recognition of the one question-shaped clause of a message of several clauses, if it has just one. */
function questionClause(text: string, recognize: (text: string) => Recognition): Recognition | undefined {
  // The one sentence ended by a question mark among statements, with its own clauses ("管局的短信核验收到了，多久之内要弄完？
  // 个人备案，身份证黑龙江的"): its first clause says what the question is about.
  const sentences = text.split(/(?<=[?？。！!])|(?<=\.)\s+/u).map((s) => s.trim()).filter((s) => s !== '');
  const asked = sentences.filter((s) => /[?？]$/u.test(s));
  if (sentences.length > 1 && asked.length === 1 && clausesOf(asked[0]!).length > 1 && !POINTS_BACK.test(asked[0]!)) {
    const answer = recognize(asked[0]!);
    if (answer.outcome === 'answer') return answer;
  }
  const clauses = clausesOf(text);
  if (clauses.length < 2) return undefined;
  const questions = clauses.filter((clause) => isQuestionShaped(clause));
  // A last clause that only asks whether what the clauses before it said is so, or normal ("…系统里啥都改不了了，正常吗", "…, is
  // that normal?"): they are what it asks about.
  if (questions.length === 0 && TAG_QUESTION.test(plainWords(clauses.at(-1)!))) return recognize(clauses.slice(0, -1).join('，'));
  // A clause whose subject points back ("… registrar in the US, does that block the filing?") means nothing alone.
  if (questions.length !== 1 || POINTS_BACK.test(questions[0]!)) return undefined;
  return recognize(questions[0]!);
}

/** A clause that asks only whether what was said is so, or normal: grammar, not product vocabulary (see `questionClause`). */
const TAG_QUESTION = /^(?:这|那|这样|那样|这个)?(?:正常|合理|对|是|真的|是真的|靠谱)(?:吗|么|嘛|不|吧)$|^(?:is (?:that|this|it) )?(?:normal|right|true|correct)$/u;

/** A value worked out on its first read and kept. */
function once<T>(work: () => T): () => T {
  let worked = false;
  let value: T;
  return () => {
    if (!worked) {
      value = work();
      worked = true;
    }
    return value;
  };
}

/** The recognizer's reading of each distinct text, worked out on first use (for one message's parts). */
function recognizedOnce(recognizer: Recognizer, language: Language): (text: string) => Recognition {
  const seen = new Map<string, Recognition>();
  return (text) => {
    let recognition = seen.get(text);
    if (!recognition) {
      recognition = recognizer.recognize(text, language);
      seen.set(text, recognition);
    }
    return recognition;
  };
}

/** The words without the case, worked out once for each text and kind (the clause answer and the entry checks both use them). */
function readOnce(withoutCase: (text: string, only?: Blanked) => string): (text: string, only?: Blanked) => string {
  const seen = new Map<string, string>();
  return (text, only) => {
    const key = `${only ?? ''}\n${text}`;
    let rest = seen.get(key);
    if (rest === undefined) {
      rest = withoutCase(text, only);
      seen.set(key, rest);
    }
    return rest;
  };
}

/** A yes-no question about what was said before: "does that …", "can it …", 这样可以吗, 那会影响备案吗. */
const POINTS_BACK =
  /^(?:does|do|did|can|could|will|would|is|are|was|were|should|may|might)\s+(?:it|they|(?:that|this)\s+(?:be|block|affect|count|matter|work|mean|cause|stop|prevent|change|need|require|make|apply|still|also|really|even))\b|^(?:这样|那样|它)/iu;

export type MessagePlan =
  | { kind: 'intent'; intent: ChatIntent }
  /** Answer one situation question (a verdict), or ask the one fact that decides it. */
  /** `also`: the entry that answers another question of the same message ("要备案吗？要多久？"), sent after the verdict. */
  /** `unasked`: the message asked nothing the bot could tell; the reply says so before what the case needs. */
  /** `alsoDecision`: the second question's verdict ("who files and where?"), sent with the first; `alsoAsked`: that second question
   * when its answer waits on a fact still to ask, so the check that asks it answers both. */
  | {
      kind: 'situation';
      question: SituationQuestion;
      decision: SituationDecision;
      profile: Profile;
      also?: string;
      unasked?: true;
      alsoDecision?: SituationDecision;
      alsoAsked?: SituationQuestion;
    }
  /** Start the whole check with what is known. */
  | { kind: 'check'; profile: Profile }
  | { kind: 'answer'; entryId: string; also?: string }
  | { kind: 'clarify'; candidates: Candidate[] }
  | { kind: 'none' };

/** Decisions remembered at most (see {@link decideSituation}); the memory starts over when full. */
const REMEMBERED_DECISIONS = 2_000;
const decisions = new Map<string, SituationDecision>();

/**
 * The rules' decision for a profile and question, worked out once per distinct profile: the rules are
 * pure data (src/rules), and the profiles people state in one message are few (where the server is, who
 * files, a province), while evaluating every rule is a large part of a turn that answers a situation.
 * A remembered decision is frozen, so no reader can change what the next one gets.
 */
function decideSituation(profile: Profile, question: SituationQuestion): SituationDecision {
  // Key order and absent-but-present fields are kept, so two profiles share a key only when they are the same object graph.
  const key = `${question}\u0000${JSON.stringify(profile, (_name, value: unknown) => (value === undefined ? '\u0000undefined' : value))}`;
  let decision = decisions.get(key);
  if (!decision) {
    // On a copy: the decision may hold the profile it was given, which the caller keeps and may change.
    decision = deepFreeze(decideByRules(structuredClone(profile), question));
    if (decisions.size >= REMEMBERED_DECISIONS) decisions.clear();
    decisions.set(key, decision);
  }
  return decision;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Intents that win over a described situation: the user wants something else than an answer. */
const OVERRIDING_INTENTS: ReadonlySet<ChatIntent> = new Set(['human', 'switch-en', 'switch-zh', 'restart']);
/** An opening message that states this many facts, and asks nothing the rules settle, starts the check with them. */
const FACTS_THAT_START_THE_CHECK = 2;
/** …and this many when an FAQ entry answers the message outright. */
const FACTS_THAT_OUTWEIGH_AN_ANSWER = 3;

/** An entry the stated facts point to is taken from this many of the recognizer's first candidates. */
const TOLD_AMONG = 3;

/**
 * Plans the reply to a message: an overriding intent; a situation question when the message states
 * a fact and asks what the rules settle; the check for a message that states several facts and asks
 * nothing the FAQ answers; otherwise the recognizer's answer, clarification or fallback.
 *
 * @param known facts stated earlier in the conversation, which the message's own facts override.
 */
export function planMessage(whole: Recognition, stated: StatedSituation, shape: MessageShape, known: Profile = {}): MessagePlan {
  const found = planFor(whole, stated, shape, known);
  // Nothing found for the whole: "Did you mean…" on its question clause, if that is close to entries; else, for a case, what it needs.
  // A case of its own that asks to be guided is better served by the check than by entries close to its words ("I'm a German
  // GmbH, our server would be in Beijing. What do we need?").
  // Nor is "what do we need to do?" (需要做什么) after a case told a question on what the bot can do.
  // So is a site's case with its owner, and an owner who asks to be guided and says nothing else ("we are a Singapore company,
  // what do we need?"; not "we are a company, where do we start with hiring?"). What the owner has in the mainland tells of the
  // owner too ("we have no company or office in China and want a Chinese website").
  const owner = stated.profile.entityType !== undefined || stated.profile.foreignPresence !== undefined;
  // To be guided for a thing the rules (about websites) do not settle ("we're a Hong Kong company and want to open a WeChat mini
  // program, what's the process?"): the entry that names it, not the check of a website.
  const thing = (stated.asksGuide || stated.asksGuideAsOwner || stated.asksGuideOfToldCase) && found.kind !== 'answer' ? entryNamingThing(whole, stated, shape) : undefined;
  const ownerGuided =
    (found.kind === 'clarify' || found.kind === 'none') && stated.asksGuideAsOwner === true && shape.saysOnlyGuideBesideItsCase?.() === true;
  const guidedCase =
    (found.kind === 'clarify' && (Object.keys(stated.profile).length >= FACTS_THAT_START_THE_CHECK || (stated.asksGuide === true && owner))) ||
    (found.kind === 'intent' && found.intent === 'help')
      ? guided(stated, known)
      : ownerGuided
        ? guided({ ...stated, asksGuide: true }, known)
        : undefined;
  const planned =
    (thing ? ({ kind: 'answer', entryId: thing } as const) : undefined) ??
    guidedCase ??
    (found.kind !== 'none'
      ? found
      : (guided(stated, known) ??
        (!stated.asks && shape.clauseUnsure ? unsureOfClause(shape.clauseUnsure, whole, stated, shape) : (unasked(whole, stated, shape, known) ?? found))));
  // An entry's own question, clicked, gets that entry.
  const fitted = planned.kind !== 'answer' || !shape.entryForCase || shape.entryQuestion ? planned : { kind: 'answer' as const, entryId: shape.entryForCase(planned.entryId, { ...known, ...stated.profile }) };
  return withSuffixEntry(withHostEntry(withAlso(fitted, shape), stated), stated);
}

/**
 * A verdict on a site hosted by a provider with an entry of its own comes with that entry, when nothing else does: "网站放在AWS宁夏区域，
 * 备案找谁办" is answered "through your hosting provider", and the entry says that AWS's mainland regions are run by Sinnet and NWCD.
 */
function withHostEntry(plan: MessagePlan, stated: StatedSituation): MessagePlan {
  return withEntryAfterVerdict(plan, stated.hostingProviderEntry);
}

/** A verdict with `entry` sent after it, unless another entry already is or the verdict cites that one. */
function withEntryAfterVerdict(plan: MessagePlan, entry: string | undefined): MessagePlan {
  if (entry === undefined || plan.kind !== 'situation' || plan.decision.kind !== 'verdict' || plan.also !== undefined) return plan;
  if ((plan.decision.assessment.cites as readonly string[]).includes(entry)) return plan;
  return { ...plan, also: entry };
}

/** The entry on which domain suffixes the MIIT approves. */
const DOMAIN_SUFFIX_ENTRY = 'domain-suffix';

/**
 * A verdict on a case that names its domain's suffix comes with the entry on suffixes, when nothing else does: "can i use a .io
 * domain? bought it on namecheap" is told to move the domain to a mainland registrar, which does not help a suffix the MIIT has not
 * approved; the entry says where the list is. So does an entry that answers whether such a domain can be filed (我的域名是.me结尾的，
 * 在国外买的，还能备案吗 gets the entry on domains registered abroad): whatever else it says, the suffix may rule the domain out.
 */
function withSuffixEntry(plan: MessagePlan, stated: StatedSituation): MessagePlan {
  if (stated.namesDomainSuffix !== true) return plan;
  if (plan.kind === 'answer' && stated.asks === 'can-apply' && plan.also === undefined && plan.entryId !== DOMAIN_SUFFIX_ENTRY) {
    return { ...plan, also: DOMAIN_SUFFIX_ENTRY };
  }
  return withEntryAfterVerdict(plan, DOMAIN_SUFFIX_ENTRY);
}

/**
 * "Did you mean…" on the question clause; with one entry only, as for the whole message, it doubts whether the message is about
 * filing, which a filing word with facts of a case says it is ("没备案网站上线会怎样？服务器在阿里云北京"): that entry, when the
 * whole message leans the same way.
 */
function unsureOfClause(clause: Recognition, whole: Recognition, stated: StatedSituation, shape: MessageShape): MessagePlan {
  // Only when the whole message leans the same way: its first candidate is that entry too.
  const one = clause.candidates.length === 1 ? clause.candidates[0]!.id : undefined;
  if (one !== undefined && whole.candidates[0]?.id === one && shape.aboutFiling && Object.keys(stated.profile).length > 0) return { kind: 'answer', entryId: one };
  return { kind: 'clarify', candidates: clause.candidates };
}

/**
 * A verdict or an answer, with the entry that answers another question of the message, if one does and the reply does not
 * already; "Did you mean…" or the fallback for a message whose questions are each answered outright, their answers.
 */
function withAlso(plan: MessagePlan, shape: MessageShape): MessagePlan {
  if (!shape.questionAnswers) return plan;
  // Unsure of the whole ("how long does it take? how much does it cost?"), sure of its questions one by one: answer them.
  if (plan.kind === 'clarify' || plan.kind === 'none') {
    const [first, second] = shape.questionAnswers;
    return { kind: 'answer', entryId: first!, ...(second && second !== first ? { also: second } : {}) };
  }
  // Its two questions on the situation both answered by the rules ("去哪备案？谁来提交？"): no entry for the second again.
  if (plan.kind === 'situation' && (plan.alsoDecision !== undefined || plan.alsoAsked !== undefined)) return plan;
  const given = new Set<string>();
  if (plan.kind === 'answer') given.add(plan.entryId);
  else if (plan.kind === 'situation' && plan.decision.kind === 'verdict') for (const id of plan.decision.assessment.cites) given.add(id);
  else return plan;
  // After a verdict, not an entry the rules answer for a case: the verdict already answers that question.
  const also = shape.questionAnswers.find((id) => !given.has(id) && (plan.kind === 'answer' || !citedByRules(id)));
  return also ? { ...plan, also } : plan;
}

/** The facts of a plain case: who files, of the mainland, and where they and their server are. */
const PLAIN_CASE_FIELDS = new Set(['entityType', 'hosting', 'hostingProvider', 'idProvince', 'residenceProvince', 'licenceProvince']);

/** See {@link PLAIN_CASE_FIELDS}; a general site (官网, a blog) is plain too. */
function plainCase(profile: Profile): boolean {
  return (
    Object.keys(profile).every((field) => PLAIN_CASE_FIELDS.has(field) || (field === 'siteTypes' && profile.siteTypes!.every((type) => type === 'general'))) &&
    (profile.entityType === undefined || profile.entityType === 'individual' || profile.entityType === 'mainland-organisation') &&
    (profile.hosting === undefined || profile.hosting === 'mainland')
  );
}

function planFor(whole: Recognition, stated: StatedSituation, shape: MessageShape, known: Profile): MessagePlan {
  // A message that asks nothing the rules settle is answered by its question clause when the whole is not answered outright.
  const recognition = !stated.asks && whole.outcome !== 'answer' && whole.outcome !== 'intent' && shape.clauseAnswer ? shape.clauseAnswer : whole;
  if (recognition.outcome === 'intent' && recognition.intent && OVERRIDING_INTENTS.has(recognition.intent)) {
    return { kind: 'intent', intent: recognition.intent };
  }
  if (shape.entryQuestion) return { kind: 'answer', entryId: shape.entryQuestion };
  if (!stated.asks && shape.definition) return { kind: 'answer', entryId: shape.definition };
  // How anyone files, for someone in the mainland who says no more than who and where they are: not a case with more to it
  // ("SLB with 3 ECS, how do we file?" is the load balancer's entry; a foreign company's, the foreign enterprise's).
  if (!stated.asks && plainCase(stated.profile) && shape.howTo) return { kind: 'answer', entryId: shape.howTo };
  const statedCount = Object.keys(stated.profile).length;
  const profile = { ...known, ...stated.profile };
  const asked = stated.asks === 'can-apply' && stated.desiredProvince ? 'where' : stated.asks;
  // A question counts as one about the situation when it speaks of filing, states enough of one ("individual, Fujian ID,
  // where?"), or says where the server is, the fact the filing turns on, and asks whether that is allowed or needs
  // anything ("servers in Frankfurt, is that ok?"; "where is the data centre in Frankfurt" asks no such thing).
  const aboutHosting = (stated.profile.hosting !== undefined || stated.hostingProviderId !== undefined) && (asked === 'can-apply' || asked === 'filing-required');
  // So does a domain registered abroad, which matters only to the filing ("Our domain is .com registered at Namecheap, is that okay?").
  const aboutDomain = stated.profile.domainRegisteredInMainland === false && asked === 'can-apply';
  const asks = shape.aboutFiling || statedCount >= FACTS_THAT_START_THE_CHECK || aboutHosting || aboutDomain ? asked : undefined;
  // Facts told earlier count too: "where do I file?" after "I'm a company in Dalian" is about that company;
  // but a question that states nothing and that an entry answers outright gets the entry.
  const knownOnly = statedCount === 0 && Object.keys(known).length > 0 && recognition.outcome !== 'answer';
  // "Does my app need a filing too?" asks about a thing the rules (about websites) do not settle: the entry that names it answers.
  if (asks === 'filing-required' || asks === 'can-apply') {
    const named = entryNamingThing(whole, stated, shape);
    if (named) return { kind: 'answer', entryId: named };
  }
  // "Can my site stay online while the filing is being processed?", 备案期间网站能不能先开着: with an application in progress, whether
  // the site may be open meanwhile, which the caveat every filing carries answers (no site opens before its filing), unless an
  // entry answers the words outright. Not while a change to a filing is reviewed: the site has its filing, and stays open.
  if (stated.asksRunning && stated.profile.hasInProgressApplication === true && !stated.filedAlready && recognition.outcome !== 'answer') {
    return { kind: 'answer', entryId: entryOnSiteBeforeFiled() };
  }
  // A fact that settles what a question about the filing asks (a move to another province or provider, an age, a domain in
  // another's name …), said with a question that is not where or through whom to file ("…moved from Shanghai to Hangzhou,
  // do we need to file again?", 网站之前在腾讯云备过案，现在要换到阿里云，备案要怎么处理): the entry its rule cites, rather than a
  // verdict on the new place or a word match.
  if (shape.aboutFiling && (asks === undefined || asks === 'filing-required' || asks === 'can-apply') && (shape.question || stated.asksHow || asks !== undefined)) {
    // Said in this message: a move told earlier does not make every later question about it.
    const settled = entrySettledByFacts(stated.profile);
    if (settled) return { kind: 'answer', entryId: settled };
  }
  // "How do I transfer my domain so that I can file?" asks for a procedure: the entry that answers it outright.
  if (stated.asksHow && recognition.outcome === 'answer' && recognition.top) return { kind: 'answer', entryId: recognition.top.id };
  // The facts a message states can say which entry answers it where its words leave the recognizer unsure: "our company
  // has 4 websites, how do we file them together?" states a fact only the several-sites rule reads, and that rule cites
  // the entry on several websites. Only for a question that asks nothing the rules settle, and only among the candidates.
  // Where the recognizer found nothing, only for a message about filing: "how do I configure health checks on my load
  // balancer?" states a load balancer, but asks about running it, not about filing it.
  if (
    (!asks || stated.asksHow) &&
    !stated.asksRunning &&
    (shape.question || stated.asksHow) &&
    (recognition.outcome === 'clarify' || (recognition.outcome === 'none' && shape.aboutFiling))
  ) {
    const cited = new Set<string>(entriesCitedForFacts(stated.profile));
    const told = recognition.candidates.slice(0, TOLD_AMONG).find((candidate) => cited.has(candidate.id));
    if (told) return { kind: 'answer', entryId: told.id };
    // Asked how, with one such fact: its entry, though the case's words kept it from the first candidates ("I have 3 personal
    // sites on one Tencent Cloud server in Chengdu. how do I file them all in one go?").
    if (stated.asksHow && cited.size === 1) return { kind: 'answer', entryId: [...cited][0]! };
  }
  if (asks && (statedCount > 0 || knownOnly)) {
    const byHost = hostFilesFor(profile, asks);
    const decision = byHost ?? decideSituation(profile, asks);
    // Rather than ask for a missing fact, give the entry that answers the question outright; but who files decides
    // where, and once they have said who they are ("I'm an individual, which province?"), the one fact left is the answer.
    const whereForSomeone = asks === 'where' && stated.asksWhich === true && profile.entityType !== undefined;
    // Someone who has described a case ("my company is in Hong Kong, a server in Shanghai: can we get ICP?") is asked the one
    // fact, rather than given an entry the rules answer for cases; an entry on another topic ("do mini programs need a
    // filing too? we're a company in Foshan") still answers.
    const describesCase = statedCount >= FACTS_THAT_START_THE_CHECK && recognition.top !== undefined && citedByRules(recognition.top.id);
    // Nor an entry on another question that the words of the case chose, not those of the question: the rules cite no
    // such entry for a case ("do I need a filing? I'm an individual" is not asking for an individual's documents).
    // An entry the rules cite, chosen by the name of a host alone, gives way too.
    const top = recognition.top?.id;
    const chosenByCase =
      top !== undefined &&
      (citedByRules(top) ? shape.answersWithoutHosts !== undefined && !shape.answersWithoutHosts(top) : shape.answersWithoutCase !== undefined && !shape.answersWithoutCase(top));
    if (decision.kind === 'ask' && recognition.outcome === 'answer' && recognition.top && !whereForSomeone && !describesCase && !chosenByCase) {
      return { kind: 'answer', entryId: recognition.top.id };
    }
    // Nor a fact asked back where the entries offered are on another question than the rules answer ("can I use the same ICP number
    // for two domains?" is not answered by who owns the filing): "Did you mean…" with them.
    if (
      decision.kind === 'ask' &&
      asks === 'can-apply' &&
      recognition.outcome === 'clarify' &&
      recognition.top !== undefined &&
      !citedByRules(recognition.top.id) &&
      !chosenByCase &&
      !whereForSomeone &&
      statedCount < FACTS_THAT_START_THE_CHECK
    ) {
      return { kind: 'clarify', candidates: recognition.candidates };
    }
    // A "yes" says only that nothing the rules read stands in the way; a question about a thing they do not read ("can I file
    // from my own account, not the one that bought the server?") is answered by the entry on it, when the recognizer offers one.
    // An entry answered outright counts though the case's words chose it (they may be the question's too: "filed as an individual,
    // can I switch the filing to my company?"), but not when a host's name did: "个人能备案吗？…服务器买的阿里云华东2" asks whether
    // one can, and the entry on which servers qualify is chosen by the server's provider.
    const chosenByHosts = top !== undefined && shape.answersWithoutHosts !== undefined && !shape.answersWithoutHosts(top);
    const onAnotherThing =
      recognition.top !== undefined &&
      (recognition.outcome === 'answer' || recognition.outcome === 'clarify') &&
      !citedByRules(recognition.top.id) &&
      (!chosenByCase || (recognition.outcome === 'answer' && !chosenByHosts));
    // Or its question clause alone names that thing in its own words, drowned in the whole by the case ("不会中文能备案吗？我是住在上海
    // 的美国人，做个人博客"; in 可以个人备案吗 the entry on an individual's documents is chosen by 个人, a word of the case).
    const clauseTop = recognition.outcome === 'none' ? shape.questionClauseAnswer?.top?.id : undefined;
    const clauseOnAnotherThing = clauseTop !== undefined && !citedByRules(clauseTop) ? clauseTop : undefined;
    if (asks === 'can-apply' && decision.kind === 'verdict' && decision.verdict.value === 'yes') {
      if (onAnotherThing) return { kind: 'answer', entryId: recognition.top!.id };
      if (clauseOnAnotherThing) return { kind: 'answer', entryId: clauseOnAnotherThing };
    }
    // Through whom is answered for a case ("your hosting provider"); "who has to submit the change to our filing details?" asks
    // who does something else, which an entry the recognizer is sure of answers, when the words of the case did not choose it.
    if (asks === 'through' && decision.kind === 'verdict' && recognition.outcome === 'answer' && onAnotherThing && shape.answersWithoutCase?.(recognition.top!.id) === true) {
      return { kind: 'answer', entryId: recognition.top!.id };
    }
    // "Who files and where?": the second question's verdict comes with the first, when the rules settle both.
    // When either waits on a fact, the check asks it and then answers both (a blocker, which answers neither as asked, ends it).
    const second = byHost ? undefined : stated.asksAlso;
    const alsoDecision = decideAlso(profile, decision, asks, second, decideSituation);
    const alsoAsked = second && (decision.kind === 'ask' || alsoDecision?.kind === 'ask') ? { alsoAsked: second } : {};
    return { kind: 'situation', question: byHost ? 'through' : asks, decision, profile, ...(alsoDecision?.kind === 'verdict' ? { alsoDecision } : {}), ...alsoAsked };
  }
  if (recognition.outcome === 'intent' && recognition.intent) {
    // "Am I eligible?" asks one question of the rules: its deciding fact first, not the whole check.
    if (recognition.intent === 'check' && asked && shape.aboutFiling) return { kind: 'situation', question: asked, decision: decideSituation(profile, asked), profile };
    return recognition.intent === 'check' ? { kind: 'check', profile } : { kind: 'intent', intent: recognition.intent };
  }
  // A statement of several facts starts the check; one that an entry answers outright needs more facts to
  // describe a case rather than a topic ("we are a company with a gaming site on a server in Shanghai").
  const direct = recognition.outcome === 'answer' && recognition.top ? recognition.top.id : undefined;
  if (!shape.question && statedCount >= (direct ? FACTS_THAT_OUTWEIGH_AN_ANSWER : FACTS_THAT_START_THE_CHECK)) return { kind: 'check', profile };
  // Where the server is, said and nothing asked ("server on Tencent Cloud ap-beijing", 服务器在日本东京), is the start of a case.
  if (!shape.question && !stated.asks && stated.profile.hosting !== undefined) return { kind: 'check', profile };
  // So is who will own the filing, said and little else, when no entry answers the message outright ("we are a US company",
  // 我是个人): the check goes on from it, rather than "Did you mean…" with entries that share the word "company". Not "we are a
  // company", which the reader takes for a mainland one unless told otherwise; with a place it states two facts (see above).
  const owner = stated.profile.entityType;
  if (!shape.question && !stated.asks && !direct && owner !== undefined && owner !== 'mainland-organisation' && shape.saysLittleButItsCase?.() === true) {
    return { kind: 'check', profile };
  }
  // "买了台腾讯云服务器，要不要备案": an entry chosen by the host's name alone (filing through Tencent Cloud) does not answer
  // whether a filing is needed; the rules ask where the server is.
  if (direct && asks && stated.hostingProviderId !== undefined && shape.answersWithoutHosts !== undefined && !shape.answersWithoutHosts(direct)) {
    return { kind: 'situation', question: asks, decision: decideSituation(profile, asks), profile };
  }
  // Nor does an entry chosen by the guide's words ("想做个中文网站，需要备案吗" is not asking whether one must read Chinese).
  const asksToBeGuided = stated.asksGuide === true || stated.asksGuideOfToldCase === true;
  if (direct && asks && asksToBeGuided && shape.answersWithoutGuide !== undefined && !shape.answersWithoutGuide(direct)) {
    return { kind: 'situation', question: asks, decision: decideSituation(profile, asks), profile };
  }
  if (direct) return { kind: 'answer', entryId: direct };
  // A question about the situation in general words ("do I need a filing?") that no entry answers: ask what decides
  // it; rather than offer entries the recognizer is unsure of, too, when it names the filing ("a food licence" may not be ICP's).
  // A licence or permit named with no case and no filing ("do I need a food business licence?") may be of another regulation.
  const inFilingContext = shape.namesFiling === true || statedCount > 0 || stated.asksBesides === true;
  // A question that states nothing of a case, whose closest entries are on a topic the rules do not read ("Can I use a lightweight
  // application server for the filing?"), is about that topic: "Did you mean…" rather than who will own the filing.
  const onRulesTopic =
    statedCount > 0 ||
    knownOnly ||
    stated.hostingProviderId !== undefined ||
    shape.bare === true ||
    (asks !== 'can-apply' && recognition.top !== undefined && citedByRules(recognition.top.id));
  const offered = offeredForBareCan(recognition, stated, shape);
  if (offered) return offered;
  if (asks && ((recognition.outcome === 'none' && inFilingContext) || (recognition.outcome === 'clarify' && shape.namesFiling && onRulesTopic))) {
    return { kind: 'situation', question: asks, decision: decideSituation(profile, asks), profile };
  }
  // "Did you mean…" with one entry only doubts whether the message is about filing; a filing word with facts of a case says it is.
  // A word for a licence or permit says so only where the recognizer finds the message on the topic, or of an entry that scores
  // as an answer ("how does a game website get the culture permit?"): "need a business licence for a restaurant in Guangzhou"
  // is another regulation's.
  if (
    recognition.outcome === 'clarify' &&
    shape.aboutFiling &&
    (recognition.evidence?.onTopic === true || recognition.sureButOffTopic === true) &&
    statedCount > 0 &&
    recognition.candidates.length === 1 &&
    // A case that asks to be guided is, when it has enough facts (see planMessage): "games site for a Chengdu company without the
    // culture permit yet, what do they need?" gets the rules' verdict rather than the one entry.
    !(stated.asksGuide === true && statedCount >= FACTS_THAT_START_THE_CHECK)
  ) {
    return { kind: 'answer', entryId: recognition.candidates[0]!.id };
  }
  if (recognition.outcome === 'clarify') return { kind: 'clarify', candidates: recognition.candidates };
  return { kind: 'none' };
}

/**
 * The entry among the first candidates that names the thing, not a website, a message asks about (`asksAbout`: "does my app need a
 * filing?", "we want to open a mini program, what's the process?"): named in its question first, else in its other phrasings ("quick
 * apps" are filed as mini programs are).
 */
function entryNamingThing(whole: Recognition, stated: StatedSituation, shape: MessageShape): string | undefined {
  const about = stated.asksAbout;
  const { entryNames } = shape;
  if (!about || !entryNames) return undefined;
  const offered = [...whole.candidates.slice(0, TOLD_AMONG), shape.clauseAnswer?.top];
  const names = (where: 'question' | 'phrasings') => offered.find((candidate) => candidate !== undefined && entryNames(candidate.id, about, where));
  return (names('question') ?? names('phrasings'))?.id;
}

/**
 * "Can Aliyun handle the beian for us? The server is Aliyun Beijing": whether the provider that hosts the server can file it is
 * answered by who files, through that provider, rather than by asking who will own the filing, which does not change that answer.
 * Only when "can we?" would ask for a fact: a case that settles it keeps its answer (a blocker still says "not as things stand").
 */
function hostFilesFor(profile: Profile, asks: SituationQuestion): SituationDecision | undefined {
  if (asks !== 'can-apply' || profile.filesThroughHostingProvider !== true) return undefined;
  if (decideSituation(profile, 'can-apply').kind !== 'ask') return undefined;
  const through = decideSituation(profile, 'through');
  return through.kind === 'verdict' ? through : undefined;
}

/**
 * A "can I?" that states no case at all and says more than "can I file?", whose words the entries account for though not surely
 * enough to offer them ("能不能先备案再买服务器"): who will own the filing does not answer it, so "Did you mean…" offers the entries it
 * is closest to all the same.
 */
function offeredForBareCan(whole: Recognition, stated: StatedSituation, shape: MessageShape): MessagePlan | undefined {
  if (stated.asks !== 'can-apply' || Object.keys(stated.profile).length > 0 || whole.outcome !== 'none' || shape.bare === true) return undefined;
  if (whole.evidence?.corroborated !== true || whole.evidence.onTopic !== true) return undefined;
  return { kind: 'clarify', candidates: offeredCandidates(whole.candidates) };
}

/**
 * A question about filing that describes a case but asks nothing the bot can tell, and is close to no entry: rather than
 * "no answer", what the case needs first (whether a filing is needed), said as a guess.
 */
function unasked(whole: Recognition, stated: StatedSituation, shape: MessageShape, known: Profile): MessagePlan | undefined {
  const statedCount = Object.keys(stated.profile).length;
  if (!shape.question || !shape.aboutFiling || whole.outcome !== 'none' || stated.asks || stated.filedAlready) return undefined;
  if (stated.profile.hosting === undefined && statedCount < FACTS_THAT_START_THE_CHECK) return undefined;
  const profile = { ...known, ...stated.profile };
  // Only what the rules can say outright: a guess that asks a fact back would not answer anything.
  const decision = decideSituation(profile, 'filing-required');
  return decision.kind === 'verdict' ? { kind: 'situation', question: 'filing-required', decision, profile, unasked: true } : undefined;
}

/**
 * A message that asks to be guided through its case ("we're a Dutch company, our site should load fast in China: what do we
 * need to do?", 成都的公司做游戏网站，要走什么流程) and that nothing else answers: the check, which asks only what the case still
 * needs, with what was understood; or at once the verdict of a case the rules already close (no filing needed, or a blocker:
 * "…, they don't have the culture permit yet. what do they need?").
 */
function guided(stated: StatedSituation, known: Profile): MessagePlan | undefined {
  // Or a case told earlier in the conversation: "we're a small US startup and want our site to load fast in China", then "what do we need to do?".
  const ofToldCase = stated.asksGuideOfToldCase === true && Object.keys(known).length > 0;
  if (!(stated.asksGuide || ofToldCase) || stated.filedAlready) return undefined;
  const profile = { ...known, ...stated.profile };
  const decision = decideSituation(profile, 'can-apply');
  if (decision.kind === 'verdict' && decision.verdict.value === 'no') return { kind: 'situation', question: 'can-apply', decision, profile };
  return { kind: 'check', profile };
}
