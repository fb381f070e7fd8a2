import { desc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { mlPredictions } from '../schema';

export type MlPredictionRecord = typeof mlPredictions.$inferInsert;

/** Keeps forecasts shown for stored leads, each with the model that made it. */
export async function recordMlPredictions(db: Tx, records: readonly MlPredictionRecord[]): Promise<void> {
  if (records.length > 0) await db.insert(mlPredictions).values([...records]);
}

/** A lead's stored conversion forecasts, newest first. */
export function mlPredictionHistory(db: Tx, personId: string, limit = 20) {
  return db
    .select()
    .from(mlPredictions)
    .where(eq(mlPredictions.person_id, personId))
    .orderBy(desc(mlPredictions.created_at), desc(mlPredictions.id))
    .limit(limit);
}
