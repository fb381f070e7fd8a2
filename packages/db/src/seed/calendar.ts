/** UTC time arithmetic on epoch milliseconds, and the dates of one UK admissions cycle. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function utc(year: number, monthIndex: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, monthIndex, day, hour, minute);
}

export function startOfUtcDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** Months counted from year 0, so consecutive months are consecutive integers. */
export function monthKey(time: number): number {
  const date = new Date(time);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function monthKeyToDate(key: number): string {
  const year = Math.floor(key / 12);
  const month = (key % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

export function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function isoTimestamp(time: number): string {
  return new Date(time).toISOString();
}

/**
 * Where the moving dates of the cycle fall (month index 0 = January). They shift a little each year; the seed only
 * needs them roughly right, so they live here as configuration rather than being derived.
 */
export const UK_CYCLE = {
  /** First enquiries for an intake arrive about twenty months before entry. */
  enquiryWindowStart: { monthsBeforeEntryYear: 12, month: 0, day: 1 },
  applicationsOpen: { month: 8, day: 3 },
  equalConsiderationDeadline: { month: 0, day: 21 },
  replyDate: { month: 5, day: 4 },
  finalDeadline: { month: 5, day: 30 },
  clearingOpens: { month: 6, day: 1 },
  /** A-level results day: the first Thursday on or after this date. */
  resultsDayEarliest: { month: 7, day: 12 },
  intake: { month: 8, day: 1 },
  /** Admissions teams close the cycle (mark the silent as lost) by mid-October. */
  cycleClose: { month: 9, day: 15 },
} as const;

export type CycleDates = {
  intakeYear: number;
  /** The intake date as stored in courses.intake. */
  intakeDate: string;
  enquiryWindowStart: number;
  applicationsOpen: number;
  equalConsiderationDeadline: number;
  replyDate: number;
  finalDeadline: number;
  clearingOpens: number;
  resultsDay: number;
  intake: number;
  cycleClose: number;
};

export function cycleDates(intakeYear: number): CycleDates {
  const c = UK_CYCLE;
  const earliestResults = utc(intakeYear, c.resultsDayEarliest.month, c.resultsDayEarliest.day);
  const daysToThursday = (4 - new Date(earliestResults).getUTCDay() + 7) % 7;
  const intake = utc(intakeYear, c.intake.month, c.intake.day);
  return {
    intakeYear,
    intakeDate: isoDate(intake),
    enquiryWindowStart: utc(intakeYear - 1, c.enquiryWindowStart.month, c.enquiryWindowStart.day),
    applicationsOpen: utc(intakeYear - 1, c.applicationsOpen.month, c.applicationsOpen.day),
    equalConsiderationDeadline: utc(
      intakeYear,
      c.equalConsiderationDeadline.month,
      c.equalConsiderationDeadline.day,
      18,
    ),
    replyDate: utc(intakeYear, c.replyDate.month, c.replyDate.day, 23),
    finalDeadline: utc(intakeYear, c.finalDeadline.month, c.finalDeadline.day, 18),
    clearingOpens: utc(intakeYear, c.clearingOpens.month, c.clearingOpens.day),
    resultsDay: earliestResults + daysToThursday * DAY_MS,
    intake,
    cycleClose: utc(intakeYear, c.cycleClose.month, c.cycleClose.day),
  };
}

/**
 * The three intakes the demo covers, oldest first: the one before last, the one that has just enrolled, and the
 * one whose applications are in progress at `asOf` (the next September 1st strictly after it).
 */
export function demoIntakeYears(asOf: Date): [number, number, number] {
  const year = asOf.getUTCFullYear();
  const current = asOf.getTime() >= utc(year, UK_CYCLE.intake.month, UK_CYCLE.intake.day) ? year + 1 : year;
  return [current - 2, current - 1, current];
}
