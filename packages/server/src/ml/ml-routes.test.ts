import {
  createTrainingJob,
  failInterruptedTrainingJobs,
  schema,
  seedDemoData,
  startTrainingJob,
  testDatabaseTargets,
} from '@ivy/db';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';
import { queueFirstModel } from './first-model';
import { runTrainingJob, type TrainingRequest } from './training-job';

const SEED_BODY = {
  config: { model_type: 'gradient_boosting', feature_selection: true, cross_validation_folds: 3 },
  feature_config: { create_lag_features: true, create_interaction_features: true, handle_missing_values: 'impute' },
  training_data_limit: 4000,
  save_model: true,
};

describe.each(testDatabaseTargets())('/ai/advanced-ml on $label', (target) => {
  let t: TestApp;
  let staffCookie = '';

  beforeAll(async () => {
    t = await openTestApp(target);
    await seedDemoData(t.database.db, { people: 1500, seed: 21, asOf: TEST_NOW });
    staffCookie = await t.signIn({ email: 'ml.staff@ivy.test', role: 'staff' });
  });
  afterAll(() => t.close());

  it('says plainly that no model exists before one is trained', async () => {
    const response = await t.request({ method: 'GET', url: '/ai/advanced-ml/active' });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/No conversion model has been trained yet/);
    const health = await t.app.inject({
      method: 'GET',
      url: '/ai/advanced-ml/health',
      headers: { cookie: staffCookie },
    });
    expect(health.json()).toEqual({ status: 'no_model', active_model: null, training: null });
  });

  it('refuses an unknown model type by name, and staff may not train', async () => {
    const invalid = await t.request({
      method: 'POST',
      url: '/ai/advanced-ml/train',
      payload: { ...SEED_BODY, config: { model_type: 'neural_network' } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json())).toContain('body.config.model_type');
    const staff = await t.app.inject({
      method: 'POST',
      url: '/ai/advanced-ml/train',
      headers: { cookie: staffCookie },
      payload: SEED_BODY,
    });
    expect(staff.statusCode).toBe(403);
    expect(t.jobs.sent).toEqual([]);
  });

  it('queues the seed’s training request as a job, trains it, and registers the first model as active', async () => {
    const queued = await t.request({ method: 'POST', url: '/ai/advanced-ml/train', payload: SEED_BODY });
    expect(queued.statusCode).toBe(202);
    const job = queued.json();
    expect(job).toMatchObject({ status: 'queued', progress: 0, model_id: null });
    expect(t.jobs.sent).toEqual([{ name: 'ml-train', data: { job_id: job.id } }]);
    const training = (await t.request({ method: 'GET', url: '/ai/advanced-ml/health' })).json();
    expect(training).toMatchObject({ status: 'training', training: { job_id: job.id, status: 'queued' } });
    // A model is on its way: start-up does not queue another.
    expect(await queueFirstModel(t.database, t.jobs, TEST_NOW)).toBeNull();

    await runTrainingJob(t.database, job.id, () => TEST_NOW);

    const done = (await t.request({ method: 'GET', url: `/ai/advanced-ml/jobs/${job.id}` })).json();
    expect(done).toMatchObject({ status: 'completed', progress: 1, error: null });
    const active = await t.request({ method: 'GET', url: '/ai/advanced-ml/active', headers: { cookie: staffCookie } });
    expect(active.statusCode).toBe(200);
    const model = active.json();
    expect(model).toMatchObject({ id: done.model_id, algorithm: 'gradient_boosting', active: true, horizon_days: 365 });
    expect(model.metrics.cv_roc_auc).toBeGreaterThan(0.6);
    expect(model.row_count).toBeLessThanOrEqual(4000);
    expect(model).not.toHaveProperty('artifact');
    const health = (await t.request({ method: 'GET', url: '/ai/advanced-ml/health' })).json();
    expect(health).toMatchObject({ status: 'ready', active_model: { id: model.id }, training: null });
  });

  it('predicts open leads with a calibrated probability and an interval, and says which leads are decided', async () => {
    const open = await t.database.db
      .select({ id: schema.people.id })
      .from(schema.people)
      .where(inArray(schema.people.lifecycle_stage, ['enquirer', 'applicant']))
      .limit(5);
    const [enrolled] = await t.database.db
      .select({ id: schema.people.id })
      .from(schema.people)
      .where(eq(schema.people.lifecycle_stage, 'enrolled'))
      .limit(1);
    const ids = [...open.map((row) => row.id), enrolled?.id as string];
    const response = await t.request({ method: 'POST', url: '/ai/leads/predict-batch', payload: { lead_ids: ids } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const active = (await t.request({ method: 'GET', url: '/ai/advanced-ml/active' })).json();
    expect(body.model_id).toBe(active.id);
    expect(body.predictions.map((p: { lead_id: string }) => p.lead_id)).toEqual(ids);
    for (const prediction of body.predictions.slice(0, 5)) {
      expect(prediction.probability).toBeGreaterThanOrEqual(prediction.confidence_interval.lower);
      expect(prediction.probability).toBeLessThanOrEqual(prediction.confidence_interval.upper);
      expect(prediction.prediction).toBe(prediction.probability >= 0.5 ? 'will_convert' : 'will_not_convert');
      expect(prediction.top_drivers.length).toBeGreaterThan(0);
    }
    expect(body.predictions[5]).toMatchObject({ prediction: null, probability: null, stage: 'enrolled' });

    const withoutDrivers = await t.request({
      method: 'POST',
      url: '/ai/leads/predict-batch',
      payload: { lead_ids: ids, include_drivers: false },
    });
    const lean = withoutDrivers.json().predictions;
    expect(lean.map((p: { probability: number | null }) => p.probability)).toEqual(
      body.predictions.map((p: { probability: number | null }) => p.probability),
    );
    expect(lean.every((p: { top_drivers: unknown[] }) => p.top_drivers.length === 0)).toBe(true);
  });

  it('answers 404 for a lead outside the caller’s scope, and predicts nothing', async () => {
    const [lead] = await t.database.db.select({ id: schema.people.id }).from(schema.people).limit(1);
    const response = await t.app.inject({
      method: 'POST',
      url: '/ai/leads/predict-batch',
      headers: { cookie: staffCookie },
      payload: { lead_ids: [lead?.id] },
    });
    expect(response.statusCode).toBe(404);
  });

  it('fails a job that cannot train, with its reason, and registers nothing', async () => {
    const before = await t.database.db.select().from(schema.mlModels);
    const request: TrainingRequest = {
      config: {
        model_type: 'logistic_regression',
        feature_selection: false,
        cross_validation_folds: 3,
        feature_config: { create_interaction_features: true, handle_missing_values: 'impute' },
        random_state: 1,
      },
      training_data_limit: 10,
      save_model: true,
    };
    const job = await createTrainingJob(t.database.db, { config: request, requestedBy: null, now: TEST_NOW });
    await runTrainingJob(t.database, job.id, () => TEST_NOW);
    const failed = (await t.request({ method: 'GET', url: `/ai/advanced-ml/jobs/${job.id}` })).json();
    expect(failed).toMatchObject({ status: 'failed', model_id: null });
    expect(failed.error).toEqual(expect.any(String));
    expect(await t.database.db.select().from(schema.mlModels)).toHaveLength(before.length);
  });

  it('marks a job whose server died failed, leaving the registry as it was', async () => {
    const job = await createTrainingJob(t.database.db, { config: {}, requestedBy: null, now: TEST_NOW });
    await startTrainingJob(t.database.db, job.id, new Date(TEST_NOW.getTime() - 10 * 60_000));
    expect(await failInterruptedTrainingJobs(t.database.db, TEST_NOW)).toBe(1);
    const failed = (await t.request({ method: 'GET', url: `/ai/advanced-ml/jobs/${job.id}` })).json();
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/Interrupted/) });
  });

  it('lists models for managers and activates another one for admins, audited', async () => {
    const models = (await t.request({ method: 'GET', url: '/ai/advanced-ml/models' })).json().models;
    expect(models.length).toBeGreaterThan(0);
    const missing = await t.request({
      method: 'POST',
      url: '/ai/advanced-ml/activate',
      payload: { model_id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.statusCode).toBe(404);
    const activated = await t.request({
      method: 'POST',
      url: '/ai/advanced-ml/activate',
      payload: { model_id: models[0].id },
    });
    expect(activated.statusCode).toBe(200);
    expect(activated.json().active).toBe(true);
  });
});
