import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { Matrix } from '../matrix';
import { rocAuc as metricsRocAuc } from '../metrics';
import { RandomState } from '../random';
import { describeEstimatorContract } from '../testing/estimator-contract';
import { LEAF, leafOf, type Tree } from '../tree/tree';
import { RandomForestClassifier } from './random-forest';

const rocAuc = (scores: ArrayLike<number>, labels: ArrayLike<number>) => metricsRocAuc(labels, scores);

describeEstimatorContract('RandomForestClassifier', {
  type: 'classifier',
  create: (params) => new RandomForestClassifier(params),
  fromJSON: (json) => RandomForestClassifier.fromJSON(json),
  invalidParams: { nEstimators: 0 },
  handlesMissing: true,
});

/** MINSTD: a stream Python reproduces exactly, so scikit-learn can be run on the very same data. */
function* minstd(seed: number) {
  let state = seed;
  for (;;) {
    state = (48_271 * state) % 2_147_483_647;
    yield state / 2_147_483_647;
  }
}

/**
 * 4,000 rows, 8 uniform features in [-1.5, 1.5], an interaction, a step and a square in the margin plus noise.
 * Python twin: x = [3 * next(u) - 1.5 for j in range(8)];
 *   margin = 2*x0*x1 + (1 if x2 > 0.3 else -1) + x3 - x4*x4 + 0.5*x5; noise = 1.5*(next(u)+next(u)+next(u)-1.5)
 */
function nonlinearProblem() {
  const stream = minstd(2024);
  const next = () => stream.next().value as number;
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const x = Array.from({ length: 8 }, () => 3 * next() - 1.5) as [number, number, number, number, number, number];
    const margin = 2 * x[0] * x[1] + (x[2] > 0.3 ? 1 : -1) + x[3] - x[4] * x[4] + 0.5 * x[5];
    const noise = 1.5 * (next() + next() + next() - 1.5);
    rows.push(x);
    labels.push(margin + noise > 0 ? 1 : 0);
  }
  return {
    train: { X: Matrix.fromRows(rows.slice(0, 2000)), y: labels.slice(0, 2000) },
    test: { X: Matrix.fromRows(rows.slice(2000)), y: Uint8Array.from(labels.slice(2000)) },
  };
}

/** Gaussian features; only feature 0 (and, weakly, feature 1) carry the label. */
function gaussianProblem(nRows: number, seed: number, signal = 2) {
  const random = new RandomState(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < nRows; i++) {
    const row = Array.from({ length: 6 }, () => random.normal());
    rows.push(row);
    labels.push(signal * (row[0] as number) + 0.5 * (row[1] as number) + random.normal() > 0 ? 1 : 0);
  }
  return { X: Matrix.fromRows(rows), y: labels };
}

const singleTree = { nEstimators: 1, bootstrap: false, maxFeatures: null } as const;

function depthOf(tree: Tree): number {
  const walk = (node: number): number =>
    tree.feature[node] === LEAF ? 0 : 1 + Math.max(walk(tree.left[node] as number), walk(tree.right[node] as number));
  return walk(0);
}

