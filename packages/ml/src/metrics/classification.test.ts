import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MlInputError } from '../errors';
import { brierScore, logLoss, prAuc, rocAuc, thresholdMetrics } from './classification';

// 30 rows with many tied scores; expected values from scikit-learn 1.2.1.
const y = [0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0];
const s = [
  0.4, 0.0, 0.7, 0.5, 0.3, 0.2, 0.5, 0.7, 0.5, 0.7, 0.5, 0.6, 0.5, 0.6, 0.7, 1.0, 0.8, 0.6, 0.6, 0.3, 0.1, 0.8, 0.7,
  0.3, 0.2, 0.3, 0.7, 0.2, 0.2, 0.3,
];
const w = [
  2.6, 1.8, 1.0, 1.0, 1.5, 0.8, 0.8, 1.6, 0.4, 1.6, 1.2, 2.2, 2.3, 2.1, 2.1, 1.2, 2.1, 1.2, 1.8, 1.1, 1.4, 0.4, 0.9,
  2.9, 0.8, 2.1, 2.0, 2.2, 1.5, 1.9,
];

/** Labels with both classes and scores drawn from a few values, so ties are common. */
const labelledScores = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: -5, max: 5 })), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some(([label]) => label === 1) && rows.some(([label]) => label === 0))
  .map((rows) => ({ labels: rows.map(([label]) => label), scores: rows.map(([, score]) => score) }));

describe('rocAuc', () => {
  it('counts correctly ordered pairs, a tie as one half', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    // Pairs (positive, negative): (0.5, 0.5) = ½, (0.5, 0.2) = 1, (0.9, ·) = 2 → 3.5 / 4.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBe(0.875);
    expect(rocAuc([1, 1, 0], [3, 3, 3])).toBe(0.5);
  });

  it('matches scikit-learn, with and without sample weights', () => {
    expect(rocAuc(y, s)).toBeCloseTo(0.9162895927601808, 14);
    expect(rocAuc(y, s, { sampleWeight: w })).toBeCloseTo(0.9126180966280052, 14);
  });

  it('is 1 − AUC of the negated scores and ignores strictly increasing transforms', () => {
    fc.assert(
      fc.property(labelledScores, ({ labels, scores }) => {
        const auc = rocAuc(labels, scores);
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
        expect(
          rocAuc(
            labels,
            scores.map((v) => -v),
          ),
        ).toBeCloseTo(1 - auc, 12);
        expect(
          rocAuc(
            labels,
            scores.map((v) => Math.exp(v) * 3 + 1),
          ),
        ).toBeCloseTo(auc, 12);
      }),
    );
  });

  it('equals the brute-force pair count', () => {
    fc.assert(
      fc.property(labelledScores, ({ labels, scores }) => {
        let wins = 0;
        let pairs = 0;
        labels.forEach((a, i) => {
          labels.forEach((b, j) => {
            if (a !== 1 || b !== 0) return;
            pairs++;
            const [si, sj] = [scores[i] as number, scores[j] as number];
            wins += si > sj ? 1 : si === sj ? 0.5 : 0;
          });
        });
        expect(rocAuc(labels, scores)).toBeCloseTo(wins / pairs, 12);
      }),
    );
  });

  it('refuses a single class, a length mismatch, NaN and labels other than 0/1', () => {
    expect(() => rocAuc([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(/single class/);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(MlInputError);
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(/scores\[1\] is NaN/);
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(/0 or 1/);
    expect(() => rocAuc([], [])).toThrow(MlInputError);
  });
});

describe('prAuc (average precision)', () => {
  it('is the step-wise sum Σ (Rₖ − Rₖ₋₁)·Pₖ', () => {
    // Thresholds 0.8: P=1, R=½; 0.4: P=½, R=½; 0.35: P=⅔, R=1 → ½·1 + ½·⅔.
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.5 + 1 / 3, 15);
    expect(prAuc([0, 1, 1], [0, 1, 1])).toBe(1);
  });

  it('matches scikit-learn, with and without sample weights', () => {
    expect(prAuc(y, s)).toBeCloseTo(0.8576594345825115, 14);
    expect(prAuc(y, s, { sampleWeight: w })).toBeCloseTo(0.8268221685036957, 14);
  });

  it('lies in [0, 1], reaches the positive rate for a constant score, and ignores increasing transforms', () => {
    fc.assert(
      fc.property(labelledScores, ({ labels, scores }) => {
        const ap = prAuc(labels, scores);
        expect(ap).toBeGreaterThan(0);
        expect(ap).toBeLessThanOrEqual(1 + 1e-12);
        expect(
          prAuc(
            labels,
            scores.map((v) => 2 * v + 7),
          ),
        ).toBeCloseTo(ap, 12);
        const rate = labels.filter((label) => label === 1).length / labels.length;
        expect(
          prAuc(
            labels,
            scores.map(() => 0),
          ),
        ).toBeCloseTo(rate, 12);
      }),
    );
  });

  it('refuses a single class', () => {
    expect(() => prAuc([0, 0], [0.1, 0.2])).toThrow(/single class/);
  });
});

describe('logLoss', () => {
  it('is the mean negative log-likelihood', () => {
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
  });

  it('matches scikit-learn, including eps clipping of 0 and 1', () => {
    expect(logLoss(y, s)).toBeCloseTo(0.43485794350341167, 14);
    expect(logLoss(y, s, { sampleWeight: w })).toBeCloseTo(0.4421866518158861, 14);
    expect(logLoss([1, 0, 1], [0, 1, 1])).toBeCloseTo(24.029102259411435, 12);
    expect(logLoss([1], [0], { eps: 1e-3 })).toBeCloseTo(-Math.log(1e-3), 12);
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => logLoss([1, 0], [1.2, 0.1])).toThrow(/p\[0\] is 1.2/);
  });
});

