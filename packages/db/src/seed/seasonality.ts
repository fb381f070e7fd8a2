import type { Source } from '@ivy/core';
import { type CycleDates, DAY_MS, HOUR_MS, startOfUtcDay } from './calendar';
import { type Rng, WeightedTable } from './rng';

/**
 * Relative enquiry volume per month of an intake's enquiry window, January of the year before entry (index 0) to
 * August of the entry year (index 19): a slow spring build-up with open days, the September–January peak of the
 * UCAS cycle, a December dip, a quiet early summer and the Clearing burst in July–August.
 */
const MONTH_WEIGHTS = [
  0.25, 0.3, 0.45, 0.5, 0.55, 0.7, 0.6, 0.5, 1.0, 1.3, 1.2, 0.75, 1.1, 0.55, 0.45, 0.35, 0.3, 0.3, 0.75, 1.0,
];

/** How each source departs from the overall curve, by month of the window (missing months: 1). */
const SOURCE_MONTH_FACTORS: Partial<Record<Source, Partial<Record<number, number>>>> = {
  // UCAS leads come with the application season.
  ucas: { 0: 0.2, 1: 0.2, 2: 0.25, 3: 0.3, 4: 0.3, 5: 0.35, 6: 0.3, 7: 0.4, 8: 1.6, 9: 1.6, 10: 1.5, 11: 1.4, 12: 1.6 },
  // Open days (June, July, September–November) and applicant days (February–April).
  event: { 5: 2.2, 6: 1.8, 8: 1.8, 9: 2.0, 10: 1.7, 11: 0.4, 12: 0.5, 13: 1.3, 14: 1.3, 15: 1.2, 18: 0.4, 19: 0.3 },
  // Clearing campaigns and Clearing searches.
  paid_social: { 8: 1.3, 9: 1.3, 10: 1.2, 18: 2.0, 19: 2.4 },
  organic_search: { 18: 1.8, 19: 2.2 },
  direct: { 19: 1.5 },
  // Agents recruit on a rolling basis.
  agent: { 0: 2, 1: 2, 2: 2, 3: 2, 4: 1.8, 5: 1.4, 6: 1.3, 7: 1.2, 11: 1.1, 13: 1.6, 14: 1.8, 15: 2, 16: 2.2, 17: 2 },
};

function dayFactor(day: number, dates: CycleDates): number {
  const date = new Date(day);
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  const weekday = date.getUTCDay();
  let factor = weekday === 0 || weekday === 6 ? 0.75 : 1;
  if (month === 11 && dom >= 20) factor *= 0.3; // Christmas
  if (month === 0 && dom <= 3) factor *= 0.5;
  if (date.getUTCFullYear() === dates.intakeYear) {
    const deadline = dates.equalConsiderationDeadline;
    if (month === 0) {
      // Applications and last-minute enquiries pile up before the equal-consideration deadline.
      factor *= day <= deadline ? 0.6 + 1.6 * (dom / new Date(deadline).getUTCDate()) : 0.55;
    }
    if (month === 7) {
      const sinceResults = (day - dates.resultsDay) / DAY_MS;
      if (sinceResults >= 0 && sinceResults < 4) factor *= 3.2;
      else if (sinceResults >= 4 && sinceResults < 10) factor *= 1.6;
      else if (sinceResults >= 10) factor *= 0.5;
      else factor *= 0.85;
    }
  }
  return factor;
}

/** When enquiries for one intake and source arrive, truncated at the data's `asOf`. */
export class EnquiryCalendar {
  private readonly table: WeightedTable<number> | null;
  /** The share of the intake's full-window volume that has arrived by `asOf`. */
  readonly elapsedShare: number;

  constructor(dates: CycleDates, source: Source, asOf: number) {
    const factors = SOURCE_MONTH_FACTORS[source] ?? {};
    const days: number[] = [];
    const weights: number[] = [];
    let full = 0;
    let elapsed = 0;
    const lastDay = startOfUtcDay(asOf) - DAY_MS;
    for (let day = dates.enquiryWindowStart; day < dates.intake; day += DAY_MS) {
      const date = new Date(day);
      const index = (date.getUTCFullYear() - (dates.intakeYear - 1)) * 12 + date.getUTCMonth();
      const weight = (MONTH_WEIGHTS[index] ?? 0) * (factors[index] ?? 1) * dayFactor(day, dates);
      full += weight;
      if (day <= lastDay) {
        elapsed += weight;
        days.push(day);
        weights.push(weight);
      }
    }
    this.table = days.length > 0 ? new WeightedTable(days, weights) : null;
    this.elapsedShare = full > 0 ? elapsed / full : 0;
  }

  /** A moment of enquiry: a weighted day, at a time of day between 07:00 and 23:00. */
  draw(rng: Rng): number {
    if (!this.table) throw new Error('No enquiry days before asOf for this intake');
    const day = this.table.draw(rng);
    return day + 7 * HOUR_MS + Math.floor(rng.float() * 16 * HOUR_MS);
  }
}
