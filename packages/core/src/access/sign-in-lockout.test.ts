import { describe, expect, it } from 'vitest';
import { signInLockout } from './sign-in-lockout';

const now = new Date('2026-11-23T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const failure = (minutes: number) => ({ succeeded: false, attemptedAt: minutesAgo(minutes) });
const success = (minutes: number) => ({ succeeded: true, attemptedAt: minutesAgo(minutes) });

describe('signInLockout', () => {
  it('allows four recent failures and locks on the fifth, until the cooldown after the last', () => {
    expect(signInLockout([failure(4), failure(3), failure(2), failure(1)], now)).toEqual({ locked: false });
    expect(signInLockout([failure(5), failure(4), failure(3), failure(2), failure(1)], now)).toEqual({
      locked: true,
      retryAt: new Date(now.getTime() + 14 * 60_000),
    });
  });

  it('forgets failures older than the window', () => {
    expect(signInLockout([failure(40), failure(30), failure(20), failure(3), failure(1)], now)).toEqual({
      locked: false,
    });
  });

  it('unlocks once the cooldown has passed', () => {
    const attempts = [failure(30), failure(29), failure(28), failure(27), failure(16)];
    expect(signInLockout(attempts, now, { maxFailures: 5, windowMs: 60 * 60_000, cooldownMs: 15 * 60_000 })).toEqual({
      locked: false,
    });
  });

  it('counts only failures since the last successful sign-in', () => {
    expect(signInLockout([failure(6), failure(5), failure(4), success(3), failure(2), failure(1)], now)).toEqual({
      locked: false,
    });
  });

  it('takes the recorded order over timestamps that tie', () => {
    const sameMoment = { succeeded: false, attemptedAt: now };
    const success = { succeeded: true, attemptedAt: now };
    expect(signInLockout([success, sameMoment, sameMoment, sameMoment, sameMoment, sameMoment], now).locked).toBe(true);
    expect(signInLockout([sameMoment, sameMoment, sameMoment, sameMoment, sameMoment, success], now).locked).toBe(
      false,
    );
  });
});
