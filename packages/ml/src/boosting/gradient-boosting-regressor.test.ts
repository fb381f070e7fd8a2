import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix';
import { RandomState } from '../random';
import { describeEstimatorContract } from '../testing/estimator-contract';
import { GradientBoostingRegressor } from './gradient-boosting-regressor';
import { sklearnProblem, sklearnQueries } from './test-data';

describeEstimatorContract('GradientBoostingRegressor', {
  type: 'regressor',
  create: (params) => new GradientBoostingRegressor(params),
  fromJSON: (json) => GradientBoostingRegressor.fromJSON(json),
  invalidParams: { maxDepth: 0 },
  handlesMissing: true,
});

function noisySine(nRows: number, seed: number) {
  const random = new RandomState(seed);
  const x = Array.from({ length: nRows }, () => random.float() * 6);
  return { X: Matrix.fromRows(x.map((v) => [v])), y: x.map((v) => Math.sin(v) + 0.3 * random.normal()) };
}

function rmse(y: ArrayLike<number>, prediction: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += ((y[i] as number) - (prediction[i] as number)) ** 2;
  return Math.sqrt(sum / y.length);
}

describe('GradientBoostingRegressor', () => {
  it('starts from the weighted mean and takes residual steps on a step function', () => {
    const X = Matrix.fromRows(Array.from({ length: 40 }, (_, i) => [i]));
    const y = Array.from({ length: 40 }, (_, i) => (i < 10 ? 4 : 0));
    const model = new GradientBoostingRegressor({
      nEstimators: 1,
      learningRate: 0.5,
      growPolicy: 'depthwise',
      maxDepth: 1,
      minSamplesLeaf: 1,
    }).fit(X, y);
    // Mean 1; residuals +3 on the left (10 rows), −1 on the right; each leaf moves half way.
    expect(Array.from(model.predict([[0], [9], [10], [39]]))).toEqual([2.5, 2.5, 0.5, 0.5]);
    const weighted = new GradientBoostingRegressor({ nEstimators: 1, maxDepth: 1, growPolicy: 'depthwise' }).fit(X, y, {
      sampleWeight: y.map((_, i) => (i < 10 ? 3 : 1)),
    });
    // Weighted mean (30·4)/60 = 2. With 20 rows per leaf the split is at 19.5: the left leaf's weighted mean is
    // 120/40 = 3 (residual +1), the right's 0 (residual −2), each scaled by the learning rate 0.1.
    expect(weighted.predict([[0], [39]])[0]).toBeCloseTo(2.1, 12);
    expect(weighted.predict([[0], [39]])[1]).toBeCloseTo(1.8, 12);
  });

  it('beats the mean predictor on a noisy sine', () => {
    const train = noisySine(1000, 1);
    const test = noisySine(1000, 2);
    const model = new GradientBoostingRegressor({ nEstimators: 100 }).fit(train.X, train.y);
    const mean = train.y.reduce((sum, v) => sum + v, 0) / train.y.length;
    const baseline = rmse(
      test.y,
      test.y.map(() => mean),
    );
    const error = rmse(test.y, model.predict(test.X));
    expect(baseline).toBeGreaterThan(0.7);
    // The noise alone has RMSE 0.3.
    expect(error).toBeLessThan(0.36);
  });

  it('matches scikit-learn 1.2 HistGradientBoostingRegressor on a small problem with missing values', () => {
    const { rows, y } = sklearnProblem();
    const model = new GradientBoostingRegressor({
      nEstimators: 10,
      learningRate: 0.3,
      earlyStopping: false,
      minSamplesLeaf: 5,
    }).fit(rows, y);
    // HistGradientBoostingRegressor(max_iter=10, learning_rate=0.3, early_stopping=False, min_samples_leaf=5).
    const expected = [0.732676002438854, 3.6930787009878596, 3.134804767639845, 1.2537865800944041, 4.039779236933995];
    const prediction = model.predict(sklearnQueries);
    for (const [i, value] of expected.entries()) expect(prediction[i]).toBeCloseTo(value, 6);
  });

  it('stops early on pure noise', () => {
    const random = new RandomState(4);
    const X = Matrix.fromRows(Array.from({ length: 3000 }, () => [random.normal(), random.normal(), random.normal()]));
    const y = Array.from({ length: 3000 }, () => random.normal());
    const model = new GradientBoostingRegressor({ nEstimators: 300, earlyStopping: true }).fit(X, y);
    expect(model.nTreesFitted).toBeLessThan(30);
  });

  it('adds up SHAP values to the prediction', () => {
    const { X, y } = noisySine(500, 3);
    const model = new GradientBoostingRegressor({ nEstimators: 20, l2Regularization: 1 }).fit(X, y);
    const { base, values } = model.shapValues(X);
    const prediction = model.predict(X);
    for (let i = 0; i < X.nRows; i++) expect(base + values.get(i, 0)).toBeCloseTo(prediction[i] as number, 9);
  });
});
