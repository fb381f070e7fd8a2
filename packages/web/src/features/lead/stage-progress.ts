import { FORWARD_STAGES, type LifecycleStage, STAGE_TIMESTAMP } from '@/lib/vocabulary';
import type { LeadDetail } from './types';

export type StepState = 'complete' | 'current' | 'upcoming' | 'not_reached';

export type StageStep = { stage: LifecycleStage; state: StepState; date: string | null };

export type StageProgress = {
  steps: StageStep[];
  /** Set when the lead was lost: when, why, and the last stage reached before it. */
  lost: { date: string | null; reason: string | null; after: LifecycleStage | null } | null;
};

type StageDates = Pick<
  LeadDetail,
  | 'lifecycle_stage'
  | 'enquired_at'
  | 'applied_at'
  | 'offered_at'
  | 'accepted_at'
  | 'enrolled_at'
  | 'lost_at'
  | 'lost_reason'
>;

/**
 * The enquirer → applicant → offer → accepted → enrolled path for a lead. Stages before the current one count as
 * complete even if their date was never recorded (people skip stages, e.g. a direct offer). A lost lead keeps the
 * stages it reached (those with a date) and the rest are marked not reached.
 */
export function stageProgress(lead: StageDates): StageProgress {
  const dateOf = (stage: LifecycleStage): string | null => lead[STAGE_TIMESTAMP[stage]] ?? null;

  if (lead.lifecycle_stage === 'lost') {
    let lastReached = -1;
    FORWARD_STAGES.forEach((stage, index) => {
      if (dateOf(stage)) lastReached = index;
    });
    return {
      steps: FORWARD_STAGES.map((stage, index) => ({
        stage,
        state: index <= lastReached ? 'complete' : 'not_reached',
        date: dateOf(stage),
      })),
      lost: {
        date: lead.lost_at,
        reason: lead.lost_reason,
        after: lastReached >= 0 ? (FORWARD_STAGES[lastReached] ?? null) : null,
      },
    };
  }

  const current = FORWARD_STAGES.indexOf(lead.lifecycle_stage as (typeof FORWARD_STAGES)[number]);
  return {
    steps: FORWARD_STAGES.map((stage, index) => ({
      stage,
      // The last stage reached is "complete" rather than "current" once the path is finished.
      state:
        index < current || (index === current && stage === 'enrolled')
          ? 'complete'
          : index === current
            ? 'current'
            : 'upcoming',
      date: dateOf(stage),
    })),
    lost: null,
  };
}
