import Fuse from 'fuse.js';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';

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
 * Among those, fuse still compares letter by letter (bitap) with hundreds to thousands of words in a
 * large vocabulary, most of which it then rejects. fuse's score is the edits of the match over the
 * word's length, and no match needs fewer edits than the word's distance to the closest part of the
 * known word ({@link closestPartDistance}, a cheaper bit-parallel count), so that distance over the
 * length is the least score a known word can have: words whose least score is over fuse's threshold
 * are dropped, the others searched in groups of equal least score, lowest first, until a group
 * cannot beat the best score found (ties go to the earlier word, as in fuse).
 */
export class SpellingCorrector {
  private readonly known: Set<string>;
  private readonly words: string[];
  /** Over every known word, for the words the bigram filter cannot narrow; built on first use. */
  private fuse?: Fuse<string>;
  /** For each letter pair (26 × first + second), the indices (ascending) of the known words that contain it. */
  private readonly byBigram: Int32Array[];
  /** Scratch: letter pairs each known word shares with the word being corrected, and the words touched (cleared after each search). */
  private readonly shared: Uint16Array;
  private readonly touched: Int32Array;
  /** The known words' letters (0 = a) one after another, word i at `letters[wordStart[i] .. wordStart[i + 1]]`: read far faster than the strings. */
  private readonly letters: Uint8Array;
  private readonly wordStart: Int32Array;
  private readonly cache = new Map<string, Correction | undefined>();

  /**
   * `ordinary`: words of English. Such a word the knowledge base does not use is corrected only to a known word one
   * edit away ("sever" → "server", "fling" → "filing"), not to any near one ("clothing" is not "closing"), nor to its
   * negation ("ever" is not "never"). `common`: everyday words among them, never corrected ("forget" is not "forgot").
   */
  constructor(
    vocabulary: Iterable<string>,
    private readonly ordinary: ReadonlySet<string> = new Set(),
    private readonly common: ReadonlySet<string> = new Set(),
  ) {
    this.known = new Set([...vocabulary].filter((w) => /^[a-z]+$/.test(w)));
    this.words = [...this.known];
    this.shared = new Uint16Array(this.words.length);
    this.touched = new Int32Array(this.words.length);
    const lists: number[][] = Array.from({ length: 26 * 26 }, () => []);
    this.words.forEach((word, index) => {
      for (const pair of new Set(bigrams(word))) lists[pair].push(index);
    });
    this.byBigram = lists.map((list) => Int32Array.from(list));
    this.wordStart = new Int32Array(this.words.length + 1);
    this.words.forEach((word, index) => (this.wordStart[index + 1] = this.wordStart[index] + word.length));
    this.letters = new Uint8Array(this.wordStart[this.words.length]);
    this.words.forEach((word, index) => {
      for (let i = 0; i < word.length; i += 1) this.letters[this.wordStart[index] + i] = word.charCodeAt(i) - 97;
    });
  }

