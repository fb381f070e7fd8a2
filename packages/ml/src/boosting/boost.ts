import { MlInputError } from '../errors';
import { type Matrix, take } from '../matrix';
import { RandomState } from '../random';
import { BinMapper } from '../tree/bin-mapper';
import { addTreePrediction, type Tree } from '../tree/tree';
import { defaultThreads, sharedFloat64 } from './helper';
import { HistogramBuilder } from './histogram';
import type { Loss } from './losses';
import { type PackedBins, packBins } from './packed-bins';
import type { GradientBoostingParams } from './params';
import { binnedLeaf, type GrownTree, TreeGrower } from './tree-grower';
import { validationSplit } from './validation-split';

/** What boosting learns: margin = init + Σ tree values, trees summed in order. */
export type BoostedTrees = { init: number; trees: Tree[] };

// scikit-learn's threshold for earlyStopping: 'auto'.
const AUTO_EARLY_STOPPING_ROWS = 10_000;

/**
 * Gradient boosting with histogram trees: bins X once, then each round fits a tree to the loss's gradients and
 * hessians at the current margins (on a row subsample and a feature subsample when asked), and adds it. With early
 * stopping a held-out part of the rows (stratified when `classes` is given) scores every round; training stops once
 * the held-out loss has not improved by `tol` for `nIterNoChange` rounds, keeping the trees up to the best round.
 */
export function boost(
  X: Matrix,
  y: Float64Array,
  weight: Float64Array,
  loss: Loss,
  params: GradientBoostingParams,
  stratify: boolean,
  context: string,
): BoostedTrees {
  const random = new RandomState(params.randomState);
  const earlyStopping =
    params.earlyStopping === 'auto' ? X.nRows > AUTO_EARLY_STOPPING_ROWS : params.earlyStopping && X.nRows > 1;
  const split = earlyStopping
    ? validationSplit(X.nRows, params.validationFraction, random, stratify ? y : undefined)
    : null;
  const trainX = split ? X.selectRows(split.train) : X;
  const trainY = split ? take(y, split.train) : y;
  const trainWeight = split ? take(weight, split.train) : weight;
  let totalWeight = 0;
  for (let i = 0; i < trainWeight.length; i++) totalWeight += trainWeight[i] as number;
  if (!(totalWeight > 0)) throw new MlInputError(`${context}: sampleWeight sums to 0 over the training rows`);

  const mapper = BinMapper.fit(trainX, { maxBins: params.maxBins, random });
  const columns = mapper.transform(trainX).bins;
  const nBins = Int32Array.from({ length: X.nCols }, (_, j) => mapper.nBins(j));
  const allFeatures = Int32Array.from({ length: X.nCols }, (_, j) => j);
  const fullPack = params.colsampleByTree < 1 ? null : packBins(columns, nBins, allFeatures);
  const grower = new TreeGrower(columns, mapper.thresholds, params);

  const nTrain = trainX.nRows;
  const init = loss.initialRaw(trainY, trainWeight);
  const raw = new Float64Array(nTrain).fill(init);
  const gradients = sharedFloat64(2 * nTrain);
  const rows = new Int32Array(new SharedArrayBuffer(nTrain * Int32Array.BYTES_PER_ELEMENT));
  const histograms = new HistogramBuilder(rows, gradients, params.nThreads ?? defaultThreads());
  const inSample = new Uint8Array(nTrain);
  const nSampled = Math.max(1, Math.floor(params.subsample * nTrain));
  const nColumns = Math.max(1, Math.floor(params.colsampleByTree * X.nCols));

  const validation = split && {
    X: X.selectRows(split.validation),
    y: take(y, split.validation),
    weight: take(weight, split.validation),
  };
  const validationRaw = validation ? new Float64Array(validation.X.nRows).fill(init) : null;
  let bestLoss = validation && validationRaw ? loss.meanLoss(validation.y, validationRaw, validation.weight) : 0;
  let bestCount = 0;

  const trees: Tree[] = [];
  try {
    for (let round = 0; round < params.nEstimators; round++) {
      loss.gradients(trainY, raw, trainWeight, gradients);
      const nRows = sampleRows(rows, nTrain, nSampled, random);
      const packed: PackedBins = fullPack ?? packBins(columns, nBins, sampleFeatures(X.nCols, nColumns, random));
      const grown = grower.grow(packed, histograms, nRows);
      addGrownTree(grown, rows, raw);
      if (nRows < nTrain) addOutOfSample(grown, rows.subarray(0, nRows), inSample, columns, raw);
      trees.push(grown.tree);

      if (validation && validationRaw) {
        addTreePrediction(grown.tree, validation.X, validationRaw);
        const current = loss.meanLoss(validation.y, validationRaw, validation.weight);
        if (current < bestLoss - params.tol) {
          bestLoss = current;
          bestCount = trees.length;
        } else if (trees.length - bestCount >= params.nIterNoChange) break;
      }
    }
  } finally {
    histograms.release();
  }
  return { init, trees: validation ? trees.slice(0, bestCount) : trees };
}

/** Fills rows[0..k) with this round's training rows, ascending (so histogram passes read memory in order). */
function sampleRows(rows: Int32Array, n: number, k: number, random: RandomState): number {
  if (k === n) {
    for (let i = 0; i < n; i++) rows[i] = i;
    return n;
  }
  rows.set(random.sampleWithoutReplacement(n, k).sort());
  return k;
}

function sampleFeatures(n: number, k: number, random: RandomState): Int32Array {
  return random.sampleWithoutReplacement(n, k).sort();
}

/** Adds each leaf's value to the margins of the rows the tree was grown on, read off the final partition. */
function addGrownTree(grown: GrownTree, rows: Int32Array, raw: Float64Array): void {
  const { value } = grown.tree;
  for (let leaf = 0; leaf < grown.leaves.length; leaf++) {
    const v = value[grown.leaves[leaf] as number] as number;
    const end = grown.leafEnd[leaf] as number;
    for (let k = grown.leafStart[leaf] as number; k < end; k++) {
      const row = rows[k] as number;
      raw[row] = (raw[row] as number) + v;
    }
  }
}

function addOutOfSample(
  grown: GrownTree,
  sampled: Int32Array,
  inSample: Uint8Array,
  columns: readonly Uint8Array[],
  raw: Float64Array,
): void {
  inSample.fill(0);
  for (let k = 0; k < sampled.length; k++) inSample[sampled[k] as number] = 1;
  const { value } = grown.tree;
  for (let row = 0; row < raw.length; row++) {
    if (inSample[row] === 0) raw[row] = (raw[row] as number) + (value[binnedLeaf(grown, columns, row)] as number);
  }
}
