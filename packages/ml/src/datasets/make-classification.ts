import { Matrix } from '../matrix';
import { RandomState } from '../random';

export type MakeClassificationOptions = {
  nRows: number;
  nFeatures: number;
  /** Features that drive the label; the rest are noise. At most nFeatures. */
  nInformative?: number;
  /** Fraction of values set missing (NaN) in every other informative feature. */
  missingRate?: number;
  randomState?: number;
};

/**
 * A reproducible binary problem with structure a linear model cannot fully capture: informative features enter the
 * log-odds linearly, through pairwise interactions and through thresholds, with label noise from a Bernoulli draw.
 * Used by tests and by the benchmark, which hands the very same matrix to scikit-learn and XGBoost.
 */
export function makeClassification({
  nRows,
  nFeatures,
  nInformative = Math.min(10, nFeatures),
  missingRate = 0,
  randomState = 0,
}: MakeClassificationOptions): { X: Matrix; y: Float64Array } {
  const random = new RandomState(randomState);
  const informative = Math.min(nInformative, nFeatures);
  const weights = Float64Array.from({ length: informative }, () => random.normal());
  const columns = Array.from({ length: nFeatures }, () => new Float64Array(nRows));
  const y = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    let margin = -0.5;
    for (let j = 0; j < nFeatures; j++) {
      const x = random.normal();
      (columns[j] as Float64Array)[i] = x;
      if (j < informative) {
        margin += (weights[j] as number) * x * 0.6;
        if (x > 0.8) margin += 0.4 * (weights[(j + 1) % informative] as number);
      }
    }
    for (let j = 0; j + 1 < informative; j += 2) {
      margin += 0.5 * ((columns[j] as Float64Array)[i] as number) * ((columns[j + 1] as Float64Array)[i] as number);
    }
    y[i] = random.float() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
  }
  if (missingRate > 0) {
    for (let j = 1; j < informative; j += 2) {
      const column = columns[j] as Float64Array;
      for (let i = 0; i < nRows; i++) if (random.float() < missingRate) column[i] = Number.NaN;
    }
  }
  return { X: new Matrix(columns, nRows), y };
}
