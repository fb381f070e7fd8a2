import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * E.164 form of a phone number, or null when it is not a valid number. Numbers without a country prefix are read
 * in `defaultCountry` (GB: Ivy's institutions are UK-first).
 */
export function normalizePhone(phone: string, defaultCountry: CountryCode = 'GB'): string | null {
  const parsed = parsePhoneNumberFromString(phone.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}
