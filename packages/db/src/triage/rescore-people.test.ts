import { DEFAULT_FACTOR_WEIGHTS, quickScore, scoringContext } from '@ivy/core';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../query-rows';
import { engagementEvents, leadScores, leadScoringWeightsAudit, people } from '../schema';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { leadSignalsPage } from './lead-signals';
import { rescorePeople } from './rescore-people';
import { activeScoringWeights, recordWeightsChange } from './scoring-weights';
import { committedSeats, sourceOutcomes } from './source-outcomes';

const NOW = new Date('2026-11-23T12:00:00Z');
const audit = { actor: { id: null, label: 'test' }, at: NOW };

describe.each(testDatabaseTargets())('triage scores on $label', (target) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 400, seed: 3, asOf: NOW });
  });
  afterAll(() => database.close());

  it('starts from core’s default weights as version 1', async () => {
    expect(await activeScoringWeights(database.db)).toEqual({ version: 1, weights: DEFAULT_FACTOR_WEIGHTS });
  });

  it('scores every person, in pages, each score naming its weights version', async () => {
    const report = await rescorePeople(database.db, { now: NOW, pageSize: 150 });
    expect(report).toMatchObject({ scored: 400, weights_version: 1 });
    const [summary] = await queryRows<{ n: number; versions: number; bands: number }>(
      database.db,
      sql`select count(*)::int as n, count(distinct weights_version)::int as versions,
                 count(distinct band)::int as bands from lead_scores`,
    );
    expect(summary).toEqual({ n: 400, versions: 1, bands: 3 });
  });

  it('stores what scoring the person’s signals gives', async () => {
    const committed = await committedSeats(database.db);
    const [lead] = await leadSignalsPage(database.db, { after: null, limit: 1, now: NOW, committed });
    if (!lead) throw new Error('no people');
    const expected = quickScore(
      lead.signals,
      scoringContext(DEFAULT_FACTOR_WEIGHTS, await sourceOutcomes(database.db)),
    );
    const [stored] = await database.db.select().from(leadScores).where(eq(leadScores.person_id, lead.id));
    expect(stored).toMatchObject({ score: expected.score, band: expected.band, points: expected.points });
  });

  it('counts only engagement inside the 90-day window, so later events do not change a past snapshot', async () => {
    const committed = await committedSeats(database.db);
    const [lead] = await leadSignalsPage(database.db, { after: null, limit: 1, now: NOW, committed });
    if (!lead) throw new Error('no people');
    const before = lead.signals.engagement.event_attended ?? 0;
    await database.db.insert(engagementEvents).values([
      { person_id: lead.id, type: 'event_attended', occurred_at: new Date('2026-11-20T10:00:00Z') },
      { person_id: lead.id, type: 'event_attended', occurred_at: new Date('2026-12-01T10:00:00Z') },
      { person_id: lead.id, type: 'event_attended', occurred_at: new Date('2026-06-01T10:00:00Z') },
    ]);
    const [after] = await leadSignalsPage(database.db, { after: null, limit: 1, now: NOW, committed });
    expect(after?.signals.engagement.event_attended).toBe(before + 1);
  });

  it('adopts new weights as a new version, and records a rejected proposal without applying it', async () => {
    const heavierEngagement = { ...DEFAULT_FACTOR_WEIGHTS, engagement: 0.5 };
    const adopted = await recordWeightsChange(
      database.db,
      {
        weights: heavierEngagement,
        reason: 'test',
        decision: 'adopted',
        details: { auc_before: 0.7, auc_after: 0.72 },
      },
      audit,
    );
    expect(adopted).toEqual({ version: 2, weights: heavierEngagement });
    await recordWeightsChange(
      database.db,
      { weights: { ...DEFAULT_FACTOR_WEIGHTS, course_fit: 0.9 }, reason: 'worse', decision: 'rejected' },
      audit,
    );
    expect((await activeScoringWeights(database.db)).version).toBe(2);
    const history = await database.db.select().from(leadScoringWeightsAudit);
    expect(history.map((row) => [row.decision, row.old_version, row.new_version])).toEqual([
      ['adopted', 1, 2],
      ['rejected', 2, null],
    ]);
    await rescorePeople(database.db, { now: NOW });
    const [versions] = await queryRows<{ v: number[] }>(
      database.db,
      sql`select array_agg(distinct weights_version) as v from lead_scores`,
    );
    expect(versions?.v).toEqual([2]);
  });

  it('keeps the weights audit append-only', async () => {
    await expect(database.db.update(leadScoringWeightsAudit).set({ reason: 'rewritten' })).rejects.toThrow();
    await expect(database.db.delete(leadScoringWeightsAudit)).rejects.toThrow();
    expect(await database.db.select().from(leadScoringWeightsAudit)).toHaveLength(2);
  });

  it('drops a person’s score with the person', async () => {
    const [someone] = await database.db.select({ id: people.id }).from(people).limit(1);
    if (!someone) throw new Error('no people');
    await database.db.delete(engagementEvents).where(eq(engagementEvents.person_id, someone.id));
    await database.db.execute(sql`delete from applications where person_id = ${someone.id}`);
    await database.db.execute(sql`delete from activities where person_id = ${someone.id}`);
    await database.db.delete(people).where(eq(people.id, someone.id));
    expect(await database.db.select().from(leadScores).where(eq(leadScores.person_id, someone.id))).toEqual([]);
  });
});
