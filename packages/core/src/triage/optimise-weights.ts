import { LogisticRegression, Matrix, rocAuc, trainTestSplit } from '@ivy/ml';
import { FACTOR_MAX_POINTS, factorPoints, sourceRatesFrom } from './factors';
import type { LeadSignals, SourceOutcomes } from './lead-signals';
import type { FactorWeights } from './score-lead';
import { FACTORS, type Factor, type WeightDecision } from './vocabulary';

/** A decided lead as it looked at its snapshot date, and whether it went on to enrol. */
export type WeightsTrainingRow = { signals: LeadSignals; enrolled: boolean };

/** The largest change of any one (normalised) weight per optimisation: weights drift, they never jump. */
export const MAX_WEIGHT_STEP = 0.05;
/** No factor is switched off entirely by one season's data. */
const MIN_WEIGHT = 0.02;
export const HELD_OUT_FRACTION = 0.25;
/** Below this, a held-out AUC is too noisy to decide anything on. */
export const MIN_OUTCOMES_PER_CLASS = 30;

export type WeightsOptimisation =
  | { kind: 'insufficient_data'; enrolled: number; not_enrolled: number; needed_per_class: number }
  | {
      kind: 'evaluated';
      decision: WeightDecision;
      reason: string;
      proposed: FactorWeights;
      /** Held-out ROC AUC of the score under the current and the proposed weights. */
      auc_current: number;
      auc_proposed: number;
      training_rows: number;
      held_out_rows: number;
      /** The refit before the step limit (each weight at least MIN_WEIGHT): where the weights are heading. */
      fitted: FactorWeights;
    };

/** Weights as shares summing to one, whatever scale they were given in. */
export function normaliseFactorWeights(weights: FactorWeights): FactorWeights {
  const total = FACTORS.reduce((sum, factor) => sum + weights[factor], 0);
  return Object.fromEntries(FACTORS.map((factor) => [factor, weights[factor] / total])) as FactorWeights;
}

/** Every weight at least MIN_WEIGHT, shares again. */
function floored(weights: FactorWeights): FactorWeights {
  return normaliseFactorWeights(
    Object.fromEntries(FACTORS.map((factor) => [factor, Math.max(weights[factor], MIN_WEIGHT)])) as FactorWeights,
  );
}

/** Four decimals: what is stored and shown. */
export function roundFactorWeights(weights: FactorWeights): FactorWeights {
  return Object.fromEntries(
    FACTORS.map((factor) => [factor, Math.round(weights[factor] * 1e4) / 1e4]),
  ) as FactorWeights;
}

function outcomesOf(rows: readonly WeightsTrainingRow[], indices: Int32Array): SourceOutcomes {
  const outcomes: SourceOutcomes = {};
  for (const index of indices) {
    const row = rows[index] as WeightsTrainingRow;
    const entry = outcomes[row.signals.source] ?? { leads: 0, enrolled: 0 };
    entry.leads += 1;
    if (row.enrolled) entry.enrolled += 1;
    outcomes[row.signals.source] = entry;
  }
  return outcomes;
}

/** Each factor's share of its maximum points: the features the score is a weighted sum of. */
function factorShares(rows: readonly WeightsTrainingRow[], indices: Int32Array, outcomes: SourceOutcomes): Matrix {
  const rates = sourceRatesFrom(outcomes);
  const values = new Float64Array(indices.length * FACTORS.length);
  indices.forEach((index, i) => {
    const points = factorPoints((rows[index] as WeightsTrainingRow).signals, rates);
    FACTORS.forEach((factor, j) => {
      values[i * FACTORS.length + j] = points[factor] / FACTOR_MAX_POINTS[factor];
    });
  });
  return Matrix.fromRowMajor(values, indices.length, FACTORS.length);
}

function weightedScores(shares: Matrix, weights: FactorWeights): Float64Array {
  const scores = new Float64Array(shares.nRows);
  FACTORS.forEach((factor: Factor, j) => {
    const column = shares.column(j);
    for (let i = 0; i < scores.length; i += 1)
      scores[i] = (scores[i] as number) + weights[factor] * (column[i] as number);
  });
  return scores;
}

