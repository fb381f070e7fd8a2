import { MISSING_BIN } from '../tree/bin-mapper';
import { LEAF, type Tree, TreeBuilder } from '../tree/tree';
import { sharedFloat64 } from './helper';
import { type HistogramBuilder, SLOT_WIDTH, subtractHistogram } from './histogram';
import type { PackedBins } from './packed-bins';
import { findBestSplit, type SplitCandidate, type SplitConstraints } from './split-finder';

export type GrowerOptions = SplitConstraints & {
  growPolicy: 'depthwise' | 'lossguide';
  maxDepth: number | null;
  maxLeafNodes: number | null;
  learningRate: number;
};

/** A grown tree and where its training rows ended up, so boosting can update their margins without a prediction. */
export type GrownTree = {
  tree: Tree;
  /** The bin each internal node splits at (rows with bin <= splitBin go left); -1 for leaves. */
  splitBin: Int32Array;
  /** Leaf node ids; leaf k holds rows[leafStart[k]..leafEnd[k]) of the rows handed to `grow`. */
  leaves: Int32Array;
  leafStart: Int32Array;
  leafEnd: Int32Array;
};

type GrowingNode = {
  id: number;
  start: number;
  end: number;
  gradient: number;
  hessian: number;
  depth: number;
  histogram: Float64Array | null;
  split: SplitCandidate | null;
};

/**
 * Grows regression trees on gradients and hessians from binned data (LightGBM style): the rows of each node are a
 * contiguous range of one index array, partitioned in place at every split; only the smaller child's histogram is
 * built, the larger one's is the parent's minus it; histogram buffers are pooled across nodes and trees.
 */
export class TreeGrower {
  private readonly scratch: Int32Array;
  private pool: Float64Array[] = [];
  private poolLength = 0;

  constructor(
    /** Binned columns as BinMapper.transform gives them (missing = MISSING_BIN), for partitioning rows. */
    private readonly columns: readonly Uint8Array[],
    /** BinMapper thresholds: bin b of column j holds values <= thresholds[j][b]. */
    private readonly thresholds: readonly Float64Array[],
    private readonly options: GrowerOptions,
  ) {
    this.scratch = new Int32Array(columns[0]?.length ?? 0);
  }

