import { type Database, openDatabase } from '../client';
import { createScratchPostgresDatabase } from './scratch-postgres-database';

export type TestDatabase = Database & { label: string };

export type TestDatabaseTarget = { label: string; open(): Promise<TestDatabase> };

/**
 * Every database the suite must pass on: embedded PGlite always, and PostgreSQL when `TEST_DATABASE_URL` is set.
 * Each `open()` gives a fresh, migrated database of its own (a new in-memory PGlite, or a new PostgreSQL database
 * dropped again on close), so test files never see each other's rows.
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  const targets: TestDatabaseTarget[] = [{ label: 'pglite', open: openPgliteTestDatabase }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) targets.push({ label: 'postgres', open: () => openPostgresTestDatabase(url) });
  return targets;
}

async function openPgliteTestDatabase(): Promise<TestDatabase> {
  const database = await openDatabase({ dataDir: undefined });
  await database.migrate();
  return { ...database, label: 'pglite' };
}

async function openPostgresTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const scratch = await createScratchPostgresDatabase(adminUrl, 'ivy_test');
  const database = await openDatabase({ url: scratch.url, poolSize: 4 });
  await database.migrate();
  return {
    ...database,
    label: 'postgres',
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}
