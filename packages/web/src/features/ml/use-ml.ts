import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiGet, apiPost } from '@/lib/api';
import type { LeadPrediction, MlHealth, PredictionBatch } from './types';

export const ML_HEALTH_KEY = ['ml-health'] as const;
const PREDICTIONS_KEY = 'ml-predictions';
/** While a model trains, how often to ask whether it is done. */
const TRAINING_POLL_MS = 3000;
/** With no model and no job, training may still be about to start (it is queued after start-up). */
const NO_MODEL_POLL_MS = 15_000;

/** Whether predictions are available; polls until a model is ready. */
export function useMlHealth(enabled: boolean) {
  return useQuery({
    queryKey: ML_HEALTH_KEY,
    queryFn: ({ signal }) => apiGet<MlHealth>('/ai/advanced-ml/health', { signal }),
    enabled,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status === 'training') return TRAINING_POLL_MS;
      if (status === 'no_model') return NO_MODEL_POLL_MS;
      return false;
    },
  });
}

async function predict(ids: readonly string[]): Promise<Map<string, LeadPrediction>> {
  const batch = await apiPost<PredictionBatch>('/ai/leads/predict-batch', { lead_ids: ids });
  return new Map(batch.predictions.map((prediction) => [prediction.lead_id, prediction]));
}

/**
 * Predictions for groups of leads (the table's pages), one batch call per group, cached by the model and the ids so
 * a page already seen is not predicted again, and a new model's predictions replace the old ones.
 */
export function useLeadPredictions(groups: readonly (readonly string[])[], modelId: string | null) {
  // The same ids twice (a page refetched while its old copy is still shown) would be two observers of one query.
  const distinct = [...new Map(groups.map((ids) => [ids.join(','), ids])).values()];
  return useQueries({
    queries: distinct.map((ids) => ({
      queryKey: [PREDICTIONS_KEY, modelId, ids],
      queryFn: () => predict(ids),
      enabled: modelId !== null && ids.length > 0,
      staleTime: 5 * 60_000,
    })),
    combine: (results) => {
      const byId = new Map<string, LeadPrediction>();
      for (const result of results) for (const [id, prediction] of result.data ?? []) byId.set(id, prediction);
      return {
        byId,
        isLoading: results.some((result) => result.isPending && result.fetchStatus !== 'idle'),
        isFetching: results.some((result) => result.isFetching),
        error: results.find((result) => result.error)?.error ?? null,
      };
    },
  });
}

/** Asks again whether a model is ready and re-predicts everything shown ("Refresh ML"). */
export function useRefreshMl() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ML_HEALTH_KEY }),
        queryClient.invalidateQueries({ queryKey: [PREDICTIONS_KEY] }),
      ]),
    [queryClient],
  );
}
