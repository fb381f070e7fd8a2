import type { SQL } from 'drizzle-orm';
import type { Tx } from './client';

/** Rows of a raw SQL query; both drivers (node-postgres and PGlite) return them under `rows`. */
export async function queryRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
