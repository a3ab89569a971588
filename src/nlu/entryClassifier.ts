import { createHash } from 'node:crypto';
import { grown } from '../util/grown.js';
import { seededRandom } from '../util/seededRandom.js';
import { hypotOf } from './termIndex.js';

/** A normalised token: its matcher term and, for English, the word as typed. */
export interface ClassifierToken {
  term: string;
  raw?: string;
}

/** One training text of an entry. */
export interface LabelledTokens {
  label: string;
  tokens: readonly ClassifierToken[];
}

/** How the classifier learns; the defaults were chosen on the public benchmarks as a whole (docs/benchmarks.md). */
export interface EntryClassifierOptions {
  /** Passes over the training texts. */
  epochs: number;
  /** Step size of the first pass; later passes shrink it. */
  learningRate: number;
  /** L2 penalty on the weights. */
  l2: number;
  /** Weight of one letter n-gram against a whole term (1). */
  letterWeight: number;
  /** Seed of the order the texts are visited in, so training gives the same model every time. */
  seed: number;
}

/** Defaults, each chosen on the benchmark data sets together (never for one). */
export const ENTRY_CLASSIFIER_DEFAULTS: EntryClassifierOptions = {
  // Accuracy is flat from about 15 passes on; 30 leaves room for larger knowledge bases.
  epochs: 30,
  learningRate: 0.5,
  // Small: the phrasings are few and each word matters.
  l2: 1e-4,
  // Letter n-grams tie "sync" to "synchronization" and survive typos, but a whole term is worth more.
  letterWeight: 0.5,
  seed: 1,
};

/**
 * Training visits every text once per pass and updates every label's weights, so its cost grows with
 * texts × labels. Above this product the classifier is not trained and the index ranks alone: training
 * would hold start-up back for a knowledge base far larger than the bot's own, which stays below it.
 */
export const MAX_TRAINING_WORK = 400_000;

/** Tokens whose features are remembered; the memory starts over when full, so odd input cannot grow it without bound. */
const TOKEN_CACHE_SIZE = 50_000;

/**
 * Where trained models are kept between processes, by the digest of what they were trained on (see
 * {@link EntryClassifier.train}). Best effort: a model that cannot be stored or read is trained again.
 */
export interface ModelStore {
  /** The bytes stored under a key, if any. */
  load(key: string): Uint8Array | undefined;
  /** Keeps the bytes under a key. */
  save(key: string, bytes: Uint8Array): void;
}

/** The layout of a stored model (see {@link EntryClassifier.toBytes}); a change makes older files be trained again. */
const MODEL_FORMAT = 'icp-entry-classifier/1';
/** Stored weights are the machine's own float64 bytes: only little-endian machines (every one Node supports but s390x) write and read them. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Trained models kept by their training texts and options (see {@link EntryClassifier.train}); the oldest goes first when full. */
const REMEMBERED_MODELS = 4;
const trained = new Map<string, EntryClassifier>();

/** A digest of everything training reads: the options and each text's label and tokens, in order. */
function trainingKey(texts: readonly LabelledTokens[], options: EntryClassifierOptions): string {
  const hash = createHash('sha256').update(JSON.stringify(options));
  for (const { label, tokens } of texts) {
    hash.update(`\u0000${label}`);
    for (const { term, raw } of tokens) hash.update(`\u0001${term}\u0002${raw ?? ''}`);
  }
  return hash.digest('base64');
}

/** Letter n-gram lengths (of a word with its boundaries marked). */
const LETTER_NGRAMS = [3, 4] as const;

/** A text as feature ids with values, the vector of unit length. */
interface Features {
  ids: Int32Array;
  values: Float64Array;
}

/**
 * A softmax (multinomial logistic) regression over the entries of one language, trained on their
 * phrasings: each term and each letter 3- and 4-gram of a word is a feature. Where the index finds
 * the phrasing nearest to a question, this learns which words tell one entry from the others, so a
 * word in every phrasing of an entry counts for it even if it is common elsewhere, and a word that
 * several entries share counts for none. Its probabilities are mixed into the ranking.
 */
