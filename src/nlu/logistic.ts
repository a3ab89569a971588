/**
 * Binary logistic regression over a few dense features: the calibrated confidence's model (Platt
 * scaling with more than one input). Features are standardised (mean 0, scale 1 over the training
 * examples) so one step size and one L2 penalty suit them all; the fit is full-batch gradient
 * descent on the mean log loss, which is convex, so it needs no seed and gives the same model on the
 * same data.
 */

/** A fitted model, as stored in the calibration file. */
export interface LogisticModel {
  /** Per feature: subtracted before weighting. */
  mean: number[];
  /** Per feature: divided by after the mean (1 for a feature that never varies). */
  scale: number[];
  /** Per feature: the weight of its standardised value. */
  weights: number[];
  bias: number;
}

/** How a model is fitted. */
export interface LogisticOptions {
  /** L2 penalty on the weights of the standardised features (not on the bias). */
  l2: number;
  /** Passes at most; the fit stops earlier once no weight moves more than {@link tolerance}. */
  iterations: number;
  learningRate: number;
  tolerance: number;
}

/** Defaults: a mild penalty, so a feature that separates the training examples perfectly still gets a finite weight. */
export const LOGISTIC_DEFAULTS: LogisticOptions = { l2: 0.01, iterations: 20_000, learningRate: 0.5, tolerance: 1e-7 };

/** The probability a model gives a feature vector. */
export function predictLogistic(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j += 1) z += (model.weights[j] * (x[j] - model.mean[j])) / model.scale[j];
  return sigmoid(z);
}

/**
 * Fits a logistic regression of labels (true = 1) on feature vectors; throws when the data cannot
 * be fitted (no examples, vectors of different lengths, values that are not finite).
 */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly boolean[], options: Partial<LogisticOptions> = {}): LogisticModel {
  const { l2, iterations, learningRate, tolerance } = { ...LOGISTIC_DEFAULTS, ...options };
  const n = xs.length;
  if (n === 0 || ys.length !== n) throw new Error(`fitLogistic(): ${n} feature vectors and ${ys.length} labels`);
  const d = xs[0].length;
  for (const [i, x] of xs.entries()) {
    if (x.length !== d) throw new Error(`fitLogistic(): example ${i} has ${x.length} features, the first has ${d}`);
    if (!x.every(Number.isFinite)) throw new Error(`fitLogistic(): example ${i} has a feature that is not a finite number`);
  }
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const x of xs) for (let j = 0; j < d; j += 1) mean[j] += x[j] / n;
  for (const x of xs) for (let j = 0; j < d; j += 1) scale[j] += (x[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j += 1) scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
  const z = xs.map((x) => x.map((v, j) => (v - mean[j]) / scale[j]));
  const y: number[] = ys.map((label) => (label ? 1 : 0));

  const weights = new Array<number>(d).fill(0);
  // Start from the base rate, so a model with no useful feature is right at once.
  const positives = y.reduce((sum, v) => sum + v, 0);
  let bias = Math.log((positives + 0.5) / (n - positives + 0.5));
  const gradient = new Array<number>(d);
  for (let step = 0; step < iterations; step += 1) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let i = 0; i < n; i += 1) {
      let logit = bias;
      for (let j = 0; j < d; j += 1) logit += weights[j] * z[i][j];
      const error = sigmoid(logit) - y[i];
      biasGradient += error / n;
      for (let j = 0; j < d; j += 1) gradient[j] += (error * z[i][j]) / n;
    }
    let moved = Math.abs(learningRate * biasGradient);
    bias -= learningRate * biasGradient;
    for (let j = 0; j < d; j += 1) {
      const change = learningRate * (gradient[j] + l2 * weights[j]);
      weights[j] -= change;
      moved = Math.max(moved, Math.abs(change));
    }
    if (moved < tolerance) break;
  }
  return { mean, scale, weights, bias };
}

/** The mean log loss of predictions, each clipped away from 0 and 1. */
export function logLoss(predictions: readonly number[], ys: readonly boolean[]): number {
  if (predictions.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < predictions.length; i += 1) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predictions[i]));
    sum -= ys[i] ? Math.log(p) : Math.log(1 - p);
  }
  return sum / predictions.length;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
