import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix';
import { rocAuc } from '../metrics';
import { RandomState } from '../random';
import type { EstimatorJSON } from '../serialization';
import { describeEstimatorContract } from '../testing/estimator-contract';
import { LEAF, type TreeJSON, treeFromJSON } from '../tree/tree';
import { GradientBoostingClassifier } from './gradient-boosting-classifier';
import { nonlinearProblem, sklearnProblem, sklearnQueries } from './test-data';

describeEstimatorContract('GradientBoostingClassifier', {
  type: 'classifier',
  create: (params) => new GradientBoostingClassifier(params),
  fromJSON: (json) => GradientBoostingClassifier.fromJSON(json),
  invalidParams: { learningRate: -1 },
  handlesMissing: true,
});

function savedTrees(model: GradientBoostingClassifier) {
  const state = (model.toJSON() as EstimatorJSON<unknown, { trees: TreeJSON[] }>).state;
  return state.trees.map(treeFromJSON);
}

const oneStump = { nEstimators: 1, learningRate: 1, growPolicy: 'depthwise', maxDepth: 1, minSamplesLeaf: 1 } as const;

describe('GradientBoostingClassifier', () => {
  it('learns a step function with one Newton step: margins ±2 around the log-odds 0', () => {
    const X = Matrix.fromRows(Array.from({ length: 100 }, (_, i) => [i]));
    const y = Array.from({ length: 100 }, (_, i) => (i >= 50 ? 1 : 0));
    const model = new GradientBoostingClassifier(oneStump).fit(X, y);
    const [tree] = savedTrees(model);
    expect(tree?.threshold[0]).toBe(49.5);
    // p = 0.5 everywhere: g = ∓0.5, h = 0.25 per row, so each leaf is −G/H = ±25/12.5.
    expect(Array.from(model.decisionFunction([[10], [49], [50], [99]]))).toEqual([-2, -2, 2, 2]);
    expect(Array.from(model.predict([[0], [70]]))).toEqual([0, 1]);
    // Gain ½[G_L²/H_L + G_R²/H_R − G²/H] = ½[625/12.5 · 2 − 0] = 50.
    expect(tree?.gain[0]).toBeCloseTo(50, 12);
  });

  it('learns where missing values go: a feature whose NaNs are all positive', () => {
    const random = new RandomState(1);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const positive = i % 2 === 0;
      rows.push([positive ? Number.NaN : random.normal(), random.normal()]);
      y.push(positive ? 1 : 0);
    }
    const model = new GradientBoostingClassifier({ ...oneStump, nEstimators: 5 }).fit(rows, y);
    const [tree] = savedTrees(model);
    expect(tree?.feature[0]).toBe(0);
    const right = tree?.right[0] as number;
    // Every value goes left, missing ones right.
    expect(tree?.missingLeft[0]).toBe(0);
    expect(tree?.threshold[0]).toBe(Number.POSITIVE_INFINITY);
    expect(tree?.value[right]).toBeGreaterThan(0);
    const proba = model.predictProba([
      [Number.NaN, 0],
      [0.3, 0],
    ]);
    expect(proba.get(0, 1)).toBeGreaterThan(0.9);
    expect(proba.get(1, 1)).toBeLessThan(0.1);
  });

  it('sends missing values to the heavier child when a split saw none', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i]);
    const y = rows.map(([x]) => ((x as number) >= 80 ? 1 : 0));
    const model = new GradientBoostingClassifier(oneStump).fit(rows, y);
    const [tree] = savedTrees(model);
    expect(tree?.threshold[0]).toBe(79.5);
    expect(tree?.missingLeft[0]).toBe(1);
    expect(model.decisionFunction([[Number.NaN]])[0]).toBe(model.decisionFunction([[0]])[0]);
  });

  it('matches scikit-learn 1.2 HistGradientBoostingClassifier on a small problem with missing values', () => {
    const { rows, y } = sklearnProblem();
    const median = [...y].sort((a, b) => a - b);
    const cut = ((median[149] as number) + (median[150] as number)) / 2;
    const model = new GradientBoostingClassifier({
      nEstimators: 3,
      learningRate: 0.3,
      earlyStopping: false,
      minSamplesLeaf: 5,
    }).fit(
      rows,
      y.map((v) => (v > cut ? 1 : 0)),
    );
    // HistGradientBoostingClassifier(max_iter=3, learning_rate=0.3, early_stopping=False, min_samples_leaf=5)
    // .decision_function; later rounds drift apart on near-ties because scikit-learn keeps gradients in float32.
    const expected = [
      -1.4680987386013782, 1.4680987386013777, 1.3623138677384943, -1.5627144982426109, 1.4667198278653735,
    ];
    const margins = model.decisionFunction(sklearnQueries);
    for (const [i, value] of expected.entries()) expect(margins[i]).toBeCloseTo(value, 6);
  });

  it('ranks well on a noisy nonlinear problem (held-out ROC AUC)', () => {
    const train = nonlinearProblem(3000, 1);
    const test = nonlinearProblem(2000, 2);
    const model = new GradientBoostingClassifier({ nEstimators: 60 }).fit(train.X, train.y);
    const auc = rocAuc(test.y, model.predictProba(test.X).column(1));
    // The Bayes-optimal scorer (the true margin) reaches about 0.89 here.
    expect(auc).toBeGreaterThan(0.85);
  });

  it('stops early on pure noise and keeps only the trees up to the best round', () => {
    const random = new RandomState(3);
    const X = Matrix.fromRows(Array.from({ length: 2000 }, () => [random.normal(), random.normal()]));
    const y = Array.from({ length: 2000 }, () => (random.float() < 0.5 ? 1 : 0));
    const model = new GradientBoostingClassifier({ nEstimators: 200, earlyStopping: true, nIterNoChange: 5 }).fit(X, y);
    expect(model.nTreesFitted).toBeLessThan(20);
    const signal = nonlinearProblem(2000, 4);
    const learner = new GradientBoostingClassifier({ nEstimators: 100, earlyStopping: true }).fit(signal.X, signal.y);
    expect(learner.nTreesFitted).toBeGreaterThan(10);
  });

  it('is reproducible with row and feature subsampling, and the seed matters', () => {
    const { X, y } = nonlinearProblem(600, 5);
    const params = { nEstimators: 10, subsample: 0.5, colsampleByTree: 0.5 };
    const a = new GradientBoostingClassifier({ ...params, randomState: 1 }).fit(X, y).decisionFunction(X);
    const b = new GradientBoostingClassifier({ ...params, randomState: 1 }).fit(X, y).decisionFunction(X);
    const c = new GradientBoostingClassifier({ ...params, randomState: 2 }).fit(X, y).decisionFunction(X);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('learns the same model, bit for bit, on one thread or two', () => {
    const { X, y } = nonlinearProblem(12_000, 7, 17);
    for (const extra of [{}, { subsample: 0.7, colsampleByTree: 0.6, growPolicy: 'depthwise', maxDepth: 5 }] as const) {
      const params = { nEstimators: 8, earlyStopping: false, ...extra };
      const one = new GradientBoostingClassifier({ ...params, nThreads: 1 }).fit(X, y).toJSON() as EstimatorJSON;
      const two = new GradientBoostingClassifier({ ...params, nThreads: 2 }).fit(X, y).toJSON() as EstimatorJSON;
      expect(JSON.stringify(two.state)).toBe(JSON.stringify(one.state));
    }
  });

  it('treats an integer sample weight like repeated rows', () => {
    const random = new RandomState(6);
    const rows = Array.from({ length: 200 }, () => [random.int(8), random.int(5)]);
    const y = rows.map(([a, b]) => ((a as number) + (b as number) + random.int(4) > 7 ? 1 : 0));
    const weight = rows.map((_, i) => 1 + (i % 3));
    const repeated = rows.flatMap((row, i) => Array.from({ length: weight[i] as number }, () => row));
    const repeatedY = y.flatMap((label, i) => Array.from({ length: weight[i] as number }, () => label));
    const params = { nEstimators: 5, minSamplesLeaf: 1, earlyStopping: false } as const;
    const weighted = new GradientBoostingClassifier(params).fit(rows, y, { sampleWeight: weight });
    const copied = new GradientBoostingClassifier(params).fit(repeated, repeatedY);
    const a = weighted.decisionFunction(rows);
    const b = copied.decisionFunction(rows);
    for (let i = 0; i < rows.length; i++) expect(a[i]).toBeCloseTo(b[i] as number, 9);
  });

  it('grows depthwise trees no deeper than maxDepth and lossguide trees with at most maxLeafNodes leaves', () => {
    const { X, y } = nonlinearProblem(1000, 7);
    const depth = (tree: ReturnType<typeof treeFromJSON>, node = 0): number =>
      tree.feature[node] === LEAF
        ? 0
        : 1 + Math.max(depth(tree, tree.left[node] as number), depth(tree, tree.right[node] as number));
    const deep = new GradientBoostingClassifier({
      nEstimators: 3,
      growPolicy: 'depthwise',
      maxDepth: 3,
      maxLeafNodes: null,
      minSamplesLeaf: 1,
    }).fit(X, y);
    for (const tree of savedTrees(deep)) {
      expect(depth(tree)).toBe(3);
      expect(tree.nodeCount).toBe(15);
    }
    const wide = new GradientBoostingClassifier({ nEstimators: 3, maxLeafNodes: 7, minSamplesLeaf: 1 }).fit(X, y);
    for (const tree of savedTrees(wide)) expect(tree.nodeCount).toBe(13);
  });

  it('reports normalised gain importances led by the informative features', () => {
    const { X, y } = nonlinearProblem(1500, 8);
    const importance = new GradientBoostingClassifier({ nEstimators: 30 }).fit(X, y).featureImportances('gain');
    expect(importance.reduce((sum, v) => sum + v, 0)).toBeCloseTo(1, 12);
    const noise = Math.max(...importance.slice(3));
    for (const j of [0, 1, 2]) expect(importance[j]).toBeGreaterThan(noise);
  });

  it('explains margins with SHAP values that add up to decisionFunction', () => {
    const { X, y } = nonlinearProblem(800, 9);
    const model = new GradientBoostingClassifier({ nEstimators: 20 }).fit(X, y);
    const { base, values } = model.shapValues(X);
    const margin = model.decisionFunction(X);
    expect(values.nCols).toBe(X.nCols);
    for (let i = 0; i < X.nRows; i++) {
      let total = base;
      for (let j = 0; j < X.nCols; j++) total += values.get(i, j);
      expect(Math.abs(total - (margin[i] as number))).toBeLessThan(1e-6);
    }
  });
});
