import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Tx } from '../client';
import { sessions, users } from '../schema';
import { type AuditContext, appendAudit } from './audit';

/**
 * Stores a new password hash and signs the user out everywhere else: every other session is revoked, so a
 * password changed because it leaked locks the intruder out. `keepSessionHash` is the session making the change.
 */
export async function changePassword(
  db: Tx,
  change: { userId: string; passwordHash: string; keepSessionHash: string | null },
  audit: AuditContext,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ password_hash: change.passwordHash, updated_at: audit.at })
      .where(eq(users.id, change.userId));
    await tx
      .update(sessions)
      .set({ revoked_at: audit.at })
      .where(
        and(
          eq(sessions.user_id, change.userId),
          isNull(sessions.revoked_at),
          change.keepSessionHash ? ne(sessions.token_hash, change.keepSessionHash) : undefined,
        ),
      );
    await appendAudit(tx, {
      ...audit,
      action: 'auth.password.change',
      resourceType: 'system_config',
      resourceId: change.userId,
      outcome: 'success',
    });
  });
}

export async function passwordHashOf(db: Tx, userId: string): Promise<string | null> {
  const [row] = await db.select({ hash: users.password_hash }).from(users).where(eq(users.id, userId));
  return row?.hash ?? null;
}
