import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './query-rows';
import { auditLog } from './schema';
import { type TestDatabase, testDatabaseTargets } from './testing/test-databases';

describe.each(testDatabaseTargets())('audit log on $label', (target) => {
  let database: TestDatabase;
  let entryId: number;

  beforeAll(async () => {
    database = await target.open();
    const [entry] = await database.db
      .insert(auditLog)
      .values({ action: 'person.update', resource_type: 'lead_data', resource_id: 'p-1', outcome: 'success' })
      .returning({ id: auditLog.id });
    if (!entry) throw new Error('insert returned nothing');
    entryId = entry.id;
  });
  afterAll(() => database.close());

  async function entryCount() {
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log`);
    return row?.n;
  }

  it('accepts new entries', async () => {
    await database.db.insert(auditLog).values({ action: 'login', resource_type: 'system_config', outcome: 'denied' });
    expect(await entryCount()).toBe(2);
  });

  it('refuses to change an entry', async () => {
    await expect(
      database.db.update(auditLog).set({ outcome: 'denied' }).where(eq(auditLog.id, entryId)),
    ).rejects.toThrow();
    const [row] = await database.db
      .select({ outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.id, entryId));
    expect(row?.outcome).toBe('success');
  });

  it('refuses to delete or truncate entries', async () => {
    const appendOnly = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(database.db.delete(auditLog).where(eq(auditLog.id, entryId))).rejects.toMatchObject(appendOnly);
    await expect(database.db.execute(sql`truncate audit_log`)).rejects.toMatchObject(appendOnly);
    expect(await entryCount()).toBe(2);
  });
});
