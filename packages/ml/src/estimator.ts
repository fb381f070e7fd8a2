import type { z } from 'zod';
import { MlInputError, NotFittedError, ParameterError } from './errors';
import { asMatrix, Matrix, type MatrixLike } from './matrix';
import { checkEnvelope, type EstimatorJSON, FORMAT_VERSION } from './serialization';

/**
 * The scikit-learn estimator contract, shared by every model in @ivy/ml: the constructor only stores
 * hyper-parameters (defaults filled in); `fit` validates them and the data, learns, and returns `this`; learned
 * state lives apart from the parameters and is absent until `fit`; `toJSON()` saves both with a format version.
 */
export abstract class Estimator<P extends object, S> {
  abstract readonly kind: string;
  protected readonly params: P;
  protected fitted: S | null = null;

  protected constructor(
    private readonly paramsSchema: z.ZodType<P>,
    params: Partial<P>,
    defaults: P,
  ) {
    this.params = { ...defaults, ...dropUndefined(params) };
  }

  getParams(): P {
    return structuredClone(this.params);
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** The learned state; throws NotFittedError before `fit`. */
  protected get state(): S {
    if (this.fitted === null) throw new NotFittedError(this.kind);
    return this.fitted;
  }

  /** Hyper-parameters checked against the estimator's schema; a clear ParameterError names the bad one. */
  protected validatedParams(): P {
    const result = this.paramsSchema.safeParse(this.params);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    throw new ParameterError(`${this.kind}: ${issue?.path.join('.') || 'params'} ${issue?.message ?? 'is invalid'}`);
  }

  protected abstract stateToJSON(state: S): unknown;

  toJSON(): EstimatorJSON<P> {
    return {
      format: 'ivy-ml',
      formatVersion: FORMAT_VERSION,
      kind: this.kind,
      params: this.getParams(),
      state: this.stateToJSON(this.state),
    };
  }

  /** Restores learned state saved by `toJSON`; used by each estimator's static `fromJSON`. */
  protected restore(json: unknown, stateFromJSON: (state: unknown) => S): this {
    const envelope = checkEnvelope(json, this.kind);
    this.fitted = stateFromJSON(envelope.state);
    return this;
  }
}

function dropUndefined<P extends object>(params: Partial<P>): Partial<P> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)) as Partial<P>;
}

/** Input checks every `fit` and `predict` share. */
export function checkFeatures(X: MatrixLike, context: string, expectedCols?: number): Matrix {
  const matrix = asMatrix(X);
  if (matrix.nRows === 0) throw new MlInputError(`${context}: X has no rows`);
  if (expectedCols !== undefined && matrix.nCols !== expectedCols) {
    throw new MlInputError(`${context}: X has ${matrix.nCols} features, but the model was fitted with ${expectedCols}`);
  }
  return matrix;
}

/** X without a single NaN or infinity, for estimators that cannot handle missing values. */
export function checkFinite(X: Matrix, context: string): void {
  for (let j = 0; j < X.nCols; j++) {
    const column = X.column(j);
    for (let i = 0; i < X.nRows; i++) {
      if (!Number.isFinite(column[i])) {
        throw new MlInputError(
          `${context}: X[${i}, ${j}] is ${column[i]}; impute missing values first (SimpleImputer)`,
        );
      }
    }
  }
}

export function checkSampleWeight(weight: ArrayLike<number> | undefined, nRows: number, context: string) {
  if (weight === undefined) return undefined;
  if (weight.length !== nRows)
    throw new MlInputError(`${context}: sampleWeight has ${weight.length} values for ${nRows} rows`);
  const out = Float64Array.from(weight);
  for (let i = 0; i < out.length; i++) {
    const w = out[i] as number;
    if (!Number.isFinite(w) || w < 0)
      throw new MlInputError(`${context}: sampleWeight[${i}] is ${w}; weights must be finite and >= 0`);
  }
  return out;
}

/** Targets for regression: finite numbers, one per row. */
export function checkTargets(y: ArrayLike<number>, nRows: number, context: string): Float64Array {
  if (y.length !== nRows) throw new MlInputError(`${context}: X has ${nRows} rows but y has ${y.length}`);
  const out = Float64Array.from(y);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) throw new MlInputError(`${context}: y[${i}] is ${out[i]}`);
  }
  return out;
}

/**
 * Binary class labels: any two distinct finite numbers (e.g. 0/1). `classes` is sorted; `encoded` holds 0 for
 * `classes[0]` and 1 for `classes[1]`, the "positive" class whose probability is `predictProba(X).column(1)`.
 */
export type BinaryLabels = { classes: [number, number]; encoded: Uint8Array };

export function encodeBinaryLabels(y: ArrayLike<number>, nRows: number, context: string): BinaryLabels {
  if (y.length !== nRows) throw new MlInputError(`${context}: X has ${nRows} rows but y has ${y.length}`);
  const distinct = new Set<number>();
  for (let i = 0; i < y.length; i++) {
    const label = y[i] as number;
    if (!Number.isFinite(label)) throw new MlInputError(`${context}: y[${i}] is ${label}; labels must be numbers`);
    distinct.add(label);
  }
  if (distinct.size < 2)
    throw new MlInputError(`${context}: y has a single class (${[...distinct].join()}); need two classes`);
  if (distinct.size > 2)
    throw new MlInputError(`${context}: y has ${distinct.size} classes; only binary classification is supported`);
  const classes = [...distinct].sort((a, b) => a - b) as [number, number];
  const encoded = new Uint8Array(y.length);
  for (let i = 0; i < y.length; i++) encoded[i] = y[i] === classes[1] ? 1 : 0;
  return { classes, encoded };
}

/** Predicted labels from positive-class probabilities at a 0.5 threshold. */
export function labelsFromProbability(positive: Float64Array, classes: readonly [number, number]): Float64Array {
  const out = new Float64Array(positive.length);
  for (let i = 0; i < positive.length; i++) out[i] = (positive[i] as number) >= 0.5 ? classes[1] : classes[0];
  return out;
}

/** The two-column probability matrix [P(classes[0]), P(classes[1])] from positive-class probabilities. */
export function binaryProba(positive: Float64Array): Matrix {
  const negative = new Float64Array(positive.length);
  for (let i = 0; i < positive.length; i++) negative[i] = 1 - (positive[i] as number);
  return new Matrix([negative, positive], positive.length);
}

export type FitOptions = { sampleWeight?: ArrayLike<number> };

/** What model selection, calibration and ensembles rely on in a binary classifier. */
export type Classifier = {
  readonly kind: string;
  readonly isFitted: boolean;
  fit(X: MatrixLike, y: ArrayLike<number>, options?: FitOptions): Classifier;
  /** Rows are [P(classes[0]), P(classes[1])] and sum to 1. */
  predictProba(X: MatrixLike): Matrix;
  predict(X: MatrixLike): Float64Array;
  getParams(): object;
  toJSON(): EstimatorJSON;
};

export type Regressor = {
  readonly kind: string;
  readonly isFitted: boolean;
  fit(X: MatrixLike, y: ArrayLike<number>, options?: FitOptions): Regressor;
  predict(X: MatrixLike): Float64Array;
  getParams(): object;
  toJSON(): EstimatorJSON;
};
