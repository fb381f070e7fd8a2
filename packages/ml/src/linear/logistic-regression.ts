import { z } from 'zod';
import { MlInputError } from '../errors';
import {
  binaryProba,
  type Classifier,
  checkFeatures,
  checkFinite,
  checkSampleWeight,
  Estimator,
  encodeBinaryLabels,
  type FitOptions,
  labelsFromProbability,
} from '../estimator';
import { Matrix, type MatrixLike } from '../matrix';
import { checkEnvelope, decodeFloat64, type EncodedArray, encodeFloat64 } from '../serialization';
import { type ClassWeight, resolveClassWeight } from './class-weight';
import { minimizeLbfgs } from './lbfgs';
import { LogisticObjective, linearPredictor, sigmoid } from './logistic-objective';
import { minimizeNewton } from './newton';

/**
 * How much tighter than `tol` the solvers stop, relative to the starting gradient. scikit-learn's own default
 * (absolute tol 1e-4) often stops with coefficients off in the third digit; this makes the defaults land within
 * ~1e-6 of the exact optimum, so both solvers agree with each other and with a tightly converged scikit-learn.
 */
const TOLERANCE_FACTOR = 1e-4;

const paramsSchema = z.strictObject({
  C: z.number().positive(),
  fitIntercept: z.boolean(),
  classWeight: z.union([z.null(), z.literal('balanced'), z.record(z.string(), z.number().nonnegative())]),
  solver: z.enum(['newton', 'lbfgs']),
  maxIter: z.number().int().positive(),
  tol: z.number().positive(),
  randomState: z.number().int(),
});

export type LogisticRegressionParams = {
  /** Inverse L2 strength: minimises C·Σ wᵢ·logloss + ½‖β‖² (the intercept is not penalised). */
  C: number;
  fitIntercept: boolean;
  classWeight: ClassWeight;
  /** 'newton': exact Hessian + Cholesky, for up to a few hundred features. 'lbfgs': limited-memory quasi-Newton. */
  solver: 'newton' | 'lbfgs';
  maxIter: number;
  tol: number;
  /** Unused: logistic regression is deterministic. Present so every estimator takes one. */
  randomState: number;
};

type State = {
  classes: [number, number];
  coefficients: Float64Array;
  intercept: number;
  /** Feature means over the (sample-weighted) training rows: the reference point of `contributions`. */
  means: Float64Array;
  nIter: number;
  converged: boolean;
};

type StateJSON = {
  classes: [number, number];
  coefficients: EncodedArray;
  intercept: EncodedArray;
  means: EncodedArray;
  nIter: number;
  converged: boolean;
};

/** Exact additive explanation of the margin: base + Σⱼ values[i][j] = decisionFunction(X)[i]. */
export type LinearContributions = { base: number; values: Matrix };

/**
 * Binary L2-regularised logistic regression, with scikit-learn's objective and hyper-parameters. Needs complete
 * numeric features (impute first); scaling them (StandardScaler) makes C mean the same for every feature.
 */
export class LogisticRegression extends Estimator<LogisticRegressionParams, State> implements Classifier {
  readonly kind = 'LogisticRegression';

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    super(paramsSchema as z.ZodType<LogisticRegressionParams>, params, {
      C: 1,
      fitIntercept: true,
      classWeight: null,
      solver: 'lbfgs',
      maxIter: 100,
      tol: 1e-4,
      randomState: 0,
    });
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const params = this.validatedParams();
    const matrix = checkFeatures(X, this.kind);
    checkFinite(matrix, this.kind);
    const { classes, encoded } = encodeBinaryLabels(y, matrix.nRows, this.kind);
    const sampleWeight = checkSampleWeight(options.sampleWeight, matrix.nRows, this.kind);
    const classWeight = resolveClassWeight(params.classWeight, classes, encoded, this.kind);
    const weights = new Float64Array(matrix.nRows);
    let totalWeight = 0;
    for (let i = 0; i < matrix.nRows; i++) {
      const w =
        params.C * (sampleWeight ? (sampleWeight[i] as number) : 1) * (classWeight[encoded[i] as number] as number);
      weights[i] = w;
      totalWeight += w;
    }
    if (!(totalWeight > 0)) throw new MlInputError(`${this.kind}: every row has weight 0`);

