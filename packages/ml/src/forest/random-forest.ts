import { z } from 'zod';
import { MlInputError, ParameterError } from '../errors';
import {
  binaryProba,
  type Classifier,
  checkFeatures,
  checkSampleWeight,
  Estimator,
  encodeBinaryLabels,
  type FitOptions,
  labelsFromProbability,
} from '../estimator';
import { treeExpectedValue, treeShap } from '../explain/tree-shap';
import { Matrix, type MatrixLike } from '../matrix';
import { rocAuc } from '../metrics';
import { RandomState } from '../random';
import { checkEnvelope, decodeFloat64, type EncodedArray, encodeFloat64 } from '../serialization';
import { BinMapper, MAX_BINS } from '../tree/bin-mapper';
import {
  addGainImportance,
  addTreePrediction,
  leafOf,
  type Tree,
  type TreeJSON,
  treeFromJSON,
  treeToJSON,
} from '../tree/tree';
import { balancedClassWeights, bootstrapCounts } from './bootstrap';
import { TreeGrower } from './tree-grower';

const paramsSchema = z
  .strictObject({
    nEstimators: z.number().int().min(1),
    maxDepth: z.number().int().min(1).nullable(),
    minSamplesSplit: z.number().int().min(2),
    minSamplesLeaf: z.number().int().min(1),
    /** Features examined per node: √n, log₂ n, a fraction of n, or all of them (null). */
    maxFeatures: z.union([z.enum(['sqrt', 'log2']), z.number().gt(0).max(1)]).nullable(),
    bootstrap: z.boolean(),
    /** Bootstrap draws per tree: a fraction (0, 1] of the rows or a whole number of rows; null draws n. */
    maxSamples: z
      .number()
      .positive()
      .refine((value) => value <= 1 || Number.isInteger(value), 'must be a fraction in (0, 1] or a whole row count')
      .nullable(),
    classWeight: z.enum(['balanced', 'balanced_subsample']).nullable(),
    oobScore: z.boolean(),
    criterion: z.enum(['gini', 'entropy']),
    maxBins: z.number().int().min(2).max(MAX_BINS),
    randomState: z.number().int(),
  })
  .superRefine((params, context) => {
    if (params.bootstrap) return;
    if (params.oobScore) context.addIssue({ code: 'custom', path: ['oobScore'], message: 'needs bootstrap: true' });
    if (params.maxSamples !== null) {
      context.addIssue({ code: 'custom', path: ['maxSamples'], message: 'needs bootstrap: true' });
    }
  });

export type RandomForestClassifierParams = z.infer<typeof paramsSchema>;

const DEFAULTS: RandomForestClassifierParams = {
  nEstimators: 100,
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: 'sqrt',
  bootstrap: true,
  maxSamples: null,
  classWeight: null,
  oobScore: false,
  criterion: 'gini',
  maxBins: MAX_BINS,
  randomState: 0,
};

type OutOfBag = { score: number; decision: Float64Array };

type State = { classes: [number, number]; nFeatures: number; trees: Tree[]; oob: OutOfBag | null };

type StateJSON = {
  classes: [number, number];
  nFeatures: number;
  trees: TreeJSON[];
  oob: { score: EncodedArray; decision: EncodedArray } | null;
};

/**
 * A random forest for binary classification (scikit-learn's RandomForestClassifier), grown on binned features for
 * speed: X is binned once (≤ `maxBins` quantile bins per feature, missing values in a bin of their own), every tree
 * sees a bootstrap sample expressed as integer row weights (no copies), and each node picks the best cut among
 * `maxFeatures` randomly drawn features by weighted Gini or entropy decrease, sending missing values to whichever
 * side is better. Leaves hold the weighted positive fraction; `predictProba` averages the trees.
 */
export class RandomForestClassifier extends Estimator<RandomForestClassifierParams, State> implements Classifier {
  readonly kind = 'RandomForestClassifier';

