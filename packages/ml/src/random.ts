import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

const TWO_POW_32 = 4_294_967_296;
const TWO_POW_53 = 9_007_199_254_740_992;

/**
 * The only source of randomness in @ivy/ml (xoroshiro128+ from pure-rand): an estimator built with the same
 * `randomState` and fitted on the same data gives the same model. `fork()` derives an independent stream, so a
 * forest's trees do not depend on how many numbers an earlier tree drew.
 */
export class RandomState {
  private readonly generator: Generator;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`randomState must be an integer, got ${seed}`);
    this.generator = xoroshiro128plus(seed | 0);
    // Outputs right after seeding from one 32-bit number are correlated with the seed.
    for (let i = 0; i < 16; i++) this.generator.next();
  }

  uint32(): number {
    return this.generator.next() >>> 0;
  }

  /** Uniform in [0, 1) with 53 bits of precision. */
  float(): number {
    const high = this.uint32() >>> 5;
    const low = this.uint32() >>> 6;
    return (high * 67_108_864 + low) / TWO_POW_53;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Fisher–Yates, in place. */
  shuffle<T extends { length: number; [index: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  }

  /** `k` distinct integers from [0, n), in random order. */
  sampleWithoutReplacement(n: number, k: number): Int32Array {
    if (k > n) throw new RangeError(`cannot draw ${k} distinct values from ${n}`);
    const pool = new Int32Array(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const swap = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = swap;
    }
    return pool.slice(0, k);
  }

  /** An independent stream seeded from this one. */
  fork(): RandomState {
    return new RandomState((this.uint32() ^ Math.floor(this.float() * TWO_POW_32)) | 0);
  }
}
