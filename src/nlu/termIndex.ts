import { grown } from '../util/grown.js';

/**
 * One text of the index: the label it stands for, its terms, and its channel. A label's score is
 * the weighted sum over channels of its best text's cosine in that channel (for example the
 * single phrasings, all phrasings together, the answer text).
 */
export interface IndexedText {
  label: string;
  terms: readonly string[];
  channel: number;
}

/** A label with its score (0..1), which ranks it. */
export interface LabelScore {
  label: string;
  score: number;
}

/**
 * How a label is scored and ranked. `score`: TF-IDF cosine, a term's rarity counted over texts.
 * `labelRarity`: the same cosine with a term's rarity counted over labels (how many labels have a
 * text holding it). Counted over texts, a word every phrasing of one label uses looks common and
 * weighs little, though it is what tells that label apart, and a word one phrasing happens to use
 * outweighs it; counted over labels, neither happens. The label-counted weights are worked out from
 * the text-counted ones (see {@link TermIndex}), so both idfs are kept, but only the chosen cosine is summed.
 */
export type RankOrder = 'score' | 'labelRarity';

/**
 * `Math.hypot` of the first `count` values, with V8's own arithmetic (its builtin's steps: the largest absolute
 * value, then a Kahan sum of each value over it squared, the square root times it), so the result is the same to
 * the last bit, without spreading an array into arguments on every query. A unit test compares the two.
 */
export function hypotOf(values: ArrayLike<number>, count: number = values.length): number {
  let max = 0;
  let nan = false;
  for (let i = 0; i < count; i += 1) {
    const value = Math.abs(values[i]);
    if (Number.isNaN(value)) nan = true;
    else if (value > max) max = value;
  }
  if (max === Infinity) return Infinity;
  if (nan) return Number.NaN;
  if (max === 0) return 0;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < count; i += 1) {
    const n = Math.abs(values[i]) / max;
    const summand = n * n - compensation;
    const preliminary = sum + summand;
    compensation = preliminary - sum - summand;
    sum = preliminary;
  }
  return Math.sqrt(sum) * max;
}

/** A typed array that grows as values are appended (doubling), for building without a JS array per item. */
class Growable<A extends Int32Array | Uint8Array> {
  values: A;
  length = 0;

  constructor(private readonly make: (length: number) => A) {
    this.values = make(1024);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = this.make(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }
}

const int32s = (length: number) => new Int32Array(length);
/**
 * Up to this many postings, each posting's weight is worked out once when the index is built (4 bytes
 * a posting, 8 without label-counted rarity): the bot's knowledge base has tens of thousands. A very large
 * index works it out as a query reads it, which keeps a 100,000-entry index within its memory budget.
 */
const PRECOMPUTED_POSTINGS = 4_000_000;
/**
 * `rank` adds every text's sums and reads them back in order when the postings it reads, times this,
 * reach the number of texts: a sequential pass then costs less than listing the touched texts.
 */
const SWEEP_READS_PER_TEXT = 4;
/** The touched-texts list of a query that sweeps instead (it lists none). */
const NO_TEXTS = new Int32Array(0);
/**
 * `rank` scores labels in the order of a bound on their score, and stops at the first whose bound
 * cannot reach the last of those kept, when the postings are on average at least this many to a run
 * of one label's texts (see {@link LabelRuns}): the bounds cost a read a run. Measured (2026-12-07,
 * a call in a warm loop): the bot's index, 3.4 postings a run in English, 19 → 15 µs, 2.9 in Chinese,
 * 25 → 20 µs; a 10,000-entry synthetic one, 2.2 a run, 17 → 14 µs. Runs take 16 bytes each and are
 * kept only with the postings' weights ({@link PRECOMPUTED_POSTINGS}), so not at 100,000 entries.
 */
const POSTINGS_PER_RUN = 2;
/**
 * A label is skipped only when its bound is below the last kept score by more than this share of the
 * bound: the bound and the score add the same products in different orders, so they may differ in
 * the last bits, and a label whose score could tie the last one must still be scored.
 */
const BOUND_MARGIN = 1e-9;

/** How {@link TermIndex.rank} goes about its work. Every way gives the same labels and the same scores, to the last bit; tests set these to take each way. */
export interface RankTuning {
  /** See {@link SWEEP_READS_PER_TEXT}. */
  sweepReadsPerText?: number;
  /** Whether labels are scored in order of their bounds (see {@link POSTINGS_PER_RUN}); by default when the postings are that many to a run. */
  boundLabels?: boolean;
}

/**
 * Each term's postings cut into runs, a run being postings of one label's texts one after another
 * (a label whose texts were added side by side has one run a term): the run's label, where it starts
 * (a run ends where the next one starts; runs lie term after term, as the postings do), and what the
 * run can add at most to its label's score for a query weight of 1 (each channel's largest posting
 * weight in the run, times the channel's weight, added up).
 */
interface LabelRuns {
  /** Per term: its runs are `start[id] .. start[id + 1]`. */
  start: Int32Array;
  label: Int32Array;
  /** Where each run's postings start, and one more: the end of the last. */
  from: Int32Array;
  bound: Float64Array;
}
/** A term count in {@link IndexedTexts} that is this or more is kept in its overflow map. */
const MANY = 0xff;

/**
 * The texts of a {@link TermIndex}, added one at a time and held as term numbers in typed arrays:
 * a caller that builds a large index need not hold an object and an array of strings per text
 * (each entry brings several texts: question, alternates, answer) until the index is built.
 */
export class IndexedTexts {
  /** Every term once, numbered in order of first appearance. */
  readonly termIds = new Map<string, number>();
  /** Per text: where its terms start in {@link termOfText} (one more entry than texts). */
  readonly start = new Growable(int32s);
  /**
   * Each text's distinct terms, in order of first appearance in the text, and how often each occurs
   * (one byte each: almost every count is 1; see {@link countAt}).
   */
  readonly termOfText = new Growable(int32s);
  readonly countOfText = new Growable((length) => new Uint8Array(length));
  /** Counts of {@link MANY} or more, by position. */
  private readonly manyCounts = new Map<number, number>();
  /** Per text: its label's number in {@link labels} and its channel. */
  readonly labelOfText = new Growable(int32s);
  readonly channelOfText = new Growable(int32s);
  /** Every label once, in order of first text. */
  readonly labels: string[] = [];
  private readonly labelIds = new Map<string, number>();
  /** Scratch, by term number: 1 + the position of the term in the text being added, else 0. */
  private slot = new Int32Array(1024);
  /** Set by the index built from these texts, which shares {@link termIds}. */
  private indexed = false;

