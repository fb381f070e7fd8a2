import { RandomState } from '@ivy/ml';
import { describe, expect, it } from 'vitest';
import { academicWeek } from '../features/academic-calendar';
import { countQuantiles } from './count-quantiles';
import {
  forecastAccuracy,
  forecastWeeklyCounts,
  InsufficientHistoryError,
  SEASON_WEEKS,
  type WeeklyCount,
} from './weekly-forecast';

const WEEK_MS = 7 * 86_400_000;
/** A Monday. */
const START = Date.UTC(2023, 0, 2);

function weekStart(i: number): string {
  return new Date(START + i * WEEK_MS).toISOString().slice(0, 10);
}

function slotOf(i: number): number {
  return Math.min(academicWeek(new Date(START + i * WEEK_MS)), SEASON_WEEKS) - 1;
}

/** A smooth admissions-like year: busy autumn and winter, quiet early summer; mean 1 over the year. */
function shape(slot: number): number {
  return 1 + 0.6 * Math.cos((2 * Math.PI * (slot - 12)) / SEASON_WEEKS);
}

function series(length: number, mean: (i: number) => number): WeeklyCount[] {
  return Array.from({ length }, (_, i) => ({ week_start: weekStart(i), count: mean(i) }));
}

function poisson(rng: RandomState, mean: number): number {
  const limit = Math.exp(-mean);
  let product = rng.float();
  let count = 0;
  while (product > limit) {
    product *= rng.float();
    count += 1;
  }
  return count;
}

describe('forecastWeeklyCounts', () => {
  it('recovers a purely seasonal series: its index and its next year', () => {
    const history = series(3 * SEASON_WEEKS, (i) => 50 * shape(slotOf(i)));
    const result = forecastWeeklyCounts(history, { horizonWeeks: SEASON_WEEKS, backtestWeeks: 12 });
    result.forecast.forEach((week, h) => {
      expect(week.week_start).toBe(weekStart(history.length + h));
      expect(week.expected / (50 * shape(slotOf(history.length + h)))).toBeCloseTo(1, 1);
    });
    for (let slot = 0; slot < SEASON_WEEKS; slot++) {
      expect(Math.abs((result.seasonal_index[slot] as number) - shape(slot))).toBeLessThan(0.03);
    }
    expect(result.backtest.wape).toBeLessThan(0.03);
  });

  it('finds a short Clearing burst as the peak weeks', () => {
    // Academic weeks 49–51: mid-August, around results day.
    const clearing = (slot: number) => (slot >= 48 && slot <= 50 ? 4 : 1);
    const history = series(3 * SEASON_WEEKS, (i) => 10 * clearing(slotOf(i)));
    const result = forecastWeeklyCounts(history, { horizonWeeks: SEASON_WEEKS, backtestWeeks: 12 });
    const peakSlots = result.peak_weeks.map((week) => Math.min(academicWeek(new Date(`${week}T00:00:00Z`)), 52) - 1);
    expect(peakSlots.sort()).toEqual([48, 49, 50]);
    const quiet = result.forecast.find((week) => week.week_start.slice(5, 7) === '11');
    expect(quiet?.expected).toBeLessThan(
      result.forecast.find((w) => w.week_start === result.peak_weeks[0])?.expected ?? 0,
    );
  });

  it('follows a level shift: close to the new level at once, and within 10% once a year has passed', () => {
    const ratios = (length: number, shiftAt: number) => {
      const history = series(length, (i) => (i < shiftAt ? 20 : 40) * shape(slotOf(i)));
      const result = forecastWeeklyCounts(history, { horizonWeeks: 12, backtestWeeks: 12 });
      return result.forecast.map((week, h) => week.expected / (40 * shape(slotOf(length + h))));
    };
    // Half a year after a doubling, the season of the last year still holds some of it.
    for (const ratio of ratios(2 * SEASON_WEEKS + 26, 2 * SEASON_WEEKS)) {
      expect(ratio).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.1);
    }
    for (const ratio of ratios(3 * SEASON_WEEKS + 26, 2 * SEASON_WEEKS)) {
      expect(ratio).toBeGreaterThan(0.88);
      expect(ratio).toBeLessThan(1.1);
    }
  });

  it('keeps up with steady growth', () => {
    const growing = (i: number) => 20 * Math.exp((0.1 * i) / SEASON_WEEKS) * shape(slotOf(i));
    const history = series(3 * SEASON_WEEKS, growing);
    const result = forecastWeeklyCounts(history, { horizonWeeks: 12, backtestWeeks: 12 });
    result.forecast.forEach((week, h) => {
      expect(week.expected / growing(history.length + h)).toBeCloseTo(1, 1);
    });
  });

  it('gives intervals that contain most weeks of a Poisson process, never below 0', () => {
    const rng = new RandomState(7);
    const truth = (i: number) => 6 * shape(slotOf(i));
    let inside80 = 0;
    let inside95 = 0;
    let draws = 0;
    for (let history = 0; history < 20; history++) {
      const counts = series(3 * SEASON_WEEKS, (i) => poisson(rng, truth(i)));
      const result = forecastWeeklyCounts(counts, { horizonWeeks: 12, backtestWeeks: 12 });
      result.forecast.forEach((week, h) => {
        expect(week.lower_95).toBeGreaterThanOrEqual(0);
        expect(week.lower_95).toBeLessThanOrEqual(week.lower_80);
        expect(week.upper_80).toBeLessThanOrEqual(week.upper_95);
        for (let draw = 0; draw < 25; draw++) {
          const count = poisson(rng, truth(counts.length + h));
          if (count >= week.lower_80 && count <= week.upper_80) inside80 += 1;
          if (count >= week.lower_95 && count <= week.upper_95) inside95 += 1;
          draws += 1;
        }
      });
    }
    expect(inside80 / draws).toBeGreaterThan(0.75);
    expect(inside80 / draws).toBeLessThan(0.97);
    expect(inside95 / draws).toBeGreaterThan(0.92);
  });

  it('backtests by hand on a tiny series: forecast 2 a week against 3, 1, 2, 6', () => {
    const counts = [...new Array<number>(SEASON_WEEKS).fill(2), 3, 1, 2, 6];
    const result = forecastWeeklyCounts(
      counts.map((count, i) => ({ week_start: weekStart(i), count })),
      { horizonWeeks: 2, backtestWeeks: 4 },
    );
    // Errors 1, 1, 0, 4 for both the forecast and last year's 2s.
    expect(result.backtest).toEqual({ weeks: 4, mae: 1.5, wape: 0.5, baseline_mae: 1.5, baseline_wape: 0.5, skill: 0 });
    // Four backtest weeks are too few to measure a spread: Poisson.
    expect(result.dispersion).toBe(0);
  });

  it('skips leading weeks without a count and refuses less than a year plus the backtest', () => {
    const notYet = series(100, () => 0);
    const short = series(SEASON_WEEKS + 11, (i) => 3 + (i % 2)).map((week, i) => ({
      ...week,
      week_start: weekStart(100 + i),
    }));
    const attempt = () => forecastWeeklyCounts([...notYet, ...short], { horizonWeeks: 4, backtestWeeks: 12 });
    expect(attempt).toThrow(InsufficientHistoryError);
    expect(attempt).toThrow(/Needs 64 weeks.*has 63/);
    const enough = [...notYet, ...short, { week_start: weekStart(100 + short.length), count: 3 }];
    expect(forecastWeeklyCounts(enough, { horizonWeeks: 4, backtestWeeks: 12 }).history_weeks).toBe(64);
  });

  it('rejects weeks that are not consecutive Mondays', () => {
    const history = series(70, () => 1);
    const gap = [...history.slice(0, 30), ...history.slice(31)];
    expect(() => forecastWeeklyCounts(gap, { horizonWeeks: 4, backtestWeeks: 4 })).toThrow(RangeError);
    const tuesday = history.map((week) => ({ ...week, week_start: week.week_start.replace(/-02$/, '-03') }));
    expect(() => forecastWeeklyCounts(tuesday, { horizonWeeks: 4, backtestWeeks: 4 })).toThrow(RangeError);
  });
});

