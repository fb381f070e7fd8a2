import { Badge, type BadgeTone } from '@/components/ui/badge';
import { humanize } from '@/lib/format';
import type { ApplicationStatus, LifecycleStage } from '@/lib/vocabulary';

export const STAGE_TONE: Record<LifecycleStage, BadgeTone> = {
  enquirer: 'neutral',
  applicant: 'info',
  offer: 'warning',
  accepted: 'violet',
  enrolled: 'success',
  lost: 'danger',
};

const STAGE_DOT: Record<LifecycleStage, string> = {
  enquirer: 'bg-[#7b8a95]',
  applicant: 'bg-[#2f6fc2]',
  offer: 'bg-[#d9822b]',
  accepted: 'bg-[#7452c7]',
  enrolled: 'bg-success',
  lost: 'bg-primary',
};

export function StageBadge({ stage, className }: { stage: LifecycleStage; className?: string }) {
  return (
    <Badge tone={STAGE_TONE[stage] ?? 'neutral'} className={className}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${STAGE_DOT[stage] ?? 'bg-muted-foreground'}`} />
      {humanize(stage)}
    </Badge>
  );
}

export const APPLICATION_STATUS_TONE: Record<ApplicationStatus, BadgeTone> = {
  submitted: 'info',
  under_review: 'info',
  interview: 'info',
  offer_conditional: 'warning',
  offer_unconditional: 'warning',
  accepted_firm: 'violet',
  accepted_insurance: 'violet',
  enrolled: 'success',
  declined: 'neutral',
  rejected: 'danger',
  withdrawn: 'neutral',
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  return <Badge tone={APPLICATION_STATUS_TONE[status] ?? 'neutral'}>{humanize(status)}</Badge>;
}
