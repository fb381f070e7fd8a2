import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '@/lib/api';
import type { ErasureResult, GdprReport } from './types';

export const GDPR_REPORT_KEY = ['gdpr-report'] as const;

export function useGdprReport() {
  return useQuery({
    queryKey: GDPR_REPORT_KEY,
    queryFn: ({ signal }) => apiGet<GdprReport>('/ai/pii/gdpr/report', { signal }),
  });
}

/** Fetches the subject access export and hands it to the browser as a file download. */
export function useExportPerson(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const document = await apiGet<unknown>(`/people/${encodeURIComponent(personId)}/export`);
      const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
      const link = Object.assign(window.document.createElement('a'), {
        href: url,
        download: `ivy-subject-access-${personId}.json`,
      });
      link.click();
      // The click has started the download; the object URL is no longer needed after this tick.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: GDPR_REPORT_KEY }),
  });
}

export function useErasePerson(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; confirm: string }) =>
      apiPost<ErasureResult>(`/people/${encodeURIComponent(personId)}/erase`, body),
    // The lead, its triage, forecasts, lists and the report all change: refetch whatever is shown.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
