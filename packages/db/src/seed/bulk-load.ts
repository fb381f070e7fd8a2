import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';

/** The tables the people generator fills in bulk. */
export const BULK_TABLES = [
  'people',
  'applications',
  'application_status_history',
  'engagement_events',
  'activities',
  'consent_records',
];

type Deferred = { kind: 'index' | 'foreign key'; name: string; create: string };

/**
 * Bulk-load mode for an empty database, inside the seeding transaction: drops the secondary indexes and foreign
 * keys of `tables` (primary keys and constraint-backed indexes stay) and returns a function that recreates them
 * exactly as they were, from the catalogue's own definitions. Building an index once over all rows, and checking a
 * foreign key with one join, is far cheaper than maintaining them row by row (the trigram index on people above all).
 * Recreating a unique index or a foreign key re-checks it, so the data is held to the same rules.
 */
export async function suspendIndexesAndForeignKeys(db: Tx, tables: readonly string[]): Promise<() => Promise<void>> {
  const tableList = sql.param([...tables]);
  const indexes = await queryRows<{ name: string; create: string }>(
    db,
    sql`select quote_ident(ic.relname) as name, pg_get_indexdef(i.indexrelid) as create
        from pg_index i
        join pg_class ic on ic.oid = i.indexrelid
        join pg_class t on t.oid = i.indrelid
        where t.relnamespace = current_schema()::regnamespace
          and t.relname = any(${tableList}::text[])
          and not i.indisprimary
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        order by t.relname, ic.relname`,
  );
  const foreignKeys = await queryRows<{ name: string; table_name: string; definition: string }>(
    db,
    sql`select quote_ident(c.conname) as name, quote_ident(t.relname) as table_name,
               pg_get_constraintdef(c.oid) as definition
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        where c.contype = 'f'
          and t.relnamespace = current_schema()::regnamespace
          and t.relname = any(${tableList}::text[])
        order by t.relname, c.conname`,
  );
  const deferred: Deferred[] = [
    ...indexes.map((index) => ({ kind: 'index' as const, name: index.name, create: index.create })),
    ...foreignKeys.map((fk) => ({
      kind: 'foreign key' as const,
      name: fk.name,
      create: `alter table ${fk.table_name} add constraint ${fk.name} ${fk.definition}`,
    })),
  ];
  for (const fk of foreignKeys) await db.execute(sql.raw(`alter table ${fk.table_name} drop constraint ${fk.name}`));
  for (const index of indexes) await db.execute(sql.raw(`drop index ${index.name}`));

  return async () => {
    await db.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const item of deferred) await db.execute(sql.raw(item.create));
  };
}
