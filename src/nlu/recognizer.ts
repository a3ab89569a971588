import type { ChatIntent, KnowledgeBase } from '../knowledge/types.js';
import type { Calibration, Confidence, ConfidenceEvidence } from './calibration.js';
import type { ModelStore } from './entryClassifier.js';
import { FaqMatcher, type Candidate, type QueryTerms, type Ranking } from './faqMatcher.js';
import { IntentClassifier } from './intentClassifier.js';
import { LANGUAGES, languageOfText, type Language } from './language.js';
import { FilingTopic } from './filingTopic.js';
import { CHARACTER_PAIR, Normalizer, type NormalizedText } from './normalize.js';

/** What the bot should do with a message. */
export type Outcome = 'answer' | 'clarify' | 'none' | 'intent';

/**
 * Score levels that turn a ranking into an outcome when there is no calibration (see
 * {@link Calibration}); chosen with `icp-bot eval --sweep`.
 */
export interface Thresholds {
  /** At or above: answer directly (given the margin). */
  answer: number;
  /** At or above (and below answer): offer "Did you mean…". */
  clarify: number;
  /** Lead the best entry needs over the second for a direct answer. */
  margin: number;
  /**
   * The answer threshold for a Chinese message of at least {@link CHINESE_ANSWER_MIN_WORDS} words, when lower than
   * `answer`: Chinese questions score lower than English ones of the same fit. Unset: `answer`.
   */
  chineseAnswer?: number;
}

/** The matcher's verdict on one message. */
export interface Recognition {
  text: string;
  /** The language the text was matched in. */
  language: Language;
  outcome: Outcome;
  /** Set when outcome is 'intent'. */
  intent?: ChatIntent;
  /**
   * Confidence of the outcome: with a calibration, the probability that the first candidate is the
   * right entry; without, the best candidate's score; for an intent, its similarity.
   */
  confidence: number;
  /** What the confidence was computed from, when there is a candidate (FAQ outcomes only). */
  evidence?: ConfidenceEvidence;
  /** The calibrated probabilities, when the recognizer has a calibration. */
  calibrated?: Confidence;
  top?: Candidate;
  /** Best candidates, best first (for clarify: the ones offered). */
  candidates: Candidate[];
  /** For clarify: the best candidates as ranked, before those too far below the first were left out of the offer. */
  ranked?: Candidate[];
  /** Spelling corrections applied, for logs and the CLI. */
  corrections: { from: string; to: string }[];
  /** Set on "Did you mean…" when the first candidate scores as an answer and only the topic held it back: the message does not say it is about filing. */
  sureButOffTopic?: boolean;
}

/**
 * A Chinese message needs at least this many words for the lower Chinese answer threshold: a short general question
 * scores as high with an entry whose title holds it and more ("如何申请ICP备案" and 境外企业如何申请ICP备案).
 */
export const CHINESE_ANSWER_MIN_WORDS = 5;
/** A question the guard does not corroborate gets "Did you mean…" only with at least this many words. */
const CLARIFY_MIN_WORDS_UNCORROBORATED = 4;
/** How many questions "Did you mean…" offers at most. */
export const CLARIFY_OPTIONS = 3;
/** An intent needs at least this classifier probability and this similarity to its nearest example. */
const INTENT_PROBABILITY = 0.6;
const INTENT_SIMILARITY = 0.45;
/**
 * Chat intents that throw away what the user has done so far ("restart" ends an eligibility check in
 * progress). They are taken only when every word of the message is a word of the chat examples: "reset
 * my email password" is about an email password and "cancel my subscription" about a subscription,
 * not this conversation, and they go to the FAQ like any other question.
 */
const DESTRUCTIVE_INTENTS: ReadonlySet<ChatIntent> = new Set(['restart']);
/**
 * A direct answer needs the entry to account for the question, not one word they share by chance
 * ("what time is it" and an entry phrased "… at the same time"; "delete my account" and the entry on
 * one account per entity): at least this many of the question's words found in the entry (all of them
 * when it has fewer: "which province?") …
 */
