import type { KnowledgeEntry } from '../knowledge/types.js';
import { isCharacterPair, type NormalizedText, type Normalizer } from './normalize.js';
import { EntryClassifier, type ClassifierToken, type LabelledTokens, type ModelStore } from './entryClassifier.js';
import { commonEnglishWords, ordinaryEnglishWords } from './ordinaryEnglish.js';
import { SpellingCorrector } from './spelling.js';
import { IndexedTexts, TermIndex } from './termIndex.js';

/**
 * How an entry's score is made: its best single phrasing, all its phrasings as one text, and its
 * answer text. The single phrasing is precise; the pooled text rewards a question that uses words
 * from several phrasings; the answer catches words no phrasing has.
 */
export const CHANNEL_WEIGHTS = { phrasing: 0.6, pooled: 0.3, answer: 0.1 } as const;
const CHANNELS = { phrasing: 0, pooled: 1, answer: 2 } as const;
/**
 * Share of the entry classifier's probability in a candidate's score and rank; the rest is the
 * index's. On the public benchmarks (docs/benchmarks.md) every share from 0.1 to 0.3 gains; above that
 * the nearest-phrasing evidence is drowned on corpora with few phrasings. The top of that range: where
 * many entries overlap in their words, the classifier, which learns what tells each entry from the
 * others, ranks better than the nearest phrasing, both on the knowledge base's own phrasings (each
 * fifth held out in turn) and on the training part of the labelled questions.
 */
export const CLASSIFIER_SHARE = 0.3;
/** Candidates the index adds beyond the limit, so the classifier can lift one from below the cut. */
const EXTRA_CANDIDATES = 5;

/** An FAQ entry ranked for a question. */
export interface Candidate {
  id: string;
  question: string;
  score: number;
}

/** Terms of a question after normalisation and spelling correction. */
export interface QueryTerms {
  terms: string[];
  /** The terms with the words they came from (after correction), for the entry classifier. */
  tokens: ClassifierToken[];
  weights: Map<string, number>;
  corrections: { from: string; to: string }[];
}

/** The two parts of a candidate's score. */
export interface CandidateEvidence {
  /** The index's cosine (0..1). */
  index: number;
  /** The entry classifier's probability (0 without a classifier). */
  classifier: number;
}

/** Candidates best first, and the evidence for each, in the same order. */
export interface Ranking {
  candidates: Candidate[];
  evidence: CandidateEvidence[];
  /** How far the first candidate leads every other entry of the knowledge base on each part of the score alone (negative when another entry is ahead there). */
  firstLeads: CandidateEvidence;
}

/** How much of a question an entry's words explain (see {@link FaqMatcher.coverage}). */
export interface Coverage {
  /** The question's distinct words (English words, Chinese character pairs). */
  words: number;
  /** How many of them the entry's phrasings or answer hold, a corrected word counted by its confidence. */
  found: number;
  /** The largest share of the entry's phrasings that use one of the question's terms (0..1). */
  keyShare: number;
}

/**
 * Ranks the entries of one language for a question: TF-IDF cosine over each entry's question and
 * alternates, its answer text at a lower weight, misspelt English words corrected by fuse.js, mixed
 * with an entry classifier trained on the phrasings.
 */
export class FaqMatcher {
  private readonly index: TermIndex;
  private readonly speller: SpellingCorrector;
  /** Absent when there are fewer than two entries or too many to train on (see {@link EntryClassifier.train}). */
  private readonly classifier?: EntryClassifier;
  private readonly questions = new Map<string, string>();
  /** Per entry, by id: its position in the knowledge base, which indexes the two arrays below. */
  private readonly entryPosition = new Map<string, number>();
  /** Per entry: the number of its text of all phrasings together, which its answer's text follows. */
  private readonly pooledText: Int32Array;
  /** Per entry: how many phrasings it has (its question and alternates). */
  private readonly phrasingCount: Int32Array;
  /** Each label of the classifier by id: its position in the classifier's probabilities. */
  private readonly classifierPosition = new Map<string, number>();
  /** Scratch by classifier position, zero between questions: the index's cosine of the entries it found. */
  private scratchIndexScores?: Float64Array;
  /** Scratch by classifier position: each entry's mixed score. */
  private scratchMixed?: Float64Array;