    const objective = new LogisticObjective(matrix.columns, encoded, weights, params.fitIntercept);
    const solution = new Float64Array(objective.nParams);
    const solve = params.solver === 'newton' ? minimizeNewton : minimizeLbfgs;
    const { nIter, converged } = solve(objective, solution, {
      maxIter: params.maxIter,
      relativeTolerance: params.tol * TOLERANCE_FACTOR,
    });
    this.fitted = {
      classes,
      coefficients: solution.slice(0, matrix.nCols),
      intercept: params.fitIntercept ? (solution[matrix.nCols] as number) : 0,
      means: weightedMeans(matrix, sampleWeight),
      nIter,
      converged,
    };
    return this;
  }

  /** β, one per feature (a copy). */
  get coefficients(): Float64Array {
    return this.state.coefficients.slice();
  }

  get intercept(): number {
    return this.state.intercept;
  }

  get classes(): [number, number] {
    return [...this.state.classes];
  }

  /** Solver iterations used by the last fit. */
  get nIter(): number {
    return this.state.nIter;
  }

  /** Whether the last fit met its tolerance within maxIter (scikit-learn warns when it does not). */
  get converged(): boolean {
    return this.state.converged;
  }

  /** The margin b + xᵢ·β: the log-odds of classes[1]. */
  decisionFunction(X: MatrixLike): Float64Array {
    const { coefficients, intercept } = this.state;
    const matrix = checkFeatures(X, this.kind, coefficients.length);
    checkFinite(matrix, this.kind);
    const params = new Float64Array(coefficients.length + 1);
    params.set(coefficients);
    params[coefficients.length] = intercept;
    return linearPredictor(matrix.columns, params, true, new Float64Array(matrix.nRows));
  }

  predictProba(X: MatrixLike): Matrix {
    const margins = this.decisionFunction(X);
    for (let i = 0; i < margins.length; i++) margins[i] = sigmoid(margins[i] as number);
    return binaryProba(margins);
  }

  predict(X: MatrixLike): Float64Array {
    return labelsFromProbability(this.predictProba(X).column(1), this.state.classes);
  }

  /**
   * Each feature's exact share of the margin relative to the average training row: values[i][j] = βⱼ·(xᵢⱼ − x̄ⱼ)
   * and base = b + Σⱼ βⱼ·x̄ⱼ (the margin of the mean row), so base + Σⱼ values[i][j] is the margin of row i. These
   * are also the SHAP values of a linear model with independent features.
   */
  contributions(X: MatrixLike): LinearContributions {
    const { coefficients, intercept, means } = this.state;
    const matrix = checkFeatures(X, this.kind, coefficients.length);
    checkFinite(matrix, this.kind);
    let base = intercept;
    const values = matrix.columns.map((column, j) => {
      const beta = coefficients[j] as number;
      const mean = means[j] as number;
      base += beta * mean;
      const out = new Float64Array(matrix.nRows);
      for (let i = 0; i < out.length; i++) out[i] = beta * ((column[i] as number) - mean);
      return out;
    });
    return { base, values: new Matrix(values, matrix.nRows) };
  }

  protected stateToJSON(state: State): StateJSON {
    return {
      classes: state.classes,
      coefficients: encodeFloat64(state.coefficients),
      intercept: encodeFloat64(Float64Array.of(state.intercept)),
      means: encodeFloat64(state.means),
      nIter: state.nIter,
      converged: state.converged,
    };
  }

  static fromJSON(json: unknown): LogisticRegression {
    const { params } = checkEnvelope(json, 'LogisticRegression');
    return new LogisticRegression(params as LogisticRegressionParams).restore(json, (saved) => {
      const state = saved as StateJSON;
      const coefficients = decodeFloat64(state.coefficients);
      const means = decodeFloat64(state.means);
      if (means.length !== coefficients.length) {
        throw new MlInputError(
          `saved LogisticRegression has ${coefficients.length} coefficients but ${means.length} means`,
        );
      }
      return {
        classes: state.classes,
        coefficients,
        intercept: decodeFloat64(state.intercept)[0] as number,
        means,
        nIter: state.nIter,
        converged: state.converged,
      };
    });
  }
}

function weightedMeans(matrix: Matrix, weight: Float64Array | undefined): Float64Array {
  let total = 0;
  for (let i = 0; i < matrix.nRows; i++) total += weight ? (weight[i] as number) : 1;
  return Float64Array.from(matrix.columns, (column) => {
    let sum = 0;
    for (let i = 0; i < column.length; i++) sum += (weight ? (weight[i] as number) : 1) * (column[i] as number);
    return total > 0 ? sum / total : 0;
  });
}