const ANSWER_MIN_WORDS = 2;
/** … one of them a key word of the entry, used by at least this share of its phrasings. Otherwise the bot asks "Did you mean…". */
const ANSWER_KEY_SHARE = 0.25;
/** The share of a question's words an entry must hold to answer a question that has no filing word ("Server in Hong Kong?"). */
const FULLY_EXPLAINED = 0.99;
/** A one-word question without a filing word ("Which province?") is answered only by an entry most of whose phrasings use the word; "what time is it" is not one. */
const ONE_WORD_KEY_SHARE = 0.5;
/** The score an entry needs to answer outright a question with no filing word. */
const UNNAMED_TOPIC_SCORE = 0.5;
/**
 * …with one of its phrasings holding every word of the question, or else at least this score: the entry's phrasings between
 * them hold many words, so each word of a question on another topic may be in one ("can I change the owner of my domain").
 */
const UNNAMED_SURE_SCORE = 0.65;
/** A corrected word counts as a filing word only when the correction is at least this sure ("fiiling", not "cors" → "record"). */
const SURE_CORRECTION = 0.8;
/** A candidate is offered in "Did you mean…" only if it is this close to the best one. */
const CLARIFY_SPREAD = 0.6;

/**
 * The one matcher of the bot and the CLI: chat intents first (greeting, help …), then the FAQ
 * ranking of the text's own language, turned into answer / clarify / none by the thresholds.
 */
export class Recognizer {
  readonly normalizer: Normalizer;
  private readonly matchers: Record<Language, FaqMatcher>;
  /** The chat-intent classifier, before the checks {@link recognize} adds (tests compare the two). */
  readonly intents: IntentClassifier;
  /** The words that make a message about filing. */
  readonly topic: FilingTopic;

  /**
   * @param knowledge the knowledge base to build from, or a recognizer whose built index and classifiers to share.
   * @param calibration decides answer, clarify or none by calibrated probabilities, for every message the score thresholds do not answer; without it the score thresholds decide alone.
   * @param models where the entry classifiers trained in an earlier process on the same knowledge are kept (not used when sharing a recognizer's).
   */
  constructor(
    knowledge: KnowledgeBase | Recognizer,
    private readonly thresholds: Thresholds,
    readonly calibration?: Calibration,
    models?: ModelStore,
  ) {
    if (thresholds.clarify > Math.min(thresholds.answer, thresholds.chineseAnswer ?? 1)) throw new Error('Recognizer(): clarify threshold exceeds answer threshold');
    if (knowledge instanceof Recognizer) {
      ({ normalizer: this.normalizer, matchers: this.matchers, intents: this.intents, topic: this.topic } = knowledge);
      return;
    }
    this.normalizer = new Normalizer(knowledge.synonyms, knowledge.stopWords);
    this.topic = new FilingTopic(this.normalizer);
    this.matchers = {} as Record<Language, FaqMatcher>;
    // The classifier takes each phrasing as the matcher normalises it, rather than all of them at the
    // end (700,000 arrays of terms held at once in a 100,000-entry knowledge base).
    this.intents = new IntentClassifier(knowledge.intents, [], this.normalizer);
    for (const language of LANGUAGES) {
      this.matchers[language] = new FaqMatcher(knowledge.entries[language], this.normalizer, (terms) => this.intents.addQuestion(terms), models);
    }
  }

  /** The same recognizer judged by score thresholds alone, without a calibration: the index and classifiers are shared, not built again (a threshold sweep). */
  withThresholds(thresholds: Thresholds): Recognizer {
    return new Recognizer(this, thresholds);
  }

  /** The same recognizer deciding by another calibration (or by its score thresholds, given none). */
  withCalibration(calibration: Calibration | undefined): Recognizer {
    return new Recognizer(this, this.thresholds, calibration);
  }

