import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../query-rows';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { refreshTriage } from './refresh-triage';
import { rescorePeople } from './rescore-people';
import { sweepAlerts } from './sync-alerts';

const NOW = new Date('2026-11-23T12:00:00Z');
const audit = { actor: { id: null, label: 'test' }, at: NOW };

describe.each(testDatabaseTargets())('triage refresh on $label', (target) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 400, seed: 8, asOf: NOW });
  });
  afterAll(() => database.close());

  const scores = () =>
    queryRows<Record<string, unknown>>(
      database.db,
      sql`select person_id, score, band, action, confidence, points, weights_version from lead_scores order by person_id`,
    );

  it('scores everyone and raises their alerts in one pass, leaving nothing for a separate rescore or sweep', async () => {
    const report = await refreshTriage(database.db, { now: NOW, audit, slaHours: 24, pageSize: 150 });
    expect(report.scores.scored).toBe(400);
    expect(report.alerts).toMatchObject({ people: 400, resolved: 0 });
    expect(report.alerts.raised).toBeGreaterThan(0);
    const afterRefresh = await scores();
    expect(afterRefresh).toHaveLength(400);

    await rescorePeople(database.db, { now: NOW });
    expect(await scores()).toEqual(afterRefresh);
    expect(await sweepAlerts(database.db, { now: NOW, audit })).toEqual({
      raised: 0,
      updated: 0,
      resolved: 0,
      people: 400,
    });
  });
});
