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

  /**
   * @param texts the texts, as a list or collected one at a time (see {@link IndexedTexts}).
   * @param channelWeights weight of each channel; they should add up to 1 so scores stay in 0..1.
   * @param order how labels are scored and ranked.
   * @param sweepReadsPerText see {@link SWEEP_READS_PER_TEXT}; tests set it to take one way or the other.
   */
  constructor(
    texts: readonly IndexedText[] | IndexedTexts,
    private readonly channelWeights: readonly number[] = [1],
    order: RankOrder = 'score',
    private readonly sweepReadsPerText = SWEEP_READS_PER_TEXT,
  ) {
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
    }
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
    // The best so far in scratch arrays, best first, with an object made only for those kept at the end.
    const topIds = this.scratchTopIds;
    const topScores = this.scratchTopScores;
    let kept = 0;
    const capped = !this.labelIdf;
    for (let l = 0; l < labelsTouchedCount; l += 1) {
      const id = labelsTouched[l];
      let sum = 0;
      for (let c = 0; c < channels; c += 1) {
        const at = id * channels + c;
        sum += perLabel[at] * channelWeights[c];
        perLabel[at] = 0;
      }
      seen[id] = 0;
      // Text-counted scores are capped at 1 against rounding; label-counted ones are as the matcher has always taken them.
      const score = capped ? Math.min(1, sum) : sum;
      // Most labels fall below the cut: they are dropped before an object is made for them.
      const label = labels[id];
      if (kept === limit && !precedes(score, label, topScores[limit - 1], labels[topIds[limit - 1]])) continue;
      let at = kept;
      while (at > 0 && precedes(score, label, topScores[at - 1], labels[topIds[at - 1]])) at -= 1;
      // Those after it move down one place; when all `limit` places are taken, the last drops out.
      if (kept < limit) kept += 1;
      for (let k = kept - 1; k > at; k -= 1) {
        topIds[k] = topIds[k - 1];
        topScores[k] = topScores[k - 1];
      }
      topIds[at] = id;
      topScores[at] = score;
    }
    const top: LabelScore[] = [];
    for (let k = 0; k < kept; k += 1) top.push({ label: labels[topIds[k]], score: topScores[k] });
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

/** Whether a label with a score ranks before another: best first; equal scores by label, so rankings are the same on every run. */
function precedes(score: number, label: string, otherScore: number, otherLabel: string): boolean {
  return otherScore - score < 0 || (otherScore === score && label.localeCompare(otherLabel) < 0);
}
