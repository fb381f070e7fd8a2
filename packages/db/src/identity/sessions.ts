import { and, asc, eq, gte, isNull } from 'drizzle-orm';
import type { Tx } from '../client';
import { loginAttempts, sessions, users } from '../schema';

export async function createSession(
  db: Tx,
  session: {
    tokenHash: string;
    userId: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
    now: Date;
  },
): Promise<void> {
  await db.insert(sessions).values({
    token_hash: session.tokenHash,
    user_id: session.userId,
    created_at: session.now,
    last_seen_at: session.now,
    expires_at: session.expiresAt,
    ip: session.ip,
    user_agent: session.userAgent,
  });
  await db.update(users).set({ last_login_at: session.now }).where(eq(users.id, session.userId));
}

export async function revokeSession(db: Tx, tokenHash: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revoked_at: now })
    .where(and(eq(sessions.token_hash, tokenHash), isNull(sessions.revoked_at)));
}

export async function recordLoginAttempt(
  db: Tx,
  attempt: { email: string; succeeded: boolean; ip: string | null; at: Date },
): Promise<void> {
  await db.insert(loginAttempts).values({
    email_normalized: attempt.email.trim().toLowerCase(),
    succeeded: attempt.succeeded,
    ip: attempt.ip,
    attempted_at: attempt.at,
  });
}

/** Sign-in attempts on one account since `since`, in the order they were recorded, for the lockout rule. */
export async function recentLoginAttempts(db: Tx, email: string, since: Date) {
  const rows = await db
    .select({ succeeded: loginAttempts.succeeded, attemptedAt: loginAttempts.attempted_at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email_normalized, email.trim().toLowerCase()), gte(loginAttempts.attempted_at, since)))
    .orderBy(asc(loginAttempts.id));
  return rows;
}
