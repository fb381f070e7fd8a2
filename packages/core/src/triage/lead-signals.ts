import type { EngagementType, Source } from '../crm/vocabulary';

/**
 * What triage knows about one lead: facts, not scores. Built from the database for stored people and from the
 * request body for the seed's raw leads, so both are scored by the same code.
 */
export type LeadSignals = {
  email: { present: boolean; valid: boolean };
  phone: { present: boolean; valid: boolean };
  /** Consent to be contacted on any channel; null when it was never recorded. */
  contact_consent: boolean | null;
  /**
   * The channels with current consent (an expired grant counts as none), for stored people; absent for raw leads,
   * whose channels are unknown. Triage never suggests contact on a channel that is false here.
   */
  contact_channels?: { email: boolean; sms: boolean; phone: boolean };
  source: Source;
  /** Touchpoints of each type in the engagement window (the last 90 days). */
  engagement: Partial<Record<EngagementType, number>>;
  days_since_last_activity: number | null;
  /** The course of interest's intake: seats, and offers/acceptances already committed to it. */
  course: { capacity: number | null; committed: number } | null;
};

/** Observed outcomes per source, the evidence behind source quality. */
export type SourceOutcomes = Partial<Record<Source, { leads: number; enrolled: number }>>;

export const ENGAGEMENT_WINDOW_DAYS = 90;
