import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationCurve, expectedCalibrationError } from './calibration-curve';

const y = [0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0];
const s = [
  0.4, 0.0, 0.7, 0.5, 0.3, 0.2, 0.5, 0.7, 0.5, 0.7, 0.5, 0.6, 0.5, 0.6, 0.7, 1.0, 0.8, 0.6, 0.6, 0.3, 0.1, 0.8, 0.7,
  0.3, 0.2, 0.3, 0.7, 0.2, 0.2, 0.3,
];

const columns = (bins: ReturnType<typeof calibrationCurve>) => ({
  fraction: bins.map((bin) => bin.fractionPositive),
  mean: bins.map((bin) => bin.meanPredicted),
});

function expectClose(actual: number[], expected: number[]) {
  expect(actual.length).toBe(expected.length);
  for (const [i, value] of actual.entries()) expect(value).toBeCloseTo(expected[i] as number, 14);
}

describe('calibrationCurve', () => {
  it("matches scikit-learn's docstring example, bins closed on the right", () => {
    const bins = calibrationCurve([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1], {
      nBins: 3,
    });
    expectClose(columns(bins).fraction, [0, 0.5, 1]);
    expectClose(columns(bins).mean, [0.2, 0.525, 0.85]);
    expect(bins.map((bin) => bin.count)).toEqual([3, 2, 4]);
  });

  it('matches scikit-learn for uniform bins (empty ones dropped) and quantile bins', () => {
    const uniform = columns(calibrationCurve(y, s, { nBins: 5 }));
    expectClose(uniform.fraction, [0, 0, 0.5555555555555556, 0.875, 1]);
    expectClose(uniform.mean, [0.15, 0.3166666666666667, 0.5444444444444444, 0.725, 1]);
    // Quantile edges 0, 0.3, 0.5, 0.7, 1 put the many rows at 0.3, 0.5 and 0.7 in the lower bin.
    const quantile = calibrationCurve(y, s, { nBins: 4, strategy: 'quantile' });
    expectClose(columns(quantile).fraction, [0, 0.5, 0.7, 1]);
    expectClose(
      columns(quantile).mean,
      [0.21818181818181817, 0.48333333333333334, 0.6599999999999999, 0.8666666666666667],
    );
    expect(quantile.map((bin) => bin.count)).toEqual([11, 6, 10, 3]);
  });

  it('puts every row in exactly one bin', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('uniform' as const, 'quantile' as const),
        (rows, nBins, strategy) => {
          const bins = calibrationCurve(
            rows.map(([label]) => label),
            rows.map(([, p]) => p),
            { nBins, strategy },
          );
          expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(rows.length);
          for (const bin of bins) {
            expect(bin.fractionPositive).toBeGreaterThanOrEqual(0);
            expect(bin.fractionPositive).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('refuses probabilities outside [0, 1] and a bad bin count', () => {
    expect(() => calibrationCurve([0, 1], [0.5, 1.5])).toThrow(/expected \[0, 1\]/);
    expect(() => calibrationCurve([0, 1], [0.5, 0.5], { nBins: 0 })).toThrow(/nBins/);
  });
});

describe('expectedCalibrationError', () => {
  it('is the count-weighted gap between fraction positive and mean prediction', () => {
    // Bins: [0.1, 0.2] → mean 0.15, fraction 0; [0.9] → mean 0.9, fraction 1.
    expect(expectedCalibrationError([0, 0, 1], [0.1, 0.2, 0.9])).toBeCloseTo((2 * 0.15 + 0.1) / 3, 15);
    expect(expectedCalibrationError([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0);
  });

  it('agrees with scikit-learn calibration_curve bins and stays in [0, 1]', () => {
    const fraction = [0, 0, 0.5555555555555556, 0.875, 1];
    const mean = [0.15, 0.3166666666666667, 0.5444444444444444, 0.725, 1];
    const counts = [6, 6, 9, 8, 1];
    const expected = counts.reduce(
      (sum, count, b) => sum + count * Math.abs((fraction[b] as number) - (mean[b] as number)),
      0,
    );
    expect(expectedCalibrationError(y, s, 5)).toBeCloseTo(expected / 30, 14);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
        }),
        (rows) => {
          const ece = expectedCalibrationError(
            rows.map(([label]) => label),
            rows.map(([, p]) => p),
          );
          expect(ece).toBeGreaterThanOrEqual(0);
          expect(ece).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
