import type { RandomState } from '../random';
import { type BinnedMatrix, MISSING_BIN } from '../tree/bin-mapper';
import { type Tree, TreeBuilder } from '../tree/tree';

export type Criterion = 'gini' | 'entropy';

export type TreeGrowerOptions = {
  criterion: Criterion;
  /** Infinity for unlimited depth. */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Non-constant features examined per node, 1…nCols. */
  maxFeatures: number;
};

const HISTOGRAM_SIZE = MISSING_BIN + 1;
const OCCUPIED_WORDS = HISTOGRAM_SIZE / 32;
/** Above this many rows a node finds its occupied bins by sweeping the histogram rather than through a bitset. */
const DENSE_NODE_ROWS = 256;
const NO_FEATURE = -1;

/** A node waiting to be split; the first `constants` features of `featureOrder` are known constant over its rows. */
type PendingNode = {
  node: number;
  start: number;
  end: number;
  depth: number;
  neg: number;
  pos: number;
  constants: number;
};

/**
 * Grows binary classification trees on binned features, the way scikit-learn's best splitter does (features drawn per
 * node without replacement until `maxFeatures` non-constant ones were examined; a split must leave `minSamplesLeaf`
 * distinct rows on each side) but over weighted class histograms of the ≤ 256 bins instead of sorted values.
 *
 * Each row comes with its 0/1 label and one weight, in which the caller has already multiplied bootstrap count,
 * sample weight and class weight. Scratch buffers are allocated once and reused by every tree of a forest.
 */
export class TreeGrower {
  /** The binned features row-major: one pass over a node reads all the features it examines for a row together. */
  private readonly rowBins: Uint8Array;
  private readonly nCols: number;
  private readonly nBins: Int32Array;
  private readonly thresholds: readonly Float64Array[];
  private readonly options: TreeGrowerOptions;
  private readonly entropy: boolean;
  /** Features whose histograms are built in one pass over the node's rows. */
  private readonly batch: Int32Array;
  /** Per batched feature q and bin b, cell = 256q + b: class weights interleaved ([2·cell] negative) and row counts. */
  private readonly histWeight: Float64Array;
  private readonly histCount: Int32Array;
  /** Per batched feature, one bit per bin the node's rows fall in (small nodes only). */
  private readonly occupied: Int32Array;
  private readonly present = new Int32Array(HISTOGRAM_SIZE);
  private readonly featureOrder: Int32Array;
  /** Where `partition` parks right-going rows. */
  private spill = new Int32Array(0);
  private labels: Uint8Array = new Uint8Array(0);
  private weight: Float64Array = new Float64Array(0);
  private bestScore = Number.NEGATIVE_INFINITY;
  private bestFeature = NO_FEATURE;
  private bestBin = 0;
  private bestMissingLeft = false;
  /** Class weights of the children of the last partition. */
  private leftNeg = 0;
  private leftPos = 0;
  private rightNeg = 0;
  private rightPos = 0;

  /** `thresholds[j][b]` is the raw-value upper edge of bin b of feature j (the BinMapper's). */
  constructor(binned: BinnedMatrix, thresholds: readonly Float64Array[], options: TreeGrowerOptions) {
    const { nRows, nCols } = binned;
    this.nCols = nCols;
    this.rowBins = new Uint8Array(nRows * nCols);
    binned.bins.forEach((column, j) => {
      for (let i = 0; i < nRows; i++) this.rowBins[i * nCols + j] = column[i] as number;
    });
    this.batch = new Int32Array(options.maxFeatures);
    this.histWeight = new Float64Array(2 * HISTOGRAM_SIZE * options.maxFeatures);
    this.histCount = new Int32Array(HISTOGRAM_SIZE * options.maxFeatures);
    this.occupied = new Int32Array(OCCUPIED_WORDS * options.maxFeatures);
    this.thresholds = thresholds;
    this.nBins = Int32Array.from(thresholds, (edges) => edges.length + 1);
    this.options = options;
    this.entropy = options.criterion === 'entropy';
    this.featureOrder = Int32Array.from({ length: binned.nCols }, (_, j) => j);
  }

