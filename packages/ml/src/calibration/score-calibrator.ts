import { MlInputError } from '../errors';
import { binaryProba, type Classifier, Estimator, type FitOptions, labelsFromProbability } from '../estimator';
import type { Matrix, MatrixLike } from '../matrix';
import { scoreColumn } from './scores';

/**
 * What every calibrator shares: it maps one column of scores to P(positive) and is itself a binary classifier on
 * that column. Subclasses fit the map and say how one score is calibrated.
 */
export abstract class ScoreCalibrator<P extends object, S extends { classes: [number, number] }>
  extends Estimator<P, S>
  implements Classifier
{
  abstract fit(X: MatrixLike, y: ArrayLike<number>, options?: FitOptions): this;

  protected abstract calibrateScore(score: number, state: S): number;

  /** Calibrated probability of the positive class for each score. */
  calibrate(scores: ArrayLike<number>): Float64Array {
    const state = this.state;
    const out = new Float64Array(scores.length);
    for (let i = 0; i < out.length; i++) {
      const score = scores[i] as number;
      if (!Number.isFinite(score)) throw new MlInputError(`${this.kind}: scores[${i}] is ${score}`);
      out[i] = this.calibrateScore(score, state);
    }
    return out;
  }

  predictProba(X: MatrixLike): Matrix {
    return binaryProba(this.calibrate(scoreColumn(X, this.kind)));
  }

  predict(X: MatrixLike): Float64Array {
    return labelsFromProbability(this.predictProba(X).column(1), this.state.classes);
  }
}
