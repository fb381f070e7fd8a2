import { ENGAGEMENT_TYPES, type EngagementType, SOURCES, type Source } from '../crm/vocabulary';
import type { LeadSignals, SourceOutcomes } from './lead-signals';
import type { Factor } from './vocabulary';

/** The most points each factor can give (the seed's scale: ~40, ~30, ~20, ~20, ~15). */
export const FACTOR_MAX_POINTS = {
  engagement: 40,
  recency: 30,
  source_quality: 20,
  contactability: 20,
  course_fit: 15,
} as const satisfies Record<Factor, number>;

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
/** Pseudo-leads at the sector prior mixed into each source's observed rate. */
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

export type SourceRates = Record<Source, { rate: number; evidence: number }>;

/**
 * Each source's enrolment rate: observed outcomes shrunk towards the sector prior for that source, so a handful of
 * decided leads cannot make a source look perfect or hopeless, and sector priors hold until outcomes exist.
 * Computed once per scoring run, not per lead.
 */
export function sourceRatesFrom(outcomes: SourceOutcomes | null): SourceRates {
  const rates = {} as SourceRates;
  for (const source of SOURCES) {
    const prior = PRIOR_SOURCE_RATES[source];
    const own = outcomes?.[source];
    const leads = own?.leads ?? 0;
    rates[source] = {
      rate: ((own?.enrolled ?? 0) + SOURCE_SHRINKAGE * prior) / (leads + SOURCE_SHRINKAGE),
      evidence: leads,
    };
  }
  return rates;
}

function weightedTouchpoints(signals: LeadSignals): { weighted: number; touchpoints: number } {
  let weighted = 0;
  let touchpoints = 0;
  for (const type of ENGAGEMENT_TYPES) {
    const count = signals.engagement[type] ?? 0;
    weighted += count * ENGAGEMENT_WEIGHTS[type];
    touchpoints += count;
  }
  return { weighted, touchpoints };
}

export function engagementPoints(signals: LeadSignals): number {
  const { weighted } = weightedTouchpoints(signals);
  return round1(FACTOR_MAX_POINTS.engagement * (1 - Math.exp(-weighted / ENGAGEMENT_SATURATION)));
}

export function recencyPoints(signals: LeadSignals): number {
  const days = signals.days_since_last_activity;
  if (days === null) return 0;
  return round1(FACTOR_MAX_POINTS.recency * Math.exp(-Math.max(0, days) / RECENCY_DECAY_DAYS));
}

/** Full points at a 30% enrolment rate, the best sources' level; a source that never converts gets none. */
export function sourceQualityPoints(signals: LeadSignals, rates: SourceRates): number {
  return round1(FACTOR_MAX_POINTS.source_quality * Math.min(1, rates[signals.source].rate / 0.3));
}

export function contactabilityPoints({ email, phone, contact_consent }: LeadSignals): number {
  const emailPoints = email.present ? (email.valid ? 8 : 3) : 0;
  const phonePoints = phone.present ? (phone.valid ? 8 : 2) : 0;
  return emailPoints + phonePoints + (contact_consent === true ? 4 : 0);
}

export function courseFitPoints({ course }: LeadSignals): number {
  if (!course) return 0;
  if (course.capacity === null || course.capacity <= 0) return 10;
  const fill = course.committed / course.capacity;
  return fill >= 1 ? 4 : fill >= 0.9 ? 10 : 15;
}

/** Points per factor: the numeric core, kept free of strings so rescoring every lead stays fast. */
export function factorPoints(signals: LeadSignals, rates: SourceRates): Record<Factor, number> {
  return {
    engagement: engagementPoints(signals),
    recency: recencyPoints(signals),
    source_quality: sourceQualityPoints(signals, rates),
    contactability: contactabilityPoints(signals),
    course_fit: courseFitPoints(signals),
  };
}

function engagementReason(signals: LeadSignals): string {
  const { touchpoints } = weightedTouchpoints(signals);
  if (touchpoints === 0) return 'No engagement in the last 90 days';
  const events = (signals.engagement.event_attended ?? 0) + (signals.engagement.meeting ?? 0);
  const including = events > 0 ? `, including ${plural(events, 'event or meeting')}` : '';
  return `${plural(touchpoints, 'touchpoint')} in the last 90 days${including}`;
}

function recencyReason({ days_since_last_activity: days }: LeadSignals): string {
  if (days === null) return 'No recorded activity';
  return `Last activity ${days < 1 ? 'today' : `${plural(Math.floor(days), 'day')} ago`}`;
}

function sourceReason(signals: LeadSignals, rates: SourceRates): string {
  const { rate, evidence } = rates[signals.source];
  const basis = evidence > 0 ? `observed over ${plural(evidence, 'lead')}` : 'sector estimate, no outcomes yet';
  return `Source "${signals.source.replaceAll('_', ' ')}" enrols ${Math.round(rate * 100)}% (${basis})`;
}

function contactabilityReason({ email, phone, contact_consent }: LeadSignals): string {
  const text = [
    email.present ? (email.valid ? 'valid e-mail' : 'e-mail looks invalid') : 'no e-mail',
    phone.present ? (phone.valid ? 'valid phone' : 'phone number invalid') : 'no phone',
    contact_consent === true
      ? 'consent to contact'
      : contact_consent === false
        ? 'consent refused'
        : 'no consent recorded',
  ].join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function courseFitReason({ course }: LeadSignals): string {
  if (!course) return 'No course of interest recorded';
  if (course.capacity === null || course.capacity <= 0) return 'Course chosen; capacity not set';
  if (course.committed >= course.capacity) return 'Course chosen but already full';
  return `Course chosen, ${plural(course.capacity - course.committed, 'seat')} left of ${course.capacity}`;
}

/** Why a factor scored what it did, in words an admissions officer uses. */
export function factorReason(factor: Factor, signals: LeadSignals, rates: SourceRates): string {
  switch (factor) {
    case 'engagement':
      return engagementReason(signals);
    case 'recency':
      return recencyReason(signals);
    case 'source_quality':
      return sourceReason(signals, rates);
    case 'contactability':
      return contactabilityReason(signals);
    case 'course_fit':
      return courseFitReason(signals);
  }
}
