import { createTrainingJob, schema, seedDemoData, testDatabaseTargets } from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';
import { runTrainingJob, type TrainingRequest } from './training-job';

const SMALL_MODEL: TrainingRequest = {
  config: {
    model_type: 'logistic_regression',
    feature_selection: false,
    cross_validation_folds: 3,
    feature_config: { create_interaction_features: false, handle_missing_values: 'impute' },
    random_state: 3,
  },
  training_data_limit: 1500,
  save_model: true,
};

const URL = '/ai/advanced-ml/feature-analysis';

describe.each(testDatabaseTargets())('GET /ai/advanced-ml/feature-analysis on $label', (target) => {
  let t: TestApp;
  let managerCookie = '';
  let staffCookie = '';

  beforeAll(async () => {
    t = await openTestApp(target);
    await seedDemoData(t.database.db, { people: 800, seed: 5, asOf: TEST_NOW });
    managerCookie = await t.signIn({ email: 'analysis.manager@ivy.test', role: 'manager' });
    staffCookie = await t.signIn({ email: 'analysis.staff@ivy.test', role: 'staff' });
  });
  afterAll(() => t.close());

  it('answers 409 while no model is active, and 404 for a model that does not exist', async () => {
    const none = await t.app.inject({ method: 'GET', url: URL, headers: { cookie: managerCookie } });
    expect(none.statusCode).toBe(409);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().detail).toMatch(/No conversion model is active/);
    const unknown = await t.request({ method: 'GET', url: `${URL}?model_id=00000000-0000-4000-8000-000000000000` });
    expect(unknown.statusCode).toBe(404);
    const invalid = await t.request({ method: 'GET', url: `${URL}?model_id=nope` });
    expect(invalid.statusCode).toBe(400);
  });

  it('is for ai_analytics: staff may not look', async () => {
    const staff = await t.app.inject({ method: 'GET', url: URL, headers: { cookie: staffCookie } });
    expect(staff.statusCode).toBe(403);
  });

  it('describes the active model: importance largest first, its metrics, ROC curve and calibration', async () => {
    const job = await createTrainingJob(t.database.db, { config: SMALL_MODEL, requestedBy: null, now: TEST_NOW });
    await runTrainingJob(t.database, job.id, () => TEST_NOW);
    const [stored] = await t.database.db.select().from(schema.mlModels).where(eq(schema.mlModels.active, true));
    if (!stored) throw new Error('training registered no model');

    const response = await t.app.inject({ method: 'GET', url: URL, headers: { cookie: managerCookie } });
    expect(response.statusCode).toBe(200);
    const analysis = response.json();
    expect(analysis).toMatchObject({
      model_id: stored.id,
      algorithm: 'logistic_regression',
      trained_at: TEST_NOW.toISOString(),
      input_features: stored.input_features,
    });
    const metrics = stored.metrics as Record<string, number>;
    expect(analysis.metrics).toEqual({
      cv_roc_auc: metrics.cv_roc_auc,
      cv_roc_auc_std: metrics.cv_roc_auc_std,
      pr_auc: metrics.pr_auc,
      brier: metrics.brier,
      ece: metrics.ece,
      log_loss: metrics.log_loss,
      rows: metrics.rows,
      positives: metrics.positives,
      folds: 3,
    });

    const importance: { feature: string; importance: number }[] = analysis.feature_importance;
    expect(importance.map((entry) => entry.feature).sort()).toEqual([...stored.input_features].sort());
    for (let k = 1; k < importance.length; k++) {
      expect(importance[k]?.importance).toBeLessThanOrEqual(importance[k - 1]?.importance as number);
    }

    const roc: { fpr: number; tpr: number }[] = analysis.roc_curve;
    expect(roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    expect(roc.length).toBeLessThanOrEqual(100);
    let area = 0;
    for (let k = 1; k < roc.length; k++) {
      const [a, b] = [roc[k - 1], roc[k]] as [{ fpr: number; tpr: number }, { fpr: number; tpr: number }];
      expect(b.fpr).toBeGreaterThanOrEqual(a.fpr);
      expect(b.tpr).toBeGreaterThanOrEqual(a.tpr);
      area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2;
    }
    // The pooled out-of-fold curve's area is close to the mean of the per-fold AUCs, and well above chance.
    expect(area).toBeGreaterThan(0.6);
    expect(Math.abs(area - analysis.metrics.cv_roc_auc)).toBeLessThan(0.05);

    const bins: { predicted: number; observed: number; count: number }[] = analysis.calibration_curve;
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(analysis.metrics.rows);

    const byId = await t.request({ method: 'GET', url: `${URL}?model_id=${stored.id}` });
    expect(byId.json()).toEqual(analysis);
  });

  it('answers roc_curve null for a model stored before the curve was measured', async () => {
    const [active] = await t.database.db.select().from(schema.mlModels).where(eq(schema.mlModels.active, true));
    if (!active) throw new Error('no active model');
    const { roc_curve: _dropped, ...older } = active.metrics;
    const [copy] = await t.database.db
      .insert(schema.mlModels)
      .values({ ...active, id: undefined, active: false, activated_at: null, metrics: older })
      .returning({ id: schema.mlModels.id });
    const response = await t.request({ method: 'GET', url: `${URL}?model_id=${copy?.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ model_id: copy?.id, roc_curve: null });
    expect(response.json().calibration_curve.length).toBeGreaterThan(0);
  });
});
