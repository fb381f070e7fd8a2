import { academicWeek } from '../features/academic-calendar';
import { countQuantiles } from './count-quantiles';

/*
 * Weekly counts (enquiries, applications) forecast as level × season, the way an admissions manager reasons about
 * them: "we get about this many a week at the moment, and this week of the cycle is usually this much busier".
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Weeks of the admissions year; the odd 53rd week (the last days of August) is counted with the 52nd. */
export const SEASON_WEEKS = 52;

/** Weights of a week and its two neighbours either side: Mondays fall on different dates each year. */
const NEIGHBOUR_WEIGHTS = [1, 2, 3, 2, 1].map((weight) => weight / 9);

/**
 * Weeks either side of a week that make up the level it is compared with when learning the season: half a year, so
 * the level spans a whole year (every week of the season once) and steady growth is not taken for season.
 */
const LOCAL_LEVEL_HALF_WIDTH = 26;
/** Season → level → season: near the ends of the history the year is cut short, so the level needs the season. */
const SEASONAL_PASSES = 6;

/**
 * Expected (and observed) events added to every week of the year before its index is taken: a week seen in only
 * a year or two of small counts keeps an index near 1 instead of jumping to whatever those few weeks held. (Leaning
 * on the season of all courses together instead was tried and backtested worse on the demo data.)
 */
const SEASONAL_PRIOR_EVENTS = 2;

/** How strongly the level follows the latest week; the one that would have forecast the history best is used. */
export const LEVEL_SMOOTHING_CHOICES = [0.03, 0.05, 0.1, 0.2, 0.3, 0.5] as const;

/** The level is chosen for forecasting a quarter ahead, from every week after the first quarter of history. */
const SELECTION_HORIZON_WEEKS = 13;
const SELECTION_WARMUP_WEEKS = 13;

/** Fewer backtest weeks than this say too little about the spread: the intervals are then Poisson. */
export const MIN_RESIDUAL_WEEKS = 8;

const INTERVAL_PROBABILITIES = [0.025, 0.1, 0.9, 0.975] as const;

/** One week of a count series; `week_start` is the Monday (UTC) as YYYY-MM-DD. */
export type WeeklyCount = { week_start: string; count: number };

export type ForecastWeek = {
  week_start: string;
  expected: number;
  lower_80: number;
  upper_80: number;
  lower_95: number;
  upper_95: number;
};

/** Accuracy on the last `weeks` of history, forecast from what came before them. */
export type ForecastBacktest = {
  weeks: number;
  mae: number;
  /** Σ|error| / Σ actual; null when nothing happened in those weeks. */
  wape: number | null;
  /** The same for "same week last year". */
  baseline_mae: number;
  baseline_wape: number | null;
  /** 1 − mae / baseline_mae: above 0 beats last year's numbers; null when the baseline was exact. */
  skill: number | null;
};

export type WeeklyForecast = {
  forecast: ForecastWeek[];
  total_expected: number;
  /** The three busiest forecast weeks, busiest first. */
  peak_weeks: string[];
  backtest: ForecastBacktest;
  /** Weeks used: from the first week with a count to the last week given. */
  history_weeks: number;
  /** Share of each new week in the level (0–1). */
  level_smoothing: number;
  /** Variance beyond Poisson found in the backtest (variance = μ + dispersion · μ²); 0 means Poisson. */
  dispersion: number;
  /** How busy each week of the admissions year is, 1 = an average week (index 0 is the first week of September). */
  seasonal_index: number[];
};

export const WEEKLY_FORECAST_METHOD =
  'Each week is forecast as the recent weekly rate (the latest weeks with the season taken out, the newest ' +
  'counting most) times how busy that week of the admissions year was in previous years; the ranges come from ' +
  'how far the same method missed when tested on the most recent weeks.';

export class InsufficientHistoryError extends Error {
  readonly availableWeeks: number;
  readonly neededWeeks: number;

  constructor(availableWeeks: number, neededWeeks: number) {
    super(
      `Needs ${neededWeeks} weeks of history (a year to learn the season plus the backtest weeks); ` +
        `has ${availableWeeks} since the first one with a count`,
    );
    this.name = 'InsufficientHistoryError';
    this.availableWeeks = availableWeeks;
    this.neededWeeks = neededWeeks;
  }
}

type Model = { index: number[]; level: number; smoothing: number };

