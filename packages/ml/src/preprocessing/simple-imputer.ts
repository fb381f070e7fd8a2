import { z } from 'zod';
import { MlInputError } from '../errors';
import { checkFeatures, Estimator } from '../estimator';
import { Matrix, type MatrixLike } from '../matrix';
import {
  checkEnvelope,
  decodeArray,
  decodeFloat64,
  type EncodedArray,
  encodeArray,
  encodeFloat64,
} from '../serialization';

const paramsSchema = z.strictObject({
  strategy: z.enum(['mean', 'median', 'most_frequent', 'constant']),
  fillValue: z.number(),
  addIndicator: z.boolean(),
});

export type SimpleImputerParams = z.infer<typeof paramsSchema>;

type State = { statistics: Float64Array; indicatorFeatures: Int32Array };

type StateJSON = { statistics: EncodedArray; indicatorFeatures: EncodedArray };

/**
 * Fills NaN per column, as scikit-learn's SimpleImputer: with the column's mean, median, most frequent value (the
 * smallest of ties) or `fillValue`. With `addIndicator`, appends one 0/1 "was missing" column for each feature that
 * had missing values during fit, in feature order. A column with no values at all is kept and filled with 0 (or
 * `fillValue` for 'constant') — scikit-learn's keep_empty_features — so column positions never shift.
 */
export class SimpleImputer extends Estimator<SimpleImputerParams, State> {
  readonly kind = 'SimpleImputer';

  constructor(params: Partial<SimpleImputerParams> = {}) {
    super(paramsSchema, params, { strategy: 'mean', fillValue: 0, addIndicator: false });
  }

  fit(X: MatrixLike): this {
    const { strategy, fillValue } = this.validatedParams();
    const matrix = checkFeatures(X, this.kind);
    const statistics = new Float64Array(matrix.nCols);
    const indicatorFeatures: number[] = [];
    for (let j = 0; j < matrix.nCols; j++) {
      const column = matrix.column(j);
      const present = column.filter((x) => !Number.isNaN(x));
      if (present.length < column.length) indicatorFeatures.push(j);
      const infinite = column.findIndex((x) => x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY);
      if (infinite >= 0) throw new MlInputError(`${this.kind}: X[${infinite}, ${j}] is ${column[infinite]}`);
      if (strategy === 'constant') statistics[j] = fillValue;
      else if (present.length === 0) statistics[j] = 0;
      else if (strategy === 'mean') statistics[j] = mean(present);
      else if (strategy === 'median') statistics[j] = median(present.sort());
      else statistics[j] = mostFrequent(present.sort());
    }
    this.fitted = { statistics, indicatorFeatures: Int32Array.from(indicatorFeatures) };
    return this;
  }

  transform(X: MatrixLike): Matrix {
    const { statistics, indicatorFeatures } = this.state;
    const matrix = checkFeatures(X, this.kind, statistics.length);
    const columns = matrix.columns.map((column, j) => {
      const fill = statistics[j] as number;
      const out = new Float64Array(column.length);
      for (let i = 0; i < column.length; i++) {
        const x = column[i] as number;
        out[i] = Number.isNaN(x) ? fill : x;
      }
      return out;
    });
    if (this.params.addIndicator) {
      for (const j of indicatorFeatures) {
        const column = matrix.column(j);
        const indicator = new Float64Array(column.length);
        for (let i = 0; i < column.length; i++) indicator[i] = Number.isNaN(column[i]) ? 1 : 0;
        columns.push(indicator);
      }
    }
    return new Matrix(columns, matrix.nRows);
  }

  fitTransform(X: MatrixLike): Matrix {
    return this.fit(X).transform(X);
  }

  /** The value each column's NaN becomes (a copy). */
  get statistics(): Float64Array {
    return this.state.statistics.slice();
  }

  /** The features that had missing values in fit: those that get an indicator column, in output order. */
  get indicatorFeatures(): number[] {
    return Array.from(this.state.indicatorFeatures);
  }

  /** Output column names from input names, indicators named as scikit-learn does (`missingindicator_<name>`). */
  featureNamesOut(inputNames: readonly string[]): string[] {
    const { statistics, indicatorFeatures } = this.state;
    if (inputNames.length !== statistics.length) {
      throw new MlInputError(`${this.kind}: got ${inputNames.length} names for ${statistics.length} features`);
    }
    const indicators = this.params.addIndicator
      ? Array.from(indicatorFeatures, (j) => `missingindicator_${inputNames[j]}`)
      : [];
    return [...inputNames, ...indicators];
  }

  protected stateToJSON(state: State): StateJSON {
    return { statistics: encodeFloat64(state.statistics), indicatorFeatures: encodeArray(state.indicatorFeatures) };
  }

  static fromJSON(json: unknown): SimpleImputer {
    const { params } = checkEnvelope(json, 'SimpleImputer');
    return new SimpleImputer(params as SimpleImputerParams).restore(json, (saved) => {
      const state = saved as StateJSON;
      return {
        statistics: decodeFloat64(state.statistics),
        indicatorFeatures: decodeArray(state.indicatorFeatures as EncodedArray & { dtype: 'i32' }),
      };
    });
  }
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}

/** Of sorted values; the average of the two middle ones for an even count, as numpy. */
function median(sorted: Float64Array): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Of sorted values; the first (smallest) of equally frequent values wins, as scikit-learn. */
function mostFrequent(sorted: Float64Array): number {
  let best = sorted[0] as number;
  let bestCount = 0;
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    if (end - start > bestCount) {
      bestCount = end - start;
      best = sorted[start] as number;
    }
    start = end;
  }
  return best;
}
