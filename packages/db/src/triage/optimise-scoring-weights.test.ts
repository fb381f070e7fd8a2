import { FACTORS } from '@ivy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagementEvents, leadScoringWeightsAudit } from '../schema';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { optimiseScoringWeights } from './optimise-scoring-weights';
import { activeScoringWeights } from './scoring-weights';
import { SNAPSHOT_DAYS_AFTER_ENQUIRY, weightsTrainingRows } from './weights-training-rows';

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY_MS = 86_400_000;
const audit = { actor: { id: null, label: 'test' }, at: NOW };

describe.each(testDatabaseTargets())('scoring weights optimiser on $label', (target) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 2500, seed: 11, asOf: NOW });
  });
  afterAll(() => database.close());

  it('looks at decided leads as they were before the decision, and later events change nothing', async () => {
    const rows = await weightsTrainingRows(database.db, { now: NOW });
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((row) => row.enrolled)).toBe(true);
    expect(rows.some((row) => !row.enrolled)).toBe(true);
    const [row] = rows;
    if (!row) throw new Error('no training rows');
    // A burst of engagement after the snapshot (the kind that comes with enrolling) must not leak into the features.
    await database.db.insert(engagementEvents).values(
      ['event_attended', 'portal_login', 'meeting'].map((type) => ({
        person_id: row.person_id,
        type: type as 'event_attended',
        occurred_at: new Date(row.snapshot_at.getTime() + DAY_MS),
      })),
    );
    const again = await weightsTrainingRows(database.db, { now: NOW });
    expect(again.find((candidate) => candidate.person_id === row.person_id)).toEqual(row);
  });

  it('snapshots no later than the enquiry plus the snapshot delay', async () => {
    const rows = await weightsTrainingRows(database.db, { now: NOW });
    const enquired = await database.executeSql('select id, enquired_at from people');
    const enquiredAt = new Map(
      (enquired.rows as { id: string; enquired_at: string | Date }[]).map((r) => [r.id, new Date(r.enquired_at)]),
    );
    for (const row of rows) {
      const start = enquiredAt.get(row.person_id)?.getTime() ?? Number.NaN;
      expect(row.snapshot_at.getTime()).toBeGreaterThan(start);
      expect(row.snapshot_at.getTime()).toBeLessThanOrEqual(start + SNAPSHOT_DAYS_AFTER_ENQUIRY * DAY_MS);
    }
  });

  it('refits on the outcomes and audits the decision with both AUCs', async () => {
    const before = await activeScoringWeights(database.db);
    const report = await optimiseScoringWeights(database.db, { now: NOW, audit });
    if (report.decision === 'insufficient_data') throw new Error(report.reason);
    const [entry] = await database.db.select().from(leadScoringWeightsAudit);
    expect(entry).toMatchObject({
      decision: report.decision,
      old_version: before.version,
      new_version: report.new_version,
      details: { auc_current: report.auc_current, auc_proposed: report.auc_proposed },
    });
    const after = await activeScoringWeights(database.db);
    if (report.decision === 'adopted') {
      expect(report.auc_proposed).toBeGreaterThanOrEqual(report.auc_current);
      expect(after.weights).toEqual(report.proposed_weights);
    } else {
      expect(after).toEqual(before);
    }
    for (const factor of FACTORS) {
      expect(Math.abs(report.proposed_weights[factor] - report.old_weights[factor])).toBeLessThanOrEqual(0.0501);
    }
  });
});
