import type { Matrix } from '../matrix';
import { decodeArray, type EncodedArray, encodeArray } from '../serialization';

/**
 * A fitted decision tree as flat typed arrays (node 0 is the root), shared by gradient boosting and random forests
 * so prediction, serialisation, gain importance and TreeSHAP are written once.
 *
 * Node i is a leaf when feature[i] === -1. Otherwise rows with x[feature] <= threshold go to left[i], others to
 * right[i], and a missing value (NaN) goes left when missingLeft[i] is 1. value holds the node's output (a leaf's
 * prediction; for internal nodes the cover-weighted mean of their leaves), cover the training weight that reached the
 * node (TreeSHAP's weights), gain the split's loss reduction (0 for leaves).
 */
export type Tree = {
  nodeCount: number;
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  gain: Float64Array;
};

export const LEAF = -1;

/** Grows a tree node by node; `finish()` trims the arrays to the nodes used. */
export class TreeBuilder {
  private capacity: number;
  private count = 0;
  private feature: Int32Array;
  private threshold: Float64Array;
  private missingLeft: Uint8Array;
  private left: Int32Array;
  private right: Int32Array;
  private value: Float64Array;
  private cover: Float64Array;
  private gain: Float64Array;

  constructor(initialCapacity = 64) {
    this.capacity = initialCapacity;
    this.feature = new Int32Array(initialCapacity).fill(LEAF);
    this.threshold = new Float64Array(initialCapacity);
    this.missingLeft = new Uint8Array(initialCapacity);
    this.left = new Int32Array(initialCapacity).fill(LEAF);
    this.right = new Int32Array(initialCapacity).fill(LEAF);
    this.value = new Float64Array(initialCapacity);
    this.cover = new Float64Array(initialCapacity);
    this.gain = new Float64Array(initialCapacity);
  }

  /** Adds a leaf and returns its index; `split` turns it into an internal node later. */
  addLeaf(value: number, cover: number): number {
    if (this.count === this.capacity) this.grow();
    const node = this.count++;
    this.value[node] = value;
    this.cover[node] = cover;
    return node;
  }

  setValue(node: number, value: number): void {
    this.value[node] = value;
  }

  split(
    node: number,
    split: { feature: number; threshold: number; missingLeft: boolean; gain: number; left: number; right: number },
  ): void {
    this.feature[node] = split.feature;
    this.threshold[node] = split.threshold;
    this.missingLeft[node] = split.missingLeft ? 1 : 0;
    this.gain[node] = split.gain;
    this.left[node] = split.left;
    this.right[node] = split.right;
  }

  finish(): Tree {
    const n = this.count;
    return {
      nodeCount: n,
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
      cover: this.cover.slice(0, n),
      gain: this.gain.slice(0, n),
    };
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const extend = <T extends Int32Array | Float64Array | Uint8Array>(array: T, fill = 0): T => {
      const next = new (array.constructor as new (n: number) => T)(capacity);
      next.set(array);
      if (fill !== 0) next.fill(fill, this.capacity);
      return next;
    };
    this.feature = extend(this.feature, LEAF);
    this.threshold = extend(this.threshold);
    this.missingLeft = extend(this.missingLeft);
    this.left = extend(this.left, LEAF);
    this.right = extend(this.right, LEAF);
    this.value = extend(this.value);
    this.cover = extend(this.cover);
    this.gain = extend(this.gain);
    this.capacity = capacity;
  }
}

/** The leaf row `i` of X falls in. */
export function leafOf(tree: Tree, X: Matrix, i: number): number {
  const { feature, threshold, missingLeft, left, right } = tree;
  let node = 0;
  while (feature[node] !== LEAF) {
    const x = (X.columns[feature[node] as number] as Float64Array)[i] as number;
    const goLeft = Number.isNaN(x) ? missingLeft[node] === 1 : x <= (threshold[node] as number);
    node = goLeft ? (left[node] as number) : (right[node] as number);
  }
  return node;
}

/** Adds `scale ×` each row's leaf value to `out`. */
export function addTreePrediction(tree: Tree, X: Matrix, out: Float64Array, scale = 1): void {
  const { value } = tree;
  for (let i = 0; i < X.nRows; i++) out[i] = (out[i] as number) + scale * (value[leafOf(tree, X, i)] as number);
}

/** Total split gain per feature, the "gain" importance. */
export function addGainImportance(tree: Tree, importance: Float64Array): void {
  for (let node = 0; node < tree.nodeCount; node++) {
    const feature = tree.feature[node] as number;
    if (feature !== LEAF) importance[feature] = (importance[feature] as number) + (tree.gain[node] as number);
  }
}

export type TreeJSON = Record<Exclude<keyof Tree, 'nodeCount'>, EncodedArray>;

export function treeToJSON(tree: Tree): TreeJSON {
  return {
    feature: encodeArray(tree.feature),
    threshold: encodeArray(tree.threshold),
    missingLeft: encodeArray(tree.missingLeft),
    left: encodeArray(tree.left),
    right: encodeArray(tree.right),
    value: encodeArray(tree.value),
    cover: encodeArray(tree.cover),
    gain: encodeArray(tree.gain),
  };
}

export function treeFromJSON(json: TreeJSON): Tree {
  const feature = decodeArray(json.feature as EncodedArray & { dtype: 'i32' });
  return {
    nodeCount: feature.length,
    feature,
    threshold: decodeArray(json.threshold as EncodedArray & { dtype: 'f64' }),
    missingLeft: decodeArray(json.missingLeft as EncodedArray & { dtype: 'u8' }),
    left: decodeArray(json.left as EncodedArray & { dtype: 'i32' }),
    right: decodeArray(json.right as EncodedArray & { dtype: 'i32' }),
    value: decodeArray(json.value as EncodedArray & { dtype: 'f64' }),
    cover: decodeArray(json.cover as EncodedArray & { dtype: 'f64' }),
    gain: decodeArray(json.gain as EncodedArray & { dtype: 'f64' }),
  };
}
