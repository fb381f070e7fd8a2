import { z } from 'zod';
import {
  binaryProba,
  type Classifier,
  checkFeatures,
  checkSampleWeight,
  Estimator,
  encodeBinaryLabels,
  type FitOptions,
  labelsFromProbability,
} from '../estimator';
import type { Matrix, MatrixLike } from '../matrix';
import { checkEnvelope } from '../serialization';

const paramsSchema = z.strictObject({ randomState: z.number().int() });

export type PriorClassifierParams = z.infer<typeof paramsSchema>;

type State = { classes: [number, number]; positiveRate: number; nFeatures: number };

/**
 * Predicts the training base rate for every row (scikit-learn's DummyClassifier "prior"): the baseline any model
 * must beat, and the honest answer when there is nothing to learn from.
 */
export class PriorClassifier extends Estimator<PriorClassifierParams, State> implements Classifier {
  readonly kind = 'PriorClassifier';

  constructor(params: Partial<PriorClassifierParams> = {}) {
    super(paramsSchema, params, { randomState: 0 });
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.validatedParams();
    const matrix = checkFeatures(X, this.kind);
    const { classes, encoded } = encodeBinaryLabels(y, matrix.nRows, this.kind);
    const weight = checkSampleWeight(options.sampleWeight, matrix.nRows, this.kind);
    let positive = 0;
    let total = 0;
    for (let i = 0; i < encoded.length; i++) {
      const w = weight ? (weight[i] as number) : 1;
      positive += w * (encoded[i] as number);
      total += w;
    }
    this.fitted = { classes, positiveRate: total > 0 ? positive / total : 0.5, nFeatures: matrix.nCols };
    return this;
  }

  predictProba(X: MatrixLike): Matrix {
    const { positiveRate, nFeatures } = this.state;
    const matrix = checkFeatures(X, this.kind, nFeatures);
    return binaryProba(new Float64Array(matrix.nRows).fill(positiveRate));
  }

  predict(X: MatrixLike): Float64Array {
    return labelsFromProbability(this.predictProba(X).column(1), this.state.classes);
  }

  protected stateToJSON(state: State): State {
    return state;
  }

  static fromJSON(json: unknown): PriorClassifier {
    const { params } = checkEnvelope(json, 'PriorClassifier');
    return new PriorClassifier(params as PriorClassifierParams).restore(json, (state) => state as State);
  }
}
