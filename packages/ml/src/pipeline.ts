import { MlInputError } from './errors';
import type { Classifier, FitOptions } from './estimator';
import { asMatrix, type Matrix, type MatrixLike } from './matrix';
import { checkEnvelope, type EstimatorJSON, FORMAT_VERSION } from './serialization';

/** A fitted-on-train, applied-everywhere step such as SimpleImputer or StandardScaler. */
export type Transformer = {
  readonly kind: string;
  fit(X: MatrixLike): unknown;
  transform(X: MatrixLike): Matrix;
  getParams(): object;
  toJSON(): EstimatorJSON;
};

export type LoadEstimator = (json: unknown) => unknown;

/**
 * Transformers then a classifier, fitted together (scikit-learn's Pipeline), so preprocessing learns only from the
 * training rows of each fold and a saved model carries its own preprocessing.
 */
export class ClassifierPipeline implements Classifier {
  readonly kind = 'ClassifierPipeline';

  constructor(
    readonly steps: readonly Transformer[],
    readonly classifier: Classifier,
  ) {}

  get isFitted(): boolean {
    return this.classifier.isFitted;
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    let current = asMatrix(X);
    for (const step of this.steps) {
      step.fit(current);
      current = step.transform(current);
    }
    this.classifier.fit(current, y, options);
    return this;
  }

  /** X as the classifier sees it, after every step. */
  transform(X: MatrixLike): Matrix {
    return this.steps.reduce((current, step) => step.transform(current), asMatrix(X));
  }

  predictProba(X: MatrixLike): Matrix {
    return this.classifier.predictProba(this.transform(X));
  }

  predict(X: MatrixLike): Float64Array {
    return this.classifier.predict(this.transform(X));
  }

  getParams() {
    return {
      steps: this.steps.map((step) => ({ kind: step.kind, params: step.getParams() })),
      classifier: { kind: this.classifier.kind, params: this.classifier.getParams() },
    };
  }

  toJSON(): EstimatorJSON {
    return {
      format: 'ivy-ml',
      formatVersion: FORMAT_VERSION,
      kind: this.kind,
      params: this.getParams(),
      state: { steps: this.steps.map((step) => step.toJSON()), classifier: this.classifier.toJSON() },
    };
  }

  /** `load` restores each saved step and the classifier (the package's `loadEstimator`). */
  static fromJSON(json: unknown, load: LoadEstimator): ClassifierPipeline {
    const { state } = checkEnvelope(json, 'ClassifierPipeline');
    const saved = state as { steps: unknown[]; classifier: unknown };
    const steps = saved.steps.map((step) => load(step) as Transformer);
    const classifier = load(saved.classifier) as Classifier;
    if (!classifier.isFitted) throw new MlInputError('saved ClassifierPipeline holds an unfitted classifier');
    return new ClassifierPipeline(steps, classifier);
  }
}
