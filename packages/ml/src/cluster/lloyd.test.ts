import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../random';
import { lloyd } from './lloyd';

/**
 * Textbook Lloyd with scikit-learn's stopping rules and no bounds, to check the bounded version against. It does not
 * re-seed empty clusters; it reports when one occurred.
 */
function plainLloyd(rows: number[][], initial: number[][], maxIter: number, tolerance: number) {
  let centers = initial.map((c) => [...c]);
  let labels: number[] = [];
  let previous: number[] | null = null;
  let nIter = 0;
  const nearest = (row: number[]) => {
    const distances = centers.map((c) => c.reduce((s, v, j) => s + (v - (row[j] as number)) ** 2, 0));
    return distances.indexOf(Math.min(...distances));
  };
  let converged = false;
  let emptied = false;
  while (nIter < maxIter) {
    nIter++;
    labels = rows.map(nearest);
    const next = centers.map((centre, c) => {
      const members = rows.filter((_, i) => labels[i] === c);
      if (members.length === 0) emptied = true;
      return members.length === 0
        ? centre
        : centre.map((_, j) => members.reduce((s, r) => s + (r[j] as number), 0) / members.length);
    });
    const shift = next.reduce((s, c, k) => s + c.reduce((t, v, j) => t + (v - (centers[k]?.[j] as number)) ** 2, 0), 0);
    centers = next;
    if (previous && labels.every((label, i) => label === previous?.[i])) {
      converged = true;
      break;
    }
    if (shift <= tolerance) break;
    previous = labels;
  }
  if (!converged) labels = rows.map(nearest);
  return { centers, labels, nIter, emptied };
}

describe('lloyd', () => {
  it('moves centres to the means of their rows and stops once labels settle', () => {
    const data = Float64Array.of(0, 0, 0, 2, 10, 0, 10, 2);
    const result = lloyd(data, 4, 2, Float64Array.of(1, 1, 2, 1), 300, 0);
    expect(Array.from(result.centers)).toEqual([0, 1, 10, 1]);
    expect(Array.from(result.labels)).toEqual([0, 0, 1, 1]);
    expect(result.inertia).toBe(4);
    // Pass 1 moves the centres, pass 2 finds the same labels.
    expect(result.nIter).toBe(2);
  });

  it('re-seeds an empty cluster with the row farthest from its centre', () => {
    // Both centres start on the same point: the second gets no rows and takes the outlier.
    const data = Float64Array.of(0, 0, 1, 9);
    const result = lloyd(data, 4, 1, Float64Array.of(0, 0), 300, 0);
    expect(Array.from(result.centers)).toEqual([1 / 3, 9]);
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 1]);
    expect(result.inertia).toBeCloseTo(2 / 3, 12);
  });

  it('leaves the initial centres untouched', () => {
    const initial = Float64Array.of(0, 5);
    lloyd(Float64Array.of(0, 1, 5, 6), 4, 1, initial, 300, 0);
    expect(Array.from(initial)).toEqual([0, 5]);
  });

  it('finds what plain Lloyd finds: bounds only skip distances that cannot matter (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 6, max: 60 }),
        fc.integer({ min: 2, max: 5 }),
        (seed, n, k) => {
          // Gaussian rows in a few loose groups: ties between distances have probability 0.
          const random = new RandomState(seed);
          const rows = Array.from({ length: n }, (_, i) =>
            [0, 1, 2].map((j) => ((i * (j + 1)) % 3) * 2 + random.normal()),
          );
          const initial = rows.slice(0, k);
          const data = Float64Array.from(rows.flat());
          const result = lloyd(data, rows.length, 3, Float64Array.from(initial.flat()), 50, 0);
          const reference = plainLloyd(rows, initial, 50, 0);
          fc.pre(!reference.emptied);
          expect(Array.from(result.labels)).toEqual(reference.labels);
          expect(result.nIter).toBe(reference.nIter);
          reference.centers.flat().forEach((value, index) => {
            expect(result.centers[index]).toBeCloseTo(value, 9);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
