import { testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/guard';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('/ai/users/authenticate and /ai/users/system/health on $label', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(target);
  });
  afterAll(() => t.close());

  const authenticate = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/ai/users/authenticate', payload: { username, password } });

  it('authenticates with the seed’s username/password body and starts a session', async () => {
    await t.signIn({ email: 'casey@ivy.test', role: 'manager' });
    const response = await authenticate('casey@ivy.test', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      authenticated: true,
      user: { username: 'casey@ivy.test', role: 'manager', is_active: true },
    });
    const session = response.cookies.find((c) => c.name === SESSION_COOKIE);
    const me = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { cookie: `${SESSION_COOKIE}=${session?.value}` },
    });
    expect(me.json().email).toBe('casey@ivy.test');
  });

  it('refuses a wrong password like /auth/login and counts toward the same lockout', async () => {
    await t.signIn({ email: 'robin@ivy.test', role: 'staff' });
    const wrong = await authenticate('robin@ivy.test', 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('E-mail or password is incorrect');
    for (let i = 0; i < 4; i++)
      await t.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'robin@ivy.test', password: 'x' } });
    expect((await authenticate('robin@ivy.test', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('reports live identity figures to an admin', async () => {
    const response = await t.request({ method: 'GET', url: '/ai/users/system/health' });
    expect(response.statusCode).toBe(200);
    const health = response.json();
    // The test admin, casey and robin exist; robin is locked out by the previous test.
    expect(health).toMatchObject({
      status: 'healthy',
      database: { reachable: true },
      users: { total: 3, active: 3, active_by_role: { admin: 1, manager: 1, staff: 1, student: 0 } },
      sign_in: { failures_24h: 6, locked_accounts: 1 },
    });
    expect(health.active_sessions).toBe(4);
    expect(health.sign_in.attempts_24h).toBe(health.sign_in.failures_24h + 4);
    expect(health.audit.entries_24h).toBeGreaterThan(0);
  });

  it('is refused to a manager, who lacks system_health', async () => {
    const cookie = await t.signIn({ email: 'mgr@ivy.test', role: 'manager' });
    const response = await t.app.inject({ method: 'GET', url: '/ai/users/system/health', headers: { cookie } });
    expect(response.statusCode).toBe(403);
  });
});
