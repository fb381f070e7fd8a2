import { binaryProba, type Classifier, encodeBinaryLabels, type FitOptions, labelsFromProbability } from '../estimator';
import type { Matrix, MatrixLike } from '../matrix';
import { checkEnvelope } from '../serialization';
import {
  type BoostingState,
  type BoostingStateJSON,
  boostingStateFromJSON,
  GradientBoostingBase,
} from './gradient-boosting-base';
import { logLoss } from './losses';
import type { GradientBoostingParams } from './params';

type State = BoostingState & { classes: [number, number] };
type StateJSON = BoostingStateJSON & { classes: [number, number] };

/**
 * Binary histogram gradient boosting on the log-loss (scikit-learn's HistGradientBoostingClassifier, XGBoost's
 * `hist`): starts from the log-odds of the weighted base rate and adds Newton-step trees. Missing values are
 * handled natively, each split learning where they go.
 */
export class GradientBoostingClassifier extends GradientBoostingBase<State> implements Classifier {
  readonly kind = 'GradientBoostingClassifier';

  constructor(params: Partial<GradientBoostingParams> = {}) {
    super(params);
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const inputs = this.fitInputs(X);
    const { classes, encoded } = encodeBinaryLabels(y, inputs.matrix.nRows, this.kind);
    const boosted = this.boostOn(inputs, Float64Array.from(encoded), options, logLoss, true);
    this.fitted = { ...boosted, classes };
    return this;
  }

  predictProba(X: MatrixLike): Matrix {
    const margin = this.decisionFunction(X);
    for (let i = 0; i < margin.length; i++) margin[i] = 1 / (1 + Math.exp(-(margin[i] as number)));
    return binaryProba(margin);
  }

  predict(X: MatrixLike): Float64Array {
    return labelsFromProbability(this.predictProba(X).column(1), this.state.classes);
  }

  protected stateToJSON(state: State): StateJSON {
    return { ...this.boostingStateToJSON(state), classes: state.classes };
  }

  static fromJSON(json: unknown): GradientBoostingClassifier {
    const { params } = checkEnvelope(json, 'GradientBoostingClassifier');
    return new GradientBoostingClassifier(params as GradientBoostingParams).restore(json, (state) => {
      const saved = state as StateJSON;
      return { ...boostingStateFromJSON(saved), classes: saved.classes };
    });
  }
}
