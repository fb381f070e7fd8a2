import { trainingConfigSchema } from '@ivy/core';
import { createTrainingJob, schema, seedDemoData, testDatabaseTargets } from '@ivy/db';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_NOW, type TestApp } from '../testing/test-app';
import { runTrainingJob, type TrainingRequest } from './training-job';

/** The seed's live example for POST /ai/ml-models/forecast (phase 2.4). */
const SEED_FORECAST = {
  lead_id: 'lead_123',
  lead_features: {
    email: 'test@example.com',
    phone: '+1 555-123-4567',
    source: 'organic_search',
    course_declared: 'Computer Science',
    engagement_data: { email_opens: 8, email_clicks: 3, events_attended: 1, portal_logins: 2, web_visits: 6 },
  },
  include_confidence_intervals: true,
  include_cohort_analysis: true,
  forecast_horizon_days: 90,
};

describe.each(testDatabaseTargets())('/ai/ml-models forecasts on $label', (target) => {
  let t: TestApp;
  let staffCookie = '';
  let modelId = '';

  beforeAll(async () => {
    t = await openTestApp(target);
    await seedDemoData(t.database.db, { people: 1500, seed: 21, asOf: TEST_NOW });
    staffCookie = await t.signIn({ email: 'forecast.staff@ivy.test', role: 'staff' });
  });
  afterAll(() => t.close());

  it('says there is no model rather than inventing a forecast', async () => {
    const response = await t.request({ method: 'POST', url: '/ai/ml-models/forecast', payload: SEED_FORECAST });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/No conversion model is active yet/);
    const health = await t.request({ method: 'GET', url: '/ai/ml-models/health' });
    expect(health.json()).toMatchObject({ status: 'no_model', components: { conversion_model: { model_id: null } } });
  });

  it('answers the seed’s curl example with every field of its sample response', async () => {
    const job = await createTrainingJob(t.database.db, {
      config: {
        config: trainingConfigSchema.parse({ model_type: 'gradient_boosting', cross_validation_folds: 3 }),
        training_data_limit: 4000,
        save_model: true,
      } satisfies TrainingRequest,
      requestedBy: null,
      now: TEST_NOW,
    });
    await runTrainingJob(t.database, job.id, () => TEST_NOW);
    const [trained] = await t.database.db
      .select({ id: schema.mlModels.id })
      .from(schema.mlModels)
      .where(eq(schema.mlModels.active, true));
    modelId = trained?.id ?? '';

    const response = await t.request({ method: 'POST', url: '/ai/ml-models/forecast', payload: SEED_FORECAST });
    expect(response.statusCode).toBe(200);
    const forecast = response.json();
    for (const field of [
      'lead_id',
      'conversion_probability',
      'confidence_interval',
      'eta_days',
      'cohort_performance',
      'feature_importance',
      'model_confidence',
      'seasonal_factors',
      'generated_at',
    ]) {
      expect(forecast[field], field).not.toBeUndefined();
    }
    expect(forecast).toMatchObject({ lead_id: 'lead_123', model_id: modelId, horizon_days: 90 });
    const { conversion_probability: p, probability_within_model_horizon: p365, confidence_interval: ci } = forecast;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(p365);
    expect(ci.lower).toBeLessThanOrEqual(p);
    expect(ci.upper).toBeGreaterThanOrEqual(p);
    expect(forecast.eta_days).toBeGreaterThanOrEqual(0);
    expect(forecast.cohort_performance.cohort_size).toBeGreaterThanOrEqual(30);
    expect(forecast.cohort_performance.cohort).toMatch(/^organic_search/);
    expect(Object.keys(forecast.feature_importance).length).toBeGreaterThan(0);
    expect(forecast.seasonal_factors.next_peak_month).toBeGreaterThanOrEqual(1);
    expect(forecast.seasonal_factors.next_peak_month).toBeLessThanOrEqual(12);
    expect(forecast.ignored_fields).toEqual([]);
  });

  it('narrows the probability to the horizon asked for: never more likely sooner', async () => {
    const at = async (days: number) =>
      (
        await t.request({
          method: 'POST',
          url: '/ai/ml-models/forecast',
          payload: { ...SEED_FORECAST, forecast_horizon_days: days },
        })
      ).json().conversion_probability as number;
    const [d30, d90, d365] = [await at(30), await at(90), await at(365)];
    expect(d30).toBeLessThanOrEqual(d90);
    expect(d90).toBeLessThanOrEqual(d365);
    expect(d30).toBeLessThan(d365);
  });

  it('answers more engagement with a higher probability, other things equal', async () => {
    const quiet = await t.request({
      method: 'POST',
      url: '/ai/ml-models/forecast',
      payload: { ...SEED_FORECAST, lead_features: { ...SEED_FORECAST.lead_features, engagement_data: {} } },
    });
    const busy = await t.request({
      method: 'POST',
      url: '/ai/ml-models/forecast',
      payload: {
        ...SEED_FORECAST,
        lead_features: {
          ...SEED_FORECAST.lead_features,
          stage: 'offer',
          engagement_data: { email_opens: 20, email_clicks: 10, events_attended: 3, portal_logins: 15, web_visits: 30 },
          last_activity_at: '2026-11-22T10:00:00Z',
        },
      },
    });
    expect(busy.json().probability_within_model_horizon).toBeGreaterThan(quiet.json().probability_within_model_horizon);
  });

  it('forecasts a stored lead in scope, and keeps the forecast with its model id', async () => {
    const [lead] = await t.database.db
      .select({ id: schema.people.id })
      .from(schema.people)
      .where(inArray(schema.people.lifecycle_stage, ['enquirer', 'applicant']))
      .limit(1);
    const id = lead?.id as string;
    const response = await t.request({ method: 'POST', url: '/ai/ml-models/forecast', payload: { lead_id: id } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ lead_id: id, model_id: modelId });
    const stored = await t.database.db
      .select()
      .from(schema.mlPredictions)
      .where(eq(schema.mlPredictions.person_id, id));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      model_id: modelId,
      probability: response.json().conversion_probability,
      horizon_days: 90,
    });
  });

  it('refuses leads out of scope, decided leads and non-ids plainly', async () => {
    const [decided] = await t.database.db
      .select({ id: schema.people.id })
      .from(schema.people)
      .where(eq(schema.people.lifecycle_stage, 'enrolled'))
      .limit(1);
    const enrolled = await t.request({
      method: 'POST',
      url: '/ai/ml-models/forecast',
      payload: { lead_id: decided?.id },
    });
    expect(enrolled.statusCode).toBe(409);
    expect(enrolled.json().detail).toMatch(/already enrolled/);

    const hidden = await t.app.inject({
      method: 'POST',
      url: '/ai/ml-models/forecast',
      headers: { cookie: staffCookie },
      payload: { lead_id: decided?.id },
    });
    expect(hidden.statusCode).toBe(404);

    const label = await t.request({ method: 'POST', url: '/ai/ml-models/forecast', payload: { lead_id: 'lead_123' } });
    expect(label.statusCode).toBe(400);
    expect(JSON.stringify(label.json())).toContain('body.lead_id');

    const source = await t.request({
      method: 'POST',
      url: '/ai/ml-models/forecast',
      payload: { lead_features: { source: 'carrier_pigeon' } },
    });
    expect(source.statusCode).toBe(400);
    expect(source.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(source.json())).toContain('lead_features.source');
  });

  it('predicts the seed’s lead_data example, listing the fields the model does not use', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/ai/advanced-ml/predict',
      payload: {
        lead_data: {
          lead_score: 85,
          created_at: '2026-10-25T20:54:54.847757+00:00',
          source: 'UCAS',
          engagement_level: 'high',
        },
      },
    });
    expect(response.statusCode).toBe(200);
    const prediction = response.json();
    expect(prediction).toMatchObject({ model_id: modelId, ignored_fields: ['lead_score', 'engagement_level'] });
    expect(prediction.probability).toBeGreaterThan(0);
    expect(prediction.probability).toBeLessThan(1);
    const unknown = await t.request({
      method: 'POST',
      url: '/ai/advanced-ml/predict',
      payload: { lead_data: {}, model_id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('reports what forecasts rest on', async () => {
    const health = (await t.request({ method: 'GET', url: '/ai/ml-models/health' })).json();
    expect(health.status).toBe('ready');
    expect(health.components.conversion_model.model_id).toBe(modelId);
    expect(health.components.timing.enrolments).toBeGreaterThan(0);
  });

  it('analyses cohorts with their conversion and the model’s expected enrolments, in the caller’s scope', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/ai/ml-models/cohort-analysis',
      payload: { group_by: 'source', min_cohort_size: 5 },
    });
    expect(response.statusCode).toBe(200);
    const analysis = response.json();
    expect(analysis.model_id).toBe(modelId);
    const people = await t.database.db.select({ stage: schema.people.lifecycle_stage }).from(schema.people);
    const total = (stage: string) => people.filter((p) => p.stage === stage).length;
    type Cohort = {
      size: number;
      enrolled: number;
      open: number;
      expected_enrolments: number;
      conversion_rate: number;
    };
    const cohorts: Cohort[] = analysis.cohorts;
    expect(analysis.suppressed).toBe(0);
    expect(cohorts.reduce((sum, c) => sum + c.size, 0)).toBe(people.length);
    expect(cohorts.reduce((sum, c) => sum + c.enrolled, 0)).toBe(total('enrolled'));
    for (const cohort of cohorts) {
      expect(cohort.expected_enrolments).toBeGreaterThanOrEqual(0);
      expect(cohort.expected_enrolments).toBeLessThanOrEqual(cohort.open);
    }
    expect(analysis.overall_conversion_rate).toBeCloseTo(total('enrolled') / (total('enrolled') + total('lost')));

    const course = await t.request({
      method: 'POST',
      url: '/ai/ml-models/cohort-analysis',
      payload: { group_by: 'course', min_cohort_size: 1000 },
    });
    expect(course.json().cohorts).toEqual([]);
    expect(course.json().suppressed).toBeGreaterThan(0);

    const manager = await t.signIn({ email: 'cohort.manager@ivy.test', role: 'manager' });
    const scoped = await t.app.inject({
      method: 'POST',
      url: '/ai/ml-models/cohort-analysis',
      headers: { cookie: manager },
      payload: { group_by: 'source', min_cohort_size: 5 },
    });
    expect(scoped.statusCode).toBe(200);
    const scopedSize = scoped.json().cohorts.reduce((sum: number, c: Cohort) => sum + c.size, 0);
    expect(scopedSize).toBeLessThan(people.length);

    const staff = await t.app.inject({
      method: 'POST',
      url: '/ai/ml-models/cohort-analysis',
      headers: { cookie: staffCookie },
      payload: {},
    });
    expect(staff.statusCode).toBe(403);
    const invalid = await t.request({
      method: 'POST',
      url: '/ai/ml-models/cohort-analysis',
      payload: { group_by: 'star_sign' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(JSON.stringify(invalid.json())).toContain('body.group_by');
  });
});
