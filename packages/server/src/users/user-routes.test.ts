import { testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('user management on $label', (target) => {
  let t: TestApp;
  let managerCookie = '';
  beforeAll(async () => {
    t = await openTestApp(target);
    managerCookie = await t.signIn({ email: 'manager@ivy.test', role: 'manager' });
  });
  afterAll(() => t.close());

  const newUser = {
    email: 'new.officer@ivy.test',
    full_name: 'New Officer',
    role: 'staff',
    password: 'a long enough password',
  };

  it('creates a user who can sign in, lists and finds them, and refuses a duplicate', async () => {
    const created = await t.request({ method: 'POST', url: '/ai/users/create', payload: newUser });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'new.officer@ivy.test', role: 'staff', is_active: true });
    expect(created.body).not.toContain('a long enough password');
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: newUser.email, password: newUser.password },
    });
    expect(login.statusCode).toBe(200);

    const list = (await t.request({ method: 'GET', url: '/ai/users/list?role=staff&q=officer' })).json();
    expect(list.users.map((u: { email: string }) => u.email)).toEqual(['new.officer@ivy.test']);
    expect((await t.request({ method: 'GET', url: '/ai/users/NEW.officer@ivy.test' })).json().full_name).toBe(
      'New Officer',
    );

    const duplicate = await t.request({ method: 'POST', url: '/ai/users/create', payload: newUser });
    expect(duplicate.statusCode).toBe(409);
  });

  it('lets a manager update a user but not change a role, and refuses creation', async () => {
    const rename = await t.app.inject({
      method: 'PUT',
      url: '/ai/users/new.officer@ivy.test',
      headers: { cookie: managerCookie },
      payload: { full_name: 'Renamed Officer' },
    });
    expect(rename.json().full_name).toBe('Renamed Officer');
    const promote = await t.app.inject({
      method: 'PUT',
      url: '/ai/users/new.officer@ivy.test',
      headers: { cookie: managerCookie },
      payload: { role: 'admin' },
    });
    expect(promote.statusCode).toBe(403);
    const create = await t.app.inject({
      method: 'POST',
      url: '/ai/users/create',
      headers: { cookie: managerCookie },
      payload: newUser,
    });
    expect(create.statusCode).toBe(403);
  });

  it('keeps the super admin role for super admins', async () => {
    const grant = await t.request({
      method: 'PUT',
      url: '/ai/users/new.officer@ivy.test',
      payload: { role: 'super_admin' },
    });
    expect(grant.statusCode).toBe(403);
  });

  it('deactivates a user, who then cannot sign in, but not yourself', async () => {
    const deactivated = await t.request({ method: 'DELETE', url: '/ai/users/new.officer@ivy.test' });
    expect(deactivated.json().is_active).toBe(false);
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: newUser.email, password: newUser.password },
    });
    expect(login.statusCode).toBe(401);
    const self = await t.request({ method: 'DELETE', url: '/ai/users/test.admin@ivy.test' });
    expect(self.statusCode).toBe(400);
  });

  it('shows every step in the audit log, newest first, with filters and a cursor', async () => {
    const page = (await t.request({ method: 'GET', url: '/ai/users/audit/logs?action=user.&limit=2' })).json();
    expect(page.logs.map((l: { action: string }) => l.action)).toEqual(['user.deactivate', 'user.update']);
    const next = (
      await t.request({ method: 'GET', url: `/ai/users/audit/logs?action=user.&limit=2&cursor=${page.next_cursor}` })
    ).json();
    expect(next.logs.map((l: { action: string }) => l.action)).toContain('user.create');
    const denied = (await t.request({ method: 'GET', url: '/ai/users/audit/logs?outcome=denied' })).json();
    expect(denied.logs.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify([page, next, denied])).not.toContain(TEST_PASSWORD);
    expect(JSON.stringify([page, next, denied])).not.toContain('a long enough password');
  });
});
