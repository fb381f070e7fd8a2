import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeopleScope } from '../identity/principal';
import { queryRows } from '../query-rows';
import { courses, people, teams } from '../schema';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { utcWeekStart, type WeeklyCourseCounts, weeklyCourseCounts } from './weekly-course-counts';

/** A Monday: its week is in progress. */
const NOW = new Date('2026-11-23T12:00:00Z');
const WEEK_MS = 7 * 86_400_000;
const ALL: PeopleScope = { kind: 'all' };

function totals(course: WeeklyCourseCounts) {
  return course.weeks.reduce(
    (sum, week) => ({ enquiries: sum.enquiries + week.enquiries, applications: sum.applications + week.applications }),
    { enquiries: 0, applications: 0 },
  );
}

describe.each(testDatabaseTargets())('weekly course counts on $label', (target) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 1500, seed: 12, asOf: NOW });
  });
  afterAll(() => database.close());

  /** Enquiries and applications per course code before `before`, counted directly. */
  async function directCounts(before: Date, teamId?: string) {
    const team = teamId ? sql`and p.team_id = ${teamId}` : sql``;
    return queryRows<{ code: string; enquiries: number; applications: number }>(
      database.db,
      sql`select c.code,
                 (select count(*)::int from people p join courses pc on pc.id = p.course_id
                  where pc.code = c.code and p.enquired_at < ${before} ${team}) as enquiries,
                 (select count(*)::int from applications a join people p on p.id = a.person_id
                  join courses ac on ac.id = a.course_id
                  where ac.code = c.code and a.submitted_at < ${before} ${team}) as applications
          from courses c group by c.code order by c.code`,
    );
  }

  it('counts every enquiry and application of whole weeks, per course across its intakes, zero weeks included', async () => {
    const counted = await weeklyCourseCounts(database.db, { scope: ALL, now: NOW });
    const expected = (await directCounts(utcWeekStart(NOW))).filter((row) => row.enquiries > 0);
    expect(counted.map((course) => course.course_code)).toEqual(expected.map((row) => row.code));
    counted.forEach((course, i) => {
      expect(totals(course)).toEqual({ enquiries: expected[i]?.enquiries, applications: expected[i]?.applications });
    });

    const [first] = counted;
    if (!first) throw new Error('no courses');
    const starts = first.weeks.map((week) => Date.parse(`${week.week_start}T00:00:00Z`));
    for (let i = 1; i < starts.length; i++) expect((starts[i] as number) - (starts[i - 1] as number)).toBe(WEEK_MS);
    expect(new Date(starts[0] as number).getUTCDay()).toBe(1);
    expect(first.weeks.at(-1)?.week_start).toBe('2026-11-16');
    // Years of weekly history: the seed's three intakes reach back to January of the oldest one's previous year.
    expect(first.weeks.length).toBeGreaterThan(140);
    expect(counted.every((course) => course.weeks.length === first.weeks.length)).toBe(true);
    expect(counted.some((course) => course.weeks.some((week) => week.enquiries === 0))).toBe(true);

    const intakes = await database.db
      .select({ id: courses.id, code: courses.code, intake: courses.intake })
      .from(courses);
    const latest = intakes
      .filter((row) => row.code === first.course_code)
      .sort((a, b) => b.intake.localeCompare(a.intake));
    expect(first.course_ids).toEqual(latest.map((row) => row.id));
    expect(first.course_id).toBe(latest[0]?.id);
  });

  it('leaves out the week in progress and counts the week before it', async () => {
    const [course] = await database.db.select({ id: courses.id, code: courses.code }).from(courses).limit(1);
    if (!course) throw new Error('no course');
    const before = await weeklyCourseCounts(database.db, { scope: ALL, now: NOW, courseIds: [course.id] });
    await database.db.insert(people).values([
      { email: 'this.week@example.ac.uk', course_id: course.id, enquired_at: new Date('2026-11-23T08:00:00Z') },
      { email: 'last.sunday@example.ac.uk', course_id: course.id, enquired_at: new Date('2026-11-22T23:30:00Z') },
    ]);
    const after = await weeklyCourseCounts(database.db, { scope: ALL, now: NOW, courseIds: [course.id] });
    expect(after).toHaveLength(1);
    expect(after[0]?.course_code).toBe(course.code);
    expect(after[0]?.weeks.at(-1)?.enquiries).toBe((before[0]?.weeks.at(-1)?.enquiries ?? 0) + 1);
    expect(after[0]?.weeks.length).toBe(before[0]?.weeks.length);
  });

  it('counts only the people inside the scope', async () => {
    const [team] = await database.db.select({ id: teams.id }).from(teams).limit(1);
    if (!team) throw new Error('no team');
    const scope: PeopleScope = { kind: 'team', teamId: team.id, userId: randomUUID() };
    const scoped = await weeklyCourseCounts(database.db, { scope, now: NOW });
    const expected = (await directCounts(utcWeekStart(NOW), team.id)).filter((row) => row.enquiries > 0);
    expect(scoped.map((course) => course.course_code)).toEqual(expected.map((row) => row.code));
    scoped.forEach((course, i) => {
      expect(totals(course)).toEqual({ enquiries: expected[i]?.enquiries, applications: expected[i]?.applications });
    });
    const everyone = await weeklyCourseCounts(database.db, { scope: ALL, now: NOW });
    expect(scoped.length).toBeLessThan(everyone.length + 1);
    const scopedTotal = scoped.reduce((sum, course) => sum + totals(course).enquiries, 0);
    const allTotal = everyone.reduce((sum, course) => sum + totals(course).enquiries, 0);
    expect(scopedTotal).toBeGreaterThan(0);
    expect(scopedTotal).toBeLessThan(allTotal);
  });

  it('returns a requested course with no history in scope, without weeks', async () => {
    const [course] = await database.db.select({ id: courses.id }).from(courses).limit(1);
    const nobody: PeopleScope = { kind: 'own', personId: null };
    const counted = await weeklyCourseCounts(database.db, {
      scope: nobody,
      now: NOW,
      courseIds: [course?.id as string],
    });
    expect(counted).toHaveLength(1);
    expect(counted[0]?.weeks).toEqual([]);
  });
});
