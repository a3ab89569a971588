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
