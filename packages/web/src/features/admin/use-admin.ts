import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@/features/auth/me';
import { apiDelete, apiGet, apiPost, apiPut } from '@/lib/api';
import { type AuditFilters, auditApiPath, type UserFilters, usersApiPath } from './admin-filters';
import type { AdminUser, AuditPage, Team, UserList } from './types';

export const ADMIN_PAGE_SIZE = 50;
const USERS_KEY = ['admin-users'] as const;
const AUDIT_KEY = ['audit-logs'] as const;

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: [...USERS_KEY, usersApiPath(filters, { limit: ADMIN_PAGE_SIZE, offset: 0 })],
    queryFn: ({ pageParam, signal }) =>
      apiGet<UserList>(usersApiPath(filters, { limit: ADMIN_PAGE_SIZE, offset: pageParam }), { signal }),
    initialPageParam: 0,
    getNextPageParam: (lastPage, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.users.length, 0);
      return lastPage.users.length > 0 && loaded < lastPage.total ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
}

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: ['teams'],
    queryFn: ({ signal }) => apiGet<{ items: Team[] }>('/teams', { signal }).then((body) => body.items),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export type NewUser = { email: string; full_name: string; role: Role; team_id: string | null; password: string };

function useInvalidateAdmin() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: USERS_KEY }),
      queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
    ]);
}

const userPath = (username: string) => `/ai/users/${encodeURIComponent(username)}`;

export function useCreateUser() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (user: NewUser) => apiPost<AdminUser>('/ai/users/create', user),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: ({ username, ...changes }: { username: string; role?: Role; is_active?: boolean }) =>
      apiPut<AdminUser>(userPath(username), changes),
    onSuccess: invalidate,
  });
}

export function useDeactivateUser() {
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (username: string) => apiDelete<AdminUser>(userPath(username)),
    onSuccess: invalidate,
  });
}

export function useAuditLogs(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...AUDIT_KEY, auditApiPath(filters, { limit: ADMIN_PAGE_SIZE })],
    queryFn: ({ pageParam, signal }) =>
      apiGet<AuditPage>(auditApiPath(filters, { limit: ADMIN_PAGE_SIZE, cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