  /**
   * Recognises one message. The text is matched in its own script's language; `fallback` is used
   * for text with no letters at all. `normalized` is the text as {@link Normalizer.read} reads it,
   * for a caller that needs the terms too (read here otherwise).
   */
  /**
   * @param context what the text is part of: a question of a message that speaks of filing ("我们是深圳的公司…要备案吗？要多久？")
   * is about filing though its own words ("要多久") do not say so.
   */
  recognize(text: string, fallback: Language = 'en', normalized: NormalizedText = this.normalizer.read(text), context: { aboutFiling?: boolean } = {}): Recognition {
    const language = languageOfText(text) ?? fallback;
    const matcher = this.matchers[language];
    const query = matcher.queryTerms(normalized);
    const ranking = matcher.rankWithEvidence(query, 5);
    const ranked = ranking.candidates;
    const { corrections } = query;
    const top = ranked[0];
    const topScore = ranked[0]?.score ?? 0;
    const evidence = ranked.length > 0 ? confidenceEvidence(matcher, query, language, ranking) : undefined;

    // Answered outright only about filing: other topics share words with the entries ("how much does bandwidth cost",
    // "how much does an ECS instance cost"); without a filing word, only an entry that holds every word of the question answers it.
    // Judged on the words as typed, and on corrections the speller is sure of: "cors" is not "record".
    const namesFiling = context.aboutFiling === true || this.topic.isAbout(query.terms.filter((term) => (query.weights.get(term) ?? 1) >= SURE_CORRECTION));
    const onTopic =
      evidence !== undefined &&
      (namesFiling || (evidence.explained >= FULLY_EXPLAINED && (evidence.words >= ANSWER_MIN_WORDS || evidence.keyShare >= ONE_WORD_KEY_SHARE)));
    if (evidence) evidence.onTopic = onTopic;
    // Intents are judged on the words as typed: spelling correction aims at FAQ vocabulary and
    // would turn "agent" or "over" into FAQ words.
    const guess = this.intents.guessText(text, normalized.terms);
    if (
      guess &&
      guess.probability >= INTENT_PROBABILITY &&
      guess.similarity >= INTENT_SIMILARITY &&
      // An entry off the topic, which would not be answered outright, does not outbid a chat intent: "联系人工" is not about filing contacts.
      guess.similarity >= (onTopic ? topScore : 0) &&
      !(DESTRUCTIVE_INTENTS.has(guess.intent) && this.namesOtherThanChat(normalized.terms))
    ) {
      const chat = { text, language, corrections, candidates: ranked, top, outcome: 'intent', intent: guess.intent, confidence: guess.similarity } as const;
      return evidence ? { ...chat, evidence } : chat;
    }
    if (!evidence) return { text, language, corrections, candidates: ranked, top, outcome: 'none', confidence: 0 };
    // Every other recognition has the same fields in the same order, written out rather than spread from a shared base.
    const judged = (outcome: Outcome, confidence: number, candidates = ranked): Recognition => ({ text, language, corrections, candidates, top, outcome, confidence, evidence });
    const offered = offeredCandidates(ranked);
    // Without a filing word the entry must also score clearly ("Server in Hong Kong?" does; "words I can't use in a company name" does not).
    const scoresAnAnswer = topScore >= this.answerThreshold(evidence) && evidence.lead >= this.thresholds.margin && evidence.corroborated;
    // "Did you mean…" keeps the ranking beside the candidates it offers, and says whether only the topic held an answer back.
    const clarification = (offer: Recognition): Recognition => ({ ...offer, ranked, ...(scoresAnAnswer ? { sureButOffTopic: true } : {}) });
    const byScore =
      scoresAnAnswer &&
      (namesFiling || (onTopic && topScore >= UNNAMED_TOPIC_SCORE && (topScore >= UNNAMED_SURE_SCORE || matcher.onePhrasingHolds(query, ranked[0].id))));
    if (this.calibration) {
      // What the score thresholds answer stays answered; the calibration adds what they leave to "Did you mean…".
      const calibrated = this.calibration.confidence(evidence);
      const verdict = this.calibration.decide(evidence, calibrated);
      const outcome = byScore ? 'answer' : verdict === 'answer' && !onTopic ? 'clarify' : verdict;
      if (outcome !== 'clarify') return { text, language, corrections, candidates: ranked, top, outcome, confidence: calibrated.first, evidence, calibrated };
      return clarification({ text, language, corrections, candidates: offered, top, outcome, confidence: calibrated.first, evidence, calibrated });
    }
    if (byScore) return judged('answer', topScore);
    // "Did you mean…" too needs the entry to account for the question, unless the question is long enough to be about
    // something: "what time is it" and "delete my account" share one or two words with an entry by chance.
    // A one-word match off the topic ("what time is it" and an entry on how much time filing takes) is no question of ours.
    // Off the topic, a long question needs the entry's key word too: "how do I apply for a work visa" is not about filing steps.
    // and every word of it known to the entries: "how much does a unicorn cost" is not a question about the filing's cost.
    const accounted = onTopic
      ? evidence.corroborated || evidence.words >= CLARIFY_MIN_WORDS_UNCORROBORATED
      : evidence.corroborated && evidence.words >= ANSWER_MIN_WORDS && normalized.terms.every((term) => matcher.knows(term));
    if (topScore >= this.thresholds.clarify && accounted) {
      return clarification(judged('clarify', topScore, offered));
    }
    return judged('none', topScore);
  }

