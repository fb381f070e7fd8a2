import { BrainCircuit, LoaderCircle, TriangleAlert } from 'lucide-react';
import { type ReactNode, useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { CardContent } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import {
  describeDrivers,
  describeModel,
  formatInterval,
  ML_CONFIDENCE_TEXT,
  ML_CONFIDENCE_TONE,
  PREDICTION_TONE,
  predictionText,
} from '@/features/ml/ml-format';
import type { LeadPrediction, MlHealth } from '@/features/ml/types';
import { useLeadPredictions, useMlHealth } from '@/features/ml/use-ml';
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

function Forecast({ prediction, model }: { prediction: LeadPrediction; model: NonNullable<MlHealth['active_model']> }) {
  const drivers = describeDrivers(prediction.top_drivers);
  const { probability, confidence_label, confidence_interval } = prediction;
  if (prediction.prediction === null || probability === null || confidence_label === null || !confidence_interval) {
    return (
      <Note>{`No forecast: this lead is already ${humanize(prediction.stage).toLowerCase()}, so the outcome is known.`}</Note>
    );
  }
  return (
    <div className="grid gap-6 md:grid-cols-[220px_minmax(0,1fr)_minmax(0,1fr)]">
      <div className="flex flex-col gap-2">
        <p className="text-xs text-muted-foreground">Calibrated chance of enrolling</p>
        <p
          className="text-3xl font-semibold tracking-tight text-foreground-strong tabular-nums"
          data-testid="ml-forecast-probability"
        >
          {formatPercent(probability)}
        </p>
        <p className="text-xs text-muted-foreground tabular-nums">{formatInterval(confidence_interval)}</p>
        <div className="flex flex-wrap gap-1.5">
          <Badge tone={PREDICTION_TONE[prediction.prediction]}>{predictionText(prediction)}</Badge>
          <Badge tone={ML_CONFIDENCE_TONE[confidence_label]}>{ML_CONFIDENCE_TEXT[confidence_label]} confidence</Badge>
        </div>
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
      <div className="flex flex-col gap-1 text-xs text-muted-foreground">
        <h4 className="font-semibold text-foreground-strong">Model</h4>
        <p data-testid="ml-forecast-model">{describeModel(model)}</p>
        <p>Trained on past leads’ outcomes; the interval is how much the model’s committee of estimators disagrees.</p>
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
  const groups = useMemo(() => [[leadId]], [leadId]);
  const predictions = useLeadPredictions(allowed ? groups : [], model?.id ?? null);
  const prediction = predictions.byId.get(leadId);

  if (!allowed || (isApiError(health.error) && health.error.status === 403)) return null;

  let body: ReactNode;
  if (health.isPending || (model && predictions.isLoading)) {
    body = (
      <div className="flex flex-col gap-2" aria-busy="true">
        <span className="sr-only">Loading the ML forecast…</span>
        <Skeleton className="h-9 w-24" />
        <Skeleton className="h-4 w-48" />
      </div>
    );
  } else if (health.error || predictions.error) {
    body = (
      <p className="flex items-start gap-1.5 text-sm text-primary-soft-foreground">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        The ML forecast could not be loaded: {(health.error ?? predictions.error)?.message}
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
  } else if (prediction) {
    body = <Forecast prediction={prediction} model={model} />;
  } else {
    body = <Note>The model returned nothing for this lead.</Note>;
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