  /**
   * One tree over `rows[0…nRows)`: distinct row indices of positive weight, best in increasing order, reordered in
   * place. Leaves hold the weighted positive fraction; `cover` is a node's weight, `gain` its weighted impurity
   * decrease.
   */
  grow(rows: Int32Array, nRows: number, labels: Uint8Array, weight: Float64Array, random: RandomState): Tree {
    this.labels = labels;
    this.weight = weight;
    if (this.spill.length < nRows) this.spill = new Int32Array(nRows);
    let rootNeg = 0;
    let rootPos = 0;
    for (let r = 0; r < nRows; r++) {
      const row = rows[r] as number;
      if (labels[row] === 1) rootPos += weight[row] as number;
      else rootNeg += weight[row] as number;
    }
    const builder = new TreeBuilder();
    const root = builder.addLeaf(positiveFraction(rootNeg, rootPos), rootNeg + rootPos);
    const stack = [pendingNode(root, 0, nRows, 0, rootNeg, rootPos, 0)];
    const { maxDepth, minSamplesSplit, minSamplesLeaf } = this.options;
    for (let pending = stack.pop(); pending !== undefined; pending = stack.pop()) {
      const { node, start, end, depth, neg, pos, constants } = pending;
      const count = end - start;
      if (depth >= maxDepth || count < minSamplesSplit || count < 2 * minSamplesLeaf || neg === 0 || pos === 0)
        continue;
      const childConstants = this.findBestSplit(rows, start, end, constants, random);
      if (this.bestFeature === NO_FEATURE) continue;
      const feature = this.bestFeature;
      const bin = this.bestBin;
      const missingLeft = this.bestMissingLeft;
      const middle = this.partition(rows, start, end, feature, bin, missingLeft);
      const left = builder.addLeaf(positiveFraction(this.leftNeg, this.leftPos), this.leftNeg + this.leftPos);
      const right = builder.addLeaf(positiveFraction(this.rightNeg, this.rightPos), this.rightNeg + this.rightPos);
      const edges = this.thresholds[feature] as Float64Array;
      builder.split(node, {
        feature,
        // The last bin has no upper edge: that split separates missing values from all others.
        threshold: bin < edges.length ? (edges[bin] as number) : Number.POSITIVE_INFINITY,
        missingLeft,
        gain: Math.max(0, this.bestScore - this.parentScore(neg, pos)),
        left,
        right,
      });
      const childDepth = depth + 1;
      stack.push(pendingNode(right, middle, end, childDepth, this.rightNeg, this.rightPos, childConstants));
      stack.push(pendingNode(left, start, middle, childDepth, this.leftNeg, this.leftPos, childConstants));
    }
    return builder.finish();
  }

  /**
   * Moves rows going left to the front of [start, end) and sums both children's class weights exactly. Stable: rows
   * stay in increasing order, so histogram passes read the columns front to back, which matters once they outgrow
   * the cache.
   */
  private partition(
    rows: Int32Array,
    start: number,
    end: number,
    feature: number,
    splitBin: number,
    missingLeft: boolean,
  ): number {
    const { rowBins, nCols, labels, weight, spill } = this;
    let middle = start;
    let spilled = 0;
    let leftNeg = 0;
    let leftPos = 0;
    let rightNeg = 0;
    let rightPos = 0;
    for (let r = start; r < end; r++) {
      const row = rows[r] as number;
      const bin = rowBins[row * nCols + feature] as number;
      if (bin === MISSING_BIN ? missingLeft : bin <= splitBin) {
        rows[middle++] = row;
        if (labels[row] === 1) leftPos += weight[row] as number;
        else leftNeg += weight[row] as number;
      } else {
        spill[spilled++] = row;
        if (labels[row] === 1) rightPos += weight[row] as number;
        else rightNeg += weight[row] as number;
      }
    }
    rows.set(spill.subarray(0, spilled), middle);
    this.leftNeg = leftNeg;
    this.leftPos = leftPos;
    this.rightNeg = rightNeg;
    this.rightPos = rightPos;
    return middle;
  }

