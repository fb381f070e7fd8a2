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

/** `attempts` in the order they were recorded (timestamps can tie, the order cannot). */
export function signInLockout(
  attempts: readonly SignInAttempt[],
  now: Date,
  policy = DEFAULT_LOCKOUT_POLICY,
): LockoutState {
  const windowStart = now.getTime() - policy.windowMs;
  const sinceLastSuccess = attempts.slice(attempts.findLastIndex((attempt) => attempt.succeeded) + 1);
  const recentFailures = sinceLastSuccess.filter(
    (attempt) => !attempt.succeeded && attempt.attemptedAt.getTime() > windowStart,
  );
  const lastFailure = recentFailures.at(-1);
  if (recentFailures.length < policy.maxFailures || !lastFailure) return { locked: false };
  const retryAt = new Date(lastFailure.attemptedAt.getTime() + policy.cooldownMs);
  return retryAt > now ? { locked: true, retryAt } : { locked: false };
}
