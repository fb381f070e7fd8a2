import type { Matrix } from '../matrix';
import { rocAuc } from '../metrics';
import { crossValidate, type Fold } from '../model-selection';
import { createModel, type ModelName } from './models';

export type CrossValidationSummary = {
  auc: number;
  aucStd: number;
  fitSecondsMedian: number;
  predictRowsPerSecond: number;
};

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** ROC AUC over the folds, with the fit and predict timings people compare engines by. */
export function crossValidateModel(
  X: Matrix,
  y: Float64Array,
  { model, folds, params = {} }: { model: ModelName; folds: readonly Fold[]; params?: Record<string, unknown> },
): CrossValidationSummary {
  const result = crossValidate(() => createModel(model, params), X, y, { folds, scoring: { auc: rocAuc } });
  const predicted = folds.reduce((sum, fold) => sum + fold.test.length, 0);
  const predictSeconds = result.predictSeconds.reduce((sum, seconds) => sum + seconds, 0);
  return {
    auc: result.mean.auc as number,
    aucStd: result.std.auc as number,
    fitSecondsMedian: median(result.fitSeconds),
    predictRowsPerSecond: predicted / predictSeconds,
  };
}
