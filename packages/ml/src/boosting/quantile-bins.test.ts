import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix';
import { RandomState } from '../random';
import { BinMapper } from '../tree/bin-mapper';
import { fitQuantileBins } from './quantile-bins';

function expectSameThresholds(a: BinMapper, b: BinMapper) {
  expect(a.thresholds.length).toBe(b.thresholds.length);
  a.thresholds.forEach((edges, j) => {
    const other = b.thresholds[j] as Float64Array;
    expect(other.length).toBe(edges.length);
    for (let k = 0; k < edges.length; k++) expect(Object.is(other[k], edges[k])).toBe(true);
  });
}

describe('fitQuantileBins', () => {
  it('finds exactly the thresholds of BinMapper.fit (few values, many values, ties, NaN, ±0)', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(0, -0, Number.NaN),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 1, maxLength: 600 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2, max: 255 }),
        (columns, maxBins) => {
          const n = Math.min(...columns.map((c) => c.length));
          const X = new Matrix(columns.map((c) => Float64Array.from(c.slice(0, n))));
          expectSameThresholds(
            fitQuantileBins(X, maxBins, new RandomState(1)),
            BinMapper.fit(X, { maxBins, random: new RandomState(1) }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('matches on a continuous column with more rows than bins', () => {
    const random = new RandomState(2);
    const column = Float64Array.from({ length: 20_000 }, () => (random.float() < 0.1 ? Number.NaN : random.normal()));
    const X = new Matrix([column, column.map((v) => Math.round(v * 40) / 40)]);
    const fast = fitQuantileBins(X, 255, new RandomState(3));
    expectSameThresholds(fast, BinMapper.fit(X, { random: new RandomState(3) }));
    expect(fast.nBins(0)).toBe(255);
  });
});
