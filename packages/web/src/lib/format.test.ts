import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  formatCalendarDate,
  formatDuration,
  formatIntake,
  formatRelativeTime,
  humanize,
  initials,
  personName,
  pluralise,
} from './format';

const now = new Date('2026-03-15T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatRelativeTime', () => {
  it('says "just now" for the last few seconds', () => {
    expect(formatRelativeTime(ago(10_000), now)).toBe('just now');
  });

  it('uses minutes, hours and days as the gap grows', () => {
    expect(formatRelativeTime(ago(5 * MIN), now)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3 * HOUR), now)).toBe('3 hours ago');
    expect(formatRelativeTime(ago(3 * DAY), now)).toBe('3 days ago');
  });

  it('says "yesterday" rather than "1 day ago"', () => {
    expect(formatRelativeTime(ago(DAY), now)).toBe('yesterday');
  });

  it('switches to weeks, then calendar months, then years', () => {
    expect(formatRelativeTime(ago(15 * DAY), now)).toBe('2 weeks ago');
    expect(formatRelativeTime(new Date('2025-12-10T12:00:00Z'), now)).toBe('3 months ago');
    expect(formatRelativeTime(new Date('2024-02-01T12:00:00Z'), now)).toBe('2 years ago');
  });

  it('handles the future and ISO strings', () => {
    expect(formatRelativeTime('2026-03-18T12:00:00Z', now)).toBe('in 3 days');
  });

  it('shows a dash for a date it cannot read', () => {
    expect(formatRelativeTime('not a date', now)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('formats seconds, minutes and hours', () => {
    expect(formatDuration(35)).toBe('35s');
    expect(formatDuration(245)).toBe('4m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
  });

  it('gives null when there is no duration', () => {
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(-1)).toBeNull();
    expect(formatDuration(0)).toBeNull();
  });
});

describe('labels', () => {
  it('turns vocabulary values into labels', () => {
    expect(humanize('paid_social')).toBe('Paid social');
    expect(humanize('ucas')).toBe('UCAS');
    expect(humanize('offer_conditional')).toBe('Conditional offer');
    expect(humanize('under_review')).toBe('Under review');
    expect(humanize(null)).toBe('—');
  });

  it('names people, and says so when a lead has no name', () => {
    expect(personName({ first_name: 'Ada', last_name: 'Lovelace' })).toBe('Ada Lovelace');
    expect(personName({ first_name: null, last_name: 'Lovelace' })).toBe('Lovelace');
    expect(personName({ first_name: null, last_name: null })).toBe('Unnamed lead');
    expect(personName({ first_name: null, last_name: null, external_ref: '660737' })).toBe('Ref 660737');
    expect(initials('Ada King Lovelace')).toBe('AL');
  });

  it('pluralises with thousands separators', () => {
    expect(pluralise(12345, 'lead')).toBe('12,345 leads');
    expect(pluralise(1, 'lead')).toBe('1 lead');
    expect(pluralise(0, 'activity', 'activities')).toBe('0 activities');
  });
});

describe('calendar dates', () => {
  it('shows an intake as month and year', () => {
    // ICU versions differ on "Sep" or "Sept".
    expect(formatIntake('2026-09-01')).toMatch(/^Sept? 2026$/);
  });

  it('keeps a date of birth on its day whatever the time zone', () => {
    expect(formatCalendarDate('2004-05-17')).toBe('17 May 2004');
  });

  it('computes age in whole years, counting the birthday itself', () => {
    expect(ageInYears('2008-03-15', now)).toBe(18);
    expect(ageInYears('2008-03-16', now)).toBe(17);
    expect(ageInYears(null, now)).toBeNull();
  });
});
