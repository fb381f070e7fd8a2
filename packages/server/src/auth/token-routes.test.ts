import { schema, testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app';

describe.each(testDatabaseTargets())('bearer tokens on $label', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(target);
  });
  afterAll(() => t.close());

  it('acts as its creator until revoked, and is stored only as a hash', async () => {
    const created = await t.request({ method: 'POST', url: '/auth/tokens', payload: { name: 'integration' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^ivy_token_/);

    const asToken = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asToken.json()).toMatchObject({ email: 'test.admin@ivy.test', role: 'admin' });

    const stored = await t.database.db.select({ hash: schema.apiTokens.token_hash }).from(schema.apiTokens);
    expect(JSON.stringify(stored)).not.toContain(token);
    const listed = await t.request({ method: 'GET', url: '/auth/tokens' });
    expect(listed.body).not.toContain(token);
    expect(listed.json().items[0]).toMatchObject({ id, name: 'integration', revoked_at: null });

    expect((await t.request({ method: 'DELETE', url: `/auth/tokens/${id}` })).statusCode).toBe(204);
    const afterRevoke = await t.app.inject({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(afterRevoke.statusCode).toBe(401);
    expect((await t.request({ method: 'DELETE', url: `/auth/tokens/${id}` })).statusCode).toBe(404);
  });

  it('refuses an unknown bearer token even alongside a valid session', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/auth/me',
      headers: { authorization: 'Bearer ivy_token_forged' },
    });
    expect(response.statusCode).toBe(401);
  });
});
