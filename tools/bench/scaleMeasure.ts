import type { Performance } from 'node:perf_hooks';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { Recognizer } from '../../src/nlu/recognizer.js';
import { quantile, round } from './stats.js';
import { syntheticKnowledge, syntheticSet, vocabularySize } from './synthetic.js';

/** Figures for one knowledge-base size. */
export interface SizeResult {
  entries: number;
  phrasings: number;
  vocabulary: number;
  /** Building the Recognizer (normalisation, index, spelling vocabulary, intent classifier), in ms. */
  buildMs: number;
  /** Resident set size after the build (knowledge base and matcher in memory), in MB. */
  rssMb: number;
  /** Of that, the growth caused by the build itself, in MB. */
  buildRssMb: number;
  heapUsedMb: number;
  queries: number;
  queryP50Ms: number;
  queryP99Ms: number;
  queryMaxMs: number;
  /** Paraphrase queries whose best candidate is the entry they were made from (a check that the index works at this size). */
  paraphraseTop1: number;
}

const MB = 1024 * 1024;

/**
 * Builds a matcher over a synthetic knowledge base of `entries` entries (the real knowledge base's
 * English stop words as its most frequent words) and times `queries` queries.
 */
export function measureKnowledgeBase(
  entries: number,
  queries: number,
  real: KnowledgeBase,
  build: (knowledge: KnowledgeBase) => Recognizer,
  clock: Pick<Performance, 'now'>,
): SizeResult {
  const set = syntheticSet(entries, queries, 1, real.stopWords.en);
  const knowledge = syntheticKnowledge(set.entries, real);
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const started = clock.now();
  const recognizer = build(knowledge);
  const buildMs = clock.now() - started;
  collectGarbage();
  const memory = process.memoryUsage();
  // Warm-up pass (JIT, spelling cache of a fresh process), then the timed pass.
  for (const query of set.queries.slice(0, 50)) recognizer.recognize(query.text, 'en');
  const times: number[] = [];
  let paraphrases = 0;
  let paraphrasesRight = 0;
  for (const query of set.queries) {
    const t0 = clock.now();
    const recognition = recognizer.recognize(query.text, 'en');
    times.push(clock.now() - t0);
    if (query.expected) {
      paraphrases += 1;
      if (recognition.top?.id === query.expected) paraphrasesRight += 1;
    }
  }
  return {
    entries,
    phrasings: set.entries.reduce((sum, e) => sum + 1 + e.alternates.length, 0),
    vocabulary: vocabularySize(entries),
    buildMs: round(buildMs, 1),
    rssMb: round(memory.rss / MB, 1),
    buildRssMb: round((memory.rss - rssBefore) / MB, 1),
    heapUsedMb: round(memory.heapUsed / MB, 1),
    queries: set.queries.length,
    queryP50Ms: round(quantile(times, 0.5), 3),
    queryP99Ms: round(quantile(times, 0.99), 3),
    queryMaxMs: round(Math.max(...times), 3),
    paraphraseTop1: paraphrases === 0 ? 0 : round(paraphrasesRight / paraphrases, 3),
  };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
