import type { ActivityType, ApplicationStatus, EngagementType, LifecycleStage, Source } from '@/lib/vocabulary';

export type StatusChange = {
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  changed_at: string;
  note: string | null;
};

export type Application = {
  id: string;
  route: string;
  status: ApplicationStatus;
  submitted_at: string | null;
  decided_at: string | null;
  course: { id: string; code: string; name: string; intake: string };
  history: StatusChange[];
};

export type EngagementEvent = {
  id: string;
  type: EngagementType;
  occurred_at: string;
  duration_seconds: number | null;
  metadata: Record<string, unknown> | null;
};

export type Activity = {
  id: string;
  type: ActivityType;
  subject: string;
  body: string | null;
  occurred_at: string;
  user: { id: string; full_name: string } | null;
};

/** GET /people/:id. */
export type LeadDetail = {
  id: string;
  external_ref: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  /** Null when the phone number could not be parsed as a valid number. */
  phone_e164: string | null;
  postcode: string | null;
  date_of_birth: string | null;
  domicile: string | null;
  consent_email: boolean;
  consent_sms: boolean;
  consent_phone: boolean;
  lifecycle_stage: LifecycleStage;
  enquired_at: string | null;
  applied_at: string | null;
  offered_at: string | null;
  accepted_at: string | null;
  enrolled_at: string | null;
  lost_at: string | null;
  lost_reason: string | null;
  source: Source;
  source_detail: string | null;
  campaign: string | null;
  attributes: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
  last_activity_at: string | null;
  course: {
    id: string;
    code: string;
    name: string;
    level: string;
    intake: string;
    capacity: number;
    fee_gbp: number;
  } | null;
  campus: { id: string; code: string; name: string } | null;
  owner: { id: string; full_name: string; email: string } | null;
  team: { id: string; name: string } | null;
  applications: Application[];
  recent_events: EngagementEvent[];
  event_counts: Partial<Record<EngagementType, number>>;
  activities: Activity[];
};
