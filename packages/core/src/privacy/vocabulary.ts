/*
 * Privacy's closed vocabularies (seed phase 5.1), apart from the detectors so the web app can import them without
 * the engine.
 */

/** The kinds of personal data Ivy detects in free text. */
export const PII_TYPES = [
  'name',
  'email',
  'phone',
  'address',
  'student_id',
  'national_id',
  'postcode',
  'date_of_birth',
  'financial',
  'academic',
] as const;
export type PiiType = (typeof PII_TYPES)[number];

/**
 * full: a type tag; partial: a masked form (`j***@example.com`); hashed: a keyed HMAC, stable per value and
 * unguessable without the key; anonymized: a pseudonym consistent within one request and reversible only by its
 * holder.
 */
export const REDACTION_LEVELS = ['full', 'partial', 'hashed', 'anonymized'] as const;
export type RedactionLevel = (typeof REDACTION_LEVELS)[number];
