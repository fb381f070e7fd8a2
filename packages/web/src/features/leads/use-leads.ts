import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api';
import { type LeadFilters, leadsApiPath } from './lead-filters';
import type { LeadPage } from './types';

export const LEADS_PAGE_SIZE = 50;

/** Pages of leads for the filters, fetched by cursor as the table scrolls. */
export function useLeads(filters: LeadFilters) {
  return useInfiniteQuery({
    queryKey: ['leads', leadsApiPath(filters, { limit: LEADS_PAGE_SIZE })],
    queryFn: ({ pageParam, signal }) =>
      apiGet<LeadPage>(leadsApiPath(filters, { limit: LEADS_PAGE_SIZE, cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor,
    // Keep showing the old rows while a new filter loads, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}
