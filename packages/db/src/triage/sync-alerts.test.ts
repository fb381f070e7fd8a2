import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../query-rows';
import { alerts, campuses, courses, departments, engagementEvents, people, teams, users } from '../schema';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { escalateOverdueAlerts, sweepAlerts } from './sync-alerts';

const NOW = new Date('2026-11-23T09:00:00Z');
const DAY = 86_400_000;
const audit = (at: Date) => ({ actor: { id: null, label: 'scheduler' }, at });

describe.each(testDatabaseTargets())('alert sweep and escalation on $label', (target) => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await target.open();
    const { db } = database;
    const [department] = await db.insert(departments).values({ code: 'MUS', name: 'Music' }).returning();
    const [team] = await db
      .insert(teams)
      .values({ name: 'Music UK', department_id: department?.id ?? '' })
      .returning();
    const [owner, manager] = await db
      .insert(users)
      .values([
        { email: 'owner@ivy.test', full_name: 'Olive Owner', role: 'staff', team_id: team?.id },
        { email: 'manager@ivy.test', full_name: 'Mina Manager', role: 'manager', team_id: team?.id },
      ])
      .returning();
    ids.manager = manager?.id ?? '';
    const [campus] = await db.insert(campuses).values({ code: 'LDN', name: 'London', city: 'London' }).returning();
    const [course] = await db
      .insert(courses)
      .values({
        department_id: department?.id ?? '',
        campus_id: campus?.id ?? '',
        code: 'MUSPROD',
        name: 'Music Production',
        level: 'undergraduate',
        intake: '2027-09-01',
        capacity: 60,
        fee_gbp: 9535,
      })
      .returning();
    const base = { owner_id: owner?.id, team_id: team?.id, course_id: course?.id, source: 'ucas' as const };
    const rows = await db
      .insert(people)
      .values([
        // Quiet for 40 days, no phone, no consent, from a source that rarely enrols.
        {
          ...base,
          source: 'paid_social',
          email: 'quiet@x.ac.uk',
          last_activity_at: new Date(NOW.getTime() - 40 * DAY),
        },
        // No way to contact at all: critical, so level 3.
        { ...base, first_name: 'Nobody', last_activity_at: new Date(NOW.getTime() - 2 * DAY) },
        // Enrolled: nothing to chase.
        {
          ...base,
          email: 'done@x.ac.uk',
          lifecycle_stage: 'enrolled',
          last_activity_at: new Date(NOW.getTime() - 90 * DAY),
        },
      ])
      .returning({ id: people.id, email: people.email, first_name: people.first_name });
    for (const row of rows) ids[row.email?.split('@')[0] ?? row.first_name ?? ''] = row.id;
    await db
      .insert(engagementEvents)
      .values({ person_id: ids.Nobody ?? '', type: 'web_visit', occurred_at: new Date(NOW.getTime() - 2 * DAY) });
  });
  afterAll(() => database.close());

  const openAlerts = (personId: string) =>
    database.db
      .select({ type: alerts.type, severity: alerts.severity, level: alerts.level, status: alerts.status })
      .from(alerts)
      .where(sql`${alerts.person_id} = ${personId} and ${alerts.status} <> 'resolved'`)
      .orderBy(alerts.type);

  it('raises one alert per blocker type for open leads only', async () => {
    const report = await sweepAlerts(database.db, { now: NOW, audit: audit(NOW) });
    expect(report).toMatchObject({ people: 3, resolved: 0 });
    expect(await openAlerts(ids.quiet ?? '')).toEqual([
      { type: 'data_completeness', severity: 'high', level: 2, status: 'open' },
      { type: 'engagement_stall', severity: 'high', level: 2, status: 'open' },
      { type: 'source_quality', severity: 'low', level: 1, status: 'open' },
    ]);
    expect(await openAlerts(ids.Nobody ?? '')).toEqual([
      { type: 'data_completeness', severity: 'critical', level: 3, status: 'open' },
    ]);
    expect(await openAlerts(ids.done ?? '')).toEqual([]);
    expect(report.raised).toBe(4);
  });

  it('changes nothing when run again on unchanged data', async () => {
    expect(await sweepAlerts(database.db, { now: NOW, audit: audit(NOW) })).toMatchObject({
      raised: 0,
      updated: 0,
      resolved: 0,
    });
  });

  it('resolves an alert by itself once its condition clears', async () => {
    await database.db
      .update(people)
      .set({ phone: '07700 900123', phone_e164: '+447700900123', consent_email: true })
      .where(eq(people.id, ids.quiet ?? ''));
    const report = await sweepAlerts(database.db, { now: NOW, audit: audit(NOW) });
    // Reachable now, the lead is worth more: its stall and source alerts each rise a level.
    expect(report).toMatchObject({ raised: 0, resolved: 1, updated: 2 });
    expect((await openAlerts(ids.quiet ?? '')).map((alert) => alert.type)).toEqual([
      'engagement_stall',
      'source_quality',
    ]);
    const [cleared] = await database.db
      .select({ resolution: alerts.resolution, resolved_at: alerts.resolved_at })
      .from(alerts)
      .where(sql`${alerts.person_id} = ${ids.quiet} and ${alerts.type} = 'data_completeness'`);
    expect(cleared).toEqual({ resolution: 'condition_cleared', resolved_at: NOW });
  });

  it('escalates unacknowledged level-3 alerts to the department’s manager after the SLA, once', async () => {
    const early = await escalateOverdueAlerts(database.db, {
      now: new Date(NOW.getTime() + 23 * 3_600_000),
      slaHours: 24,
      audit: audit(NOW),
    });
    expect(early.escalated).toBe(0);
    const later = new Date(NOW.getTime() + 25 * 3_600_000);
    expect(await escalateOverdueAlerts(database.db, { now: later, slaHours: 24, audit: audit(later) })).toEqual({
      escalated: 2,
    });
    const [escalated] = await database.db
      .select({ to: alerts.escalated_to, at: alerts.escalated_at })
      .from(alerts)
      .where(eq(alerts.person_id, ids.Nobody ?? ''));
    expect(escalated).toEqual({ to: ids.manager, at: later });
    expect(
      (await escalateOverdueAlerts(database.db, { now: later, slaHours: 24, audit: audit(later) })).escalated,
    ).toBe(0);
    const [entry] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_log where action = 'alert.escalate'`,
    );
    expect(entry?.n).toBe(2);
  });
});
