import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './circuit-breaker';

describe('createCircuitBreaker', () => {
  const setup = () => {
    let at = 0;
    const breaker = createCircuitBreaker({ now: () => new Date(at), failureThreshold: 3, coolDownMs: 1000 });
    return { breaker, advance: (ms: number) => (at += ms) };
  };

  it('opens only on consecutive failures: a success in between starts the count again', () => {
    const { breaker } = setup();
    const fail = () => breaker.failed(breaker.tryAcquire() ?? { trial: false });
    fail();
    fail();
    breaker.succeeded({ trial: false });
    fail();
    fail();
    expect(breaker.state).toBe('closed');
    fail();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBeNull();
  });

  it('lets exactly one trial through after the cool-down, and closes when it succeeds', () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 3; i++) breaker.failed({ trial: false });
    advance(1000);
    const trial = breaker.tryAcquire();
    expect(trial).toEqual({ trial: true });
    expect(breaker.tryAcquire()).toBeNull();
    breaker.succeeded(trial ?? { trial: true });
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toEqual({ trial: false });
  });

  it('re-opens for a full cool-down when the trial fails, ignoring late failures of calls started earlier', () => {
    const { breaker, advance } = setup();
    const early = breaker.tryAcquire() ?? { trial: false };
    for (let i = 0; i < 3; i++) breaker.failed({ trial: false });
    advance(1000);
    const trial = breaker.tryAcquire() ?? { trial: true };
    // A call from before the circuit opened fails now: it must not end the trial.
    breaker.failed(early);
    expect(breaker.tryAcquire()).toBeNull();
    breaker.failed(trial);
    advance(999);
    expect(breaker.tryAcquire()).toBeNull();
    advance(1);
    expect(breaker.tryAcquire()).toEqual({ trial: true });
  });
});
