import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix';
import { RandomState } from '../random';
import { addTreePrediction, LEAF, type Tree, TreeBuilder } from '../tree/tree';
import { treeExpectedValue, treeShap } from './tree-shap';

/** A random tree over `nCols` features whose covers add up (a parent's cover is its children's sum). */
function randomTree(random: RandomState, nCols: number, maxDepth: number): Tree {
  const builder = new TreeBuilder();
  const grow = (depth: number): number => {
    const node = builder.addLeaf(random.normal(), 0);
    if (depth < maxDepth && random.float() < 0.8) {
      const left = grow(depth + 1);
      const right = grow(depth + 1);
      builder.split(node, {
        feature: random.int(nCols),
        threshold: random.normal() * 0.8,
        missingLeft: random.float() < 0.5,
        gain: random.float(),
        left,
        right,
      });
    }
    return node;
  };
  grow(0);
  const tree = builder.finish();
  const coverOf = (node: number): number => {
    if (tree.feature[node] === LEAF) {
      tree.cover[node] = 1 + random.int(20);
      return tree.cover[node] as number;
    }
    tree.cover[node] = coverOf(tree.left[node] as number) + coverOf(tree.right[node] as number);
    return tree.cover[node] as number;
  };
  coverOf(0);
  return tree;
}

function randomRows(random: RandomState, nRows: number, nCols: number): Matrix {
  return Matrix.fromRows(
    Array.from({ length: nRows }, () =>
      Array.from({ length: nCols }, () => (random.float() < 0.15 ? Number.NaN : random.normal())),
    ),
  );
}

/** E[f(x) | x_S] along the tree's cover, the value function path-dependent TreeSHAP explains. */
function conditionalExpectation(tree: Tree, x: Float64Array, coalition: Set<number>, node = 0): number {
  if (tree.feature[node] === LEAF) return tree.value[node] as number;
  const feature = tree.feature[node] as number;
  const left = tree.left[node] as number;
  const right = tree.right[node] as number;
  if (coalition.has(feature)) {
    const value = x[feature] as number;
    const goLeft = Number.isNaN(value) ? tree.missingLeft[node] === 1 : value <= (tree.threshold[node] as number);
    return conditionalExpectation(tree, x, coalition, goLeft ? left : right);
  }
  const cover = tree.cover[node] as number;
  return (
    ((tree.cover[left] as number) * conditionalExpectation(tree, x, coalition, left) +
      (tree.cover[right] as number) * conditionalExpectation(tree, x, coalition, right)) /
    cover
  );
}

/** Shapley values by enumerating every coalition. */
function bruteForceShap(tree: Tree, x: Float64Array): Float64Array {
  const m = x.length;
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const phi = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      const coalition = new Set<number>();
      for (let j = 0; j < m; j++) if (mask & (1 << j)) coalition.add(j);
      const weight = (factorial(coalition.size) * factorial(m - coalition.size - 1)) / factorial(m);
      const without = conditionalExpectation(tree, x, coalition);
      coalition.add(i);
      phi[i] = (phi[i] as number) + weight * (conditionalExpectation(tree, x, coalition) - without);
    }
  }
  return phi;
}

describe('treeShap', () => {
  it('explains a hand-checkable two-feature tree', () => {
    // x0 <= 0 ? (x1 <= 0 ? 1 : 3) : 5, covers 10 = (4 = 2 + 2) + 6.
    const builder = new TreeBuilder();
    const root = builder.addLeaf(0, 10);
    const inner = builder.addLeaf(0, 4);
    const right = builder.addLeaf(5, 6);
    const a = builder.addLeaf(1, 2);
    const b = builder.addLeaf(3, 2);
    builder.split(root, { feature: 0, threshold: 0, missingLeft: false, gain: 1, left: inner, right });
    builder.split(inner, { feature: 1, threshold: 0, missingLeft: true, gain: 1, left: a, right: b });
    const tree = builder.finish();
    // E[f] = 0.4·2 + 0.6·5 = 3.8.
    expect(treeExpectedValue(tree)).toBeCloseTo(3.8, 12);
    const out = new Float64Array(2);
    treeShap(tree, Matrix.fromRows([[-1, -1]]), out);
    // f(x) = 1. v({0}) = 2, v({1}) = 0.4·1 + 0.6·5 = 3.4, v({}) = 3.8, v({0,1}) = 1.
    // φ0 = ½[(2 − 3.8) + (1 − 3.4)] = −2.1, φ1 = ½[(3.4 − 3.8) + (1 − 2)] = −0.7.
    expect(out[0]).toBeCloseTo(-2.1, 12);
    expect(out[1]).toBeCloseTo(-0.7, 12);
  });

  it('routes missing values by missingLeft', () => {
    const builder = new TreeBuilder();
    const root = builder.addLeaf(0, 2);
    const left = builder.addLeaf(-1, 1);
    const right = builder.addLeaf(1, 1);
    builder.split(root, { feature: 0, threshold: 0, missingLeft: true, gain: 1, left, right });
    const tree = builder.finish();
    const out = new Float64Array(1);
    treeShap(tree, Matrix.fromRows([[Number.NaN]]), out, 2);
    expect(out[0]).toBeCloseTo(2 * (-1 - 0), 12);
  });

  it('matches brute-force Shapley values of the path-dependent value function', () => {
    const random = new RandomState(5);
    for (let t = 0; t < 20; t++) {
      const nCols = 1 + random.int(4);
      const tree = randomTree(random, nCols, 5);
      const X = randomRows(random, 5, nCols);
      const out = new Float64Array(X.nRows * nCols);
      treeShap(tree, X, out);
      for (let i = 0; i < X.nRows; i++) {
        const expected = bruteForceShap(tree, X.row(i));
        for (let j = 0; j < nCols; j++) expect(out[i * nCols + j]).toBeCloseTo(expected[j] as number, 9);
      }
    }
  });

  it('adds up: expected value + Σ SHAP values = prediction, for ensembles scaled like a forest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        (seed, nTrees, nCols) => {
          const random = new RandomState(seed);
          const trees = Array.from({ length: nTrees }, () => randomTree(random, nCols, 1 + random.int(7)));
          const X = randomRows(random, 8, nCols);
          const scale = 1 / nTrees;
          const out = new Float64Array(X.nRows * nCols);
          const prediction = new Float64Array(X.nRows);
          let base = 0;
          for (const tree of trees) {
            treeShap(tree, X, out, scale);
            addTreePrediction(tree, X, prediction, scale);
            base += scale * treeExpectedValue(tree);
          }
          for (let i = 0; i < X.nRows; i++) {
            let total = base;
            for (let j = 0; j < nCols; j++) total += out[i * nCols + j] as number;
            expect(Math.abs(total - (prediction[i] as number))).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
