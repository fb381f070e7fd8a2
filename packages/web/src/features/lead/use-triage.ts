import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '@/lib/api';
import type { LeadForecast, LeadTriage } from './triage-types';

export const triageQueryKey = (leadId: string) => ['triage', leadId] as const;

/** The lead's score, factors, blockers and open alerts (POST /ai/triage/leads, which also stores the score). */
export function useLeadTriage(leadId: string, enabled: boolean) {
  return useQuery({
    queryKey: triageQueryKey(leadId),
    queryFn: async () => {
      const { leads } = await apiPost<{ leads: LeadTriage[] }>('/ai/triage/leads', { lead_ids: [leadId] });
      const triage = leads[0];
      if (!triage) throw new Error('The triage service returned nothing for this lead.');
      return triage;
    },
    enabled,
  });
}

/** The lead's conversion forecast (POST /ai/forecast/leads), not persisted: viewing a lead must not rewrite history. */
export function useLeadForecast(leadId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['forecast', leadId],
    queryFn: async () => {
      const { leads } = await apiPost<{ leads: LeadForecast[] }>('/ai/forecast/leads', { lead_ids: [leadId] });
      const forecast = leads[0];
      if (!forecast) throw new Error('The forecast service returned nothing for this lead.');
      return forecast;
    },
    enabled,
  });
}

export type AlertTransition = 'acknowledge' | 'resolve';

/** Acknowledge or resolve one of the lead's alerts, then reload the lead's triage so the panel shows the new status. */
export function useAlertTransition(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ alertId, transition }: { alertId: string; transition: AlertTransition }) =>
      apiPost(`/ai/alerts/${encodeURIComponent(alertId)}/${transition}`),
    // A 409 means someone else already moved the alert on: reloading shows where it is now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: triageQueryKey(leadId) }),
  });
}
