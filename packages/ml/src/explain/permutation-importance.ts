import { MlInputError, ParameterError } from '../errors';
import { checkFeatures } from '../estimator';
import { Matrix, type MatrixLike } from '../matrix';
import { RandomState } from '../random';

export type PermutationImportanceOptions = {
  /** Higher is better, as a scikit-learn scorer: e.g. ROC AUC or accuracy of `probability` (P(classes[1])). */
  score: (yTrue: Float64Array, probability: Float64Array) => number;
  /** Shuffles per feature. */
  nRepeats?: number;
  randomState?: number;
};

export type PermutationImportance = {
  /** The score on the data as given. */
  baseline: number;
  /** Per feature: mean over repeats of baseline − score with that feature shuffled. */
  mean: Float64Array;
  /** Per feature: population std of those drops over the repeats. */
  std: Float64Array;
  /** Per feature, the drop of every repeat. */
  drops: Float64Array[];
};

/**
 * scikit-learn's permutation_importance: how much the score falls when one feature's values are shuffled across
 * rows, breaking its link to the target while keeping its distribution. Works with any model that gives
 * probabilities. Only the shuffled column is copied; the matrix handed to the model shares every other column.
 */
export function permutationImportance(
  model: { predictProba(X: Matrix): Matrix },
  X: MatrixLike,
  y: ArrayLike<number>,
  { score, nRepeats = 5, randomState = 0 }: PermutationImportanceOptions,
): PermutationImportance {
  if (!Number.isInteger(nRepeats) || nRepeats < 1) {
    throw new ParameterError(`permutationImportance: nRepeats must be a positive integer, got ${nRepeats}`);
  }
  const matrix = checkFeatures(X, 'permutationImportance');
  if (y.length !== matrix.nRows) {
    throw new MlInputError(`permutationImportance: X has ${matrix.nRows} rows but y has ${y.length}`);
  }
  const yTrue = Float64Array.from(y);
  const scoreOf = (columns: Float64Array[]) =>
    score(yTrue, model.predictProba(new Matrix(columns, matrix.nRows)).column(1));
  const columns = [...matrix.columns];
  const baseline = scoreOf(columns);
  const random = new RandomState(randomState);
  const drops = columns.map((original, j) => {
    const shuffled = original.slice();
    const featureDrops = new Float64Array(nRepeats);
    for (let r = 0; r < nRepeats; r++) {
      random.shuffle(shuffled);
      columns[j] = shuffled;
      featureDrops[r] = baseline - scoreOf(columns);
    }
    columns[j] = original;
    return featureDrops;
  });
  const mean = Float64Array.from(drops, (values) => values.reduce((sum, value) => sum + value, 0) / nRepeats);
  const std = Float64Array.from(drops, (values, j) => {
    const m = mean[j] as number;
    return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / nRepeats);
  });
  return { baseline, mean, std, drops };
}