export class EntryClassifier {
  private readonly featureIds = new Map<string, number>();
  /** Weights by feature then label: weights[feature * labels + label]. */
  private weights = new Float64Array(0);
  private readonly bias: Float64Array;
  /** Each token's known features, by term and word (see {@link tokenFeatures}). */
  private readonly byToken = new Map<string, Features>();
  /** Scratch by feature id, zero between questions: a question's sum of each feature. */
  private scratchSums?: Float64Array;
  /** Scratch for a question's feature vector (ids in order of first appearance, and values) and its logits, reused by every question. */
  private scratchIds: Int32Array = new Int32Array(256);
  private scratchValues = new Float64Array(256);
  private scratchLogits?: Float64Array;

  private constructor(
    readonly labels: readonly string[],
    private readonly options: EntryClassifierOptions,
  ) {
    this.bias = new Float64Array(labels.length);
  }

  /**
   * Trains on the texts; undefined when there is nothing to tell apart (fewer than two labels) or the
   * work would exceed {@link MAX_TRAINING_WORK}. With a store, a model trained on the same texts
   * with the same options in an earlier process is read from it instead, and one trained here is
   * kept in it.
   */
  static train(texts: readonly LabelledTokens[], options: Partial<EntryClassifierOptions> = {}, store?: ModelStore): EntryClassifier | undefined {
    const labels = [...new Set(texts.map((t) => t.label))];
    if (!EntryClassifier.canTrain(labels.length, texts.length)) return undefined;
    const chosen = { ...ENTRY_CLASSIFIER_DEFAULTS, ...options };
    // The same texts give the same model (training is seeded): a process that builds the bot's core again on unchanged knowledge
    // (a CLI command after another, the learning loop's suggest, tests) reuses it instead of training again.
    const key = trainingKey(texts, chosen);
    const known = trained.get(key);
    if (known) return known;
    const stored = store && LITTLE_ENDIAN ? store.load(key) : undefined;
    let classifier = stored && EntryClassifier.fromBytes(stored, key, labels, chosen);
    if (!classifier) {
      classifier = new EntryClassifier(labels, chosen);
      classifier.fit(texts);
      if (store && LITTLE_ENDIAN) store.save(key, classifier.toBytes(key));
    }
    if (trained.size >= REMEMBERED_MODELS) trained.delete(trained.keys().next().value as string);
    trained.set(key, classifier);
    return classifier;
  }

  /**
   * The model as bytes: the length of a JSON header (little-endian uint32), the header (format, the training digest, the labels
   * and the features in the order of their ids), padding to a multiple of 8, then the weights and the biases as float64.
   */
  toBytes(key: string): Uint8Array {
    const header = Buffer.from(JSON.stringify({ format: MODEL_FORMAT, key, labels: this.labels, features: [...this.featureIds.keys()] }), 'utf8');
    const start = Math.ceil((4 + header.length) / 8) * 8;
    const bytes = new Uint8Array(start + (this.weights.length + this.bias.length) * 8);
    new DataView(bytes.buffer).setUint32(0, header.length, true);
    bytes.set(header, 4);
    new Float64Array(bytes.buffer, start, this.weights.length).set(this.weights);
    new Float64Array(bytes.buffer, start + this.weights.length * 8, this.bias.length).set(this.bias);
    return bytes;
  }

