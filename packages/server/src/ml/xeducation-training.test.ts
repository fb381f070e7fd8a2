import { createReadStream, readFileSync } from 'node:fs';
import { isAttributeFeature, loadConversionModel, trainingConfigSchema } from '@ivy/core';
import {
  createTrainingJob,
  importPeopleCsv,
  modelArtifact,
  peopleImportMappingSchema,
  predictionInputs,
  schema,
  type TestDatabase,
  testDatabaseTargets,
} from '@ivy/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREDICTION_HORIZON_DAYS, runTrainingJob, type TrainingRequest } from './training-job';

/*
 * Issue 6, deliverable 7: the real X Education export imported with its committed mapping, then trained on through
 * a training job, reaches a CV ROC AUC comparable to the ML engine's CLI on the same file (0.932 with gbdt, the
 * leaking columns dropped), without ever using the columns the mapping declares as leaking the outcome.
 */

const NOW = new Date('2026-11-23T12:00:00Z');
const CSV = new URL('../../../../data/xeducation-leads/leads.csv', import.meta.url);
const MAPPING = peopleImportMappingSchema.parse(
  JSON.parse(readFileSync(new URL('../../../db/src/import/mappings/xeducation-leads.json', import.meta.url), 'utf8')),
);
const NOT_FEATURES = MAPPING.attributes.flatMap((spec) => (spec.model_use !== 'feature' && spec.key) || []);

/** A lead of the export (674 s on the website, origin API) as two leads still open: complete, and without those. */
function openLeadsCsv(): string {
  const [header = '', ...lines] = readFileSync(CSV, 'utf8').split('\n');
  const lead = lines.find((line) => line.startsWith('2a272436-5132-4136-86fa-dcc88c88f482,')) ?? '';
  const columns = header.split(',');
  const values = lead.split(',');
  const row = (changes: Record<string, string>) =>
    columns.map((column, i) => (column in changes ? changes[column] : values[i])).join(',');
  return [
    header,
    row({ 'Prospect ID': 'open-lead-complete', 'Lead Number': '1', Converted: '' }),
    row({
      'Prospect ID': 'open-lead-partial',
      'Lead Number': '2',
      Converted: '',
      'Total Time Spent on Website': '',
      'Lead Origin': '',
    }),
  ].join('\n');
}

describe.each(testDatabaseTargets())('the X Education export, imported and trained on, on $label', (target) => {
  let database: TestDatabase;
  let modelId: string;

  beforeAll(async () => {
    database = await target.open();
    const report = await importPeopleCsv(database.db, createReadStream(CSV), { mapping: MAPPING, now: NOW });
    expect(report).toMatchObject({ created: 9240, rejected: 0 });
  });
  afterAll(() => database.close());

  it('trains a gradient-boosting model through a training job to a CV ROC AUC of at least 0.90, leak-free', {
    timeout: 300_000,
  }, async () => {
    const request: TrainingRequest = {
      config: trainingConfigSchema.parse({ model_type: 'gradient_boosting', cross_validation_folds: 5 }),
      training_data_limit: null,
      save_model: true,
    };
    const job = await createTrainingJob(database.db, { config: request, requestedBy: null, now: NOW });
    const started = performance.now();
    await runTrainingJob(database, job.id, () => NOW);
    const seconds = (performance.now() - started) / 1000;

    const [done] = await database.db.select().from(schema.mlTrainingJobs).where(eq(schema.mlTrainingJobs.id, job.id));
    expect(done).toMatchObject({ status: 'completed', error: null });
    const [model] = await database.db
      .select()
      .from(schema.mlModels)
      .where(eq(schema.mlModels.id, done?.model_id as string));
    if (!model) throw new Error('no model was registered');
    modelId = model.id;
    const metrics = model.metrics as { cv_roc_auc: number; cv_roc_auc_std: number; positives: number };
    console.info(
      `X Education through a training job on ${target.label}: ${model.row_count} rows, ` +
        `CV ROC AUC ${metrics.cv_roc_auc.toFixed(4)} ± ${metrics.cv_roc_auc_std.toFixed(4)}, ` +
        `${model.input_features.length} input features, ${seconds.toFixed(1)} s`,
    );
    expect(model.row_count).toBe(9240);
    expect(metrics.positives).toBe(3561);
    expect(metrics.cv_roc_auc).toBeGreaterThanOrEqual(0.9);
    expect(NOT_FEATURES).toEqual(['lead_number', 'tags', 'lead_quality', 'last_notable_activity']);
    for (const key of NOT_FEATURES) expect(model.input_features).not.toContain(`attributes.${key}`);
    expect(model.input_features.filter(isAttributeFeature).length).toBeGreaterThan(0);
    expect(model).toMatchObject({ training_window_start: NOW, training_window_end: NOW });
  });

  it('predicts stored open leads from the attributes the model was trained on, a missing one read as missing', async () => {
    const report = await importPeopleCsv(database.db, [openLeadsCsv()], { mapping: MAPPING, now: NOW });
    expect(report).toMatchObject({ created: 2, rejected: 0 });
    const open = await database.db
      .select({ id: schema.people.id, ref: schema.people.external_ref })
      .from(schema.people)
      .where(eq(schema.people.lifecycle_stage, 'enquirer'))
      .orderBy(schema.people.external_ref);
    expect(open.map((row) => row.ref)).toEqual(['open-lead-complete', 'open-lead-partial']);
    const inputs = await predictionInputs(database.db, {
      ids: open.map((row) => row.id),
      scope: { kind: 'all' },
      now: NOW,
      horizonDays: PREDICTION_HORIZON_DAYS,
    });
    // Inputs come in the database's order; take them in the order of the ids asked for.
    const byId = new Map(inputs.open.map((row) => [row.person_id, row.features]));
    const features = open.map((row) => byId.get(row.id)).filter((row) => row !== undefined);
    expect(features).toHaveLength(2);
    const [complete, partial] = features;
    expect(complete?.attributes).toMatchObject({ lead_origin: 'API', total_time_on_website_seconds: 674 });
    expect(partial?.attributes).not.toHaveProperty('total_time_on_website_seconds');
    expect(partial?.attributes).not.toHaveProperty('lead_origin');
    for (const key of NOT_FEATURES) expect(complete?.attributes).not.toHaveProperty(key);

    const model = loadConversionModel(await modelArtifact(database.db, modelId));
    const [a, b] = model.predict(features);
    for (const prediction of [a, b]) {
      expect(prediction?.probability).toBeGreaterThan(0);
      expect(prediction?.probability).toBeLessThan(1);
    }
    expect(a?.probability).not.toBe(b?.probability);
  });
});
