import { useQuery } from '@tanstack/react-query';
import { apiPost, isApiError } from '@/lib/api';
import type { CohortAnalysis, Grouping, WeeklyForecasts } from './types';

/** Cohorts move with every enquiry but not by the second: a minute keeps switching groupings instant. */
const STALE_MS = 60_000;

export function useCohortAnalysis(groupBy: Grouping) {
  return useQuery({
    queryKey: ['cohort-analysis', groupBy],
    queryFn: () => apiPost<CohortAnalysis>('/ai/ml-models/cohort-analysis', { group_by: groupBy }),
    staleTime: STALE_MS,
  });
}

/** Every course in scope at once: the answer is small, and picking another course then needs no request. */
export function useWeeklyForecasts(horizonWeeks: number) {
  return useQuery({
    queryKey: ['weekly-forecasts', horizonWeeks],
    queryFn: () => apiPost<WeeklyForecasts>('/ai/ml-models/time-series-forecast', { horizon_weeks: horizonWeeks }),
    staleTime: STALE_MS,
    // 409 means no course has enough history: asking again will not change that.
    retry: (failures, error) => !(isApiError(error) && error.status === 409) && failures < 3,
  });
}
