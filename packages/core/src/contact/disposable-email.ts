import { emailDomain } from './normalize-email';

/**
 * Throw-away mailbox providers seen in admissions enquiry forms. A lead on one of these cannot be nurtured by
 * e-mail, so contactability scoring and data-quality checks treat it as missing.
 */
export const DISPOSABLE_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'mailinator.com',
  'guerrillamail.com',
  '10minutemail.com',
  'tempmail.com',
  'temp-mail.org',
  'yopmail.com',
  'trashmail.com',
  'getnada.com',
  'sharklasers.com',
  'dispostable.com',
  'throwawaymail.com',
  'maildrop.cc',
]);

export function isDisposableEmail(email: string): boolean {
  const domain = emailDomain(email);
  return domain !== null && DISPOSABLE_EMAIL_DOMAINS.has(domain);
}