  constructor(params: Partial<RandomForestClassifierParams> = {}) {
    super(paramsSchema, params, DEFAULTS);
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const params = this.validatedParams();
    const matrix = checkFeatures(X, this.kind);
    const n = matrix.nRows;
    const { classes, encoded } = encodeBinaryLabels(y, n, this.kind);
    const sampleWeight = checkSampleWeight(options.sampleWeight, n, this.kind);
    if (sampleWeight && !sampleWeight.some((w) => w > 0)) {
      throw new MlInputError(`${this.kind}: every sampleWeight is 0`);
    }
    const nDraws = params.bootstrap ? bootstrapSize(params.maxSamples, n) : n;
    const random = new RandomState(params.randomState);
    const mapper = BinMapper.fit(matrix, { maxBins: params.maxBins, random: random.fork() });
    const grower = new TreeGrower(mapper.transform(matrix), mapper.thresholds, {
      criterion: params.criterion,
      maxDepth: params.maxDepth ?? Number.POSITIVE_INFINITY,
      minSamplesSplit: params.minSamplesSplit,
      minSamplesLeaf: params.minSamplesLeaf,
      maxFeatures: featuresPerNode(params.maxFeatures, matrix.nCols),
    });
    const wholeSetClassWeight = params.classWeight === 'balanced' ? balancedClassWeights(encoded, null) : null;
    const counts = new Int32Array(n).fill(1);
    const weight = new Float64Array(n);
    const rows = new Int32Array(n);
    const oobSum = params.oobScore ? new Float64Array(n) : null;
    const oobCount = params.oobScore ? new Int32Array(n) : null;
    const trees: Tree[] = [];
    for (let t = 0; t < params.nEstimators; t++) {
      // One stream per tree, forked in order: a tree does not depend on how many numbers earlier trees drew.
      const treeRandom = random.fork();
      if (params.bootstrap) bootstrapCounts(n, nDraws, treeRandom, counts);
      const classWeight =
        params.classWeight === 'balanced_subsample'
          ? balancedClassWeights(encoded, params.bootstrap ? counts : null)
          : wholeSetClassWeight;
      const inBag = rowWeights(encoded, counts, classWeight, sampleWeight, weight, rows);
      if (inBag === 0) throw new MlInputError(`${this.kind}: a bootstrap sample drew only rows of sampleWeight 0`);
      const tree = grower.grow(rows, inBag, encoded, weight, treeRandom);
      trees.push(tree);
      if (oobSum && oobCount) addOutOfBag(tree, matrix, counts, oobSum, oobCount);
    }
    const oob = oobSum && oobCount ? outOfBag(oobSum, oobCount, encoded) : null;
    this.fitted = { classes, nFeatures: matrix.nCols, trees, oob };
    return this;
  }

  /** Rows are [P(classes[0]), P(classes[1])]: the mean over trees of their leaves' positive fraction. */
  predictProba(X: MatrixLike): Matrix {
    const { trees, nFeatures } = this.state;
    const matrix = checkFeatures(X, this.kind, nFeatures);
    const positive = new Float64Array(matrix.nRows);
    for (const tree of trees) addTreePrediction(tree, matrix, positive);
    for (let i = 0; i < positive.length; i++) positive[i] = (positive[i] as number) / trees.length;
    return binaryProba(positive);
  }

  predict(X: MatrixLike): Float64Array {
    return labelsFromProbability(this.predictProba(X).column(1), this.state.classes);
  }

  /**
   * Exact TreeSHAP contributions to P(positive), averaged over the trees: base + Σ values[i] = predictProba row i's
   * positive probability.
   */
  shapValues(X: MatrixLike): { base: number; values: Matrix } {
    const { trees, nFeatures } = this.state;
    const matrix = checkFeatures(X, this.kind, nFeatures);
    const out = new Float64Array(matrix.nRows * nFeatures);
    const scale = 1 / trees.length;
    let base = 0;
    for (const tree of trees) {
      treeShap(tree, matrix, out, scale);
      base += scale * treeExpectedValue(tree);
    }
    return { base, values: Matrix.fromRowMajor(out, matrix.nRows, nFeatures) };
  }

  /** The fitted trees (leaf value = P(positive)), e.g. for TreeSHAP. */
  get trees(): readonly Tree[] {
    return this.state.trees;
  }

  /**
   * Mean decrease in impurity per feature (scikit-learn's `feature_importances_`): each tree's split gains are
   * normalised to sum to 1, averaged over the trees that split at all, and normalised again.
   */
  featureImportances(): Float64Array {
    const { trees, nFeatures } = this.state;
    const total = new Float64Array(nFeatures);
    const perTree = new Float64Array(nFeatures);
    for (const tree of trees) {
      if (tree.nodeCount <= 1) continue;
      perTree.fill(0);
      addGainImportance(tree, perTree);
      const sum = perTree.reduce((a, b) => a + b, 0);
      if (sum > 0) for (let j = 0; j < nFeatures; j++) total[j] = (total[j] as number) + (perTree[j] as number) / sum;
    }
    const sum = total.reduce((a, b) => a + b, 0);
    if (sum > 0) for (let j = 0; j < nFeatures; j++) total[j] = (total[j] as number) / sum;
    return total;
  }

