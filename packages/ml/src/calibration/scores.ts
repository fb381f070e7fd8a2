import { MlInputError } from '../errors';
import { checkFeatures, checkFinite } from '../estimator';
import { Matrix, type MatrixLike } from '../matrix';

/** A one-column matrix of scores, the input shape of every calibrator's `fit` and `predictProba`. */
export function scoresAsMatrix(scores: ArrayLike<number>): Matrix {
  return new Matrix([Float64Array.from(scores)]);
}

/** The single, finite score column of a calibrator's input. */
export function scoreColumn(X: MatrixLike, context: string): Float64Array {
  const matrix = checkFeatures(X, context);
  if (matrix.nCols !== 1) {
    throw new MlInputError(`${context}: X has ${matrix.nCols} features, but a calibrator takes one column of scores`);
  }
  checkFinite(matrix, context);
  return matrix.column(0);
}
