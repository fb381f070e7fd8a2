import type { Matrix } from '../matrix';
import { LEAF, type Tree } from '../tree/tree';

/**
 * The tree's expected output over its training data, E[f(x)], with every split weighted by the fraction of cover
 * going each way — the same fractions `treeShap` uses, so base + Σ SHAP values = prediction.
 */
export function treeExpectedValue(tree: Tree): number {
  return expectedFrom(tree, 0);
}

function expectedFrom(tree: Tree, node: number): number {
  if (tree.feature[node] === LEAF) return tree.value[node] as number;
  const l = tree.left[node] as number;
  const r = tree.right[node] as number;
  const leftFraction = coverFraction(tree, node, l);
  return leftFraction * expectedFrom(tree, l) + coverFraction(tree, node, r) * expectedFrom(tree, r);
}

/** cover[child] / cover[node]; an even split when the node has no cover (all-zero weights), so fractions sum to 1. */
function coverFraction(tree: Tree, node: number, child: number): number {
  const cover = tree.cover[node] as number;
  return cover > 0 ? (tree.cover[child] as number) / cover : 0.5;
}

/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2): adds `scale ×` the SHAP values of every row
 * of X to `out` (nRows × nCols, row-major). Features absent from a row's coalition follow the training cover down
 * both branches; a missing value follows the node's `missingLeft`. O(leaves × depth²) per row.
 */
export function treeShap(tree: Tree, X: Matrix, out: Float64Array, scale = 1): void {
  const workspace = new ShapWorkspace(tree, X, out, scale);
  for (let i = 0; i < X.nRows; i++) workspace.explainRow(i);
}

/**
 * The path of unique features from the root to the current node, stored as in the reference implementation: each
 * recursion level works on its own copy, laid out one after another, so going back up needs no undo.
 */
class ShapWorkspace {
  private readonly pathFeature: Int32Array;
  private readonly zeroFraction: Float64Array;
  private readonly oneFraction: Float64Array;
  private readonly weight: Float64Array;
  private row = 0;

  constructor(
    private readonly tree: Tree,
    private readonly X: Matrix,
    private readonly out: Float64Array,
    private readonly scale: number,
  ) {
    const maxDepth = depthOf(tree, 0) + 2;
    const size = (maxDepth * (maxDepth + 1)) / 2;
    this.pathFeature = new Int32Array(size);
    this.zeroFraction = new Float64Array(size);
    this.oneFraction = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  explainRow(i: number): void {
    this.row = i;
    this.recurse(0, 0, 0, 1, 1, -1);
  }

  private recurse(
    node: number,
    parentStart: number,
    uniqueDepth: number,
    parentZero: number,
    parentOne: number,
    parentFeature: number,
  ): void {
    const { tree } = this;
    // This level's path starts past the parent's (which holds uniqueDepth entries).
    const start = uniqueDepth === 0 ? 0 : parentStart + uniqueDepth;
    if (uniqueDepth > 0) {
      this.pathFeature.copyWithin(start, parentStart, parentStart + uniqueDepth);
      this.zeroFraction.copyWithin(start, parentStart, parentStart + uniqueDepth);
      this.oneFraction.copyWithin(start, parentStart, parentStart + uniqueDepth);
      this.weight.copyWithin(start, parentStart, parentStart + uniqueDepth);
    }
    this.extend(start, uniqueDepth, parentZero, parentOne, parentFeature);

    const splitFeature = tree.feature[node] as number;
    if (splitFeature === LEAF) {
      const leafValue = (tree.value[node] as number) * this.scale;
      const rowOffset = this.row * this.X.nCols;
      for (let k = 1; k <= uniqueDepth; k++) {
        const w = this.unwoundSum(start, uniqueDepth, k);
        const at = rowOffset + (this.pathFeature[start + k] as number);
        this.out[at] =
          (this.out[at] as number) +
          w * ((this.oneFraction[start + k] as number) - (this.zeroFraction[start + k] as number)) * leafValue;
      }
      return;
    }

    const x = (this.X.columns[splitFeature] as Float64Array)[this.row] as number;
    const goLeft = Number.isNaN(x) ? tree.missingLeft[node] === 1 : x <= (tree.threshold[node] as number);
    const hot = goLeft ? (tree.left[node] as number) : (tree.right[node] as number);
    const cold = goLeft ? (tree.right[node] as number) : (tree.left[node] as number);
    const hotZero = coverFraction(tree, node, hot);
    const coldZero = coverFraction(tree, node, cold);

    let incomingZero = 1;
    let incomingOne = 1;
    let depth = uniqueDepth;
    // A feature already on the path is taken off it, and its fractions carried into the new entry.
    for (let k = 1; k <= depth; k++) {
      if (this.pathFeature[start + k] === splitFeature) {
        incomingZero = this.zeroFraction[start + k] as number;
        incomingOne = this.oneFraction[start + k] as number;
        this.unwind(start, depth, k);
        depth--;
        break;
      }
    }
    this.recurse(hot, start, depth + 1, hotZero * incomingZero, incomingOne, splitFeature);
    this.recurse(cold, start, depth + 1, coldZero * incomingZero, 0, splitFeature);
  }

  private extend(start: number, uniqueDepth: number, zero: number, one: number, feature: number): void {
    const { weight } = this;
    this.pathFeature[start + uniqueDepth] = feature;
    this.zeroFraction[start + uniqueDepth] = zero;
    this.oneFraction[start + uniqueDepth] = one;
    weight[start + uniqueDepth] = uniqueDepth === 0 ? 1 : 0;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      const w = weight[start + i] as number;
      weight[start + i + 1] = (weight[start + i + 1] as number) + (one * w * (i + 1)) / (uniqueDepth + 1);
      weight[start + i] = (zero * w * (uniqueDepth - i)) / (uniqueDepth + 1);
    }
  }