  /** ROC AUC of the out-of-bag probabilities over the rows that were out of bag at least once; NaN if one class. */
  get oobScore(): number {
    return this.outOfBag().score;
  }

  /** Each training row's mean positive probability over the trees it was out of bag for; NaN if it never was. */
  get oobDecision(): Float64Array {
    return this.outOfBag().decision;
  }

  private outOfBag(): OutOfBag {
    const { oob } = this.state;
    if (!oob) throw new ParameterError(`${this.kind}: out-of-bag estimates need fitting with oobScore: true`);
    return oob;
  }

  protected stateToJSON({ classes, nFeatures, trees, oob }: State): StateJSON {
    return {
      classes,
      nFeatures,
      trees: trees.map(treeToJSON),
      oob: oob ? { score: encodeFloat64(Float64Array.of(oob.score)), decision: encodeFloat64(oob.decision) } : null,
    };
  }

  static fromJSON(json: unknown): RandomForestClassifier {
    const { params } = checkEnvelope(json, 'RandomForestClassifier');
    return new RandomForestClassifier(params as RandomForestClassifierParams).restore(json, (saved) => {
      const { classes, nFeatures, trees, oob } = saved as StateJSON;
      return {
        classes,
        nFeatures,
        trees: trees.map(treeFromJSON),
        oob: oob ? { score: decodeFloat64(oob.score)[0] as number, decision: decodeFloat64(oob.decision) } : null,
      };
    });
  }
}

function featuresPerNode(maxFeatures: RandomForestClassifierParams['maxFeatures'], nFeatures: number): number {
  if (maxFeatures === null) return nFeatures;
  const wanted =
    maxFeatures === 'sqrt'
      ? Math.sqrt(nFeatures)
      : maxFeatures === 'log2'
        ? Math.log2(nFeatures)
        : maxFeatures * nFeatures;
  return Math.min(nFeatures, Math.max(1, Math.floor(wanted)));
}

function bootstrapSize(maxSamples: number | null, nRows: number): number {
  if (maxSamples === null) return nRows;
  if (maxSamples <= 1) return Math.max(1, Math.round(maxSamples * nRows));
  if (maxSamples > nRows) {
    throw new ParameterError(`RandomForestClassifier: maxSamples ${maxSamples} exceeds the ${nRows} training rows`);
  }
  return maxSamples;
}

/**
 * Each row's weight in one tree (bootstrap count × class weight × sample weight) into `weight`, and the rows of
 * positive weight, in increasing order, into `rows`; returns how many those are.
 */
function rowWeights(
  labels: Uint8Array,
  counts: Int32Array,
  classWeight: [number, number] | null,
  sampleWeight: Float64Array | undefined,
  weight: Float64Array,
  rows: Int32Array,
): number {
  let inBag = 0;
  for (let i = 0; i < labels.length; i++) {
    let w = counts[i] as number;
    if (classWeight) w *= classWeight[labels[i] as number] as number;
    if (sampleWeight) w *= sampleWeight[i] as number;
    weight[i] = w;
    if (w > 0) rows[inBag++] = i;
  }
  return inBag;
}

/** Adds the tree's prediction for each row it did not draw. */
function addOutOfBag(tree: Tree, X: Matrix, counts: Int32Array, sum: Float64Array, count: Int32Array): void {
  for (let i = 0; i < X.nRows; i++) {
    if (counts[i] !== 0) continue;
    sum[i] = (sum[i] as number) + (tree.value[leafOf(tree, X, i)] as number);
    count[i] = (count[i] as number) + 1;
  }
}

function outOfBag(sum: Float64Array, count: Int32Array, labels: Uint8Array): OutOfBag {
  const decision = new Float64Array(sum.length);
  let seen = 0;
  for (let i = 0; i < sum.length; i++) {
    const c = count[i] as number;
    decision[i] = c > 0 ? (sum[i] as number) / c : Number.NaN;
    if (c > 0) seen++;
  }
  const scores = new Float64Array(seen);
  const seenLabels = new Uint8Array(seen);
  for (let i = 0, k = 0; i < sum.length; i++) {
    if ((count[i] as number) === 0) continue;
    scores[k] = decision[i] as number;
    seenLabels[k++] = labels[i] as number;
  }
  const bothClasses = seenLabels.includes(0) && seenLabels.includes(1);
  return { score: bothClasses ? rocAuc(seenLabels, scores) : Number.NaN, decision };
}
