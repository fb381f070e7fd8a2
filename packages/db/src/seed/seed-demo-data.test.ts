import { DISPOSABLE_EMAIL_DOMAINS, SOURCES } from '@ivy/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { isDatabaseEmpty, type SeedSummary, seedDemoData } from './seed-demo-data';

const AS_OF = new Date('2026-11-23T00:00:00Z');
const PEOPLE = 1500;
const CURRENT_INTAKE = '2027-09-01';

/** A digest of every seeded table, in a stable order, to compare two runs row for row. */
async function fingerprint(db: Tx): Promise<Record<string, string>> {
  const tables = [
    'campuses',
    'departments',
    'teams',
    'users',
    'courses',
    'people',
    'applications',
    'application_status_history',
    'engagement_events',
    'activities',
    'source_costs',
  ];
  const digests: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ digest: string | null }>(
      db,
      sql.raw(`select md5(string_agg(t::text, '|' order by t.id)) as digest from ${table} t`),
    );
    digests[table] = row?.digest ?? '';
  }
  return digests;
}

/** Probability that a random positive scores above a random negative (ties count half). */
function rankAuc(rows: { score: number; positive: boolean }[]): number {
  const sorted = [...rows].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]?.score === sorted[i]?.score) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k]?.positive) {
        rankSum += rank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = sorted.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

describe.each(testDatabaseTargets())('seedDemoData on $label', (target) => {
  let database: TestDatabase;
  let summary: SeedSummary;
  const progress: string[] = [];

  beforeAll(async () => {
    database = await target.open();
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    summary = await seedDemoData(database.db, {
      people: PEOPLE,
      seed: 7,
      asOf: AS_OF,
      onProgress: (message) => progress.push(message),
    });
  });
  afterAll(() => database?.close());

  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
  const one = async <T>(query: ReturnType<typeof sql>) => {
    const [row] = await rows<T>(query);
    if (!row) throw new Error('no row');
    return row;
  };

  it('reports what it inserted and refuses to run again on the now non-empty database', async () => {
    const counts = await one<Record<string, number>>(sql`
      select (select count(*)::int from people) as people,
             (select count(*)::int from applications) as applications,
             (select count(*)::int from engagement_events) as events,
             (select count(*)::int from activities) as activities,
             (select count(*)::int from courses) as courses,
             (select count(*)::int from users) as users,
             (select count(*)::int from source_costs) as source_costs`);
    expect(counts).toEqual({
      people: PEOPLE,
      applications: summary.applications,
      events: summary.engagementEvents,
      activities: summary.activities,
      courses: summary.courses,
      users: summary.users,
      source_costs: summary.sourceCosts,
    });
    expect(summary.engagementEvents / PEOPLE).toBeGreaterThan(6);
    expect(summary.engagementEvents / PEOPLE).toBeLessThan(10);
    expect(summary.users).toBeGreaterThanOrEqual(12);
    expect(summary.teams).toBe(summary.departments * 2);
    expect(progress.at(-1)).toMatch(/Seeded 1,500 people/);
    expect(await isDatabaseEmpty(database.db)).toBe(false);
    await expect(seedDemoData(database.db, { people: 10, seed: 7, asOf: AS_OF })).rejects.toThrow(/already has/);
  });

  it('builds a catalogue of at least 12 courses in 3+ departments, each at three September intakes', async () => {
    const catalogue = await one<{ courses: number; departments: number; intakes: string[]; campuses: number }>(sql`
      select count(distinct code)::int as courses, count(distinct department_id)::int as departments,
             array_agg(distinct intake::text order by intake::text) as intakes,
             (select count(*)::int from campuses) as campuses
      from courses`);
    expect(catalogue.courses).toBeGreaterThanOrEqual(12);
    expect(catalogue.departments).toBeGreaterThanOrEqual(3);
    expect(catalogue.campuses).toBe(3);
    expect(catalogue.intakes).toEqual(['2025-09-01', '2026-09-01', CURRENT_INTAKE]);
    const perCourse = await rows<{ intakes: number }>(sql`select count(*)::int as intakes from courses group by code`);
    expect(perCourse.every((c) => c.intakes === 3)).toBe(true);

    const music = await rows<{ name: string }>(sql`
      select distinct c.name from courses c join departments d on d.id = c.department_id
      where d.name = 'Music' order by c.name`);
    expect(music.map((c) => c.name)).toEqual(['Music Business', 'Music Production', 'Sound Engineering']);

    const fees = await rows<{ level: string; min: number; max: number; cap_min: number; cap_max: number }>(sql`
      select level, min(fee_gbp)::float as min, max(fee_gbp)::float as max,
             min(capacity) as cap_min, max(capacity) as cap_max
      from courses group by level`);
    const ug = fees.find((f) => f.level === 'undergraduate');
    const pg = fees.find((f) => f.level === 'postgraduate_taught');
    expect(ug).toMatchObject({ min: 9535, max: 9535 });
    expect(pg?.min).toBeGreaterThanOrEqual(8000);
    expect(pg?.max).toBeLessThanOrEqual(17_000);
    for (const level of fees) {
      expect(level.cap_min).toBeGreaterThanOrEqual(10);
      expect(level.cap_max).toBeLessThanOrEqual(210);
    }
    const staff = await rows<{ email: string; role: string }>(sql`select email, role from users`);
    expect(staff.every((u) => /^[a-z]+\.[a-z]+\d*@staff\.ivy\.ac\.uk$/.test(u.email))).toBe(true);
    expect(staff.filter((u) => u.role === 'manager').length).toBeGreaterThan(0);
    expect(staff.filter((u) => u.role === 'staff').length).toBeGreaterThanOrEqual(12);
  });

  it('is deterministic for a seed and asOf, identifiers included, and a different seed gives different data', async () => {
    const twin = await target.open();
    const other = await target.open();
    try {
      await seedDemoData(twin.db, { people: PEOPLE, seed: 7, asOf: AS_OF });
      await seedDemoData(other.db, { people: PEOPLE, seed: 8, asOf: AS_OF });
      const original = await fingerprint(database.db);
      expect(await fingerprint(twin.db)).toEqual(original);
      const different = await fingerprint(other.db);
      expect(different.people).not.toBe(original.people);
      expect(different.engagement_events).not.toBe(original.engagement_events);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('uses random version 4 UUIDs', async () => {
    const bad = await one<{ n: number }>(sql`
      select count(*)::int as n from (
        select id from people union all select id from applications union all select id from courses
        union all select id from activities) ids
      where id::text !~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'`);
    expect(bad.n).toBe(0);
  });

  it('never records anything after asOf', async () => {
    const latest = await one<{ latest: string }>(sql`
      select greatest(
        (select max(greatest(enquired_at, applied_at, offered_at, accepted_at, enrolled_at, lost_at, created_at,
                             updated_at, last_activity_at)) from people),
        (select max(greatest(submitted_at, decided_at, updated_at, created_at)) from applications),
        (select max(changed_at) from application_status_history),
        (select max(greatest(occurred_at, created_at)) from engagement_events),
        (select max(greatest(occurred_at, created_at)) from activities),
        (select max(greatest(created_at, month::timestamptz)) from source_costs),
        (select max(created_at) from courses),
        (select max(created_at) from users)
      )::text as latest`);
    expect(new Date(latest.latest).getTime()).toBeLessThanOrEqual(AS_OF.getTime());
  });

  it('keeps stage timestamps in order and consistent with the stage', async () => {
    const violations = await one<Record<string, number>>(sql`
      select
        count(*) filter (where applied_at < enquired_at or offered_at < applied_at or accepted_at < offered_at
                            or enrolled_at < accepted_at or lost_at < greatest(enquired_at, applied_at, offered_at,
                            accepted_at))::int as order_broken,
        count(*) filter (where (offered_at is not null and applied_at is null)
                            or (accepted_at is not null and offered_at is null)
                            or (enrolled_at is not null and accepted_at is null))::int as skipped_step,
        count(*) filter (where case lifecycle_stage
            when 'enquirer' then applied_at is not null or lost_at is not null
            when 'applicant' then applied_at is null or offered_at is not null
            when 'offer' then offered_at is null or accepted_at is not null
            when 'accepted' then accepted_at is null or enrolled_at is not null
            when 'enrolled' then enrolled_at is null or lost_at is not null
            when 'lost' then lost_at is null or lost_reason is null or enrolled_at is not null
          end)::int as stage_mismatch,
        count(*) filter (where lifecycle_stage <> 'lost' and lost_reason is not null)::int as stray_reason,
        count(*) filter (where last_activity_at < greatest(enquired_at, applied_at, offered_at, accepted_at,
                            enrolled_at, lost_at))::int as stale_last_activity,
        count(*) filter (where last_activity_at < (select max(occurred_at) from engagement_events e
                                                   where e.person_id = p.id))::int as activity_before_event,
        count(*) filter (where created_at <> enquired_at)::int as created_mismatch
      from people p`);
    expect(violations).toEqual({
      order_broken: 0,
      skipped_step: 0,
      stage_mismatch: 0,
      stray_reason: 0,
      stale_last_activity: 0,
      activity_before_event: 0,
      created_mismatch: 0,
    });
    const reasons = await rows<{ lost_reason: string }>(
      sql`select distinct lost_reason from people where lost_reason is not null order by 1`,
    );
    expect(reasons.map((r) => r.lost_reason)).toEqual(
      expect.arrayContaining(['chose_another_university', 'declined_offer', 'no_response', 'rejected', 'withdrew']),
    );
  });

  it('resolves past intakes, leaves some stalled, and keeps the current cycle in progress', async () => {
    const stages = await rows<{ intake: string; stage: string; n: number }>(sql`
      select c.intake::text as intake, p.lifecycle_stage as stage, count(*)::int as n
      from people p join courses c on c.id = p.course_id group by 1, 2`);
    const count = (intake: string, stage: string) =>
      stages.find((s) => s.intake === intake && s.stage === stage)?.n ?? 0;
    const total = (intake: string) => stages.filter((s) => s.intake === intake).reduce((sum, s) => sum + s.n, 0);
    for (const past of ['2025-09-01', '2026-09-01']) {
      expect(count(past, 'enrolled')).toBeGreaterThan(0.08 * total(past));
      expect(count(past, 'lost')).toBeGreaterThan(count(past, 'enrolled'));
      expect(count(past, 'accepted')).toBe(0);
      // Stalled records: never closed, long silent.
      expect(count(past, 'enquirer') + count(past, 'applicant')).toBeGreaterThan(0.03 * total(past));
    }
    const current = total(CURRENT_INTAKE);
    expect(current).toBeGreaterThan(0.15 * PEOPLE);
    expect(count(CURRENT_INTAKE, 'enrolled')).toBe(0);
    expect(count(CURRENT_INTAKE, 'enquirer') + count(CURRENT_INTAKE, 'applicant')).toBeGreaterThan(0.5 * current);
    expect(count(CURRENT_INTAKE, 'offer')).toBeGreaterThan(0);
    expect(count(CURRENT_INTAKE, 'accepted')).toBeLessThan(0.1 * current);

    const stalled = await one<{ n: number }>(sql`
      select count(*)::int as n from people p join courses c on c.id = p.course_id
      where c.intake = ${CURRENT_INTAKE} and p.lifecycle_stage in ('enquirer', 'applicant')
        and p.last_activity_at between ${AS_OF.toISOString()}::timestamptz - interval '120 days'
                                   and ${AS_OF.toISOString()}::timestamptz - interval '30 days'`);
    expect(stalled.n).toBeGreaterThan(0);
  });

  it('follows the UK cycle: autumn peak, Christmas dip, quiet early summer, Clearing burst', async () => {
    const months = await rows<{ month: string; n: number }>(sql`
      select to_char(p.enquired_at, 'YYYY-MM') as month, count(*)::int as n
      from people p join courses c on c.id = p.course_id
      where c.intake = '2026-09-01' group by 1`);
    const n = (month: string) => months.find((m) => m.month === month)?.n ?? 0;
    expect(n('2025-10')).toBeGreaterThan(2 * n('2026-05'));
    expect(n('2025-11')).toBeGreaterThan(n('2025-12'));
    expect(n('2026-08')).toBeGreaterThan(n('2026-06'));
    expect(n('2026-09')).toBe(0);
  });

  it('has every source, with clearly different conversion, and agents recruiting mostly from abroad', async () => {
    const bySource = await rows<{ source: string; people: number; enrolled: number; resolved: number; abroad: number }>(
      sql`
      select p.source, count(*)::int as people,
             count(*) filter (where lifecycle_stage = 'enrolled' and c.intake < ${CURRENT_INTAKE})::int as enrolled,
             count(*) filter (where lifecycle_stage in ('enrolled', 'lost') and c.intake < ${CURRENT_INTAKE})::int
               as resolved,
             count(*) filter (where domicile <> 'GB')::int as abroad
      from people p join courses c on c.id = p.course_id group by p.source`,
    );
    expect(bySource.map((s) => s.source).sort()).toEqual([...SOURCES].sort());
    const rate = (source: string) => {
      const s = bySource.find((x) => x.source === source);
      return s ? s.enrolled / s.resolved : Number.NaN;
    };
    const rates = SOURCES.map(rate);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.12);
    expect(Math.min(rate('referral'), rate('event'))).toBeGreaterThan(Math.max(rate('paid_social'), rate('unknown')));
    const agent = bySource.find((s) => s.source === 'agent');
    expect((agent?.abroad ?? 0) / (agent?.people ?? 1)).toBeGreaterThan(0.7);
    const everyone = bySource.reduce((sum, s) => sum + s.people, 0);
    const abroad = bySource.reduce((sum, s) => sum + s.abroad, 0);
    expect(abroad / everyone).toBeGreaterThan(0.08);
    expect(abroad / everyone).toBeLessThan(0.35);
  });

  it('makes engagement predictive of enrolment, but far from perfectly', async () => {
    const resolved = await rows<{ events: number; enrolled: boolean }>(sql`
      select (select count(*)::int from engagement_events e where e.person_id = p.id) as events,
             p.lifecycle_stage = 'enrolled' as enrolled
      from people p join courses c on c.id = p.course_id
      where c.intake < ${CURRENT_INTAKE} and p.lifecycle_stage in ('enrolled', 'lost')`);
    const enrolled = resolved.filter((r) => r.enrolled);
    const lost = resolved.filter((r) => !r.enrolled);
    const mean = (list: { events: number }[]) => list.reduce((sum, r) => sum + r.events, 0) / list.length;
    expect(mean(enrolled)).toBeGreaterThan(mean(lost));
    const auc = rankAuc(resolved.map((r) => ({ score: r.events, positive: r.enrolled })));
    expect(auc).toBeGreaterThan(0.6);
    expect(auc).toBeLessThan(0.95);

    const types = await rows<{ type: string; with_duration: number; n: number }>(sql`
      select type, count(duration_seconds)::int as with_duration, count(*)::int as n
      from engagement_events group by type`);
    expect(types).toHaveLength(8);
    for (const t of types) {
      if (t.type === 'web_visit' || t.type === 'call' || t.type === 'meeting') expect(t.with_duration).toBe(t.n);
      else expect(t.with_duration).toBe(0);
    }
    const outside = await one<{ n: number }>(sql`
      select count(*)::int as n from engagement_events e join people p on p.id = e.person_id
      where e.occurred_at < p.enquired_at`);
    expect(outside.n).toBe(0);
  });

  it('gives applicants one application whose status and history match their stage', async () => {
    const mismatches = await one<Record<string, number>>(sql`
      select
        count(*) filter (where p.applied_at is not null and a.id is null)::int as missing,
        count(*) filter (where p.applied_at is null and a.id is not null)::int as unexpected,
        count(*) filter (where a.course_id <> p.course_id)::int as other_course,
        count(*) filter (where a.submitted_at <> p.applied_at)::int as submitted_mismatch,
        count(*) filter (where case p.lifecycle_stage
            when 'applicant' then a.status not in ('submitted', 'under_review', 'interview')
            when 'offer' then a.status not in ('offer_conditional', 'offer_unconditional')
            when 'accepted' then a.status not in ('accepted_firm', 'accepted_insurance')
            when 'enrolled' then a.status <> 'enrolled'
            when 'lost' then a.status not in ('rejected', 'declined', 'withdrawn')
            else false end)::int as status_mismatch
      from people p left join applications a on a.person_id = p.id`);
    expect(mismatches).toEqual({
      missing: 0,
      unexpected: 0,
      other_course: 0,
      submitted_mismatch: 0,
      status_mismatch: 0,
    });
    const history = await one<Record<string, number>>(sql`
      with ordered as (
        select h.*, lag(to_status) over (partition by application_id order by changed_at, id) as previous,
               row_number() over (partition by application_id order by changed_at desc, id desc) as from_end
        from application_status_history h)
      select
        count(*) filter (where from_status is distinct from previous)::int as broken_chain,
        count(*) filter (where from_end = 1 and to_status <> (select status from applications a
                                                             where a.id = ordered.application_id))::int as last_differs,
        (select count(*)::int from applications a
         where not exists (select 1 from application_status_history h where h.application_id = a.id)) as without_history
      from ordered`);
    expect(history).toEqual({ broken_chain: 0, last_differs: 0, without_history: 0 });

    const routes = await rows<{ route: string; level: string; n: number }>(sql`
      select a.route, c.level, count(*)::int as n from applications a join courses c on c.id = a.course_id group by 1, 2`);
    const n = (route: string, level: string) => routes.find((r) => r.route === route && r.level === level)?.n ?? 0;
    expect(n('ucas', 'undergraduate')).toBeGreaterThan(n('direct', 'undergraduate'));
    expect(n('direct', 'postgraduate_taught')).toBeGreaterThan(0);
    expect(n('ucas', 'postgraduate_taught')).toBe(0);
    expect(n('clearing', 'undergraduate')).toBeGreaterThan(0);

    const auditions = await one<{ music: number; elsewhere: number }>(sql`
      select count(*) filter (where d.code = 'MUS')::int as music, count(*) filter (where d.code <> 'MUS')::int
               as elsewhere
      from application_status_history h join applications a on a.id = h.application_id
      join courses c on c.id = a.course_id join departments d on d.id = c.department_id
      where h.to_status = 'interview' and h.note = 'Audition'`);
    expect(auditions.music).toBeGreaterThan(0);
    expect(auditions.elsewhere).toBe(0);
  });

  it('assigns owners from the team of the course department', async () => {
    const wrong = await one<{ n: number; unowned: number }>(sql`
      select count(*) filter (where u.team_id <> p.team_id or t.department_id <> c.department_id)::int as n,
             count(*) filter (where p.owner_id is null)::int as unowned
      from people p join courses c on c.id = p.course_id join teams t on t.id = p.team_id
      left join users u on u.id = p.owner_id`);
    expect(wrong.n).toBe(0);
    expect(wrong.unowned).toBeLessThan(0.05 * PEOPLE);
  });

  it('contains realistic dirt: missing and invalid phones, disposable e-mails, near-duplicates, gaps', async () => {
    type Dirt = Record<
      | 'missing_phone'
      | 'invalid_phone'
      | 'valid_phone'
      | 'disposable'
      | 'missing_postcode'
      | 'missing_dob'
      | 'consent_email'
      | 'consent_sms'
      | 'home',
      number
    >;
    const dirt = await one<Dirt>(sql`
      select count(*) filter (where phone is null)::float / count(*) as missing_phone,
             count(*) filter (where phone is not null and phone_e164 is null)::int as invalid_phone,
             count(*) filter (where phone_e164 is not null)::int as valid_phone,
             count(*) filter (where split_part(lower(btrim(email)), '@', 2) = any(${sql.param([...DISPOSABLE_EMAIL_DOMAINS])}::text[]))::int
               as disposable,
             count(*) filter (where postcode is null and domicile = 'GB')::int as missing_postcode,
             count(*) filter (where date_of_birth is null)::int as missing_dob,
             count(*) filter (where consent_email)::float / count(*) as consent_email,
             count(*) filter (where consent_sms)::float / count(*) as consent_sms,
             count(*) filter (where domicile = 'GB')::float / count(*) as home
      from people`);
    expect(dirt.missing_phone).toBeGreaterThan(0.04);
    expect(dirt.missing_phone).toBeLessThan(0.14);
    expect(dirt.invalid_phone).toBeGreaterThan(0);
    expect(dirt.valid_phone).toBeGreaterThan(0.8 * PEOPLE);
    expect(dirt.disposable).toBeGreaterThan(0);
    expect(dirt.missing_postcode).toBeGreaterThan(0);
    expect(dirt.missing_dob).toBeGreaterThan(0);
    expect(dirt.consent_email).toBeGreaterThan(dirt.consent_sms);
    expect(dirt.home).toBeGreaterThan(0.6);

    const duplicates = await one<{ groups: number; people: number }>(sql`
      select count(*)::int as groups, coalesce(sum(n), 0)::int as people from (
        select count(*) as n from people where date_of_birth is not null and postcode is not null
        group by lower(first_name), lower(last_name), date_of_birth, postcode having count(*) > 1) d`);
    expect(duplicates.groups).toBeGreaterThan(0.004 * PEOPLE);
    expect(duplicates.groups).toBeLessThan(0.04 * PEOPLE);
  });

  it('records monthly spend for every source over every month with enquiries', async () => {
    const coverage = await one<{ months: number; missing: number; sources: number }>(sql`
      select count(distinct month)::int as months, count(distinct source)::int as sources,
             (select count(*)::int from (select distinct date_trunc('month', enquired_at at time zone 'UTC')::date as m
                                         from people) e
              where (select count(*) from source_costs s where s.month = e.m) <> ${SOURCES.length}) as missing
      from source_costs`);
    expect(coverage.sources).toBe(SOURCES.length);
    expect(coverage.missing).toBe(0);
    expect(coverage.months).toBeGreaterThanOrEqual(30);
    const spend = await rows<{ source: string; total: number }>(
      sql`select source, sum(amount_gbp)::float as total from source_costs group by source`,
    );
    const total = (source: string) => spend.find((s) => s.source === source)?.total ?? 0;
    expect(total('paid_social')).toBeGreaterThan(total('event'));
    expect(total('event')).toBeGreaterThan(total('referral'));
    expect(total('ucas')).toBeGreaterThan(0);
    expect(total('agent')).toBeGreaterThan(0);
  });
});
