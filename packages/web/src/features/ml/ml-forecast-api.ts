import { useQuery } from '@tanstack/react-query';
import { apiPost } from '@/lib/api';
import type { MlConfidenceLabel } from './types';

/** POST /ai/ml-models/forecast: one lead's forecast from the active model, with its timing, cohort and season. */
export type MlLeadForecast = {
  lead_id: string | null;
  model_id: string;
  horizon_days: number;
  conversion_probability: number;
  probability_within_model_horizon: number;
  confidence_interval: { lower: number; upper: number; standard_error: number } | null;
  model_horizon_interval: { lower: number; upper: number; standard_error: number } | null;
  eta_days: number | null;
  cohort_performance: {
    cohort: string;
    cohort_size: number;
    similar_leads_conversion_rate: number;
    performance_tier: 'high' | 'medium' | 'low';
  } | null;
  feature_importance: Record<string, number>;
  model_confidence: number;
  confidence_label: MlConfidenceLabel;
  seasonal_factors: { current_month_factor: number; next_peak_month: number; basis: string } | null;
  ignored_fields: string[];
  notes: string[];
  generated_at: string;
};

/** What the forecast endpoint accepts: a stored lead, or a lead described by its raw fields. */
export type MlForecastRequest = {
  lead_id?: string;
  lead_features?: Record<string, unknown>;
  forecast_horizon_days?: number;
};

export function postMlForecast(request: MlForecastRequest): Promise<MlLeadForecast> {
  return apiPost<MlLeadForecast>('/ai/ml-models/forecast', request);
}

/** The horizon staff plan outreach on: the next three months. */
export const LEAD_FORECAST_HORIZON_DAYS = 90;

/** A stored lead's forecast, asked again when the active model changes. */
export function useLeadMlForecast(leadId: string, modelId: string | null) {
  return useQuery({
    queryKey: ['ml-forecast', modelId, leadId],
    queryFn: () => postMlForecast({ lead_id: leadId, forecast_horizon_days: LEAD_FORECAST_HORIZON_DAYS }),
    enabled: modelId !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
