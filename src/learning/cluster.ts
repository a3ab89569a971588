import type { Language } from '../nlu/language.js';

/** A question to group, with how often it was asked. */
export interface ClusterInput<T> {
  text: string;
  language: Language;
  /** Matcher terms of the text (normalised, stemmed, synonyms mapped). */
  terms: readonly string[];
  item: T;
}

/** Questions that say much the same thing. */
export interface Cluster<T> {
  language: Language;
  /** The member closest to all the others. */
  representative: string;
  members: ClusterInput<T>[];
}

/** Least cosine similarity between a question and a cluster's centre for the question to join it. */
export const CLUSTER_SIMILARITY = 0.4;

/**
 * Groups questions by similarity, per language: TF-IDF vectors of their matcher terms, then one
 * pass in a fixed order (most frequent text first, then alphabetical) that puts each question
 * into the cluster whose centre is most similar, if at least `threshold`, or starts a new one.
 * Deterministic: the same questions give the same clusters. Clusters come largest first.
 */
export function clusterQuestions<T>(inputs: readonly ClusterInput<T>[], threshold = CLUSTER_SIMILARITY): Cluster<T>[] {
  const clusters: Cluster<T>[] = [];
  for (const language of [...new Set(inputs.map((i) => i.language))].sort()) {
    const group = inputs.filter((i) => i.language === language);
    const idf = inverseDocumentFrequency(group.map((i) => i.terms));
    const frequency = new Map<string, number>();
    for (const input of group) frequency.set(input.text, (frequency.get(input.text) ?? 0) + 1);
    const ordered = [...group].sort(
      (a, b) => (frequency.get(b.text) ?? 0) - (frequency.get(a.text) ?? 0) || a.text.localeCompare(b.text),
    );
    const built: { centre: Map<string, number>; members: { input: ClusterInput<T>; vector: Map<string, number> }[] }[] = [];
    for (const input of ordered) {
      const vector = unit(tfidf(input.terms, idf));
      let best: (typeof built)[number] | undefined;
      let bestSimilarity = threshold;
      for (const cluster of built) {
        const similarity = dot(vector, unit(cluster.centre));
        if (similarity >= bestSimilarity && (best === undefined || similarity > bestSimilarity)) {
          best = cluster;
          bestSimilarity = similarity;
        }
      }
      if (vector.size === 0) best = built.find((c) => c.members.every((m) => m.vector.size === 0));
      if (!best) {
        best = { centre: new Map(), members: [] };
        built.push(best);
      }
      best.members.push({ input, vector });
      for (const [term, weight] of vector) best.centre.set(term, (best.centre.get(term) ?? 0) + weight);
    }
    for (const cluster of built) {
      const centre = unit(cluster.centre);
      const scored = cluster.members.map((m) => ({ text: m.input.text, similarity: dot(m.vector, centre), count: frequency.get(m.input.text) ?? 0 }));
      scored.sort((a, b) => b.similarity - a.similarity || b.count - a.count || a.text.length - b.text.length || a.text.localeCompare(b.text));
      clusters.push({ language, representative: scored[0].text, members: cluster.members.map((m) => m.input) });
    }
  }
  return clusters.sort((a, b) => b.members.length - a.members.length || a.representative.localeCompare(b.representative));
}

function inverseDocumentFrequency(documents: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const terms of documents) for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log(1 + documents.length / count));
  return idf;
}

function tfidf(terms: readonly string[], idf: Map<string, number>): Map<string, number> {
  const vector = new Map<string, number>();
  for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + (idf.get(term) ?? 0));
  return vector;
}

function unit(vector: Map<string, number>): Map<string, number> {
  const norm = Math.sqrt([...vector.values()].reduce((sum, w) => sum + w * w, 0));
  if (norm === 0) return new Map();
  return new Map([...vector].map(([term, w]) => [term, w / norm]));
}

function dot(a: Map<string, number>, b: Map<string, number>): number {
  let sum = 0;
  for (const [term, w] of a) sum += w * (b.get(term) ?? 0);
  return sum;
}
