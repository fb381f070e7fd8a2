import type { ConsentType } from './vocabulary';

/** The contact consent types and the people columns that mirror them, so triage and lists read one boolean. */
export const CONTACT_CONSENT_COLUMNS = {
  email_contact: 'consent_email',
  sms_contact: 'consent_sms',
  phone_contact: 'consent_phone',
} as const satisfies Partial<Record<ConsentType, string>>;

export type ContactConsentType = keyof typeof CONTACT_CONSENT_COLUMNS;
export type ContactConsentColumn = (typeof CONTACT_CONSENT_COLUMNS)[ContactConsentType];
export type ContactConsentFlags = Record<ContactConsentColumn, boolean>;

export const CONTACT_CONSENT_TYPES = Object.keys(CONTACT_CONSENT_COLUMNS) as ContactConsentType[];

export function isContactConsentType(type: ConsentType): type is ContactConsentType {
  return type in CONTACT_CONSENT_COLUMNS;
}
