import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import type { PeopleScope } from '../identity/principal';
import { peopleScopeCondition } from '../people/people-scope';
import { queryRows } from '../query-rows';
import { courses } from '../schema';

const DAY_MS = 86_400_000;

export type CourseWeek = { week_start: string; enquiries: number; applications: number };

/**
 * One course across its intakes (a course row is one intake; enquiries for the next intake arrive while the
 * current one is still recruiting, so only the course as a whole has a continuous weekly history).
 */
export type WeeklyCourseCounts = {
  /** The row of the latest intake: the one a forecast is about. */
  course_id: string;
  /** Every intake's row, latest first. */
  course_ids: string[];
  course_code: string;
  course_name: string;
  /** Consecutive Mondays (UTC) from the first week with an enquiry or application in scope, zeros included. */
  weeks: CourseWeek[];
};

/** Monday 00:00 UTC of the week `time` falls in. */
export function utcWeekStart(time: Date): Date {
  const day = Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate());
  return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS);
}

type Row = {
  code: string;
  course_ids: string[];
  course_name: string;
  week_start: string | null;
  enquiries: number;
  applications: number;
};

/**
 * Weekly enquiries (people.enquired_at) and applications (applications.submitted_at) per course, counting only
 * people inside `scope`, for whole weeks before the week of `now` (a week in progress would look like a slump).
 * Courses: those of `courseIds` (all of their intakes), or every course with an enquiry in scope.
 */
export async function weeklyCourseCounts(
  db: Tx,
  { scope, now, courseIds }: { scope: PeopleScope; now: Date; courseIds?: readonly string[] },
): Promise<WeeklyCourseCounts[]> {
  const inScope = peopleScopeCondition(scope) ?? sql`true`;
  const currentWeek = utcWeekStart(now);
  const selection: SQL = courseIds
    ? sql`code in (select code from courses where ${inArray(courses.id, [...courseIds])})`
    : sql`code in (select c.code from people join courses c on c.id = people.course_id where ${inScope})`;
  const rows = await queryRows<Row>(
    db,
    sql`with selected as (
          select code, json_agg(id order by intake desc) as course_ids,
                 (array_agg(name order by intake desc))[1] as course_name
          from courses
          where ${selection}
          group by code
        ), enquiry_weeks as (
          select c.code, date_trunc('week', people.enquired_at at time zone 'UTC') as week, count(*)::int as n
          from people join courses c on c.id = people.course_id
          where ${and(sql`people.enquired_at < ${currentWeek}`, inScope)} and c.code in (select code from selected)
          group by 1, 2
        ), application_weeks as (
          select c.code, date_trunc('week', a.submitted_at at time zone 'UTC') as week, count(*)::int as n
          from applications a
          join people on people.id = a.person_id
          join courses c on c.id = a.course_id
          where ${and(sql`a.submitted_at < ${currentWeek}`, inScope)} and c.code in (select code from selected)
          group by 1, 2
        ), weeks as (
          select generate_series(
                   least((select min(week) from enquiry_weeks), (select min(week) from application_weeks)),
                   ${currentWeek.toISOString().slice(0, 10)}::timestamp - interval '1 week',
                   interval '1 week') as week
        )
        select s.code, s.course_ids, s.course_name, to_char(w.week, 'YYYY-MM-DD') as week_start,
               coalesce(e.n, 0) as enquiries, coalesce(a.n, 0) as applications
        from selected s
        left join weeks w on true
        left join enquiry_weeks e on e.code = s.code and e.week = w.week
        left join application_weeks a on a.code = s.code and a.week = w.week
        order by s.code, w.week`,
  );
  const byCode = new Map<string, WeeklyCourseCounts>();
  for (const row of rows) {
    let course = byCode.get(row.code);
    if (!course) {
      course = {
        course_id: row.course_ids[0] as string,
        course_ids: row.course_ids,
        course_code: row.code,
        course_name: row.course_name,
        weeks: [],
      };
      byCode.set(row.code, course);
    }
    if (row.week_start !== null) {
      course.weeks.push({
        week_start: row.week_start,
        enquiries: Number(row.enquiries),
        applications: Number(row.applications),
      });
    }
  }
  return [...byCode.values()];
}
