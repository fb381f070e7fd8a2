import { schema, testDatabaseTargets } from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('GDPR routes on $label', (target) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestApp(target);
    const { db } = t.database;
    const [music, business] = await db
      .insert(schema.departments)
      .values([
        { code: 'MUS', name: 'Music' },
        { code: 'BUS', name: 'Business' },
      ])
      .returning();
    if (!music || !business) throw new Error('departments');
    const [musicTeam, businessTeam] = await db
      .insert(schema.teams)
      .values([
        { name: 'Music A', department_id: music.id },
        { name: 'Business A', department_id: business.id },
      ])
      .returning();
    cookies.staff = await t.signIn({ email: 'staff@ivy.test', role: 'staff', team_id: musicTeam?.id });
    cookies.manager = await t.signIn({ email: 'manager@ivy.test', role: 'manager', team_id: musicTeam?.id });
    const people = await db
      .insert(schema.people)
      .values([
        {
          first_name: 'Priya',
          last_name: 'Kaur',
          email: 'priya.kaur@example.ac.uk',
          phone: '07700 900456',
          phone_e164: '+447700900456',
          team_id: musicTeam?.id,
          source: 'ucas',
          enquired_at: TEST_NOW,
          last_activity_at: TEST_NOW,
        },
        { first_name: 'Other', last_name: 'Dept', email: 'other@example.ac.uk', team_id: businessTeam?.id },
      ])
      .returning({ id: schema.people.id, email: schema.people.email });
    for (const person of people) ids[person.email?.split('@')[0] ?? ''] = person.id;
    await db.insert(schema.engagementEvents).values({
      person_id: ids['priya.kaur'] ?? '',
      type: 'form_submit',
      occurred_at: TEST_NOW,
      metadata: { reply_to: 'priya.kaur@example.ac.uk' },
    });
  });
  afterAll(() => t.close());

  const as = (role: string) => ({ cookie: cookies[role] });
  const priya = () => ids['priya.kaur'] ?? '';

  it('exports everything about a person in scope as a JSON attachment, and records the export', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/people/${priya()}/export`, headers: as('manager') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="ivy-subject-access-${priya()}.json"`);
    const body = response.json();
    expect(body.person).toMatchObject({ id: priya(), email: 'priya.kaur@example.ac.uk', first_name: 'Priya' });
    expect(body.engagement_events).toHaveLength(1);
    expect(body.engagement_events[0].metadata).toEqual({ reply_to: 'priya.kaur@example.ac.uk' });
    const requests = await t.database.db
      .select()
      .from(schema.gdprRequests)
      .where(eq(schema.gdprRequests.id, body.request_id));
    expect(requests).toMatchObject([{ kind: 'export', person_id: priya() }]);
  });

  it('answers 404 for a person outside the caller’s scope, and 403 without the permission', async () => {
    const outside = await t.app.inject({
      method: 'GET',
      url: `/people/${ids.other}/export`,
      headers: as('manager'),
    });
    expect(outside.statusCode).toBe(404);
    const staff = await t.app.inject({ method: 'GET', url: `/people/${priya()}/export`, headers: as('staff') });
    expect(staff.statusCode).toBe(403);
    const erase = await t.app.inject({
      method: 'POST',
      url: `/people/${priya()}/erase`,
      headers: as('staff'),
      payload: { reason: 'The person asked to be forgotten', confirm: 'ERASE' },
    });
    expect(erase.statusCode).toBe(403);
    const outsideErase = await t.app.inject({
      method: 'POST',
      url: `/people/${ids.other}/erase`,
      headers: as('manager'),
      payload: { reason: 'The person asked to be forgotten', confirm: 'ERASE' },
    });
    expect(outsideErase.statusCode).toBe(404);
  });

  it('refuses an erasure without a reason or confirmation, naming the fields', async () => {
    const short = await t.app.inject({
      method: 'POST',
      url: `/people/${priya()}/erase`,
      headers: as('manager'),
      payload: { reason: 'asked', confirm: 'ERASE' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(short.json())).toContain('reason');
    const unconfirmed = await t.app.inject({
      method: 'POST',
      url: `/people/${priya()}/erase`,
      headers: as('manager'),
      payload: { reason: 'The person asked to be forgotten', confirm: 'yes' },
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().errors).toEqual([expect.objectContaining({ path: 'confirm' })]);
  });

  it('erases the person for a manager; the report and health count it, and a repeat changes nothing', async () => {
    const erased = await t.app.inject({
      method: 'POST',
      url: `/people/${priya()}/erase`,
      headers: as('manager'),
      payload: { reason: 'Priya Kaur asked to be forgotten by e-mail', confirm: priya() },
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ status: 'erased', summary: { people: 1, engagement_events: 1 } });

    const profile = await t.app.inject({ method: 'GET', url: `/people/${priya()}`, headers: as('manager') });
    expect(profile.statusCode).toBe(200);
    expect(profile.body).not.toContain('priya');
    expect(profile.body).not.toContain('Priya');

    const report = await t.request({ method: 'GET', url: '/ai/pii/gdpr/report' });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      retention_days: 2555,
      people: { total: 2, erased: 1 },
      exports: { all_time: 1, last_30_days: 1 },
      erasures: { all_time: { total: 1, by_ground: { subject_request: 1, retention: 0 } } },
    });
    // The clock is pinned, so the export and the erasure share a timestamp.
    expect(report.json().recent_requests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'erasure', ground: 'subject_request', requested_by: 'manager' }),
        expect.objectContaining({ kind: 'export', ground: null, person_id: priya() }),
      ]),
    );
    expect(report.body).not.toContain('Priya');

    const again = await t.app.inject({
      method: 'POST',
      url: `/people/${priya()}/erase`,
      headers: as('manager'),
      payload: { reason: 'Asked again by the same person', confirm: 'ERASE' },
    });
    expect(again.json()).toEqual({ status: 'already_erased', request_id: erased.json().request_id, summary: {} });

    const health = await t.request({ method: 'GET', url: '/ai/pii/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: 'healthy',
      gdpr_settings: { data_retention_days: 2555, retention_schedule: '30 2 * * *' },
      counts: { people: 2, erased_people: 1, export_requests: 1, erasure_requests: 1, past_retention_pending: 0 },
      last_erasure_at: TEST_NOW.toISOString(),
    });
  });
});
