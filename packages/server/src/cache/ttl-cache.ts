export type TtlCache<T> = { get(): Promise<T> };

/**
 * A value loaded at most once per `maxAgeMs` (on real time, not the app's clock), shared by concurrent callers; a
 * failed load is not kept, so the next call tries again.
 */
export function createTtlCache<T>(
  load: () => Promise<T>,
  { maxAgeMs, clock = () => performance.now() }: { maxAgeMs: number; clock?: () => number },
): TtlCache<T> {
  let cached: { readAt: number; value: Promise<T> } | undefined;
  return {
    get() {
      const now = clock();
      if (!cached || now - cached.readAt > maxAgeMs) {
        const value = load();
        cached = { readAt: now, value };
        value.catch(() => {
          if (cached?.value === value) cached = undefined;
        });
      }
      return cached.value;
    },
  };
}