describe('forecastAccuracy', () => {
  it('computes MAE, WAPE and skill over the seasonal-naive baseline', () => {
    // Errors 1, 1, 0, 3 (sum 5) against 0, 4, 3, 1 (sum 8); 12 actual.
    expect(forecastAccuracy([0, 4, 2, 6], [1, 3, 2, 3], [0, 0, 5, 5])).toEqual({
      weeks: 4,
      mae: 1.25,
      wape: 5 / 12,
      baseline_mae: 2,
      baseline_wape: 8 / 12,
      skill: 0.375,
    });
  });

  it('has no WAPE when nothing happened and no skill when the baseline was exact', () => {
    expect(forecastAccuracy([0, 0], [1, 0], [0, 0])).toMatchObject({ mae: 0.5, wape: null, skill: null });
  });
});

describe('countQuantiles', () => {
  it('gives Poisson quantiles when there is no extra spread', () => {
    // P(0..5) for mean 2: .135 .406 .677 .857 .947 .983.
    expect(countQuantiles(2, 0, [0.025, 0.1, 0.5, 0.9, 0.975])).toEqual([0, 0, 2, 4, 5]);
  });

  it('widens them as a negative binomial', () => {
    // Mean 1, variance 2: geometric with p = 1/2, so P(count ≤ k) = 1 − 2^-(k+1).
    expect(countQuantiles(1, 1, [0.4, 0.9, 0.97])).toEqual([0, 3, 5]);
  });

  it('is 0 for nothing expected and near mean ± z·sd for large means', () => {
    expect(countQuantiles(0, 0.5, [0.1, 0.9])).toEqual([0, 0]);
    const [low, high] = countQuantiles(10_000, 0, [0.025, 0.975]);
    expect(low).toBeCloseTo(10_000 - 1.96 * 100, -1);
    expect(high).toBeCloseTo(10_000 + 1.96 * 100, -1);
  });
});