  constructor() {
    this.start.push(0);
  }

  /** Marks the texts as indexed: a {@link TermIndex} keeps their term numbers, so no more may be added. */
  markIndexed(): void {
    this.indexed = true;
  }

  /** Number of texts added. */
  get size(): number {
    return this.labelOfText.length;
  }

  /** How often the term at `position` of {@link termOfText} occurs in its text. */
  countAt(position: number): number {
    const count = this.countOfText.values[position];
    return count === MANY ? (this.manyCounts.get(position) ?? MANY) : count;
  }

  /** Adds one text: the label it stands for, its terms (repeats count), and its channel. */
  add(label: string, terms: readonly string[], channel: number): void {
    if (this.indexed) throw new Error(`IndexedTexts.add(): text of "${label}" added after the texts were indexed`);
    let labelId = this.labelIds.get(label);
    if (labelId === undefined) {
      this.labelIds.set(label, (labelId = this.labels.length));
      this.labels.push(label);
    }
    const first = this.termOfText.length;
    for (const term of terms) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        this.termIds.set(term, (id = this.termIds.size));
        if (id === this.slot.length) {
          const grown = new Int32Array(this.slot.length * 2);
          grown.set(this.slot);
          this.slot = grown;
        }
      }
      const at = this.slot[id];
      if (at === 0) {
        this.termOfText.push(id);
        this.countOfText.push(1);
        this.slot[id] = this.termOfText.length - first;
      } else {
        const position = first + at - 1;
        const count = this.countAt(position) + 1;
        if (count >= MANY) this.manyCounts.set(position, count);
        this.countOfText.values[position] = Math.min(count, MANY);
      }
    }
    for (let i = first; i < this.termOfText.length; i += 1) this.slot[this.termOfText.values[i]] = 0;
    this.start.push(this.termOfText.length);
    this.labelOfText.push(labelId);
    this.channelOfText.push(channel);
  }
}

/**
 * An inverted TF-IDF index with cosine similarity. A query touches only the postings of its own
 * terms, so time grows with the matching texts, not with the size of the index. Each label scores
 * as its best text (max, not sum: a label with many phrasings must not beat a label with a few).
 *
 * The postings of all terms lie in two typed arrays, term after term: the text and how often the
 * term occurs in it (5 bytes a posting; a large knowledge base has millions of postings). A posting's
 * weight is worked out when a query reads it, with the same arithmetic as when it was stored as a
 * number (16 bytes with its order weight), so scores are the same to the last bit.
 */
