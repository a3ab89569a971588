/** A trie over token sequences: finds, left to right, the longest known phrase at each position. */
import type { Token } from './text.js';

interface TrieNode<M> {
  /** Some longer phrase starts with this one. */
  longer: boolean;
  meanings?: M[];
}

/** One phrase found in a message: tokens [first, last] and what it means. */
export interface PhraseMatch<M> {
  first: number;
  last: number;
  meanings: M[];
}

/** Joins the tokens of a prefix; no token contains it. */
const SEPARATOR = '\u0001';

/**
 * The trie is one map from each phrase prefix (tokens joined) to its node: one map of a few tens of
 * thousands of keys builds faster and takes less memory than a map per node.
 */
export class PhraseTrie<M> {
  private readonly nodes = new Map<string, TrieNode<M>>();
  private phraseCount = 0;

  /** Adds a phrase given as its normalised tokens. */
  add(tokens: readonly string[], meaning: M): void {
    if (tokens.length === 0) return;
    let key = '';
    let node: TrieNode<M> | undefined;
    for (let i = 0; i < tokens.length; i++) {
      key = i === 0 ? tokens[0]! : key + SEPARATOR + tokens[i]!;
      node = this.nodes.get(key);
      if (!node) {
        node = { longer: false };
        this.nodes.set(key, node);
      }
      if (i < tokens.length - 1) node.longer = true;
    }
    if (!node!.meanings) {
      node!.meanings = [];
      this.phraseCount++;
    }
    node!.meanings.push(meaning);
  }

  /** Whether a phrase, or a longer phrase, starts with this token. */
  starts(token: string): boolean {
    return this.nodes.has(token);
  }

  get size(): number {
    return this.phraseCount;
  }

  /**
   * The longest phrases, left to right, that do not overlap and do not cross the end of a clause.
   * `accept` filters a phrase's meanings in context (a common word that is also a place name counts
   * only after "in"); a phrase none of whose meanings is accepted does not end a match.
   */
  scan(tokens: readonly Token[], accept: (meaning: M, first: number, last: number) => boolean): PhraseMatch<M>[] {
    const found: PhraseMatch<M>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let best: PhraseMatch<M> | undefined;
      let key = '';
      for (let j = i; j < tokens.length; j++) {
        if (j > i && tokens[j]!.clause !== tokens[i]!.clause) break;
        key = j === i ? tokens[j]!.norm : key + SEPARATOR + tokens[j]!.norm;
        const node = this.nodes.get(key);
        if (!node) break;
        if (node.meanings) {
          const accepted = node.meanings.filter((meaning) => accept(meaning, i, j));
          if (accepted.length > 0) best = { first: i, last: j, meanings: accepted };
        }
        if (!node.longer) break;
      }
      if (best) {
        found.push(best);
        i = best.last + 1;
      } else {
        i++;
      }
    }
    return found;
  }
}
