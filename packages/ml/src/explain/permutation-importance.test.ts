import { describe, expect, it } from 'vitest';
import { MlInputError, ParameterError } from '../errors';
import { binaryProba } from '../estimator';
import { LogisticRegression } from '../linear';
import { Matrix } from '../matrix';
import { RandomState } from '../random';
import { permutationImportance } from './permutation-importance';

function accuracy(yTrue: Float64Array, probability: Float64Array): number {
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) correct += (probability[i] as number) >= 0.5 === (yTrue[i] === 1) ? 1 : 0;
  return correct / yTrue.length;
}

/** Feature 0 decides the label, feature 1 nudges it, feature 2 is noise. */
function data(nRows = 400) {
  const random = new RandomState(5);
  const columns = [new Float64Array(nRows), new Float64Array(nRows), new Float64Array(nRows)];
  const y = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    for (const column of columns) column[i] = random.normal();
    y[i] = 2 * (columns[0]?.[i] as number) + 0.5 * (columns[1]?.[i] as number) + 0.3 * random.normal() > 0 ? 1 : 0;
  }
  return { X: new Matrix(columns, nRows), y };
}

/** Uses only feature 0: shuffling any other feature cannot change a single prediction. */
const firstFeatureModel = {
  predictProba(X: Matrix): Matrix {
    return binaryProba(X.column(0).map((x) => 1 / (1 + Math.exp(-3 * x))));
  },
};

describe('permutationImportance', () => {
  it('gives exactly zero to features the model does not use, and a large drop to the one it does', () => {
    const { X, y } = data();
    const result = permutationImportance(firstFeatureModel, X, y, { score: accuracy, nRepeats: 4 });
    expect(result.baseline).toBeGreaterThan(0.9);
    expect(result.mean[0]).toBeGreaterThan(0.3);
    expect(Array.from(result.mean.slice(1))).toEqual([0, 0]);
    expect(Array.from(result.std.slice(1))).toEqual([0, 0]);
    expect(result.drops[0]?.length).toBe(4);
  });

  it('ranks a fitted model’s features by how much it relies on them', () => {
    const { X, y } = data();
    const model = new LogisticRegression().fit(X, y);
    const { mean, std } = permutationImportance(model, X, y, { score: accuracy, nRepeats: 5, randomState: 1 });
    expect(mean[0]).toBeGreaterThan(mean[1] as number);
    expect(mean[1]).toBeGreaterThan(mean[2] as number);
    expect(Math.abs(mean[2] as number)).toBeLessThan(0.02);
    expect(std[0]).toBeGreaterThan(0);
  });

  it('computes mean and population std of baseline − shuffled score', () => {
    const { X, y } = data(100);
    const result = permutationImportance(firstFeatureModel, X, y, { score: accuracy, nRepeats: 3 });
    const drops = Array.from(result.drops[0] as Float64Array);
    const mean = drops.reduce((a, b) => a + b, 0) / 3;
    expect(result.mean[0]).toBeCloseTo(mean, 14);
    expect(result.std[0]).toBeCloseTo(Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / 3), 14);
  });

  it('is reproducible for a randomState and leaves X untouched', () => {
    const { X, y } = data(100);
    const before = Array.from(X.column(0));
    const a = permutationImportance(firstFeatureModel, X, y, { score: accuracy, randomState: 9 });
    const b = permutationImportance(firstFeatureModel, X, y, { score: accuracy, randomState: 9 });
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    expect(Array.from(X.column(0))).toEqual(before);
  });

  it('refuses a bad nRepeats and mismatched y', () => {
    const { X, y } = data(20);
    expect(() => permutationImportance(firstFeatureModel, X, y, { score: accuracy, nRepeats: 0 })).toThrow(
      ParameterError,
    );
    expect(() => permutationImportance(firstFeatureModel, X, y.slice(1), { score: accuracy })).toThrow(MlInputError);
  });
});
