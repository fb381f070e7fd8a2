import type { Tx } from '../client';
import { type AuditOutcome, auditLog } from '../schema';

export type AuditEntry = {
  /** id null: an actor outside the users table, such as the command line. */
  actor: { id: string | null; label: string } | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  outcome: AuditOutcome;
  ip?: string | null;
  userAgent?: string | null;
  /** Identifiers and field names only: never passwords, tokens or personal data. */
  details?: Record<string, unknown>;
  at: Date;
};

/** Appends to the audit log; pass the transaction of the change so both land or neither does. */
export async function appendAudit(db: Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    occurred_at: entry.at,
    actor_user_id: entry.actor?.id ?? null,
    actor_label: entry.actor?.label ?? null,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId ?? null,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    user_agent: entry.userAgent ?? null,
    details: entry.details ?? {},
  });
}

/** Who is acting, from where, and when: what a write needs to audit itself in its own transaction. */
export type AuditContext = Pick<AuditEntry, 'actor' | 'ip' | 'userAgent' | 'at'>;
