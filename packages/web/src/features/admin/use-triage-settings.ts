import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiPost } from '@/lib/api';
import type { Factor } from '@/lib/vocabulary';
import { FACTORS } from '@/lib/vocabulary';
import { type ForecastConfig, forecastConfigSchema } from '../../../../core/src/triage/forecast-lead';

export { FACTORS, type ForecastConfig, forecastConfigSchema };

export type ScoringWeights = Record<Factor, number>;
export type WeightDecision = 'adopted' | 'rejected';

/** One adopted or rejected change of the scoring weights, by hand or by the optimiser. */
export type WeightsChange = {
  id: number;
  occurred_at: string;
  actor_label: string;
  decision: WeightDecision;
  old_version: number | null;
  new_version: number | null;
  old_weights: ScoringWeights | null;
  new_weights: ScoringWeights;
  reason: string;
  /** The optimiser's evidence (auc_current, auc_proposed, training_rows, held_out_rows); empty for a hand edit. */
  details: Record<string, unknown>;
};

export type WeightsOverview = {
  active: { version: number; weights: ScoringWeights; reason: string; created_at: string };
  history: WeightsChange[];
};

export type WeightsOptimisation = {
  decision: WeightDecision;
  reason: string;
  old_version: number;
  new_version: number | null;
  old_weights: ScoringWeights;
  proposed_weights: ScoringWeights;
  auc_current: number;
  auc_proposed: number;
  training_rows: number;
  held_out_rows: number;
};

export type ForecastConfigVersion = {
  version: number;
  config: ForecastConfig;
  active: boolean;
  created_at: string;
  created_by_label: string;
};

/** What the Set weights form sends; the server normalises the weights to shares of one. */
export const weightsFormSchema = z.object({
  weights: z.object(
    Object.fromEntries(FACTORS.map((factor) => [factor, z.number().positive().max(1000)])) as Record<
      Factor,
      z.ZodNumber
    >,
  ),
  reason: z.string().trim().min(3, 'Say why the weights change.').max(500, 'Keep the reason to 500 characters.'),
});
export type WeightsForm = z.infer<typeof weightsFormSchema>;

/** A change to the forecast configuration: only the fields that differ from the active one. */
export type ForecastConfigPatch = Partial<Omit<ForecastConfig, 'weights'>> & {
  weights?: Partial<ForecastConfig['weights']>;
};

/** Human wording for a form's validation issues, keyed like `fieldErrors` keys the API's: by the field's own name. */
export function issueMessages(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path.at(-1) ?? '');
    if (!field || field in result) continue;
    if (issue.code === 'invalid_type') {
      result[field] = issue.expected === 'int' ? 'Enter a whole number.' : 'Enter a number.';
    } else if (issue.code === 'too_small' && issue.origin === 'number') {
      result[field] =
        issue.inclusive === false ? `Must be more than ${issue.minimum}.` : `Must be at least ${issue.minimum}.`;
    } else if (issue.code === 'too_big' && issue.origin === 'number') {
      result[field] = `Must be at most ${issue.maximum}.`;
    } else result[field] = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  }
  return result;
}

/** The fields of `next` that differ from `current`: a partial patch, so concurrent edits of other fields survive. */
export function forecastConfigPatch(current: ForecastConfig, next: ForecastConfig): ForecastConfigPatch {
  const patch: ForecastConfigPatch = {};
  for (const key of ['bias', 'eta_base_days', 'eta_engagement_shortening_max', 'min_probability_for_eta'] as const) {
    if (next[key] !== current[key]) patch[key] = next[key];
  }
  const weightKeys = Object.keys(next.weights) as (keyof ForecastConfig['weights'])[];
  const weights = Object.fromEntries(
    weightKeys.filter((key) => next.weights[key] !== current.weights[key]).map((key) => [key, next.weights[key]]),
  );
  if (Object.keys(weights).length > 0) patch.weights = weights;
  return patch;
}

const WEIGHTS_KEY = ['triage-weights'] as const;
const FORECAST_CONFIG_KEY = ['forecast-config'] as const;
const FORECAST_HISTORY_KEY = ['forecast-config-history'] as const;

export function useScoringWeights() {
  return useQuery({
    queryKey: WEIGHTS_KEY,
    queryFn: ({ signal }) => apiGet<WeightsOverview>('/ai/triage/weights', { signal }),
  });
}

/** Adopting new weights re-scores every lead in the background, so cached triage results are stale too. */
function useAfterWeightsChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: WEIGHTS_KEY }),
      queryClient.invalidateQueries({ queryKey: ['triage'] }),
    ]);
}

export function useSetScoringWeights() {
  const queryClient = useQueryClient();
  const afterChange = useAfterWeightsChange();
  return useMutation({
    mutationFn: (form: WeightsForm) => apiPost<WeightsOverview>('/ai/triage/weights', form),
    onSuccess: (overview) => {
      queryClient.setQueryData(WEIGHTS_KEY, overview);
      return afterChange();
    },
  });
}

export function useOptimiseWeights() {
  const afterChange = useAfterWeightsChange();
  return useMutation({
    mutationFn: () => apiPost<WeightsOptimisation>('/ai/triage/weights/optimize'),
    onSuccess: afterChange,
  });
}

export function useForecastConfig() {
  return useQuery({
    queryKey: FORECAST_CONFIG_KEY,
    queryFn: ({ signal }) => apiGet<ForecastConfig & { version: number }>('/ai/forecast/config', { signal }),
  });
}

export function useForecastConfigHistory() {
  return useQuery({
    queryKey: FORECAST_HISTORY_KEY,
    queryFn: ({ signal }) =>
      apiGet<{ versions: ForecastConfigVersion[] }>('/ai/forecast/config/history', { signal }).then(
        (body) => body.versions,
      ),
  });
}

export function useSaveForecastConfig() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ForecastConfigPatch) =>
      apiPost<ForecastConfig & { version: number }>('/ai/forecast/config', patch),
    onSuccess: (saved) => {
      queryClient.setQueryData(FORECAST_CONFIG_KEY, saved);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: FORECAST_HISTORY_KEY }),
        queryClient.invalidateQueries({ queryKey: ['forecast'] }),
      ]);
    },
  });
}
