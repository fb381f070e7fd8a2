import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MlInputError, ParameterError } from '../errors';
import type { Fold } from './folds';
import { kFold, stratifiedKFold } from './k-fold';
import { timeSeriesSplit } from './time-series-split';
import { trainTestSplit } from './train-test-split';

const tests = (folds: Fold[]) => folds.map((fold) => Array.from(fold.test));

/** Each fold's train is exactly the rows not in its test, both ascending. */
function expectComplementary(folds: Fold[], nRows: number) {
  for (const { train, test } of folds) {
    const merged = [...train, ...test].sort((a, b) => a - b);
    expect(merged).toEqual(Array.from({ length: nRows }, (_, i) => i));
    expect(isAscending(train) && isAscending(test)).toBe(true);
  }
}

function isAscending(indices: Int32Array) {
  return indices.every((value, k) => k === 0 || value > (indices[k - 1] as number));
}

/** …and every row is in exactly one test fold. */
function expectPartition(folds: Fold[], nRows: number) {
  expectComplementary(folds, nRows);
  const seen = new Int32Array(nRows);
  for (const { test } of folds) for (const i of test) seen[i] = (seen[i] as number) + 1;
  expect(seen.every((count) => count === 1)).toBe(true);
}

const labelArrays = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 120 });

describe('kFold', () => {
  it('matches scikit-learn without shuffling: contiguous blocks, the first folds one row larger', () => {
    expect(tests(kFold(10, { nSplits: 4, shuffle: false }))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ]);
  });

  it('partitions the rows into folds whose sizes differ by at most one, reproducibly for a seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 2, max: 10 }), fc.integer(), (n, k, seed) => {
        fc.pre(k <= n);
        const folds = kFold(n, { nSplits: k, randomState: seed });
        expectPartition(folds, n);
        const sizes = folds.map((fold) => fold.test.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(tests(kFold(n, { nSplits: k, randomState: seed }))).toEqual(tests(folds));
      }),
    );
  });

  it('shuffles differently for different seeds and refuses impossible splits', () => {
    expect(tests(kFold(50, { randomState: 1 }))).not.toEqual(tests(kFold(50, { randomState: 2 })));
    expect(() => kFold(3, { nSplits: 4 })).toThrow(MlInputError);
    expect(() => kFold(10, { nSplits: 1 })).toThrow(ParameterError);
    expect(() => kFold(10, { randomState: 0.5 })).toThrow(ParameterError);
  });
});

