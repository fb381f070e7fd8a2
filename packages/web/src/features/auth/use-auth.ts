import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiGet, apiPost, isApiError } from '@/lib/api';
import { type Me, SIGN_IN_PATH } from './me';

export const ME_QUERY_KEY = ['me'] as const;

/** The signed-in user: `Me`, `null` when signed out (GET /auth/me answered 401). */
export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await apiGet<Me>('/auth/me', { signal });
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) => apiPost<{ user: Me }>('/auth/login', credentials),
    onSuccess: ({ user }) => {
      // Nothing cached from a previous session (or a 401 answer) should survive into this one.
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, user);
    },
  });
}

/** POST /auth/logout, then go to the sign-in page and forget everything cached for this user. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      try {
        await apiPost('/auth/logout');
      } catch {
        // Signed out locally even if the server could not be told; its session expires on its own.
      }
    },
    onSettled: async () => {
      await navigate(SIGN_IN_PATH, { replace: true });
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
    },
  });
}
