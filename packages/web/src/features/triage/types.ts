import type { AlertStatus, BlockerType, Severity } from '@/lib/vocabulary';

export type AlertView = 'mine' | 'team';

/** One row of the alerts inbox (GET /ai/alerts). */
export type InboxAlert = {
  id: string;
  person_id: string;
  person_name: string;
  type: BlockerType;
  severity: Severity;
  /** 1–3: how far the alert has escalated for being left alone. */
  level: number;
  status: AlertStatus;
  title: string;
  description: string;
  action_required: string;
  evidence: Record<string, unknown>;
  owner_id: string | null;
  escalated_to: string | null;
  escalated_at: string | null;
  created_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  resolution: string | null;
};
