import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MlInputError } from '../errors';
import { Matrix } from '../matrix';
import { describeEstimatorContract, scoreContractData } from '../testing/estimator-contract';
import { IsotonicCalibration } from './isotonic-calibration';
import { poolAdjacentViolators } from './pool-adjacent-violators';
import { scoresAsMatrix } from './scores';

describeEstimatorContract('IsotonicCalibration', {
  type: 'classifier',
  create: (params) => new IsotonicCalibration(params),
  fromJSON: (json) => IsotonicCalibration.fromJSON(json),
  invalidParams: { yMin: -0.5 },
  handlesMissing: false,
  data: scoreContractData(),
});

// 40 scores with ties (and -0 next to 0); expected values from scikit-learn 1.2.1's
// IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1).
const s = [
  2.6, -0.4, -0.7, -4.0, -0.0, -0.5, -0.8, 0.5, 0.6, -1.6, -1.3, -0.7, 1.0, 0.8, -2.0, -1.7, 1.1, 2.4, -0.0, -1.0, 1.6,
  -0.5, 1.1, 2.3, 0.9, 0.1, 1.1, -1.0, -0.3, -0.9, -0.3, -0.7, -0.3, -0.6, 0.1, 0.1, 0.4, 2.1, -2.3, 1.9,
];
const y = [
  1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0,
  1,
];
const w = [
  0.4, 1.5, 0.7, 0.9, 0.6, 0.0, 1.3, 1.2, 0.6, 0.4, 1.7, 0.6, 0.9, 0.2, 0.6, 0.2, 0.7, 1.4, 1.9, 1.3, 0.5, 1.3, 1.3,
  1.7, 1.1, 1.8, 0.8, 0.6, 1.0, 1.8, 1.4, 1.0, 1.0, 1.3, 0.9, 1.1, 1.9, 1.9, 1.7, 0.3,
];
const queries = [-10, -2.05, -0.65, -0.62, -0.33, -0.1, 0, 0.1, 0.85, 0.47, 1.05, 1.234, 2.5, 10];
const thresholdsX = [-4.0, -0.7, -0.6, -0.3, -0.0, 0.8, 0.9, 1.0, 1.1, 2.4, 2.6];

