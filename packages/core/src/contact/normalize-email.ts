/**
 * The form of an e-mail address used for identity (uniqueness and de-duplication). Only case and surrounding
 * whitespace are folded: provider-specific rules (Gmail dots, plus tags) would merge addresses that institutions
 * treat as different contacts.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isPlausibleEmail(email: string): boolean {
  return EMAIL_SHAPE.test(email.trim());
}

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at < 0 ? null : normalizeEmail(email.slice(at + 1));
}
