/**
 * What a person can consent to (UK GDPR and PECR): contact on each channel, and uses of their data beyond running
 * their application. The contact types are what `people.consent_email`, `consent_sms` and `consent_phone` reflect.
 */
export const CONSENT_TYPES = [
  'email_contact',
  'sms_contact',
  'phone_contact',
  'marketing',
  'ai_processing',
  'third_party_sharing',
] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

/** The kinds of personal data a consent covers. */
export const DATA_CATEGORIES = [
  'contact_details',
  'demographics',
  'academic_records',
  'application',
  'engagement',
  'financial',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Where a consent (or its withdrawal) was given. */
export const CONSENT_SOURCES = [
  'web_form',
  'email',
  'phone',
  'in_person',
  'ucas',
  'student_portal',
  'import',
  'staff',
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** Data-subject requests Ivy carries out and reports on. */
export const GDPR_REQUEST_KINDS = ['export', 'erasure'] as const;
export type GdprRequestKind = (typeof GDPR_REQUEST_KINDS)[number];

/** Why a person was erased: their own request, or the end of the retention period. */
export const ERASURE_GROUNDS = ['subject_request', 'retention'] as const;
export type ErasureGround = (typeof ERASURE_GROUNDS)[number];
