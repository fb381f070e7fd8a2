import { leadFeatures } from '@ivy/core';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../query-rows';
import { engagementEvents, people } from '../schema';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { leadFeatureSnapshots } from './lead-feature-snapshots';

const NOW = new Date('2026-11-23T12:00:00Z');
/** A snapshot in the previous cycle, so its 180-day labels are known by NOW. */
const AS_OF = new Date('2025-12-01T00:00:00Z');
const DAY_MS = 86_400_000;

describe.each(testDatabaseTargets())('lead feature snapshots on $label', (target) => {
  let database: TestDatabase;
  const snapshots = () => leadFeatureSnapshots(database.db, { asOf: AS_OF, horizonDays: 180, labelsKnownAt: NOW });

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 1500, seed: 12, asOf: NOW });
  });
  afterAll(() => database.close());

  it('takes the leads open at the snapshot, with labels from the horizon after it', async () => {
    const rows = await snapshots();
    const [expected] = await queryRows<{ open: number; enrolled: number }>(
      database.db,
      sql`select count(*)::int as open,
                 count(*) filter (where enrolled_at <= ${new Date(AS_OF.getTime() + 180 * DAY_MS)})::int as enrolled
          from people where enquired_at <= ${AS_OF} and coalesce(enrolled_at, lost_at, 'infinity') > ${AS_OF}`,
    );
    expect(rows.length).toBe(expected?.open);
    expect(rows.filter((row) => row.enrolled).length).toBe(expected?.enrolled);
    expect(rows.some((row) => row.snapshot.stage !== 'enquirer')).toBe(true);
    for (const row of rows) expect(['enquirer', 'applicant', 'offer', 'accepted']).toContain(row.snapshot.stage);
  });

  it('leaves the label unknown while the horizon has not passed', async () => {
    const rows = await leadFeatureSnapshots(database.db, {
      asOf: NOW,
      horizonDays: 180,
      labelsKnownAt: NOW,
      limit: 20,
    });
    expect(rows.length).toBe(20);
    expect(rows.every((row) => row.enrolled === null)).toBe(true);
  });

  it('never changes a snapshot when later events, stage changes or people are added', async () => {
    const before = await snapshots();
    const target = before.find((row) => row.snapshot.stage === 'enquirer' && row.enrolled === false);
    if (!target) throw new Error('no open enquirer to change');
    const later = new Date(AS_OF.getTime() + DAY_MS);
    await database.db.insert(engagementEvents).values(
      ['event_attended', 'meeting', 'portal_login', 'email_click'].map((type) => ({
        person_id: target.person_id,
        type: type as 'meeting',
        occurred_at: later,
      })),
    );
    await database.db
      .update(people)
      .set({ lifecycle_stage: 'applicant', applied_at: later, last_activity_at: later })
      .where(eq(people.id, target.person_id));
    await database.db
      .insert(people)
      .values({ email: 'late.enquirer@example.ac.uk', source: 'referral', enquired_at: later });
    const after = await snapshots();
    expect(after).toEqual(before);
    expect(after.map((row) => leadFeatures(row.snapshot))).toEqual(before.map((row) => leadFeatures(row.snapshot)));
  });
});