  /**
   * Draws features without replacement (a partial Fisher–Yates over `featureOrder`) and scans each, until `maxFeatures`
   * non-constant features were examined, as scikit-learn does: constant ones do not count. Features are drawn as many
   * at a time as are still needed, which gives the draws of drawing one by one.
   *
   * Also as in scikit-learn, a feature constant over a node is constant over its descendants: the `known` first
   * entries of `featureOrder` are skipped, and features found constant here join them. Returns the new count for the
   * children. (Descendants only reorder entries past their own count, so the prefix stays valid for both children.)
   */
  private findBestSplit(rows: Int32Array, start: number, end: number, known: number, random: RandomState): number {
    this.bestScore = Number.NEGATIVE_INFINITY;
    this.bestFeature = NO_FEATURE;
    const { featureOrder: order, batch } = this;
    const { maxFeatures } = this.options;
    const nFeatures = order.length;
    const sparse = end - start <= DENSE_NODE_ROWS;
    let constants = known;
    let examined = 0;
    // order[constants, drawn) were drawn and vary; order[drawn, nFeatures) are still to draw.
    for (let drawn = known; examined < maxFeatures && drawn < nFeatures; ) {
      const size = Math.min(maxFeatures - examined, nFeatures - drawn);
      for (let q = 0; q < size; q++) {
        const position = drawn + q;
        const pick = position + random.int(nFeatures - position);
        const feature = order[pick] as number;
        order[pick] = order[position] as number;
        order[position] = feature;
        batch[q] = feature;
      }
      this.buildHistograms(rows, start, end, size, sparse);
      for (let q = 0; q < size; q++) {
        if (this.scanFeature(q, batch[q] as number, end - start, sparse)) {
          examined++;
        } else {
          const position = drawn + q;
          order[position] = order[constants] as number;
          order[constants++] = batch[q] as number;
        }
      }
      drawn += size;
    }
    return constants;
  }

  /** One pass over the node's rows fills the histograms of the first `size` batched features. */
  private buildHistograms(rows: Int32Array, start: number, end: number, size: number, sparse: boolean): void {
    const { rowBins, nCols, batch, histWeight, histCount, occupied, labels, weight } = this;
    for (let r = start; r < end; r++) {
      const row = rows[r] as number;
      const base = row * nCols;
      const label = labels[row] as number;
      const w = weight[row] as number;
      for (let q = 0; q < size; q++) {
        const bin = rowBins[base + (batch[q] as number)] as number;
        const cell = q * HISTOGRAM_SIZE + bin;
        histCount[cell] = (histCount[cell] as number) + 1;
        histWeight[2 * cell + label] = (histWeight[2 * cell + label] as number) + w;
        if (sparse) {
          const word = q * OCCUPIED_WORDS + (bin >>> 5);
          occupied[word] = (occupied[word] as number) | (1 << (bin & 31));
        }
      }
    }
  }

  /**
   * Tries every cut of batched feature q (feature `feature`) and clears its histogram; false when the feature is
   * constant over the node.
   */
  private scanFeature(q: number, feature: number, nodeRows: number, sparse: boolean): boolean {
    const { histWeight, histCount, present } = this;
    const offset = q * HISTOGRAM_SIZE;
    const nBins = this.nBins[feature] as number;
    const presentCount = sparse ? this.listFromBitset(q, nBins) : this.listBySweep(offset, nBins);
    const missingCell = offset + MISSING_BIN;
    const missingNeg = histWeight[2 * missingCell] as number;
    const missingPos = histWeight[2 * missingCell + 1] as number;
    const missingCount = histCount[missingCell] as number;
    const varies = presentCount + (missingCount > 0 ? 1 : 0) > 1;
    if (varies) {
      let totalNeg = 0;
      let totalPos = 0;
      for (let p = 0; p < presentCount; p++) {
        const cell = offset + (present[p] as number);
        totalNeg += histWeight[2 * cell] as number;
        totalPos += histWeight[2 * cell + 1] as number;
      }
      const totalCount = nodeRows - missingCount;
      let leftNeg = 0;
      let leftPos = 0;
      let leftCount = 0;
      for (let p = 0; p + 1 < presentCount; p++) {
        const bin = present[p] as number;
        const cell = offset + bin;
        leftNeg += histWeight[2 * cell] as number;
        leftPos += histWeight[2 * cell + 1] as number;
        leftCount += histCount[cell] as number;
        const rightNeg = totalNeg - leftNeg;
        const rightPos = totalPos - leftPos;
        const rightCount = totalCount - leftCount;
        // Cut halfway (in bins) across the empty gap to the next occupied bin, like scikit-learn's midpoint threshold.
        const splitBin = (bin + (present[p + 1] as number) - 1) >>> 1;
        if (missingCount === 0) {
          const missingLeft = leftNeg + leftPos >= rightNeg + rightPos;
          this.consider(leftNeg, leftPos, leftCount, rightNeg, rightPos, rightCount, feature, splitBin, missingLeft);
        } else {
          this.consider(
            leftNeg + missingNeg,
            leftPos + missingPos,
            leftCount + missingCount,
            rightNeg,
            rightPos,
            rightCount,
            feature,
            splitBin,
            true,
          );
          this.consider(
            leftNeg,
            leftPos,
            leftCount,
            rightNeg + missingNeg,
            rightPos + missingPos,
            rightCount + missingCount,
            feature,
            splitBin,
            false,
          );
        }
      }
      if (missingCount > 0 && presentCount > 0) {
        this.consider(totalNeg, totalPos, totalCount, missingNeg, missingPos, missingCount, feature, nBins - 1, false);
      }
    }
    for (let p = 0; p < presentCount; p++) this.clearCell(offset + (present[p] as number));
    this.clearCell(missingCell);
    return varies;
  }

