import { normalizeEmail } from '../contact/normalize-email';
import { normalizePhone } from '../contact/normalize-phone';
import { PHONE_LIKE, type PiiCandidate } from './detectors';

/** A person Ivy holds, whose identifiers must be found in text however they are written around. */
export interface KnownEntity {
  full_name?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name as a pattern: any run of whitespace between words, either apostrophe. */
function namePattern(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => escapeRegExp(word).replace(/['’]/g, "['’]"))
    .join('\\s+');
}

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';

/**
 * Comparable forms of a phone: E.164 when valid, and a digits-only international form so numbers libphonenumber
 * rejects (drama ranges, typos in stored data) still match however they are spaced.
 */
export function phoneKeys(phone: string): string[] {
  const keys: string[] = [];
  const e164 = normalizePhone(phone);
  if (e164) keys.push(e164);
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 7) {
    if (phone.trim().startsWith('+')) keys.push(`+${digits}`);
    else if (digits.startsWith('00')) keys.push(`+${digits.slice(2)}`);
    else if (digits.startsWith('0')) keys.push(`+44${digits.slice(1)}`);
    else keys.push(`+${digits}`);
  }
  return keys;
}

/** Exact, normalised matches of stored names, e-mails and phones, with confidence 1. */
export function detectKnownEntities(
  text: string,
  entities: readonly KnownEntity[],
  phoneCandidates: readonly PiiCandidate[],
): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  const fullNames = new Set<string>();
  const singleNames = new Set<string>();
  const emails = new Set<string>();
  const phones = new Set<string>();
  for (const entity of entities) {
    const first = entity.first_name?.trim();
    const last = entity.last_name?.trim();
    const full = entity.full_name?.trim();
    if (full) fullNames.add(namePattern(full));
    if (first && last) {
      fullNames.add(namePattern(`${first} ${last}`));
      fullNames.add(`${namePattern(last)}\\s*,\\s*${namePattern(first)}`);
    }
    if (full && !(first && last)) {
      const words = full.split(/\s+/);
      if (words.length >= 2) {
        const surname = words.at(-1) ?? '';
        fullNames.add(`${namePattern(surname)}\\s*,\\s*${namePattern(words.slice(0, -1).join(' '))}`);
      }
    }
    // A lone first or last name is a weaker signal ("Will", "Rose"): taken only capitalised as written.
    for (const single of [first, last]) if (single && single.length >= 3) singleNames.add(namePattern(single));
    if (entity.email?.trim()) emails.add(escapeRegExp(normalizeEmail(entity.email)));
    if (entity.phone?.trim()) for (const key of phoneKeys(entity.phone)) phones.add(key);
  }
  const scan = (patterns: Set<string>, flags: string, confidence: number, detector: string, type: 'name' | 'email') => {
    if (patterns.size === 0) return;
    // Longest first, so "Mary Ann Smith" wins over "Mary Ann".
    const alternation = [...patterns].sort((a, b) => b.length - a.length).join('|');
    const boundaryStart = type === 'email' ? '(?<![A-Za-z0-9._%+-])' : WORD_START;
    const boundaryEnd = type === 'email' ? '(?![A-Za-z0-9_%+-]|\\.[A-Za-z0-9])' : WORD_END;
    const re = new RegExp(`${boundaryStart}(?:${alternation})${boundaryEnd}`, flags);
    for (const m of text.matchAll(re)) {
      out.push({ type, start: m.index, end: m.index + m[0].length, confidence, detector });
    }
  };
  scan(fullNames, 'giu', 1, 'known_name', 'name');
  scan(singleNames, 'gu', 0.9, 'known_name_part', 'name');
  scan(emails, 'gi', 1, 'known_email', 'email');
  if (phones.size > 0) {
    const spans = new Map<string, PiiCandidate>();
    const consider = (start: number, end: number, keys: string[]) => {
      if (keys.some((key) => phones.has(key))) {
        spans.set(`${start}:${end}`, { type: 'phone', start, end, confidence: 1, detector: 'known_phone' });
      }
    };
    for (const c of phoneCandidates) {
      consider(c.start, c.end, [...(c.e164 ? [c.e164] : []), ...phoneKeys(text.slice(c.start, c.end))]);
    }
    for (const m of text.matchAll(PHONE_LIKE)) {
      const raw = m[0].replace(/[\s().-]+$/, '');
      consider(m.index, m.index + raw.length, phoneKeys(raw));
    }
    out.push(...spans.values());
  }
  return out;
}
