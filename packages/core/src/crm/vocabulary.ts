/**
 * The closed vocabularies of the CRM. The database enforces the same lists with CHECK constraints
 * (see @ivy/db schema), and the API validates against them, so a value outside these lists never lands.
 */

export const LIFECYCLE_STAGES = ['enquirer', 'applicant', 'offer', 'accepted', 'enrolled', 'lost'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Order of progress; `lost` is terminal and sits outside the forward path. */
export const FORWARD_STAGES = [
  'enquirer',
  'applicant',
  'offer',
  'accepted',
  'enrolled',
] as const satisfies readonly LifecycleStage[];

export const SOURCES = [
  'ucas',
  'organic_search',
  'referral',
  'paid_social',
  'event',
  'agent',
  'direct',
  'unknown',
] as const;
export type Source = (typeof SOURCES)[number];

export const ENGAGEMENT_TYPES = [
  'email_open',
  'email_click',
  'web_visit',
  'portal_login',
  'event_attended',
  'call',
  'meeting',
  'form_submit',
] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

export const APPLICATION_STATUSES = [
  'submitted',
  'under_review',
  'interview',
  'offer_conditional',
  'offer_unconditional',
  'accepted_firm',
  'accepted_insurance',
  'enrolled',
  'declined',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_ROUTES = ['ucas', 'direct', 'clearing'] as const;
export type ApplicationRoute = (typeof APPLICATION_ROUTES)[number];

export const COURSE_LEVELS = ['foundation', 'undergraduate', 'postgraduate_taught', 'postgraduate_research'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

export const ACTIVITY_TYPES = ['note', 'call', 'email', 'meeting', 'task'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ROLES = ['student', 'staff', 'manager', 'admin', 'super_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Which timestamp column records the moment a person reached each stage. */
export const STAGE_TIMESTAMP = {
  enquirer: 'enquired_at',
  applicant: 'applied_at',
  offer: 'offered_at',
  accepted: 'accepted_at',
  enrolled: 'enrolled_at',
  lost: 'lost_at',
} as const satisfies Record<LifecycleStage, string>;
