const LOCALE = 'en-GB';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * "3 days ago", "yesterday", "in 2 weeks": the largest unit that keeps the number readable.
 * `now` is a parameter so the result is reproducible in tests.
 */
export function formatRelativeTime(value: Date | string, now: Date = new Date()): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 45 * SECOND) return 'just now';
  if (abs < HOUR) return relativeFormat.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return relativeFormat.format(Math.round(diff / HOUR), 'hour');
  if (abs < WEEK) return relativeFormat.format(Math.round(diff / DAY), 'day');
  if (abs < 30 * DAY) return relativeFormat.format(Math.round(diff / WEEK), 'week');
  const months = calendarMonthsBetween(now, date);
  if (Math.abs(months) < 12) return relativeFormat.format(months === 0 ? Math.sign(diff) : months, 'month');
  return relativeFormat.format(Math.round(months / 12), 'year');
}

function calendarMonthsBetween(from: Date, to: Date): number {
  let months = (to.getFullYear() - from.getFullYear()) * 12 + (to.getMonth() - from.getMonth());
  // Count whole months only: 31 Jan → 28 Feb is not yet a month.
  if (months > 0 && to.getDate() < from.getDate()) months -= 1;
  if (months < 0 && to.getDate() > from.getDate()) months += 1;
  return months;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });
const dayHeadingFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const monthYearFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const calendarDateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "3 Mar 2026". */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

/** "3 Mar 2026, 14:05". */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? '—' : dateTimeFormat.format(date);
}

/** "14:05". */
export function formatTime(value: Date | string): string {
  return timeFormat.format(toDate(value));
}

/**
 * A calendar date without a time ("2004-05-17", a date of birth) shown as "17 May 2004" — formatted in UTC so the
 * viewer's time zone cannot move it to the day before.
 */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? '—' : calendarDateFormat.format(date);
}

/** An intake date ("2026-09-01") as "Sep 2026". */
export function formatIntake(intake: string | null | undefined): string {
  if (!intake) return '—';
  const date = new Date(`${intake.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? intake : monthYearFormat.format(date);
}

/** Local calendar day key "2026-03-03" for grouping. */
export function localDayKey(value: Date | string): string {
  const date = toDate(value);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** "Today", "Yesterday" or "Tue, 3 Mar 2026" for a day key from `localDayKey`. */
export function formatDayHeading(dayKey: string, now: Date = new Date()): string {
  if (dayKey === localDayKey(now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (dayKey === localDayKey(yesterday)) return 'Yesterday';
  const [year, month, day] = dayKey.split('-').map(Number);
  return dayHeadingFormat.format(new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

const integerFormat = new Intl.NumberFormat(LOCALE);
const gbpFormat = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** "12,345". */
export function formatCount(value: number): string {
  return integerFormat.format(value);
}

/** "£9,250". */
export function formatGbp(value: number): string {
  return gbpFormat.format(value);
}

/** "12,345 leads", "1 lead". */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** "4m 05s", "1h 02m", "35s"; null when there is no duration to show. */
export function formatDuration(seconds: number | null | undefined): string | null {
  // Zero (an unanswered call, a bounced visit) says nothing worth showing.
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return null;
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = whole % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(secs).padStart(2, '0')}s`;
  return `${secs}s`;
}

const LABEL_OVERRIDES: Record<string, string> = {
  ucas: 'UCAS',
  paid_social: 'Paid social',
  organic_search: 'Organic search',
  offer_conditional: 'Conditional offer',
  offer_unconditional: 'Unconditional offer',
  accepted_firm: 'Accepted (firm)',
  accepted_insurance: 'Accepted (insurance)',
  email_open: 'E-mail opened',
  email_click: 'E-mail clicked',
  web_visit: 'Web visit',
  portal_login: 'Portal login',
  event_attended: 'Event attended',
  form_submit: 'Form submitted',
  postgraduate_taught: 'Postgraduate taught',
  postgraduate_research: 'Postgraduate research',
};

/** A vocabulary value ("paid_social") as a label ("Paid social"). */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  const override = LABEL_OVERRIDES[value];
  if (override) return override;
  const spaced = value.replace(/[_-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "Ada Lovelace", or a stand-in when both parts are missing. */
export function personName(person: {
  first_name: string | null;
  last_name: string | null;
  external_ref?: string | null;
}): string {
  const name = [person.first_name, person.last_name].filter(Boolean).join(' ').trim();
  // Imported records are often anonymised: the source system's reference is what staff can look them up by.
  return name || (person.external_ref ? `Ref ${person.external_ref}` : 'Unnamed lead');
}

/** "AL" for an avatar. */
export function initials(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

/** Whole years between a date of birth ("2004-05-17") and `now`; null if the date is unusable. */
export function ageInYears(dateOfBirth: string | null | undefined, now: Date = new Date()): number | null {
  if (!dateOfBirth) return null;
  const [year, month, day] = dateOfBirth.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return null;
  let age = now.getFullYear() - year;
  if (now.getMonth() + 1 < month || (now.getMonth() + 1 === month && now.getDate() < day)) age -= 1;
  return age >= 0 && age < 130 ? age : null;
}
