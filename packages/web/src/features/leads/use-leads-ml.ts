import { useMemo } from 'react';
import { useCurrentUser } from '@/app/require-auth';
import { describeHealth } from '@/features/ml/ml-format';
import { useLeadPredictions, useMlHealth, useRefreshMl } from '@/features/ml/use-ml';
import { isApiError } from '@/lib/api';
import type { MlCellState } from './ml-columns';
import type { LeadPage } from './types';

/**
 * The conversion model's view of the loaded leads: one predict-batch call per loaded page, made once a model is
 * ready. `cells` is null when the user may not see forecasts, which hides the columns.
 */
export function useLeadsMl(pages: readonly LeadPage[] | undefined) {
  const allowed = useCurrentUser().permissions.includes('ai_forecasting');
  const health = useMlHealth(allowed);
  const modelId = health.data?.status === 'ready' ? (health.data.active_model?.id ?? null) : null;
  const groups = useMemo(() => (pages ?? []).map((page) => page.items.map((lead) => lead.id)), [pages]);
  const predictions = useLeadPredictions(allowed ? groups : [], modelId);
  const refresh = useRefreshMl();

  const forbidden = isApiError(health.error) && health.error.status === 403;
  const status = health.data ? describeHealth(health.data) : health.error ? health.error.message : null;
  const cells = useMemo<MlCellState | null>(() => {
    if (!allowed || forbidden) return null;
    return {
      byId: predictions.byId,
      loading: health.isPending || predictions.isLoading,
      unavailable: predictions.error?.message ?? status,
    };
  }, [allowed, forbidden, predictions.byId, predictions.isLoading, predictions.error, health.isPending, status]);

  return {
    cells,
    health: health.data ?? null,
    status,
    busy: health.isFetching || predictions.isFetching,
    refresh,
  };
}
