import { findNumbers, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ibanLength, isCalendarDate, isValidIban, isValidNiNumber, passesLuhn } from './checksums';
import type { PiiType } from './vocabulary';

/** A detector's finding before overlaps are resolved and value/context are attached. */
export interface PiiCandidate {
  type: PiiType;
  start: number;
  end: number;
  confidence: number;
  detector: string;
  /** E.164 form, for phone candidates libphonenumber could parse. */
  e164?: string;
}

/*
 * Every pattern anchors its start with a negative lookbehind on the characters it consumes, so a scan only starts at
 * the beginning of a run and repetition is bounded: no nested unbounded quantifiers, no catastrophic backtracking.
 */

/** Lower-cased text up to `span` characters before `start`. */
function before(text: string, start: number, span: number): string {
  return text.slice(Math.max(0, start - span), start).toLowerCase();
}

function after(text: string, end: number, span: number): string {
  return text.slice(end, end + span).toLowerCase();
}

const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-][A-Za-z0-9._%+'-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

export function detectEmails(text: string): PiiCandidate[] {
  return [...text.matchAll(EMAIL)].map((m) => ({
    type: 'email' as const,
    start: m.index,
    end: m.index + m[0].length,
    confidence: 0.99,
    detector: 'email',
  }));
}

/* Ofcom's drama ranges (07700 900xxx, 0113 496 0xxx…) are not valid numbers to libphonenumber, yet notes and demo
 * data use them: a UK-shaped run of digits is a phone even when no network would route it. */
const UK_PHONE_SHAPE = /(?<![\d+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|0)[1-9](?:[ \t-]?\d){8,9}(?![\d-])/g;

/** Runs of digits and phone punctuation: the only places a phone number can be. */
export const PHONE_LIKE = /(?<![\d+])(?:\+|00)?\(?\d[\d \t().-]{5,40}\d(?!\d)/g;

function phoneConfidence(raw: string, country: 'GB' | 'US'): number {
  if (raw.startsWith('+') || raw.startsWith('00')) return 0.97;
  // A GB reading without the trunk 0 is how a UCAS id (123-456-7890) parses: weak evidence of a phone.
  if (country === 'GB') return raw.startsWith('0') ? 0.95 : 0.55;
  return 0.85;
}

/** The whole run read as one number, when every digit of it belongs to that number. */
function parseRun(run: string): { country: 'GB' | 'US'; e164: string } | null {
  const digits = run.replace(/\D/g, '');
  // National numbers are 9–10 digits in the UK and 10 in the US; with country code, trunk 0 or "(0)", at most 13.
  if (digits.length < 9 || digits.length > 13) return null;
  // A leading 0 or + is read the same in either country: no second parse.
  const countries = /^[+0]/.test(run) ? (['GB'] as const) : (['GB', 'US'] as const);
  for (const country of countries) {
    const parsed = parsePhoneNumberFromString(run, country);
    if (!parsed?.isValid()) continue;
    const national = parsed.nationalNumber;
    // Country code, trunk 0 or "(0)" may precede the national number; nothing else.
    if (digits.endsWith(national) && digits.length - national.length <= 4) return { country, e164: parsed.number };
  }
  return null;
}

const MAX_LONG_RUNS = 20;

export function detectPhones(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  let longRuns = 0;
  // libphonenumber's findNumbers costs hundreds of microseconds a call; parsing each digit run as a whole is far
  // cheaper, and findNumbers is kept for long runs that may hold several numbers.
  for (const run of text.matchAll(PHONE_LIKE)) {
    const snippet = run[0];
    const whole = parseRun(snippet);
    if (whole) {
      out.push({
        type: 'phone',
        start: run.index,
        end: run.index + snippet.length,
        confidence: phoneConfidence(snippet, whole.country),
        detector: whole.country === 'GB' ? 'phone_uk' : 'phone_us',
        e164: whole.e164,
      });
      continue;
    }
    // A run too long for one number may hold a number beside other digits ("2006. (212) 555-0187"), in groups of
    // three or more digits. The cap bounds the cost of adversarial input; the UK-shape rule still covers the rest.
    if (snippet.replace(/\D/g, '').length < 14 || (snippet.match(/\d{3,}/g) ?? []).length < 2) continue;
    if (++longRuns > MAX_LONG_RUNS) continue;
    for (const country of ['GB', 'US'] as const) {
      for (const found of findNumbers(snippet, { defaultCountry: country, v2: true })) {
        out.push({
          type: 'phone',
          start: run.index + found.startsAt,
          end: run.index + found.endsAt,
          confidence: phoneConfidence(snippet.slice(found.startsAt, found.endsAt), country),
          detector: country === 'GB' ? 'phone_uk' : 'phone_us',
          e164: found.number.number,
        });
      }
    }
  }
  for (const m of text.matchAll(UK_PHONE_SHAPE)) {
    out.push({
      type: 'phone',
      start: m.index,
      end: m.index + m[0].length,
      confidence: 0.75,
      detector: 'phone_uk_shape',
    });
  }
  return out;
}

const POSTCODE =
  /(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi;

export function detectPostcodes(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    const upper = m[0] === m[0].toUpperCase();
    // Postcodes are written in one case; "B12 3rd (floor)" is not one.
    if (!upper && m[0] !== m[0].toLowerCase()) continue;
    const end = m.index + m[0].length;
    out.push({
      type: 'postcode',
      start: m.index,
      end,
      confidence: upper && m[0].includes(' ') ? 0.95 : 0.8,
      detector: 'uk_postcode',
    });
  }
  return out;
}

const NI_NUMBER = /(?<![A-Za-z0-9])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/gi;
const NI_CONTEXT = /\b(?:ni|nino|national insurance)\b/;

export function detectNiNumbers(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(NI_NUMBER)) {
    if (!isValidNiNumber(m[0])) continue;
    const inContext = NI_CONTEXT.test(before(text, m.index, 40));
    const upper = m[0] === m[0].toUpperCase();
    out.push({
      type: 'national_id',
      start: m.index,
      end: m.index + m[0].length,
      confidence: inContext ? 0.98 : upper ? 0.9 : 0.7,
      detector: 'uk_ni_number',
    });
  }
  return out;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const NUMERIC_DATE = /(?<![\d/.-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)/g;
const ISO_DATE = /(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
const DAY_MONTH_YEAR = new RegExp(
  `(?<![A-Za-z0-9])(\\d{1,2})(?:st|nd|rd|th)?[ \\t]+(?:of[ \\t]+)?(${MONTH_NAME})\\.?,?[ \\t]+(\\d{4})(?!\\d)`,
  'gi',
);
const MONTH_DAY_YEAR = new RegExp(
  `(?<![A-Za-z0-9])(${MONTH_NAME})\\.?[ \\t]+(\\d{1,2})(?:st|nd|rd|th)?,?[ \\t]+(\\d{4})(?!\\d)`,
  'gi',
);
const DOB_CONTEXT = /\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|born(?: on)?|birthday)\b/;

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * Dates of birth. A date after "DOB", "born"… is one with high confidence; a bare date only when its year is
 * plausible for a living applicant's birth (14–100 years before `referenceYear`), and then weakly, so open-day and
 * deadline dates are not taken for birthdays.
 */
export function detectDatesOfBirth(text: string, referenceYear: number): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  const add = (start: number, end: number, year: number, month: number, day: number, twoDigitYear: boolean) => {
    const inContext = DOB_CONTEXT.test(before(text, start, 30));
    if (!isCalendarDate(year, month, day)) return;
    if (inContext) {
      out.push({ type: 'date_of_birth', start, end, confidence: 0.95, detector: 'dob_context' });
    } else if (!twoDigitYear && year >= referenceYear - 100 && year <= referenceYear - 14) {
      out.push({ type: 'date_of_birth', start, end, confidence: 0.55, detector: 'date_birth_year' });
    }
  };
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const rawYear = m[4] ?? '';
    const twoDigit = rawYear.length === 2;
    // Two-digit years: a birth in the future is impossible, so 05 is 2005 and 98 is 1998.
    const year = twoDigit ? (2000 + Number(rawYear) > referenceYear ? 1900 : 2000) + Number(rawYear) : Number(rawYear);
    // UK day/month order first; a date only valid as month/day (e.g. 03/25/2006) is American.
    const [day, month] = isCalendarDate(year, b, a) ? [a, b] : [b, a];
    add(m.index, m.index + m[0].length, year, month, day, twoDigit);
  }
  for (const m of text.matchAll(ISO_DATE)) {
    add(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), Number(m[3]), false);
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    add(m.index, m.index + m[0].length, Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1]), false);
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    add(m.index, m.index + m[0].length, Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2]), false);
  }
  return out;
}

