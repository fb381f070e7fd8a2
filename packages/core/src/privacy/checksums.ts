/** Luhn (mod 10) check used by payment card numbers. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Lengths of IBANs by country (ISO 13616 registry) for the countries Ivy's applicants and sponsors commonly use. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LT: 20,
  LU: 20,
  LV: 21,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  TR: 26,
};

/** The registered IBAN length of a country, when Ivy knows it. */
export function ibanLength(countryCode: string): number | undefined {
  return IBAN_LENGTHS[countryCode];
}

/** ISO 13616 check: known country length and mod-97 remainder 1. `iban` without spaces, upper case. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const NI_INVALID_LETTERS = /[DFIQUV]/;
const NI_INVALID_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * HMRC's National Insurance number format: two prefix letters (neither D, F, I, Q, U or V; the second not O; not
 * one of the administrative prefixes), six digits and a suffix A–D. Spaces are ignored.
 */
export function isValidNiNumber(value: string): boolean {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  const m = /^([A-Z]{2})(\d{6})([A-D])$/.exec(compact);
  if (!m?.[1]) return false;
  const prefix = m[1];
  if (NI_INVALID_LETTERS.test(prefix) || prefix[1] === 'O') return false;
  return !NI_INVALID_PREFIXES.has(prefix);
}

/** Whether year/month/day (month 1–12) name a real Gregorian calendar date. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