function seasonSlot(weekStart: number): number {
  return Math.min(academicWeek(new Date(weekStart)), SEASON_WEEKS) - 1;
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Week starts as epoch ms, checked to be consecutive Mondays. */
function weekStarts(history: readonly WeeklyCount[]): number[] {
  return history.map((week, i) => {
    const time = Date.parse(`${week.week_start}T00:00:00Z`);
    const previous = i > 0 ? Date.parse(`${history[i - 1]?.week_start}T00:00:00Z`) : time - WEEK_MS;
    if (Number.isNaN(time) || new Date(time).getUTCDay() !== 1 || time - previous !== WEEK_MS) {
      throw new RangeError(`Weekly counts must be consecutive Mondays; got ${week.week_start} at position ${i}`);
    }
    if (!(week.count >= 0)) throw new RangeError(`Weekly counts must be 0 or more; got ${week.count}`);
    return time;
  });
}

/**
 * The course's level around each week, with the season taken out: the counts of the year around it over what the
 * season alone would have given in those weeks (fewer weeks at the ends of the history).
 */
function localLevels(counts: readonly number[], seasonal: readonly number[]): number[] {
  const sumCounts = [0];
  const sumSeason = [0];
  counts.forEach((count, t) => {
    sumCounts.push((sumCounts[t] as number) + count);
    sumSeason.push((sumSeason[t] as number) + (seasonal[t] as number));
  });
  return counts.map((_, t) => {
    const from = Math.max(0, t - LOCAL_LEVEL_HALF_WIDTH);
    const to = Math.min(counts.length, t + LOCAL_LEVEL_HALF_WIDTH + 1);
    return (
      ((sumCounts[to] as number) - (sumCounts[from] as number)) /
      ((sumSeason[to] as number) - (sumSeason[from] as number))
    );
  });
}

/**
 * How busy each week of the year is: every week of the last whole years (counted back from the end, so a partial
 * first year is left out) as a ratio to the course's level over the year around it; pooled over the years and
 * neighbouring weeks.
 */
function seasonalIndex(counts: readonly number[], slots: readonly number[]): number[] {
  const firstWholeYear = counts.length % SEASON_WEEKS;
  let index = new Array<number>(SEASON_WEEKS).fill(1);
  for (let pass = 0; pass < SEASONAL_PASSES; pass++) {
    const levels = localLevels(
      counts,
      counts.map((_, t) => index[slots[t] as number] as number),
    );
    const observed = new Array<number>(SEASON_WEEKS).fill(0);
    const expected = new Array<number>(SEASON_WEEKS).fill(0);
    for (let t = firstWholeYear; t < counts.length; t++) {
      NEIGHBOUR_WEIGHTS.forEach((weight, j) => {
        const slot = ((slots[t] as number) + j - 2 + SEASON_WEEKS) % SEASON_WEEKS;
        observed[slot] = (observed[slot] as number) + weight * (counts[t] as number);
        expected[slot] = (expected[slot] as number) + weight * (levels[t] as number);
      });
    }
    const raw = observed.map(
      (value, slot) => (value + SEASONAL_PRIOR_EVENTS) / ((expected[slot] as number) + SEASONAL_PRIOR_EVENTS),
    );
    const mean = raw.reduce((sum, value) => sum + value, 0) / SEASON_WEEKS;
    index = raw.map((value) => value / mean);
  }
  return index;
}

/**
 * The level after each week: recent counts over what the season would have given at level 1, both exponentially
 * weighted. Taking the ratio of the two sums (not an average of week-by-week ratios) keeps quiet weeks, whose
 * ratios are mostly noise, from swinging the level.
 */
function levelPath(counts: readonly number[], seasonal: readonly number[], smoothing: number): number[] {
  let weightedCounts = 0;
  let weightedSeason = 0;
  return counts.map((count, t) => {
    weightedCounts = (1 - smoothing) * weightedCounts + smoothing * count;
    weightedSeason = (1 - smoothing) * weightedSeason + smoothing * (seasonal[t] as number);
    return weightedCounts / weightedSeason;
  });
}

function fit(counts: readonly number[], slots: readonly number[]): Model {
  const index = seasonalIndex(counts, slots);
  const seasonal = slots.slice(0, counts.length).map((slot) => index[slot] as number);
  let best: Model | null = null;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (const smoothing of LEVEL_SMOOTHING_CHOICES) {
    const levels = levelPath(counts, seasonal, smoothing);
    let loss = 0;
    for (let origin = SELECTION_WARMUP_WEEKS - 1; origin < counts.length - 1; origin++) {
      const level = levels[origin] as number;
      for (let t = origin + 1; t <= Math.min(origin + SELECTION_HORIZON_WEEKS, counts.length - 1); t++) {
        loss += ((counts[t] as number) - level * (seasonal[t] as number)) ** 2;
      }
    }
    // Ties (a flat series) keep the smoothest level.
    if (loss < bestLoss - 1e-9 * Math.max(1, bestLoss) || !best) {
      bestLoss = loss;
      best = { index, level: levels[levels.length - 1] as number, smoothing };
    }
  }
  return best as Model;
}

function expectedAt(model: Model, slot: number): number {
  return model.level * (model.index[slot] as number);
}

/**
 * The spread the backtest saw beyond Poisson noise, as c in variance = μ + c·μ² (method of moments): what a wrong
 * level or season adds, growing with the expected count.
 */
function dispersionFrom(actual: readonly number[], expected: readonly number[]): number {
  if (actual.length < MIN_RESIDUAL_WEEKS) return 0;
  let excess = 0;
  let scale = 0;
  actual.forEach((count, i) => {
    const mean = expected[i] as number;
    excess += (count - mean) ** 2 - mean;
    scale += mean * mean;
  });
  return scale > 1e-9 ? Math.max(0, excess / scale) : 0;
}

function meanAbsoluteError(
  actual: readonly number[],
  predicted: readonly number[],
): { mae: number; wape: number | null } {
  let error = 0;
  let total = 0;
  actual.forEach((count, i) => {
    error += Math.abs(count - (predicted[i] as number));
    total += count;
  });
  return { mae: error / actual.length, wape: total > 0 ? error / total : null };
}

/** MAE and WAPE of a forecast and of a baseline over the same weeks, and the forecast's skill over the baseline. */
export function forecastAccuracy(
  actual: readonly number[],
  forecast: readonly number[],
  baseline: readonly number[],
): ForecastBacktest {
  const model = meanAbsoluteError(actual, forecast);
  const naive = meanAbsoluteError(actual, baseline);
  return {
    weeks: actual.length,
    mae: model.mae,
    wape: model.wape,
    baseline_mae: naive.mae,
    baseline_wape: naive.wape,
    skill: naive.mae > 0 ? 1 - model.mae / naive.mae : null,
  };
}

/**
 * Forecasts the next `horizonWeeks` of a weekly count series and backtests the method on its last `backtestWeeks`
 * (fitted on the weeks before them, compared with "same week last year"). Leading weeks without a count are not
 * history (the course or the records had not started); at least a year plus the backtest must remain, otherwise
 * InsufficientHistoryError.
 */
export function forecastWeeklyCounts(
  history: readonly WeeklyCount[],
  { horizonWeeks, backtestWeeks }: { horizonWeeks: number; backtestWeeks: number },
): WeeklyForecast {
  if (!Number.isInteger(horizonWeeks) || horizonWeeks < 1) throw new RangeError('horizonWeeks must be 1 or more');
  if (!Number.isInteger(backtestWeeks) || backtestWeeks < 1) throw new RangeError('backtestWeeks must be 1 or more');
  const starts = weekStarts(history);
  const first = history.findIndex((week) => week.count > 0);
  const counts = first < 0 ? [] : history.slice(first).map((week) => week.count);
  const times = first < 0 ? [] : starts.slice(first);
  const needed = SEASON_WEEKS + backtestWeeks;
  if (counts.length < needed) throw new InsufficientHistoryError(counts.length, needed);

  const last = times[times.length - 1] as number;
  const future = Array.from({ length: horizonWeeks }, (_, h) => last + (h + 1) * WEEK_MS);
  const slots = [...times, ...future].map(seasonSlot);

  const cut = counts.length - backtestWeeks;
  const backtestModel = fit(counts.slice(0, cut), slots);
  const heldOut = counts.slice(cut);
  const backtestExpected = heldOut.map((_, i) => expectedAt(backtestModel, slots[cut + i] as number));
  const sameWeekLastYear = heldOut.map((_, i) => counts[cut + i - SEASON_WEEKS] as number);
  const backtest = forecastAccuracy(heldOut, backtestExpected, sameWeekLastYear);
  const dispersion = dispersionFrom(heldOut, backtestExpected);

  const model = fit(counts, slots);
  const forecast = future.map((time, h): ForecastWeek => {
    const expected = expectedAt(model, slots[counts.length + h] as number);
    const [lower95, lower80, upper80, upper95] = countQuantiles(expected, dispersion, INTERVAL_PROBABILITIES) as [
      number,
      number,
      number,
      number,
    ];
    return {
      week_start: isoDay(time),
      expected,
      lower_80: lower80,
      upper_80: upper80,
      lower_95: lower95,
      upper_95: upper95,
    };
  });
  const peakWeeks = [...forecast]
    .sort((a, b) => b.expected - a.expected || a.week_start.localeCompare(b.week_start))
    .slice(0, 3)
    .map((week) => week.week_start);
  return {
    forecast,
    total_expected: forecast.reduce((sum, week) => sum + week.expected, 0),
    peak_weeks: peakWeeks,
    backtest,
    history_weeks: counts.length,
    level_smoothing: model.smoothing,
    dispersion,
    seasonal_index: model.index,
  };
}
