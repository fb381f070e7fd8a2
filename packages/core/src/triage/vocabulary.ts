/*
 * Triage's closed vocabularies, apart from the code that uses them so the web app can import them without the
 * scoring engine.
 */

/** The five factors every score is built from (seed phase 1.1). */
export const FACTORS = ['engagement', 'recency', 'source_quality', 'contactability', 'course_fit'] as const;
export type Factor = (typeof FACTORS)[number];

export const SCORE_BANDS = ['high', 'medium', 'low'] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

export const TRIAGE_ACTIONS = ['call_now', 'nurture', 're_engage', 'verify_data'] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];

export const BLOCKER_TYPES = ['data_completeness', 'engagement_stall', 'source_quality', 'course_capacity'] as const;
export type BlockerType = (typeof BLOCKER_TYPES)[number];

/** Most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** An alert's life: raised open, acknowledged by a person, resolved by a person or when its condition clears. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** What became of a proposed change of the scoring weights. */
export const WEIGHT_DECISIONS = ['adopted', 'rejected'] as const;
export type WeightDecision = (typeof WEIGHT_DECISIONS)[number];