  /**
   * @param onPhrasing receives the terms of every question and alternate, so the intent classifier need not normalise them again.
   * @param models where a classifier trained on the same phrasings in an earlier process is kept (see {@link EntryClassifier.train}).
   */
  constructor(
    entries: readonly KnowledgeEntry[],
    private readonly normalizer: Normalizer,
    onPhrasing?: (terms: readonly string[]) => void,
    models?: ModelStore,
  ) {
    // Collected text by text into typed arrays: a large knowledge base has too many texts to hold as arrays of strings.
    const texts = new IndexedTexts();
    // The classifier's training texts are kept only when it will be trained.
    const phrasings = entries.reduce((sum, entry) => sum + 1 + entry.alternates.length, 0);
    const training: LabelledTokens[] | undefined = EntryClassifier.canTrain(entries.length, phrasings) ? [] : undefined;
    const vocabulary = new Set<string>();
    this.pooledText = new Int32Array(entries.length);
    this.phrasingCount = new Int32Array(entries.length);
    for (const [position, entry] of entries.entries()) {
      this.questions.set(entry.id, entry.question);
      this.entryPosition.set(entry.id, position);
      this.phrasingCount[position] = 1 + entry.alternates.length;
      const pooled: string[] = [];
      for (const phrasing of [entry.question, ...entry.alternates]) {
        const terms: string[] = [];
        const tokens: ClassifierToken[] | undefined = training ? [] : undefined;
        normalizer.eachToken(phrasing, (term, raw) => {
          terms.push(term);
          if (raw) vocabulary.add(raw);
          tokens?.push({ term, raw });
        });
        texts.add(entry.id, terms, CHANNELS.phrasing);
        if (tokens) training?.push({ label: entry.id, tokens });
        onPhrasing?.(terms);
        pooled.push(...new Set(terms));
      }
      this.pooledText[position] = texts.size;
      texts.add(entry.id, pooled, CHANNELS.pooled);
      // Right after the pooled text: corroborates() finds the answer's text by that.
      texts.add(entry.id, normalizer.terms(entry.answer), CHANNELS.answer);
    }
    // A term's rarity counted over entries (RankOrder 'labelRarity').
    this.index = new TermIndex(texts, [CHANNEL_WEIGHTS.phrasing, CHANNEL_WEIGHTS.pooled, CHANNEL_WEIGHTS.answer], 'labelRarity');
    this.speller = new SpellingCorrector(vocabulary, ordinaryEnglishWords(), commonEnglishWords());
    this.classifier = training && EntryClassifier.train(training, {}, models);
    this.classifier?.labels.forEach((label, position) => this.classifierPosition.set(label, position));
  }

  /** Whether a normalised term occurs in an entry's phrasings or answer. */
  knows(term: string): boolean {
    return this.index.has(term);
  }

  /**
   * How much of a question an entry's own words explain: of the question's words, how many its
   * phrasings or answer hold, and the largest share of its phrasings that use one of them (a key
   * word). A corrected word counts by its confidence and a repeated one once. Chinese is counted in
   * character pairs, not in the segmenter's words: it splits a compound such as 账号 into two
   * one-character words, which would make one shared compound look like two shared words; any term
   * may be the key word.
   */
  coverage(query: QueryTerms, id: string): Coverage {
    const position = this.entryPosition.get(id);
    if (position === undefined) return { words: 0, found: 0, keyShare: 0 };
    const pooled = this.pooledText[position];
    const phrasingCount = this.phrasingCount[position];
    const { tokens, weights } = query;
    let words = 0;
    let found = 0;
    let keyShare = 0;
    for (let i = 0; i < tokens.length; i += 1) {
      const { term } = tokens[i];
      if (repeatsEarlier(tokens, i)) continue;
      const counted = isCountedWord(tokens[i]);
      if (counted) words += 1;
      // Each phrasing adds its distinct terms to the pooled text once, so a count there is a number of phrasings.
      const phrasings = this.index.occurrences(term, pooled);
      if (phrasings === 0 && this.index.occurrences(term, pooled + 1) === 0) continue;
      keyShare = Math.max(keyShare, phrasings / phrasingCount);
      if (counted) found += weights.get(term) ?? 1;
    }
    return { words, found, keyShare };
  }

  /**
   * Whether one of the entry's phrasings (its question or an alternate) holds every word of a question
   * that {@link coverage} counts. Stricter than the pooled coverage: an entry with many phrasings holds
   * many words between them, so a short question on another topic ("can I change the owner of my
   * domain") can find each of its words in some phrasing without any phrasing asking it.
   */
  onePhrasingHolds(query: QueryTerms, id: string): boolean {
    const position = this.entryPosition.get(id);
    if (position === undefined) return false;
    const end = this.pooledText[position];
    const { tokens } = query;
    for (let text = end - this.phrasingCount[position]; text < end; text += 1) {
      let holds = true;
      for (let i = 0; i < tokens.length && holds; i += 1) {
        if (isCountedWord(tokens[i]) && this.index.occurrences(tokens[i].term, text) === 0) holds = false;
      }
      if (holds) return true;
    }
    return false;
  }

  /** Normalises a question (unless given it normalised) and corrects words the index does not know. */
  queryTerms(text: string | NormalizedText): QueryTerms {
    const weights = new Map<string, number>();
    const corrections: { from: string; to: string }[] = [];
    const terms: string[] = [];
    const tokens: ClassifierToken[] = [];
    for (const token of typeof text === 'string' ? this.normalizer.tokens(text) : text.tokens) {
      // A pair across two words that no phrasing has is no evidence against an entry: 网站|为什么 says 站为, which no entry uses
      // and which would otherwise count as the rarest term of all. One the index knows stays (核验|收到 segmented 验收|到了).
      if (token.across && !this.index.has(token.term)) continue;
      let term = token.term;
      let raw = token.raw;
      if (token.raw && !this.index.has(term)) {
        const correction = this.speller.correct(token.raw);
        if (correction) {
          term = this.normalizer.termOf(correction.word);
          weights.set(term, Math.min(weights.get(term) ?? 1, correction.confidence));
          corrections.push({ from: token.raw, to: correction.word });
          raw = correction.word;
        }
      }
      terms.push(term);
      tokens.push({ term, raw });
    }
    return { terms, tokens, weights, corrections };
  }

