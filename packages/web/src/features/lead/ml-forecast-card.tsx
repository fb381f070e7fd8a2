import { BrainCircuit, LoaderCircle, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { CardContent } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { type MlLeadForecast, useLeadMlForecast } from '@/features/ml/ml-forecast-api';
import {
  describeDrivers,
  describeModel,
  formatInterval,
  ML_CONFIDENCE_TEXT,
  ML_CONFIDENCE_TONE,
  PREDICTION_TONE,
} from '@/features/ml/ml-format';
import type { MlHealth } from '@/features/ml/types';
import { useMlHealth } from '@/features/ml/use-ml';
import { isApiError } from '@/lib/api';
import { humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import { formatPercent } from './triage-format';

function Heading() {
  return (
    <h3 id="ml-forecast-title" className="flex items-center gap-1.5 text-sm font-semibold text-foreground-strong">
      <BrainCircuit className="size-4 text-muted-foreground" aria-hidden="true" />
      ML forecast
    </h3>
  );
}

function Note({ children, busy = false }: { children: string; busy?: boolean }) {
  return (
    <p className="flex items-center gap-1.5 text-sm text-muted-foreground" data-testid="ml-forecast-state">
      {busy ? <LoaderCircle className="size-4 animate-spin" aria-hidden="true" /> : null}
      {children}
    </p>
  );
}

const TIER_TEXT: Record<NonNullable<MlLeadForecast['cohort_performance']>['performance_tier'], string> = {
  high: 'above',
  medium: 'in line with',
  low: 'below',
};

function Forecast({ forecast, model }: { forecast: MlLeadForecast; model: NonNullable<MlHealth['active_model']> }) {
  const drivers = describeDrivers(
    Object.entries(forecast.feature_importance).map(([feature, contribution]) => ({ feature, contribution })),
  );
  const probability = forecast.probability_within_model_horizon;
  const cohort = forecast.cohort_performance;
  const verdict = probability >= 0.5 ? 'will_convert' : 'will_not_convert';
  return (
    <div className="grid gap-6 md:grid-cols-[220px_minmax(0,1fr)_minmax(0,1fr)]">
      <div className="flex flex-col gap-2">
        <p className="text-xs text-muted-foreground">Calibrated chance of enrolling within a year</p>
        <p
          className="text-3xl font-semibold tracking-tight text-foreground-strong tabular-nums"
          data-testid="ml-forecast-probability"
        >
          {formatPercent(probability)}
        </p>
        {forecast.model_horizon_interval ? (
          <p className="text-xs text-muted-foreground tabular-nums">
            {formatInterval(forecast.model_horizon_interval)}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-1.5">
          <Badge tone={PREDICTION_TONE[verdict]}>{verdict === 'will_convert' ? 'Will enrol' : 'Unlikely'}</Badge>
          <Badge tone={ML_CONFIDENCE_TONE[forecast.confidence_label]}>
            {ML_CONFIDENCE_TEXT[forecast.confidence_label]} confidence
          </Badge>
        </div>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs" data-testid="ml-forecast-timing">
          <dt className="text-muted-foreground">Within {forecast.horizon_days} days</dt>
          <dd className="font-medium tabular-nums text-foreground-strong">
            {formatPercent(forecast.conversion_probability)}
          </dd>
          <dt className="text-muted-foreground">If they enrol</dt>
          <dd className="font-medium text-foreground-strong" data-testid="ml-forecast-eta">
            {forecast.eta_days === null ? 'timing unknown' : `in about ${forecast.eta_days} days`}
          </dd>
        </dl>
      </div>
      <section aria-labelledby="ml-drivers-title" className="flex flex-col gap-2">
        <h4 id="ml-drivers-title" className="text-xs font-semibold text-foreground-strong">
          What drives it
        </h4>
        {drivers.length ? (
          <ul className="flex flex-col gap-1.5" data-testid="ml-drivers">
            {drivers.map((driver) => (
              <li key={driver.label} className="flex items-center justify-between gap-3 text-sm">
                <span>{driver.label}</span>
                <span
                  className={cn(
                    'text-xs font-medium',
                    driver.direction === 'raises' ? 'text-success-strong' : 'text-primary-soft-foreground',
                  )}
                >
                  {driver.direction === 'raises' ? '▲ Raises' : '▼ Lowers'}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-muted-foreground">No single feature stands out.</p>
        )}
      </section>
      <div className="flex flex-col gap-3 text-xs text-muted-foreground">
        <section aria-labelledby="ml-cohort-title" className="flex flex-col gap-1" data-testid="ml-forecast-cohort">
          <h4 id="ml-cohort-title" className="font-semibold text-foreground-strong">
            Similar leads
          </h4>
          {cohort ? (
            <p>
              {`${formatPercent(cohort.similar_leads_conversion_rate)} of ${cohort.cohort_size.toLocaleString('en-GB')} decided `}
              <span className="font-medium text-foreground-strong">{humanize(cohort.cohort)}</span>
              {` leads enrolled: this lead is ${TIER_TEXT[cohort.performance_tier]} them.`}
            </p>
          ) : (
            <p>Too few decided leads like this one to compare with.</p>
          )}
        </section>
        <section aria-labelledby="ml-model-title" className="flex flex-col gap-1">
          <h4 id="ml-model-title" className="font-semibold text-foreground-strong">
            Model
          </h4>
          <p data-testid="ml-forecast-model">{describeModel(model)}</p>
          <p>
            Trained on past leads’ outcomes; the interval is how much the model’s committee of estimators disagrees.
          </p>
        </section>
      </div>
    </div>
  );
}

/**
 * The trained conversion model's view of this lead, a row of the AI summary card below the rules forecast; honest
 * about when there is none, and absent without the forecasting permission.
 */
export function MlForecastCard({ leadId, allowed }: { leadId: string; allowed: boolean }) {
  const health = useMlHealth(allowed);
  const model = health.data?.status === 'ready' ? health.data.active_model : null;
  const forecast = useLeadMlForecast(leadId, allowed ? (model?.id ?? null) : null);

  if (!allowed || (isApiError(health.error) && health.error.status === 403)) return null;

  let body: ReactNode;
  const decided = isApiError(forecast.error) && forecast.error.status === 409;
  if (health.isPending || (model && forecast.isPending)) {
    body = (
      <div className="flex flex-col gap-2" aria-busy="true">
        <span className="sr-only">Loading the ML forecast…</span>
        <Skeleton className="h-9 w-24" />
        <Skeleton className="h-4 w-48" />
      </div>
    );
  } else if (decided) {
    body = <Note>{`No forecast: ${forecast.error?.message ?? 'the outcome is known.'}`}</Note>;
  } else if (health.error || forecast.error) {
    body = (
      <p className="flex items-start gap-1.5 text-sm text-primary-soft-foreground">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        The ML forecast could not be loaded: {(health.error ?? forecast.error)?.message}
      </p>
    );
  } else if (health.data?.status === 'training') {
    body = (
      <Note
        busy
      >{`Training a model… ${formatPercent(health.data.training?.progress ?? 0)}. The forecast appears when it is ready.`}</Note>
    );
  } else if (!model) {
    body = <Note>No model yet: one is trained in the background after start-up.</Note>;
  } else if (forecast.data) {
    body = <Forecast forecast={forecast.data} model={model} />;
  }

  return (
    <CardContent className="border-t border-border pt-6">
      <section aria-labelledby="ml-forecast-title" className="flex flex-col gap-3" data-testid="ml-forecast">
        <Heading />
        {body}
      </section>
    </CardContent>
  );
}