const CARD = /(?<![\d+-])[2-6](?:[ -]?\d){12,18}(?![\d-])/g;
const CARD_CONTEXT = /\b(?:card|visa|mastercard|amex|debit|credit)\b/;
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?/g;
const SORT_CODE = /(?<![\d-])\d{2}-\d{2}-\d{2}(?![\d-])/g;
const SORT_CODE_CONTEXT = /\b(?:sort[ -]?code|s\/c)\b/;
const ACCOUNT_NUMBER = /(?<![\d-])\d{8}(?![\d-])/g;
const ACCOUNT_CONTEXT = /\b(?:account|acc|a\/c)(?:\s*(?:number|no\.?|#))?\b/;

export function detectFinancial(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) continue;
    const inContext = CARD_CONTEXT.test(before(text, m.index, 40));
    const end = m.index + m[0].length;
    out.push({ type: 'financial', start: m.index, end, confidence: inContext ? 0.97 : 0.9, detector: 'card_luhn' });
  }
  for (const m of text.matchAll(IBAN)) {
    // The pattern may run on into following capitals; cut at the country's registered length before checking.
    const length = ibanLength(m[0].slice(0, 2));
    let kept = 0;
    let end = m.index;
    const target = length ?? m[0].replace(/ /g, '').length;
    while (end < m.index + m[0].length && kept < target) {
      if (text[end] !== ' ') kept++;
      end++;
    }
    if (kept !== target || !isValidIban(text.slice(m.index, end).replace(/ /g, ''))) continue;
    if (/[A-Za-z0-9]/.test(text[end] ?? '')) continue;
    out.push({ type: 'financial', start: m.index, end, confidence: 0.98, detector: 'iban_mod97' });
  }
  const sortCodeEnds: number[] = [];
  for (const m of text.matchAll(SORT_CODE)) {
    const end = m.index + m[0].length;
    const inContext = SORT_CODE_CONTEXT.test(before(text, m.index, 30));
    const accountFollows = /^[ \t,/]{1,4}(?:(?:account|acc|a\/c)(?:\s*(?:number|no\.?|#))?\s*:?\s*)?\d{8}\b/i.test(
      text.slice(end, end + 30),
    );
    if (!inContext && !accountFollows) continue;
    sortCodeEnds.push(end);
    out.push({ type: 'financial', start: m.index, end, confidence: 0.92, detector: 'uk_sort_code' });
  }
  for (const m of text.matchAll(ACCOUNT_NUMBER)) {
    const inContext = ACCOUNT_CONTEXT.test(before(text, m.index, 25));
    const afterSortCode = sortCodeEnds.some((end) => end <= m.index && m.index - end <= 30);
    if (!inContext && !afterSortCode) continue;
    const end = m.index + m[0].length;
    out.push({ type: 'financial', start: m.index, end, confidence: 0.88, detector: 'uk_account_number' });
  }
  return out;
}

const UCAS_ID = /(?<![\d-])\d{3}-?\d{3}-?\d{4}(?![\d-])/g;
const UCAS_CONTEXT = /\b(?:ucas|personal id|pid|applicant id|application id)\b/;
const STUDENT_NUMBER =
  /\b(?:student|applicant|enrolment|enrollment|matriculation|candidate|learner|university|college)[ \t]+(?:id|number|no\.?|num|ref(?:erence)?)(?:[ \t]+(?:is|was))?[ \t]*[:#=]?[ \t]*([A-Z]{0,4}-?\d[A-Z0-9-]{3,14})(?![A-Za-z0-9])/dgi;

export function detectStudentIds(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(UCAS_ID)) {
    const end = m.index + m[0].length;
    const inContext = UCAS_CONTEXT.test(before(text, m.index, 40));
    const dashed = m[0].includes('-');
    const confidence = inContext ? 0.95 : dashed ? 0.6 : 0.45;
    out.push({ type: 'student_id', start: m.index, end, confidence, detector: 'ucas_personal_id' });
  }
  for (const m of text.matchAll(STUDENT_NUMBER)) {
    const span = m.indices?.[1];
    if (!span) continue;
    const value = text.slice(span[0], span[1]).replace(/-+$/, '');
    out.push({
      type: 'student_id',
      start: span[0],
      end: span[0] + value.length,
      confidence: 0.92,
      detector: 'student_number_context',
    });
  }
  return out;
}

const GRADE_SET = /(?<![A-Za-z0-9*])(?:[AD]\*|[A-EMP]){3,4}(?![A-Za-z0-9*])/g;
const GRADE_CONTEXT =
  /\b(?:grades?|a[- ]?levels?|btec|predicted|predictions?|achieved|achieve|results?|offer|scored?|got|expected|ib|diploma|resits?|needs?|conditions?|conditional)\b/;
/** Course-level requirements are not anyone's grades. */
const REQUIREMENT_CONTEXT = /\b(?:entry requirements?|typical offer|requires|required|asks for)\b/;
const GPA = /\bGPA[ \t]*(?:of|:|=|is|was)?[ \t]*\d(?:\.\d{1,2})?(?:[ \t]*\/[ \t]*\d(?:\.\d{1,2})?)?(?!\d)/gi;
const UCAS_POINTS =
  /\b\d{2,3}[ \t]+(?:UCAS(?:[ \t]+tariff)?|tariff)[ \t]+points\b|\bUCAS[ \t]+(?:tariff[ \t]+)?points[ \t]*(?:of|:|=)?[ \t]*\d{2,3}\b/gi;
const DEGREE_SPLIT = /(?<![\d:.])(?:2:1|2:2|2\.1|2\.2)(?![\d:]|\.\d)/g;
const DEGREE_CLASS =
  /\b(?:first|upper second|lower second|third)(?:[- ]class)(?:[ \t]+(?:honours|hons|degree))?\b|\b(?:a|an)[ \t]+first[ \t]+in\b/gi;
const DEGREE_CONTEXT =
  /\b(?:degree|class|honours|hons|graduat\w*|predicted|expected|achieved|got|ba|bsc|ma|msc)\b|\ba[ \t]+$/;

export function detectAcademic(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  const push = (start: number, end: number, confidence: number, detector: string) =>
    out.push({ type: 'academic', start, end, confidence, detector });
  for (const m of text.matchAll(GRADE_SET)) {
    const end = m.index + m[0].length;
    const preceding = before(text, m.index, 50);
    if (REQUIREMENT_CONTEXT.test(preceding)) continue;
    const inContext = GRADE_CONTEXT.test(preceding) || GRADE_CONTEXT.test(after(text, end, 25));
    if (inContext) push(m.index, end, 0.85, 'grade_set');
    else if (m[0].includes('*')) push(m.index, end, 0.7, 'grade_set');
  }
  for (const m of text.matchAll(GPA)) push(m.index, m.index + m[0].length, 0.9, 'gpa');
  for (const m of text.matchAll(UCAS_POINTS)) push(m.index, m.index + m[0].length, 0.9, 'ucas_points');
  for (const m of text.matchAll(DEGREE_SPLIT)) {
    const end = m.index + m[0].length;
    if (
      DEGREE_CONTEXT.test(before(text, m.index, 30)) ||
      /^\s*(?:degree|honours|hons|in)\b/i.test(after(text, end, 12))
    ) {
      push(m.index, end, 0.85, 'degree_class');
    }
  }
  for (const m of text.matchAll(DEGREE_CLASS)) {
    const end = m.index + m[0].length;
    const explicit = /honours|hons|degree|\bin$/i.test(m[0]);
    const inContext = /\b(?:degree|graduat\w*|predicted|expected|achieved|got|honours|university)\b/.test(
      before(text, m.index, 40),
    );
    push(m.index, end, explicit || inContext ? 0.85 : 0.45, 'degree_class');
  }
  return out;
}

const STREET_SUFFIX =
  '(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Drive|Close|Way|Crescent|Cres|Court|Place|Gardens|Terrace|Grove|Square|Hill|Park|Row|Mews|Walk|Rise|Green|Parade|Boulevard|View|Gate|Wharf|Quay|Vale|Croft|Fold)';
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:Flat|Apartment|Apt|Unit)[ \\t]+\\d{1,4}[A-Za-z]?,?[ \\t]+)?\\d{1,4}[A-Za-z]?,?[ \\t]+(?:\\p{Lu}[\\p{Ll}'’]+[ \\t]+){1,3}${STREET_SUFFIX}\\b\\.?(?:,[ \\t]*\\p{Lu}\\p{Ll}+(?:[ -]\\p{Lu}\\p{Ll}+)?){0,2}`,
  'gu',
);
const ADDRESS_CONTEXT = /\b(?:lives?|living|address|moved|moving|resides?|based|home)\b/;

export function detectAddresses(text: string): PiiCandidate[] {
  return [...text.matchAll(ADDRESS)].map((m) => ({
    type: 'address' as const,
    start: m.index,
    end: m.index + m[0].length,
    confidence: ADDRESS_CONTEXT.test(before(text, m.index, 30)) ? 0.92 : 0.85,
    detector: 'uk_street_address',
  }));
}
