import { DEFAULT_LOCKOUT_POLICY, ROLES, type Role, type SignInAttempt, signInLockout } from '@ivy/core';
import { and, asc, count, gt, gte, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { auditLog, loginAttempts, sessions, users } from '../schema';

export type IdentityHealth = {
  users: { total: number; active: number; active_by_role: Record<Role, number> };
  active_sessions: number;
  sign_in: { attempts_24h: number; failures_24h: number; locked_accounts: number };
  audit: { entries_24h: number; denials_24h: number; last_entry_at: Date | null };
};

const DAY_MS = 24 * 3_600_000;

/** Live figures for the seed's user-management health endpoint: who can sign in, who is, and what was refused. */
export async function identityHealth(db: Tx, now: Date): Promise<IdentityHealth> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const [userRows, [sessionRow], [signInRow], [auditRow], recentAttempts] = await Promise.all([
    db.select({ role: users.role, active: users.active, n: count() }).from(users).groupBy(users.role, users.active),
    db
      .select({ n: count() })
      .from(sessions)
      .where(and(isNull(sessions.revoked_at), gt(sessions.expires_at, now))),
    db
      .select({
        attempts: count(),
        failures: sql<number>`count(*) filter (where not ${loginAttempts.succeeded})`.mapWith(Number),
      })
      .from(loginAttempts)
      .where(gte(loginAttempts.attempted_at, dayAgo)),
    db
      .select({
        entries: count(),
        denials: sql<number>`count(*) filter (where ${auditLog.outcome} = 'denied')`.mapWith(Number),
        last: sql<Date | null>`max(${auditLog.occurred_at})`.mapWith((value) => (value ? new Date(value) : null)),
      })
      .from(auditLog)
      .where(gte(auditLog.occurred_at, dayAgo)),
    db
      .select({
        email: loginAttempts.email_normalized,
        succeeded: loginAttempts.succeeded,
        attemptedAt: loginAttempts.attempted_at,
      })
      .from(loginAttempts)
      .where(
        gte(
          loginAttempts.attempted_at,
          new Date(now.getTime() - DEFAULT_LOCKOUT_POLICY.windowMs - DEFAULT_LOCKOUT_POLICY.cooldownMs),
        ),
      )
      .orderBy(asc(loginAttempts.id)),
  ]);

  const byRole = Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>;
  let total = 0;
  let active = 0;
  for (const row of userRows) {
    total += row.n;
    if (row.active) {
      active += row.n;
      byRole[row.role] += row.n;
    }
  }

  const attemptsByEmail = new Map<string, SignInAttempt[]>();
  for (const { email, ...attempt } of recentAttempts) {
    const list = attemptsByEmail.get(email) ?? [];
    list.push(attempt);
    attemptsByEmail.set(email, list);
  }
  const lockedAccounts = [...attemptsByEmail.values()].filter((attempts) => signInLockout(attempts, now).locked).length;

  return {
    users: { total, active, active_by_role: byRole },
    active_sessions: sessionRow?.n ?? 0,
    sign_in: {
      attempts_24h: signInRow?.attempts ?? 0,
      failures_24h: signInRow?.failures ?? 0,
      locked_accounts: lockedAccounts,
    },
    audit: {
      entries_24h: auditRow?.entries ?? 0,
      denials_24h: auditRow?.denials ?? 0,
      last_entry_at: auditRow?.last ?? null,
    },
  };
}
