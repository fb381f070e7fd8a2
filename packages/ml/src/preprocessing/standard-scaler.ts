import { z } from 'zod';
import { MlInputError } from '../errors';
import { checkFeatures, checkSampleWeight, Estimator, type FitOptions } from '../estimator';
import { Matrix, type MatrixLike } from '../matrix';
import { checkEnvelope, decodeFloat64, type EncodedArray, encodeFloat64 } from '../serialization';

const paramsSchema = z.strictObject({ withMean: z.boolean(), withStd: z.boolean() });

export type StandardScalerParams = z.infer<typeof paramsSchema>;

type State = { mean: Float64Array; variance: Float64Array; scale: Float64Array };

type StateJSON = { mean: EncodedArray; variance: EncodedArray; scale: EncodedArray };

/**
 * (x − mean) / std per column, as scikit-learn's StandardScaler: population std (ddof 0), optional sample weights,
 * NaN ignored when fitting and left NaN when transforming, and a column that is constant (to rounding) scaled by 1
 * so it becomes all zeros rather than all NaN. A column with no values at all gets mean 0 and scale 1.
 */
export class StandardScaler extends Estimator<StandardScalerParams, State> {
  readonly kind = 'StandardScaler';

  constructor(params: Partial<StandardScalerParams> = {}) {
    super(paramsSchema, params, { withMean: true, withStd: true });
  }

  fit(X: MatrixLike, options: FitOptions = {}): this {
    this.validatedParams();
    const matrix = checkFeatures(X, this.kind);
    const weight = checkSampleWeight(options.sampleWeight, matrix.nRows, this.kind);
    const mean = new Float64Array(matrix.nCols);
    const variance = new Float64Array(matrix.nCols);
    const scale = new Float64Array(matrix.nCols);
    for (let j = 0; j < matrix.nCols; j++) {
      const column = matrix.column(j);
      let seen = 0;
      let sum = 0;
      for (let i = 0; i < column.length; i++) {
        const x = column[i] as number;
        if (Number.isNaN(x)) continue;
        if (!Number.isFinite(x)) throw new MlInputError(`${this.kind}: X[${i}, ${j}] is ${x}`);
        const w = weight ? (weight[i] as number) : 1;
        seen += w;
        sum += w * x;
      }
      const m = seen > 0 ? sum / seen : 0;
      let squares = 0;
      for (let i = 0; i < column.length; i++) {
        const x = column[i] as number;
        if (!Number.isNaN(x)) squares += (weight ? (weight[i] as number) : 1) * (x - m) ** 2;
      }
      const v = seen > 0 ? squares / seen : 0;
      mean[j] = m;
      variance[j] = v;
      scale[j] = isConstant(v, m, seen) ? 1 : Math.sqrt(v);
    }
    this.fitted = { mean, variance, scale };
    return this;
  }

  transform(X: MatrixLike): Matrix {
    const { mean, scale } = this.state;
    const matrix = checkFeatures(X, this.kind, mean.length);
    const { withMean, withStd } = this.params;
    const columns = matrix.columns.map((column, j) => {
      const shift = withMean ? (mean[j] as number) : 0;
      const divisor = withStd ? (scale[j] as number) : 1;
      const out = new Float64Array(column.length);
      for (let i = 0; i < column.length; i++) out[i] = ((column[i] as number) - shift) / divisor;
      return out;
    });
    return new Matrix(columns, matrix.nRows);
  }

  fitTransform(X: MatrixLike, options: FitOptions = {}): Matrix {
    return this.fit(X, options).transform(X);
  }

  /** Per-column mean seen in fit (a copy). */
  get mean(): Float64Array {
    return this.state.mean.slice();
  }

  /** Per-column population variance seen in fit (a copy). */
  get variance(): Float64Array {
    return this.state.variance.slice();
  }

  /** Per-column divisor: the std, or 1 for a constant column (a copy). */
  get scale(): Float64Array {
    return this.state.scale.slice();
  }

  protected stateToJSON(state: State): StateJSON {
    return {
      mean: encodeFloat64(state.mean),
      variance: encodeFloat64(state.variance),
      scale: encodeFloat64(state.scale),
    };
  }

  static fromJSON(json: unknown): StandardScaler {
    const { params } = checkEnvelope(json, 'StandardScaler');
    return new StandardScaler(params as StandardScalerParams).restore(json, (saved) => {
      const state = saved as StateJSON;
      return {
        mean: decodeFloat64(state.mean),
        variance: decodeFloat64(state.variance),
        scale: decodeFloat64(state.scale),
      };
    });
  }
}

/**
 * scikit-learn's test: a variance within the error bound of the two-pass algorithm (Chan, Golub & LeVeque) is
 * indistinguishable from 0, and dividing by its square root would only amplify rounding noise.
 */
function isConstant(variance: number, mean: number, count: number): boolean {
  const eps = Number.EPSILON;
  return variance <= count * eps * variance + (count * mean * eps) ** 2;
}
