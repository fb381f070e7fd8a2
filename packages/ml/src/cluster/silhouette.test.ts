import { describe, expect, it } from 'vitest';
import { MlInputError } from '../errors';
import { RandomState } from '../random';
import { silhouetteScore } from './silhouette';

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [5, 5],
  [5, 6],
  [6, 5],
  [6, 6],
  [10, 0],
  [9, 1],
  [3, 3],
];

describe('silhouetteScore', () => {
  it.each([
    // scikit-learn 1.2.1: sklearn.metrics.silhouette_score(X, labels)
    [[0, 0, 0, 1, 1, 1, 1, 2, 2, 0], 0.6907483485228364],
    [[7, 7, 3, 3, 3, 7, 9, 9, 3, 9], -0.18862744494830255],
  ])('matches scikit-learn for labels %j', (labels, reference) => {
    expect(silhouetteScore(X, labels)).toBeCloseTo(reference, 12);
  });

  it('is (b - a) / max(a, b) on a hand-checkable case, 0 for a row alone in its cluster', () => {
    // Row 0: a = 1 (to row 1), b = 4 (to row 2) → 3/4. Row 1: a = 1, b = 3 → 2/3. Row 2 is alone → 0.
    expect(silhouetteScore([[0], [1], [4]], [0, 0, 1])).toBeCloseTo((3 / 4 + 2 / 3 + 0) / 3, 14);
  });

  it('scores a random subset of sampleSize rows, reproducibly', () => {
    const random = new RandomState(1);
    const rows = Array.from({ length: 400 }, (_, i) => [(i % 2) * 6 + random.normal(), random.normal()]);
    const labels = rows.map((_, i) => i % 2);
    const full = silhouetteScore(rows, labels);
    const sampled = silhouetteScore(rows, labels, { sampleSize: 120, randomState: 4 });
    expect(sampled).toBe(silhouetteScore(rows, labels, { sampleSize: 120, randomState: 4 }));
    expect(sampled).not.toBe(full);
    expect(Math.abs(sampled - full)).toBeLessThan(0.05);
  });

  it('refuses a single label, one label per row, and bad sample sizes', () => {
    expect(() =>
      silhouetteScore(
        X,
        X.map(() => 1),
      ),
    ).toThrow(MlInputError);
    expect(() =>
      silhouetteScore(
        X,
        X.map((_, i) => i),
      ),
    ).toThrow(MlInputError);
    expect(() => silhouetteScore(X, [0, 1], {})).toThrow(/labels/);
    expect(() =>
      silhouetteScore(
        X,
        X.map((_, i) => i % 2),
        { sampleSize: 11 },
      ),
    ).toThrow(/sampleSize/);
  });
});
