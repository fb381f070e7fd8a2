/** What replaces an erased identifier inside kept text, so the text shows that something was removed. */
export const ERASED = '[erased]';

/**
 * The strings that identify a person on their own: e-mail, phones, full name, external reference. A first or last
 * name alone is not one (many people share it), so it is only removed where the whole row is about the person.
 */
export function strongIdentifiers(person: {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  phone_e164: string | null;
  external_ref: string | null;
}): string[] {
  const fullName = [person.first_name, person.last_name].filter(Boolean).join(' ');
  const candidates = [person.email, person.phone, person.phone_e164, person.external_ref, fullName];
  return [...new Set(candidates.map((value) => value?.trim() ?? '').filter((value) => value.length >= 3))];
}

/** Escapes a literal for a regular expression; the result suits PostgreSQL's `~*` and regexp_replace too. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every case-insensitive occurrence of the identifiers in a text; longest first, so a name inside an
 * e-mail address does not leave the rest of the address behind. */
export function scrubText(text: string, identifiers: readonly string[]): string {
  const ordered = [...identifiers].filter((value) => value.length > 0).sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return text;
  return text.replace(new RegExp(ordered.map(escapeRegExp).join('|'), 'gi'), ERASED);
}

/** scrubText applied to every string (values and keys) of a JSON value. */
export function scrubJson(value: unknown, identifiers: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, identifiers);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, identifiers));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [scrubText(key, identifiers), scrubJson(item, identifiers)]),
    );
  }
  return value;
}
