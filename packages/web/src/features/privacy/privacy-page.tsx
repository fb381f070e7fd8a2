import { ShieldCheck, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '@/app/page-header';
import { useCurrentUser } from '@/app/require-auth';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableScroller } from '@/components/ui/table';
import { formatCount } from '@/lib/format';
import { consentLabel, formatRetention, formatShare, requestLabel, summaryLine } from './privacy-format';
import { RedactionPlayground } from './redaction-playground';
import type { GdprReport } from './types';
import { useGdprReport } from './use-gdpr';

function Figure({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <Card>
      <CardContent className="flex flex-col gap-1">
        <h2 className="text-xs font-medium text-muted-foreground">{label}</h2>
        <p className="text-2xl font-semibold tabular-nums text-foreground-strong">{value}</p>
        {detail ? <p className="text-xs text-muted-foreground">{detail}</p> : null}
      </CardContent>
    </Card>
  );
}

function ConsentCoverage({ report }: { report: GdprReport }) {
  return (
    <Card aria-labelledby="consent-coverage-title">
      <CardHeader>
        <div>
          <CardTitle id="consent-coverage-title">Consent coverage</CardTitle>
          <CardDescription>People whose latest consent of each type is granted and not expired.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {report.consent_coverage.map((row) => (
          <div key={row.consent_type} className="grid grid-cols-[10rem_minmax(0,1fr)_6rem] items-center gap-3 text-sm">
            <span className="text-foreground">{consentLabel(row.consent_type)}</span>
            {/* The figures beside it carry the value; the bar only shows it at a glance. */}
            <div className="h-2 overflow-hidden rounded-full bg-muted" aria-hidden="true">
              <div className="h-full rounded-full bg-chrome" style={{ width: `${Math.min(100, row.share * 100)}%` }} />
            </div>
            <span className="text-right tabular-nums text-muted-foreground">
              {formatShare(row.share)} · {formatCount(row.granted)}
            </span>
          </div>
        ))}
      </CardContent>
    </Card>
  );
}

function RecentRequests({ report }: { report: GdprReport }) {
  return (
    <Card aria-labelledby="recent-requests-title">
      <CardHeader>
        <div>
          <CardTitle id="recent-requests-title">Recent requests</CardTitle>
          <CardDescription>
            The latest exports and erasures. An erased person is shown only by record id.
          </CardDescription>
        </div>
      </CardHeader>
      {report.recent_requests.length === 0 ? (
        <EmptyState
          icon={ShieldCheck}
          title="No requests yet"
          description="Exports and erasures will be listed here."
        />
      ) : (
        <TableScroller>
          <Table aria-label="Recent data-subject requests">
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Request</TableHead>
                <TableHead>Record</TableHead>
                <TableHead>By</TableHead>
                <TableHead>Removed or anonymised</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.recent_requests.map((request) => (
                <TableRow key={request.id} data-testid="gdpr-request-row">
                  <TableCell>
                    <RelativeTime value={request.created_at} />
                  </TableCell>
                  <TableCell>
                    <Badge tone={request.kind === 'erasure' ? 'danger' : 'info'}>{requestLabel(request)}</Badge>
                  </TableCell>
                  <TableCell className="font-mono text-xs">
                    {request.person_id ? (
                      <Link to={`/leads/${request.person_id}`} className="underline-offset-2 hover:underline">
                        {request.person_id.slice(0, 8)}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>{request.requested_by ?? 'Retention job'}</TableCell>
                  <TableCell className="min-w-80 whitespace-normal text-muted-foreground">
                    {request.kind === 'erasure' ? summaryLine(request.summary) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroller>
      )}
    </Card>
  );
}

function ReportSkeleton() {
  return (
    <div className="flex flex-col gap-5" aria-busy="true">
      <span className="sr-only">Loading the GDPR report…</span>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {['people', 'retention', 'exports', 'erasures'].map((key) => (
          <Skeleton key={key} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-64" />
    </div>
  );
}

/** The GDPR report (seed phase 5.1): consent, retention and data-subject requests, from the live database. */
export function PrivacyPage() {
  const { data: report, error, isPending, refetch } = useGdprReport();
  const canRedact = useCurrentUser().permissions.includes('pii_redact');
  let content: ReactNode;
  if (isPending) {
    content = <ReportSkeleton />;
  } else if (error) {
    content = (
      <Card>
        <EmptyState
          icon={TriangleAlert}
          tone="danger"
          title="The report could not be loaded"
          description={error.message}
        >
          <Button variant="outline" onClick={() => void refetch()}>
            Try again
          </Button>
        </EmptyState>
      </Card>
    );
  } else {
    const { erasures, exports } = report;
    content = (
      <div className="flex flex-col gap-5">
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <Figure
            label="People held"
            value={formatCount(report.people.total)}
            detail={`${formatCount(report.people.erased)} of them erased (anonymous records kept for figures)`}
          />
          <Figure
            label="Past retention, awaiting erasure"
            value={formatCount(report.past_retention_pending)}
            detail={`Retention ${formatRetention(report.retention_days)} after last activity or decision`}
          />
          <Figure
            label="Exports"
            value={formatCount(exports.last_30_days)}
            detail={`in the last 30 days · ${formatCount(exports.all_time)} in all`}
          />
          <Figure
            label="Erasures"
            value={<span data-testid="erasures-30-days">{formatCount(erasures.last_30_days.total)}</span>}
            detail={`in the last 30 days · ${formatCount(erasures.all_time.by_ground.subject_request)} on request, ${formatCount(erasures.all_time.by_ground.retention)} at end of retention, in all`}
          />
        </div>
        <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_320px]">
          <ConsentCoverage report={report} />
          <div className="flex flex-col gap-4">
            <Figure
              label="Expired consents"
              value={formatCount(report.expired_consents)}
              detail="Granted, then lapsed: ask again before relying on them"
            />
            <Figure
              label="Consents withdrawn"
              value={formatCount(report.withdrawn_last_30_days)}
              detail="in the last 30 days"
            />
          </div>
        </div>
        <RecentRequests report={report} />
      </div>
    );
  }
  return (
    <div className="mx-auto flex w-full max-w-[1400px] flex-col gap-5 p-6">
      <title>Privacy · Ivy</title>
      <PageHeader
        title="Privacy"
        description={
          report ? (
            <>
              GDPR report as of <RelativeTime value={report.generated_at} />
            </>
          ) : (
            'GDPR report'
          )
        }
      />
      {content}
      {canRedact ? <RedactionPlayground /> : null}
    </div>
  );
}
