import { describe, expect, it } from 'vitest';
import { type LineFunction, strongWolfeLineSearch } from './wolfe-line-search';

/** φ(α) − φ(0) and φ'(α) for φ(α) = f(α) given f and f'. */
function line(f: (a: number) => number, df: (a: number) => number): LineFunction & { calls: number } {
  const wrapped = ((alpha: number, out: Float64Array) => {
    wrapped.calls++;
    out[0] = f(alpha) - f(0);
    out[1] = df(alpha);
  }) as LineFunction & { calls: number };
  wrapped.calls = 0;
  return wrapped;
}

function expectStrongWolfe(f: (a: number) => number, df: (a: number) => number, alpha: number) {
  expect(alpha).toBeGreaterThan(0);
  expect(f(alpha)).toBeLessThanOrEqual(f(0) + 1e-4 * alpha * df(0));
  expect(Math.abs(df(alpha))).toBeLessThanOrEqual(0.9 * Math.abs(df(0)));
}

describe('strongWolfeLineSearch', () => {
  it('accepts the unit step of an exact Newton direction at once', () => {
    const f = (a: number) => (a - 1) ** 2;
    const df = (a: number) => 2 * (a - 1);
    const search = line(f, df);
    expect(strongWolfeLineSearch(search, df(0), 1)).toBe(1);
    expect(search.calls).toBe(1);
  });

  it('expands a step that is far too short', () => {
    const f = (a: number) => (a - 1000) ** 2;
    const df = (a: number) => 2 * (a - 1000);
    const alpha = strongWolfeLineSearch(line(f, df), df(0), 1);
    expectStrongWolfe(f, df, alpha);
  });

  it('zooms into a step that is far too long', () => {
    const f = (a: number) => Math.log(1 + Math.exp(-a)) + 1e-3 * a * a;
    const df = (a: number) => -1 / (1 + Math.exp(a)) + 2e-3 * a;
    const alpha = strongWolfeLineSearch(line(f, df), df(0), 1e6);
    expectStrongWolfe(f, df, alpha);
  });

  it('survives non-finite values beyond the domain', () => {
    const f = (a: number) => (a > 3 ? Number.POSITIVE_INFINITY : (a - 2) ** 2);
    const df = (a: number) => (a > 3 ? Number.NaN : 2 * (a - 2));
    const alpha = strongWolfeLineSearch(line(f, df), df(0), 10);
    expectStrongWolfe(f, df, alpha);
  });

  it('returns 0 when no step decreases φ', () => {
    const f = (a: number) => (a > 0 ? 1 : 0);
    const df = () => -1;
    expect(strongWolfeLineSearch(line(f, df), -1, 1)).toBe(0);
  });
});
