import { BellOff, Check, CheckCheck, SearchX, Siren, TriangleAlert, X } from 'lucide-react';
import { type ReactNode, useCallback, useId, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '@/app/page-header';
import { useCurrentUser } from '@/app/require-auth';
import { RelativeTime } from '@/components/relative-time';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableScroller } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { SEVERITY_TONE } from '@/features/lead/triage-format';
import type { AlertTransition } from '@/features/lead/use-triage';
import { formatDateTime, humanize, pluralise } from '@/lib/format';
import { cn } from '@/lib/utils';
import { type AlertStatus, BLOCKER_TYPES, type BlockerType } from '@/lib/vocabulary';
import {
  ALERT_LEVELS,
  type AlertFilters,
  alertFiltersToSearchParams,
  DEFAULT_ALERT_FILTERS,
  escalatedFirst,
  hasAlertFilters,
  parseAlertFilters,
  STATUS_CHOICES,
  type StatusChoice,
  teamViewLabel,
} from './alert-filters';
import type { AlertView, InboxAlert } from './types';
import { useAlerts, useInboxTransition } from './use-alerts';

const ANY = 'any';
/** The API returns at most this many alerts, most urgent first. */
const API_LIMIT = 200;

const LEVEL_TONE: Record<number, BadgeTone> = { 1: 'neutral', 2: 'warning', 3: 'danger' };
const STATUS_TONE: Record<AlertStatus, BadgeTone> = { open: 'outline', acknowledged: 'info', resolved: 'success' };

function ViewToggle({
  view,
  teamLabel,
  onChange,
}: {
  view: AlertView;
  teamLabel: string | null;
  onChange: (view: AlertView) => void;
}) {
  const options: { value: AlertView; label: string; hint: string }[] = [
    { value: 'mine', label: 'Mine', hint: 'Alerts on leads you own or that were escalated to you' },
  ];
  if (teamLabel) options.push({ value: 'team', label: 'My team', hint: `Alerts on ${teamLabel}` });
  return (
    <fieldset className="inline-flex w-fit rounded-md border border-input bg-muted p-0.5">
      <legend className="sr-only">Whose alerts</legend>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          title={option.hint}
          aria-pressed={view === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            'h-8 cursor-pointer rounded-[5px] px-3.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring',
            view === option.value
              ? 'bg-card text-foreground-strong shadow-xs'
              : 'text-muted-foreground hover:text-foreground-strong',
          )}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}

