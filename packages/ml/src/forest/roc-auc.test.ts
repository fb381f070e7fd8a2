import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocAuc } from './roc-auc';

describe('rocAuc', () => {
  it('matches scikit-learn roc_auc_score with tied scores', () => {
    const labels = Uint8Array.of(0, 1, 1, 0, 1, 0, 0, 1, 1, 0);
    const scores = Float64Array.of(0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9, 0.05, 0.3);
    // scikit-learn 1.2.1: roc_auc_score(labels, scores) = 0.6
    expect(rocAuc(scores, labels)).toBeCloseTo(0.6, 14);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when every score ties, NaN with one class', () => {
    const labels = Uint8Array.of(0, 0, 1, 1);
    expect(rocAuc(Float64Array.of(1, 2, 3, 4), labels)).toBe(1);
    expect(rocAuc(Float64Array.of(4, 3, 2, 1), labels)).toBe(0);
    expect(rocAuc(Float64Array.of(7, 7, 7, 7), labels)).toBe(0.5);
    expect(rocAuc(Float64Array.of(1, 2), Uint8Array.of(1, 1))).toBeNaN();
  });

  it('is the fraction of (positive, negative) pairs ranked right, ties counting half (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 30 }),
        (rows) => {
          const scores = Float64Array.from(rows, ([score]) => score);
          const labels = Uint8Array.from(rows, ([, positive]) => (positive ? 1 : 0));
          let pairs = 0;
          let right = 0;
          for (const [p, isP] of rows) {
            for (const [q, isQ] of rows) {
              if (!isP || isQ) continue;
              pairs++;
              right += p > q ? 1 : p === q ? 0.5 : 0;
            }
          }
          const auc = rocAuc(scores, labels);
          if (pairs === 0) expect(auc).toBeNaN();
          else expect(auc).toBeCloseTo(right / pairs, 12);
        },
      ),
    );
  });
});
