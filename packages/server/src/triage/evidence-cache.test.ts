import { schema, testDatabaseTargets } from '@ivy/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvidenceCache } from './evidence-cache';

describe.each(testDatabaseTargets())('triage evidence cache on $label', (target) => {
  let database: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.close());

  it('reuses evidence while it is recent and reads again once it is older than the limit', async () => {
    let clock = 0;
    const cache = createEvidenceCache(database.db, { maxAgeMs: 1000, clock: () => clock });
    expect((await cache.get()).outcomes).toEqual({});
    await database.db
      .insert(schema.people)
      .values({ email: 'won@x.ac.uk', source: 'referral', lifecycle_stage: 'enrolled' });
    clock = 1000;
    expect((await cache.get()).outcomes).toEqual({});
    clock = 1001;
    expect((await cache.get()).outcomes).toEqual({ referral: { leads: 1, enrolled: 1 } });
  });
});
