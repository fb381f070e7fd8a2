import type { DescribedCourse, DurationCount, LifecycleStage, MonthlyVolume, Source } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';

const DAY_SECONDS = 86_400;

export type OpenStage = Exclude<LifecycleStage, 'enrolled' | 'lost'>;

/**
 * For each open stage, how many whole days past enrolments took from entering that stage to enrolling. People whose
 * stage and enrolment carry the same instant (imports without history) say nothing about timing and are left out.
 */
export async function stageToEnrolmentDurations(db: Tx): Promise<Record<OpenStage, DurationCount[]>> {
  const rows = await queryRows<{ stage: OpenStage; days: number; count: number }>(
    db,
    sql`select stage, days, count(*)::int as count
        from (
          select s.stage, floor(extract(epoch from p.enrolled_at - s.entered_at) / ${DAY_SECONDS})::int as days
          from people p
          cross join lateral (values ('enquirer', p.enquired_at), ('applicant', p.applied_at),
                                     ('offer', p.offered_at), ('accepted', p.accepted_at)) as s(stage, entered_at)
          where p.enrolled_at is not null and s.entered_at is not null and p.enrolled_at > s.entered_at
        ) durations
        group by stage, days`,
  );
  const byStage: Record<OpenStage, DurationCount[]> = { enquirer: [], applicant: [], offer: [], accepted: [] };
  for (const row of rows) byStage[row.stage].push({ days: row.days, count: row.count });
  return byStage;
}

/** Enquiries per calendar month, averaged over the months observed in the three years before `now`. */
export async function monthlyEnquiryVolumes(db: Tx, now: Date): Promise<MonthlyVolume[]> {
  const since = new Date(Date.UTC(now.getUTCFullYear() - 3, now.getUTCMonth(), 1));
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return queryRows<MonthlyVolume>(
    db,
    sql`select extract(month from month)::int as month, avg(enquiries)::float8 as average
        from (
          select date_trunc('month', enquired_at at time zone 'UTC') as month, count(*) as enquiries
          from people
          where enquired_at >= ${since.toISOString()} and enquired_at < ${monthStart.toISOString()}
          group by 1
        ) months
        group by 1
        order by 1`,
  );
}

export type MatchedCourse = DescribedCourse & { id: string; code: string; name: string };

/**
 * The catalogue's course a lead declared, by code or name (case-insensitive; exact before partial), in its most
 * recent intake that has started taking enquiries; with its demand and fill at `now` as the snapshots compute them.
 */
export async function matchDeclaredCourse(db: Tx, declared: string, now: Date): Promise<MatchedCourse | null> {
  const term = declared.trim().toLowerCase();
  if (term === '') return null;
  const since90 = new Date(now.getTime() - 90 * DAY_SECONDS * 1000).toISOString();
  const [row] = await queryRows<MatchedCourse & { capacity: number; committed: number }>(
    db,
    sql`select c.id, c.code, c.name, c.level, c.capacity,
               count(p.id) filter (where p.enquired_at > ${since90} and p.enquired_at <= ${now.toISOString()})::int
                 as demand_90d,
               count(p.id) filter (where p.offered_at <= ${now.toISOString()}
                                      and coalesce(p.lost_at, 'infinity'::timestamptz) > ${now.toISOString()})::int
                 as committed
        from courses c
        left join people p on p.course_id = c.id
        where lower(c.code) = ${term} or lower(c.name) = ${term} or strpos(lower(c.name), ${term}) > 0
        group by c.id
        order by (lower(c.code) = ${term} or lower(c.name) = ${term}) desc, demand_90d desc, c.intake desc
        limit 1`,
  );
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    demand_90d: row.demand_90d,
    fill: row.committed / row.capacity,
  };
}

export type CohortOutcomes = { label: string; decided: number; enrolled: number };

/** Below this many decided leads a cohort's rate is noise, and small cells can single people out: widen it. */
export const MIN_COHORT_SIZE = 30;

/**
 * How leads like this one ended: decided leads (enrolled or lost) with the same source and course, widened to the
 * same source and course level, then the same source, until the cohort is large enough. Aggregates only.
 */
export async function similarLeadOutcomes(
  db: Tx,
  { source, course }: { source: Source; course: { id: string; name: string; level: string } | null },
): Promise<CohortOutcomes | null> {
  const cohorts = [
    ...(course
      ? [
          { label: `${source} · ${course.name}`, condition: sql`p.course_id = ${course.id}` },
          { label: `${source} · ${course.level.replaceAll('_', ' ')}`, condition: sql`c.level = ${course.level}` },
        ]
      : []),
    { label: source, condition: sql`true` },
  ];
  for (const cohort of cohorts) {
    const [row] = await queryRows<{ decided: number; enrolled: number }>(
      db,
      sql`select count(*)::int as decided, count(*) filter (where p.lifecycle_stage = 'enrolled')::int as enrolled
          from people p left join courses c on c.id = p.course_id
          where p.lifecycle_stage in ('enrolled', 'lost') and p.source = ${source} and ${cohort.condition}`,
    );
    if (row && row.decided >= MIN_COHORT_SIZE) return { label: cohort.label, ...row };
  }
  return null;
}

/** The course a stored person enquired about, as cohorts name it. */
export async function courseOfPerson(
  db: Tx,
  personId: string,
): Promise<{ id: string; name: string; level: string } | null> {
  const [row] = await queryRows<{ id: string; name: string; level: string }>(
    db,
    sql`select c.id, c.name, c.level from people p join courses c on c.id = p.course_id where p.id = ${personId}`,
  );
  return row ?? null;
}
