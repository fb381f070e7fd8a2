import { isDisposableEmail } from '@/lib/vocabulary';

export type ContactFlag = { tone: 'danger' | 'warning'; label: string; explanation: string };

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Why an e-mail address cannot be used, if it cannot: missing, malformed, or a throw-away mailbox. */
export function emailFlag(email: string | null): ContactFlag | null {
  if (!email?.trim()) return { tone: 'danger', label: 'Missing', explanation: 'No e-mail address on record.' };
  if (!EMAIL_SHAPE.test(email.trim())) {
    return { tone: 'danger', label: 'Invalid', explanation: 'This does not look like an e-mail address.' };
  }
  if (isDisposableEmail(email)) {
    return {
      tone: 'warning',
      label: 'Disposable',
      explanation: 'A throw-away mailbox: messages are unlikely to be read.',
    };
  }
  return null;
}

/** Why a phone number cannot be used: missing, or not a valid number (the server could not normalise it). */
export function phoneFlag(phone: string | null, phoneE164: string | null): ContactFlag | null {
  if (!phone?.trim()) return { tone: 'danger', label: 'Missing', explanation: 'No phone number on record.' };
  if (!phoneE164) return { tone: 'warning', label: 'Invalid', explanation: 'This number could not be validated.' };
  return null;
}
