import { TriangleAlert } from 'lucide-react';
import { createContext, type ReactNode, use } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { type Me, signInUrl } from '@/features/auth/me';
import { useMe } from '@/features/auth/use-auth';

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside `RequireAuth`. */
export function useCurrentUser(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useCurrentUser() outside <RequireAuth>');
  return me;
}

function ShellSkeleton() {
  return (
    <div className="flex h-dvh flex-col" aria-busy="true">
      <span className="sr-only" role="status">
        Loading Ivy…
      </span>
      <div className="flex h-14 shrink-0 items-center gap-4 bg-chrome px-4">
        <Skeleton className="size-8 rounded-lg bg-chrome-raised" />
        <Skeleton className="h-4 w-24 bg-chrome-raised" />
        <div className="flex-1" />
        <Skeleton className="size-8 rounded-full bg-chrome-raised" />
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="flex w-16 shrink-0 flex-col gap-2 border-r border-border bg-card px-3 py-4 xl:w-56">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
        <div className="flex-1 space-y-4 p-6">
          <Skeleton className="h-7 w-48" />
          <Skeleton className="h-64 w-full" />
        </div>
      </div>
    </div>
  );
}

/** Renders `children` for a signed-in user; sends anyone else to the sign-in page, to come back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, error, isPending, refetch, isFetching } = useMe();
  const location = useLocation();

  if (isPending) return <ShellSkeleton />;
  if (me) return <MeContext value={me}>{children}</MeContext>;
  if (error) {
    return (
      <div className="mx-auto max-w-3xl p-6">
        <Card>
          <EmptyState
            icon={TriangleAlert}
            tone="danger"
            title="Ivy could not check who you are"
            description={error.message}
          >
            <Button variant="outline" onClick={() => void refetch()} disabled={isFetching}>
              Try again
            </Button>
          </EmptyState>
        </Card>
      </div>
    );
  }
  return <Navigate to={signInUrl(`${location.pathname}${location.search}`)} replace />;
}
