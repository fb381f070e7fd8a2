import type { EngagementType, LifecycleStage, Source } from '../crm/vocabulary';
import { academicPhase, academicWeek, monthCycle } from './academic-calendar';
import { type AttributeFeatureValues, type AttributeValue, attributeFeatureValues } from './attribute-features';

/**
 * What was known about a lead at one moment (its snapshot date), as the database reconstructs it: only events,
 * stage changes and enquiries at or before that moment. See `leadFeatureSnapshots` in @ivy/db for the query.
 */
export type LeadSnapshot = {
  as_of: Date;
  source: Source;
  /**
   * The stage the lead was in at `as_of`, from its stage timestamps, not the stage it is in today. Null when it is
   * not known: a person recorded together with their outcome (an import) was in some stage before it, unrecorded.
   */
  stage: LifecycleStage | null;
  days_in_stage: number;
  days_since_enquiry: number;
  /** Null when nothing has happened since the enquiry. */
  days_since_last_activity: number | null;
  /** Touchpoints of each type in the 90 days before `as_of`. */
  engagement_90d: Record<EngagementType, number>;
  /** All touchpoints in the 14 days before `as_of`: whether interest is growing or fading. */
  touches_14d: number;
  email_valid: boolean;
  phone_valid: boolean;
  contact_consent: boolean;
  course_level: string | null;
  /** Enquiries for the same course in the 90 days before `as_of`: its demand then. */
  course_demand_90d: number | null;
  /** Offers and acceptances held on the course at `as_of` as a share of its capacity. */
  course_fill: number | null;
  /**
   * The imported attributes a model may use (those an import mapping declared as features: see
   * `attribute-features.ts`), read as of today like the contact details, as the database keeps no history of them.
   * Absent when the person has none.
   */
  attributes?: Readonly<Record<string, AttributeValue>>;
};

/** Numeric features, in a fixed order; a missing value is NaN (the ML engine's missing marker). */
export const NUMERIC_LEAD_FEATURES = [
  'log_email_open',
  'log_email_click',
  'log_web_visit',
  'log_portal_login',
  'log_event_attended',
  'log_call',
  'log_meeting',
  'log_form_submit',
  'log_touches_90d',
  'click_rate',
  'engagement_composite',
  'touches_14d_share',
  'log_days_since_last_activity',
  'log_days_since_enquiry',
  'log_days_in_stage',
  'email_valid',
  'phone_valid',
  'contact_consent',
  'log_course_demand_90d',
  'course_fill',
  'month_sin',
  'month_cos',
  'academic_week',
  'phase_peak',
  'phase_clearing',
  'phase_holiday',
  'engagement_x_recency',
] as const;
export type NumericLeadFeature = (typeof NUMERIC_LEAD_FEATURES)[number];

/** Categorical features, one-hot encoded by the model's pipeline. */
export const CATEGORICAL_LEAD_FEATURES = ['source', 'stage', 'course_level'] as const;
export type CategoricalLeadFeature = (typeof CATEGORICAL_LEAD_FEATURES)[number];

export type LeadFeatures = Record<NumericLeadFeature, number> &
  Record<CategoricalLeadFeature, string> & {
    /** The lead's attribute features by key; a model trained on one reads it as missing when a lead lacks it. */
    attributes?: AttributeFeatureValues;
  };

/** The same weights as triage's engagement factor: an event attended says more than an e-mail opened. */
const COMPOSITE_WEIGHTS: Record<EngagementType, number> = {
  email_open: 1,
  email_click: 3,
  web_visit: 2,
  portal_login: 4,
  event_attended: 8,
  call: 5,
  meeting: 8,
  form_submit: 6,
};

const flag = (value: boolean) => (value ? 1 : 0);

/** A snapshot as model features: counts through log1p (heavy tails), rates, recency, the cycle's season. */
export function leadFeatures(snapshot: LeadSnapshot): LeadFeatures {
  const e = snapshot.engagement_90d;
  const touches = Object.values(e).reduce((sum, count) => sum + count, 0);
  const composite = (Object.keys(COMPOSITE_WEIGHTS) as EngagementType[]).reduce(
    (sum, type) => sum + COMPOSITE_WEIGHTS[type] * e[type],
    0,
  );
  const recency = snapshot.days_since_last_activity;
  const phase = academicPhase(snapshot.as_of);
  return {
    log_email_open: Math.log1p(e.email_open),
    log_email_click: Math.log1p(e.email_click),
    log_web_visit: Math.log1p(e.web_visit),
    log_portal_login: Math.log1p(e.portal_login),
    log_event_attended: Math.log1p(e.event_attended),
    log_call: Math.log1p(e.call),
    log_meeting: Math.log1p(e.meeting),
    log_form_submit: Math.log1p(e.form_submit),
    log_touches_90d: Math.log1p(touches),
    // Clicks per opened e-mail, shrunk towards zero when there are few opens.
    click_rate: e.email_click / (e.email_open + 1),
    engagement_composite: Math.log1p(composite),
    touches_14d_share: touches > 0 ? Math.min(1, snapshot.touches_14d / touches) : 0,
    log_days_since_last_activity: recency === null ? Number.NaN : Math.log1p(recency),
    log_days_since_enquiry: Math.log1p(snapshot.days_since_enquiry),
    log_days_in_stage: Math.log1p(snapshot.days_in_stage),
    email_valid: flag(snapshot.email_valid),
    phone_valid: flag(snapshot.phone_valid),
    contact_consent: flag(snapshot.contact_consent),
    log_course_demand_90d: snapshot.course_demand_90d === null ? Number.NaN : Math.log1p(snapshot.course_demand_90d),
    course_fill: snapshot.course_fill ?? Number.NaN,
    ...monthCycle(snapshot.as_of),
    academic_week: academicWeek(snapshot.as_of),
    phase_peak: flag(phase.peak),
    phase_clearing: flag(phase.clearing),
    phase_holiday: flag(phase.holiday),
    // Engagement matters more when it is recent: the composite discounted by weeks of silence.
    engagement_x_recency: Math.log1p(composite) / (1 + (recency ?? snapshot.days_since_enquiry) / 7),
    source: snapshot.source,
    stage: snapshot.stage ?? 'unknown',
    course_level: snapshot.course_level ?? 'unknown',
    ...(snapshot.attributes ? { attributes: attributeFeatureValues(snapshot.attributes) } : {}),
  };
}