describe('brierScore', () => {
  it('matches scikit-learn and stays in [0, 1]', () => {
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 15);
    expect(brierScore(y, s)).toBeCloseTo(0.13633333333333333, 14);
    expect(brierScore(y, s, { sampleWeight: w })).toBeCloseTo(0.13888172043010752, 14);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
        }),
        (rows) => {
          const score = brierScore(
            rows.map(([label]) => label),
            rows.map(([, p]) => p),
          );
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('thresholdMetrics', () => {
  it('counts the confusion matrix at p >= threshold', () => {
    const result = thresholdMetrics([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.1, 0.2]);
    expect(result.confusion).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    expect(result.accuracy).toBeCloseTo(3 / 5, 15);
    expect(result.precision).toBeCloseTo(2 / 3, 15);
    expect(result.recall).toBeCloseTo(2 / 3, 15);
    expect(result.f1).toBeCloseTo(2 / 3, 15);
    expect(thresholdMetrics([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.1, 0.2], 0.15).confusion).toEqual({
      tp: 3,
      fp: 1,
      tn: 1,
      fn: 0,
    });
  });

  it('matches scikit-learn', () => {
    const result = thresholdMetrics(y, s);
    expect(result.confusion).toEqual({ tp: 13, fp: 5, tn: 12, fn: 0 });
    expect(result.accuracy).toBeCloseTo(0.8333333333333334, 15);
    expect(result.precision).toBeCloseTo(0.7222222222222222, 15);
    expect(result.recall).toBe(1);
    expect(result.f1).toBeCloseTo(0.8387096774193548, 15);
    const weighted = thresholdMetrics(y, s, 0.5, { sampleWeight: w });
    expect(weighted.f1).toBeCloseTo(0.8411633109619686, 14);
    expect(weighted.accuracy).toBeCloseTo(0.8473118279569892, 14);
  });

  it('gives 0, not NaN, when nothing is predicted positive', () => {
    const result = thresholdMetrics([1, 0], [0.1, 0.2]);
    expect(result).toMatchObject({ precision: 0, recall: 0, f1: 0, accuracy: 0.5 });
  });
});
