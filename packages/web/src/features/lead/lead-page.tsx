import { ArrowLeft, ChevronRight, TriangleAlert, UserX } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { RelativeTime } from '@/components/relative-time';
import { StageBadge } from '@/components/stage-badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { LeadPrivacyActions } from '@/features/privacy/lead-privacy-actions';
import { isApiError, isNotFound } from '@/lib/api';
import { formatDate, initials, personName } from '@/lib/format';
import { ActivitiesCard } from './activities-card';
import { AiSummaryPanel } from './ai-summary-panel';
import { ApplicationsCard } from './applications-card';
import { AttributesCard } from './attributes-card';
import { ConsentCard } from './consent-card';
import { EngagementCard } from './engagement-card';
import { ProfileCard } from './profile-card';
import { StageStepper } from './stage-stepper';
import type { LeadDetail } from './types';
import { useLead } from './use-lead';

function Breadcrumb({ name }: { name: string }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex items-center gap-1.5 text-xs text-muted-foreground">
        <li>
          <Link to="/leads" className="underline-offset-2 hover:text-foreground-strong hover:underline">
            Leads
          </Link>
        </li>
        <li aria-hidden="true">
          <ChevronRight className="size-3.5" />
        </li>
        <li aria-current="page" className="truncate text-foreground">
          {name}
        </li>
      </ol>
    </nav>
  );
}

function LeadHeader({ lead }: { lead: LeadDetail }) {
  const name = personName(lead);
  return (
    <div className="flex flex-wrap items-center gap-4">
      <span
        aria-hidden="true"
        className="flex size-12 shrink-0 items-center justify-center rounded-full bg-chrome text-base font-semibold text-chrome-foreground"
      >
        {initials(name)}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="truncate text-xl font-semibold tracking-tight text-foreground-strong">{name}</h1>
          <StageBadge stage={lead.lifecycle_stage} />
        </div>
        <p className="mt-0.5 text-sm text-muted-foreground">
          {lead.course ? `${lead.course.name} · ` : ''}
          Created {formatDate(lead.created_at)} · Last activity <RelativeTime value={lead.last_activity_at} />
        </p>
      </div>
      <Button asChild variant="outline" size="sm">
        <Link to="/leads">
          <ArrowLeft aria-hidden="true" />
          All leads
        </Link>
      </Button>
    </div>
  );
}

function LeadPageSkeleton() {
  return (
    <div className="flex flex-col gap-5" aria-busy="true">
      <span className="sr-only">Loading lead…</span>
      <Skeleton className="h-3 w-40" />
      <div className="flex items-center gap-4">
        <Skeleton className="size-12 rounded-full" />
        <div className="flex flex-col gap-2">
          <Skeleton className="h-6 w-56" />
          <Skeleton className="h-4 w-80" />
        </div>
      </div>
      <Skeleton className="h-28 w-full" />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="flex flex-col gap-5">
          <Skeleton className="h-56" />
          <Skeleton className="h-80" />
        </div>
        <Skeleton className="h-[520px]" />
      </div>
    </div>
  );
}

export function LeadPage() {
  const { id = '' } = useParams();
  const { data: lead, error, isPending, refetch } = useLead(id);

  let content: ReactNode;
  if (isPending) {
    content = <LeadPageSkeleton />;
  } else if (error) {
    content = (
      <Card>
        {/* An id that is not even well-formed (400) names no lead either. */}
        {isNotFound(error) || (isApiError(error) && error.status === 400) ? (
          <EmptyState
            icon={UserX}
            title="Lead not found"
            description="This lead does not exist, or it is outside the leads you can see. It may have been merged or removed."
          >
            <Button asChild>
              <Link to="/leads">Back to leads</Link>
            </Button>
          </EmptyState>
        ) : (
          <EmptyState
            icon={TriangleAlert}
            tone="danger"
            title="This lead could not be loaded"
            description={error.message}
          >
            <Button variant="outline" onClick={() => void refetch()}>
              Try again
            </Button>
            <Button asChild variant="ghost">
              <Link to="/leads">Back to leads</Link>
            </Button>
          </EmptyState>
        )}
      </Card>
    );
  } else {
    content = (
      <div className="flex flex-col gap-5">
        <Breadcrumb name={personName(lead)} />
        <LeadHeader lead={lead} />
        <AiSummaryPanel leadId={lead.id} />
        <Card aria-labelledby="progress-title">
          <CardHeader>
            <CardTitle id="progress-title">Stage progress</CardTitle>
          </CardHeader>
          <CardContent className="py-5">
            <StageStepper lead={lead} />
          </CardContent>
        </Card>
        <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_380px]">
          <div className="flex min-w-0 flex-col gap-5">
            <ApplicationsCard applications={lead.applications} />
            <EngagementCard events={lead.recent_events} counts={lead.event_counts} />
            <ActivitiesCard activities={lead.activities} />
          </div>
          <div className="flex min-w-0 flex-col gap-5">
            <ProfileCard lead={lead} />
            <ConsentCard personId={lead.id} />
            <AttributesCard attributes={lead.attributes} />
            <LeadPrivacyActions personId={lead.id} name={personName(lead)} />
          </div>
        </div>
      </div>
    );
  }

  const title = lead ? personName(lead) : isNotFound(error) ? 'Lead not found' : 'Lead';
  return (
    <div className="mx-auto w-full max-w-[1400px] p-6">
      <title>{`${title} · Ivy`}</title>
      {content}
    </div>
  );
}
