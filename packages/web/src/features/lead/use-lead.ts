import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api';
import type { LeadDetail } from './types';

export function useLead(id: string) {
  return useQuery({
    queryKey: ['lead', id],
    queryFn: ({ signal }) => apiGet<LeadDetail>(`/people/${encodeURIComponent(id)}`, { signal }),
  });
}
