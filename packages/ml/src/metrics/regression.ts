import type { MetricOptions } from './classification';
import { checkFiniteTargets, checkPair, weightedMean, weightsOrOnes } from './inputs';

function checkedWeights(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: MetricOptions, context: string) {
  checkPair(yTrue, yPred, context, 'yPred');
  checkFiniteTargets(yTrue, context, 'yTrue');
  checkFiniteTargets(yPred, context, 'yPred');
  return weightsOrOnes(options.sampleWeight, yTrue.length, context);
}

export function meanAbsoluteError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: MetricOptions = {},
): number {
  const weight = checkedWeights(yTrue, yPred, options, 'meanAbsoluteError');
  const errors = new Float64Array(yTrue.length);
  for (let i = 0; i < errors.length; i++) errors[i] = Math.abs((yTrue[i] as number) - (yPred[i] as number));
  return weightedMean(errors, weight);
}

export function rootMeanSquaredError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: MetricOptions = {},
): number {
  const weight = checkedWeights(yTrue, yPred, options, 'rootMeanSquaredError');
  const squared = new Float64Array(yTrue.length);
  for (let i = 0; i < squared.length; i++) {
    const error = (yTrue[i] as number) - (yPred[i] as number);
    squared[i] = error * error;
  }
  return Math.sqrt(weightedMean(squared, weight));
}

/**
 * Mean of |y − ŷ| / max(|y|, 2⁻⁵²) as a fraction (0.1 = 10 %), as scikit-learn's
 * `mean_absolute_percentage_error`: a true value of 0 gives a huge error rather than a division by zero.
 */
export function meanAbsolutePercentageError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: MetricOptions = {},
): number {
  const weight = checkedWeights(yTrue, yPred, options, 'meanAbsolutePercentageError');
  const relative = new Float64Array(yTrue.length);
  for (let i = 0; i < relative.length; i++) {
    const truth = yTrue[i] as number;
    relative[i] = Math.abs(truth - (yPred[i] as number)) / Math.max(Math.abs(truth), Number.EPSILON);
  }
  return weightedMean(relative, weight);
}