  /**
   * Grows one tree on rows[0..nRows) of the builder's rows (reordered in place) from the builder's gradients
   * (gradient and hessian of row i at 2i and 2i + 1); `packed` holds the features it may split on.
   */
  grow(packed: PackedBins, histograms: HistogramBuilder, nRows: number): GrownTree {
    const { gradients } = histograms;
    const rows = histograms.rows.subarray(0, nRows);
    const { growPolicy, maxLeafNodes } = this.options;
    const builder = new TreeBuilder();
    const splitBins: number[] = [];
    const finished: GrowingNode[] = [];
    const frontier: GrowingNode[] = [];
    let frontierHead = 0;

    let sumGradient = 0;
    let sumHessian = 0;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k] as number;
      sumGradient += gradients[2 * row] as number;
      sumHessian += gradients[2 * row + 1] as number;
    }
    const root = this.newNode(builder, 0, rows.length, sumGradient, sumHessian, 0);
    if (this.splittable(root)) {
      root.histogram = this.acquire(packed.nSlots);
      histograms.build(packed, 0, rows.length, root.histogram);
      this.evaluate(root, packed, frontier, finished);
    } else {
      finished.push(root);
    }

    let nLeaves = 1;
    while (frontierHead < frontier.length) {
      if (maxLeafNodes !== null && nLeaves >= maxLeafNodes) break;
      const node = growPolicy === 'depthwise' ? (frontier[frontierHead++] as GrowingNode) : popBest(frontier);
      const split = node.split as SplitCandidate;
      const feature = packed.features[split.feature] as number;
      const mid = this.partition(rows, node.start, node.end, feature, split.bin, split.missingLeft);
      const left = this.newNode(builder, node.start, mid, split.leftGradient, split.leftHessian, node.depth + 1);
      const right = this.newNode(
        builder,
        mid,
        node.end,
        node.gradient - split.leftGradient,
        node.hessian - split.leftHessian,
        node.depth + 1,
      );
      const edges = this.thresholds[feature] as Float64Array;
      builder.split(node.id, {
        feature,
        // The last bin's "threshold" sends every value left and only missing values right.
        threshold: split.bin < edges.length ? (edges[split.bin] as number) : Number.POSITIVE_INFINITY,
        missingLeft: split.missingLeft,
        gain: split.gain,
        left: left.id,
        right: right.id,
      });
      splitBins[node.id] = split.bin;
      nLeaves++;
      this.growChildren(node, left, right, packed, histograms, frontier, finished);
    }
    for (let k = frontierHead; k < frontier.length; k++) {
      const node = frontier[k] as GrowingNode;
      this.release(node);
      finished.push(node);
    }
    return this.finish(builder, splitBins, finished);
  }

  private growChildren(
    parent: GrowingNode,
    left: GrowingNode,
    right: GrowingNode,
    packed: PackedBins,
    histograms: HistogramBuilder,
    frontier: GrowingNode[],
    finished: GrowingNode[],
  ): void {
    const parentHistogram = parent.histogram as Float64Array;
    parent.histogram = null;
    if (!this.splittable(left) && !this.splittable(right)) {
      this.pool.push(parentHistogram);
      finished.push(left, right);
      return;
    }
    const leftIsSmaller = left.end - left.start <= right.end - right.start;
    const smaller = leftIsSmaller ? left : right;
    const larger = leftIsSmaller ? right : left;
    smaller.histogram = this.acquire(packed.nSlots);
    histograms.build(packed, smaller.start, smaller.end, smaller.histogram);
    subtractHistogram(parentHistogram, smaller.histogram);
    larger.histogram = parentHistogram;
    for (const child of [left, right]) {
      if (this.splittable(child)) this.evaluate(child, packed, frontier, finished);
      else {
        this.release(child);
        finished.push(child);
      }
    }
  }

  private evaluate(node: GrowingNode, packed: PackedBins, frontier: GrowingNode[], finished: GrowingNode[]): void {
    node.split = findBestSplit(
      node.histogram as Float64Array,
      packed,
      node.gradient,
      node.hessian,
      node.end - node.start,
      this.options,
    );
    if (node.split) frontier.push(node);
    else {
      this.release(node);
      finished.push(node);
    }
  }

  private splittable(node: GrowingNode): boolean {
    const { maxDepth, minSamplesLeaf, minChildWeight } = this.options;
    return (
      (maxDepth === null || node.depth < maxDepth) &&
      node.end - node.start >= 2 * minSamplesLeaf &&
      node.hessian >= 2 * minChildWeight
    );
  }

  private newNode(
    builder: TreeBuilder,
    start: number,
    end: number,
    gradient: number,
    hessian: number,
    depth: number,
  ): GrowingNode {
    const { learningRate, l2Regularization } = this.options;
    const denominator = hessian + l2Regularization;
    const value = denominator > 0 ? (-learningRate * gradient) / denominator : 0;
    const id = builder.addLeaf(value, hessian);
    return { id, start, end, gradient, hessian, depth, histogram: null, split: null };
  }

  /** Stable in-place partition of rows[start..end): rows going left first. Returns where the right child starts. */
  private partition(
    rows: Int32Array,
    start: number,
    end: number,
    feature: number,
    bin: number,
    missingLeft: boolean,
  ): number {
    const column = this.columns[feature] as Uint8Array;
    const scratch = this.scratch;
    // Bins above `bin` go right; the missing bin (255, above every value bin) goes where the split sends it.
    const leftMissing = missingLeft ? MISSING_BIN : -1;
    let write = start;
    let spilled = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k] as number;
      const b = column[row] as number;
      // Written to both sides and the counters advanced by the test: no branch to mispredict on a coin-flip split.
      const right = (b > bin ? 1 : 0) & (b === leftMissing ? 0 : 1);
      rows[write] = row;
      scratch[spilled] = row;
      write += 1 - right;
      spilled += right;
    }
    rows.set(scratch.subarray(0, spilled), write);
    return write;
  }

  private acquire(nSlots: number): Float64Array {
    const length = nSlots * SLOT_WIDTH;
    if (length > this.poolLength) {
      this.pool = [];
      this.poolLength = length;
    }
    const buffer = this.pool.pop() ?? sharedFloat64(this.poolLength);
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }

  private release(node: GrowingNode): void {
    if (node.histogram) this.pool.push(node.histogram);
    node.histogram = null;
  }

  private finish(builder: TreeBuilder, splitBins: number[], finished: GrowingNode[]): GrownTree {
    const tree = builder.finish();
    setInternalValues(tree);
    const splitBin = new Int32Array(tree.nodeCount).fill(-1);
    splitBins.forEach((bin, node) => {
      splitBin[node] = bin;
    });
    const leaves = new Int32Array(finished.length);
    const leafStart = new Int32Array(finished.length);
    const leafEnd = new Int32Array(finished.length);
    finished.forEach((node, k) => {
      leaves[k] = node.id;
      leafStart[k] = node.start;
      leafEnd[k] = node.end;
    });
    return { tree, splitBin, leaves, leafStart, leafEnd };
  }
}

/** Max-gain node of a lossguide frontier, removed from it. Frontiers hold at most a few hundred nodes. */
function popBest(frontier: GrowingNode[]): GrowingNode {
  let best = 0;
  for (let k = 1; k < frontier.length; k++) {
    if ((frontier[k]?.split?.gain ?? 0) > (frontier[best]?.split?.gain ?? 0)) best = k;
  }
  return frontier.splice(best, 1)[0] as GrowingNode;
}

/** The Tree format's internal-node value: the cover-weighted mean of the node's leaves. */
function setInternalValues(tree: Tree): void {
  const { feature, left, right, value, cover } = tree;
  // Children are always created after their parent, so a reverse sweep sees them first.
  for (let node = tree.nodeCount - 1; node >= 0; node--) {
    if (feature[node] === LEAF) continue;
    const l = left[node] as number;
    const r = right[node] as number;
    const total = (cover[l] as number) + (cover[r] as number);
    value[node] =
      total > 0
        ? ((cover[l] as number) * (value[l] as number) + (cover[r] as number) * (value[r] as number)) / total
        : ((value[l] as number) + (value[r] as number)) / 2;
  }
}

/** The leaf a training row reaches, routed on its bins (for rows a subsampled tree was not grown on). */
export function binnedLeaf(grown: GrownTree, columns: readonly Uint8Array[], row: number): number {
  const { feature, missingLeft, left, right } = grown.tree;
  const { splitBin } = grown;
  let node = 0;
  while (feature[node] !== LEAF) {
    const b = (columns[feature[node] as number] as Uint8Array)[row] as number;
    const goLeft = b === MISSING_BIN ? missingLeft[node] === 1 : b <= (splitBin[node] as number);
    node = goLeft ? (left[node] as number) : (right[node] as number);
  }
  return node;
}
