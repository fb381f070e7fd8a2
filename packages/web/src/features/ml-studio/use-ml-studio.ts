import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeadPage } from '@/features/leads/types';
import { LEAD_FORECAST_HORIZON_DAYS, postMlForecast } from '@/features/ml/ml-forecast-api';
import { ML_HEALTH_KEY } from '@/features/ml/use-ml';
import { apiGet, apiPost, isApiError, withQuery } from '@/lib/api';
import type { FeatureAnalysis, ForecastRequest, ModelSummary, TrainingBody, TrainingJob } from './types';

const MODELS_KEY = ['ml-models'] as const;
const ANALYSIS_KEY = 'ml-feature-analysis';
/** A running job is polled this often: its progress moves every second or two. */
const JOB_POLL_MS = 1000;

/** While a first model trains, how often an empty registry or a missing analysis is asked again. */
const FIRST_MODEL_POLL_MS = 3000;

/** The registry; `awaitingFirst` (a first model is training) keeps asking while it is empty. */
export function useModels(awaitingFirst = false) {
  return useQuery({
    queryKey: MODELS_KEY,
    queryFn: ({ signal }) => apiGet<{ models: ModelSummary[] }>('/ai/advanced-ml/models', { signal }),
    select: (data) => data.models,
    refetchInterval: (query) => (awaitingFirst && query.state.data?.models.length === 0 ? FIRST_MODEL_POLL_MS : false),
  });
}

/** The analysis of one model, or of the active one when `modelId` is null (409 while there is none). */
export function useFeatureAnalysis(modelId: string | null, awaitingFirst = false) {
  return useQuery({
    queryKey: [ANALYSIS_KEY, modelId],
    queryFn: ({ signal }) =>
      apiGet<FeatureAnalysis>(withQuery('/ai/advanced-ml/feature-analysis', { model_id: modelId }), { signal }),
    // A stored model never changes; only which one is active does, and that is keyed separately (null).
    staleTime: modelId === null ? 0 : Number.POSITIVE_INFINITY,
    retry: false,
    // 409 means no model is active yet: once the first one is trained, show it without a reload.
    refetchInterval: (query) =>
      awaitingFirst && isApiError(query.state.error) && query.state.error.status === 409 ? FIRST_MODEL_POLL_MS : false,
  });
}

export function useStartTraining() {
  return useMutation({
    mutationFn: (body: TrainingBody) => apiPost<TrainingJob>('/ai/advanced-ml/train', body),
  });
}

/** A training job, polled while it is queued or running; when it ends the registry and health are asked again. */
export function useTrainingJob(jobId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['ml-training-job', jobId],
    queryFn: async ({ signal }) => {
      const job = await apiGet<TrainingJob>(`/ai/advanced-ml/jobs/${jobId}`, { signal });
      if (job.status === 'completed' || job.status === 'failed') {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: MODELS_KEY }),
          queryClient.invalidateQueries({ queryKey: ML_HEALTH_KEY }),
          queryClient.invalidateQueries({ queryKey: [ANALYSIS_KEY, null] }),
        ]);
      }
      return job;
    },
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'completed' || status === 'failed' ? false : JOB_POLL_MS;
    },
  });
}

export function useActivateModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (modelId: string) => apiPost<ModelSummary>('/ai/advanced-ml/activate', { model_id: modelId }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: MODELS_KEY }),
        queryClient.invalidateQueries({ queryKey: ML_HEALTH_KEY }),
        queryClient.invalidateQueries({ queryKey: [ANALYSIS_KEY, null] }),
        // The Leads table's predictions came from the previous model.
        queryClient.invalidateQueries({ queryKey: ['ml-predictions'] }),
      ]),
  });
}

/** Leads matching a name or e-mail, for "try a lead"; nothing is asked until two characters are typed. */
export function useLeadSearch(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ['ml-studio-lead-search', q],
    queryFn: ({ signal }) => apiGet<LeadPage>(withQuery('/people/leads', { q, limit: 8 }), { signal }),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });
}

export function useForecast() {
  return useMutation({
    mutationFn: (body: ForecastRequest) =>
      postMlForecast({ ...body, forecast_horizon_days: LEAD_FORECAST_HORIZON_DAYS }),
  });
}
