import type { ChatIntent, KnowledgeBase } from '../knowledge/types.js';
import { FaqMatcher, type Candidate } from './faqMatcher.js';
import { IntentClassifier } from './intentClassifier.js';
import { LANGUAGES, languageOfText, type Language } from './language.js';
import { Normalizer } from './normalize.js';

/** What the bot should do with a message. */
export type Outcome = 'answer' | 'clarify' | 'none' | 'intent';

/** Confidence levels that turn a ranking into an outcome; chosen with `icp-bot eval --sweep`. */
export interface Thresholds {
  /** At or above: answer directly (given the margin). */
  answer: number;
  /** At or above (and below answer): offer "Did you mean…". */
  clarify: number;
  /** Lead the best entry needs over the second for a direct answer. */
  margin: number;
}

/** The matcher's verdict on one message. */
export interface Recognition {
  text: string;
  /** The language the text was matched in. */
  language: Language;
  outcome: Outcome;
  /** Set when outcome is 'intent'. */
  intent?: ChatIntent;
  /** Confidence of the outcome: the best candidate's score, or the intent's similarity. */
  confidence: number;
  top?: Candidate;
  /** Best candidates, best first (for clarify: the ones offered). */
  candidates: Candidate[];
  /** Spelling corrections applied, for logs and the CLI. */
  corrections: { from: string; to: string }[];
}

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

  /** @param knowledge the knowledge base to build from, or a recognizer whose built index and classifiers to share. */
  constructor(
    knowledge: KnowledgeBase | Recognizer,
    private readonly thresholds: Thresholds,
  ) {
    if (thresholds.clarify > thresholds.answer) throw new Error('Recognizer(): clarify threshold exceeds answer threshold');
    if (knowledge instanceof Recognizer) {
      ({ normalizer: this.normalizer, matchers: this.matchers, intents: this.intents } = knowledge);
      return;
    }
    this.normalizer = new Normalizer(knowledge.synonyms, knowledge.stopWords);
    this.matchers = {} as Record<Language, FaqMatcher>;
    // The classifier takes each phrasing as the matcher normalises it, rather than all of them at the
    // end (700,000 arrays of terms held at once in a 100,000-entry knowledge base).
    this.intents = new IntentClassifier(knowledge.intents, [], this.normalizer);
    for (const language of LANGUAGES) {
      this.matchers[language] = new FaqMatcher(knowledge.entries[language], this.normalizer, (terms) => this.intents.addQuestion(terms));
    }
  }

  /** The same recognizer judged by other thresholds: the index and classifiers are shared, not built again (a threshold sweep). */
  withThresholds(thresholds: Thresholds): Recognizer {
    return new Recognizer(this, thresholds);
  }

  /**
   * Recognises one message. The text is matched in its own script's language; `fallback` is used
   * for text with no letters at all.
   */
  recognize(text: string, fallback: Language = 'en'): Recognition {
    const language = languageOfText(text) ?? fallback;
    const matcher = this.matchers[language];
    const query = matcher.queryTerms(text);
    const ranked = matcher.rank(query, 5);
    const base = { text, language, corrections: query.corrections, candidates: ranked, top: ranked[0] };
    const topScore = ranked[0]?.score ?? 0;

    // Intents are judged on the words as typed: spelling correction aims at FAQ vocabulary and
    // would turn "agent" or "over" into FAQ words.
    const guess = this.intents.guessText(text);
    if (
      guess &&
      guess.probability >= INTENT_PROBABILITY &&
      guess.similarity >= INTENT_SIMILARITY &&
      guess.similarity >= topScore &&
      !(DESTRUCTIVE_INTENTS.has(guess.intent) && this.namesOtherThanChat(text))
    ) {
      return { ...base, outcome: 'intent', intent: guess.intent, confidence: guess.similarity };
    }
    // Candidates come best first, so the second is the closest rival.
    const secondScore = ranked[1]?.score ?? 0;
    if (
      ranked.length > 0 &&
      topScore >= this.thresholds.answer &&
      topScore - secondScore >= this.thresholds.margin &&
      matcher.corroborates(query, ranked[0].id, ANSWER_MIN_WORDS, ANSWER_KEY_SHARE)
    ) {
      return { ...base, outcome: 'answer', confidence: topScore };
    }
    if (topScore >= this.thresholds.clarify) {
      const offered = ranked.filter((c) => c.score >= topScore * CLARIFY_SPREAD).slice(0, CLARIFY_OPTIONS);
      return { ...base, outcome: 'clarify', confidence: topScore, candidates: offered };
    }
    return { ...base, outcome: 'none', confidence: topScore };
  }

  /** Whether a text, as typed, has a term that no chat example has. */
  private namesOtherThanChat(text: string): boolean {
    return this.normalizer.terms(text).some((term) => !this.intents.knows(term));
  }
}
