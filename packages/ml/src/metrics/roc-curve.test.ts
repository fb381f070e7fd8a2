import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../random';
import { rocAuc } from './classification';
import { type RocPoint, rocCurve } from './roc-curve';

const columns = (points: RocPoint[]) => ({
  fpr: points.map((point) => point.fpr),
  tpr: points.map((point) => point.tpr),
  threshold: points.map((point) => point.threshold),
});

/** Trapezoid area under the points, as scikit-learn's `auc(fpr, tpr)`. */
function area(points: RocPoint[]): number {
  let sum = 0;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1] as RocPoint;
    const b = points[k] as RocPoint;
    sum += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
  }
  return sum;
}

describe('rocCurve', () => {
  it("matches scikit-learn's docstring example, starting at (0, 0) with an infinite threshold", () => {
    const curve = columns(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]));
    expect(curve.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(curve.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(curve.threshold).toEqual([Number.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1]);
  });

  it('drops points on a straight run and keeps the corners', () => {
    // Distinct thresholds give fps [0,0,0,1,2,3], tps [1,2,3,3,3,3]; only 0.9, 0.7 and 0.4 bend the curve.
    const y = [1, 1, 1, 0, 0, 0];
    const s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    const curve = columns(rocCurve(y, s));
    expect(curve.fpr).toEqual([0, 0, 0, 1]);
    expect(curve.tpr).toEqual([0, 1 / 3, 1, 1]);
    expect(curve.threshold).toEqual([Number.POSITIVE_INFINITY, 0.9, 0.7, 0.4]);
    expect(rocCurve(y, s, { dropIntermediate: false })).toHaveLength(7);
  });

  it('makes tied scores one threshold, so a tie between a positive and a negative is a diagonal step', () => {
    // Sorted: 0.9 (1) | 0.5 (0, 1) | 0.2 (0, 1) | 0.1 (0): fps [0,1,2,3], tps [1,2,3,3].
    const y = [0, 1, 0, 1, 1, 0];
    const s = [0.2, 0.2, 0.5, 0.5, 0.9, 0.1];
    const all = columns(rocCurve(y, s, { dropIntermediate: false }));
    expect(all.fpr).toEqual([0, 0, 1 / 3, 2 / 3, 1]);
    expect(all.tpr).toEqual([0, 1 / 3, 2 / 3, 1, 1]);
    // (1/3, 2/3) lies on the diagonal from (0, 1/3) to (2/3, 1): dropped.
    const kept = columns(rocCurve(y, s));
    expect(kept.fpr).toEqual([0, 0, 2 / 3, 1]);
    expect(kept.tpr).toEqual([0, 1 / 3, 1, 1]);
    expect(kept.threshold).toEqual([Number.POSITIVE_INFINITY, 0.9, 0.2, 0.1]);
    expect(area(rocCurve(y, s))).toBeCloseTo(7 / 9, 15);
    expect(rocAuc(y, s)).toBeCloseTo(7 / 9, 15);
  });

  it('encloses the same area as rocAuc when nothing is thinned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 20 })), { minLength: 2 }),
        (rows) => {
          const y = rows.map(([label]) => label);
          fc.pre(y.includes(0) && y.includes(1));
          const s = rows.map(([, score]) => score / 20);
          const curve = rocCurve(y, s, { maxPoints: Number.POSITIVE_INFINITY });
          expect(area(curve)).toBeCloseTo(rocAuc(y, s), 12);
          expect(curve.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
        },
      ),
    );
  });

  it('thins a long curve to at most maxPoints, monotone, from (0, 0) to (1, 1), barely changing its area', () => {
    const random = new RandomState(7);
    const n = 5000;
    const y: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < n; i++) {
      const label = random.float() < 0.3 ? 1 : 0;
      y.push(label);
      s.push(random.float() + label * 0.6);
    }
    const full = rocCurve(y, s, { maxPoints: Number.POSITIVE_INFINITY });
    expect(full.length).toBeGreaterThan(500);
    const thin = rocCurve(y, s);
    expect(thin.length).toBeLessThanOrEqual(100);
    expect(thin.length).toBeGreaterThan(90);
    expect(thin[0]).toEqual({ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY });
    expect(thin.at(-1)).toEqual(full.at(-1));
    for (let k = 1; k < thin.length; k++) {
      const before = thin[k - 1] as RocPoint;
      const point = thin[k] as RocPoint;
      expect(point.fpr).toBeGreaterThanOrEqual(before.fpr);
      expect(point.tpr).toBeGreaterThanOrEqual(before.tpr);
      expect(point.threshold).toBeLessThan(before.threshold);
    }
    expect(Math.abs(area(thin) - rocAuc(y, s))).toBeLessThan(0.005);
    expect(rocCurve(y, s, { maxPoints: 10 }).length).toBeLessThanOrEqual(10);
  });

  it('refuses a single class and a maxPoints below 2', () => {
    expect(() => rocCurve([1, 1], [0.2, 0.4])).toThrow(/single class/);
    expect(() => rocCurve([0, 1], [0.2, 0.4], { maxPoints: 1 })).toThrow(/maxPoints/);
  });
});