export class TermIndex {
  /** Every term's number: its postings are `postingDoc[postingStart[id] .. postingStart[id + 1]]`. */
  private readonly termIds: ReadonlyMap<string, number>;
  private readonly idf: Float64Array;
  private readonly postingStart: Int32Array;
  private readonly postingDoc: Int32Array;
  private readonly postingCount: Uint8Array | Uint16Array | Int32Array;
  /**
   * Per text, side by side (a query reads both for each posting, so they share a cache line): the
   * norm of its TF-IDF vector, and that over the norm of its vector with rarity counted over labels
   * (see {@link RankOrder}; 0 when the index orders by score).
   */
  private readonly docNorms: Float64Array;
  /** Every label once; texts refer to them by position. */
  private readonly labels: string[] = [];
  /**
   * Per text: its label's position and its channel (a label's best text per channel is at label ×
   * channels + channel of the query's scratch; the label is kept rather than divided out of that for
   * every text a query reaches).
   */
  private readonly docLabel: Int32Array;
  private readonly docChannel: Uint8Array;
  /** Scratch, cleared after each query: the score of each text, and of each label's best text per channel. */
  private scratchDocs?: Float64Array;
  private scratchTouched?: Int32Array;
  private scratchLabels?: Float64Array;
  private scratchLabelsTouched?: Int32Array;
  private scratchSeen?: Uint8Array;
  private readonly scratchQueryTerms: string[] = [];
  private readonly scratchQueryCounts: number[] = [];
  private readonly scratchQueryIds: number[] = [];
  private readonly scratchQueryWeights: number[] = [];
  private readonly scratchQueryOrderWeights: number[] = [];
  /** Scratch of {@link rank}: the best labels so far, best first, and their scores. */
  private readonly scratchTopIds: number[] = [];
  private readonly scratchTopScores: number[] = [];
  /** idf given to a query term the index has never seen: rarer than anything indexed. */
  private readonly unseenIdf: number;
  /** The same with rarity counted over labels (order `labelRarity` only). */
  private readonly labelIdf?: Float64Array;
  private readonly unseenLabelIdf: number = 0;
  /**
   * Per posting, when the index is small enough ({@link PRECOMPUTED_POSTINGS}): the weight a query
   * multiplies, worked out once with the arithmetic {@link rank} would use (the label-counted weight
   * in single precision, or the text-counted weight), so a query reads a number instead of working it out.
   */
  private readonly postingWeight?: Float32Array | Float64Array;
  /** The postings in runs of one label, when {@link rank} bounds labels (see {@link RankTuning.boundLabels}). */
  private readonly runs?: LabelRuns;
  /** Scratch of the bounded ranking, by label: its bound, and the first and last of its runs the query reached (-1: none). */
  private scratchBounds?: Float64Array;
  private scratchFirstRun?: Int32Array;
  private scratchLastRun?: Int32Array;
  /** Scratch of the bounded ranking, per run the query reached: the run, the query term's weight, the label's next such run. */
  private scratchReachedRun = new Int32Array(256);
  private scratchReachedWeight = new Float64Array(256);
  private scratchReachedNext = new Int32Array(256);
  /** Scratch of the bounded ranking: the labels reached, as a heap by bound; and the texts of one label a query reached. */
  private scratchHeap?: Int32Array;
  private scratchLabelTexts = new Int32Array(256);
  /** See {@link SWEEP_READS_PER_TEXT} and {@link RankTuning}. */
  private readonly sweepReadsPerText: number;

