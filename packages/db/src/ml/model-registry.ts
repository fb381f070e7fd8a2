import type { TrainedConversionModel } from '@ivy/core';
import { desc, eq, getTableColumns } from 'drizzle-orm';
import type { Tx } from '../client';
import { type AuditContext, appendAudit } from '../identity/audit';
import { mlModels, mlTrainingJobs } from '../schema';

const { artifact: _artifact, ...summaryColumns } = getTableColumns(mlModels);

export type ModelSummary = Omit<typeof mlModels.$inferSelect, 'artifact'>;

export type TrainingWindow = { start: Date; end: Date; horizonDays: number };

/**
 * Registers a trained model and completes its job in ONE transaction, so a crash at any earlier moment leaves no
 * model and a job that is still running (then failed as interrupted). The first model ever, or any model when
 * `activate` is set, becomes the active one.
 */
export async function registerTrainedModel(
  db: Tx,
  {
    jobId,
    model,
    window,
    trainedBy,
    activate,
    audit,
  }: {
    jobId: string;
    model: TrainedConversionModel;
    window: TrainingWindow;
    trainedBy: string | null;
    activate: boolean;
    audit: AuditContext;
  },
): Promise<ModelSummary> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ id: mlModels.id }).from(mlModels).where(eq(mlModels.active, true));
    const makeActive = activate || !current;
    if (makeActive && current) await tx.update(mlModels).set({ active: false }).where(eq(mlModels.id, current.id));
    const [stored] = await tx
      .insert(mlModels)
      .values({
        algorithm: model.algorithm,
        hyper_parameters: model.hyper_parameters,
        input_features: model.input_features,
        training_window_start: window.start,
        training_window_end: window.end,
        horizon_days: window.horizonDays,
        row_count: model.metrics.rows,
        metrics: model.metrics,
        feature_importance: model.feature_importance,
        artifact: model.artifact,
        trained_by: trainedBy,
        training_job_id: jobId,
        active: makeActive,
        activated_at: makeActive ? audit.at : null,
        created_at: audit.at,
      })
      .returning(summaryColumns);
    if (!stored) throw new Error('inserting the model returned nothing');
    await tx
      .update(mlTrainingJobs)
      .set({
        status: 'completed',
        progress: 1,
        message: 'Model registered',
        model_id: stored.id,
        finished_at: audit.at,
      })
      .where(eq(mlTrainingJobs.id, jobId));
    await appendAudit(tx, {
      ...audit,
      action: 'ml.model.register',
      resourceType: 'ai_models',
      resourceId: stored.id,
      outcome: 'success',
      details: { algorithm: stored.algorithm, cv_roc_auc: model.metrics.cv_roc_auc, active: makeActive },
    });
    return stored;
  });
}

/** What a training job keeps of its model: enough to compare, not the estimator. */
export function trainingResult(model: TrainedConversionModel): Record<string, unknown> {
  return {
    algorithm: model.algorithm,
    metrics: model.metrics,
    feature_importance: model.feature_importance,
    input_features: model.input_features,
  };
}

/** Completes a job whose model was trained to be looked at, not kept (`save_model: false`). */
export async function completeUnsavedTraining(db: Tx, jobId: string, model: TrainedConversionModel, at: Date) {
  await db
    .update(mlTrainingJobs)
    .set({
      status: 'completed',
      progress: 1,
      message: 'Trained; not saved',
      result: trainingResult(model),
      finished_at: at,
    })
    .where(eq(mlTrainingJobs.id, jobId));
}

export async function listModels(db: Tx, limit = 100): Promise<ModelSummary[]> {
  return db.select(summaryColumns).from(mlModels).orderBy(desc(mlModels.created_at)).limit(limit);
}

export async function activeModelSummary(db: Tx): Promise<ModelSummary | null> {
  const [model] = await db.select(summaryColumns).from(mlModels).where(eq(mlModels.active, true));
  return model ?? null;
}

/** Makes a registered model the active one; null when there is no such model. */
export async function activateModel(db: Tx, id: string, audit: AuditContext): Promise<ModelSummary | null> {
  return db.transaction(async (tx) => {
    const [target] = await tx.select(summaryColumns).from(mlModels).where(eq(mlModels.id, id));
    if (!target) return null;
    if (target.active) return target;
    await tx.update(mlModels).set({ active: false }).where(eq(mlModels.active, true));
    const [activated] = await tx
      .update(mlModels)
      .set({ active: true, activated_at: audit.at })
      .where(eq(mlModels.id, id))
      .returning(summaryColumns);
    await appendAudit(tx, {
      ...audit,
      action: 'ml.model.activate',
      resourceType: 'ai_models',
      resourceId: id,
      outcome: 'success',
      details: { algorithm: target.algorithm },
    });
    return activated ?? null;
  });
}

/** The active model's id alone: cheap enough to ask on every prediction, so every instance follows activations. */
export async function activeModelId(db: Tx): Promise<string | null> {
  const [row] = await db.select({ id: mlModels.id }).from(mlModels).where(eq(mlModels.active, true));
  return row?.id ?? null;
}

export async function modelArtifact(db: Tx, id: string): Promise<unknown | null> {
  const [row] = await db.select({ artifact: mlModels.artifact }).from(mlModels).where(eq(mlModels.id, id));
  return row ? row.artifact : null;
}
