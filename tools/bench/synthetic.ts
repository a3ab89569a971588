import type { KnowledgeBase, KnowledgeEntry } from '../../src/knowledge/types.js';

import { seededRandom } from '../../src/util/seededRandom.js';

export { seededRandom };

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'cl', 'dr', 'fl', 'gr', 'pl', 'pr', 'sh', 'sk', 'st', 'tr'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st'];

/**
 * `count` distinct made-up words of two to four syllables: a vocabulary the matcher has no
 * prior knowledge of, as large as a real knowledge base of that size would use.
 */
export function makeVocabulary(count: number, random: () => number): string[] {
  const words = new Set<string>();
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  while (words.size < count) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i += 1) word += pick(ONSETS) + pick(NUCLEI) + (i === syllables - 1 ? pick(CODAS) : '');
    words.add(word);
  }
  return [...words];
}

/** Draws word indices with Zipf's law (s = 1): a few words are everywhere, most are rare, as in real text. */
export function zipfSampler(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i += 1) cumulative[i] = total += 1 / (i + 1);
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A synthetic knowledge base and queries against it. */
export interface SyntheticSet {
  entries: KnowledgeEntry[];
  /** Queries built from one entry's topic words (`expected` is its id) or from random words (`expected` undefined). */
  queries: { text: string; expected?: string }[];
}

/** Vocabulary size for a knowledge base of `entries` entries: Heaps' law, growing with the square root. */
export function vocabularySize(entries: number): number {
  return Math.round(3000 * Math.sqrt(Math.max(1, entries) / 100));
}

/**
 * English-like entries with a made-up vocabulary: each entry has a topic of a few words that its
 * question and six alternates share, mixed with words drawn by Zipf's law (the most frequent ranks
 * are `functionWords`, as in real text), and an answer of 25–40 words. Half the queries paraphrase
 * an entry (some of its topic words, other words, a typo); half are random.
 */
export function syntheticSet(size: number, queryCount: number, seed = 1, functionWords: readonly string[] = []): SyntheticSet {
  const random = seededRandom(seed);
  // The most frequent words of real text are function words ("the", "do", "is"), which the
  // normaliser drops; made-up words in their place would be content words found in half the texts.
  const vocabulary = [...functionWords, ...makeVocabulary(vocabularySize(size), random)];
  const zipf = zipfSampler(vocabulary.length, random);
  const word = () => vocabulary[zipf()];
  const rareWord = () => vocabulary[functionWords.length + Math.floor((vocabulary.length - functionWords.length) * (0.05 + 0.95 * random()))];
  const sentence = (topic: readonly string[], length: number) => {
    const words = Array.from({ length }, (_, i) => (i < topic.length && random() < 0.8 ? topic[i] : word()));
    return shuffle(words, random).join(' ');
  };
  const topics: string[][] = [];
  const entries: KnowledgeEntry[] = [];
  for (let i = 0; i < size; i += 1) {
    const topic = Array.from({ length: 3 + Math.floor(random() * 3) }, rareWord);
    topics.push(topic);
    const phrasing = () => sentence(topic, topic.length + 2 + Math.floor(random() * 4));
    entries.push({
      id: `entry-${i}`,
      language: 'en',
      question: `${phrasing()}?`,
      alternates: Array.from({ length: 6 }, phrasing),
      answer: sentence(topic, 25 + Math.floor(random() * 16)),
      source: 'synthetic',
      related: [],
      confirmedBy: [],
      file: `en/entry-${i}.md`,
    });
  }
  const queries: SyntheticSet['queries'] = [];
  for (let q = 0; q < queryCount; q += 1) {
    if (q % 2 === 0) {
      const target = Math.floor(random() * size);
      const topic = topics[target].filter(() => random() < 0.7);
      const words = [...topic, ...Array.from({ length: 2 + Math.floor(random() * 3) }, word)];
      const typo = Math.floor(random() * words.length);
      if (words[typo].length > 5) words[typo] = words[typo].slice(0, -2) + words[typo].slice(-1);
      queries.push({ text: shuffle(words, random).join(' '), expected: topic.length > 0 ? `entry-${target}` : undefined });
    } else {
      queries.push({ text: Array.from({ length: 4 + Math.floor(random() * 6) }, word).join(' ') });
    }
  }
  return { entries, queries };
}

/** A knowledge base of synthetic English entries, with the real stop words, synonyms and chat intents. */
export function syntheticKnowledge(entries: KnowledgeEntry[], real: KnowledgeBase): KnowledgeBase {
  return { ...real, entries: { en: entries, 'zh-CN': [] } };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
