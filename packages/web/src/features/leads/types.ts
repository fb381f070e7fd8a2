import type { ScoreSummary } from '@/features/lead/triage-types';
import type { LifecycleStage, Source } from '@/lib/vocabulary';

/** One row of GET /people/leads. */
export type LeadSummary = {
  id: string;
  external_ref: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  phone_valid: boolean;
  lifecycle_stage: LifecycleStage;
  source: Source;
  created_at: string;
  last_activity_at: string | null;
  course: { id: string; code: string; name: string; intake: string } | null;
  campus: { id: string; name: string } | null;
  owner: { id: string; full_name: string } | null;
  /** The stored triage score; null until the person has been scored. */
  score: ScoreSummary | null;
};

export type LeadPage = { items: LeadSummary[]; total: number; next_cursor: string | null };
