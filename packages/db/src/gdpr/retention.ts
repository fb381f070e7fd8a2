import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';
import { type ErasureResult, erasePerson, type GdprActor } from './erase-person';

const DAY_MS = 86_400_000;

/**
 * A person's retention clock runs from the later of their last activity and their decision (enrolled or lost): the
 * record is kept while it is still in use, and for the retention period after.
 */
export function pastRetentionCondition(retentionDays: number, now: Date) {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  return sql`greatest(people.last_activity_at, people.enrolled_at, people.lost_at) < ${cutoff}
    and not exists (select 1 from gdpr_requests g where g.kind = 'erasure' and g.person_id = people.id)`;
}

/** People due for erasure at the end of retention and not yet erased. */
export async function countPastRetention(db: Tx, retentionDays: number, now: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from people where ${pastRetentionCondition(retentionDays, now)}`,
  );
  return row?.n ?? 0;
}

export type RetentionReport = {
  retention_days: number;
  cutoff: string;
  /** People erased by this run. */
  erased: number;
  /** Rows removed or anonymised per table, over every erasure of this run. */
  rows: Record<string, number>;
  /** People whose erasure failed (each rolled back on its own); the next run tries them again. */
  failed: { person_id: string; error: string }[];
};

/**
 * Erases everyone past the retention period, each person in a transaction of their own, so one failure does not
 * keep the others. A person already erased is never erased again, so running it twice changes nothing.
 */
export async function erasePeoplePastRetention(
  db: Tx,
  {
    retentionDays,
    now,
    actor,
    batchSize = 500,
  }: { retentionDays: number; now: Date; actor: GdprActor; batchSize?: number },
): Promise<RetentionReport> {
  const report: RetentionReport = {
    retention_days: retentionDays,
    cutoff: new Date(now.getTime() - retentionDays * DAY_MS).toISOString(),
    erased: 0,
    rows: {},
    failed: [],
  };
  const failed = new Set<string>();
  for (;;) {
    const due = await queryRows<{ id: string }>(
      db,
      sql`select id from people where ${pastRetentionCondition(retentionDays, now)} order by id limit ${batchSize + failed.size}`,
    );
    const batch = due.filter((row) => !failed.has(row.id));
    if (batch.length === 0) break;
    for (const { id } of batch) {
      let result: ErasureResult;
      try {
        result = await erasePerson(db, {
          personId: id,
          ground: 'retention',
          reason: `Retention period of ${retentionDays} days ended`,
          actor,
          now,
        });
      } catch (error) {
        failed.add(id);
        report.failed.push({ person_id: id, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (result.status !== 'erased') continue;
      report.erased += 1;
      for (const [table, n] of Object.entries(result.summary)) report.rows[table] = (report.rows[table] ?? 0) + n;
    }
  }
  return report;
}
