/** A label with the classifier's value for it (prior × likelihood, not normalised). */
export interface Classification {
  label: string;
  value: number;
}

/**
 * The naive Bayes classifier of natural (apparatus' BayesClassifier: a term's presence counts,
 * absent terms are ignored, smoothing added once per seen term), with the same arithmetic but sparse
 * counts. natural turns every document and every query into a dense vector over the whole
 * vocabulary, so training grows with documents × vocabulary and each query with the vocabulary, too
 * slow for large knowledge bases (docs/benchmarks.md).
 */
export class NaiveBayes {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly vocabulary = new Set<string>();
  /** Documents per label, plus one (natural's smoothing of the prior). */
  readonly classTotals: Record<string, number> = {};
  /** All documents, plus one. */
  totalExamples = 1;
  /**
   * Per term seen in training, each label's log-probability of it in the order of {@link counts},
   * worked out when a query first has the term (with the arithmetic of {@link getClassifications})
   * and forgotten when a document is added: a query adds up logs instead of taking one per term and label.
   */
  private readonly logs = new Map<string, Float64Array>();

  /** @param smoothing pseudo-count of a term never seen with a label (natural's default is 1). */
  /** Scratch of {@link bestWithoutPrior}, reused by every call. */
  private readonly scratchKnown: Float64Array[] = [];
  private scratchValues = new Float64Array(0);
  private scratchWithoutPrior = new Float64Array(0);
  private scratchOrder = new Int32Array(0);
  private scratchLabels: string[] = [];

  constructor(private readonly smoothing = 1) {}

  /** Adds one document's terms under a label; a term repeated in a document counts once. */
  addDocument(terms: readonly string[], label: string): void {
    let counts = this.counts.get(label);
    if (!counts) {
      this.counts.set(label, (counts = new Map()));
      this.classTotals[label] = 1;
    }
    this.classTotals[label] += 1;
    this.totalExamples += 1;
    this.logs.clear();
    for (const term of new Set(terms)) {
      this.vocabulary.add(term);
      const count = counts.get(term);
      counts.set(term, count === undefined ? 1 + this.smoothing : count + 1);
    }
  }

  /** Every label's value for the terms (terms never seen in training are ignored), highest first. */
  getClassifications(terms: readonly string[]): Classification[] {
    const known = [...new Set(terms)].filter((term) => this.vocabulary.has(term)).map((term) => this.logsOf(term));
    const out: Classification[] = [];
    let position = 0;
    for (const label of this.counts.keys()) {
      const total = this.classTotals[label];
      let logLikelihood = 0;
      for (const logs of known) logLikelihood += logs[position];
      out.push({ label, value: (total / this.totalExamples) * Math.exp(logLikelihood) });
      position += 1;
    }
    return out.sort((a, b) => b.value - a.value);
  }

  /**
   * The label {@link getClassifications} would rank first once each value is divided by its class prior (classTotal /
   * totalExamples), that value, and the sum of all those values in that order: what the chat-intent guess reads of
   * them, worked out in scratch arrays with the same arithmetic, without an object per label and two sorts. The
   * order is that of the two stable sorts in turn: by the value without the prior, then by the value, then by label.
   */
  bestWithoutPrior(terms: readonly string[]): { label: string; value: number; total: number } | undefined {
    const labelCount = this.counts.size;
    if (labelCount === 0) return undefined;
    const known = this.scratchKnown;
    known.length = 0;
    const few = terms.length <= 32;
    const distinct = few ? undefined : new Set<string>();
    for (let i = 0; i < terms.length; i += 1) {
      const term = terms[i];
      if (few ? terms.indexOf(term) !== i : distinct!.has(term)) continue;
      distinct?.add(term);
      if (this.vocabulary.has(term)) known.push(this.logsOf(term));
    }
    if (this.scratchValues.length < labelCount) {
      this.scratchValues = new Float64Array(labelCount);
      this.scratchWithoutPrior = new Float64Array(labelCount);
      this.scratchOrder = new Int32Array(labelCount);
    }
    const { scratchValues: values, scratchWithoutPrior: withoutPrior, scratchOrder: order } = this;
    const labels = this.labelList();
    for (let position = 0; position < labelCount; position += 1) {
      const total = this.classTotals[labels[position]];
      let logLikelihood = 0;
      for (const logs of known) logLikelihood += logs[position];
      values[position] = (total / this.totalExamples) * Math.exp(logLikelihood);
      withoutPrior[position] = values[position] / (this.classTotals[labels[position]] / this.totalExamples);
      // Insertion, stable: after every label it does not outrank.
      let at = position;
      while (at > 0 && outranks(withoutPrior[position], values[position], withoutPrior[order[at - 1]], values[order[at - 1]])) {
        order[at] = order[at - 1];
        at -= 1;
      }
      order[at] = position;
    }
    let sum = 0;
    for (let i = 0; i < labelCount; i += 1) sum += withoutPrior[order[i]];
    return { label: labels[order[0]], value: withoutPrior[order[0]], total: sum };
  }

  /** The labels in the order of {@link counts}, listed again only when a label was added. */
  private labelList(): readonly string[] {
    if (this.scratchLabels.length !== this.counts.size) this.scratchLabels = [...this.counts.keys()];
    return this.scratchLabels;
  }

  /** Each label's log-probability of a term seen in training (see {@link logs}). */
  private logsOf(term: string): Float64Array {
    let logs = this.logs.get(term);
    if (logs === undefined) {
      logs = new Float64Array(this.counts.size);
      let position = 0;
      for (const [label, counts] of this.counts) logs[position++] = Math.log((counts.get(term) ?? this.smoothing) / this.classTotals[label]);
      this.logs.set(term, logs);
    }
    return logs;
  }
}

/** Whether a label comes before another in {@link NaiveBayes.bestWithoutPrior}'s order: a higher value without the prior, or an equal one and a higher value. */
function outranks(withoutPrior: number, value: number, otherWithoutPrior: number, otherValue: number): boolean {
  return withoutPrior > otherWithoutPrior || (withoutPrior === otherWithoutPrior && value > otherValue);
}
