import { ENGAGEMENT_TYPES, type EngagementType, SOURCES, type Source } from '../crm/vocabulary';
import type { LeadSignals, SourceOutcomes } from './lead-signals';

export const FACTORS = ['engagement', 'recency', 'source_quality', 'contactability', 'course_fit'] as const;
export type Factor = (typeof FACTORS)[number];

/** The most points each factor can give (the seed's scale: ~40, ~30, ~20, ~20, ~15). */
export const FACTOR_MAX_POINTS = {
  engagement: 40,
  recency: 30,
  source_quality: 20,
  contactability: 20,
  course_fit: 15,
} as const satisfies Record<Factor, number>;

export type FactorResult = { factor: Factor; points: number; max_points: number; reason: string };

/** How strongly each touchpoint signals intent: attending an event or a meeting says more than opening an e-mail. */
export const ENGAGEMENT_WEIGHTS = {
  email_open: 1,
  email_click: 3,
  web_visit: 2,
  portal_login: 4,
  event_attended: 8,
  call: 5,
  meeting: 8,
  form_submit: 6,
} as const satisfies Record<EngagementType, number>;

/** Weighted touchpoints at which engagement reaches ~63% of its points; more keeps adding, less each time. */
const ENGAGEMENT_SATURATION = 25;
/** Days over which recency points fall to ~37%: a fortnight of silence (the seed's stall) costs about half. */
const RECENCY_DECAY_DAYS = 21;
/** Pseudo-leads of the overall rate mixed into each source's rate, so ten leads cannot make a source "excellent". */
const SOURCE_SHRINKAGE = 30;

/**
 * Enrolment rates by source to fall back on when this institution has no outcomes yet (UK sector experience:
 * referrals and UCAS choices convert best, paid social worst). Replaced by observed rates as outcomes accrue.
 */
export const PRIOR_SOURCE_RATES = {
  referral: 0.3,
  ucas: 0.25,
  event: 0.2,
  agent: 0.15,
  direct: 0.13,
  organic_search: 0.1,
  paid_social: 0.06,
  unknown: 0.04,
} as const satisfies Record<Source, number>;

const round1 = (value: number) => Math.round(value * 10) / 10;

function plural(count: number, noun: string) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function engagementFactor(signals: LeadSignals): FactorResult {
  let weighted = 0;
  let touchpoints = 0;
  for (const type of ENGAGEMENT_TYPES) {
    const count = signals.engagement[type] ?? 0;
    weighted += count * ENGAGEMENT_WEIGHTS[type];
    touchpoints += count;
  }
  const max = FACTOR_MAX_POINTS.engagement;
  const points = round1(max * (1 - Math.exp(-weighted / ENGAGEMENT_SATURATION)));
  const events = (signals.engagement.event_attended ?? 0) + (signals.engagement.meeting ?? 0);
  const reason =
    touchpoints === 0
      ? 'No engagement in the last 90 days'
      : `${plural(touchpoints, 'touchpoint')} in the last 90 days${events > 0 ? `, including ${plural(events, 'event or meeting')}` : ''}`;
  return { factor: 'engagement', points, max_points: max, reason };
}

export function recencyFactor(signals: LeadSignals): FactorResult {
  const max = FACTOR_MAX_POINTS.recency;
  const days = signals.days_since_last_activity;
  if (days === null) return { factor: 'recency', points: 0, max_points: max, reason: 'No recorded activity' };
  const points = round1(max * Math.exp(-Math.max(0, days) / RECENCY_DECAY_DAYS));
  const when = days < 1 ? 'today' : `${plural(Math.floor(days), 'day')} ago`;
  return { factor: 'recency', points, max_points: max, reason: `Last activity ${when}` };
}

/** A source's enrolment rate: observed where there are outcomes, shrunk towards the overall rate. */
export function sourceRate(source: Source, outcomes: SourceOutcomes | null): { rate: number; evidence: number } {
  if (!outcomes) return { rate: PRIOR_SOURCE_RATES[source], evidence: 0 };
  let leads = 0;
  let enrolled = 0;
  for (const name of SOURCES) {
    leads += outcomes[name]?.leads ?? 0;
    enrolled += outcomes[name]?.enrolled ?? 0;
  }
  const overall = leads > 0 ? enrolled / leads : PRIOR_SOURCE_RATES[source];
  const own = outcomes[source] ?? { leads: 0, enrolled: 0 };
  return { rate: (own.enrolled + SOURCE_SHRINKAGE * overall) / (own.leads + SOURCE_SHRINKAGE), evidence: own.leads };
}

/** Full points at a 30% enrolment rate, the best sources' level; a source that never converts gets none. */
export function sourceQualityFactor(signals: LeadSignals, outcomes: SourceOutcomes | null): FactorResult {
  const max = FACTOR_MAX_POINTS.source_quality;
  const { rate, evidence } = sourceRate(signals.source, outcomes);
  const points = round1(max * Math.min(1, rate / 0.3));
  const label = signals.source.replaceAll('_', ' ');
  const basis = evidence > 0 ? `observed over ${plural(evidence, 'lead')}` : 'sector estimate, no outcomes yet';
  return {
    factor: 'source_quality',
    points,
    max_points: max,
    reason: `Source "${label}" enrols ${Math.round(rate * 100)}% (${basis})`,
  };
}

export function contactabilityFactor(signals: LeadSignals): FactorResult {
  const max = FACTOR_MAX_POINTS.contactability;
  const { email, phone, contact_consent } = signals;
  const emailPoints = email.present ? (email.valid ? 8 : 3) : 0;
  const phonePoints = phone.present ? (phone.valid ? 8 : 2) : 0;
  const consentPoints = contact_consent === true ? 4 : 0;
  const parts = [
    email.present ? (email.valid ? 'valid e-mail' : 'e-mail looks invalid') : 'no e-mail',
    phone.present ? (phone.valid ? 'valid phone' : 'phone number invalid') : 'no phone',
    contact_consent === true
      ? 'consent to contact'
      : contact_consent === false
        ? 'consent refused'
        : 'no consent recorded',
  ];
  const text = parts.join(', ');
  return {
    factor: 'contactability',
    points: emailPoints + phonePoints + consentPoints,
    max_points: max,
    reason: `${text.charAt(0).toUpperCase()}${text.slice(1)}`,
  };
}

export function courseFitFactor(signals: LeadSignals): FactorResult {
  const max = FACTOR_MAX_POINTS.course_fit;
  const { course } = signals;
  if (!course) return { factor: 'course_fit', points: 0, max_points: max, reason: 'No course of interest recorded' };
  if (course.capacity === null || course.capacity <= 0) {
    return { factor: 'course_fit', points: 10, max_points: max, reason: 'Course chosen; capacity not set' };
  }
  const fill = course.committed / course.capacity;
  const seatsLeft = Math.max(0, course.capacity - course.committed);
  if (fill >= 1) {
    return { factor: 'course_fit', points: 4, max_points: max, reason: 'Course chosen but already full' };
  }
  const points = fill >= 0.9 ? 10 : 15;
  return {
    factor: 'course_fit',
    points,
    max_points: max,
    reason: `Course chosen, ${plural(seatsLeft, 'seat')} left of ${course.capacity}`,
  };
}
