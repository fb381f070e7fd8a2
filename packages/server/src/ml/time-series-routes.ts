import {
  forecastWeeklyCounts,
  InsufficientHistoryError,
  SEASON_WEEKS,
  WEEKLY_FORECAST_METHOD,
  type WeeklyForecast,
} from '@ivy/core';
import { type CourseWeek, weeklyCourseCounts } from '@ivy/db';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';

export const TIME_SERIES_METRICS = ['enquiries', 'applications'] as const;
type Metric = (typeof TIME_SERIES_METRICS)[number];

const MAX_COURSES = 50;

const weekSchema = z.string().describe('Monday (UTC) the week starts on, YYYY-MM-DD');

const forecastSeriesSchema = z.object({
  metric: z.enum(TIME_SERIES_METRICS),
  status: z.literal('ok'),
  history: z.array(z.object({ week_start: weekSchema, count: z.number().int() })).describe('The last 52 whole weeks'),
  forecast: z.array(
    z.object({
      week_start: weekSchema,
      expected: z.number(),
      lower_80: z.number().int(),
      upper_80: z.number().int(),
      lower_95: z.number().int(),
      upper_95: z.number().int(),
    }),
  ),
  total_expected: z.number(),
  peak_weeks: z.array(weekSchema).describe('The three busiest forecast weeks, busiest first'),
  backtest: z
    .object({
      weeks: z.number().int(),
      mae: z.number().describe('Mean absolute error per week'),
      wape: z.number().nullable().describe('Σ|error| / Σ actual; null when the weeks held nothing'),
      baseline_mae: z.number().describe('The same for "same week last year"'),
      baseline_wape: z.number().nullable(),
      skill: z.number().nullable().describe('1 − mae / baseline_mae: above 0 beats last year’s numbers'),
    })
    .describe('The method fitted without the last backtest_weeks and scored on them'),
});

const insufficientSeriesSchema = z.object({
  metric: z.enum(TIME_SERIES_METRICS),
  status: z.literal('insufficient_history'),
  detail: z.string(),
});

const responseSchema = z.object({
  generated_at: z.date(),
  horizon_weeks: z.number().int(),
  method: z.string(),
  courses: z.array(
    z.object({
      course_id: z.uuid().describe('The requested course, or the latest intake of the course'),
      course_code: z.string(),
      course_name: z.string(),
      series: z.array(z.union([forecastSeriesSchema, insufficientSeriesSchema])),
    }),
  ),
});

type Series = z.infer<typeof forecastSeriesSchema> | z.infer<typeof insufficientSeriesSchema>;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const roundOrNull = (value: number | null, digits: number) => (value === null ? null : round(value, digits));

function seriesOf(
  metric: Metric,
  weeks: readonly CourseWeek[],
  options: { horizonWeeks: number; backtestWeeks: number },
): Series {
  const history = weeks.map((week) => ({ week_start: week.week_start, count: week[metric] }));
  let result: WeeklyForecast;
  try {
    result = forecastWeeklyCounts(history, options);
  } catch (error) {
    if (error instanceof InsufficientHistoryError) {
      return { metric, status: 'insufficient_history', detail: error.message };
    }
    throw error;
  }
  const { backtest } = result;
  return {
    metric,
    status: 'ok',
    history: history.slice(-SEASON_WEEKS),
    forecast: result.forecast.map((week) => ({ ...week, expected: round(week.expected, 2) })),
    total_expected: round(result.total_expected, 1),
    peak_weeks: result.peak_weeks,
    backtest: {
      weeks: backtest.weeks,
      mae: round(backtest.mae, 3),
      wape: roundOrNull(backtest.wape, 3),
      baseline_mae: round(backtest.baseline_mae, 3),
      baseline_wape: roundOrNull(backtest.baseline_wape, 3),
      skill: roundOrNull(backtest.skill, 3),
    },
  };
}

/** Weekly enquiry and application forecasts per course, with seasonality and a backtest (seed phase 2.4). */
export function registerTimeSeriesRoutes({ app, database, now }: RouteContext) {
  app.post(
    '/ai/ml-models/time-series-forecast',
    {
      config: { access: access.permission('ai_analytics') },
      schema: {
        tags: ['ml'],
        summary: 'Weekly enquiries and applications per course for the coming weeks, with ranges and a backtest',
        description:
          'Counts only the people in the caller’s scope. A course is forecast across its intakes; it needs a year ' +
          'of weekly history plus the backtest weeks, otherwise its series says insufficient_history (409 when no ' +
          'requested course has enough).',
        body: z.strictObject({
          course_ids: z
            .array(z.uuid())
            .min(1)
            .max(MAX_COURSES)
            .optional()
            .describe('Courses to forecast (any intake of each); omit for every course with enquiries in scope'),
          series: z
            .array(z.enum(TIME_SERIES_METRICS))
            .min(1)
            .default([...TIME_SERIES_METRICS])
            .describe('Which counts to forecast'),
          horizon_weeks: z.number().int().min(1).max(52).default(12).describe('Weeks ahead to forecast'),
          backtest_weeks: z
            .number()
            .int()
            .min(4)
            .max(26)
            .default(12)
            .describe('Most recent weeks held out to measure accuracy (and the width of the ranges)'),
        }),
        response: { 200: responseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { course_ids, horizon_weeks, backtest_weeks } = request.body;
      const metrics = [...new Set(request.body.series)];
      const generatedAt = now();
      const counts = await weeklyCourseCounts(database.db, {
        scope: peopleScopeOf(principalOf(request)),
        now: generatedAt,
        courseIds: course_ids,
      });

      // A course is forecast once, however many of its intakes were asked for, under the first id asked for.
      const requested = course_ids
        ? [...new Set(course_ids)].flatMap((id, i, ids) => {
            const course = counts.find((candidate) => candidate.course_ids.includes(id));
            if (!course) throw AppError.notFound(`Course ${id}`);
            const firstOfCourse = ids.findIndex((other) => course.course_ids.includes(other)) === i;
            return firstOfCourse ? [{ ...course, course_id: id }] : [];
          })
        : counts;
      if (requested.length === 0) throw new AppError('conflict', 'No course has enquiries in your scope yet');

      const options = { horizonWeeks: horizon_weeks, backtestWeeks: backtest_weeks };
      const courses = requested.map((course) => ({
        course_id: course.course_id,
        course_code: course.course_code,
        course_name: course.course_name,
        series: metrics.map((metric) => seriesOf(metric, course.weeks, options)),
      }));
      if (courses.every((course) => course.series.every((series) => series.status === 'insufficient_history'))) {
        throw new AppError(
          'conflict',
          `Not enough weekly history to forecast: each series needs ${SEASON_WEEKS + backtest_weeks} weeks ` +
            `(a year plus the ${backtest_weeks} backtest weeks) from its first enquiry or application in your scope`,
        );
      }
      return { generated_at: generatedAt, horizon_weeks, method: WEEKLY_FORECAST_METHOD, courses };
    },
  );
}