  /** Lists the occupied non-missing bins of a batched feature, in increasing order, into `present`. */
  private listBySweep(offset: number, nBins: number): number {
    const { histCount, present } = this;
    let count = 0;
    for (let bin = 0; bin < nBins; bin++) if (histCount[offset + bin] !== 0) present[count++] = bin;
    return count;
  }

  /** The same for a small node: its bitset read lowest bit first is already sorted, and cheaper than sweeping 255. */
  private listFromBitset(q: number, nBins: number): number {
    const { occupied, present } = this;
    let count = 0;
    for (let word = 0; word < OCCUPIED_WORDS; word++) {
      let bits = occupied[q * OCCUPIED_WORDS + word] as number;
      occupied[q * OCCUPIED_WORDS + word] = 0;
      while (bits !== 0) {
        const lowest = bits & -bits;
        const bin = 32 * word + 31 - Math.clz32(lowest);
        if (bin < nBins) present[count++] = bin;
        bits ^= lowest;
      }
    }
    return count;
  }

  private clearCell(cell: number): void {
    this.histWeight[2 * cell] = 0;
    this.histWeight[2 * cell + 1] = 0;
    this.histCount[cell] = 0;
  }

  /** Keeps the candidate when it beats the best so far; ties keep the earlier one, so growth is deterministic. */
  private consider(
    leftNeg: number,
    leftPos: number,
    leftCount: number,
    rightNeg: number,
    rightPos: number,
    rightCount: number,
    feature: number,
    splitBin: number,
    missingLeft: boolean,
  ): void {
    const minLeaf = this.options.minSamplesLeaf;
    if (leftCount < minLeaf || rightCount < minLeaf) return;
    const score = this.entropy
      ? entropyScore(leftNeg, leftPos) + entropyScore(rightNeg, rightPos)
      : giniScore(leftNeg, leftPos) + giniScore(rightNeg, rightPos);
    if (score > this.bestScore) {
      this.bestScore = score;
      this.bestFeature = feature;
      this.bestBin = splitBin;
      this.bestMissingLeft = missingLeft;
    }
  }

  /**
   * The children's score minus this is the split's weighted impurity decrease, N·I(node) − N_L·I(left) − N_R·I(right).
   */
  private parentScore(neg: number, pos: number): number {
    return this.entropy ? entropyScore(neg, pos) : giniScore(neg, pos);
  }
}

/** −N·gini(node) + N for a node with class weights (neg, pos): higher is purer. */
function giniScore(neg: number, pos: number): number {
  return (neg * neg + pos * pos) / (neg + pos);
}

/** −N·entropy(node) in bits, for the same class weights. */
function entropyScore(neg: number, pos: number): number {
  return xLog2X(neg) + xLog2X(pos) - xLog2X(neg + pos);
}

function xLog2X(x: number): number {
  return x > 0 ? x * Math.log2(x) : 0;
}

/** Built by one function so every pending node has the same shape, which keeps the stack fast. */
function pendingNode(
  node: number,
  start: number,
  end: number,
  depth: number,
  neg: number,
  pos: number,
  constants: number,
): PendingNode {
  return { node, start, end, depth, neg, pos, constants };
}

function positiveFraction(neg: number, pos: number): number {
  return pos / (neg + pos);
}
