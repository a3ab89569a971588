import Fuse from 'fuse.js';

/** A misspelt word replaced by the closest known word, and how sure that is (0..1). */
export interface Correction {
  word: string;
  confidence: number;
}

/** fuse.js score (0 = exact) above which a near word is not taken as the intended one. */
const MAX_DISTANCE = 0.3;
/** Words shorter than this are too ambiguous to correct ("ip", "hk", "cdn"). */
const MIN_LENGTH = 4;

/**
 * Corrects English words the knowledge base never uses to the nearest word it does use
 * ("registraion" → "registration"), with fuse.js over the knowledge base's own vocabulary.
 */
export class SpellingCorrector {
  private readonly known: Set<string>;
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, Correction | undefined>();

  constructor(vocabulary: Iterable<string>) {
    this.known = new Set([...vocabulary].filter((w) => /^[a-z]+$/.test(w)));
    this.fuse = new Fuse([...this.known], { includeScore: true, threshold: MAX_DISTANCE, ignoreLocation: true, minMatchCharLength: 2 });
  }

  /** The correction for a lower-case word, or undefined when it is known, too short, or has no near word. */
  correct(word: string): Correction | undefined {
    if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word) || this.known.has(word)) return undefined;
    if (this.cache.has(word)) return this.cache.get(word);
    const [best] = this.fuse.search(word, { limit: 1 });
    // Length must be close too: fuse scores substrings well ("host" inside "hosting" is not a typo).
    const correction =
      best && best.score !== undefined && Math.abs(best.item.length - word.length) <= 2
        ? { word: best.item, confidence: 1 - best.score }
        : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, correction);
    return correction;
  }
}