/**
 * Refits the factor weights on enrolment outcomes: a logistic regression of "enrolled" on each factor's share of its
 * points, whose (floored, normalised) coefficients are where the weights should go. Each weight moves at most
 * MAX_WEIGHT_STEP towards that, and the result is adopted only when its ROC AUC on a held-out quarter of the leads is
 * not worse than the current weights'. Source quality is computed from the training part's outcomes alone, so the
 * held-out leads' own outcomes never inform their scores.
 */
export function optimiseFactorWeights(
  rows: readonly WeightsTrainingRow[],
  current: FactorWeights,
  { randomState = 0 }: { randomState?: number } = {},
): WeightsOptimisation {
  const labels = Float64Array.from(rows, (row) => (row.enrolled ? 1 : 0));
  const enrolled = labels.reduce((sum, label) => sum + label, 0);
  const notEnrolled = rows.length - enrolled;
  if (enrolled < MIN_OUTCOMES_PER_CLASS || notEnrolled < MIN_OUTCOMES_PER_CLASS) {
    return {
      kind: 'insufficient_data',
      enrolled,
      not_enrolled: notEnrolled,
      needed_per_class: MIN_OUTCOMES_PER_CLASS,
    };
  }
  const { train, test } = trainTestSplit(labels, { testFraction: HELD_OUT_FRACTION, stratify: true, randomState });
  const trainingOutcomes = outcomesOf(rows, train);
  const trainShares = factorShares(rows, train, trainingOutcomes);
  const testShares = factorShares(rows, test, trainingOutcomes);
  const model = new LogisticRegression({ solver: 'newton', C: 1 }).fit(
    trainShares,
    Array.from(train, (index) => labels[index] as number),
  );

  const from = normaliseFactorWeights(current);
  const positive = Object.fromEntries(
    FACTORS.map((factor, j) => [factor, Math.max(model.coefficients[j] as number, 0)]),
  ) as FactorWeights;
  // When no factor predicts enrolment at all, the refit has no direction to offer.
  const fitted = FACTORS.some((factor) => positive[factor] > 0) ? floored(normaliseFactorWeights(positive)) : from;
  // A step along the straight line towards the refit keeps the weights summing to one and bounds every move.
  const largestMove = Math.max(...FACTORS.map((factor) => Math.abs(fitted[factor] - from[factor])));
  const fraction = largestMove > MAX_WEIGHT_STEP ? MAX_WEIGHT_STEP / largestMove : 1;
  const stepped = Object.fromEntries(
    FACTORS.map((factor) => [factor, from[factor] + fraction * (fitted[factor] - from[factor])]),
  ) as FactorWeights;
  const proposed = roundFactorWeights(stepped);

  const testLabels = Array.from(test, (index) => labels[index] as number);
  const aucCurrent = rocAuc(testLabels, weightedScores(testShares, from));
  const aucProposed = rocAuc(testLabels, weightedScores(testShares, proposed));
  const unchanged = FACTORS.every((factor) => Math.abs(proposed[factor] - from[factor]) < 5e-4);
  const adopted = !unchanged && aucProposed >= aucCurrent;
  const auc = (value: number) => value.toFixed(4);
  const reason = unchanged
    ? 'The refit agrees with the current weights: nothing to change'
    : adopted
      ? `Held-out ROC AUC ${auc(aucProposed)} is not worse than the current ${auc(aucCurrent)}`
      : `Held-out ROC AUC ${auc(aucProposed)} would be worse than the current ${auc(aucCurrent)}`;
  return {
    kind: 'evaluated',
    decision: adopted ? 'adopted' : 'rejected',
    reason,
    proposed,
    auc_current: aucCurrent,
    auc_proposed: aucProposed,
    training_rows: train.length,
    held_out_rows: test.length,
    fitted: roundFactorWeights(fitted),
  };
}