  private unwind(start: number, uniqueDepth: number, index: number): void {
    const { weight } = this;
    const one = this.oneFraction[start + index] as number;
    const zero = this.zeroFraction[start + index] as number;
    let next = weight[start + uniqueDepth] as number;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      if (one !== 0) {
        const w = weight[start + i] as number;
        weight[start + i] = (next * (uniqueDepth + 1)) / ((i + 1) * one);
        next = w - ((weight[start + i] as number) * zero * (uniqueDepth - i)) / (uniqueDepth + 1);
      } else {
        weight[start + i] = ((weight[start + i] as number) * (uniqueDepth + 1)) / (zero * (uniqueDepth - i));
      }
    }
    for (let i = index; i < uniqueDepth; i++) {
      this.pathFeature[start + i] = this.pathFeature[start + i + 1] as number;
      this.zeroFraction[start + i] = this.zeroFraction[start + i + 1] as number;
      this.oneFraction[start + i] = this.oneFraction[start + i + 1] as number;
    }
  }

  /** Σ of the path weights with entry `index` unwound, without changing the path. */
  private unwoundSum(start: number, uniqueDepth: number, index: number): number {
    const { weight } = this;
    const one = this.oneFraction[start + index] as number;
    const zero = this.zeroFraction[start + index] as number;
    let next = weight[start + uniqueDepth] as number;
    let total = 0;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      if (one !== 0) {
        const w = (next * (uniqueDepth + 1)) / ((i + 1) * one);
        total += w;
        next = (weight[start + i] as number) - (w * zero * (uniqueDepth - i)) / (uniqueDepth + 1);
      } else if (zero !== 0) {
        total += ((weight[start + i] as number) * (uniqueDepth + 1)) / (zero * (uniqueDepth - i));
      }
    }
    return total;
  }
}

function depthOf(tree: Tree, node: number): number {
  if (tree.feature[node] === LEAF) return 0;
  return 1 + Math.max(depthOf(tree, tree.left[node] as number), depthOf(tree, tree.right[node] as number));
}
