import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Tx } from './client';

/** Rows of a raw SQL query; both drivers (node-postgres and PGlite) return them under `rows`. */
export async function queryRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * `column = any($1::uuid[])`: the ids travel as one array parameter rather than a parameter each, so a batch of
 * thousands plans and binds in a fraction of the time.
 */
export function uuidIn(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(`{${ids.join(',')}}`)}::uuid[])`;
}
