import type { KnowledgeEntry } from '../knowledge/types.js';
import type { Normalizer } from './normalize.js';
import { SpellingCorrector } from './spelling.js';
import { IndexedTexts, TermIndex } from './termIndex.js';

/**
 * How an entry's score is made: its best single phrasing, all its phrasings as one text, and its
 * answer text. The single phrasing is precise; the pooled text rewards a question that uses words
 * from several phrasings; the answer catches words no phrasing has.
 */
export const CHANNEL_WEIGHTS = { phrasing: 0.6, pooled: 0.3, answer: 0.1 } as const;
const CHANNELS = { phrasing: 0, pooled: 1, answer: 2 } as const;

/** An FAQ entry ranked for a question. */
export interface Candidate {
  id: string;
  question: string;
  score: number;
}

/** Terms of a question after normalisation and spelling correction. */
export interface QueryTerms {
  terms: string[];
  weights: Map<string, number>;
  corrections: { from: string; to: string }[];
}

/**
 * Ranks the entries of one language for a question: TF-IDF cosine over each entry's question and
 * alternates, its answer text at a lower weight, misspelt English words corrected by fuse.js.
 */
export class FaqMatcher {
  private readonly index: TermIndex;
  private readonly speller: SpellingCorrector;
  private readonly questions = new Map<string, string>();

  /** @param onPhrasing receives the terms of every question and alternate, so the intent classifier need not normalise them again. */
  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly normalizer: Normalizer,
    onPhrasing?: (terms: readonly string[]) => void,
  ) {
    // Collected text by text into typed arrays: a large knowledge base has too many texts to hold as arrays of strings.
    const texts = new IndexedTexts();
    const vocabulary = new Set<string>();
    for (const entry of entries) {
      this.questions.set(entry.id, entry.question);
      const pooled: string[] = [];
      for (const phrasing of [entry.question, ...entry.alternates]) {
        const terms: string[] = [];
        normalizer.eachToken(phrasing, (term, raw) => {
          terms.push(term);
          if (raw) vocabulary.add(raw);
        });
        texts.add(entry.id, terms, CHANNELS.phrasing);
        onPhrasing?.(terms);
        pooled.push(...new Set(terms));
      }
      texts.add(entry.id, pooled, CHANNELS.pooled);
      texts.add(entry.id, normalizer.terms(entry.answer), CHANNELS.answer);
    }
    // Ordered by rarity counted over entries, scored as before: see RankOrder.
    this.index = new TermIndex(texts, [CHANNEL_WEIGHTS.phrasing, CHANNEL_WEIGHTS.pooled, CHANNEL_WEIGHTS.answer], 'labelRarity');
    this.speller = new SpellingCorrector(vocabulary);
  }

  /** Normalises a question and corrects words the index does not know. */
  queryTerms(text: string): QueryTerms {
    const weights = new Map<string, number>();
    const corrections: { from: string; to: string }[] = [];
    const terms: string[] = [];
    for (const token of this.normalizer.tokens(text)) {
      let term = token.term;
      if (token.raw && !this.index.has(term)) {
        const correction = this.speller.correct(token.raw);
        if (correction) {
          term = this.normalizer.termOf(correction.word);
          weights.set(term, Math.min(weights.get(term) ?? 1, correction.confidence));
          corrections.push({ from: token.raw, to: correction.word });
        }
      }
      terms.push(term);
    }
    return { terms, weights, corrections };
  }

  /** Entries ranked for a question, best first. */
  rank(query: QueryTerms, limit = 5): Candidate[] {
    return this.index.rank(query.terms, limit, query.weights).map(({ label, score }) => ({
      id: label,
      question: this.questions.get(label) ?? label,
      score,
    }));
  }
}
