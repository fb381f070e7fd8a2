import { GraduationCap } from 'lucide-react';
import { ApplicationStatusBadge } from '@/components/stage-badge';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime, formatIntake, humanize, pluralise } from '@/lib/format';
import { cn } from '@/lib/utils';
import type { Application } from './types';

const ROUTE_LABEL: Record<string, string> = { ucas: 'UCAS', direct: 'Direct', clearing: 'Clearing' };

const FINAL_BAD = new Set(['declined', 'rejected', 'withdrawn']);

function ApplicationItem({ application }: { application: Application }) {
  // Oldest first reads as a story; the API may send either order.
  const history = [...application.history].sort((a, b) => Date.parse(a.changed_at) - Date.parse(b.changed_at));
  return (
    <li className="rounded-lg border border-border">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border bg-[#fafbfc] px-4 py-3">
        <div className="min-w-0">
          <h3 className="truncate text-sm font-semibold text-foreground-strong">{application.course.name}</h3>
          <p className="text-xs text-muted-foreground">
            {application.course.code} · {formatIntake(application.course.intake)} intake
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Badge tone="outline">{ROUTE_LABEL[application.route] ?? humanize(application.route)}</Badge>
          <ApplicationStatusBadge status={application.status} />
        </div>
      </div>
      <div className="grid grid-cols-2 gap-4 px-4 pt-3 text-xs">
        <div>
          <span className="text-muted-foreground">Submitted</span>
          <p className="font-medium text-foreground-strong tabular-nums">{formatDate(application.submitted_at)}</p>
        </div>
        <div>
          <span className="text-muted-foreground">Decided</span>
          <p className="font-medium text-foreground-strong tabular-nums">
            {application.decided_at ? formatDate(application.decided_at) : 'Awaiting decision'}
          </p>
        </div>
      </div>
      {history.length ? (
        <ol className="relative mx-4 mt-3 mb-4 border-l-2 border-border pl-5" aria-label="Status history">
          {history.map((change, index) => {
            const latest = index === history.length - 1;
            return (
              <li key={`${change.changed_at}-${change.to_status}`} className="relative pb-3 last:pb-0">
                <span
                  aria-hidden="true"
                  className={cn(
                    'absolute top-1 -left-[27px] size-3 rounded-full border-2 border-card',
                    latest ? (FINAL_BAD.has(change.to_status) ? 'bg-primary' : 'bg-success') : 'bg-[#a9b6be]',
                  )}
                />
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className={cn('text-sm', latest ? 'font-semibold text-foreground-strong' : 'text-foreground')}>
                    {humanize(change.to_status)}
                  </span>
                  <time dateTime={change.changed_at} className="text-xs text-muted-foreground tabular-nums">
                    {formatDateTime(change.changed_at)}
                  </time>
                </div>
                {change.from_status ? (
                  <p className="text-xs text-muted-foreground">from {humanize(change.from_status).toLowerCase()}</p>
                ) : null}
                {change.note ? <p className="mt-0.5 text-xs text-foreground">{change.note}</p> : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="px-4 pt-3 pb-4 text-xs text-muted-foreground">No status changes recorded.</p>
      )}
    </li>
  );
}

export function ApplicationsCard({ applications }: { applications: Application[] }) {
  return (
    <Card aria-labelledby="applications-title">
      <CardHeader>
        <div>
          <CardTitle id="applications-title">Applications</CardTitle>
          <CardDescription>{pluralise(applications.length, 'application')}</CardDescription>
        </div>
      </CardHeader>
      {applications.length ? (
        <CardContent>
          <ul className="flex flex-col gap-3">
            {applications.map((application) => (
              <ApplicationItem key={application.id} application={application} />
            ))}
          </ul>
        </CardContent>
      ) : (
        <EmptyState
          className="py-8"
          icon={GraduationCap}
          title="No applications yet"
          description="Applications appear here once this lead applies through UCAS, directly or through Clearing."
        />
      )}
    </Card>
  );
}
