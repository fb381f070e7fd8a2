import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MlInputError } from '../errors';
import { stratifiedGroupKFold } from './group-k-fold';

const tests = (folds: { test: Int32Array }[]) => folds.map((fold) => Array.from(fold.test));

/** Labelled rows of 2–60 groups, each group 1–5 rows, labels drawn per row. */
const groupedRows = fc
  .array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 60 })
  .map((groups) => {
    const y: number[] = [];
    const ids: string[] = [];
    groups.forEach((labels, g) => {
      for (const label of labels) {
        y.push(label);
        ids.push(`person-${g}`);
      }
    });
    return { y, groups: ids };
  });

describe('stratifiedGroupKFold', () => {
  it("matches scikit-learn's StratifiedGroupKFold without shuffling", () => {
    const y = [0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const groups = [1, 1, 2, 2, 3, 3, 3, 4, 5, 5, 5, 5, 6, 6, 7, 8, 8];
    expect(tests(stratifiedGroupKFold(y, groups, { nSplits: 3, shuffle: false }))).toEqual([
      [4, 5, 6, 12, 13, 14],
      [0, 1, 2, 3, 15, 16],
      [7, 8, 9, 10, 11],
    ]);
  });

  it('partitions the rows, never puts one group in two test folds, and is reproducible for a seed', () => {
    fc.assert(
      fc.property(groupedRows, fc.integer({ min: 2, max: 5 }), fc.integer(), ({ y, groups }, k, seed) => {
        fc.pre(new Set(groups).size >= k);
        const folds = stratifiedGroupKFold(y, groups, { nSplits: k, randomState: seed });
        const foldOfGroup = new Map<string, number>();
        const seen = new Int32Array(y.length);
        folds.forEach(({ train, test }, f) => {
          expect(train.length + test.length).toBe(y.length);
          for (const i of test) {
            seen[i] = (seen[i] as number) + 1;
            const group = groups[i] as string;
            expect(foldOfGroup.get(group) ?? f).toBe(f);
            foldOfGroup.set(group, f);
          }
          const trainGroups = new Set(Array.from(train, (i) => groups[i]));
          for (const i of test) expect(trainGroups.has(groups[i])).toBe(false);
        });
        expect(seen.every((count) => count === 1)).toBe(true);
        expect(tests(stratifiedGroupKFold(y, groups, { nSplits: k, randomState: seed }))).toEqual(tests(folds));
      }),
    );
  });

  it('keeps the positive share of every fold close to the overall share when groups are small', () => {
    const y: number[] = [];
    const groups: number[] = [];
    for (let g = 0; g < 400; g++) {
      const rows = 1 + (g % 3);
      for (let r = 0; r < rows; r++) {
        y.push(g % 5 === 0 ? 1 : 0);
        groups.push(g);
      }
    }
    const overall = y.filter((label) => label === 1).length / y.length;
    for (const { test } of stratifiedGroupKFold(y, groups, { nSplits: 5, randomState: 3 })) {
      const share = Array.from(test).filter((i) => y[i] === 1).length / test.length;
      expect(Math.abs(share - overall)).toBeLessThan(0.02);
    }
  });

  it('shuffles differently for different seeds', () => {
    const y = Array.from({ length: 120 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const groups = Array.from({ length: 120 }, (_, i) => Math.floor(i / 2));
    expect(tests(stratifiedGroupKFold(y, groups, { randomState: 1 }))).not.toEqual(
      tests(stratifiedGroupKFold(y, groups, { randomState: 2 })),
    );
  });

  it('refuses fewer groups than folds and mismatched lengths', () => {
    expect(() => stratifiedGroupKFold([0, 1, 0, 1], ['a', 'a', 'b', 'b'], { nSplits: 3 })).toThrow(/2 groups/);
    expect(() => stratifiedGroupKFold([0, 1, 0], ['a', 'b'], { nSplits: 2 })).toThrow(MlInputError);
  });
});