  /** The model {@link toBytes} wrote for this training digest and these labels; undefined for anything else or anything damaged. */
  private static fromBytes(bytes: Uint8Array, key: string, labels: readonly string[], options: EntryClassifierOptions): EntryClassifier | undefined {
    if (bytes.length < 4) return undefined;
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(0, true);
    if (4 + headerLength > bytes.length) return undefined;
    let header: unknown;
    try {
      header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 4, headerLength).toString('utf8'));
    } catch {
      return undefined;
    }
    const { format, key: storedKey, labels: storedLabels, features } = (header ?? {}) as { format?: unknown; key?: unknown; labels?: unknown; features?: unknown };
    if (format !== MODEL_FORMAT || storedKey !== key || !Array.isArray(features) || !features.every((f) => typeof f === 'string')) return undefined;
    if (!Array.isArray(storedLabels) || storedLabels.length !== labels.length || storedLabels.some((label, i) => label !== labels[i])) return undefined;
    const start = Math.ceil((4 + headerLength) / 8) * 8;
    const weightCount = features.length * labels.length;
    if (bytes.length !== start + (weightCount + labels.length) * 8) return undefined;
    const classifier = new EntryClassifier(labels, options);
    for (const feature of features as string[]) classifier.featureIds.set(feature, classifier.featureIds.size);
    if (classifier.featureIds.size !== features.length) return undefined;
    // Copied out of the file's bytes, which need not be aligned for float64.
    const numbers = new Float64Array(weightCount + labels.length);
    new Uint8Array(numbers.buffer).set(bytes.subarray(start));
    if (!numbers.every(Number.isFinite)) return undefined;
    classifier.weights = numbers.subarray(0, weightCount);
    classifier.bias.set(numbers.subarray(weightCount));
    return classifier;
  }

  /** Whether {@link train} would train on this many labels and texts, so a caller can skip collecting them. */
  static canTrain(labels: number, texts: number): boolean {
    return labels >= 2 && labels * texts <= MAX_TRAINING_WORK;
  }

  /** Every label's probability for the tokens of a question (they add up to 1). */
  probabilities(tokens: readonly ClassifierToken[]): Map<string, number> {
    const probabilities = this.labelProbabilities(tokens);
    return new Map(this.labels.map((label, i) => [label, probabilities[i]]));
  }

  /**
   * {@link probabilities} by label position (the order of {@link labels}), in an array the next call
   * overwrites: the ranking reads them once per question and needs no Map of every label.
   */
  labelProbabilities(tokens: readonly ClassifierToken[]): Float64Array {
    const count = this.queryFeatures(tokens);
    const logits = (this.scratchLogits ??= new Float64Array(this.labels.length));
    this.logitsInto(this.scratchIds, this.scratchValues, count, logits);
    softmax(logits);
    return logits;
  }

  private fit(texts: readonly LabelledTokens[]): void {
    const labelIndex = new Map(this.labels.map((label, i) => [label, i]));
    const examples = texts.map((t) => ({ features: this.features(t.tokens, true), label: labelIndex.get(t.label) ?? 0 }));
    this.weights = new Float64Array(this.featureIds.size * this.labels.length);
    // Locals and one scratch array for the gradient: this loop is most of start-up's training time.
    const { weights, bias } = this;
    const { l2, learningRate } = this.options;
    const gradient = new Float64Array(this.labels.length);
    const random = seededRandom(this.options.seed);
    const order = examples.map((_, i) => i);
    const labels = this.labels.length;
    for (let epoch = 0; epoch < this.options.epochs; epoch += 1) {
      shuffle(order, random);
      const rate = learningRate / (1 + epoch * 0.1);
      for (const i of order) {
        const { features, label } = examples[i];
        const { ids, values } = features;
        this.logitsInto(ids, values, ids.length, gradient);
        softmax(gradient);
        gradient[label] -= 1;
        for (let c = 0; c < labels; c += 1) bias[c] -= rate * 0.1 * gradient[c];
        for (let f = 0; f < ids.length; f += 1) {
          const at = ids[f] * labels;
          const value = values[f];
          for (let c = 0; c < labels; c += 1) {
            weights[at + c] -= rate * (gradient[c] * value + l2 * weights[at + c]);
          }
        }
      }
    }
  }

  /** The bias plus the first `count` weighted features, written into `out`. */
  private logitsInto(ids: Int32Array, values: Float64Array, count: number, out: Float64Array): void {
    const labels = this.labels.length;
    const { weights, bias } = this;
    out.set(bias);
    let f = 0;
    // Four features at a time: each label's sum still takes them one after another (the same additions
    // in the same order, so the same logits to the last bit), but \`out\` is read and written once for four.
    for (; f + 4 <= count; f += 4) {
      const a = ids[f] * labels;
      const b = ids[f + 1] * labels;
      const c = ids[f + 2] * labels;
      const d = ids[f + 3] * labels;
      const va = values[f];
      const vb = values[f + 1];
      const vc = values[f + 2];
      const vd = values[f + 3];
      for (let label = 0; label < labels; label += 1) {
        out[label] = out[label] + weights[a + label] * va + weights[b + label] * vb + weights[c + label] * vc + weights[d + label] * vd;
      }
    }
    for (; f < count; f += 1) {
      const at = ids[f] * labels;
      const value = values[f];
      for (let label = 0; label < labels; label += 1) out[label] += weights[at + label] * value;
    }
  }

  /**
   * The feature vector of a question: {@link features} without learning, from each token's known
   * features worked out once (its term and letter n-grams, as ids in the order they are added), so a
   * question costs a lookup per word instead of building and looking up every n-gram string. Features
   * come in the same order with the same values, so the probabilities are the same to the last bit.
   * Written into the scratch arrays ({@link scratchIds}, {@link scratchValues}); returns how many.
   */
  private queryFeatures(tokens: readonly ClassifierToken[]): number {
    const sums = (this.scratchSums ??= new Float64Array(this.featureIds.size));
    let count = 0;
    for (const token of tokens) {
      const { ids, values } = this.tokenFeatures(token);
      for (let i = 0; i < ids.length; i += 1) {
        if (sums[ids[i]] === 0) {
          if (count === this.scratchIds.length) this.scratchIds = grown(this.scratchIds);
          this.scratchIds[count++] = ids[i];
        }
        sums[ids[i]] += values[i];
      }
    }
    if (this.scratchValues.length < count) this.scratchValues = new Float64Array(this.scratchIds.length);
    const { scratchIds: ids, scratchValues: values } = this;
    for (let i = 0; i < count; i += 1) {
      values[i] = sums[ids[i]];
      sums[ids[i]] = 0;
    }
    // Math.hypot over every value at once, as the features of a training text are normed (hypotOf: the same arithmetic, without spreading them).
    const norm = hypotOf(values, count);
    if (norm > 0) for (let i = 0; i < count; i += 1) values[i] /= norm;
    return count;
  }

  /** One token's known features in the order {@link features} adds them, repeats included; remembered. */
  private tokenFeatures({ term, raw }: ClassifierToken): Features {
    // A control character cannot be in a term or a word (the normaliser strips them).
    const key = raw === undefined ? term : `${term}\u0001${raw}`;
    let found = this.byToken.get(key);
    if (found) return found;
    const ids: number[] = [];
    const values: number[] = [];
    this.eachFeature(term, raw, (feature, value) => {
      const id = this.featureIds.get(feature);
      if (id === undefined) return;
      ids.push(id);
      values.push(value);
    });
    found = { ids: Int32Array.from(ids), values: Float64Array.from(values) };
    if (this.byToken.size >= TOKEN_CACHE_SIZE) this.byToken.clear();
    this.byToken.set(key, found);
    return found;
  }

  /** Each feature of one token with its value, in order: the term, then the letter 3- and 4-grams of its word. */
  private eachFeature(term: string, raw: string | undefined, add: (feature: string, value: number) => void): void {
    add(`t:${term}`, 1);
    const word = `<${raw ?? term}>`;
    const letters = [...word];
    for (const n of LETTER_NGRAMS) {
      for (let i = 0; i + n <= letters.length; i += 1) {
        // Characters, not UTF-16 units; joined without an array per n-gram.
        let gram = 'l:';
        for (let k = i; k < i + n; k += 1) gram += letters[k];
        add(gram, this.options.letterWeight);
      }
    }
  }

  /** The feature vector of a text; while training, unseen features are added, otherwise ignored. */
  private features(tokens: readonly ClassifierToken[], learn: boolean): Features {
    const counts = new Map<number, number>();
    const add = (key: string, value: number) => {
      let id = this.featureIds.get(key);
      if (id === undefined) {
        if (!learn) return;
        this.featureIds.set(key, (id = this.featureIds.size));
      }
      counts.set(id, (counts.get(id) ?? 0) + value);
    };
    for (const { term, raw } of tokens) this.eachFeature(term, raw, add);
    // Copied by hand: Int32Array.from and Float64Array.from over a Map's iterators, and spreading a
    // typed array into Math.hypot, allocate on every question and dominate the features' cost.
    const ids = new Int32Array(counts.size);
    const counted: number[] = [];
    for (const [id, value] of counts) {
      ids[counted.length] = id;
      counted.push(value);
    }
    const norm = Math.hypot(...counted);
    const values = Float64Array.from(counted);
    if (norm > 0) for (let i = 0; i < values.length; i += 1) values[i] /= norm;
    return { ids, values };
  }
}

/** Turns logits into probabilities in place. */
function softmax(values: Float64Array): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) {
    values[i] = Math.exp(values[i] - max);
    sum += values[i];
  }
  for (let i = 0; i < values.length; i += 1) values[i] /= sum;
}

/** Fisher–Yates with the given generator. */
function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
