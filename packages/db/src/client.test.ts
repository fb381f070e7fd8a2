import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationStatus } from './client';
import { queryRows } from './query-rows';
import { people } from './schema';
import { type TestDatabase, testDatabaseTargets } from './testing/test-databases';

describe.each(testDatabaseTargets())('schema on $label', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.close());

  it('records every migration as applied and re-running them is a no-op', async () => {
    const before = await migrationStatus(database.db);
    expect(before.applied).toBeGreaterThanOrEqual(2);
    await database.migrate();
    expect(await migrationStatus(database.db)).toEqual(before);
  });

  it('rejects a second person whose e-mail differs only in case and spacing', async () => {
    await database.db.insert(people).values({ email: 'Ada@Example.ac.uk' });
    await expect(database.db.insert(people).values({ email: ' ada@example.AC.UK ' })).rejects.toThrow();
  });

  it('rejects a lifecycle stage outside the vocabulary', async () => {
    await expect(database.db.execute(sql`insert into people (lifecycle_stage) values ('prospect')`)).rejects.toThrow();
  });

  it('refuses a lost person without the time they were lost', async () => {
    await expect(database.db.insert(people).values({ lifecycle_stage: 'lost' })).rejects.toThrow();
  });

  it('has trigram search available for people', async () => {
    const [row] = await queryRows<{ similarity: number }>(
      database.db,
      sql`select similarity('ada lovelace', 'ada lovelac') as similarity`,
    );
    expect(row?.similarity).toBeGreaterThan(0.5);
  });
});
