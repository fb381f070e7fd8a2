/*
 * The UK admissions cycle as features: where in the year a date falls matters as much as what a lead did. The
 * cycle year starts on 1 September, when applications for the following September open (see DOMAIN.md).
 */

const DAY_MS = 86_400_000;

/** 1 September (UTC) of the admissions cycle `date` belongs to. */
export function cycleStart(date: Date): Date {
  const year = date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return new Date(Date.UTC(year, 8, 1));
}

/** Week of the admissions cycle, 1 (the first week of September) to 53. */
export function academicWeek(date: Date): number {
  return Math.floor((date.getTime() - cycleStart(date).getTime()) / (7 * DAY_MS)) + 1;
}

export type AcademicPhase = {
  /** September to the equal-consideration deadline (end of January): when most enquiries and applications arrive. */
  peak: boolean;
  /** Clearing: from 5 July (after the 30 June final deadline) to the end of August, busiest around results day. */
  clearing: boolean;
  /** Christmas and New Year (20 December – 3 January), when enquiries and replies stall. */
  holiday: boolean;
};

export function academicPhase(date: Date): AcademicPhase {
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  return {
    peak: month >= 8 || month === 0,
    clearing: (month === 6 && day >= 5) || month === 7,
    holiday: (month === 11 && day >= 20) || (month === 0 && day <= 3),
  };
}

/** The month as a point on a circle, so December and January are neighbours. */
export function monthCycle(date: Date): { month_sin: number; month_cos: number } {
  const angle = (2 * Math.PI * date.getUTCMonth()) / 12;
  return { month_sin: Math.sin(angle), month_cos: Math.cos(angle) };
}
