/**
 * The TermIndex as it was before its postings moved into typed arrays built text by text (commit
 * ccf81aa): postings per term in a Map, every label scored exhaustively. Kept as the oracle the
 * tests compare the index with, to the last bit of every score.
 */
import type { IndexedText, RankOrder } from '../../../src/nlu/termIndex';

/**
 * A label with its text-counted score and the value it was ranked by (the score, or with order
 * `labelRarity` the label-counted cosine, which TermIndex now reports as the score).
 */
export interface ReferenceScore {
  label: string;
  score: number;
  order: number;
}

/**
 * The texts holding one term and the term's weight in each, as typed arrays: 12 bytes a posting
 * (16 with order weights) where an object per posting took over 40 (a 100,000-entry knowledge base
 * has millions).
 */
interface Postings {
  docs: Int32Array;
  weights: Float64Array;
  /** The weights with rarity counted over labels, when the index orders by them (see {@link RankOrder}). */
  orderWeights?: Float32Array;
}

/**
 * An inverted TF-IDF index with cosine similarity. A query touches only the postings of its own
 * terms, so time grows with the matching texts, not with the size of the index. Each label scores
 * as its best text (max, not sum: a label with many phrasings must not beat a label with a few).
 */
export class ReferenceTermIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly idf = new Map<string, number>();
  /** Every label once; texts refer to them by position. */
  private readonly labels: string[] = [];
  private readonly docLabelId: Int32Array;
  private readonly docChannel: Uint8Array;
  private scratchScores?: Float64Array;
  private scratchOrder?: Float64Array;
  private scratchLabels?: Float64Array;
  private scratchLabelOrder?: Float64Array;
  private scratchSeen?: Uint8Array;
  /** idf given to a query term the index has never seen: rarer than anything indexed. */
  private readonly unseenIdf: number;
  /** The same with rarity counted over labels (order `labelRarity` only). */
  private readonly labelIdf?: Map<string, number>;
  private readonly unseenLabelIdf: number = 0;

  /**
   * @param channelWeights weight of each channel; they should add up to 1 so scores stay in 0..1.
   * @param order what ranks labels (the reported score is the same either way).
   */
  constructor(
    texts: readonly IndexedText[],
    private readonly channelWeights: readonly number[] = [1],
    order: RankOrder = 'score',
  ) {
    const df = new Map<string, number>();
    for (const text of texts) {
      for (const term of new Set(text.terms)) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const n = texts.length;
    for (const [term, count] of df) this.idf.set(term, Math.log(1 + n / count));
    this.unseenIdf = Math.log(1 + n);
    if (order === 'labelRarity') {
      // Each label's texts in turn, so a term counts once per label with no set of terms per label.
      const textsOfLabel = new Map<string, number[]>();
      texts.forEach((text, i) => {
        let list = textsOfLabel.get(text.label);
        if (!list) textsOfLabel.set(text.label, (list = []));
        list.push(i);
      });
      const labelDf = new Map<string, number>();
      const lastLabel = new Map<string, number>();
      let labelNo = 0;
      for (const list of textsOfLabel.values()) {
        for (const i of list) {
          for (const term of texts[i].terms) {
            if (lastLabel.get(term) === labelNo) continue;
            lastLabel.set(term, labelNo);
            labelDf.set(term, (labelDf.get(term) ?? 0) + 1);
          }
        }
        labelNo += 1;
      }
      const labels = textsOfLabel.size;
      this.labelIdf = new Map([...labelDf].map(([term, count]) => [term, Math.log(1 + labels / count)]));
      this.unseenLabelIdf = Math.log(1 + labels);
    }
    const building = new Map<string, { docs: number[]; weights: number[] }>();
    // A text's order weights are its weights × (label idf / idf) × this ratio of its two norms.
    const normRatio = this.labelIdf ? new Float64Array(texts.length) : undefined;
    const labelIds = new Map<string, number>();
    this.docLabelId = new Int32Array(texts.length);
    this.docChannel = new Uint8Array(texts.length);
    texts.forEach((text, doc) => {
      const tf = new Map<string, number>();
      for (const term of text.terms) tf.set(term, (tf.get(term) ?? 0) + 1);
      const vector = [...tf].map(([term, count]) => [term, (1 + Math.log(count)) * (this.idf.get(term) ?? 0)] as const);
      const norm = Math.hypot(...vector.map(([, w]) => w));
      if (norm === 0) return;
      if (this.labelIdf && normRatio) {
        let orderNorm = 0;
        for (const [term, count] of tf) orderNorm += ((1 + Math.log(count)) * (this.labelIdf.get(term) ?? 0)) ** 2;
        normRatio[doc] = norm / Math.sqrt(orderNorm);
      }
      if (text.channel < 0 || text.channel >= channelWeights.length) throw new Error(`TermIndex(): text of "${text.label}" has unknown channel ${text.channel}`);
      let labelId = labelIds.get(text.label);
      if (labelId === undefined) {
        labelIds.set(text.label, (labelId = this.labels.length));
        this.labels.push(text.label);
      }
      this.docLabelId[doc] = labelId;
      this.docChannel[doc] = text.channel;
      for (const [term, w] of vector) {
        let list = building.get(term);
        if (!list) building.set(term, (list = { docs: [], weights: [] }));
        list.docs.push(doc);
        list.weights.push(w / norm);
      }
    });
    for (const [term, list] of building) {
      const postings: Postings = { docs: Int32Array.from(list.docs), weights: Float64Array.from(list.weights) };
      if (this.labelIdf && normRatio) {
        // Single precision is plenty for an order, and saves 4 bytes a posting.
        const scale = (this.labelIdf.get(term) ?? 0) / (this.idf.get(term) ?? 1);
        postings.orderWeights = new Float32Array(list.docs.length);
        for (let i = 0; i < list.docs.length; i += 1) postings.orderWeights[i] = list.weights[i] * scale * normRatio[list.docs[i]];
      }
      this.postings.set(term, postings);
    }
  }

  /** Number of distinct terms indexed. */
  get vocabularySize(): number {
    return this.idf.size;
  }

  /** Whether the index holds a term. */
  has(term: string): boolean {
    return this.idf.has(term);
  }

  /**
   * Labels ranked by cosine similarity to the query terms, best first, at most `limit`.
   * `termWeights` scales single query terms (a spelling correction counts less than a typed word).
   */
  rank(terms: readonly string[], limit = 10, termWeights?: ReadonlyMap<string, number>): ReferenceScore[] {
    const query = new Map<string, number>();
    for (const term of terms) query.set(term, (query.get(term) ?? 0) + 1);
    const vector: [string, number, number][] = [];
    for (const [term, count] of query) {
      const tf = (1 + Math.log(count)) * (termWeights?.get(term) ?? 1);
      const orderIdf = this.labelIdf ? (this.labelIdf.get(term) ?? this.unseenLabelIdf) : 0;
      vector.push([term, tf * (this.idf.get(term) ?? this.unseenIdf), tf * orderIdf]);
    }
    const norm = Math.hypot(...vector.map(([, w]) => w));
    if (norm === 0 || limit <= 0) return [];
    const ordered = this.labelIdf !== undefined;
    const orderNorm = ordered ? Math.hypot(...vector.map(([, , w]) => w)) : 1;
    // Scratch arrays indexed by text and by label, cleared after each query: a common word reaches
    // tens of thousands of texts in a large knowledge base, too many for a Map per query.
    const scores = (this.scratchScores ??= new Float64Array(this.docLabelId.length));
    const orderScores = ordered ? (this.scratchOrder ??= new Float64Array(this.docLabelId.length)) : undefined;
    const touched: number[] = [];
    for (const [term, w, ow] of vector) {
      const list = this.postings.get(term);
      if (!list) continue;
      const q = w / norm;
      const { docs, weights, orderWeights } = list;
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i];
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += q * weights[i];
      }
      if (orderScores && orderWeights) {
        const oq = ow / orderNorm;
        for (let i = 0; i < docs.length; i += 1) orderScores[docs[i]] += oq * orderWeights[i];
      }
    }
    const channels = this.channelWeights.length;
    const perLabel = (this.scratchLabels ??= new Float64Array(this.labels.length * channels));
    const perLabelOrder = ordered ? (this.scratchLabelOrder ??= new Float64Array(this.labels.length * channels)) : undefined;
    const seen = (this.scratchSeen ??= new Uint8Array(this.labels.length));
    const labelsTouched: number[] = [];
    for (const doc of touched) {
      const cosine = scores[doc];
      scores[doc] = 0;
      const id = this.docLabelId[doc];
      if (seen[id] === 0) {
        seen[id] = 1;
        labelsTouched.push(id);
      }
      const at = id * channels + this.docChannel[doc];
      if (cosine > perLabel[at]) perLabel[at] = cosine;
      if (orderScores && perLabelOrder) {
        if (orderScores[doc] > perLabelOrder[at]) perLabelOrder[at] = orderScores[doc];
        orderScores[doc] = 0;
      }
    }
    // Keep the best `limit` as they come: a common word can reach thousands of labels, and sorting
    // them all only to return ten cost more than the scoring itself in a large knowledge base.
    const top: ReferenceScore[] = [];
    for (const id of labelsTouched) {
      let score = 0;
      let order = 0;
      for (let c = 0; c < channels; c += 1) {
        score += perLabel[id * channels + c] * this.channelWeights[c];
        if (perLabelOrder) order += perLabelOrder[id * channels + c] * this.channelWeights[c];
      }
      perLabel.fill(0, id * channels, (id + 1) * channels);
      perLabelOrder?.fill(0, id * channels, (id + 1) * channels);
      seen[id] = 0;
      const candidate = { label: this.labels[id], score: Math.min(1, score), order: ordered ? order : Math.min(1, score) };
      if (top.length === limit && byOrder(candidate, top[top.length - 1]) >= 0) continue;
      let at = top.length;
      while (at > 0 && byOrder(candidate, top[at - 1]) < 0) at -= 1;
      top.splice(at, 0, candidate);
      if (top.length > limit) top.pop();
    }
    return top;
  }
}

/** Best first; equal values by label, so rankings are the same on every run. */
function byOrder(a: ReferenceScore, b: ReferenceScore): number {
  return b.order - a.order || a.label.localeCompare(b.label);
}