function AlertFilterBar({ filters, onChange }: { filters: AlertFilters; onChange: (next: AlertFilters) => void }) {
  const ids = { status: useId(), type: useId(), level: useId() };
  return (
    <fieldset className="flex flex-wrap items-end gap-x-2.5 gap-y-3">
      <legend className="sr-only">Filter alerts</legend>
      <div className="flex w-56 flex-col gap-1.5">
        <Label htmlFor={ids.status}>Status</Label>
        <Select
          value={filters.status}
          onValueChange={(value) => onChange({ ...filters, status: value as StatusChoice })}
        >
          <SelectTrigger id={ids.status}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {Object.entries(STATUS_CHOICES).map(([value, choice]) => (
              <SelectItem key={value} value={value}>
                {choice.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="flex w-48 flex-col gap-1.5">
        <Label htmlFor={ids.type}>Type</Label>
        <Select
          value={filters.type ?? ANY}
          onValueChange={(value) => onChange({ ...filters, type: value === ANY ? null : (value as BlockerType) })}
        >
          <SelectTrigger id={ids.type}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>Any type</SelectItem>
            <SelectSeparator />
            {BLOCKER_TYPES.map((type) => (
              <SelectItem key={type} value={type}>
                {humanize(type)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="flex w-40 flex-col gap-1.5">
        <Label htmlFor={ids.level}>Minimum level</Label>
        <Select
          value={String(filters.minLevel ?? 1)}
          onValueChange={(value) => onChange({ ...filters, minLevel: value === '1' ? null : Number(value) })}
        >
          <SelectTrigger id={ids.level}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {ALERT_LEVELS.map((level) => (
              <SelectItem key={level} value={String(level)}>
                {level === 1 ? 'Any level' : level === 3 ? 'Level 3' : `Level ${level} and up`}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {hasAlertFilters(filters) ? (
        <Button
          variant="ghost"
          onClick={() => onChange({ ...DEFAULT_ALERT_FILTERS, view: filters.view })}
          className="text-muted-foreground"
        >
          <X aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </fieldset>
  );
}

function AlertRow({
  alert,
  busy,
  onTransition,
}: {
  alert: InboxAlert;
  busy: boolean;
  onTransition: (transition: AlertTransition) => void;
}) {
  const escalated = alert.escalated_at !== null;
  return (
    <TableRow data-testid="alert-row" data-alert-id={alert.id} className={escalated ? 'bg-primary-soft/40' : undefined}>
      <TableCell>
        <div className="flex flex-col items-start gap-1">
          <Badge tone={LEVEL_TONE[alert.level] ?? 'danger'}>Level {alert.level}</Badge>
          {escalated ? (
            <Badge tone="danger" title={`Escalated ${formatDateTime(alert.escalated_at)}`}>
              <Siren aria-hidden="true" />
              Escalated
            </Badge>
          ) : null}
        </div>
      </TableCell>
      <TableCell className="min-w-64 max-w-96 whitespace-normal">
        <p className="font-medium text-foreground-strong">{alert.title}</p>
        <p className="text-xs text-muted-foreground">{alert.description}</p>
      </TableCell>
      <TableCell>
        <Link
          to={`/leads/${alert.person_id}`}
          className="font-medium text-foreground-strong underline-offset-2 hover:text-primary hover:underline"
        >
          {alert.person_name}
        </Link>
      </TableCell>
      <TableCell>{humanize(alert.type)}</TableCell>
      <TableCell>
        <Badge tone={SEVERITY_TONE[alert.severity]}>{humanize(alert.severity)}</Badge>
      </TableCell>
      <TableCell className="tabular-nums">
        <RelativeTime value={alert.created_at} />
      </TableCell>
      <TableCell>
        <Badge tone={STATUS_TONE[alert.status]} data-testid="alert-status">
          {humanize(alert.status)}
        </Badge>
      </TableCell>
      <TableCell>
        <div className="flex justify-end gap-1.5">
          {alert.status === 'open' ? (
            <Button
              variant="outline"
              size="sm"
              disabled={busy}
              onClick={() => onTransition('acknowledge')}
              aria-label={`Acknowledge “${alert.title}” for ${alert.person_name}`}
            >
              <Check aria-hidden="true" />
              Acknowledge
            </Button>
          ) : null}
          {alert.status !== 'resolved' ? (
            <Button
              variant="ghost"
              size="sm"
              disabled={busy}
              onClick={() => onTransition('resolve')}
              aria-label={`Resolve “${alert.title}” for ${alert.person_name}`}
            >
              <CheckCheck aria-hidden="true" />
              Resolve
            </Button>
          ) : null}
        </div>
      </TableCell>
    </TableRow>
  );
}

function AlertsSkeleton() {
  return (
    <TableSkeleton
      label="Loading alerts…"
      rows={8}
      rowClassName="h-[61px]"
      cells={[
        'h-5 w-16 rounded-full',
        'h-4 w-72',
        'h-4 w-32',
        'h-4 w-28',
        'h-5 w-16 rounded-full',
        'h-4 w-20',
        'h-5 w-20 rounded-full',
        'h-8 w-44',
      ]}
    />
  );
}

/** The alerts inbox: stalled and blocked leads that need someone to act, escalated ones first. */
export function TriagePage() {
  const me = useCurrentUser();
  const teamLabel = teamViewLabel(me.data_scope);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => {
    const parsed = parseAlertFilters(searchParams);
    return teamLabel ? parsed : { ...parsed, view: 'mine' as const };
  }, [searchParams, teamLabel]);
  const setFilters = useCallback(
    (next: AlertFilters) => setSearchParams(alertFiltersToSearchParams(next)),
    [setSearchParams],
  );
  const query = useAlerts(filters);
  const transition = useInboxTransition();
  const { data, error, isPending, isError, isPlaceholderData } = query;
  const alerts = useMemo(() => escalatedFirst(data ?? []), [data]);
  const escalatedCount = alerts.filter((alert) => alert.escalated_at !== null).length;
  const busyId = transition.isPending ? transition.variables?.alert.id : undefined;

  let body: ReactNode;
  if (isPending) {
    body = <AlertsSkeleton />;
  } else if (isError && !data) {
    body = (
      <EmptyState icon={TriangleAlert} tone="danger" title="Alerts could not be loaded" description={error.message}>
        <Button variant="outline" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </EmptyState>
    );
  } else if (alerts.length === 0) {
    body = hasAlertFilters(filters) ? (
      <EmptyState icon={SearchX} title="No alerts match these filters" description="Try a broader status or type.">
        <Button variant="outline" onClick={() => setFilters({ ...DEFAULT_ALERT_FILTERS, view: filters.view })}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState
        icon={BellOff}
        title="No open alerts — nothing is stalled"
        description={
          filters.view === 'mine'
            ? 'Alerts appear here when one of your leads stalls or is blocked.'
            : `Alerts on ${teamLabel} appear here when a lead stalls or is blocked.`
        }
      >
        {filters.view === 'mine' && teamLabel ? (
          <Button variant="outline" onClick={() => setFilters({ ...filters, view: 'team' })}>
            See your team’s alerts
          </Button>
        ) : null}
      </EmptyState>
    );
  } else {
    body = (
      <TableScroller>
        <Table aria-label="Alerts">
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Level</TableHead>
              <TableHead scope="col">Alert</TableHead>
              <TableHead scope="col">Lead</TableHead>
              <TableHead scope="col">Type</TableHead>
              <TableHead scope="col">Severity</TableHead>
              <TableHead scope="col">Age</TableHead>
              <TableHead scope="col">Status</TableHead>
              <TableHead scope="col">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {alerts.map((alert) => (
              <AlertRow
                key={alert.id}
                alert={alert}
                busy={busyId === alert.id}
                onTransition={(next) => transition.mutate({ alert, transition: next })}
              />
            ))}
          </TableBody>
        </Table>
      </TableScroller>
    );
  }

  return (
    <div className="flex h-full min-h-[480px] flex-col gap-4 p-6">
      <title>Triage · Ivy</title>
      <PageHeader
        title="Triage"
        description={
          data && alerts.length > 0 ? (
            <span data-testid="alerts-total" aria-live="polite">
              {alerts.length >= API_LIMIT ? `The ${API_LIMIT} most urgent alerts` : pluralise(alerts.length, 'alert')}
              {escalatedCount > 0 ? ` · ${escalatedCount} escalated` : ''}
            </span>
          ) : (
            'Leads that have stalled or are blocked, most urgent first.'
          )
        }
        actions={
          <ViewToggle view={filters.view} teamLabel={teamLabel} onChange={(view) => setFilters({ ...filters, view })} />
        }
      />
      <AlertFilterBar filters={filters} onChange={setFilters} />
      <div role="alert" className="empty:hidden">
        {transition.isError ? (
          <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <span>{transition.error.message}</span>
          </p>
        ) : null}
      </div>
      <Card
        className={cn(
          'flex min-h-0 flex-1 flex-col overflow-hidden transition-opacity',
          isPlaceholderData && 'opacity-60',
        )}
        aria-busy={query.isFetching && !isPending}
      >
        {body}
      </Card>
    </div>
  );
}
