import { eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { mlModels } from '../schema';

const analysisColumns = {
  id: mlModels.id,
  algorithm: mlModels.algorithm,
  created_at: mlModels.created_at,
  input_features: mlModels.input_features,
  feature_importance: mlModels.feature_importance,
  metrics: mlModels.metrics,
};

export type ModelForAnalysis = {
  [K in keyof typeof analysisColumns]: (typeof mlModels.$inferSelect)[K];
};

/** What a model's quality and feature analysis needs (not the estimator): the given model, or the active one. */
export async function modelForAnalysis(db: Tx, id: string | null): Promise<ModelForAnalysis | null> {
  const [model] = await db
    .select(analysisColumns)
    .from(mlModels)
    .where(id === null ? eq(mlModels.active, true) : eq(mlModels.id, id));
  return model ?? null;
}
