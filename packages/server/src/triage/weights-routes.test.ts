import { DEFAULT_FACTOR_WEIGHTS } from '@ivy/core';
import { seedDemoData, testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';

const WEIGHTS = { engagement: 4, recency: 2, source_quality: 2, contactability: 1, course_fit: 1 };

describe.each(testDatabaseTargets())('/ai/triage/weights on $label', (target) => {
  let t: TestApp;
  let staffCookie = '';

  beforeAll(async () => {
    t = await openTestApp(target);
    staffCookie = await t.signIn({ email: 'weights.staff@ivy.test', role: 'staff' });
  });
  afterAll(() => t.close());

  it('shows staff the active weights, starting from the defaults with no history', async () => {
    const response = await t.request({ method: 'GET', url: '/ai/triage/weights', headers: { cookie: staffCookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      active: { version: 1, weights: DEFAULT_FACTOR_WEIGHTS, reason: 'Default weights' },
      history: [],
    });
  });

  it('lets only system_config change them', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/ai/triage/weights',
      headers: { cookie: staffCookie },
      payload: { weights: WEIGHTS, reason: 'staff should not' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses an invalid weight by name and saves nothing', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/ai/triage/weights',
      payload: { weights: { ...WEIGHTS, recency: -1 }, reason: 'typo' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(response.json())).toContain('weights.recency');
    const current = await t.request({ method: 'GET', url: '/ai/triage/weights' });
    expect(current.json().active.version).toBe(1);
    expect(t.jobs.sent).toEqual([]);
  });

  it('adopts hand-set weights as shares, audits who and why, and queues a rescore', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/ai/triage/weights',
      payload: { weights: WEIGHTS, reason: 'Clearing: engagement matters most' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.active).toMatchObject({
      version: 2,
      weights: { engagement: 0.4, recency: 0.2, source_quality: 0.2, contactability: 0.1, course_fit: 0.1 },
      reason: 'Clearing: engagement matters most',
    });
    expect(body.history).toEqual([
      expect.objectContaining({
        decision: 'adopted',
        old_version: 1,
        new_version: 2,
        old_weights: DEFAULT_FACTOR_WEIGHTS,
        actor_label: 'test.admin@ivy.test',
        reason: 'Clearing: engagement matters most',
      }),
    ]);
    expect(t.jobs.sent).toEqual([{ name: 'triage-refresh', data: {} }]);
  });

  it('answers 409 when there are too few outcomes to optimise on', async () => {
    const response = await t.request({ method: 'POST', url: '/ai/triage/weights/optimize' });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/at least 30 enrolled/);
  });

  it('optimises on real outcomes and reports both held-out AUCs', async () => {
    await seedDemoData(t.database.db, { people: 2500, seed: 11, asOf: TEST_NOW });
    const response = await t.request({ method: 'POST', url: '/ai/triage/weights/optimize' });
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ old_version: 2, training_rows: expect.any(Number) });
    expect(report.auc_current).toBeGreaterThan(0.5);
    const history = (await t.request({ method: 'GET', url: '/ai/triage/weights' })).json().history;
    expect(history[0]).toMatchObject({
      decision: report.decision,
      details: { auc_current: report.auc_current, auc_proposed: report.auc_proposed },
    });
  });
});
