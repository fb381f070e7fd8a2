import { type LoadedConversionModel, loadConversionModel } from '@ivy/core';
import { activeModelId, modelArtifact, type Tx } from '@ivy/db';

export type ServingModel = { id: string; model: LoadedConversionModel };
export type ActiveModelCache = { get(): Promise<ServingModel | null> };

/**
 * The active model, loaded once and reloaded when another one is activated — on this instance or any other: each
 * call asks the database which model is active (one indexed row) and loads the estimator only when that changed.
 */
export function createActiveModelCache(db: Tx): ActiveModelCache {
  let serving: Promise<ServingModel> | null = null;
  let servingId: string | null = null;
  return {
    async get() {
      const id = await activeModelId(db);
      if (id === null) return null;
      if (id !== servingId || !serving) {
        servingId = id;
        serving = modelArtifact(db, id).then((artifact) => {
          if (artifact === null) throw new Error(`model ${id} vanished while loading`);
          return { id, model: loadConversionModel(artifact) };
        });
        serving.catch(() => {
          if (servingId === id) {
            servingId = null;
            serving = null;
          }
        });
      }
      return serving;
    },
  };
}
