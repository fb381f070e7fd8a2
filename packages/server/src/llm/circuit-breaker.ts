export type CircuitState = 'closed' | 'open' | 'half_open';

/** Permission for one call; a trial is the single call let through after a cool-down. */
export type CircuitPass = { trial: boolean };

export type CircuitBreaker = {
  readonly state: CircuitState;
  /** A pass when a call may go ahead now, else null; in half-open, only the one trial call gets one. */
  tryAcquire(): CircuitPass | null;
  succeeded(pass: CircuitPass): void;
  failed(pass: CircuitPass): void;
};

export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_COOL_DOWN_MS = 60_000;

/**
 * Stops calling a provider that keeps failing: after `failureThreshold` consecutive failures the circuit opens and
 * calls are skipped for `coolDownMs`; then one trial call is let through (half-open), whose outcome closes the
 * circuit or opens it for another cool-down. A provider that is down costs every caller a timeout otherwise.
 */
export function createCircuitBreaker({
  now,
  failureThreshold = DEFAULT_FAILURE_THRESHOLD,
  coolDownMs = DEFAULT_COOL_DOWN_MS,
}: {
  now: () => Date;
  failureThreshold?: number;
  coolDownMs?: number;
}): CircuitBreaker {
  let failures = 0;
  let openedAt: number | null = null;
  let trialInFlight = false;

  const open = () => {
    openedAt = now().getTime();
    trialInFlight = false;
  };

  return {
    get state(): CircuitState {
      if (openedAt === null) return 'closed';
      return trialInFlight || now().getTime() - openedAt >= coolDownMs ? 'half_open' : 'open';
    },
    tryAcquire() {
      if (openedAt === null) return { trial: false };
      if (trialInFlight || now().getTime() - openedAt < coolDownMs) return null;
      trialInFlight = true;
      return { trial: true };
    },
    succeeded() {
      failures = 0;
      openedAt = null;
      trialInFlight = false;
    },
    failed(pass) {
      if (pass.trial) {
        open();
        return;
      }
      // A call started before the circuit opened and failing late says nothing new: only the trial decides.
      if (openedAt !== null) return;
      failures += 1;
      if (failures >= failureThreshold) open();
    },
  };
}
