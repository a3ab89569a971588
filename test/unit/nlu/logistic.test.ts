import { fitLogistic, logLoss, predictLogistic } from '../../../src/nlu/logistic';
import { seededRandom } from '../../../src/util/seededRandom';

/** Samples drawn from a known logistic model: P(y) = sigmoid(bias + w · x). */
function sample(n: number, weights: number[], bias: number, seed = 7): { xs: number[][]; ys: boolean[] } {
  const random = seededRandom(seed);
  const xs: number[][] = [];
  const ys: boolean[] = [];
  for (let i = 0; i < n; i += 1) {
    const x = weights.map(() => random() * 4 - 2);
    const z = bias + x.reduce((sum, v, j) => sum + v * weights[j], 0);
    xs.push(x);
    ys.push(random() < 1 / (1 + Math.exp(-z)));
  }
  return { xs, ys };
}

describe('fitLogistic', () => {
  it('recovers the weights of the model the data was drawn from', () => {
    const { xs, ys } = sample(4000, [1.5, -2, 0], 0.5);
    const model = fitLogistic(xs, ys, { l2: 0 });
    // Weights are of standardised features: divide by the scale to compare with the true ones.
    const raw = model.weights.map((w, j) => w / model.scale[j]);
    expect(raw[0]).toBeCloseTo(1.5, 0);
    expect(raw[1]).toBeCloseTo(-2, 0);
    expect(Math.abs(raw[2])).toBeLessThan(0.2);
  });

  it('predicts probabilities that match the true ones', () => {
    const { xs, ys } = sample(4000, [1, 1], -1);
    const model = fitLogistic(xs, ys);
    for (const x of [
      [0, 0],
      [1, 1],
      [-1, 2],
    ]) {
      const truth = 1 / (1 + Math.exp(-(-1 + x[0] + x[1])));
      expect(Math.abs(predictLogistic(model, x) - truth)).toBeLessThan(0.05);
    }
  });

  it('gives the base rate when no feature tells the labels apart', () => {
    const xs = Array.from({ length: 100 }, () => [1]);
    const ys = Array.from({ length: 100 }, (_, i) => i < 30);
    expect(predictLogistic(fitLogistic(xs, ys), [1])).toBeCloseTo(0.3, 1);
  });

  it('keeps weights finite on data one feature separates perfectly', () => {
    const xs = Array.from({ length: 40 }, (_, i) => [i < 20 ? -1 : 1]);
    const ys = xs.map(([v]) => v > 0);
    const model = fitLogistic(xs, ys);
    expect(Number.isFinite(model.weights[0])).toBe(true);
    expect(predictLogistic(model, [1])).toBeGreaterThan(0.9);
    expect(predictLogistic(model, [-1])).toBeLessThan(0.1);
  });

  it('penalises weights: a larger L2 gives smaller ones', () => {
    const { xs, ys } = sample(500, [2], 0);
    expect(Math.abs(fitLogistic(xs, ys, { l2: 1 }).weights[0])).toBeLessThan(Math.abs(fitLogistic(xs, ys, { l2: 0.001 }).weights[0]));
  });

  it.each([
    ['no examples', [], []],
    ['vectors of different lengths', [[1], [1, 2]], [true, false]],
    ['a value that is not a number', [[1], [Number.NaN]], [true, false]],
  ])('refuses %s', (_, xs, ys) => {
    expect(() => fitLogistic(xs as number[][], ys as boolean[])).toThrow(/fitLogistic\(\)/);
  });
});

describe('logLoss', () => {
  it('is lower for better predictions', () => {
    const ys = [true, false, true];
    expect(logLoss([0.9, 0.1, 0.8], ys)).toBeLessThan(logLoss([0.6, 0.4, 0.5], ys));
    expect(logLoss([0.5, 0.5, 0.5], ys)).toBeCloseTo(Math.log(2), 10);
  });
});
