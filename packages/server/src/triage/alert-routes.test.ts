import { schema, sweepAlerts, testDatabaseTargets } from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCatalogue, openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('alerts inbox on $label', (target) => {
  let t: TestApp;
  let ownerCookie = '';
  let outsiderCookie = '';
  let alertId = '';

  beforeAll(async () => {
    t = await openTestApp(target);
    const { db } = t.database;
    const { team, department, courses } = await insertCatalogue(t.database);
    const [otherTeam] = await db
      .insert(schema.teams)
      .values({ name: 'Elsewhere', department_id: department.id })
      .returning();
    ownerCookie = await t.signIn({ email: 'owner@ivy.test', role: 'staff', team_id: team.id });
    outsiderCookie = await t.signIn({ email: 'outsider@ivy.test', role: 'staff', team_id: otherTeam?.id });
    const [owner] = await db.select().from(schema.users).where(eq(schema.users.email, 'owner@ivy.test'));
    await db.insert(schema.people).values({
      first_name: 'Quinn',
      last_name: 'Quiet',
      email: 'quinn@x.ac.uk',
      owner_id: owner?.id,
      team_id: team.id,
      course_id: courses[0]?.id,
      source: 'ucas',
      last_activity_at: new Date(TEST_NOW.getTime() - 30 * 86_400_000),
    });
    await sweepAlerts(db, { now: TEST_NOW, audit: { actor: null, at: TEST_NOW } });
  });
  afterAll(() => t.close());

  const inbox = (cookie: string, query = '') =>
    t.app.inject({ method: 'GET', url: `/ai/alerts${query}`, headers: { cookie } });

  it('shows the owner their alerts, named and most urgent first', async () => {
    const response = await inbox(ownerCookie);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: string; type: string; level: number; person_name: string }[];
    expect(items.map((item) => item.type).sort()).toEqual(['data_completeness', 'engagement_stall']);
    expect(items[0]?.person_name).toBe('Quinn Quiet');
    expect(items.map((item) => item.level)).toEqual([...items.map((item) => item.level)].sort((a, b) => b - a));
    alertId = items.find((item) => item.type === 'engagement_stall')?.id ?? '';
  });

  it('keeps alerts outside the scope out of sight and out of reach', async () => {
    expect((await inbox(outsiderCookie, '?view=team')).json().items).toEqual([]);
    const acknowledge = await t.app.inject({
      method: 'POST',
      url: `/ai/alerts/${alertId}/acknowledge`,
      headers: { cookie: outsiderCookie },
    });
    expect(acknowledge.statusCode).toBe(404);
  });

  it('acknowledges and then resolves an alert, auditing both, and refuses to repeat them', async () => {
    const post = (transition: string) =>
      t.app.inject({ method: 'POST', url: `/ai/alerts/${alertId}/${transition}`, headers: { cookie: ownerCookie } });
    const acknowledged = await post('acknowledge');
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({ status: 'acknowledged', acknowledged_at: TEST_NOW.toISOString() });
    expect((await post('acknowledge')).statusCode).toBe(409);
    const resolved = await post('resolve');
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: 'manual' });
    expect((await post('resolve')).statusCode).toBe(409);
    const audit = await t.database.db
      .select({ action: schema.auditLog.action, resource: schema.auditLog.resource_id })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.resource_id, alertId));
    expect(audit.map((entry) => entry.action)).toEqual(['alert.acknowledge', 'alert.resolve']);
    const open = (await inbox(ownerCookie)).json().items as { id: string }[];
    expect(open.map((item) => item.id)).not.toContain(alertId);
    const all = (await inbox(ownerCookie, '?status=resolved')).json().items as { id: string }[];
    expect(all.map((item) => item.id)).toContain(alertId);
  });
});
