import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix';
import { RandomState } from '../random';
import { BinMapper, MISSING_BIN } from './bin-mapper';

/** The definition BinMapper.fit must reproduce: sort the sampled non-missing values, then read off the thresholds. */
function sortedThresholds(X: Matrix, maxBins: number, random: RandomState, subsample = 200_000): Float64Array[] {
  const rows = X.nRows > subsample ? random.sampleWithoutReplacement(X.nRows, subsample) : null;
  return X.columns.map((column) => {
    const values: number[] = [];
    const n = rows ? rows.length : column.length;
    for (let k = 0; k < n; k++) {
      const value = column[rows ? (rows[k] as number) : k] as number;
      if (!Number.isNaN(value)) values.push(value);
    }
    const sorted = Float64Array.from(values).sort();
    const distinct: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i] as number);
    }
    if (distinct.length <= maxBins) {
      return Float64Array.from(distinct.slice(1), (next, i) => ((distinct[i] as number) + next) / 2);
    }
    const out: number[] = [];
    const last = sorted.length - 1;
    for (let b = 1; b < maxBins; b++) {
      const position = (b / maxBins) * last;
      const value = ((sorted[Math.floor(position)] as number) + (sorted[Math.ceil(position)] as number)) / 2;
      if (out.length === 0 || value !== out[out.length - 1]) out.push(value);
    }
    return Float64Array.from(out);
  });
}

/** The bin by its definition: how many thresholds lie below the value. */
function expectedBin(edges: Float64Array, value: number): number {
  if (Number.isNaN(value)) return MISSING_BIN;
  let bin = 0;
  while (bin < edges.length && (edges[bin] as number) < value) bin++;
  return bin;
}

function expectSameThresholds(actual: readonly Float64Array[], expected: readonly Float64Array[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((edges, j) => {
    const other = expected[j] as Float64Array;
    expect(edges.length).toBe(other.length);
    for (let k = 0; k < edges.length; k++) expect(Object.is(edges[k], other[k])).toBe(true);
  });
}

function expectBinsByDefinition(mapper: BinMapper, X: Matrix) {
  const { bins } = mapper.transform(X);
  X.columns.forEach((column, j) => {
    const edges = mapper.thresholds[j] as Float64Array;
    const expected = Uint8Array.from(column, (value) => expectedBin(edges, value));
    expect(Array.from(bins[j] as Uint8Array)).toEqual(Array.from(expected));
  });
}

describe('BinMapper', () => {
  it('finds exactly the thresholds a full sort gives and bins by them (few values, many values, ties, NaN, ±0, ±∞)', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 1, maxLength: 600 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2, max: 255 }),
        (columns, maxBins) => {
          const n = Math.min(...columns.map((c) => c.length));
          const X = new Matrix(columns.map((c) => Float64Array.from(c.slice(0, n))));
          const mapper = BinMapper.fit(X, { maxBins, random: new RandomState(1) });
          expectSameThresholds(mapper.thresholds, sortedThresholds(X, maxBins, new RandomState(1)));
          expectBinsByDefinition(mapper, X);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('matches on continuous columns with more rows than bins, and on a subsample', () => {
    const random = new RandomState(2);
    const column = Float64Array.from({ length: 20_000 }, () => (random.float() < 0.1 ? Number.NaN : random.normal()));
    const X = new Matrix([column, column.map((v) => Math.round(v * 40) / 40)]);
    const mapper = BinMapper.fit(X, { random: new RandomState(3) });
    expectSameThresholds(mapper.thresholds, sortedThresholds(X, 255, new RandomState(3)));
    expect(mapper.nBins(0)).toBe(255);
    expectBinsByDefinition(mapper, X);
    const sampled = BinMapper.fit(X, { maxBins: 64, subsample: 5_000, random: new RandomState(4) });
    expectSameThresholds(sampled.thresholds, sortedThresholds(X, 64, new RandomState(4), 5_000));
    expectBinsByDefinition(sampled, X);
  });

  it('bins by any thresholds it is given, including a NaN one (−∞ and ∞ both seen)', () => {
    const mapper = new BinMapper([Float64Array.from([-1, 0.5, 2]), Float64Array.from([Number.NaN])]);
    const X = new Matrix([
      Float64Array.from([-5, -1, 0, 0.5, 0.6, 2, 3, Number.NaN, Number.POSITIVE_INFINITY]),
      Float64Array.from([1, Number.NEGATIVE_INFINITY, Number.NaN, 0, 0, 0, 0, 0, Number.POSITIVE_INFINITY]),
    ]);
    const { bins } = mapper.transform(X);
    expect(Array.from(bins[0] as Uint8Array)).toEqual([0, 0, 1, 1, 2, 2, 3, MISSING_BIN, 3]);
    // Nothing is below a NaN threshold, as the binary search it replaced found.
    expect(Array.from(bins[1] as Uint8Array)).toEqual([0, 0, MISSING_BIN, 0, 0, 0, 0, 0, 0]);
  });
});
