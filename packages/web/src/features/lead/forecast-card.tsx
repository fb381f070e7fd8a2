import { ChevronRight, TrendingUp, TriangleAlert } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api';
import { CONFIDENCE_TONE, confidenceLabel, confidenceLevel, formatEta, formatPercent } from './triage-format';
import { useLeadForecast } from './use-triage';

function ReasonList({ title, items, empty }: { title: string; items: string[]; empty: string }) {
  return (
    <div>
      <h4 className="text-xs font-semibold text-foreground-strong">{title}</h4>
      {items.length ? (
        <ul className="mt-1 list-disc pl-4 text-xs text-muted-foreground">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-muted-foreground">{empty}</p>
      )}
    </div>
  );
}

/** The rules forecast: how likely the lead is to enrol, roughly when, and why (behind a disclosure). */
export function ForecastSection({ leadId, allowed }: { leadId: string; allowed: boolean }) {
  const { data: forecast, error, isPending } = useLeadForecast(leadId, allowed);

  // No forecasting permission (or the server refuses it): the rest of the panel stands on its own.
  if (!allowed || (isApiError(error) && error.status === 403)) return null;

  return (
    <section aria-labelledby="forecast-title" className="flex flex-col gap-3">
      <h3 id="forecast-title" className="flex items-center gap-1.5 text-sm font-semibold text-foreground-strong">
        <TrendingUp className="size-4 text-muted-foreground" aria-hidden="true" />
        Enrolment forecast
      </h3>
      {isPending ? (
        <div className="flex flex-col gap-2" aria-busy="true">
          <span className="sr-only">Loading forecast…</span>
          <Skeleton className="h-9 w-24" />
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-32" />
        </div>
      ) : error ? (
        <p className="flex items-start gap-1.5 text-sm text-primary-soft-foreground">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          The forecast could not be loaded: {error.message}
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3">
            <div>
              <dt className="text-xs text-muted-foreground">Chance of enrolling</dt>
              <dd
                className="text-3xl font-semibold tracking-tight text-foreground-strong tabular-nums"
                data-testid="forecast-probability"
              >
                {formatPercent(forecast.probability)}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Expected to convert in</dt>
              <dd
                className={
                  forecast.eta_days === null
                    ? 'pt-2 text-sm text-muted-foreground'
                    : 'text-3xl font-semibold tracking-tight text-foreground-strong tabular-nums'
                }
              >
                {formatEta(forecast.eta_days)}
              </dd>
            </div>
          </dl>
          <Badge tone={CONFIDENCE_TONE[confidenceLevel(forecast.confidence)]}>
            {confidenceLabel(forecast.confidence)}
          </Badge>
          <details className="group rounded-md border border-border">
            <summary className="flex cursor-pointer list-none items-center gap-1.5 px-3 py-2 text-xs font-medium text-foreground-strong hover:bg-muted [&::-webkit-details-marker]:hidden">
              <ChevronRight className="size-3.5 transition-transform group-open:rotate-90" aria-hidden="true" />
              Why this forecast?
            </summary>
            <div className="flex flex-col gap-3 border-t border-border px-3 py-2.5">
              <ReasonList title="Working for it" items={forecast.drivers} empty="Nothing stands out yet." />
              <ReasonList title="Working against it" items={forecast.risks} empty="No risks found." />
              <p className="text-xs text-muted-foreground">
                Calculated by rules from the same factors as the score (configuration v{forecast.config_version}).
              </p>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
