import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../client';

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
  const name = `ivy_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  await database.migrate();
  return {
    ...database,
    label: 'postgres',
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