  /**
   * @param texts the texts, as a list or collected one at a time (see {@link IndexedTexts}).
   * @param channelWeights weight of each channel; they should add up to 1 so scores stay in 0..1.
   * @param order how labels are scored and ranked.
   * @param tuning how ranking goes about its work (see {@link RankTuning}).
   */
  constructor(
    texts: readonly IndexedText[] | IndexedTexts,
    private readonly channelWeights: readonly number[] = [1],
    order: RankOrder = 'score',
    tuning: RankTuning = {},
  ) {
    this.sweepReadsPerText = tuning.sweepReadsPerText ?? SWEEP_READS_PER_TEXT;
    let collected: IndexedTexts;
    if (texts instanceof IndexedTexts) collected = texts;
    else {
      collected = new IndexedTexts();
      for (const text of texts) collected.add(text.label, text.terms, text.channel);
    }
    collected.markIndexed();
    const n = collected.size;
    const termCount = collected.termIds.size;
    const start = collected.start.values;
    const termOf = collected.termOfText.values;
    const countOf = collected.countOfText.values;
    const countAt = (i: number) => (countOf[i] === MANY ? collected.countAt(i) : countOf[i]);
    const df = new Int32Array(termCount);
    for (let i = 0; i < start[n]; i += 1) df[termOf[i]] += 1;
    this.termIds = collected.termIds;
    this.idf = new Float64Array(termCount);
    for (let t = 0; t < termCount; t += 1) this.idf[t] = Math.log(1 + n / df[t]);
    this.unseenIdf = Math.log(1 + n);
    const idf = this.idf;
    if (order === 'labelRarity') {
      // Each label's texts in turn, so a term counts once per label with no set of terms per label.
      const labelCount = collected.labels.length;
      const textsOfLabel = byLabel(collected.labelOfText.values, n, labelCount);
      const labelDf = new Int32Array(termCount);
      const lastLabel = new Int32Array(termCount).fill(-1);
      for (let label = 0; label < labelCount; label += 1) {
        for (let j = textsOfLabel.start[label]; j < textsOfLabel.start[label + 1]; j += 1) {
          const doc = textsOfLabel.docs[j];
          for (let i = start[doc]; i < start[doc + 1]; i += 1) {
            const term = termOf[i];
            if (lastLabel[term] === label) continue;
            lastLabel[term] = label;
            labelDf[term] += 1;
          }
        }
      }
      this.labelIdf = new Float64Array(termCount);
      for (let t = 0; t < termCount; t += 1) this.labelIdf[t] = Math.log(1 + labelCount / labelDf[t]);
      this.unseenLabelIdf = Math.log(1 + labelCount);
    }
    const labelIdf = this.labelIdf;
    // A text's order weights are its weights × (label idf / idf) × this ratio of its two norms.
    const docNorms = new Float64Array(2 * n);
    let largestCount = 0;
    const labelIds = new Int32Array(collected.labels.length).fill(-1);
    if (channelWeights.length > 0x100) throw new Error(`TermIndex(): ${channelWeights.length} channels, at most 256`);
    this.docLabel = new Int32Array(n);
    this.docChannel = new Uint8Array(n);
    const vector: number[] = [];
    for (let doc = 0; doc < n; doc += 1) {
      vector.length = 0;
      for (let i = start[doc]; i < start[doc + 1]; i += 1) {
        vector.push((1 + Math.log(countAt(i))) * idf[termOf[i]]);
        largestCount = Math.max(largestCount, countAt(i));
      }
      const norm = Math.hypot(...vector);
      if (norm === 0) continue;
      docNorms[2 * doc] = norm;
      if (labelIdf) {
        let orderNorm = 0;
        for (let i = start[doc]; i < start[doc + 1]; i += 1) orderNorm += ((1 + Math.log(countAt(i))) * labelIdf[termOf[i]]) ** 2;
        docNorms[2 * doc + 1] = norm / Math.sqrt(orderNorm);
      }
      const label = collected.labelOfText.values[doc];
      const channel = collected.channelOfText.values[doc];
      if (channel < 0 || channel >= channelWeights.length) throw new Error(`TermIndex(): text of "${collected.labels[label]}" has unknown channel ${channel}`);
      if (labelIds[label] === -1) {
        labelIds[label] = this.labels.length;
        this.labels.push(collected.labels[label]);
      }
      this.docLabel[doc] = labelIds[label];
      this.docChannel[doc] = channel;
    }
    // Postings term after term, each term's in text order: a counting sort by term.
    this.postingStart = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t += 1) this.postingStart[t + 1] = this.postingStart[t] + df[t];
    const total = this.postingStart[termCount];
    this.postingDoc = new Int32Array(total);
    this.postingCount = largestCount <= 0xff ? new Uint8Array(total) : largestCount <= 0xffff ? new Uint16Array(total) : new Int32Array(total);
    const next = this.postingStart.slice(0, termCount);
    for (let doc = 0; doc < n; doc += 1) {
      for (let i = start[doc]; i < start[doc + 1]; i += 1) {
        const at = next[termOf[i]];
        next[termOf[i]] += 1;
        this.postingDoc[at] = doc;
        this.postingCount[at] = countAt(i);
      }
    }
    this.docNorms = docNorms;
    if (total <= PRECOMPUTED_POSTINGS) {
      const weights = labelIdf ? new Float32Array(total) : new Float64Array(total);
      for (let id = 0; id < termCount; id += 1) {
        for (let i = this.postingStart[id]; i < this.postingStart[id + 1]; i += 1) weights[i] = this.postingWeightOf(id, i);
      }
      this.postingWeight = weights;
      if (tuning.boundLabels !== false && channelWeights.every((weight) => weight >= 0)) this.runs = this.labelRuns(weights, tuning.boundLabels === true);
    }
  }

  /** The postings in runs of one label (see {@link LabelRuns}); undefined when they are too few to a run, unless `always`. */
  private labelRuns(weights: Float32Array | Float64Array, always: boolean): LabelRuns | undefined {
    const { postingStart, postingDoc: docs, docLabel, docChannel, channelWeights } = this;
    const terms = postingStart.length - 1;
    const total = postingStart[terms];
    const startsRun = (id: number, i: number) => i === postingStart[id] || docLabel[docs[i]] !== docLabel[docs[i - 1]];
    let count = 0;
    for (let id = 0; id < terms; id += 1) for (let i = postingStart[id]; i < postingStart[id + 1]; i += 1) if (startsRun(id, i)) count += 1;
    if (!always && count * POSTINGS_PER_RUN > total) return undefined;
    const runs: LabelRuns = { start: new Int32Array(terms + 1), label: new Int32Array(count), from: new Int32Array(count + 1), bound: new Float64Array(count) };
    const largest = new Float64Array(channelWeights.length);
    let run = -1;
    const close = () => {
      if (run < 0) return;
      let bound = 0;
      for (let c = 0; c < largest.length; c += 1) {
        bound += largest[c] * channelWeights[c];
        largest[c] = 0;
      }
      runs.bound[run] = bound;
    };
    for (let id = 0; id < terms; id += 1) {
      runs.start[id] = run + 1;
      for (let i = postingStart[id]; i < postingStart[id + 1]; i += 1) {
        if (startsRun(id, i)) {
          close();
          run += 1;
          runs.label[run] = docLabel[docs[i]];
          runs.from[run] = i;
        }
        const channel = docChannel[docs[i]];
        if (weights[i] > largest[channel]) largest[channel] = weights[i];
      }
    }
    close();
    runs.start[terms] = count;
    runs.from[count] = total;
    return runs;
  }

  /**
   * The weight of posting `i` of term `id` that a query multiplies: with rarity counted over labels,
   * the label-counted weight derived from the text-counted one (single precision), so the score equals
   * the one a stored label-counted weight would give; otherwise the text-counted weight.
   */
  private postingWeightOf(id: number, i: number): number {
    const { postingDoc: docs, postingCount: counts, docNorms } = this;
    const idf = this.idf[id];
    // What the index stored as a text's weight (single precision when derived for the label-counted order).
    const weight = (counts[i] === 1 ? idf : (1 + Math.log(counts[i])) * idf) / docNorms[2 * docs[i]];
    return this.labelIdf ? Math.fround(weight * (this.labelIdf[id] / idf) * docNorms[2 * docs[i] + 1]) : weight;
  }

  /** Number of distinct terms indexed. */
  get vocabularySize(): number {
    return this.termIds.size;
  }

  /** Whether the index holds a term. */
  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /**
   * How often a term occurs in one text, the text given by its position in the order the texts were
   * added; 0 when it does not. A binary search in the term's postings, which lie in text order.
   */
  occurrences(term: string, text: number): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const end = this.postingStart[id + 1];
    let low = this.postingStart[id];
    let high = end;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.postingDoc[middle] < text) low = middle + 1;
      else high = middle;
    }
    return low < end && this.postingDoc[low] === text ? this.postingCount[low] : 0;
  }

  /**
   * Labels ranked by cosine similarity to the query terms, best first, at most `limit`.
   * `termWeights` scales single query terms (a spelling correction counts less than a typed word).
   */
  rank(terms: readonly string[], limit = 10, termWeights?: ReadonlyMap<string, number>): LabelScore[] {
    // The query's distinct terms in order with their counts, in scratch arrays reused by every query.
    const queryTerms = this.scratchQueryTerms;
    const queryCounts = this.scratchQueryCounts;
    queryTerms.length = 0;
    queryCounts.length = 0;
    for (const term of terms) {
      const at = queryTerms.indexOf(term);
      if (at < 0) {
        queryTerms.push(term);
        queryCounts.push(1);
      } else queryCounts[at] += 1;
    }
    const ids = this.scratchQueryIds;
    const textWeights = this.scratchQueryWeights;
    const orderWeights = this.scratchQueryOrderWeights;
    ids.length = textWeights.length = orderWeights.length = 0;
    for (let t = 0; t < queryTerms.length; t += 1) {
      const term = queryTerms[t];
      const tf = (1 + Math.log(queryCounts[t])) * (termWeights?.get(term) ?? 1);
      const id = this.termIds.get(term);
      const orderIdf = this.labelIdf ? (id === undefined ? this.unseenLabelIdf : this.labelIdf[id]) : 0;
      ids.push(id ?? -1);
      textWeights.push(tf * (id === undefined ? this.unseenIdf : this.idf[id]));
      orderWeights.push(tf * orderIdf);
    }
    const norm = hypotOf(textWeights);
    if (norm === 0 || limit <= 0) return [];
    const orderNorm = this.labelIdf ? hypotOf(orderWeights) : 1;
    // Scratch arrays indexed by text and by label, cleared after each query: a common word reaches
    // tens of thousands of texts in a large knowledge base, too many for a Map per query.
    const { postingStart, postingDoc: docs, postingWeight } = this;
    const perDoc = (this.scratchDocs ??= new Float64Array(this.docLabel.length));
    // With rarity counted over labels only the label-counted cosine is summed; the text-counted one is not needed.
    const queryWeight = (t: number) => (this.labelIdf ? orderWeights[t] / orderNorm : textWeights[t] / norm);
    let reads = 0;
    let sweepable = true;
    for (let t = 0; t < ids.length; t += 1) {
      const id = ids[t];
      if (id < 0) continue;
      reads += postingStart[id + 1] - postingStart[id];
      if (!(queryWeight(t) >= 0)) sweepable = false;
    }
    if (this.runs && postingWeight && sweepable) return this.rankByBounds(this.runs, postingWeight, ids, queryWeight, limit);
    const { channelWeights, docLabel, docChannel, labels } = this;
    const channels = channelWeights.length;
    const perLabel = (this.scratchLabels ??= new Float64Array(this.labels.length * channels));
    const seen = (this.scratchSeen ??= new Uint8Array(this.labels.length));
    const labelsTouched = (this.scratchLabelsTouched ??= new Int32Array(this.labels.length));
    let labelsTouchedCount = 0;
    // Every label a posting of the query reaches takes part, with its best text per channel. When the
    // postings read are many for the texts there are (a small knowledge base, or common words), the
    // sums are added for every text and read back in text order (a sweep); otherwise only the texts
    // touched are listed. Both add each text's terms in the same order and give the same scores and labels.
    const sweep = sweepable && reads * this.sweepReadsPerText >= docLabel.length;
    // A text is listed again if a term of weight 0 leaves its score at 0, so room for every posting read.
    if (!sweep && (!this.scratchTouched || this.scratchTouched.length < reads)) this.scratchTouched = new Int32Array(Math.max(reads, 1024));
    const touched = this.scratchTouched ?? NO_TEXTS;
    let touchedCount = 0;
    for (let t = 0; t < ids.length; t += 1) {
      const id = ids[t];
      if (id < 0) continue;
      const q = queryWeight(t);
      const from = postingStart[id];
      const to = postingStart[id + 1];
      if (sweep && q === 0) {
        // A term of weight 0 adds nothing, but the labels it reaches still take part (with 0 if nothing else).
        for (let i = from; i < to; i += 1) {
          const label = docLabel[docs[i]];
          if (seen[label] === 0) {
            seen[label] = 1;
            labelsTouched[labelsTouchedCount++] = label;
          }
        }
      } else if (sweep && postingWeight) {
        for (let i = from; i < to; i += 1) perDoc[docs[i]] += q * postingWeight[i];
      } else if (sweep) {
        for (let i = from; i < to; i += 1) perDoc[docs[i]] += q * this.postingWeightOf(id, i);
      } else if (postingWeight) {
        for (let i = from; i < to; i += 1) {
          const doc = docs[i];
          if (perDoc[doc] === 0) touched[touchedCount++] = doc;
          perDoc[doc] += q * postingWeight[i];
        }
      } else {
        for (let i = from; i < to; i += 1) {
          const doc = docs[i];
          if (perDoc[doc] === 0) touched[touchedCount++] = doc;
          perDoc[doc] += q * this.postingWeightOf(id, i);
        }
      }
    }
    if (sweep) {
      // A label's texts of one channel lie side by side, so the best of a run is kept in a local and
      // stored when the run ends (any order gives the same maxima; this one avoids a branch on which
      // texts were reached and a store and load of the label's slot per text).
      let slot = -1;
      let best = 0;
      for (let doc = 0; doc < perDoc.length; doc += 1) {
        const at = docLabel[doc] * channels + docChannel[doc];
        const cosine = perDoc[doc];
        perDoc[doc] = 0;
        if (at !== slot) {
          if (slot >= 0 && best > perLabel[slot]) perLabel[slot] = best;
          slot = at;
          best = cosine;
        } else if (cosine > best) best = cosine;
      }
      if (slot >= 0 && best > perLabel[slot]) perLabel[slot] = best;
      // A label takes part when a text of it scored above 0, or a term of weight 0 reached it (above).
      for (let id = 0; id < labels.length; id += 1) {
        if (seen[id] !== 0) continue;
        for (let c = 0; c < channels; c += 1) {
          if (perLabel[id * channels + c] > 0) {
            seen[id] = 1;
            labelsTouched[labelsTouchedCount++] = id;
            break;
          }
        }
      }
    } else {
      for (let t = 0; t < touchedCount; t += 1) {
        const doc = touched[t];
        const cosine = perDoc[doc];
        perDoc[doc] = 0;
        const id = docLabel[doc];
        const slot = id * channels + docChannel[doc];
        if (seen[id] === 0) {
          seen[id] = 1;
          labelsTouched[labelsTouchedCount++] = id;
        }
        if (cosine > perLabel[slot]) perLabel[slot] = cosine;
      }
    }
    // Keep the best `limit` as they come: a common word can reach thousands of labels, and sorting
    // them all only to return a few would cost more than the scoring itself in a large knowledge base.
    let kept = 0;
    for (let l = 0; l < labelsTouchedCount; l += 1) {
      const id = labelsTouched[l];
      seen[id] = 0;
      kept = this.keep(id, this.labelScore(id, perLabel), kept, limit);
    }
    return this.kept(kept);
  }

  /**
   * {@link rank} with the labels' bounds (see {@link LabelRuns}): each label the query reaches is bounded
   * by the query weight of each term times the bound of each of the term's runs of that label, added up;
   * labels are scored in the order of their bounds, each from its own runs alone, until a bound cannot
   * reach the last of those kept. Each text's sum adds the same products in the same order as {@link rank}
   * does, so the scores are the same to the last bit. Needs every query weight 0 or more.
   */
  private rankByBounds(runs: LabelRuns, weights: Float32Array | Float64Array, ids: readonly number[], queryWeight: (t: number) => number, limit: number): LabelScore[] {
    const { postingDoc: docs, docChannel, channelWeights } = this;
    const labelCount = this.labels.length;
    const channels = channelWeights.length;
    const bounds = (this.scratchBounds ??= new Float64Array(labelCount));
    const firstRun = (this.scratchFirstRun ??= new Int32Array(labelCount).fill(-1));
    const lastRun = (this.scratchLastRun ??= new Int32Array(labelCount));
    const heap = (this.scratchHeap ??= new Int32Array(labelCount));
    let reached = 0;
    let heapSize = 0;
    for (let t = 0; t < ids.length; t += 1) {
      const id = ids[t];
      if (id < 0) continue;
      const q = queryWeight(t);
      const end = runs.start[id + 1];
      if (reached + end - runs.start[id] > this.scratchReachedRun.length) this.growReached(reached + end - runs.start[id]);
      const { scratchReachedRun: reachedRun, scratchReachedWeight: reachedWeight, scratchReachedNext: reachedNext } = this;
      for (let r = runs.start[id]; r < end; r += 1) {
        const label = runs.label[r];
        reachedRun[reached] = r;
        reachedWeight[reached] = q;
        reachedNext[reached] = -1;
        // Each label's runs in a list in the order of the query's terms, which is the order its texts' sums add them.
        if (firstRun[label] < 0) {
          firstRun[label] = reached;
          heap[heapSize++] = label;
        } else reachedNext[lastRun[label]] = reached;
        lastRun[label] = reached;
        bounds[label] += q * runs.bound[r];
        reached += 1;
      }
    }
    for (let i = (heapSize >> 1) - 1; i >= 0; i -= 1) siftDown(heap, heapSize, i, bounds);
    const perDoc = (this.scratchDocs ??= new Float64Array(this.docLabel.length));
    const perLabel = (this.scratchLabels ??= new Float64Array(labelCount * channels));
    const { scratchReachedRun: reachedRun, scratchReachedWeight: reachedWeight, scratchReachedNext: reachedNext, scratchTopScores: topScores } = this;
    let kept = 0;
    while (heapSize > 0) {
      const label = heap[0];
      heap[0] = heap[--heapSize];
      siftDown(heap, heapSize, 0, bounds);
      if (kept === limit && bounds[label] * (1 + BOUND_MARGIN) < topScores[limit - 1]) break;
      // The label's texts' sums, term after term; a text listed again when a weight of 0 left its sum at 0.
      let texts = 0;
      for (let k = firstRun[label]; k >= 0; k = reachedNext[k]) {
        const run = reachedRun[k];
        const q = reachedWeight[k];
        for (let i = runs.from[run]; i < runs.from[run + 1]; i += 1) {
          const doc = docs[i];
          if (perDoc[doc] === 0) {
            if (texts === this.scratchLabelTexts.length) this.scratchLabelTexts = grown(this.scratchLabelTexts);
            this.scratchLabelTexts[texts++] = doc;
          }
          perDoc[doc] += q * weights[i];
        }
      }
      const labelTexts = this.scratchLabelTexts;
      for (let j = 0; j < texts; j += 1) {
        const doc = labelTexts[j];
        const cosine = perDoc[doc];
        perDoc[doc] = 0;
        const slot = label * channels + docChannel[doc];
        if (cosine > perLabel[slot]) perLabel[slot] = cosine;
      }
      kept = this.keep(label, this.labelScore(label, perLabel), kept, limit);
    }
    for (let k = 0; k < reached; k += 1) {
      const label = runs.label[reachedRun[k]];
      firstRun[label] = -1;
      bounds[label] = 0;
    }
    return this.kept(kept);
  }

  /** Room for `count` runs reached in the bounded ranking's scratch, keeping those already there. */
  private growReached(count: number): void {
    const length = Math.max(count, this.scratchReachedRun.length * 2);
    const run = new Int32Array(length);
    const weight = new Float64Array(length);
    const next = new Int32Array(length);
    run.set(this.scratchReachedRun);
    weight.set(this.scratchReachedWeight);
    next.set(this.scratchReachedNext);
    this.scratchReachedRun = run;
    this.scratchReachedWeight = weight;
    this.scratchReachedNext = next;
  }

  /** A label's score from its best text per channel (in `perLabel`, which this clears for the next query). */
  private labelScore(id: number, perLabel: Float64Array): number {
    const { channelWeights } = this;
    const channels = channelWeights.length;
    let sum = 0;
    for (let c = 0; c < channels; c += 1) {
      const at = id * channels + c;
      sum += perLabel[at] * channelWeights[c];
      perLabel[at] = 0;
    }
    // Text-counted scores are capped at 1 against rounding; label-counted ones are as the matcher has always taken them.
    return this.labelIdf ? sum : Math.min(1, sum);
  }

  /**
   * Puts a label among the best so far ({@link scratchTopIds}, best first, `kept` of them, at most
   * `limit`) when it belongs there; returns how many are kept. The best so far are kept in scratch
   * arrays, with an object made only for those kept at the end; most labels fall below the cut.
   */
  private keep(id: number, score: number, kept: number, limit: number): number {
    const { scratchTopIds: topIds, scratchTopScores: topScores, labels } = this;
    const label = labels[id];
    if (kept === limit && !precedes(score, label, topScores[limit - 1], labels[topIds[limit - 1]])) return kept;
    let at = kept;
    while (at > 0 && precedes(score, label, topScores[at - 1], labels[topIds[at - 1]])) at -= 1;
    // Those after it move down one place; when all `limit` places are taken, the last drops out.
    const count = kept < limit ? kept + 1 : kept;
    for (let k = count - 1; k > at; k -= 1) {
      topIds[k] = topIds[k - 1];
      topScores[k] = topScores[k - 1];
    }
    topIds[at] = id;
    topScores[at] = score;
    return count;
  }

  /** The first `count` labels kept by {@link keep}, best first. */
  private kept(count: number): LabelScore[] {
    const top: LabelScore[] = [];
    for (let k = 0; k < count; k += 1) top.push({ label: this.labels[this.scratchTopIds[k]], score: this.scratchTopScores[k] });
    return top;
  }
}

