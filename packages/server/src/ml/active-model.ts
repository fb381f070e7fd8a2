import { type LoadedConversionModel, loadConversionModel } from '@ivy/core';
import { activeModelId, modelArtifact, type Tx } from '@ivy/db';

export type ServingModel = { id: string; model: LoadedConversionModel };
export type ActiveModelCache = {
  get(): Promise<ServingModel | null>;
  /** A registered model by id, active or not (to compare models on one lead); null when there is no such model. */
  byId(id: string): Promise<ServingModel | null>;
};

/** Loaded estimators kept besides the active one: enough to try a few registered models in turn. */
const KEPT_MODELS = 4;

/**
 * The active model, loaded once and reloaded when another one is activated — on this instance or any other: each
 * call asks the database which model is active (one indexed row) and loads the estimator only when that changed.
 */
export function createActiveModelCache(db: Tx): ActiveModelCache {
  const loaded = new Map<string, Promise<ServingModel | null>>();
  function load(id: string): Promise<ServingModel | null> {
    let serving = loaded.get(id);
    if (!serving) {
      serving = modelArtifact(db, id).then((artifact) =>
        artifact === null ? null : { id, model: loadConversionModel(artifact) },
      );
      loaded.set(id, serving);
      serving.then(
        (model) => model === null && loaded.delete(id),
        () => loaded.delete(id),
      );
      for (const old of loaded.keys()) {
        if (loaded.size <= KEPT_MODELS) break;
        loaded.delete(old);
      }
    }
    return serving;
  }
  return {
    async get() {
      const id = await activeModelId(db);
      if (id === null) return null;
      const serving = await load(id);
      if (serving === null) throw new Error(`model ${id} vanished while loading`);
      return serving;
    },
    byId: load,
  };
}
