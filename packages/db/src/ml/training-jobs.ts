import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';
import { mlTrainingJobs } from '../schema';

export type TrainingJob = typeof mlTrainingJobs.$inferSelect;

/** A running job whose worker has not reported for this long is taken to have died with its server. */
export const TRAINING_HEARTBEAT_TIMEOUT_MS = 2 * 60_000;

export async function createTrainingJob(
  db: Tx,
  { config, requestedBy, now }: { config: Record<string, unknown>; requestedBy: string | null; now: Date },
): Promise<TrainingJob> {
  const [job] = await db
    .insert(mlTrainingJobs)
    .values({ config, requested_by: requestedBy, created_at: now })
    .returning();
  if (!job) throw new Error('inserting the training job returned nothing');
  return job;
}

export async function trainingJob(db: Tx, id: string): Promise<TrainingJob | null> {
  const [job] = await db.select().from(mlTrainingJobs).where(eq(mlTrainingJobs.id, id));
  return job ?? null;
}

export async function startTrainingJob(db: Tx, id: string, now: Date) {
  await db
    .update(mlTrainingJobs)
    .set({ status: 'running', started_at: now, heartbeat_at: now, message: 'Starting' })
    .where(eq(mlTrainingJobs.id, id));
}

export async function reportTrainingProgress(db: Tx, id: string, progress: number, message: string, now: Date) {
  await db
    .update(mlTrainingJobs)
    .set({ progress: Math.min(1, Math.max(0, progress)), message, heartbeat_at: now })
    .where(and(eq(mlTrainingJobs.id, id), eq(mlTrainingJobs.status, 'running')));
}

export async function failTrainingJob(db: Tx, id: string, error: string, now: Date) {
  await db
    .update(mlTrainingJobs)
    .set({ status: 'failed', error, finished_at: now, message: 'Failed' })
    .where(and(eq(mlTrainingJobs.id, id), inArray(mlTrainingJobs.status, ['queued', 'running'])));
}

/**
 * Marks failed the jobs that were running when their server stopped (no heartbeat for `staleAfterMs`). Their model
 * was never registered: registration and completion happen in one transaction at the very end.
 */
export async function failInterruptedTrainingJobs(
  db: Tx,
  now: Date,
  { staleAfterMs = TRAINING_HEARTBEAT_TIMEOUT_MS }: { staleAfterMs?: number } = {},
): Promise<number> {
  const stale = new Date(now.getTime() - staleAfterMs);
  const failed = await db
    .update(mlTrainingJobs)
    .set({ status: 'failed', error: 'Interrupted: the server stopped while this model was training', finished_at: now })
    .where(
      and(
        eq(mlTrainingJobs.status, 'running'),
        or(isNull(mlTrainingJobs.heartbeat_at), lt(mlTrainingJobs.heartbeat_at, stale)),
      ),
    )
    .returning({ id: mlTrainingJobs.id });
  return failed.length;
}

/** Whether a model exists or one is on its way: start-up trains a first model only when neither is true. */
export async function hasModelOrPendingTraining(db: Tx): Promise<boolean> {
  const [row] = await queryRows<{ pending: boolean }>(
    db,
    sql`select exists (select 1 from ml_models)
            or exists (select 1 from ml_training_jobs where status in ('queued', 'running')) as pending`,
  );
  return row?.pending ?? false;
}

/** The newest job still queued or running, if any: what "training…" in the app refers to. */
export async function pendingTrainingJob(db: Tx): Promise<TrainingJob | null> {
  const [job] = await db
    .select()
    .from(mlTrainingJobs)
    .where(inArray(mlTrainingJobs.status, ['queued', 'running']))
    .orderBy(desc(mlTrainingJobs.created_at))
    .limit(1);
  return job ?? null;
}