/** Texts grouped by label (a counting sort), each label's in text order. */
function byLabel(labelOfText: Int32Array, n: number, labelCount: number): { start: Int32Array; docs: Int32Array } {
  const start = new Int32Array(labelCount + 1);
  for (let doc = 0; doc < n; doc += 1) start[labelOfText[doc] + 1] += 1;
  for (let label = 0; label < labelCount; label += 1) start[label + 1] += start[label];
  const next = start.slice(0, labelCount);
  const docs = new Int32Array(n);
  for (let doc = 0; doc < n; doc += 1) docs[next[labelOfText[doc]]++] = doc;
  return { start, docs };
}

/** Moves the label at `at` of a heap of labels down to its place, the label with the largest bound first. */
function siftDown(heap: Int32Array, size: number, at: number, bounds: Float64Array): void {
  const label = heap[at];
  const bound = bounds[label];
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && bounds[heap[child + 1]] > bounds[heap[child]]) child += 1;
    if (bounds[heap[child]] <= bound) break;
    heap[at] = heap[child];
    at = child;
  }
  heap[at] = label;
}

/** Whether a label with a score ranks before another: best first; equal scores by label, so rankings are the same on every run. */
function precedes(score: number, label: string, otherScore: number, otherLabel: string): boolean {
  return otherScore - score < 0 || (otherScore === score && label.localeCompare(otherLabel) < 0);
}
