import { isDisposableEmail } from '../contact/disposable-email';
import { isPlausibleEmail } from '../contact/normalize-email';
import { normalizePhone } from '../contact/normalize-phone';
import { ENGAGEMENT_TYPES, type EngagementType, type LifecycleStage, type Source } from '../crm/vocabulary';
import type { LeadSnapshot } from '../features/lead-features';

const DAY_MS = 86_400_000;

/** Engagement counts as an integration describes them (the seed's `engagement_data`), mapped to Ivy's event types. */
export const ENGAGEMENT_DATA_FIELDS = {
  email_opens: 'email_open',
  email_clicks: 'email_click',
  web_visits: 'web_visit',
  portal_logins: 'portal_login',
  events_attended: 'event_attended',
  calls: 'call',
  meetings: 'meeting',
  form_submits: 'form_submit',
} as const satisfies Record<string, EngagementType>;
export type EngagementDataField = keyof typeof ENGAGEMENT_DATA_FIELDS;

/** A lead that is not (or not yet) stored in Ivy, described by its raw fields, for a what-if forecast. */
export type LeadDescription = {
  email?: string | null;
  phone?: string | null;
  source?: Source;
  stage?: LifecycleStage;
  /** When the lead enquired; defaults to now. */
  created_at?: Date;
  /** When the lead last did anything; unknown leaves recency missing rather than guessing it. */
  last_activity_at?: Date | null;
  contact_consent?: boolean;
  /** Counts over the last 90 days. */
  engagement_data?: Partial<Record<EngagementDataField, number>>;
};

/** What the catalogue says about the declared course at `now`; null when no course matched. */
export type DescribedCourse = { level: string; demand_90d: number; fill: number | null };

/**
 * The snapshot a stored lead with these fields would have at `now`. Counts are taken as the last 90 days; the
 * 14-day share is only known for a lead that enquired within the last 14 days (then all its touches are recent),
 * otherwise it counts as none, the conservative reading.
 */
export function snapshotFromDescription(
  description: LeadDescription,
  { now, course }: { now: Date; course: DescribedCourse | null },
): LeadSnapshot {
  const created = description.created_at ?? now;
  const ageDays = Math.max(0, (now.getTime() - created.getTime()) / DAY_MS);
  const engagement = Object.fromEntries(ENGAGEMENT_TYPES.map((type) => [type, 0])) as Record<EngagementType, number>;
  for (const [field, type] of Object.entries(ENGAGEMENT_DATA_FIELDS)) {
    engagement[type] = description.engagement_data?.[field as EngagementDataField] ?? 0;
  }
  const touches = Object.values(engagement).reduce((sum, count) => sum + count, 0);
  const lastActivity = description.last_activity_at;
  const email = description.email?.trim() ?? '';
  return {
    as_of: now,
    source: description.source ?? 'unknown',
    stage: description.stage ?? 'enquirer',
    days_in_stage: ageDays,
    days_since_enquiry: ageDays,
    days_since_last_activity: lastActivity ? Math.max(0, (now.getTime() - lastActivity.getTime()) / DAY_MS) : null,
    engagement_90d: engagement,
    touches_14d: ageDays <= 14 ? touches : 0,
    email_valid: email !== '' && isPlausibleEmail(email) && !isDisposableEmail(email),
    phone_valid: description.phone ? normalizePhone(description.phone) !== null : false,
    contact_consent: description.contact_consent ?? false,
    course_level: course?.level ?? null,
    course_demand_90d: course?.demand_90d ?? null,
    course_fill: course?.fill ?? null,
  };
}
