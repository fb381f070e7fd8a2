import { MlInputError } from '../errors';
import { checkFeatures, checkFinite } from '../estimator';
import type { MatrixLike } from '../matrix';
import { RandomState } from '../random';

export type SilhouetteOptions = {
  /** Score a random subset of this many rows (the cost is quadratic in the rows scored). */
  sampleSize?: number;
  /** Seeds the subset; 0 by default. */
  randomState?: number;
};

/**
 * Mean silhouette coefficient, scikit-learn's `silhouette_score` with Euclidean distance: for each row,
 * (b − a) / max(a, b), where a is its mean distance to the other rows of its cluster and b its mean distance to the
 * rows of the nearest other cluster; 0 for a row alone in its cluster. From −1 (wrong clusters) to 1 (dense,
 * well-separated clusters). Labels may be any numbers; there must be from 2 to (rows scored − 1) distinct ones.
 */
export function silhouetteScore(X: MatrixLike, labels: ArrayLike<number>, options: SilhouetteOptions = {}): number {
  const matrix = checkFeatures(X, 'silhouetteScore');
  checkFinite(matrix, 'silhouetteScore');
  if (labels.length !== matrix.nRows) {
    throw new MlInputError(`silhouetteScore: X has ${matrix.nRows} rows but labels has ${labels.length}`);
  }
  const { sampleSize, randomState = 0 } = options;
  let rows: ArrayLike<number> | null = null;
  if (sampleSize !== undefined) {
    if (!Number.isInteger(sampleSize) || sampleSize < 1 || sampleSize > matrix.nRows) {
      throw new MlInputError(`silhouetteScore: sampleSize must be a whole number from 1 to ${matrix.nRows}`);
    }
    rows = new RandomState(randomState).sampleWithoutReplacement(matrix.nRows, sampleSize);
  }
  const scored = rows ? matrix.selectRows(rows) : matrix;
  const { codes, nLabels } = encodeLabels(labels, rows, scored.nRows);
  if (nLabels < 2 || nLabels > scored.nRows - 1) {
    throw new MlInputError(
      `silhouetteScore: ${nLabels} distinct labels among ${scored.nRows} rows; need from 2 to ${scored.nRows - 1}`,
    );
  }
  return meanSilhouette(scored.toRowMajor(), scored.nRows, scored.nCols, codes, nLabels);
}

function encodeLabels(labels: ArrayLike<number>, rows: ArrayLike<number> | null, n: number) {
  const codeOf = new Map<number, number>();
  const codes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const label = labels[rows ? (rows[k] as number) : k] as number;
    if (!Number.isFinite(label)) throw new MlInputError(`silhouetteScore: label ${label} is not a number`);
    let code = codeOf.get(label);
    if (code === undefined) {
      code = codeOf.size;
      codeOf.set(label, code);
    }
    codes[k] = code;
  }
  return { codes, nLabels: codeOf.size };
}

function meanSilhouette(data: Float64Array, n: number, nCols: number, codes: Int32Array, nLabels: number): number {
  const sizes = new Int32Array(nLabels);
  for (let i = 0; i < n; i++) sizes[codes[i] as number] = (sizes[codes[i] as number] as number) + 1;
  // distanceSums[i · nLabels + l]: summed distance from row i to the rows labelled l; each pair computed once.
  const distanceSums = new Float64Array(n * nLabels);
  for (let i = 0; i < n; i++) {
    const labelI = codes[i] as number;
    for (let k = i + 1; k < n; k++) {
      let squares = 0;
      for (let j = 0; j < nCols; j++) {
        const difference = (data[i * nCols + j] as number) - (data[k * nCols + j] as number);
        squares += difference * difference;
      }
      const distance = Math.sqrt(squares);
      const labelK = codes[k] as number;
      distanceSums[i * nLabels + labelK] = (distanceSums[i * nLabels + labelK] as number) + distance;
      distanceSums[k * nLabels + labelI] = (distanceSums[k * nLabels + labelI] as number) + distance;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = codes[i] as number;
    const ownSize = sizes[own] as number;
    if (ownSize < 2) continue;
    const a = (distanceSums[i * nLabels + own] as number) / (ownSize - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let l = 0; l < nLabels; l++) {
      if (l !== own) b = Math.min(b, (distanceSums[i * nLabels + l] as number) / (sizes[l] as number));
    }
    const scale = Math.max(a, b);
    if (scale > 0) total += (b - a) / scale;
  }
  return total / n;
}
