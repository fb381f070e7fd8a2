import { ChevronDown, ChevronRight, LoaderCircle, ScrollText, SearchX, TriangleAlert, X } from 'lucide-react';
import { type FormEvent, Fragment, type ReactNode, useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/app/page-header';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { formatDateTime, humanize } from '@/lib/format';
import {
  AUDIT_OUTCOMES,
  type AuditFilters,
  auditFiltersToSearchParams,
  EMPTY_AUDIT_FILTERS,
  hasAuditFilters,
  parseAuditFilters,
} from './admin-filters';
import type { AuditEntry, AuditOutcome } from './types';
import { useAuditLogs } from './use-admin';

const ALL = 'all';

export const OUTCOME_TONES: Record<AuditOutcome, BadgeTone> = {
  success: 'success',
  denied: 'danger',
  failure: 'warning',
};

function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return <Badge tone={OUTCOME_TONES[outcome] ?? 'neutral'}>{humanize(outcome)}</Badge>;
}

function AuditFilterBar({ filters, onChange }: { filters: AuditFilters; onChange: (next: AuditFilters) => void }) {
  const ids = { actor: useId(), action: useId(), outcome: useId(), from: useId(), to: useId() };
  const [actor, setActor] = useState(filters.actor);
  const [action, setAction] = useState(filters.action);
  // Follow the URL when it changes from elsewhere (back button, "Clear filters").
  useEffect(() => setActor(filters.actor), [filters.actor]);
  useEffect(() => setAction(filters.action), [filters.action]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...filters, actor: actor.trim(), action: action.trim() });
  };

  return (
    <form onSubmit={onSubmit} aria-label="Filter the audit log" className="flex flex-wrap items-end gap-x-2.5 gap-y-3">
      <div className="flex w-52 flex-col gap-1.5">
        <Label htmlFor={ids.actor}>Actor</Label>
        <Input
          id={ids.actor}
          value={actor}
          onChange={(event) => setActor(event.target.value)}
          placeholder="E-mail or name"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="flex w-44 flex-col gap-1.5">
        <Label htmlFor={ids.action}>Action</Label>
        <Input
          id={ids.action}
          value={action}
          onChange={(event) => setAction(event.target.value)}
          placeholder="e.g. user.create"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="flex w-36 flex-col gap-1.5">
        <Label htmlFor={ids.outcome}>Outcome</Label>
        <Select
          value={filters.outcome ?? ALL}
          onValueChange={(value) =>
            onChange({ ...filters, actor, action, outcome: value === ALL ? null : (value as AuditOutcome) })
          }
        >
          <SelectTrigger id={ids.outcome}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>Any outcome</SelectItem>
            <SelectSeparator />
            {AUDIT_OUTCOMES.map((outcome) => (
              <SelectItem key={outcome} value={outcome}>
                {humanize(outcome)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1.5 text-xs font-medium text-muted-foreground">Date</legend>
        <div className="flex items-center gap-1.5">
          <Label htmlFor={ids.from} className="sr-only">
            From
          </Label>
          <Input
            id={ids.from}
            type="date"
            value={filters.from ?? ''}
            max={filters.to ?? undefined}
            onChange={(event) => onChange({ ...filters, actor, action, from: event.target.value || null })}
            className="w-36 pr-2 tabular-nums"
          />
          <span aria-hidden="true" className="text-muted-foreground">
            –
          </span>
          <Label htmlFor={ids.to} className="sr-only">
            To
          </Label>
          <Input
            id={ids.to}
            type="date"
            value={filters.to ?? ''}
            min={filters.from ?? undefined}
            onChange={(event) => onChange({ ...filters, actor, action, to: event.target.value || null })}
            className="w-36 pr-2 tabular-nums"
          />
        </div>
      </fieldset>
      <Button type="submit" variant="outline">
        Apply
      </Button>
      {hasAuditFilters(filters) ? (
        <Button variant="ghost" onClick={() => onChange(EMPTY_AUDIT_FILTERS)} className="text-muted-foreground">
          <X aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const resource = entry.resource_id ? `${entry.resource_type} ${entry.resource_id}` : entry.resource_type;
  return (
    <Fragment>
      <TableRow data-testid="audit-row">
        <TableCell className="w-10 pr-0">
          <Button
            variant="ghost"
            size="icon-sm"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`Details of ${entry.action} at ${formatDateTime(entry.occurred_at)}`}
            onClick={() => setOpen(!open)}
          >
            {open ? <ChevronDown aria-hidden="true" /> : <ChevronRight aria-hidden="true" />}
          </Button>
        </TableCell>
        <TableCell className="tabular-nums">
          <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time>
        </TableCell>
        <TableCell>{entry.actor_label ?? <span className="text-muted-foreground">System</span>}</TableCell>
        <TableCell className="font-mono text-xs text-foreground-strong">{entry.action}</TableCell>
        <TableCell className="max-w-72 truncate" title={resource}>
          {resource}
        </TableCell>
        <TableCell>
          <OutcomeBadge outcome={entry.outcome} />
        </TableCell>
        <TableCell className="font-mono text-xs">{entry.ip ?? '—'}</TableCell>
      </TableRow>
      {open ? (
        <tr id={detailsId}>
          <td colSpan={7} className="border-b border-border bg-[#fafbfc] px-3 py-3">
            {entry.user_agent ? (
              <p className="mb-2 text-xs text-muted-foreground">
                User agent: <span className="font-mono">{entry.user_agent}</span>
              </p>
            ) : null}
            <pre className="max-h-72 overflow-auto rounded-md border border-border bg-card p-3 font-mono text-xs whitespace-pre-wrap text-foreground-strong">
              {JSON.stringify(entry.details ?? {}, null, 2)}
            </pre>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

function AuditSkeleton() {
  return (
    <TableSkeleton
      label="Loading the audit log…"
      rowClassName="h-[49px]"
      cells={['size-6', 'h-4 w-36', 'h-4 w-40', 'h-4 w-28', 'h-4 w-48', 'h-5 w-16 rounded-full', 'h-4 w-24']}
    />
  );
}

export function AuditLogPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseAuditFilters(searchParams), [searchParams]);
  const setFilters = useCallback(
    (next: AuditFilters) => setSearchParams(auditFiltersToSearchParams(next)),
    [setSearchParams],
  );
  const query = useAuditLogs(filters);
  const { data, error, isPending, isError, isPlaceholderData, hasNextPage, isFetchingNextPage } = query;
  const logs = useMemo(() => data?.pages.flatMap((page) => page.logs) ?? [], [data]);
  const filtered = hasAuditFilters(filters);

  let body: ReactNode;
  if (isPending) {
    body = <AuditSkeleton />;
  } else if (isError && !data) {
    body = (
      <EmptyState
        icon={TriangleAlert}
        tone="danger"
        title="The audit log could not be loaded"
        description={error.message}
      >
        <Button variant="outline" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </EmptyState>
    );
  } else if (logs.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={SearchX}
        title="No entries match these filters"
        description={
          filters.from && filters.to && filters.from > filters.to
            ? 'The dates are the wrong way round: the start is after the end.'
            : 'Try a broader search or a wider date range.'
        }
      >
        <Button variant="outline" onClick={() => setFilters(EMPTY_AUDIT_FILTERS)}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState icon={ScrollText} title="Nothing recorded yet" description="Sign-ins and changes appear here." />
    );
  } else {
    body = (
      <div className="flex min-h-0 flex-1 flex-col">
        <div className="min-h-0 flex-1 overflow-auto">
          <Table aria-label="Audit log">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">
                  <span className="sr-only">Details</span>
                </TableHead>
                <TableHead scope="col">Time</TableHead>
                <TableHead scope="col">Actor</TableHead>
                <TableHead scope="col">Action</TableHead>
                <TableHead scope="col">Resource</TableHead>
                <TableHead scope="col">Outcome</TableHead>
                <TableHead scope="col">IP address</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {logs.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </TableBody>
          </Table>
        </div>
        <div className="flex h-12 shrink-0 items-center justify-between gap-3 border-t border-border bg-[#fafbfc] px-4 text-xs text-muted-foreground">
          <p aria-live="polite">Showing {logs.length.toLocaleString('en-GB')} entries</p>
          {hasNextPage ? (
            <Button
              variant="outline"
              size="sm"
              onClick={() => void query.fetchNextPage()}
              disabled={isFetchingNextPage || isPlaceholderData}
            >
              {isFetchingNextPage ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              {isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          ) : (
            <span>End of log</span>
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-[480px] flex-col gap-4 p-6">
      <title>Audit log · Ivy</title>
      <PageHeader title="Audit log" description="Who changed or viewed what, and when. Newest first." />
      <AuditFilterBar filters={filters} onChange={setFilters} />
      <Card
        className={`flex min-h-0 flex-1 flex-col overflow-hidden transition-opacity ${isPlaceholderData ? 'opacity-60' : ''}`}
        aria-busy={query.isFetching && !isPending && !isFetchingNextPage}
      >
        {body}
      </Card>
    </div>
  );
}