describe('stratifiedKFold', () => {
  it('matches scikit-learn without shuffling', () => {
    const y = [2, 2, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 0, 0, 0];
    expect(tests(stratifiedKFold(y, { nSplits: 3, shuffle: false }))).toEqual([
      [0, 1, 2, 3, 4, 14],
      [5, 6, 7, 8, 9, 15],
      [10, 11, 12, 13, 16],
    ]);
  });

  it('partitions the rows, spreads each class within ±1 per fold, and is reproducible for a seed', () => {
    fc.assert(
      fc.property(labelArrays, fc.integer({ min: 2, max: 6 }), fc.integer(), fc.boolean(), (y, k, seed, shuffle) => {
        const counts = new Map<number, number>();
        for (const label of y) counts.set(label, (counts.get(label) ?? 0) + 1);
        fc.pre(k <= y.length && [...counts.values()].some((count) => count >= k));
        const folds = stratifiedKFold(y, { nSplits: k, randomState: seed, shuffle });
        expectPartition(folds, y.length);
        for (const label of counts.keys()) {
          const perFold = folds.map(({ test }) => Array.from(test).filter((i) => y[i] === label).length);
          expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
        }
        const sizes = folds.map((fold) => fold.test.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(tests(stratifiedKFold(y, { nSplits: k, randomState: seed, shuffle }))).toEqual(tests(folds));
      }),
    );
  });

  it('refuses more folds than any class has rows, and NaN labels', () => {
    expect(() => stratifiedKFold([0, 0, 1, 1], { nSplits: 3 })).toThrow(/every class/);
    expect(() => stratifiedKFold([0, Number.NaN, 1, 1, 0], { nSplits: 2 })).toThrow(/y\[1\]/);
  });
});

describe('timeSeriesSplit', () => {
  it('matches scikit-learn, with a gap and with a sliding window', () => {
    const withGap = timeSeriesSplit(12, { nSplits: 3, gap: 1, testSize: 2 });
    expect(withGap.map(({ train, test }) => [Array.from(train), Array.from(test)])).toEqual([
      [
        [0, 1, 2, 3, 4],
        [6, 7],
      ],
      [
        [0, 1, 2, 3, 4, 5, 6],
        [8, 9],
      ],
      [
        [0, 1, 2, 3, 4, 5, 6, 7, 8],
        [10, 11],
      ],
    ]);
    const sliding = timeSeriesSplit(10, { nSplits: 3, maxTrainSize: 3 });
    expect(sliding.map(({ train, test }) => [Array.from(train), Array.from(test)])).toEqual([
      [
        [1, 2, 3],
        [4, 5],
      ],
      [
        [3, 4, 5],
        [6, 7],
      ],
      [
        [5, 6, 7],
        [8, 9],
      ],
    ]);
  });

  it('always trains on rows before the test rows, with the gap respected and the test folds disjoint', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 300 }),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 5 }),
        (n, k, gap) => {
          fc.pre(k + 1 <= n && n - gap - Math.floor(n / (k + 1)) * k > 0 && Math.floor(n / (k + 1)) >= 1);
          const folds = timeSeriesSplit(n, { nSplits: k, gap });
          expect(folds.length).toBe(k);
          let previousEnd = -1;
          for (const { train, test } of folds) {
            expect((train[train.length - 1] as number) + gap).toBeLessThan(test[0] as number);
            expect(test[0] as number).toBeGreaterThan(previousEnd);
            previousEnd = test[test.length - 1] as number;
          }
          expect(previousEnd).toBe(n - 1);
        },
      ),
    );
  });

  it('refuses splits that leave no training rows', () => {
    expect(() => timeSeriesSplit(6, { nSplits: 3, testSize: 2 })).toThrow(/no training rows/);
    expect(() => timeSeriesSplit(3, { nSplits: 3 })).toThrow(MlInputError);
  });
});

describe('trainTestSplit', () => {
  it('holds out ceil(testFraction · n) rows, disjoint from train, reproducibly', () => {
    const split = trainTestSplit(10, { testFraction: 0.25, randomState: 4 });
    expect(split.test.length).toBe(3);
    expect(split.train.length).toBe(7);
    expectComplementary([split], 10);
    expect(Array.from(trainTestSplit(10, { testFraction: 0.25, randomState: 4 }).test)).toEqual(Array.from(split.test));
  });

  it('keeps class shares when given labels', () => {
    fc.assert(
      fc.property(labelArrays, fc.double({ min: 0.05, max: 0.8, noNaN: true }), fc.integer(), (y, fraction, seed) => {
        fc.pre(Math.ceil(fraction * y.length) < y.length);
        const { train, test } = trainTestSplit(y, { testFraction: fraction, randomState: seed });
        expectComplementary([{ train, test }], y.length);
        expect(test.length).toBe(Math.ceil(fraction * y.length));
        for (const label of new Set(y)) {
          const inClass = y.filter((value) => value === label).length;
          const inTest = Array.from(test).filter((i) => y[i] === label).length;
          expect(Math.abs(inTest - (inClass * test.length) / y.length)).toBeLessThan(1);
        }
      }),
    );
  });

  it('refuses a bad fraction and stratifying without labels', () => {
    expect(() => trainTestSplit(10, { testFraction: 1 })).toThrow(ParameterError);
    expect(() => trainTestSplit(10, { stratify: true })).toThrow(/stratify/);
    expect(() => trainTestSplit(1, { testFraction: 0.5 })).toThrow(/no training row/);
  });
});
