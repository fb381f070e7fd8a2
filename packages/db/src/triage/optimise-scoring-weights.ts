import { type FactorWeights, optimiseFactorWeights } from '@ivy/core';
import type { Tx } from '../client';
import type { AuditContext } from '../identity/audit';
import { activeScoringWeights, recordWeightsChange } from './scoring-weights';
import { weightsTrainingRows } from './weights-training-rows';

export type WeightsOptimisationReport =
  | { decision: 'insufficient_data'; reason: string; enrolled: number; not_enrolled: number }
  | {
      decision: 'adopted' | 'rejected';
      reason: string;
      old_version: number;
      new_version: number | null;
      old_weights: FactorWeights;
      proposed_weights: FactorWeights;
      auc_current: number;
      auc_proposed: number;
      training_rows: number;
      held_out_rows: number;
    };

/**
 * One run of the weights optimiser on the database's own outcomes; adoption or rejection is recorded in the weights
 * audit with both AUCs. Too few outcomes decide nothing and record nothing.
 */
export async function optimiseScoringWeights(
  db: Tx,
  { now, audit }: { now: Date; audit: AuditContext },
): Promise<WeightsOptimisationReport> {
  const rows = await weightsTrainingRows(db, { now });
  const current = await activeScoringWeights(db);
  const result = optimiseFactorWeights(rows, current.weights);
  if (result.kind === 'insufficient_data') {
    return {
      decision: 'insufficient_data',
      reason: `Needs at least ${result.needed_per_class} enrolled and ${result.needed_per_class} lost leads with outcomes in the last two years; has ${result.enrolled} and ${result.not_enrolled}`,
      enrolled: result.enrolled,
      not_enrolled: result.not_enrolled,
    };
  }
  const details = {
    auc_current: result.auc_current,
    auc_proposed: result.auc_proposed,
    training_rows: result.training_rows,
    held_out_rows: result.held_out_rows,
    fitted_weights: result.fitted,
  };
  const saved = await recordWeightsChange(
    db,
    { weights: result.proposed, reason: `Optimiser: ${result.reason}`, decision: result.decision, details },
    audit,
  );
  return {
    decision: result.decision,
    reason: result.reason,
    old_version: current.version,
    new_version: result.decision === 'adopted' ? saved.version : null,
    old_weights: current.weights,
    proposed_weights: result.proposed,
    auc_current: result.auc_current,
    auc_proposed: result.auc_proposed,
    training_rows: result.training_rows,
    held_out_rows: result.held_out_rows,
  };
}
