import { describe, expect, it } from 'vitest';
import { RandomState } from '../random';
import { balancedClassWeights, bootstrapCounts } from './bootstrap';

describe('bootstrapCounts', () => {
  it('counts nDraws draws with replacement, reproducibly, leaving about e^-1 of the rows out', () => {
    const counts = bootstrapCounts(10_000, 10_000, new RandomState(1));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
    const left = counts.filter((c) => c === 0).length / 10_000;
    expect(Math.abs(left - Math.exp(-1))).toBeLessThan(0.02);
    expect(Array.from(bootstrapCounts(50, 20, new RandomState(2)))).toEqual(
      Array.from(bootstrapCounts(50, 20, new RandomState(2))),
    );
  });
});

describe('balancedClassWeights', () => {
  it('is n / (2 · n_class) over the rows, or over the rows as drawn', () => {
    const labels = Uint8Array.of(0, 0, 0, 1);
    expect(balancedClassWeights(labels, null)).toEqual([4 / 6, 2]);
    // Drawn: row 0 twice, row 3 twice → 2 negatives and 2 positives.
    expect(balancedClassWeights(labels, Int32Array.of(2, 0, 0, 2))).toEqual([1, 1]);
    // Only negatives drawn: one class present, and the absent class weighs nothing.
    expect(balancedClassWeights(labels, Int32Array.of(1, 1, 0, 0))).toEqual([1, 0]);
  });
});
