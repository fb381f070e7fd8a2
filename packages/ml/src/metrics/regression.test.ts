import { describe, expect, it } from 'vitest';
import { MlInputError } from '../errors';
import { meanAbsoluteError, meanAbsolutePercentageError, rootMeanSquaredError } from './regression';

// Expected values from scikit-learn 1.2.1.
const yTrue = [3.0, -0.5, 2.0, 7.0, 0.0, 1e-3];
const yPred = [2.5, 0.0, 2.0, 8.0, 0.3, 0.0];
const weight = [1.0, 2.0, 0.5, 1.5, 1.0, 3.0];

describe('regression metrics', () => {
  it('compute by hand on a small case', () => {
    expect(meanAbsoluteError([1, 2, 3], [2, 2, 5])).toBe(1);
    expect(rootMeanSquaredError([1, 2, 3], [2, 2, 5])).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(meanAbsolutePercentageError([2, -4], [1, -5])).toBeCloseTo((0.5 + 0.25) / 2, 15);
  });

  it('match scikit-learn, with and without sample weights', () => {
    expect(meanAbsoluteError(yTrue, yPred)).toBeCloseTo(0.38349999999999995, 14);
    expect(meanAbsoluteError(yTrue, yPred, { sampleWeight: weight })).toBeCloseTo(0.367, 14);
    expect(rootMeanSquaredError(yTrue, yPred)).toBeCloseTo(0.5147816689303016, 14);
    expect(rootMeanSquaredError(yTrue, yPred, { sampleWeight: weight })).toBeCloseTo(0.5099022782193989, 14);
    // A true 0 is divided by machine epsilon, as scikit-learn does.
    expect(meanAbsolutePercentageError(yTrue, yPred) / 225179981368525.16).toBeCloseTo(1, 12);
    expect(meanAbsolutePercentageError(yTrue, yPred, { sampleWeight: weight }) / 150119987579017.12).toBeCloseTo(1, 12);
  });

  it('refuse mismatched lengths, NaN and bad weights', () => {
    expect(() => meanAbsoluteError([1, 2], [1])).toThrow(MlInputError);
    expect(() => rootMeanSquaredError([1, Number.NaN], [1, 2])).toThrow(MlInputError);
    expect(() => meanAbsoluteError([1, 2], [1, 2], { sampleWeight: [1, -1] })).toThrow(/sampleWeight\[1\]/);
    expect(() => meanAbsoluteError([1, 2], [1, 2], { sampleWeight: [0, 0] })).toThrow(/sums to 0/);
  });
});
