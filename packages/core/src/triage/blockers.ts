import { ENGAGEMENT_TYPES } from '../crm/vocabulary';
import type { SourceRates } from './factors';
import type { LeadSignals } from './lead-signals';
import { BLOCKER_TYPES, type BlockerType, SEVERITIES, type Severity } from './vocabulary';

export type Blocker = { type: BlockerType; severity: Severity; description: string; action_required: string };

/** The seed's stall threshold: two weeks without any activity. */
export const STALL_DAYS = 14;
const LONG_STALL_DAYS = 30;
/** Sources enrolling fewer than this share of their leads are flagged as low quality. */
const LOW_SOURCE_RATE = 0.08;
const NEARLY_FULL = 0.9;

function dataCompleteness(signals: LeadSignals): Blocker[] {
  const { email, phone, contact_consent, course } = signals;
  const blockers: Blocker[] = [];
  const block = (severity: Severity, description: string, action_required: string) =>
    blockers.push({ type: 'data_completeness', severity, description, action_required });
  if (!email.valid && !phone.valid) {
    block('critical', 'No valid e-mail address or phone number', 'Find a working e-mail address or phone number');
  } else {
    if (!email.present) block('medium', 'E-mail address missing', 'Ask for an e-mail address');
    else if (!email.valid) block('high', 'E-mail address looks invalid', 'Verify the e-mail address');
    if (!phone.present) block('medium', 'Phone number missing', 'Request phone number');
    else if (!phone.valid) block('high', 'Phone number is invalid', 'Verify the phone number');
  }
  if (contact_consent === null) {
    block('high', 'No consent to contact recorded (GDPR)', 'Record consent before any marketing contact');
  } else if (!contact_consent) {
    block('high', 'Consent to contact refused', 'Do not send marketing; respond only to their own requests');
  }
  if (!course) block('low', 'No course of interest recorded', 'Ask which course they are interested in');
  return blockers;
}

function engagementStall(signals: LeadSignals): Blocker[] {
  const touchpoints = ENGAGEMENT_TYPES.reduce((sum, type) => sum + (signals.engagement[type] ?? 0), 0);
  const days = signals.days_since_last_activity;
  const action = 'Re-engage: call, or send a personal e-mail about their course';
  if (days === null || touchpoints === 0) {
    return [
      {
        type: 'engagement_stall',
        severity: 'high',
        description: 'No engagement in the last 90 days',
        action_required: action,
      },
    ];
  }
  if (days < STALL_DAYS) return [];
  return [
    {
      type: 'engagement_stall',
      severity: days >= LONG_STALL_DAYS ? 'high' : 'medium',
      description: `No activity for ${Math.floor(days)} days`,
      action_required: action,
    },
  ];
}

function sourceQuality(signals: LeadSignals, rates: SourceRates): Blocker[] {
  if (signals.source === 'unknown') {
    return [
      {
        type: 'source_quality',
        severity: 'medium',
        description: 'Lead source unknown',
        action_required: 'Record where this lead came from',
      },
    ];
  }
  const { rate } = rates[signals.source];
  if (rate >= LOW_SOURCE_RATE) return [];
  return [
    {
      type: 'source_quality',
      severity: 'low',
      description: `Source "${signals.source.replaceAll('_', ' ')}" enrols only ${Math.round(rate * 100)}% of its leads`,
      action_required: 'Qualify early: confirm intent and entry requirements on the first call',
    },
  ];
}

function courseCapacity(signals: LeadSignals): Blocker[] {
  const { course } = signals;
  if (!course || course.capacity === null || course.capacity <= 0) return [];
  const seatsLeft = course.capacity - course.committed;
  if (seatsLeft <= 0) {
    return [
      {
        type: 'course_capacity',
        severity: 'high',
        description: 'Course is full',
        action_required: 'Offer an alternative course or a later intake',
      },
    ];
  }
  if (course.committed / course.capacity < NEARLY_FULL) return [];
  return [
    {
      type: 'course_capacity',
      severity: 'medium',
      description: `Course nearly full: ${seatsLeft} of ${course.capacity} seats left`,
      action_required: 'Prioritise: move them to an application quickly',
    },
  ];
}

/**
 * The seed's four blocker types (phase 1.2), most severe first, each with a concrete action. For open leads: the
 * caller does not ask for the blockers of enrolled or lost people.
 */
export function detectBlockers(signals: LeadSignals, rates: SourceRates): Blocker[] {
  return [
    ...dataCompleteness(signals),
    ...engagementStall(signals),
    ...sourceQuality(signals, rates),
    ...courseCapacity(signals),
  ].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export const ALERT_LEVELS = [1, 2, 3] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Expected fee income (probability × course fee) above which an alert is raised one level: a place worth chasing. */
export const HIGH_VALUE_GBP = 3000;

/**
 * Escalation level (seed phase 1.3): normal (1), escalated (2), urgent (3) from the blocker's severity, raised one
 * level for a lead whose expected value — conversion probability × course fee — is high.
 */
export function alertLevel(severity: Severity, expectedValueGbp: number): AlertLevel {
  const base = severity === 'critical' ? 3 : severity === 'high' ? 2 : 1;
  return Math.min(3, base + (expectedValueGbp >= HIGH_VALUE_GBP ? 1 : 0)) as AlertLevel;
}

export const ALERT_TITLES = {
  data_completeness: 'Contact details incomplete',
  engagement_stall: 'Lead has gone quiet',
  source_quality: 'Low-converting source',
  course_capacity: 'Course capacity',
} as const satisfies Record<BlockerType, string>;

export type AlertDraft = {
  type: BlockerType;
  severity: Severity;
  level: AlertLevel;
  title: string;
  description: string;
  action_required: string;
};

/**
 * One alert per blocker type (the seed's "one open alert per lead and type"): the most severe blocker of the type
 * sets severity, level and action; the description lists every blocker of the type.
 */
export function alertDrafts(blockers: readonly Blocker[], expectedValueGbp: number): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  for (const type of BLOCKER_TYPES) {
    const ofType = blockers
      .filter((blocker) => blocker.type === type)
      .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
    const worst = ofType[0];
    if (!worst) continue;
    drafts.push({
      type,
      severity: worst.severity,
      level: alertLevel(worst.severity, expectedValueGbp),
      title: ALERT_TITLES[type],
      description: ofType.map((blocker) => blocker.description).join('; '),
      action_required: worst.action_required,
    });
  }
  return drafts;
}