  /**
   * Whether the entries in the text's language know every word of it: none of its words speaks of something they never mention.
   * Words, not character pairs: a pair across two Chinese words (总共 after 下来 gives 来总) is no word of the text.
   */
  knowsEveryWord(text: string, normalized: NormalizedText, fallback: Language = 'en'): boolean {
    const matcher = this.matchers[languageOfText(text) ?? fallback];
    return normalized.terms.every((term) => term.startsWith(CHARACTER_PAIR) || matcher.knows(term));
  }

  /** How many of a text's normalised terms the entries in its language know (words, not character pairs). */
  knownWords(text: string, terms: readonly string[], fallback: Language = 'en'): number {
    const matcher = this.matchers[languageOfText(text) ?? fallback];
    return terms.filter((term) => !term.startsWith(CHARACTER_PAIR) && matcher.knows(term)).length;
  }

  /** The score a first candidate needs for a direct answer: lower for a Chinese message of enough words, when configured. */
  private answerThreshold(evidence: ConfidenceEvidence): number {
    const { answer, chineseAnswer } = this.thresholds;
    if (chineseAnswer === undefined || evidence.language !== 'zh-CN' || evidence.words < CHINESE_ANSWER_MIN_WORDS) return answer;
    return Math.min(answer, chineseAnswer);
  }

  /** Whether a text's terms, as typed, include one that no chat example has. */
  private namesOtherThanChat(terms: readonly string[]): boolean {
    return terms.some((term) => !this.intents.knows(term));
  }
}

/** The candidates "Did you mean…" offers: up to {@link CLARIFY_OPTIONS}, each within {@link CLARIFY_SPREAD} of the best score. */
export function offeredCandidates(ranked: readonly Candidate[]): Candidate[] {
  const topScore = ranked[0]?.score ?? 0;
  return ranked.filter((c) => c.score >= topScore * CLARIFY_SPREAD).slice(0, CLARIFY_OPTIONS);
}

/** The evidence for the first candidate of a non-empty ranking; whether the message is on the topic depends on the rest, and the caller sets it. */
function confidenceEvidence(
  matcher: FaqMatcher,
  query: QueryTerms,
  language: Language,
  { candidates: ranked, evidence, firstLeads }: Ranking,
): ConfidenceEvidence {
  const coverage = matcher.coverage(query, ranked[0].id);
  return {
    language,
    score: ranked[0].score,
    index: evidence[0].index,
    classifier: evidence[0].classifier,
    // Candidates come best first, so the second is the closest rival.
    lead: ranked[0].score - (ranked[1]?.score ?? 0),
    indexLead: firstLeads.index,
    classifierLead: firstLeads.classifier,
    explained: coverage.words === 0 ? 0 : Math.min(1, coverage.found / coverage.words),
    keyShare: coverage.keyShare,
    corroborated: coverage.keyShare >= ANSWER_KEY_SHARE && coverage.found >= Math.min(ANSWER_MIN_WORDS, coverage.words),
    corrected: coverage.words === 0 ? 0 : Math.min(1, query.corrections.length / coverage.words),
    words: coverage.words,
    onTopic: false,
  };
}
