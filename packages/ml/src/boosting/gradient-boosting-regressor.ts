import { checkTargets, type FitOptions, type Regressor } from '../estimator';
import type { MatrixLike } from '../matrix';
import { checkEnvelope } from '../serialization';
import {
  type BoostingState,
  type BoostingStateJSON,
  boostingStateFromJSON,
  GradientBoostingBase,
} from './gradient-boosting-base';
import { squaredError } from './losses';
import type { GradientBoostingParams } from './params';

/**
 * Histogram gradient boosting on the squared error (scikit-learn's HistGradientBoostingRegressor, XGBoost's
 * `hist`): starts from the weighted mean of y and adds trees fitted to the residuals.
 */
export class GradientBoostingRegressor extends GradientBoostingBase<BoostingState> implements Regressor {
  readonly kind = 'GradientBoostingRegressor';

  constructor(params: Partial<GradientBoostingParams> = {}) {
    super(params);
  }

  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const inputs = this.fitInputs(X);
    const y64 = checkTargets(y, inputs.matrix.nRows, this.kind);
    this.fitted = this.boostOn(inputs, y64, options, squaredError, false);
    return this;
  }

  predict(X: MatrixLike): Float64Array {
    return this.decisionFunction(X);
  }

  protected stateToJSON(state: BoostingState): BoostingStateJSON {
    return this.boostingStateToJSON(state);
  }

  static fromJSON(json: unknown): GradientBoostingRegressor {
    const { params } = checkEnvelope(json, 'GradientBoostingRegressor');
    return new GradientBoostingRegressor(params as GradientBoostingParams).restore(json, (state) =>
      boostingStateFromJSON(state as BoostingStateJSON),
    );
  }
}
