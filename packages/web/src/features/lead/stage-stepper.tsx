import { Check, X } from 'lucide-react';
import { formatDate, humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import { type StageStep, stageProgress } from './stage-progress';
import type { LeadDetail } from './types';

function StepMarker({ step, index }: { step: StageStep; index: number }) {
  if (step.state === 'complete') {
    return (
      <span className="flex size-7 items-center justify-center rounded-full bg-success text-white">
        <Check className="size-4" strokeWidth={3} aria-hidden="true" />
      </span>
    );
  }
  if (step.state === 'current') {
    return (
      <span className="flex size-7 items-center justify-center rounded-full border-2 border-primary bg-card text-xs font-semibold text-primary ring-4 ring-primary-soft">
        {index + 1}
      </span>
    );
  }
  return (
    <span className="flex size-7 items-center justify-center rounded-full border-2 border-border bg-card text-xs font-medium text-muted-foreground">
      {index + 1}
    </span>
  );
}

const STATE_TEXT: Record<StageStep['state'], string> = {
  complete: 'reached',
  current: 'current stage',
  upcoming: 'not yet reached',
  not_reached: 'not reached',
};

/** enquirer → applicant → offer → accepted → enrolled, with the date each stage was reached, or lost with why. */
export function StageStepper({ lead }: { lead: LeadDetail }) {
  const { steps, lost } = stageProgress(lead);
  return (
    <div>
      <ol className="flex items-start" aria-label="Stage progress">
        {steps.map((step, index) => {
          const next = steps[index + 1];
          return (
            <li key={step.stage} className="relative flex flex-1 flex-col items-center text-center">
              {index < steps.length - 1 ? (
                <span
                  aria-hidden="true"
                  className={cn(
                    'absolute top-3.5 left-[calc(50%+1.25rem)] h-0.5 w-[calc(100%-2.5rem)] rounded-full',
                    next && (next.state === 'complete' || next.state === 'current') ? 'bg-success' : 'bg-border',
                  )}
                />
              ) : null}
              <StepMarker step={step} index={index} />
              <span
                className={cn(
                  'mt-2 text-sm font-medium',
                  step.state === 'current' ? 'text-primary-soft-foreground' : 'text-foreground-strong',
                  (step.state === 'upcoming' || step.state === 'not_reached') && 'text-muted-foreground',
                )}
              >
                {humanize(step.stage)}
                <span className="sr-only">, {STATE_TEXT[step.state]}</span>
              </span>
              <span className="mt-0.5 text-xs text-muted-foreground tabular-nums">
                {step.date ? formatDate(step.date) : step.state === 'complete' ? 'Date not recorded' : '—'}
              </span>
            </li>
          );
        })}
      </ol>
      {lost ? (
        <div className="mt-5 flex items-start gap-3 rounded-md border border-[#f6c5cb] bg-primary-soft px-4 py-3 text-sm text-primary-soft-foreground">
          <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-primary text-white">
            <X className="size-3.5" strokeWidth={3} aria-hidden="true" />
          </span>
          <div>
            <p className="font-semibold">
              Lost{lost.after ? ` after ${humanize(lost.after).toLowerCase()}` : ''}
              {lost.date ? ` on ${formatDate(lost.date)}` : ''}
            </p>
            <p className="mt-0.5">{lost.reason ? `Reason: ${humanize(lost.reason)}` : 'No reason was recorded.'}</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
