import { schema, testDatabaseTargets } from '@ivy/db';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('consent routes on $label', (target) => {
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
    const [musicTeam, businessTeam] = await db
      .insert(schema.teams)
      .values([
        { name: 'Music A', department_id: music?.id ?? '' },
        { name: 'Business A', department_id: business?.id ?? '' },
      ])
      .returning();
    cookies.staff = await t.signIn({ email: 'staff@ivy.test', role: 'staff', team_id: musicTeam?.id });
    cookies.manager = await t.signIn({ email: 'manager@ivy.test', role: 'manager', team_id: musicTeam?.id });
    const people = await db
      .insert(schema.people)
      .values([
        { first_name: 'Priya', email: 'priya@example.ac.uk', team_id: musicTeam?.id, consent_email: false },
        { first_name: 'Other', email: 'other@example.ac.uk', team_id: businessTeam?.id },
      ])
      .returning({ id: schema.people.id, first_name: schema.people.first_name });
    for (const person of people) ids[person.first_name ?? ''] = person.id;
  });
  afterAll(() => t.close());

  const as = (role: string) => ({ cookie: cookies[role] });
  const priya = () => ids.Priya ?? '';
  const emailFlag = async () => {
    const [row] = await t.database.db
      .select({ consent_email: schema.people.consent_email })
      .from(schema.people)
      .where(eq(schema.people.id, priya()));
    return row?.consent_email;
  };
  const auditActions = async () => {
    const rows = await t.database.db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.resource_id, priya()), like(schema.auditLog.action, 'consent.%')))
      .orderBy(asc(schema.auditLog.id));
    return rows.map((r) => r.action);
  };

  it('records a grant through the seed endpoint, checks it by category, and revokes it with a GET', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: '/ai/pii/consent/add',
      headers: as('manager'),
      payload: {
        user_id: priya(),
        consent_type: 'email_contact',
        granted: true,
        purpose: 'Updates about her application',
        data_categories: ['contact_details', 'application'],
        expires_in_days: 365,
        source: 'web_form',
      },
    });
    expect(add.statusCode).toBe(201);
    expect(add.json().consent).toMatchObject({ consent_type: 'email_contact', granted: true, source: 'web_form' });
    expect(new Date(add.json().consent.expires_at).getTime()).toBeGreaterThan(TEST_NOW.getTime());
    expect(await emailFlag()).toBe(true);

    const check = (data_category: string) =>
      t.app.inject({
        method: 'POST',
        url: '/ai/pii/consent/check',
        headers: as('staff'),
        payload: { user_id: priya(), consent_type: 'email_contact', data_category },
      });
    expect((await check('application')).json()).toMatchObject({ allowed: true, reason: 'granted' });
    expect((await check('financial')).json()).toMatchObject({ allowed: false, reason: 'category_not_covered' });

    const revoke = await t.app.inject({
      method: 'GET',
      url: `/ai/pii/consent/revoke/${priya()}/email_contact`,
      headers: as('manager'),
    });
    expect(revoke.json()).toMatchObject({ success: true, revoked: true, consent: { granted: false } });
    expect(await emailFlag()).toBe(false);
    expect((await check('application')).json()).toMatchObject({ allowed: false, reason: 'withdrawn' });

    const again = await t.app.inject({
      method: 'GET',
      url: `/ai/pii/consent/revoke/${priya()}/email_contact`,
      headers: as('manager'),
    });
    expect(again.json()).toMatchObject({ revoked: false });
    expect(await auditActions()).toEqual(['consent.grant', 'consent.withdraw']);
  });

  it('lists current state and history, and records grant/refuse/withdraw on the person', async () => {
    const post = (payload: Record<string, unknown>, role = 'manager') =>
      t.app.inject({ method: 'POST', url: `/people/${priya()}/consents`, headers: as(role), payload });
    const sms = await post({ consent_type: 'sms_contact', action: 'refuse', purpose: 'Text reminders' });
    expect(sms.statusCode).toBe(201);
    const phone = await post({
      consent_type: 'phone_contact',
      action: 'grant',
      purpose: 'Calls about her offer',
      source: 'phone',
      expires_at: new Date(TEST_NOW.getTime() + 86_400_000 * 30).toISOString(),
    });
    expect(phone.statusCode).toBe(201);

    const list = await t.app.inject({ method: 'GET', url: `/people/${priya()}/consents`, headers: as('staff') });
    expect(list.statusCode).toBe(200);
    const states = Object.fromEntries(
      list.json().current.map((c: { consent_type: string; state: string }) => [c.consent_type, c.state]),
    );
    expect(states).toEqual({
      email_contact: 'withdrawn',
      sms_contact: 'refused',
      phone_contact: 'granted',
      marketing: 'not_recorded',
      ai_processing: 'not_recorded',
      third_party_sharing: 'not_recorded',
    });
    expect(list.json().history.map((r: { consent_type: string }) => r.consent_type)).toEqual([
      'phone_contact',
      'sms_contact',
      'email_contact',
      'email_contact',
    ]);

    const nothingToWithdraw = await post({ consent_type: 'marketing', action: 'withdraw', purpose: 'Open days' });
    expect(nothingToWithdraw.statusCode).toBe(409);
  });

  it('answers 400 naming the field, 404 out of scope and 403 without the permission', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: `/people/${priya()}/consents`,
      headers: as('manager'),
      payload: { consent_type: 'telepathy', action: 'grant', purpose: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const paths = bad
      .json()
      .errors.map((e: { path: string }) => e.path)
      .join(' ');
    expect(paths).toContain('consent_type');
    expect(paths).toContain('purpose');

    const past = await t.app.inject({
      method: 'POST',
      url: `/people/${priya()}/consents`,
      headers: as('manager'),
      payload: { consent_type: 'marketing', action: 'grant', purpose: 'Open days', expires_at: '2020-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([expect.objectContaining({ path: 'expires_at' })]);

    const outside = await t.app.inject({
      method: 'POST',
      url: '/ai/pii/consent/check',
      headers: as('manager'),
      payload: { user_id: ids.Other, consent_type: 'email_contact' },
    });
    expect(outside.statusCode).toBe(404);
    const outsideList = await t.app.inject({
      method: 'GET',
      url: `/people/${ids.Other}/consents`,
      headers: as('staff'),
    });
    expect(outsideList.statusCode).toBe(404);

    const staffWrite = await t.app.inject({
      method: 'POST',
      url: `/people/${priya()}/consents`,
      headers: as('staff'),
      payload: { consent_type: 'marketing', action: 'grant', purpose: 'Open days' },
    });
    expect(staffWrite.statusCode).toBe(403);
    const staffRevoke = await t.app.inject({
      method: 'GET',
      url: `/ai/pii/consent/revoke/${priya()}/phone_contact`,
      headers: as('staff'),
    });
    expect(staffRevoke.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: `/people/${priya()}/consents` });
    expect(anonymous.statusCode).toBe(401);
  });
});
