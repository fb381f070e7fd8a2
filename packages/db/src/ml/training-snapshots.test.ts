import { readFileSync } from 'node:fs';
import { isAttributeFeature, trainConversionModel, trainingConfigSchema } from '@ivy/core';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPeopleCsv, peopleImportMappingSchema } from '../import/import-people';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { type TrainingSet, trainingSnapshots } from './training-snapshots';

const NOW = new Date('2026-11-23T12:00:00Z');
const IMPORTED_AT = new Date('2026-11-20T09:00:00Z');
const HORIZON_DAYS = 365;
const IMPORTED = 600;
const MAPPING = peopleImportMappingSchema.parse(
  JSON.parse(readFileSync(new URL('../import/mappings/xeducation-leads.json', import.meta.url), 'utf8')),
);
const NOT_FEATURES = MAPPING.attributes.flatMap((spec) => (spec.model_use !== 'feature' && spec.key) || []);
/** The first rows of the X Education export: past leads with their outcomes and no dates. */
const XEDUCATION_HEAD = readFileSync(new URL('../../../../data/xeducation-leads/leads.csv', import.meta.url), 'utf8')
  .split('\n')
  .slice(0, IMPORTED + 1)
  .join('\n');

describe.each(testDatabaseTargets())('training rows of a database with history and an import on $label', (target) => {
  let database: TestDatabase;
  let historyOnly: TrainingSet;
  let mixed: TrainingSet;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 800, seed: 7, asOf: NOW });
    historyOnly = await trainingSnapshots(database.db, { now: NOW, horizonDays: HORIZON_DAYS });
    const report = await importPeopleCsv(database.db, [XEDUCATION_HEAD], { mapping: MAPPING, now: IMPORTED_AT });
    expect(report.created).toBe(IMPORTED);
    mixed = await trainingSnapshots(database.db, { now: NOW, horizonDays: HORIZON_DAYS });
  });
  afterAll(() => database.close());

  it('adds each imported person once, as imported, and leaves the monthly snapshots as they were', () => {
    expect(historyOnly.recorded).toBe(0);
    expect(historyOnly.rows.length).toBeGreaterThan(500);
    expect(mixed.recorded).toBe(IMPORTED);
    expect(mixed.snapshots).toBe(historyOnly.snapshots);
    // Newest first: the import is more recent than any month whose horizon has passed.
    const imported = mixed.rows.slice(0, IMPORTED);
    expect(mixed.rows.slice(IMPORTED)).toEqual(historyOnly.rows);
    expect(new Set(imported.map((row) => row.group)).size).toBe(IMPORTED);
    expect(imported.every((row) => row.features.stage === 'unknown')).toBe(true);
    expect(historyOnly.rows.every((row) => row.features.stage !== 'unknown')).toBe(true);
    const records: Record<string, string>[] = parseCsv(XEDUCATION_HEAD, { columns: true });
    const converted = records.filter((record) => record.Converted === '1').length;
    expect(imported.filter((row) => row.enrolled)).toHaveLength(converted);
    expect(mixed.window).toEqual({ start: historyOnly.window.start, end: IMPORTED_AT, horizonDays: HORIZON_DAYS });
  });

  it('gives imported people their declared attributes only; the demo data’s undeclared ones are not features', () => {
    expect(NOT_FEATURES).toEqual(['lead_number', 'tags', 'lead_quality', 'last_notable_activity']);
    const keys = new Set(mixed.rows.flatMap((row) => Object.keys(row.features.attributes ?? {})));
    expect(keys).toContain('total_time_on_website_seconds');
    expect(keys).toContain('lead_origin');
    for (const key of [...NOT_FEATURES, 'deposit_paid', 'cas_issued', 'fee_status']) expect(keys).not.toContain(key);
    expect(historyOnly.rows.every((row) => row.features.attributes === undefined)).toBe(true);
  });

  it('trains on history and import together', () => {
    const model = trainConversionModel(
      mixed.rows,
      trainingConfigSchema.parse({
        model_type: 'logistic_regression',
        feature_selection: false,
        cross_validation_folds: 3,
      }),
    );
    expect(model.metrics.rows).toBe(mixed.rows.length);
    expect(model.metrics.cv_roc_auc).toBeGreaterThan(0.75);
    expect(model.input_features.filter(isAttributeFeature).length).toBeGreaterThan(10);
  });

  it('stops at the limit, newest rows first', async () => {
    const limited = await trainingSnapshots(database.db, { now: NOW, horizonDays: HORIZON_DAYS, limit: 100 });
    expect(limited.rows).toEqual(mixed.rows.slice(0, 100));
    expect(limited).toMatchObject({ recorded: 100, snapshots: 0 });
  });
});
