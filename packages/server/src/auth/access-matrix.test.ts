import { ROLES, type Role } from '@ivy/core';
import { testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCatalogue, openTestApp, type TestApp } from '../testing/test-app';
import { isAllowed } from './access';

const [pglite] = testDatabaseTargets();

/**
 * Every route behind the guard × every role (and anonymous): a caller the route's rule refuses gets 401/403, and a
 * caller it admits never does. Routes added later join the matrix automatically.
 */
describe('authorisation matrix', () => {
  let t: TestApp;
  const cookies = new Map<Role, string>();
  let personId = '';

  beforeAll(async () => {
    if (!pglite) throw new Error('no PGlite target');
    t = await openTestApp(pglite);
    const { team } = await insertCatalogue(t.database);
    for (const role of ROLES)
      cookies.set(role, await t.signIn({ email: `${role}@matrix.test`, role, team_id: team.id }));
    personId = (await t.request({ method: 'POST', url: '/people', payload: { email: 'matrix@x.ac.uk' } })).json().id;
  });
  afterAll(() => t.close());

  it('covers the CRM and auth routes', () => {
    const routes = t.app.guardedRoutes().map((route) => `${route.method} ${route.url}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /people/leads',
        'GET /people/:id',
        'POST /people',
        'PATCH /people/:id',
        'POST /people/import',
        'POST /auth/login',
        'GET /health',
      ]),
    );
  });

  it('admits exactly the callers each route’s rule allows', async () => {
    const mismatches: string[] = [];
    for (const route of t.app.guardedRoutes()) {
      // Logging out would end the session the next rows need.
      if (route.url === '/auth/logout') continue;
      const url = route.url.replace(':id', personId);
      for (const role of [null, ...ROLES]) {
        const cookie = role ? cookies.get(role) : undefined;
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: cookie ? { cookie } : {},
          payload: route.method === 'GET' ? undefined : {},
        });
        const refused = response.statusCode === 401 || response.statusCode === 403;
        const principal = role ? ({ role } as Parameters<typeof isAllowed>[1]) : null;
        const expectedRefusal = !isAllowed(route.access, principal);
        if (refused !== expectedRefusal)
          mismatches.push(`${route.method} ${route.url} as ${role ?? 'anonymous'}: ${response.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
