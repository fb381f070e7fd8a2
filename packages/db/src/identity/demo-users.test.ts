import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, users } from '../schema';
import { seedDemoData } from '../seed/seed-demo-data';
import { type TestDatabase, testDatabaseTargets } from '../testing/test-databases';
import { ensureDemoUsers } from './demo-users';

const NOW = new Date('2026-11-23T12:00:00Z');

describe.each(testDatabaseTargets())('demo users on $label', (target) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await target.open();
    await seedDemoData(database.db, { people: 600, seed: 4, asOf: NOW });
  });
  afterAll(() => database.close());

  async function ownedBy(email: string) {
    const [row] = await database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(people)
      .innerJoin(users, eq(users.id, people.owner_id))
      .where(eq(users.email, email));
    return row?.count ?? 0;
  }

  it('gives the demo staff member a teammate’s caseload, once', async () => {
    const total = await database.db.select({ count: sql<number>`count(*)::int` }).from(people);
    await ensureDemoUsers(database.db, 'not-a-real-hash');
    const owned = await ownedBy('staff@demo.ivy');
    expect(owned).toBeGreaterThan(0);
    await ensureDemoUsers(database.db, 'not-a-real-hash');
    expect(await ownedBy('staff@demo.ivy')).toBe(owned);
    expect(await database.db.select({ count: sql<number>`count(*)::int` }).from(people)).toEqual(total);
  });
});
