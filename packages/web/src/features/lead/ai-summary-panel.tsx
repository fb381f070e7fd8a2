import { type LucideIcon, Phone, RotateCcw, ShieldCheck, Sparkles, Sprout, TriangleAlert } from 'lucide-react';
import { useCurrentUser } from '@/app/require-auth';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api';
import { humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import type { TriageAction } from '@/lib/vocabulary';
import { ForecastSection } from './forecast-card';
import { MlForecastCard } from './ml-forecast-card';
import { ScoreFactors } from './score-factors';
import { TriageAlerts } from './triage-alerts';
import {
  ACTION_HINTS,
  ACTION_LABELS,
  BAND_TEXT,
  BAND_TONE,
  bySeverity,
  CONFIDENCE_TONE,
  confidenceLabel,
  confidenceLevel,
  formatGain,
  formatScore,
  SEVERITY_TONE,
} from './triage-format';
import type { LeadTriage } from './triage-types';
import { useLeadTriage } from './use-triage';

const ACTION_ICON: Record<TriageAction, LucideIcon> = {
  call_now: Phone,
  nurture: Sprout,
  re_engage: RotateCcw,
  verify_data: ShieldCheck,
};

function SectionTitle({ id, children }: { id: string; children: string }) {
  return (
    <h3 id={id} className="text-sm font-semibold text-foreground-strong">
      {children}
    </h3>
  );
}

function ScoreSummary({ triage }: { triage: LeadTriage }) {
  const ActionIcon = ACTION_ICON[triage.action];
  return (
    <div className="flex flex-col gap-3">
      <div>
        <p className="text-xs text-muted-foreground">Lead score</p>
        <p className="flex items-baseline gap-1">
          <span
            className={cn('text-5xl font-semibold tracking-tight tabular-nums', BAND_TEXT[triage.band])}
            data-testid="lead-score"
          >
            {formatScore(triage.score)}
          </span>
          <span className="text-sm text-muted-foreground">/ 100</span>
        </p>
        <div className="mt-2 flex flex-wrap gap-1.5">
          <Badge tone={BAND_TONE[triage.band]}>{humanize(triage.band)} band</Badge>
          <Badge tone={CONFIDENCE_TONE[confidenceLevel(triage.confidence)]}>{confidenceLabel(triage.confidence)}</Badge>
        </div>
      </div>
      <div className="rounded-md border border-primary/30 bg-primary-soft/60 p-3" data-testid="next-action">
        <p className="text-xs font-medium text-primary-soft-foreground">Next action</p>
        <p className="mt-0.5 flex items-center gap-2 text-lg font-semibold text-foreground-strong">
          <ActionIcon className="size-5 text-primary" aria-hidden="true" />
          {ACTION_LABELS[triage.action]}
        </p>
        <p className="mt-0.5 text-xs text-foreground">{ACTION_HINTS[triage.action]}</p>
      </div>
    </div>
  );
}

function Explanation({ triage }: { triage: LeadTriage }) {
  return (
    <section aria-labelledby="score-explanation-title" className="flex flex-col gap-1.5">
      <SectionTitle id="score-explanation-title">Why this score</SectionTitle>
      <p className="text-sm" data-testid="score-explanation">
        {triage.explanation.text}
      </p>
      <p className="text-xs text-muted-foreground">
        {triage.explanation.source === 'llm'
          ? `Written by ${triage.explanation.model ?? 'a language model'} from the score’s factors; no personal data was sent.`
          : 'Explained from the score’s factors: written by rules from the breakdown, not by an AI model.'}
      </p>
    </section>
  );
}

function Improvements({ triage }: { triage: LeadTriage }) {
  return (
    <section aria-labelledby="score-improvements-title" className="flex flex-col gap-2">
      <SectionTitle id="score-improvements-title">What would raise this score</SectionTitle>
      {triage.improvements.length ? (
        <ul className="flex flex-col gap-1.5">
          {triage.improvements.map((improvement) => (
            <li key={improvement.change} className="flex items-start justify-between gap-3 text-sm">
              <span>{improvement.change}</span>
              <Badge tone="success" className="tabular-nums">
                {formatGain(improvement.score_gain)}
                <span className="sr-only"> points</span>
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-muted-foreground">No single change would raise it noticeably.</p>
      )}
    </section>
  );
}

function Blockers({ triage }: { triage: LeadTriage }) {
  const blockers = bySeverity(triage.blockers);
  return (
    <section aria-labelledby="score-blockers-title" className="flex flex-col gap-2">
      <SectionTitle id="score-blockers-title">Blockers</SectionTitle>
      {blockers.length ? (
        <ul className="flex flex-col gap-2.5">
          {blockers.map((blocker) => (
            <li key={`${blocker.type}:${blocker.description}`} className="text-sm">
              <div className="flex items-start gap-2">
                <Badge tone={SEVERITY_TONE[blocker.severity]} className="mt-0.5">
                  {humanize(blocker.severity)}
                </Badge>
                <span className="font-medium text-foreground-strong">{blocker.description}</span>
              </div>
              <p className="mt-0.5 text-xs text-muted-foreground">
                <span className="font-medium text-foreground">Action required: </span>
                {blocker.action_required}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-muted-foreground">Nothing is holding this lead back.</p>
      )}
    </section>
  );
}

function PanelSkeleton() {
  return (
    <CardContent className="grid gap-6 lg:grid-cols-[260px_minmax(0,1fr)_minmax(0,1fr)]" aria-busy="true">
      <span className="sr-only">Loading the AI summary…</span>
      <div className="flex flex-col gap-3">
        <Skeleton className="h-3 w-20" />
        <Skeleton className="h-12 w-28" />
        <Skeleton className="h-5 w-44" />
        <Skeleton className="h-20 w-full" />
      </div>
      <div className="flex flex-col gap-4">
        {[0, 1, 2, 3, 4].map((row) => (
          <div key={row} className="flex flex-col gap-1.5">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-2 w-full" />
          </div>
        ))}
      </div>
      <div className="flex flex-col gap-3">
        <Skeleton className="h-4 w-36" />
        <Skeleton className="h-9 w-24" />
        <Skeleton className="h-8 w-full" />
      </div>
    </CardContent>
  );
}

/**
 * The seed's AI Summary Panel: score and next action, the factors behind it, the forecast, and what stands in the
 * way. Everything in it comes from rules over the lead's data; the panel says so rather than implying a model.
 */
export function AiSummaryPanel({ leadId }: { leadId: string }) {
  const { permissions } = useCurrentUser();
  const canScore = permissions.includes('ai_lead_scoring');
  const canForecast = permissions.includes('ai_forecasting');
  const { data: triage, error, isPending, refetch } = useLeadTriage(leadId, canScore);

  // Without the permission there is nothing to show, and the rest of the lead page is complete without it.
  if (!canScore || (isApiError(error) && error.status === 403)) return null;

  return (
    <Card aria-labelledby="ai-summary-title" data-testid="ai-summary">
      <CardHeader>
        <div>
          <CardTitle id="ai-summary-title" className="flex items-center gap-1.5">
            <Sparkles className="size-4 text-primary" aria-hidden="true" />
            AI summary
          </CardTitle>
          <CardDescription>
            Score, next step and a rules forecast from Ivy’s scoring rules, beside the trained model’s forecast
            {triage ? ` · weights v${triage.weights_version}` : ''}
          </CardDescription>
        </div>
      </CardHeader>
      {isPending ? (
        <PanelSkeleton />
      ) : error ? (
        <EmptyState
          className="py-8"
          icon={TriangleAlert}
          tone="danger"
          title="The AI summary could not be loaded"
          description={error.message}
        >
          <Button variant="outline" onClick={() => void refetch()}>
            Try again
          </Button>
        </EmptyState>
      ) : (
        <>
          <CardContent className="grid gap-6 lg:grid-cols-[260px_minmax(0,1fr)_minmax(0,1fr)]">
            <ScoreSummary triage={triage} />
            <section aria-labelledby="score-factors-title" className="flex flex-col gap-3">
              <SectionTitle id="score-factors-title">Score factors</SectionTitle>
              <ScoreFactors factors={triage.factors} />
            </section>
            <ForecastSection leadId={leadId} allowed={canForecast} />
          </CardContent>
          <MlForecastCard leadId={leadId} allowed={canForecast} />
          <CardContent className="grid gap-6 border-t border-border lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)]">
            <div className="flex flex-col gap-5">
              <Explanation triage={triage} />
              <Improvements triage={triage} />
            </div>
            <Blockers triage={triage} />
            <TriageAlerts leadId={leadId} alerts={triage.alerts} />
          </CardContent>
        </>
      )}
    </Card>
  );
}
