import { schema, testDatabaseTargets } from '@ivy/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { openTestApp, recordingJobQueue, TEST_PASSWORD, type TestApp } from '../testing/test-app';
import { access } from './access';

describe.each(testDatabaseTargets())('sign-in on $label', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(target);
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });

  it('signs in with an httpOnly cookie, describes the user, and signs out for good', async () => {
    const cookie = await t.signIn({ email: 'morgan@ivy.test', role: 'manager' });
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email: 'morgan@ivy.test', role: 'manager', data_scope: 'department' });
    expect(me.json().permissions).toHaveLength(12);

    const response = await login('MORGAN@ivy.test ', TEST_PASSWORD);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(response.body).not.toContain('ivy_session_');

    const logout = await t.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a wrong password and an unknown account alike', async () => {
    await t.signIn({ email: 'sam@ivy.test', role: 'staff' });
    const wrong = await login('sam@ivy.test', 'not the password');
    const unknown = await login('nobody@ivy.test', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('locks an account after five failures, even for the right password, and audits it', async () => {
    await t.signIn({ email: 'locked@ivy.test', role: 'staff' });
    for (let i = 0; i < 5; i++) expect((await login('locked@ivy.test', `guess ${i}`)).statusCode).toBe(401);
    const sixth = await login('locked@ivy.test', TEST_PASSWORD);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().detail).toMatch(/Too many failed sign-in attempts\. Try again after \d\d:\d\d UTC/);
    const rows = await t.database.db
      .select({ outcome: schema.auditLog.outcome, details: schema.auditLog.details })
      .from(schema.auditLog)
      .where(
        sql`${schema.auditLog.action} = 'auth.login' and ${schema.auditLog.details}->>'email' = 'locked@ivy.test'`,
      );
    expect(rows.filter((row) => row.outcome === 'failure')).toHaveLength(5);
    expect(rows.filter((row) => row.outcome === 'denied')).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
  });

  it('refuses anonymous callers with 401 and records the denial', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/people/leads' });
    expect(response.statusCode).toBe(401);
    const [denial] = await t.database.db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(sql`${schema.auditLog.outcome} = 'denied' and ${schema.auditLog.action} = 'GET /people/leads'`);
    expect(denial).toBeDefined();
  });
});

describe('route access declarations', () => {
  it('refuses to start with a route that declares no access rule', async () => {
    const [pglite] = testDatabaseTargets();
    if (!pglite) throw new Error('no PGlite target');
    const database = await pglite.open();
    const app = await buildApp({ database, config: loadConfig({}), jobs: recordingJobQueue() });
    expect(() => app.get('/undeclared', async () => 'reachable by omission')).toThrow(/declares no access rule/);
    expect(() => app.get('/declared', { config: { access: access.signedIn() } }, async () => 'ok')).not.toThrow();
    await app.close();
    await database.close();
  });
});

describe.each(testDatabaseTargets())('password change on $label', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(target);
  });
  afterAll(() => t.close());

  it('needs the current password, then signs out other sessions and accepts only the new one', async () => {
    const cookie = await t.signIn({ email: 'changer@ivy.test', role: 'staff' });
    const other = (
      await t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'changer@ivy.test', password: TEST_PASSWORD },
      })
    ).cookies.find((c) => c.name === 'ivy_session');
    const change = (body: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/auth/password', headers: { cookie }, payload: body });

    const wrong = await change({ current_password: 'nope', new_password: 'a brand new passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('body.current_password');
    expect((await change({ current_password: TEST_PASSWORD, new_password: 'short' })).statusCode).toBe(400);

    expect((await change({ current_password: TEST_PASSWORD, new_password: 'a brand new passphrase' })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ method: 'GET', url: '/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const otherSession = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { cookie: `ivy_session=${other?.value}` },
    });
    expect(otherSession.statusCode).toBe(401);
    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'changer@ivy.test', password: TEST_PASSWORD },
    });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'changer@ivy.test', password: 'a brand new passphrase' },
    });
    expect(newPassword.statusCode).toBe(200);
  });
});
