import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api';

export type Campus = { id: string; code: string; name: string; city: string };

export type Course = {
  id: string;
  code: string;
  name: string;
  level: string;
  intake: string;
  capacity: number;
  fee_gbp: number;
  department: { id: string; code: string; name: string };
  campus: { id: string; code: string; name: string };
};

/** Campuses and courses change rarely: fetched once per session. */
export function useCampuses() {
  return useQuery({
    queryKey: ['campuses'],
    queryFn: ({ signal }) => apiGet<{ items: Campus[] }>('/campuses', { signal }),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}

export function useCourses() {
  return useQuery({
    queryKey: ['courses'],
    queryFn: ({ signal }) => apiGet<{ items: Course[] }>('/courses', { signal }),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}
