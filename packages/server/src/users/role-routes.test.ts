import { testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app';

const [pglite] = testDatabaseTargets();

describe('role and permission endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    if (!pglite) throw new Error('no PGlite target');
    t = await openTestApp(pglite);
  });
  afterAll(() => t.close());

  it('gives 2/7/12/18/19 permissions for student/staff/manager/admin/super_admin', async () => {
    const counts: Record<string, number> = {};
    for (const role of ['student', 'staff', 'manager', 'admin', 'super_admin']) {
      const response = await t.request({ method: 'GET', url: `/ai/users/roles/${role}/permissions` });
      expect(response.statusCode).toBe(200);
      counts[role] = response.json().permissions.length;
    }
    expect(counts).toEqual({ student: 2, staff: 7, manager: 12, admin: 18, super_admin: 19 });
  });

  it('lists the roles and the 19 permissions, and rejects an unknown role', async () => {
    const roles = (await t.request({ method: 'GET', url: '/ai/users/roles' })).json().roles;
    expect(roles.map((r: { role: string; data_scope: string }) => `${r.role}:${r.data_scope}`)).toEqual([
      'student:own',
      'staff:team',
      'manager:department',
      'admin:all',
      'super_admin:system',
    ]);
    expect((await t.request({ method: 'GET', url: '/ai/users/permissions' })).json().total).toBe(19);
    const unknown = await t.request({ method: 'GET', url: '/ai/users/roles/dean/permissions' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('params.role');
  });
});

describe('permission and resource checks for a user', () => {
  let t: TestApp;
  beforeAll(async () => {
    if (!pglite) throw new Error('no PGlite target');
    t = await openTestApp(pglite);
    await t.signIn({ email: 'officer@ivy.test', role: 'staff' });
  });
  afterAll(() => t.close());

  it('answers from the user’s role', async () => {
    const scoring = await t.request({
      method: 'POST',
      url: '/ai/users/permissions/check',
      payload: { username: 'officer@ivy.test', permission: 'ai_lead_scoring' },
    });
    expect(scoring.json()).toMatchObject({ role: 'staff', granted: true });
    const training = await t.request({
      method: 'POST',
      url: '/ai/users/permissions/check',
      payload: { username: 'officer@ivy.test', permission: 'ai_model_training' },
    });
    expect(training.json().granted).toBe(false);
    const reach = await t.request({
      method: 'POST',
      url: '/ai/users/resources/access',
      payload: { username: 'officer@ivy.test', resource_type: 'lead_data', operation: 'department' },
    });
    expect(reach.json().granted).toBe(false);
    const permissions = await t.request({ method: 'GET', url: '/ai/users/permissions/officer@ivy.test' });
    expect(permissions.json()).toMatchObject({ username: 'officer@ivy.test', data_scope: 'team', permission_count: 7 });
    const unknown = await t.request({ method: 'GET', url: '/ai/users/permissions/nobody@ivy.test' });
    expect(unknown.statusCode).toBe(404);
  });
});
