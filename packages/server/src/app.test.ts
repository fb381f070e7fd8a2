import { testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './testing/test-app';

const [pglite] = testDatabaseTargets();

describe('app', () => {
  let t: TestApp;
  beforeAll(async () => {
    if (!pglite) throw new Error('no PGlite target');
    t = await openTestApp(pglite);
  });
  afterAll(() => t.close());

  it('reports health with the database kind and applied migrations', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      database: { kind: 'pglite', reachable: true, migrations: { latest: expect.stringMatching(/^\d{4}_/) } },
    });
  });

  it('publishes an OpenAPI 3.1 document describing the CRM routes and their errors', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    for (const path of [
      '/people/leads',
      '/people/{id}',
      '/people',
      '/people/{id}/events',
      '/courses',
      '/campuses',
      '/health',
    ]) {
      expect(document.paths, path).toHaveProperty([path]);
    }
    expect(document.paths['/people'].post.responses).toHaveProperty('409');
    const stageParameter = document.paths['/people/leads'].get.parameters.find(
      (p: { name: string }) => p.name === 'sort',
    );
    expect(stageParameter.schema.enum).toContain('-created_at');
  });

  it('serves the API documentation page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown API path with a problem+json 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toContain('/nowhere');
  });

  it('rejects a malformed JSON body with a problem+json 400', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});

describe('app with a failed database', () => {
  it('answers a problem+json 500 without internals, and a 503 health', async () => {
    if (!pglite) throw new Error('no PGlite target');
    const t = await openTestApp(pglite);
    await t.database.close();
    const response = await t.request({ method: 'GET', url: '/people/leads' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).not.toMatch(/pglite|closed|\.ts/i);
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    await t.app.close();
  });
});