describe('IsotonicCalibration', () => {
  it("equals scikit-learn's IsotonicRegression bit for bit, knots and interpolation", () => {
    const model = new IsotonicCalibration().fit(scoresAsMatrix(s), y);
    expect(Array.from(model.calibrate(queries))).toEqual([
      0.0, 0.0, 0.07142857142857134, 0.11428571428571425, 0.14285714285714285, 0.2698412698412698, 0.3333333333333333,
      0.3333333333333333, 0.4166666666666666, 0.3333333333333333, 0.625, 0.75, 0.875, 1.0,
    ]);
    expect(Array.from(model.calibrate(thresholdsX))).toEqual([
      0.0, 0.0, 0.14285714285714285, 0.14285714285714285, 0.3333333333333333, 0.3333333333333333, 0.5, 0.5, 0.75, 0.75,
      1.0,
    ]);
  });

  it('matches scikit-learn with sample weights, dropping zero-weight rows', () => {
    const model = new IsotonicCalibration().fit(scoresAsMatrix(s), y, { sampleWeight: w });
    expect(Array.from(model.calibrate(queries))).toEqual([
      0.0, 0.0, 0.08666666666666657, 0.13866666666666663, 0.17333333333333334, 0.33882352941176475, 0.4215686274509805,
      0.4215686274509805, 0.4857843137254902, 0.4215686274509805, 0.6645348837209304, 0.7790697674418606,
      0.8895348837209303, 1.0,
    ]);
  });

  it('pools tied scores, then adjacent violators, by hand', () => {
    // Points (score, mean label, weight): (1, 0, 1) (2, ½, 2) (3, 0, 1) (4, 1, 1). ½ then 0 violates the order,
    // so scores 2 and 3 pool to (½·2 + 0·1) / 3 = ⅓; between knots the map is linear, beyond them clipped.
    const model = new IsotonicCalibration().fit(scoresAsMatrix([1, 2, 2, 3, 4]), [0, 1, 0, 0, 1]);
    expect(Array.from(model.calibrate([0, 1, 2, 2.5, 3, 3.5, 4, 9]))).toEqual([
      0,
      0,
      1 / 3,
      1 / 3,
      1 / 3,
      (1 - 1 / 3) * 0.5 + 1 / 3,
      1,
      1,
    ]);
  });

  it('gives a constant for a single distinct score', () => {
    const model = new IsotonicCalibration().fit(scoresAsMatrix([3, 3, 3, 3]), [1, 0, 1, 1]);
    expect(Array.from(model.calibrate([-1, 3, 8]))).toEqual([0.75, 0.75, 0.75]);
  });

  it('is non-decreasing in the score and stays within [yMin, yMax]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 2,
          maxLength: 80,
        }),
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (rows, probes) => {
          const labels = rows.map(([, label]) => label);
          fc.pre(new Set(labels).size === 2);
          const scores = rows.map(([score]) => score / 4);
          const model = new IsotonicCalibration({ yMin: 0.1, yMax: 0.95 }).fit(scoresAsMatrix(scores), labels);
          const sorted = [...probes, ...scores].sort((a, b) => a - b);
          const p = model.calibrate(sorted);
          for (let i = 0; i < p.length; i++) {
            expect(p[i]).toBeGreaterThanOrEqual(0.1);
            expect(p[i]).toBeLessThanOrEqual(0.95);
            if (i > 0) expect(p[i] as number).toBeGreaterThanOrEqual(p[i - 1] as number);
          }
        },
      ),
    );
  });

  it('refuses more than one column, NaN scores and yMin above yMax', () => {
    expect(() =>
      new IsotonicCalibration().fit(
        Matrix.fromRows([
          [1, 2],
          [3, 4],
        ]),
        [0, 1],
      ),
    ).toThrow(/one column/);
    const model = new IsotonicCalibration().fit(scoresAsMatrix([1, 2]), [0, 1]);
    expect(() => model.calibrate([Number.NaN])).toThrow(MlInputError);
    expect(() => new IsotonicCalibration({ yMin: 0.8, yMax: 0.2 }).fit(scoresAsMatrix([1, 2]), [0, 1])).toThrow(/yMax/);
  });
});

describe('poolAdjacentViolators', () => {
  it('leaves a sorted sequence alone and averages a decreasing one', () => {
    const sorted = Float64Array.of(1, 2, 2, 5);
    poolAdjacentViolators(sorted, new Float64Array(4).fill(1));
    expect(Array.from(sorted)).toEqual([1, 2, 2, 5]);
    const decreasing = Float64Array.of(3, 2, 1);
    poolAdjacentViolators(decreasing, Float64Array.of(1, 1, 2));
    expect(Array.from(decreasing)).toEqual([1.75, 1.75, 1.75]);
  });

  it('equals the min–max formula of weighted isotonic regression, max over j ≤ i of min over k ≥ i of mean(j..k)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 4 })), {
          minLength: 1,
          maxLength: 25,
        }),
        (rows) => {
          const values = rows.map(([value]) => value);
          const weights = rows.map(([, weight]) => weight);
          const fitted = Float64Array.from(values);
          poolAdjacentViolators(fitted, Float64Array.from(weights));
          const mean = (from: number, to: number) => {
            let sum = 0;
            let total = 0;
            for (let k = from; k <= to; k++) {
              sum += (weights[k] as number) * (values[k] as number);
              total += weights[k] as number;
            }
            return sum / total;
          };
          for (let i = 0; i < values.length; i++) {
            let best = Number.NEGATIVE_INFINITY;
            for (let j = 0; j <= i; j++) {
              let smallest = Number.POSITIVE_INFINITY;
              for (let k = i; k < values.length; k++) smallest = Math.min(smallest, mean(j, k));
              best = Math.max(best, smallest);
            }
            expect(fitted[i]).toBeCloseTo(best, 10);
          }
        },
      ),
    );
  });
});
