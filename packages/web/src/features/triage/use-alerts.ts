import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AlertTransition, triageQueryKey } from '@/features/lead/use-triage';
import { apiGet, apiPost } from '@/lib/api';
import { type AlertFilters, afterTransition, alertsApiPath } from './alert-filters';
import type { InboxAlert } from './types';

const ALERTS_KEY = ['alerts'] as const;
type AlertList = { items: InboxAlert[] };

export function useAlerts(filters: AlertFilters) {
  const path = alertsApiPath(filters);
  return useQuery({
    queryKey: [...ALERTS_KEY, path],
    queryFn: async ({ signal }): Promise<InboxAlert[]> => (await apiGet<AlertList>(path, { signal })).items,
    placeholderData: keepPreviousData,
  });
}

/**
 * Acknowledge or resolve an alert. The row changes at once and goes back if the server refuses; afterwards the inbox
 * reloads (a resolved alert leaves the default view) and so does any lead's triage panel that shows the alert.
 */
export function useInboxTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ alert, transition }: { alert: InboxAlert; transition: AlertTransition }) =>
      apiPost<InboxAlert>(`/ai/alerts/${encodeURIComponent(alert.id)}/${transition}`),
    onMutate: async ({ alert, transition }) => {
      await queryClient.cancelQueries({ queryKey: ALERTS_KEY });
      const previous = queryClient.getQueriesData<InboxAlert[]>({ queryKey: ALERTS_KEY });
      const changed = afterTransition(alert, transition, new Date());
      queryClient.setQueriesData<InboxAlert[]>({ queryKey: ALERTS_KEY }, (items) =>
        items?.map((item) => (item.id === alert.id ? changed : item)),
      );
      return { previous };
    },
    onError: (_error, _variables, context) => {
      for (const [key, items] of context?.previous ?? []) queryClient.setQueryData(key, items);
    },
    // A 409 means someone else already moved the alert on: reloading shows where it is now.
    onSettled: (_data, _error, { alert }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ALERTS_KEY }),
        queryClient.invalidateQueries({ queryKey: triageQueryKey(alert.person_id) }),
      ]),
  });
}
