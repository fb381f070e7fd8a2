import { createHmac } from 'node:crypto';
import { normalizePhone } from '../contact/normalize-phone';
import { type DetectPiiOptions, detectPii, type PiiMatch } from './detect-pii';
import type { PiiType, RedactionLevel } from './vocabulary';

/** The tag of each type in full and hashed redactions (`[REDACTED_EMAIL]`, `[EMAIL:…]`). */
const TAGS: Record<PiiType, string> = {
  name: 'NAME',
  email: 'EMAIL',
  phone: 'PHONE',
  address: 'ADDRESS',
  student_id: 'STUDENT_ID',
  national_id: 'NATIONAL_ID',
  postcode: 'POSTCODE',
  date_of_birth: 'DATE_OF_BIRTH',
  financial: 'FINANCIAL',
  academic: 'ACADEMIC',
};

/** Pseudonym stems: readable to a language model, so its answer can refer to them. */
const PSEUDONYM_STEMS: Record<PiiType, string> = {
  name: 'PERSON',
  email: 'EMAIL',
  phone: 'PHONE',
  address: 'ADDRESS',
  student_id: 'STUDENT_ID',
  national_id: 'NI_NUMBER',
  postcode: 'POSTCODE',
  date_of_birth: 'DOB',
  financial: 'ACCOUNT',
  academic: 'ACADEMIC_RECORD',
};

// No stem ends another, and detected values never run on into a digit, so a pseudonym is found even when the
// value sat against letters ("tel07911…" → "telPHONE_1").
const PSEUDONYM = new RegExp(`(?:${[...new Set(Object.values(PSEUDONYM_STEMS))].join('|')})_\\d+(?!\\d)`, 'g');

/**
 * Pseudonyms for one request: the same value gets the same pseudonym in every text redacted with this map, and
 * `restore` puts the originals back. Keyed on the exact value, so restoring reproduces the text exactly. Hold it
 * only for the request: it is the key that re-identifies.
 */
export class PseudonymMap {
  readonly #byValue = new Map<string, string>();
  readonly #byPseudonym = new Map<string, string>();
  readonly #counters = new Map<string, number>();

  pseudonymFor(type: PiiType, value: string): string {
    const key = `${type}\u0000${value}`;
    const existing = this.#byValue.get(key);
    if (existing) return existing;
    const stem = PSEUDONYM_STEMS[type];
    const n = (this.#counters.get(stem) ?? 0) + 1;
    this.#counters.set(stem, n);
    const pseudonym = `${stem}_${n}`;
    this.#byValue.set(key, pseudonym);
    this.#byPseudonym.set(pseudonym, value);
    return pseudonym;
  }

  /** `text` with every pseudonym this map issued replaced by its original value; others are left as they are. */
  restore(text: string): string {
    return text.replace(PSEUDONYM, (token) => this.#byPseudonym.get(token) ?? token);
  }

  get size(): number {
    return this.#byPseudonym.size;
  }
}

export interface RedactPiiOptions extends DetectPiiOptions {
  level: RedactionLevel;
  /** Server secret for `hashed`: required, because a bare hash of an e-mail is reversed by guessing. */
  hmacKey?: string | Uint8Array;
  /** For `anonymized`: share one map across the texts of a request (a fresh one otherwise). */
  pseudonyms?: PseudonymMap;
}

export interface RedactedPiiMatch extends PiiMatch {
  replacement: string;
}

export interface RedactionResult {
  redacted_text: string;
  matches: RedactedPiiMatch[];
  level: RedactionLevel;
}

export class MissingHmacKeyError extends Error {
  constructor() {
    super('Hashed redaction needs an HMAC key (a server secret); a bare hash of personal data can be reversed');
    this.name = 'MissingHmacKeyError';
  }
}

/** Letters and digits replaced by `*`, except the last `keep` of them; separators stay. */
function maskKeepingLast(value: string, keep: number): string {
  let remaining = value.replace(/[^\p{L}\p{N}]/gu, '').length - keep;
  return value.replace(/[\p{L}\p{N}]/gu, (ch) => (remaining-- > 0 ? '*' : ch));
}

function initials(value: string): string {
  return value
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]}***`)
    .join(' ');
}

/** Characters kept at the end of a partially redacted value: never more than a third of it. */
const PARTIAL_KEEP: Partial<Record<PiiType, number>> = { phone: 3, financial: 4, student_id: 3, national_id: 1 };

function partial(match: PiiMatch): string {
  const { type, value } = match;
  switch (type) {
    case 'email': {
      const at = value.lastIndexOf('@');
      return `${value[0]}***${value.slice(at)}`;
    }
    case 'name':
    case 'address':
      return initials(value);
    case 'postcode': {
      const outward = value.trim().replace(/\s*\S{3}$/, '');
      return `${outward.toUpperCase()} ***`;
    }
    case 'date_of_birth': {
      const year = /(?<!\d)\d{4}(?!\d)/.exec(value);
      if (!year) return maskKeepingLast(value, 0);
      const end = year.index + year[0].length;
      return maskKeepingLast(value.slice(0, year.index), 0) + year[0] + maskKeepingLast(value.slice(end), 0);
    }
    default: {
      const alphanumerics = value.replace(/[^\p{L}\p{N}]/gu, '').length;
      return maskKeepingLast(value, Math.min(PARTIAL_KEEP[type] ?? 0, Math.floor(alphanumerics / 3)));
    }
  }
}

/** The form hashed, so one value written differently (case, spacing, phone format) hashes the same. */
function canonical(match: PiiMatch): string {
  const { type, value } = match;
  switch (type) {
    case 'email':
    case 'name':
    case 'address':
    case 'academic':
    case 'date_of_birth':
      return value.trim().replace(/\s+/g, ' ').toLowerCase();
    case 'phone':
      return normalizePhone(value) ?? value.replace(/[^\d+]/g, '');
    default:
      return value.replace(/[\s-]+/g, '').toUpperCase();
  }
}

function hashed(match: PiiMatch, key: string | Uint8Array): string {
  const digest = createHmac('sha256', key)
    .update(`${match.type}:${canonical(match)}`)
    .digest('hex');
  return `[${TAGS[match.type]}:${digest.slice(0, 12)}]`;
}

/** `text` with its personal data replaced at `level`, and what was replaced. */
export function redactPii(text: string, options: RedactPiiOptions): RedactionResult {
  const { level } = options;
  const key = options.hmacKey;
  if (level === 'hashed' && (key === undefined || key.length === 0)) throw new MissingHmacKeyError();
  const pseudonyms = options.pseudonyms ?? new PseudonymMap();
  const replace = (match: PiiMatch): string => {
    switch (level) {
      case 'full':
        return `[REDACTED_${TAGS[match.type]}]`;
      case 'partial':
        return partial(match);
      case 'hashed':
        return hashed(match, key as string | Uint8Array);
      case 'anonymized':
        return pseudonyms.pseudonymFor(match.type, match.value);
    }
  };
  const matches = detectPii(text, options).map((m) => ({ ...m, replacement: replace(m) }));
  let redacted = '';
  let cursor = 0;
  for (const m of matches) {
    redacted += text.slice(cursor, m.start) + m.replacement;
    cursor = m.end;
  }
  redacted += text.slice(cursor);
  return { redacted_text: redacted, matches, level };
}
