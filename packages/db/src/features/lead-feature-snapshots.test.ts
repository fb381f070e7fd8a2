import { type LeadSnapshot, leadFeatures } from '@ivy/core';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../query-rows';
import { engagementEvents, people, personAttributeKeys } from '../schema';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { leadFeatureSnapshots, recordedOutcomeSnapshots } from './lead-feature-snapshots';
import { declareAttributeKeys } from './person-attribute-keys';

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

describe.each(testDatabaseTargets())('snapshots of people recorded with their outcome on $label', (target) => {
  let database: TestDatabase;
  const RECORDED = new Date('2026-03-02T10:00:00Z');
  const ids: Record<'enrolled' | 'lost' | 'history' | 'later', string> = {
    enrolled: '',
    lost: '',
    history: '',
    later: '',
  };

  beforeAll(async () => {
    database = await target.open();
    const attributes = { minutes: 12, origin: 'API', tags: 'Will revert after reading the email', secret: 1 };
    const insert = async (values: typeof people.$inferInsert) => {
      const [row] = await database.db.insert(people).values(values).returning({ id: people.id });
      return row?.id as string;
    };
    ids.enrolled = await insert({
      external_ref: 'recorded-enrolled',
      lifecycle_stage: 'enrolled',
      enquired_at: RECORDED,
      enrolled_at: RECORDED,
      consent_email: true,
      attributes,
    });
    ids.lost = await insert({
      external_ref: 'recorded-lost',
      lifecycle_stage: 'lost',
      enquired_at: RECORDED,
      lost_at: RECORDED,
      attributes: { ...attributes, origin: null },
    });
    ids.history = await insert({
      external_ref: 'open-for-a-month',
      lifecycle_stage: 'enrolled',
      enquired_at: new Date(RECORDED.getTime() - 30 * DAY_MS),
      enrolled_at: RECORDED,
      attributes,
    });
    ids.later = await insert({
      external_ref: 'recorded-later',
      lifecycle_stage: 'lost',
      enquired_at: new Date(RECORDED.getTime() + 10 * DAY_MS),
      lost_at: new Date(RECORDED.getTime() + 10 * DAY_MS),
    });
    await database.db.insert(engagementEvents).values([
      ...[0, 1, 2].map(() => ({ person_id: ids.enrolled, type: 'web_visit' as const, occurred_at: RECORDED })),
      { person_id: ids.enrolled, type: 'email_open', occurred_at: new Date(RECORDED.getTime() - 20 * DAY_MS) },
      // After the outcome was recorded: the snapshot must not see it.
      { person_id: ids.enrolled, type: 'meeting', occurred_at: new Date(RECORDED.getTime() + DAY_MS) },
    ]);
    await declareAttributeKeys(
      database.db,
      [
        { key: 'minutes', model_use: 'feature' },
        { key: 'origin', model_use: 'feature' },
        { key: 'tags', model_use: 'leaks_outcome' },
      ],
      RECORDED,
    );
  });
  afterAll(() => database.close());

  const recordedBy = new Date(RECORDED.getTime() + DAY_MS);

  it('sees each of them once, as recorded: stage unknown, the outcome as label, nothing from after', async () => {
    const rows = await recordedOutcomeSnapshots(database.db, { recordedBy });
    expect(rows.map((row) => row.person_id).sort()).toEqual([ids.enrolled, ids.lost].sort());
    const enrolled = rows.find((row) => row.person_id === ids.enrolled);
    expect(enrolled).toMatchObject({
      enrolled: true,
      snapshot: {
        as_of: RECORDED,
        stage: null,
        days_since_enquiry: 0,
        days_in_stage: 0,
        days_since_last_activity: null,
        touches_14d: 3,
        contact_consent: true,
        course_fill: null,
      },
    });
    expect(enrolled?.snapshot.engagement_90d).toMatchObject({ web_visit: 3, email_open: 1, meeting: 0 });
    expect(rows.find((row) => row.person_id === ids.lost)?.enrolled).toBe(false);
    expect(leadFeatures(enrolled?.snapshot as LeadSnapshot).stage).toBe('unknown');
    expect(await recordedOutcomeSnapshots(database.db, { recordedBy, limit: 1 })).toHaveLength(1);
    expect(await recordedOutcomeSnapshots(database.db, { recordedBy: new Date(RECORDED.getTime() - 1) })).toEqual([]);
  });

  it('carries only the attributes declared as features, in recorded and monthly snapshots alike', async () => {
    const recorded = await recordedOutcomeSnapshots(database.db, { recordedBy });
    expect(recorded.find((row) => row.person_id === ids.enrolled)?.snapshot.attributes).toEqual({
      minutes: 12,
      origin: 'API',
    });
    expect(recorded.find((row) => row.person_id === ids.lost)?.snapshot.attributes).toEqual({
      minutes: 12,
      origin: null,
    });
    const [open] = await leadFeatureSnapshots(database.db, {
      asOf: new Date(RECORDED.getTime() - DAY_MS),
      horizonDays: 180,
      labelsKnownAt: RECORDED,
    });
    expect(open).toMatchObject({ person_id: ids.history, snapshot: { attributes: { minutes: 12, origin: 'API' } } });
  });

  it('keeps a key declared as not a feature so, whatever a later mapping says', async () => {
    await declareAttributeKeys(
      database.db,
      [
        { key: 'tags', model_use: 'feature' },
        { key: 'origin', model_use: 'identifier' },
        { key: 'origin', model_use: 'feature' },
      ],
      recordedBy,
    );
    const declared = await database.db.select().from(personAttributeKeys).orderBy(personAttributeKeys.key);
    expect(declared.map(({ key, model_use }) => [key, model_use])).toEqual([
      ['minutes', 'feature'],
      ['origin', 'identifier'],
      ['tags', 'leaks_outcome'],
    ]);
    const [row] = await recordedOutcomeSnapshots(database.db, { recordedBy, limit: 1 });
    expect(row?.snapshot.attributes).toEqual({ minutes: 12 });
  });
});
