import Fuse from 'fuse.js';

/** A misspelt word replaced by the closest known word, and how sure that is (0..1). */
export interface Correction {
  word: string;
  confidence: number;
}

/** fuse.js score (0 = exact) above which a near word is not taken as the intended one. */
export const MAX_DISTANCE = 0.3;
/** Words shorter than this are too ambiguous to correct ("ip", "hk", "cdn"). */
const MIN_LENGTH = 4;
/** fuse.js splits longer patterns into pieces; for them the bigram filter below does not hold, so all words are searched. */
const FUSE_MAX_PATTERN = 32;
export const FUSE_OPTIONS = { includeScore: true, threshold: MAX_DISTANCE, ignoreLocation: true, minMatchCharLength: 2 } as const;

/**
 * Corrects English words the knowledge base never uses to the nearest word it does use
 * ("registraion" → "registration"), with fuse.js over the knowledge base's own vocabulary.
 *
 * fuse.js compares a word with every known word, which takes milliseconds once the vocabulary has
 * tens of thousands of words. A word within fuse's threshold (k = ⌊0.3 × length⌋ edits) keeps at
 * least length − 1 − 2k of its letter pairs (each edit breaks at most two), so only known words
 * holding that many of them can match: fuse searches just those, in their original order, and
 * finds the same word it would have found among all.
 *
 * The same bound orders that search: a known word sharing s of the word's p letter pairs cannot match
 * with fewer than ⌈(p − s) / 2⌉ edits, so its fuse score is at least that over the word's length.
 * Candidates are searched in groups, most shared pairs first, and a group whose least possible score
 * exceeds the best score found cannot hold the best word (ties go to the earlier word, as in fuse).
 */
export class SpellingCorrector {
  private readonly known: Set<string>;
  private readonly words: string[];
  /** Over every known word, for the words the bigram filter cannot narrow; built on first use. */
  private fuse?: Fuse<string>;
  /** For each letter pair, the indices (ascending) of the known words that contain it. */
  private readonly byBigram = new Map<string, number[]>();
  /** Scratch: letter pairs each known word shares with the word being corrected (cleared after each search). */
  private readonly shared: Uint16Array;
  private readonly cache = new Map<string, Correction | undefined>();

  constructor(vocabulary: Iterable<string>) {
    this.known = new Set([...vocabulary].filter((w) => /^[a-z]+$/.test(w)));
    this.words = [...this.known];
    this.shared = new Uint16Array(this.words.length);
    this.words.forEach((word, index) => {
      for (const bigram of new Set(bigrams(word))) {
        let list = this.byBigram.get(bigram);
        if (!list) this.byBigram.set(bigram, (list = []));
        list.push(index);
      }
    });
  }

  /** The correction for a lower-case word, or undefined when it is known, too short, or has no near word. */
  correct(word: string): Correction | undefined {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word) || this.known.has(word)) return undefined;
    if (this.cache.has(word)) return this.cache.get(word);
    const [best] = this.search(word);
    // Length must be close too: fuse scores substrings well ("host" inside "hosting" is not a typo).
    const correction =
      best && best.score !== undefined && Math.abs(best.item.length - word.length) <= 2
        ? { word: best.item, confidence: 1 - best.score }
        : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, correction);
    return correction;
  }

  private search(word: string): { item: string; score?: number }[] {
    const pairs = bigrams(word);
    const needed = pairs.length - 2 * Math.floor(MAX_DISTANCE * word.length);
    if (needed < 1 || word.length > FUSE_MAX_PATTERN) return (this.fuse ??= new Fuse(this.words, FUSE_OPTIONS)).search(word, { limit: 1 });
    // How many of the word's letter pairs (counted by position) each known word holds.
    const shared = this.shared;
    const touched: number[] = [];
    const perPair = new Map<string, number>();
    for (const pair of pairs) perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
    for (const [pair, times] of perPair) {
      for (const index of this.byBigram.get(pair) ?? []) {
        if (shared[index] === 0) touched.push(index);
        shared[index] += times;
      }
    }
    const candidates = touched.filter((index) => shared[index] >= needed);
    // Most shared pairs first; within a group in vocabulary order, as fuse would see them.
    candidates.sort((a, b) => shared[b] - shared[a] || a - b);
    const sharedBy = candidates.map((index) => shared[index]);
    for (const index of touched) shared[index] = 0;
    let best: { item: string; score?: number; index: number } | undefined;
    for (let start = 0; start < candidates.length; ) {
      let end = start + 1;
      while (end < candidates.length && sharedBy[end] === sharedBy[start]) end += 1;
      const leastScore = Math.ceil((pairs.length - sharedBy[start]) / 2) / word.length;
      if (best?.score !== undefined && leastScore > best.score) break;
      const group = candidates.slice(start, end);
      const [found] = new Fuse(group.map((i) => this.words[i]), FUSE_OPTIONS).search(word, { limit: 1 });
      if (found && found.score !== undefined) {
        const index = group[found.refIndex];
        if (best?.score === undefined || found.score < best.score || (found.score === best.score && index < best.index)) best = { item: found.item, score: found.score, index };
      }
      start = end;
    }
    return best ? [best] : [];
  }
}

function bigrams(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i += 1) out.push(word.slice(i, i + 2));
  return out;
}
