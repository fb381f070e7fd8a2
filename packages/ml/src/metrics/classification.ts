import { MlInputError } from '../errors';
import { checkBinaryTargets, checkPair, checkProbabilities, checkScores, weightedMean, weightsOrOnes } from './inputs';

export type MetricOptions = { sampleWeight?: ArrayLike<number> };

/**
 * Cumulative false and true positives at each distinct score, highest score first (scikit-learn's
 * `_binary_clf_curve`): tied scores form one threshold, so ties count half-way in the ROC area.
 */
function thresholdCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: MetricOptions, context: string) {
  checkPair(yTrue, scores, context, 'scores');
  checkBinaryTargets(yTrue, context);
  checkScores(scores, context);
  const weight = weightsOrOnes(options.sampleWeight, yTrue.length, context);
  const n = yTrue.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  let nThresholds = 0;
  let fp = 0;
  let tp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const w = weight[i] as number;
    if (yTrue[i] === 1) tp += w;
    else fp += w;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      fps[nThresholds] = fp;
      tps[nThresholds] = tp;
      nThresholds++;
    }
  }
  if (tp <= 0 || fp <= 0) {
    throw new MlInputError(`${context}: yTrue has a single class; the metric is undefined without both 0 and 1`);
  }
  return { fps: fps.subarray(0, nThresholds), tps: tps.subarray(0, nThresholds) };
}

/** Area under the ROC curve (trapezoids, so tied scores count one half), as scikit-learn's `roc_auc_score`. */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: MetricOptions = {}): number {
  const { fps, tps } = thresholdCurve(yTrue, scores, options, 'rocAuc');
  const last = fps.length - 1;
  const negatives = fps[last] as number;
  const positives = tps[last] as number;
  let area = 0;
  let fprBefore = 0;
  let tprBefore = 0;
  for (let k = 0; k <= last; k++) {
    const fpr = (fps[k] as number) / negatives;
    const tpr = (tps[k] as number) / positives;
    area += ((fpr - fprBefore) * (tpr + tprBefore)) / 2;
    fprBefore = fpr;
    tprBefore = tpr;
  }
  return area;
}

/**
 * Average precision, Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds: the step-wise area under the precision–recall
 * curve of scikit-learn's `average_precision_score` (no trapezoids, which would be optimistic).
 */
export function prAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>, options: MetricOptions = {}): number {
  const { fps, tps } = thresholdCurve(yTrue, scores, options, 'prAuc');
  const positives = tps[tps.length - 1] as number;
  let area = 0;
  let recallBefore = 0;
  for (let k = 0; k < tps.length; k++) {
    const tp = tps[k] as number;
    const predicted = tp + (fps[k] as number);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = tp / positives;
    area += (recall - recallBefore) * precision;
    recallBefore = recall;
  }
  return area;
}

export type LogLossOptions = MetricOptions & {
  /** Probabilities are clipped to [eps, 1 − eps] so a confident mistake costs a finite amount. */
  eps?: number;
};

/** Mean negative log-likelihood of the 0/1 labels, clipped like scikit-learn's `log_loss` (eps = 2⁻⁵² by default). */
export function logLoss(yTrue: ArrayLike<number>, p: ArrayLike<number>, options: LogLossOptions = {}): number {
  const context = 'logLoss';
  checkPair(yTrue, p, context, 'p');
  checkBinaryTargets(yTrue, context);
  checkProbabilities(p, context);
  const eps = options.eps ?? Number.EPSILON;
  if (!(eps >= 0 && eps < 0.5)) throw new MlInputError(`${context}: eps is ${eps}; expected [0, 0.5)`);
  const weight = weightsOrOnes(options.sampleWeight, yTrue.length, context);
  const losses = new Float64Array(yTrue.length);
  for (let i = 0; i < losses.length; i++) {
    const positive = Math.min(Math.max(p[i] as number, eps), 1 - eps);
    const negative = 1 - positive;
    // scikit-learn renormalises the clipped [1 − p, p] row; repeating it keeps results identical to the last bit.
    const sum = negative + positive;
    losses[i] = -Math.log((yTrue[i] === 1 ? positive : negative) / sum);
  }
  return weightedMean(losses, weight);
}

/** Mean squared difference between the probability and the 0/1 label. */
export function brierScore(yTrue: ArrayLike<number>, p: ArrayLike<number>, options: MetricOptions = {}): number {
  const context = 'brierScore';
  checkPair(yTrue, p, context, 'p');
  checkBinaryTargets(yTrue, context);
  checkProbabilities(p, context);
  const weight = weightsOrOnes(options.sampleWeight, yTrue.length, context);
  const squared = new Float64Array(yTrue.length);
  for (let i = 0; i < squared.length; i++) {
    const error = (yTrue[i] as number) - (p[i] as number);
    squared[i] = error * error;
  }
  return weightedMean(squared, weight);
}

/** Weighted counts when sample weights are given. */
export type ConfusionMatrix = { tp: number; fp: number; tn: number; fn: number };

export type ThresholdMetrics = {
  accuracy: number;
  /** 0 when nothing is predicted positive (scikit-learn's zero_division default). */
  precision: number;
  /** 0 when there is no positive row. */
  recall: number;
  f1: number;
  confusion: ConfusionMatrix;
};

/** Accuracy, precision, recall and F1 of the decision "positive when p >= threshold". */
export function thresholdMetrics(
  yTrue: ArrayLike<number>,
  p: ArrayLike<number>,
  threshold = 0.5,
  options: MetricOptions = {},
): ThresholdMetrics {
  const context = 'thresholdMetrics';
  checkPair(yTrue, p, context, 'p');
  checkBinaryTargets(yTrue, context);
  if (Number.isNaN(threshold)) throw new MlInputError(`${context}: threshold is NaN`);
  const weight = weightsOrOnes(options.sampleWeight, yTrue.length, context);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const w = weight[i] as number;
    const predictedPositive = (p[i] as number) >= threshold;
    if (yTrue[i] === 1) {
      if (predictedPositive) tp += w;
      else fn += w;
    } else if (predictedPositive) fp += w;
    else tn += w;
  }
  const errors = fp + fn;
  return {
    accuracy: (tp + tn) / (tp + tn + errors),
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    recall: tp + fn > 0 ? tp / (tp + fn) : 0,
    f1: tp > 0 ? (2 * tp) / (2 * tp + errors) : 0,
    confusion: { tp, fp, tn, fn },
  };
}
