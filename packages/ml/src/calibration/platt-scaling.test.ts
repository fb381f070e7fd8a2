import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix';
import { describeEstimatorContract, scoreContractData } from '../testing/estimator-contract';
import { PlattScaling } from './platt-scaling';
import { scoresAsMatrix } from './scores';

describeEstimatorContract('PlattScaling', {
  type: 'classifier',
  create: (params) => new PlattScaling(params),
  fromJSON: (json) => PlattScaling.fromJSON(json),
  invalidParams: { randomState: 0.5 },
  handlesMissing: false,
  data: scoreContractData(),
});

// Expected a and b from scikit-learn 1.2.1's `_sigmoid_calibration` (BFGS, so only ~1e-5 from the optimum).
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

function expectCoefficients(model: PlattScaling, a: number, b: number) {
  expect(Math.abs(model.coefficients.a - a)).toBeLessThan(1e-4);
  expect(Math.abs(model.coefficients.b - b)).toBeLessThan(1e-4);
}

describe('PlattScaling', () => {
  it("matches scikit-learn's sigmoid calibration, with and without sample weights", () => {
    expectCoefficients(new PlattScaling().fit(scoresAsMatrix(s), y), -0.9825706093737322, 1.0930973647229274);
    expectCoefficients(
      new PlattScaling().fit(scoresAsMatrix(s), y, { sampleWeight: w }),
      -0.9341738515347432,
      0.8821175276354868,
    );
  });

  it("stays finite on separable scores thanks to Platt's smoothed targets", () => {
    const model = new PlattScaling().fit(scoresAsMatrix([-3, -2, -1, -0.5, 0.5, 1, 2, 3]), [0, 0, 0, 0, 1, 1, 1, 1]);
    expectCoefficients(model, -0.8085046577632033, 0);
    // Symmetric data: a score of 0 is a coin flip.
    expect(model.calibrate([0])[0]).toBeCloseTo(0.5, 12);
  });

  it('fits the smoothed positive rate when every score is the same', () => {
    const model = new PlattScaling().fit(scoresAsMatrix([2, 2, 2, 2]), [0, 1, 1, 1]);
    // Targets 4/5 for the three positives and 1/3 for the negative.
    expect(model.calibrate([2])[0]).toBeCloseTo((3 * 0.8 + 1 / 3) / 4, 8);
  });

  it('computes p = 1 / (1 + exp(a·s + b)) without overflow', () => {
    const model = new PlattScaling().fit(scoresAsMatrix(s), y);
    const { a, b } = model.coefficients;
    expect(model.calibrate([0.7])[0]).toBeCloseTo(1 / (1 + Math.exp(a * 0.7 + b)), 15);
    expect(Array.from(model.calibrate([-1e6, 1e6]))).toEqual([0, 1]);
  });

  it('is monotone in the score, in [0, 1], whatever the direction of the scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.integer({ min: 0, max: 1 })), {
          minLength: 2,
          maxLength: 60,
        }),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (rows, probes) => {
          const labels = rows.map(([, label]) => label);
          fc.pre(new Set(labels).size === 2);
          const model = new PlattScaling().fit(scoresAsMatrix(rows.map(([score]) => score)), labels);
          const p = model.calibrate([...probes].sort((a, b) => a - b));
          const direction = model.coefficients.a <= 0 ? 1 : -1;
          for (let i = 0; i < p.length; i++) {
            expect(p[i]).toBeGreaterThanOrEqual(0);
            expect(p[i]).toBeLessThanOrEqual(1);
            // Two probes on either side of a·s + b = 0 go through the two overflow-safe branches of the sigmoid,
            // which may round one ulp apart.
            if (i > 0) {
              expect(direction * ((p[i] as number) - (p[i - 1] as number))).toBeGreaterThanOrEqual(-Number.EPSILON);
            }
          }
        },
      ),
    );
  });

  it('refuses more than one column', () => {
    expect(() =>
      new PlattScaling().fit(
        Matrix.fromRows([
          [1, 2],
          [3, 4],
        ]),
        [0, 1],
      ),
    ).toThrow(/one column/);
  });
});