  /** The correction for a lower-case word, or undefined when it is known, an everyday word, too short, or has no near word. */
  correct(word: string): Correction | undefined {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word) || this.known.has(word) || this.common.has(word)) return undefined;
    if (this.cache.has(word)) return this.cache.get(word);
    const [best] = this.search(word);
    // Length must be close too: fuse scores substrings well ("host" inside "hosting" is not a typo).
    const near = best && best.score !== undefined && Math.abs(best.item.length - word.length) <= 2;
    const correction =
      near && (!this.ordinary.has(word) || (oneEditApart(word, best.item) && !negates(word, best.item))) ? { word: best.item, confidence: 1 - best.score! } : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, correction);
    return correction;
  }

  private search(word: string): { item: string; score?: number }[] {
    const pairs = bigrams(word);
    const needed = pairs.length - 2 * Math.floor(MAX_DISTANCE * word.length);
    if (needed < 1 || word.length > FUSE_MAX_PATTERN) return (this.fuse ??= new Fuse(this.words, FUSE_OPTIONS)).search(word, { limit: 1 });
    // How many of the word's letter pairs (counted by position) each known word holds.
    const { shared, touched } = this;
    let touchedCount = 0;
    const perPair = new Map<number, number>();
    for (const pair of pairs) perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
    for (const [pair, times] of perPair) {
      const list = this.byBigram[pair];
      for (let i = 0; i < list.length; i += 1) {
        const index = list[i];
        if (shared[index] === 0) touched[touchedCount++] = index;
        shared[index] += times;
      }
    }
    const candidates: number[] = [];
    for (let i = 0; i < touchedCount; i += 1) {
      if (shared[touched[i]] >= needed) candidates.push(touched[i]);
      shared[touched[i]] = 0;
    }
    const pattern = patternMasks(word);
    const most = Math.floor(MAX_DISTANCE * word.length);
    const distanceOf = new Map<number, number>();
    for (const index of candidates) {
      // A known word shorter by more than `most` letters is further than that from the word.
      if (word.length - (this.wordStart[index + 1] - this.wordStart[index]) > most) continue;
      const distance = distanceToClosestPart(pattern, this.letters, this.wordStart[index], this.wordStart[index + 1]);
      if (distance <= most) distanceOf.set(index, distance);
    }
    // Fewest edits first; within a group in vocabulary order, as fuse would see them.
    const ordered = [...distanceOf.keys()].sort((a, b) => (distanceOf.get(a) ?? 0) - (distanceOf.get(b) ?? 0) || a - b);
    let best: { item: string; score?: number; index: number } | undefined;
    for (let start = 0; start < ordered.length; ) {
      const distance = distanceOf.get(ordered[start]) ?? 0;
      let end = start + 1;
      while (end < ordered.length && distanceOf.get(ordered[end]) === distance) end += 1;
      if (best?.score !== undefined && distance / word.length > best.score) break;
      const group = ordered.slice(start, end);
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

/** A lower-case word (at most 32 letters) as bit masks, one per letter: bit i is set where the word has that letter at i. */
interface PatternMasks {
  length: number;
  masks: Int32Array;
}

function patternMasks(word: string): PatternMasks {
  const masks = new Int32Array(26);
  for (let i = 0; i < word.length; i += 1) masks[word.charCodeAt(i) - 97] |= 1 << i;
  return { length: word.length, masks };
}

/**
 * The fewest edits (insertions, deletions, substitutions) that turn `word` (at most 32 lower-case
 * letters) into some part of `text`, by Myers' bit-parallel algorithm: one pass over the text, the
 * pattern's column of the edit-distance table held in two 32-bit masks.
 */
export function closestPartDistance(word: string, text: string): number {
  return distanceToClosestPart(patternMasks(word), Uint8Array.from(text, (c) => c.charCodeAt(0) - 97), 0, text.length);
}

/** The same for the text `letters[from .. to]` (letters as 0 = a … 25 = z). */
function distanceToClosestPart(pattern: PatternMasks, letters: Uint8Array, from: number, to: number): number {
  const high = 1 << (pattern.length - 1);
  let positive = -1;
  let negative = 0;
  let score = pattern.length;
  let best = score;
  for (let j = from; j < to; j += 1) {
    const eq = pattern.masks[letters[j]];
    const xv = eq | negative;
    const xh = (((eq & positive) + positive) ^ positive) | eq;
    let ph = negative | ~(xh | positive);
    let mh = positive & xh;
    if (ph & high) score += 1;
    else if (mh & high) score -= 1;
    // A part may start anywhere in the text: the top row of the table stays 0, so no carry into bit 0.
    ph <<= 1;
    mh <<= 1;
    positive = mh | ~(xv | ph);
    negative = ph & xv;
    if (score < best) best = score;
  }
  return best;
}

/** A lower-case word's letter pairs, each as 26 × first + second. */
function bigrams(word: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < word.length; i += 1) out.push(26 * (word.charCodeAt(i) - 97) + word.charCodeAt(i + 1) - 97);
  return out;
}

/** Whether one word is the other with a negating "n" before it ("ever" / "never", "either" / "neither"): a meaning reversed, not a typo. */
function negates(word: string, known: string): boolean {
  return known === `n${word}` || word === `n${known}`;
}

/** Whether two words differ by one edit: a letter replaced, added or dropped, or two neighbours swapped (natural's Damerau-Levenshtein distance, as the place spelling uses). */
export function oneEditApart(a: string, b: string): boolean {
  return a !== b && Math.abs(a.length - b.length) <= 1 && DamerauLevenshteinDistance(a, b) === 1;
}
