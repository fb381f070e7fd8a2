import { randomUUID } from 'node:crypto';
import { schema, seedDemoData, testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';

const URL = '/ai/ml-models/time-series-forecast';

type Week = { week_start: string; count: number };
type ForecastWeek = {
  week_start: string;
  expected: number;
  lower_80: number;
  upper_80: number;
  lower_95: number;
  upper_95: number;
};
type Series =
  | {
      metric: string;
      status: 'ok';
      history: Week[];
      forecast: ForecastWeek[];
      total_expected: number;
      peak_weeks: string[];
      backtest: Record<string, number | null>;
    }
  | { metric: string; status: 'insufficient_history'; detail: string };
type Course = { course_id: string; course_code: string; course_name: string; series: Series[] };

function forecastSeries(course: Course | undefined, metric: string) {
  const series = course?.series.find((candidate) => candidate.metric === metric);
  if (series?.status !== 'ok') throw new Error(`${course?.course_code} has no ${metric} forecast`);
  return series;
}

describe.each(testDatabaseTargets())('POST /ai/ml-models/time-series-forecast on $label', (target) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await openTestApp(target);
    await seedDemoData(t.database.db, { people: 1500, seed: 21, asOf: TEST_NOW });
  });
  afterAll(() => t.close());

  it('forecasts every course in scope: the last year, 12 weeks ahead with ranges, and a backtest', async () => {
    const response = await t.request({ method: 'POST', url: URL, payload: {} });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.horizon_weeks).toBe(12);
    expect(body.method).toMatch(/previous years/);
    const courses: Course[] = body.courses;
    const codes = await t.database.db.selectDistinct({ code: schema.courses.code }).from(schema.courses);
    expect(courses.map((course) => course.course_code).sort()).toEqual(codes.map((row) => row.code).sort());

    let expectedTotal = 0;
    let lastYearTotal = 0;
    for (const course of courses) {
      expect(course.series.map((series) => series.metric)).toEqual(['enquiries', 'applications']);
      const enquiries = forecastSeries(course, 'enquiries');
      expect(enquiries.history).toHaveLength(52);
      expect(enquiries.history.at(-1)?.week_start).toBe('2026-11-16');
      expect(enquiries.forecast.map((week) => week.week_start)).toEqual(
        Array.from({ length: 12 }, (_, h) => new Date(Date.UTC(2026, 10, 23 + 7 * h)).toISOString().slice(0, 10)),
      );
      for (const week of enquiries.forecast) {
        expect(week.lower_95).toBeGreaterThanOrEqual(0);
        expect(week.lower_95).toBeLessThanOrEqual(week.lower_80);
        expect(week.lower_80).toBeLessThanOrEqual(week.upper_80);
        expect(week.upper_80).toBeLessThanOrEqual(week.upper_95);
        expect(week.expected).toBeLessThanOrEqual(week.upper_95);
      }
      const sum = enquiries.forecast.reduce((total, week) => total + week.expected, 0);
      expect(enquiries.total_expected).toBeCloseTo(sum, 0);
      const peaks = [...enquiries.forecast].sort((a, b) => b.expected - a.expected).slice(0, 3);
      expect(
        enquiries.peak_weeks.map((week) => enquiries.forecast.find((w) => w.week_start === week)?.expected),
      ).toEqual(peaks.map((week) => week.expected));
      expect(enquiries.backtest.weeks).toBe(12);
      expect(enquiries.backtest.mae).toBeGreaterThanOrEqual(0);
      expectedTotal += enquiries.total_expected;
      // The history's first 12 weeks are the forecast weeks one year earlier.
      lastYearTotal += enquiries.history.slice(0, 12).reduce((total, week) => total + week.count, 0);
    }
    // Growth and noise aside, the coming weeks look like the same weeks last year.
    expect(expectedTotal / lastYearTotal).toBeGreaterThan(0.6);
    expect(expectedTotal / lastYearTotal).toBeLessThan(1.7);
  });

  it('forecasts the requested courses and series only, for the horizon asked', async () => {
    const [course] = await t.database.db
      .select({ id: schema.courses.id, code: schema.courses.code })
      .from(schema.courses)
      .limit(1);
    const response = await t.request({
      method: 'POST',
      url: URL,
      payload: { course_ids: [course?.id], series: ['applications'], horizon_weeks: 4, backtest_weeks: 8 },
    });
    expect(response.statusCode).toBe(200);
    const [only, ...rest] = response.json().courses as Course[];
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ course_id: course?.id, course_code: course?.code });
    const applications = forecastSeries(only, 'applications');
    expect(only?.series).toHaveLength(1);
    expect(applications.forecast).toHaveLength(4);
    expect(applications.backtest.weeks).toBe(8);
  });

  it('names the field it rejects', async () => {
    for (const [payload, field] of [
      [{ horizon_weeks: 53 }, 'body.horizon_weeks'],
      [{ backtest_weeks: 2 }, 'body.backtest_weeks'],
      [{ series: ['visits'] }, 'body.series'],
      [{ course_ids: ['not-a-uuid'] }, 'body.course_ids'],
    ] as const) {
      const response = await t.request({ method: 'POST', url: URL, payload });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json())).toContain(field);
    }
    const unknown = await t.request({ method: 'POST', url: URL, payload: { horizon: 12 } });
    expect(unknown.statusCode).toBe(400);
  });

  it('answers 404 for an unknown course', async () => {
    const id = randomUUID();
    const response = await t.request({ method: 'POST', url: URL, payload: { course_ids: [id] } });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain(id);
  });

  it('answers 409 when no requested course has enough history, and marks a new course among others', async () => {
    const [existing] = await t.database.db.select().from(schema.courses).limit(1);
    if (!existing) throw new Error('no course');
    const [fresh] = await t.database.db
      .insert(schema.courses)
      .values({ ...existing, id: undefined, created_at: undefined, code: 'NEWCOURSE', name: 'New Course' })
      .returning();
    const alone = await t.request({ method: 'POST', url: URL, payload: { course_ids: [fresh?.id] } });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().detail).toMatch(/Not enough weekly history.*64 weeks/);

    const mixed = await t.request({ method: 'POST', url: URL, payload: { course_ids: [fresh?.id, existing.id] } });
    expect(mixed.statusCode).toBe(200);
    const [newCourse, oldCourse] = mixed.json().courses as Course[];
    expect(newCourse?.series[0]).toMatchObject({ metric: 'enquiries', status: 'insufficient_history' });
    expect(oldCourse?.series[0]?.status).toBe('ok');
  });

  it('is for managers and up: staff get 403', async () => {
    const cookie = await t.signIn({ email: 'ts.staff@ivy.test', role: 'staff' });
    const response = await t.app.inject({ method: 'POST', url: URL, headers: { cookie }, payload: {} });
    expect(response.statusCode).toBe(403);
  });

  it('counts only a manager’s department: fewer courses, never more per week than an admin sees', async () => {
    const [team] = await t.database.db.select({ id: schema.teams.id }).from(schema.teams).limit(1);
    const cookie = await t.signIn({ email: 'ts.manager@ivy.test', role: 'manager', team_id: team?.id });
    const managed = await t.app.inject({ method: 'POST', url: URL, headers: { cookie }, payload: {} });
    expect(managed.statusCode).toBe(200);
    const managerCourses = managed.json().courses as Course[];
    expect(managerCourses.length).toBeGreaterThan(0);
    const everyone = (
      await t.request({
        method: 'POST',
        url: URL,
        payload: { course_ids: managerCourses.map((course) => course.course_id) },
      })
    ).json().courses as Course[];
    let managerTotal = 0;
    let adminTotal = 0;
    managerCourses.forEach((course, i) => {
      if (course.series[0]?.status !== 'ok') return;
      const mine = forecastSeries(course, 'enquiries').history;
      const all = forecastSeries(everyone[i], 'enquiries').history;
      mine.forEach((week, w) => {
        expect(week.week_start).toBe(all[w]?.week_start);
        expect(week.count).toBeLessThanOrEqual(all[w]?.count ?? 0);
        managerTotal += week.count;
        adminTotal += all[w]?.count ?? 0;
      });
    });
    expect(managerTotal).toBeGreaterThan(0);
    expect(managerTotal).toBeLessThanOrEqual(adminTotal);
    // Other departments' courses have no enquiries in the manager's scope, so they are not forecast at all.
    const allCourses = (await t.request({ method: 'POST', url: URL, payload: {} })).json().courses as Course[];
    expect(managerCourses.length).toBeLessThan(allCourses.length);
  });
});
