import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choleskyFactor, solveSymmetricPositiveDefinite } from './cholesky';

describe('Cholesky', () => {
  it('factors a hand-checkable matrix', () => {
    // [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]].
    const factor = choleskyFactor(Float64Array.of(4, 2, 2, 3), 2);
    expect(Array.from(factor ?? [])).toEqual([2, 0, 1, Math.SQRT2]);
    expect(choleskyFactor(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
  });

  it('solves A·x = b for random positive definite A (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n * n, maxLength: n * n }),
              fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
            ),
          ),
        ([n, entries, b]) => {
          // A = MᵀM + I is symmetric positive definite.
          const a = new Float64Array(n * n);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              let sum = i === j ? 1 : 0;
              for (let k = 0; k < n; k++) sum += (entries[k * n + i] as number) * (entries[k * n + j] as number);
              a[i * n + j] = sum;
            }
          }
          const x = solveSymmetricPositiveDefinite(a, n, Float64Array.from(b));
          for (let i = 0; i < n; i++) {
            let sum = 0;
            for (let j = 0; j < n; j++) sum += (a[i * n + j] as number) * (x[j] as number);
            expect(sum).toBeCloseTo(b[i] as number, 6);
          }
        },
      ),
    );
  });

  it('adds a ridge when the matrix is only semi-definite, instead of failing', () => {
    const x = solveSymmetricPositiveDefinite(Float64Array.of(1, 1, 1, 1), 2, Float64Array.of(2, 2));
    expect(Number.isFinite(x[0])).toBe(true);
    expect((x[0] as number) + (x[1] as number)).toBeCloseTo(2, 6);
  });
});
