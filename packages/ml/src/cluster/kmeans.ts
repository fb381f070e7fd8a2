import { z } from 'zod';
import { MlInputError } from '../errors';
import { checkFeatures, checkFinite, Estimator } from '../estimator';
import { Matrix, type MatrixLike } from '../matrix';
import { RandomState } from '../random';
import { checkEnvelope, decodeArray, decodeFloat64, type EncodedArray, encodeArray } from '../serialization';
import { kMeansPlusPlus, randomRows } from './kmeans-init';
import { lloyd } from './lloyd';
import { assignNearest, squaredDistance } from './squared-distance';

const paramsSchema = z.strictObject({
  nClusters: z.number().int().min(1),
  init: z.enum(['k-means++', 'random']),
  /** Independent seedings; the run with the lowest inertia is kept. */
  nInit: z.number().int().min(1),
  maxIter: z.number().int().min(1),
  /** Convergence when the centres' summed squared shift is at most tol × the mean feature variance. */
  tol: z.number().min(0),
  randomState: z.number().int(),
});

export type KMeansParams = z.infer<typeof paramsSchema>;

type State = {
  nFeatures: number;
  /** nClusters × nFeatures, row-major. */
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
};

type StateJSON = { nFeatures: number; centers: EncodedArray; labels: EncodedArray; inertia: number; nIter: number };

/**
 * k-means clustering (scikit-learn's KMeans with the Lloyd algorithm): `nInit` runs, each seeded by greedy k-means++
 * or random rows and refined by Lloyd iterations, keep the centres with the lowest inertia (summed squared distance
 * of rows to their centre). Needs complete data: impute missing values first.
 */
export class KMeans extends Estimator<KMeansParams, State> {
  readonly kind = 'KMeans';

  constructor(params: Partial<KMeansParams> = {}) {
    super(paramsSchema, params, {
      nClusters: 8,
      init: 'k-means++',
      nInit: 10,
      maxIter: 300,
      tol: 1e-4,
      randomState: 0,
    });
  }

  /** Learns the centres; `_y` is ignored (accepted so KMeans fits wherever a supervised model does). */
  fit(X: MatrixLike, _y?: ArrayLike<number>): this {
    const params = this.validatedParams();
    const matrix = checkFeatures(X, this.kind);
    checkFinite(matrix, this.kind);
    const { nRows, nCols } = matrix;
    if (nRows < params.nClusters) {
      throw new MlInputError(`${this.kind}: ${nRows} rows cannot form ${params.nClusters} clusters`);
    }
    const data = matrix.toRowMajor();
    const tolerance = params.tol * meanVariance(matrix);
    const random = new RandomState(params.randomState);
    let best: State | null = null;
    for (let run = 0; run < params.nInit; run++) {
      const runRandom = random.fork();
      const initial =
        params.init === 'k-means++'
          ? kMeansPlusPlus(data, nRows, nCols, params.nClusters, runRandom)
          : randomRows(data, nRows, nCols, params.nClusters, runRandom);
      const result = lloyd(data, nRows, nCols, initial, params.maxIter, tolerance);
      if (best === null || result.inertia < best.inertia) best = { nFeatures: nCols, ...result };
    }
    this.fitted = best;
    return this;
  }

  /** The index of each row's nearest centre. */
  predict(X: MatrixLike): Int32Array {
    const { centers, nFeatures } = this.state;
    const matrix = this.checkedInput(X);
    const labels = new Int32Array(matrix.nRows);
    const nClusters = centers.length / nFeatures;
    assignNearest(
      matrix.toRowMajor(),
      matrix.nRows,
      nFeatures,
      centers,
      nClusters,
      labels,
      new Float64Array(matrix.nRows),
    );
    return labels;
  }

  /** Euclidean distance from each row (matrix row) to each centre (matrix column). */
  transform(X: MatrixLike): Matrix {
    const { centers, nFeatures } = this.state;
    const matrix = this.checkedInput(X);
    const data = matrix.toRowMajor();
    const nClusters = centers.length / nFeatures;
    const columns = Array.from({ length: nClusters }, (_, c) => {
      const column = new Float64Array(matrix.nRows);
      for (let i = 0; i < matrix.nRows; i++) column[i] = Math.sqrt(squaredDistance(data, i, centers, c, nFeatures));
      return column;
    });
    return new Matrix(columns, matrix.nRows);
  }

  /** The centres, one per row. */
  get clusterCenters(): Matrix {
    const { centers, nFeatures } = this.state;
    return Matrix.fromRowMajor(centers, centers.length / nFeatures, nFeatures);
  }

  /** The training rows' cluster indices. */
  get labels(): Int32Array {
    return this.state.labels.slice();
  }

  /** Summed squared distance of the training rows to their centre. */
  get inertia(): number {
    return this.state.inertia;
  }

  /** Lloyd iterations of the best run. */
  get nIter(): number {
    return this.state.nIter;
  }

  private checkedInput(X: MatrixLike): Matrix {
    const matrix = checkFeatures(X, this.kind, this.state.nFeatures);
    checkFinite(matrix, this.kind);
    return matrix;
  }

  protected stateToJSON({ nFeatures, centers, labels, inertia, nIter }: State): StateJSON {
    return { nFeatures, centers: encodeArray(centers), labels: encodeArray(labels), inertia, nIter };
  }

  static fromJSON(json: unknown): KMeans {
    const { params } = checkEnvelope(json, 'KMeans');
    return new KMeans(params as KMeansParams).restore(json, (saved) => {
      const { nFeatures, centers, labels, inertia, nIter } = saved as StateJSON;
      return {
        nFeatures,
        centers: decodeFloat64(centers),
        labels: decodeArray(labels as EncodedArray & { dtype: 'i32' }),
        inertia,
        nIter,
      };
    });
  }
}

/** Mean over features of the (population) variance, the scale scikit-learn's `tol` is relative to. */
function meanVariance(X: Matrix): number {
  let total = 0;
  for (const column of X.columns) {
    let mean = 0;
    for (let i = 0; i < column.length; i++) mean += column[i] as number;
    mean /= column.length;
    let squares = 0;
    for (let i = 0; i < column.length; i++) squares += ((column[i] as number) - mean) ** 2;
    total += squares / column.length;
  }
  return X.nCols > 0 ? total / X.nCols : 0;
}