describe('RandomForestClassifier', () => {
  it('grows a hand-checkable stump: midpoint threshold, leaf fractions, cover and Gini decrease', () => {
    const model = new RandomForestClassifier(singleTree).fit([[1], [2], [3], [4]], [0, 0, 1, 1]);
    const tree = model.trees[0] as Tree;
    expect(tree.nodeCount).toBe(3);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(2.5);
    expect(tree.cover[0]).toBe(4);
    // N·gini: 4 · 0.5 at the root, 0 in both pure children.
    expect(tree.gain[0]).toBe(2);
    expect(tree.value[0]).toBe(0.5);
    expect([tree.value[tree.left[0] as number], tree.value[tree.right[0] as number]]).toEqual([0, 1]);
    const entropy = new RandomForestClassifier({ ...singleTree, criterion: 'entropy' }).fit(
      [[1], [2], [3], [4]],
      [0, 0, 1, 1],
    );
    // N·entropy in bits: 4 · 1.
    expect(entropy.trees[0]?.gain[0]).toBe(4);
  });

  describe('matches scikit-learn DecisionTreeClassifier(max_depth=3) when it is one tree on all rows and features', () => {
    // Integer features with fewer than 255 distinct values, so every bin is one value and the candidate splits are
    // scikit-learn's. Reference: leaf positive fractions, each row's leaf (as an index into them) and importances.
    const X = Array.from({ length: 120 }, (_, i) => [(i * 37) % 101, (i * 53) % 89, (i * 29) % 97]);
    const y = X.map(([a = 0, b = 0, c = 0], i) => (a + b - c + ((i * 13) % 31) > 60 ? 1 : 0));
    const cases = [
      {
        criterion: 'gini',
        leafValues: [0, 0.23076923076923078, 1, 0, 0.6, 0.9714285714285714, 0.22727272727272727, 1],
        leaves:
          '016145055060060560573501526516705145055060060562571520516506705045055060260562561510516506705045055260162461550510506605',
        importances: [0.5012534234498144, 0.22845240390148408, 0.2702941726487015],
      },
      {
        criterion: 'entropy',
        leafValues: [0, 0.23076923076923078, 1, 0, 0.6, 1, 0.21739130434782608, 1],
        leaves:
          '016145055070070560563501526516706145055070060562561520516506705045055060260562561510516506605045055260162461570510506607',
        importances: [0.3454304700109239, 0.39241063423186184, 0.26215889575721424],
      },
    ] as const;
    it.each(cases)('$criterion', ({ criterion, leafValues, leaves, importances }) => {
      const model = new RandomForestClassifier({ ...singleTree, maxDepth: 3, criterion }).fit(X, y);
      const proba = model.predictProba(X).column(1);
      for (let i = 0; i < X.length; i++) expect(proba[i]).toBeCloseTo(leafValues[Number(leaves[i])] as number, 14);
      const ours = model.featureImportances();
      for (const [j, value] of importances.entries()) expect(ours[j]).toBeCloseTo(value, 12);
      expect(model.trees[0]?.nodeCount).toBe(15);
    });
  });

  it('is as accurate as scikit-learn RandomForestClassifier on a nonlinear problem', () => {
    const { train, test } = nonlinearProblem();
    const model = new RandomForestClassifier({ randomState: 0 }).fit(train.X, train.y);
    const auc = rocAuc(model.predictProba(test.X).column(1), test.y);
    // scikit-learn 1.2.1, RandomForestClassifier(n_estimators=100, random_state=s) for s = 0…4: held-out ROC AUC
    // 0.8996, 0.8945, 0.8968, 0.8974, 0.8959 (mean 0.8968).
    expect(auc).toBeGreaterThan(0.8968 - 0.01);
  });

  it('gives an out-of-bag AUC close to the held-out AUC', () => {
    const { train, test } = nonlinearProblem();
    const model = new RandomForestClassifier({ oobScore: true, nEstimators: 60 }).fit(train.X, train.y);
    const heldOut = rocAuc(model.predictProba(test.X).column(1), test.y);
    expect(Math.abs(model.oobScore - heldOut)).toBeLessThan(0.03);
    expect(model.oobScore).toBe(
      rocAuc(
        model.oobDecision,
        Uint8Array.from(train.y, (label) => label),
      ),
    );
  });

  it('separates separable classes', () => {
    const train = gaussianProblem(400, 1, 1000);
    const test = gaussianProblem(400, 2, 1000);
    const model = new RandomForestClassifier({ nEstimators: 30 }).fit(train.X, train.y);
    expect(rocAuc(model.predictProba(test.X).column(1), Uint8Array.from(test.y))).toBeGreaterThan(0.995);
    expect(Array.from(model.predict(train.X))).toEqual(train.y);
  });

  it('ranks the informative feature first; importances sum to 1', () => {
    const { X, y } = gaussianProblem(600, 3);
    const importances = new RandomForestClassifier({ nEstimators: 30 }).fit(X, y).featureImportances();
    expect(importances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const ranking = Array.from(importances.keys()).sort(
      (a, b) => (importances[b] as number) - (importances[a] as number),
    );
    expect(ranking.slice(0, 2)).toEqual([0, 1]);
  });

  it('is deterministic, and each tree depends only on its position, not on how many trees follow', () => {
    const { X, y } = gaussianProblem(300, 4);
    const a = new RandomForestClassifier({ nEstimators: 5, randomState: 9 }).fit(X, y);
    const b = new RandomForestClassifier({ nEstimators: 5, randomState: 9 }).fit(X, y);
    const fewer = new RandomForestClassifier({ nEstimators: 3, randomState: 9 }).fit(X, y);
    const other = new RandomForestClassifier({ nEstimators: 5, randomState: 10 }).fit(X, y);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(a.trees.slice(0, 3)).toEqual(fewer.trees);
    expect(Array.from(other.predictProba(X).column(1))).not.toEqual(Array.from(a.predictProba(X).column(1)));
  });

  it('averages the trees’ leaf values', () => {
    const { X, y } = gaussianProblem(200, 5);
    const model = new RandomForestClassifier({ nEstimators: 7 }).fit(X, y);
    const proba = model.predictProba(X).column(1);
    for (const i of [0, 17, 150]) {
      const mean = model.trees.reduce((sum, tree) => sum + (tree.value[leafOf(tree, X, i)] as number), 0) / 7;
      expect(proba[i]).toBeCloseTo(mean, 15);
    }
  });

  describe('missing values', () => {
    it('splits missing from present values when missingness is the signal', () => {
      const random = new RandomState(6);
      const rows = Array.from({ length: 300 }, (_, i) => [i % 2 ? Number.NaN : random.normal(), random.normal()]);
      const y = rows.map((_, i) => i % 2);
      const model = new RandomForestClassifier({ nEstimators: 10 }).fit(rows, y);
      expect(
        Array.from(
          model.predict([
            [Number.NaN, 0],
            [0.3, 0],
            [-2, 1],
          ]),
        ),
      ).toEqual([1, 0, 0]);
      const root = model.trees.map((tree) => [tree.feature[0], tree.threshold[0], tree.missingLeft[0]]);
      expect(root).toContainEqual([0, Number.POSITIVE_INFINITY, 0]);
    });

    it('learns which side missing values go to', () => {
      const random = new RandomState(7);
      const rows: number[][] = [];
      const y: number[] = [];
      for (let i = 0; i < 600; i++) {
        const x = random.normal();
        const label = x > 0.5 ? 1 : 0;
        // A third of the positives lose feature 0: their missingness says "positive".
        rows.push([label === 1 && i % 3 === 0 ? Number.NaN : x]);
        y.push(label);
      }
      const model = new RandomForestClassifier({ nEstimators: 10 }).fit(rows, y);
      expect(model.predictProba([[Number.NaN]]).get(0, 1)).toBeGreaterThan(0.9);
      expect(model.predictProba([[-1]]).get(0, 1)).toBeLessThan(0.1);
    });

    it('sends a missing value it never saw in training to the heavier child', () => {
      const model = new RandomForestClassifier(singleTree).fit([[1], [2], [3], [4], [5]], [0, 0, 0, 1, 1]);
      expect(model.predictProba([[Number.NaN]]).get(0, 1)).toBe(0);
    });
  });

  describe('weights', () => {
    it('balances classes: the root of every tree holds equal class weight', () => {
      const { X, y } = gaussianProblem(300, 8, 1);
      const skewed = y.map((label, i) => (label === 1 && i % 4 !== 0 ? 0 : label));
      const balanced = new RandomForestClassifier({ ...singleTree, classWeight: 'balanced' }).fit(X, skewed);
      expect(balanced.trees[0]?.value[0]).toBeCloseTo(0.5, 14);
      expect(balanced.trees[0]?.cover[0]).toBeCloseTo(300, 10);
      const subsample = new RandomForestClassifier({ nEstimators: 5, classWeight: 'balanced_subsample' }).fit(
        X,
        skewed,
      );
      for (const tree of subsample.trees) {
        expect(tree.value[0]).toBeCloseTo(0.5, 14);
        expect(tree.cover[0]).toBeCloseTo(300, 10);
      }
    });

    it('treats an integer sample weight like repeated rows and a zero weight like a dropped row', () => {
      const { X, y } = gaussianProblem(80, 9);
      const rows = X.toRows();
      const weight = rows.map((_, i) => i % 3);
      const weighted = new RandomForestClassifier(singleTree).fit(X, y, { sampleWeight: weight });
      const repeated = rows.flatMap((row, i) => Array.from({ length: i % 3 }, () => row));
      const repeatedY = y.flatMap((label, i) => Array.from({ length: i % 3 }, () => label));
      const copy = new RandomForestClassifier(singleTree).fit(repeated, repeatedY);
      // Same splits, leaves and covers; thresholds may differ, the zero-weight rows having taken part in binning.
      const probe = Matrix.fromRows(repeated);
      expect(Array.from(weighted.predictProba(probe).column(1))).toEqual(
        Array.from(copy.predictProba(probe).column(1)),
      );
      const [a, b] = [weighted.trees[0] as Tree, copy.trees[0] as Tree];
      expect(Array.from(a.cover)).toEqual(Array.from(b.cover));
      expect(Array.from(a.feature)).toEqual(Array.from(b.feature));
    });

    it('draws maxSamples rows per tree', () => {
      const { X, y } = gaussianProblem(200, 11);
      const model = new RandomForestClassifier({ nEstimators: 3, maxSamples: 0.25 }).fit(X, y);
      for (const tree of model.trees) expect(tree.cover[0]).toBe(50);
      const counted = new RandomForestClassifier({ nEstimators: 1, maxSamples: 120 }).fit(X, y);
      expect(counted.trees[0]?.cover[0]).toBe(120);
    });
  });

  it('respects maxDepth and minSamplesLeaf, and keeps cover and values consistent (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        (seed, maxDepth, minSamplesLeaf) => {
          const { X, y } = gaussianProblem(60, seed, 0.5);
          const tree = new RandomForestClassifier({ ...singleTree, maxDepth, minSamplesLeaf }).fit(X, y)
            .trees[0] as Tree;
          expect(depthOf(tree)).toBeLessThanOrEqual(maxDepth);
          for (let node = 0; node < tree.nodeCount; node++) {
            const value = tree.value[node] as number;
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
            if (tree.feature[node] === LEAF) {
              // No bootstrap and no weights: cover counts rows.
              expect(tree.cover[node]).toBeGreaterThanOrEqual(minSamplesLeaf);
            } else {
              const left = tree.left[node] as number;
              const right = tree.right[node] as number;
              expect((tree.cover[left] as number) + (tree.cover[right] as number)).toBe(tree.cover[node]);
              expect(tree.gain[node]).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('draws maxFeatures per node as scikit-learn does, not counting constant features', () => {
    const random = new RandomState(12);
    // Feature 5 is the only one that varies; one feature per node is drawn, but constant ones do not count.
    const rows = Array.from({ length: 100 }, () => [1, 1, 1, 1, 1, random.normal(), 1, 1, 1, 1]);
    const y = rows.map((row) => ((row[5] as number) > 0 ? 1 : 0));
    const model = new RandomForestClassifier({ nEstimators: 10, maxFeatures: 0.1 }).fit(rows, y);
    for (const tree of model.trees) expect(tree.feature[0]).toBe(5);
  });

  describe('out-of-bag estimates', () => {
    it('leaves NaN for rows that were never out of bag', () => {
      const { X, y } = gaussianProblem(500, 13);
      const model = new RandomForestClassifier({ nEstimators: 1, oobScore: true }).fit(X, y);
      const seen = model.oobDecision.filter((p) => !Number.isNaN(p)).length;
      // One bootstrap leaves about e^-1 of the rows out.
      expect(seen / 500).toBeGreaterThan(0.3);
      expect(seen / 500).toBeLessThan(0.44);
    });

    it('survives a JSON round trip, NaN included', () => {
      const { X, y } = gaussianProblem(200, 14);
      const model = new RandomForestClassifier({ nEstimators: 3, oobScore: true }).fit(X, y);
      const restored = RandomForestClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(restored.oobScore).toBe(model.oobScore);
      expect(Array.from(restored.oobDecision)).toEqual(Array.from(model.oobDecision));
      expect(restored.featureImportances()).toEqual(model.featureImportances());
    });

    it('are refused when not asked for, or without bootstrap', () => {
      const { X, y } = gaussianProblem(100, 15);
      const model = new RandomForestClassifier({ nEstimators: 2 }).fit(X, y);
      expect(() => model.oobScore).toThrow(/oobScore: true/);
      expect(() => new RandomForestClassifier({ bootstrap: false, oobScore: true }).fit(X, y)).toThrow(/oobScore/);
    });
  });

  it('refuses maxSamples beyond the rows, or without bootstrap', () => {
    const { X, y } = gaussianProblem(100, 16);
    expect(() => new RandomForestClassifier({ maxSamples: 101 }).fit(X, y)).toThrow(ParameterError);
    expect(() => new RandomForestClassifier({ maxSamples: 2.5 }).fit(X, y)).toThrow(/maxSamples/);
    expect(() => new RandomForestClassifier({ bootstrap: false, maxSamples: 0.5 }).fit(X, y)).toThrow(/maxSamples/);
  });
});

describe('RandomForestClassifier.shapValues', () => {
  it('adds up to the predicted probability for every row', () => {
    const { train, test } = nonlinearProblem();
    const model = new RandomForestClassifier({ nEstimators: 15, maxDepth: 6 }).fit(train.X, train.y);
    const { base, values } = model.shapValues(test.X);
    const p = model.predictProba(test.X).column(1);
    for (let i = 0; i < test.X.nRows; i++) {
      let total = base;
      for (let j = 0; j < values.nCols; j++) total += values.get(i, j);
      expect(Math.abs(total - (p[i] as number))).toBeLessThan(1e-9);
    }
  });
});
