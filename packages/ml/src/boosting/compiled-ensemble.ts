import type { Matrix } from '../matrix';
import { LEAF, type Tree } from '../tree/tree';

/**
 * Trees flattened into one set of arrays for prediction. Leaves point to themselves, so every row takes exactly
 * `depth` steps in a tree: a loop with no leaf test, whose rows the CPU can overlap.
 */
export type CompiledEnsemble = {
  feature: Int32Array;
  threshold: Float64Array;
  /** 1 where a missing value goes right. */
  missingRight: Int32Array;
  /** Left child at 2·node, right child at 2·node + 1, so the step is an index computed from the test, not a branch. */
  children: Int32Array;
  value: Float64Array;
  root: Int32Array;
  depth: Int32Array;
};

export function compileEnsemble(trees: readonly Tree[]): CompiledEnsemble {
  let total = 0;
  for (const tree of trees) total += tree.nodeCount;
  const compiled: CompiledEnsemble = {
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    missingRight: new Int32Array(total),
    children: new Int32Array(2 * total),
    value: new Float64Array(total),
    root: new Int32Array(trees.length),
    depth: new Int32Array(trees.length),
  };
  let base = 0;
  trees.forEach((tree, t) => {
    compiled.root[t] = base;
    compiled.depth[t] = treeDepth(tree);
    for (let node = 0; node < tree.nodeCount; node++) {
      const at = base + node;
      const isLeaf = tree.feature[node] === LEAF;
      compiled.feature[at] = isLeaf ? 0 : (tree.feature[node] as number);
      compiled.threshold[at] = tree.threshold[node] as number;
      compiled.missingRight[at] = tree.missingLeft[node] === 1 ? 0 : 1;
      compiled.children[2 * at] = isLeaf ? at : base + (tree.left[node] as number);
      compiled.children[2 * at + 1] = isLeaf ? at : base + (tree.right[node] as number);
      compiled.value[at] = tree.value[node] as number;
    }
    base += tree.nodeCount;
  });
  return compiled;
}

/** Edges on the longest root-to-leaf path. */
export function treeDepth(tree: Tree): number {
  const depth = new Int32Array(tree.nodeCount);
  let deepest = 0;
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.feature[node] === LEAF) continue;
    const d = (depth[node] as number) + 1;
    depth[tree.left[node] as number] = d;
    depth[tree.right[node] as number] = d;
    if (d > deepest) deepest = d;
  }
  return deepest;
}

const BLOCK = 64;

/**
 * Adds every tree's value to `out`, trees in order for each row (so the sum has the same bits however X was
 * loaded). Rows go through a tree 64 at a time in lockstep, one level per pass: the walks are independent, so the
 * CPU overlaps their loads instead of waiting on one row's chain of dependent reads.
 */
export function addEnsemblePrediction(compiled: CompiledEnsemble, X: Matrix, out: Float64Array): void {
  const nCols = X.nCols;
  const rowMajor = X.toRowMajor();
  const { feature, threshold, missingRight, children, value, root, depth } = compiled;
  const nodes = new Int32Array(BLOCK);
  for (let first = 0; first < X.nRows; first += BLOCK) {
    const count = Math.min(BLOCK, X.nRows - first);
    for (let t = 0; t < root.length; t++) {
      nodes.fill(root[t] as number);
      const steps = depth[t] as number;
      for (let s = 0; s < steps; s++) {
        for (let k = 0; k < count; k++) {
          const node = nodes[k] as number;
          const x = rowMajor[(first + k) * nCols + (feature[node] as number)] as number;
          // x > threshold is false for NaN, which goes right only where missingRight says so.
          const goRight = +(x > (threshold[node] as number)) | (+Number.isNaN(x) & (missingRight[node] as number));
          nodes[k] = children[2 * node + goRight] as number;
        }
      }
      for (let k = 0; k < count; k++) {
        out[first + k] = (out[first + k] as number) + (value[nodes[k] as number] as number);
      }
    }
  }
}
