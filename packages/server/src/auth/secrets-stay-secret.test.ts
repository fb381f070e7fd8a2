import { Writable } from 'node:stream';
import { testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app';
import { SESSION_COOKIE } from './guard';

const [pglite] = testDatabaseTargets();

/** Passwords, session cookies and bearer tokens pass through many routes; none may reach a log line or a body. */
describe('secrets in logs and responses', () => {
  let t: TestApp;
  const logLines: string[] = [];
  const secrets: string[] = [TEST_PASSWORD];
  const bodies: string[] = [];

  beforeAll(async () => {
    if (!pglite) throw new Error('no PGlite target');
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    t = await openTestApp(pglite, { logger: { level: 'trace', stream } });
  });
  afterAll(() => t.close());

  it('never writes a password, cookie or token to the log or echoes one back', async () => {
    const record = async <R extends { body: string }>(response: R) => {
      bodies.push(response.body);
      return response;
    };
    const newPassword = 'a much longer new password 42';
    const userPassword = 'created user password 1234';
    secrets.push(newPassword, userPassword, 'wrong password guess');

    const cookie = await t.signIn({ email: 'leaky@ivy.test', role: 'admin' });
    secrets.push(cookie.slice(SESSION_COOKIE.length + 1));
    const login = await record(
      await t.app.inject({
        method: 'POST',
        url: '/ai/users/authenticate',
        payload: { username: 'leaky@ivy.test', password: TEST_PASSWORD },
      }),
    );
    const sessionCookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    if (!sessionCookie) throw new Error('no session cookie');
    secrets.push(sessionCookie);

    const token = (
      await record(
        await t.app.inject({ method: 'POST', url: '/auth/tokens', headers: { cookie }, payload: { name: 'ci' } }),
      )
    ).json().token as string;
    await record(await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } }));
    await record(
      await t.app.inject({
        method: 'POST',
        url: '/ai/users/create',
        headers: { cookie },
        payload: { email: 'new@ivy.test', full_name: 'New Person', role: 'staff', password: userPassword },
      }),
    );
    await record(
      await t.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: 'leaky@ivy.test', password: 'wrong password guess' },
      }),
    );
    await record(
      await t.app.inject({
        method: 'POST',
        url: '/auth/password',
        headers: { cookie },
        payload: { current_password: TEST_PASSWORD, new_password: newPassword },
      }),
    );
    await record(
      await t.app.inject({
        method: 'POST',
        url: '/auth/password',
        headers: { cookie },
        payload: { current_password: 'wrong password guess', new_password: 'short' },
      }),
    );
    await record(await t.request({ method: 'GET', url: '/ai/users/audit/logs?limit=200' }));

    expect(logLines.length).toBeGreaterThan(10);
    const log = logLines.join('');
    const body = bodies.join('\n');
    for (const secret of secrets) {
      expect(log).not.toContain(secret);
      expect(body).not.toContain(secret);
    }
  });
});