  /**
   * Entries ranked for a question, best first. A candidate's score is the index's cosine with
   * rarity counted over entries (see RankOrder), mixed with the classifier's probability when there
   * is one ({@link CLASSIFIER_SHARE}); candidates come in the order of their scores.
   */
  rank(query: QueryTerms, limit = 5): Candidate[] {
    return this.rankWithEvidence(query, limit).candidates;
  }

  /** {@link rank}, with each candidate's index cosine and classifier probability (the calibrated confidence's evidence). */
  rankWithEvidence(query: QueryTerms, limit = 5): Ranking {
    if (!this.classifier) {
      const ranked = this.index.rank(query.terms, limit, query.weights);
      const evidence = ranked.map(({ score }) => ({ index: score, classifier: 0 }));
      return {
        candidates: ranked.map(({ label, score }) => this.candidate(label, score)),
        evidence,
        firstLeads: { index: evidence.length === 0 ? 0 : evidence[0].index - (evidence[1]?.index ?? 0), classifier: 0 },
      };
    }
    const found = this.index.rank(query.terms, limit + EXTRA_CANDIDATES, query.weights);
    // No word the knowledge base knows: the classifier's letter n-grams alone are no evidence.
    if (found.length === 0) return { candidates: [], evidence: [], firstLeads: { index: 0, classifier: 0 } };
    const { labels } = this.classifier;
    const probabilities = this.classifier.labelProbabilities(query.tokens);
    // Scores by the classifier's label positions, in arrays reused by every question rather than an object per entry.
    const index = (this.scratchIndexScores ??= new Float64Array(labels.length));
    const mixed = (this.scratchMixed ??= new Float64Array(labels.length));
    for (const { label, score } of found) {
      const at = this.classifierPosition.get(label);
      if (at !== undefined) index[at] = score;
    }
    for (let i = 0; i < labels.length; i += 1) mixed[i] = (1 - CLASSIFIER_SHARE) * index[i] + CLASSIFIER_SHARE * probabilities[i];
    // The first `limit` in the order of a full sort, without sorting every entry: best first, equal scores by label.
    const best = firstInOrder(labels.length, Math.max(limit, 1), (a, b) => mixed[b] - mixed[a] || labels[a].localeCompare(labels[b]));
    const first = best[0];
    if (limit < 1) best.length = 0;
    let indexRival = 0;
    let classifierRival = 0;
    for (let i = 0; i < labels.length; i += 1) {
      if (i === first) continue;
      indexRival = Math.max(indexRival, index[i]);
      classifierRival = Math.max(classifierRival, probabilities[i]);
    }
    const ranking: Ranking = {
      candidates: best.map((i) => this.candidate(labels[i], mixed[i])),
      evidence: best.map((i) => ({ index: index[i], classifier: probabilities[i] })),
      firstLeads: { index: index[first] - indexRival, classifier: probabilities[first] - classifierRival },
    };
    for (const { label } of found) {
      const at = this.classifierPosition.get(label);
      if (at !== undefined) index[at] = 0;
    }
    return ranking;
  }

  private candidate(label: string, score: number): Candidate {
    return { id: label, question: this.questions.get(label) ?? label, score };
  }
}

/**
 * The first `count` of the items `0 .. items - 1` in the order `compare` sorts them (a total order),
 * by insertion: `count` is small, the items many.
 */
function firstInOrder(items: number, count: number, compare: (a: number, b: number) => number): number[] {
  const top: number[] = [];
  for (let item = 0; item < items; item += 1) {
    if (top.length === count && compare(item, top[count - 1]) >= 0) continue;
    let at = top.length;
    while (at > 0 && compare(item, top[at - 1]) < 0) at -= 1;
    // Those after it move down one place (no array from splice); when all `count` places are taken, the last drops out.
    if (top.length < count) top.push(item);
    for (let k = top.length - 1; k > at; k -= 1) top[k] = top[k - 1];
    top[at] = item;
  }
  return top;
}

/**
 * Whether a token counts as one of a question's words for {@link FaqMatcher.coverage}: English words come with the word as
 * typed; Chinese terms without, and only character pairs count (the segmenter's words would count a compound twice).
 */
function isCountedWord({ term, raw }: ClassifierToken): boolean {
  return raw !== undefined || isCharacterPair(term);
}

/** Whether the token at `at` has the term of an earlier one (a loop rather than a closure per token). */
function repeatsEarlier(tokens: readonly ClassifierToken[], at: number): boolean {
  for (let i = 0; i < at; i += 1) if (tokens[i].term === tokens[at].term) return true;
  return false;
}
