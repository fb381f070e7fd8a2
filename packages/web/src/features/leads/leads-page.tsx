import { BrainCircuit, LoaderCircle, RefreshCw, SearchX, TriangleAlert, Users } from 'lucide-react';
import { type ReactNode, useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/app/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { pluralise } from '@/lib/format';
import {
  clearLeadFilters,
  countActiveFilters,
  type LeadFilters,
  type LeadSort,
  leadFiltersToSearchParams,
  parseLeadFilters,
} from './lead-filters';
import { LeadSearchField, LeadsFilterBar } from './leads-filter-bar';
import { LeadsTable, LeadsTableSkeleton } from './leads-table';
import { useLeads } from './use-leads';
import { useLeadsMl } from './use-leads-ml';

/** Which model the Prediction columns come from (or why they are empty), and a way to ask again. */
function MlToolbar({
  status,
  training,
  busy,
  onRefresh,
}: {
  status: string | null;
  training: boolean;
  busy: boolean;
  onRefresh: () => unknown;
}) {
  return (
    <div className="-mt-1 flex items-center justify-end gap-2 text-xs text-muted-foreground">
      {training ? (
        <LoaderCircle className="size-3.5 animate-spin" aria-hidden="true" />
      ) : (
        <BrainCircuit className="size-3.5" aria-hidden="true" />
      )}
      <span data-testid="ml-status" aria-live="polite">
        {status ?? 'Checking the conversion model…'}
      </span>
      <Button variant="outline" size="sm" onClick={() => void onRefresh()} disabled={busy}>
        <RefreshCw className={busy ? 'animate-spin' : undefined} aria-hidden="true" />
        Refresh ML
      </Button>
    </div>
  );
}

export function LeadsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseLeadFilters(searchParams), [searchParams]);
  const setFilters = useCallback(
    (next: LeadFilters, options?: { replace?: boolean }) =>
      setSearchParams(leadFiltersToSearchParams(next), { replace: options?.replace ?? false }),
    [setSearchParams],
  );

  const query = useLeads(filters);
  const { data, error, isPending, isError, isPlaceholderData, isFetching, isFetchingNextPage, hasNextPage } = query;
  const leads = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const total = data?.pages[0]?.total ?? 0;
  const activeFilters = countActiveFilters(filters);
  const resetKey = searchParams.toString();
  const { fetchNextPage } = query;
  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);
  const updating = isFetching && !isFetchingNextPage && !isPending;
  const ml = useLeadsMl(data?.pages);

  let body: ReactNode;
  if (isPending) {
    body = <LeadsTableSkeleton />;
  } else if (isError && !data) {
    body = (
      <EmptyState
        icon={TriangleAlert}
        tone="danger"
        title="Leads could not be loaded"
        description={<span data-testid="leads-error">{error.message}</span>}
      >
        <Button variant="outline" onClick={() => void query.refetch()}>
          Try again
        </Button>
        {activeFilters ? (
          <Button variant="ghost" onClick={() => setFilters(clearLeadFilters(filters))}>
            Clear filters
          </Button>
        ) : null}
      </EmptyState>
    );
  } else if (leads.length === 0) {
    body = activeFilters ? (
      <EmptyState
        icon={SearchX}
        title="No leads match these filters"
        description={
          filters.createdFrom && filters.createdTo && filters.createdFrom > filters.createdTo
            ? 'The created dates are the wrong way round: the start is after the end.'
            : 'Try a broader search, or clear the filters to see every lead you can access.'
        }
      >
        <Button variant="outline" onClick={() => setFilters(clearLeadFilters(filters))}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState
        icon={Users}
        title="No leads yet"
        description="Leads appear here as enquiries arrive from UCAS, events, the website and other sources."
      />
    );
  } else {
    body = (
      <LeadsTable
        leads={leads}
        total={total}
        sort={filters.sort}
        onSortChange={(sort: LeadSort) => setFilters({ ...filters, sort })}
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        canLoadMore={!isPlaceholderData}
        onLoadMore={loadMore}
        resetKey={resetKey}
        ml={ml.cells}
      />
    );
  }

  return (
    <div className="flex h-full min-h-[560px] flex-col gap-4 p-6">
      <title>Leads · Ivy</title>
      <PageHeader
        title="Leads"
        description={
          isPending ? (
            <Skeleton className="mt-1 h-4 w-28" />
          ) : isError && !data ? (
            'Unavailable'
          ) : (
            <span className="flex items-center gap-2">
              <span data-testid="leads-total" aria-live="polite" className="font-medium text-foreground">
                {pluralise(total, 'lead')}
              </span>
              {activeFilters ? <span>match your filters</span> : null}
              {updating ? (
                <LoaderCircle className="size-3.5 animate-spin text-muted-foreground" aria-label="Updating" />
              ) : null}
            </span>
          )
        }
        actions={
          <LeadSearchField value={filters.q} onCommit={(q) => setFilters({ ...filters, q }, { replace: true })} />
        }
      />
      <LeadsFilterBar filters={filters} onChange={setFilters} />
      {ml.cells ? (
        <MlToolbar
          status={ml.status}
          training={ml.health?.status === 'training'}
          busy={ml.busy}
          onRefresh={ml.refresh}
        />
      ) : null}
      <Card
        className={`flex min-h-0 flex-1 flex-col overflow-hidden transition-opacity ${isPlaceholderData ? 'opacity-60' : ''}`}
        aria-busy={updating}
      >
        {body}
      </Card>
    </div>
  );
}
