import { QueryClientProvider } from '@tanstack/react-query';
import { Tooltip } from 'radix-ui';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { ME_QUERY_KEY } from '@/features/auth/use-auth';
import { onUnauthorized } from '@/lib/api';
import { createQueryClient } from './query-client';
import { router } from './routes';

export function App() {
  const [queryClient] = useState(createQueryClient);
  // Any API call answering 401 means the session is over: forget the user, and the auth guard sends them to sign in.
  useEffect(() => onUnauthorized(() => queryClient.setQueryData(ME_QUERY_KEY, null)), [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <Tooltip.Provider delayDuration={300}>
        <RouterProvider router={router} />
      </Tooltip.Provider>
    </QueryClientProvider>
  );
}
