import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { type AuditOutcome, auditLog } from '../schema';

export type AuditLogFilters = {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: Date;
  /** Exclusive. */
  before?: Date;
  limit: number;
  /** Id of the last entry of the previous page: entries are listed newest first by id. */
  afterId?: number;
};

export async function listAuditLog(db: Tx, filters: AuditLogFilters) {
  const conditions: (SQL | undefined)[] = [
    filters.actor
      ? or(ilike(auditLog.actor_label, `%${filters.actor}%`), sql`${auditLog.actor_user_id}::text = ${filters.actor}`)
      : undefined,
    filters.action ? ilike(auditLog.action, `%${filters.action}%`) : undefined,
    filters.outcome ? eq(auditLog.outcome, filters.outcome) : undefined,
    filters.from ? gte(auditLog.occurred_at, filters.from) : undefined,
    filters.before ? lt(auditLog.occurred_at, filters.before) : undefined,
    filters.afterId === undefined ? undefined : lt(auditLog.id, filters.afterId),
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  return { logs: page, nextAfterId: rows.length > filters.limit ? (page.at(-1)?.id ?? null) : null };
}
