import { schema, testDatabaseTargets } from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowed } from '../auth/access';
import { openTestApp, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('data scopes on $label', (target) => {
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
    const [musicA, musicB, businessA] = await db
      .insert(schema.teams)
      .values([
        { name: 'Music A', department_id: music.id },
        { name: 'Music B', department_id: music.id },
        { name: 'Business A', department_id: business.id },
      ])
      .returning();
    if (!musicA || !musicB || !businessA) throw new Error('teams');
    cookies.staff = await t.signIn({ email: 'staff@ivy.test', role: 'staff', team_id: musicA.id });
    cookies.manager = await t.signIn({ email: 'manager@ivy.test', role: 'manager', team_id: musicB.id });
    const [staff] = await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, 'staff@ivy.test'));
    const people = await db
      .insert(schema.people)
      .values([
        { email: 'own@x.ac.uk', owner_id: staff?.id, team_id: businessA.id },
        { email: 'team@x.ac.uk', team_id: musicA.id },
        { email: 'department@x.ac.uk', team_id: musicB.id },
        { email: 'elsewhere@x.ac.uk', team_id: businessA.id },
      ])
      .returning({ id: schema.people.id, email: schema.people.email });
    for (const person of people) ids[person.email?.split('@')[0] ?? ''] = person.id;
    cookies.student = await t.signIn({ email: 'student@ivy.test', role: 'student', person_id: ids.team });
  });
  afterAll(() => t.close());

  async function visibleEmails(cookie: string | undefined) {
    const response = await t.app.inject({ method: 'GET', url: '/people/leads?sort=name', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    return response
      .json()
      .items.map((item: { email: string }) => item.email.split('@')[0])
      .sort();
  }

  it('shows staff their own and their team’s leads', async () => {
    expect(await visibleEmails(cookies.staff)).toEqual(['own', 'team']);
  });

  it('shows a manager the department’s teams', async () => {
    expect(await visibleEmails(cookies.manager)).toEqual(['department', 'team']);
  });

  it('shows a student only their own record', async () => {
    expect(await visibleEmails(cookies.student)).toEqual(['team']);
  });

  it('shows an admin everyone', async () => {
    const response = await t.request({ method: 'GET', url: '/people/leads' });
    expect(response.json().total).toBe(4);
  });

  it('answers 404 for a record outside the scope, on read and on write', async () => {
    const read = await t.app.inject({
      method: 'GET',
      url: `/people/${ids.elsewhere}`,
      headers: { cookie: cookies.staff },
    });
    expect(read.statusCode).toBe(404);
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/people/${ids.elsewhere}`,
      headers: { cookie: cookies.staff },
      payload: { first_name: 'Changed' },
    });
    expect(write.statusCode).toBe(404);
    const event = await t.app.inject({
      method: 'POST',
      url: `/people/${ids.department}/events`,
      headers: { cookie: cookies.staff },
      payload: { type: 'call' },
    });
    expect(event.statusCode).toBe(404);
    const inScope = await t.app.inject({
      method: 'GET',
      url: `/people/${ids.team}`,
      headers: { cookie: cookies.staff },
    });
    expect(inScope.statusCode).toBe(200);
  });

  it('answers every /people/:id route with 404 exactly when the record is outside the caller’s scope', async () => {
    // A body each route accepts, so validation cannot answer before the scope check does.
    const payloads: Record<string, object | undefined> = {
      'GET /people/:id': undefined,
      'PATCH /people/:id': { campaign: 'Scope matrix' },
      'POST /people/:id/events': { type: 'call' },
      'GET /people/:id/export': undefined,
      // Unconfirmed, so nothing is erased: 400 in scope, 404 outside it.
      'POST /people/:id/erase': { reason: 'Scope matrix check', confirm: 'no' },
      'GET /people/:id/consents': undefined,
      'POST /people/:id/consents': {
        consent_type: 'marketing',
        action: 'refuse',
        purpose: 'Scope matrix check',
        source: 'staff',
      },
    };
    const visibleTo: Record<string, string[]> = {
      staff: ['own', 'team'],
      manager: ['team', 'department'],
      student: ['team'],
      admin: ['own', 'team', 'department', 'elsewhere'],
    };
    const routes = t.app.guardedRoutes().filter((route) => route.url.startsWith('/people/:id'));
    expect(routes.length).toBeGreaterThanOrEqual(3);
    const mismatches: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      expect(Object.keys(payloads), `add a valid payload for ${key}`).toContain(key);
      for (const [role, visible] of Object.entries(visibleTo)) {
        const principal = { role } as Parameters<typeof isAllowed>[1];
        for (const relation of ['own', 'team', 'department', 'elsewhere']) {
          const request = {
            method: route.method as 'GET',
            url: route.url.replace(':id', ids[relation] ?? ''),
            payload: payloads[key],
          };
          const response =
            role === 'admin'
              ? await t.request(request)
              : await t.app.inject({ ...request, headers: { cookie: cookies[role] } });
          const expected = !isAllowed(route.access, principal) ? 403 : visible.includes(relation) ? 'found' : 404;
          const actual = response.statusCode === 404 || response.statusCode === 403 ? response.statusCode : 'found';
          if (actual !== expected) mismatches.push(`${key} as ${role} on ${relation}: ${response.statusCode}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('forbids a student from changing records and staff from importing', async () => {
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/people/${ids.team}`,
      headers: { cookie: cookies.student },
      payload: { first_name: 'Me' },
    });
    expect(patch.statusCode).toBe(403);
    const importAttempt = await t.app.inject({
      method: 'POST',
      url: '/people/import',
      headers: { cookie: cookies.staff },
    });
    expect(importAttempt.statusCode).toBe(403);
  });
});
