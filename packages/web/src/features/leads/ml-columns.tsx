import { createColumnHelper } from '@tanstack/react-table';
import { createContext, type ReactNode, useContext } from 'react';
import { badgeVariants } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { formatPercent } from '@/features/lead/triage-format';
import { formatInterval, ML_CONFIDENCE_TEXT, PREDICTION_TONE, predictionText } from '@/features/ml/ml-format';
import type { LeadPrediction } from '@/features/ml/types';
import { humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import type { LeadSummary } from './types';

/** What the ML cells need: the loaded predictions by lead, and whether more are on their way. */
export type MlCellState = { byId: ReadonlyMap<string, LeadPrediction>; loading: boolean; unavailable: string | null };

export const MlCellContext = createContext<MlCellState>({ byId: new Map(), loading: false, unavailable: null });

const column = createColumnHelper<LeadSummary>();

function Bar({ value, className }: { value: number; className: string }) {
  return (
    <span className="block h-1 w-full overflow-hidden rounded-full bg-muted" aria-hidden="true">
      <span
        className={cn('block h-full rounded-full', className)}
        style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }}
      />
    </span>
  );
}

/** The lead's prediction, or what to show instead: a skeleton while loading, a dash when there is none. */
function usePrediction(leadId: string, skeleton: string): { prediction: LeadPrediction } | { fallback: ReactNode } {
  const { byId, loading, unavailable } = useContext(MlCellContext);
  const prediction = byId.get(leadId);
  if (prediction) return { prediction };
  if (loading) return { fallback: <Skeleton className={skeleton} data-testid="ml-cell-loading" /> };
  return {
    fallback: (
      <span className="text-muted-foreground" title={unavailable ?? 'No prediction'}>
        —<span className="sr-only">{unavailable ?? 'No prediction'}</span>
      </span>
    ),
  };
}

function PredictionCell({ lead }: { lead: LeadSummary }) {
  const state = usePrediction(lead.id, 'h-5 w-20 rounded-full');
  if ('fallback' in state) return state.fallback;
  const { prediction } = state;
  if (prediction.prediction === null) {
    return (
      <span className="text-muted-foreground" title={`Already ${humanize(prediction.stage).toLowerCase()}`}>
        Decided
      </span>
    );
  }
  return (
    // Styled as a badge but not one: the table's badges are its stages.
    <span className={badgeVariants({ tone: PREDICTION_TONE[prediction.prediction] })} data-testid="ml-prediction">
      {predictionText(prediction)}
    </span>
  );
}

function ProbabilityCell({ lead }: { lead: LeadSummary }) {
  const state = usePrediction(lead.id, 'h-4 w-20');
  if ('fallback' in state) return state.fallback;
  const { probability } = state.prediction;
  if (probability === null) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="flex flex-col gap-1" data-testid="ml-probability">
      <span className="font-semibold text-foreground-strong tabular-nums">{formatPercent(probability)}</span>
      <Bar value={probability} className={probability >= 0.5 ? 'bg-success-strong' : 'bg-muted-foreground/60'} />
    </span>
  );
}

function ConfidenceCell({ lead }: { lead: LeadSummary }) {
  const state = usePrediction(lead.id, 'h-4 w-20');
  if ('fallback' in state) return state.fallback;
  const { confidence, confidence_label, confidence_interval } = state.prediction;
  if (confidence === null || confidence_label === null || confidence_interval === null) {
    return <span className="text-muted-foreground">—</span>;
  }
  const interval = formatInterval(confidence_interval);
  return (
    <span className="flex flex-col gap-1" title={interval} data-testid="ml-confidence">
      <span className="text-foreground-strong">
        {ML_CONFIDENCE_TEXT[confidence_label]}
        <span className="sr-only">, {interval}</span>
      </span>
      <Bar value={confidence} className="bg-info-soft-foreground/70" />
    </span>
  );
}

/** The conversion model's columns, shown after Score to users who may see forecasts. */
export const mlColumns = [
  column.display({
    id: 'ml_prediction',
    header: 'Prediction',
    size: 118,
    cell: ({ row }) => <PredictionCell lead={row.original} />,
  }),
  column.display({
    id: 'ml_probability',
    header: 'Probability',
    size: 108,
    cell: ({ row }) => <ProbabilityCell lead={row.original} />,
  }),
  column.display({
    id: 'ml_confidence',
    header: 'Confidence',
    size: 112,
    cell: ({ row }) => <ConfidenceCell lead={row.original} />,
  }),
];
