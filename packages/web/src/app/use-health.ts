import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api';

export type Health = {
  status: string;
  database: {
    kind: 'pglite' | 'postgres';
    reachable: boolean;
    migrations: { applied: number; latest: string | null };
  };
  version: string;
  /** Demo mode shows the demo accounts on the sign-in page; missing means production. */
  mode?: 'demo' | 'production';
};

export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => apiGet<Health>('/health', { signal }),
    refetchInterval: 30_000,
    retry: false,
  });
}
