/**
 * The lockout rule for password sign-in: after `maxFailures` failed attempts on one account within `window`, further
 * attempts are refused until `cooldown` has passed since the last failure. Attempts refused during a lockout are
 * recorded as failures too, so hammering an account keeps it locked. Pure: the caller passes the attempts and `now`.
 */
export type LockoutPolicy = { maxFailures: number; windowMs: number; cooldownMs: number };

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  cooldownMs: 15 * 60_000,
};

export type SignInAttempt = { succeeded: boolean; attemptedAt: Date };

export type LockoutState = { locked: false } | { locked: true; retryAt: Date };

export function signInLockout(
  attempts: readonly SignInAttempt[],
  now: Date,
  policy = DEFAULT_LOCKOUT_POLICY,
): LockoutState {
  const windowStart = now.getTime() - policy.windowMs;
  const sorted = [...attempts].sort((a, b) => a.attemptedAt.getTime() - b.attemptedAt.getTime());
  const lastSuccess =
    sorted.findLast((attempt) => attempt.succeeded)?.attemptedAt.getTime() ?? Number.NEGATIVE_INFINITY;
  const recentFailures = sorted.filter(
    (attempt) => !attempt.succeeded && attempt.attemptedAt.getTime() > Math.max(windowStart, lastSuccess),
  );
  const lastFailure = recentFailures.at(-1);
  if (recentFailures.length < policy.maxFailures || !lastFailure) return { locked: false };
  const retryAt = new Date(lastFailure.attemptedAt.getTime() + policy.cooldownMs);
  return retryAt > now ? { locked: true, retryAt } : { locked: false };
}
