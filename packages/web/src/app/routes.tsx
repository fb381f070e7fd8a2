import { TriangleAlert } from 'lucide-react';
import { createBrowserRouter, Navigate, type RouteObject, useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { AuditLogPage } from '@/features/admin/audit-page';
import { UsersPage } from '@/features/admin/users-page';
import { SignInPage } from '@/features/auth/sign-in-page';
import { LeadPage } from '@/features/lead/lead-page';
import { LeadsPage } from '@/features/leads/leads-page';
import { PrivacyPage } from '@/features/privacy/privacy-page';
import { TriagePage } from '@/features/triage/triage-page';
import { ComingSoonPage } from './coming-soon-page';
import { AppLayout } from './layout';
import { NAV_SECTIONS } from './navigation';
import { NotFoundPage } from './not-found-page';
import { RequireAuth } from './require-auth';

function RouteErrorPage() {
  const error = useRouteError();
  return (
    <div className="mx-auto max-w-3xl p-6">
      <Card>
        <EmptyState
          icon={TriangleAlert}
          tone="danger"
          title="Something went wrong"
          description={error instanceof Error ? error.message : 'An unexpected error stopped this page from loading.'}
        >
          <Button variant="outline" onClick={() => window.location.reload()}>
            Reload the page
          </Button>
        </EmptyState>
      </Card>
    </div>
  );
}

const comingSoonRoutes: RouteObject[] = NAV_SECTIONS.flatMap((section) => section.items)
  .filter((item) => item.comingSoon)
  .map((item) => ({ path: item.to, element: <ComingSoonPage item={item} /> }));

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteErrorPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/leads" replace /> },
          { path: 'leads', element: <LeadsPage /> },
          { path: 'leads/:id', element: <LeadPage /> },
          { path: 'ai/triage', element: <TriagePage /> },
          { path: 'privacy', element: <PrivacyPage /> },
          {
            path: 'ai/ml-studio',
            // Its own chunk: the charts bring recharts, which no other page needs.
            lazy: async () => ({ Component: (await import('@/features/ml-studio/ml-studio-page')).MlStudioPage }),
          },
          {
            path: 'ai/forecasts',
            // Its own chunk, for recharts like ML Studio.
            lazy: async () => ({ Component: (await import('@/features/forecasts/forecasts-page')).ForecastsPage }),
          },
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'admin/audit', element: <AuditLogPage /> },
          {
            path: 'admin/triage-settings',
            // Its own chunk: the form validation brings zod, which no other page needs.
            lazy: async () => ({
              Component: (await import('@/features/admin/triage-settings-page')).TriageSettingsPage,
            }),
          },
          ...comingSoonRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
