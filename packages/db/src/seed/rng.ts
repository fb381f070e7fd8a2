import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const TWO_POW_32 = 4_294_967_296;

function hex32(n: number): string {
  return `${HEX[n >>> 24]}${HEX[(n >>> 16) & 255]}${HEX[(n >>> 8) & 255]}${HEX[n & 255]}`;
}

function hex16(n: number): string {
  return `${HEX[(n >>> 8) & 255]}${HEX[n & 255]}`;
}

/** A 32-bit avalanche mix (murmur3 finaliser), to turn small seeds and stream numbers into unrelated states. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** The generator seed of one independent stream of a run, so e.g. the catalogue does not shift with the people count. */
export function streamSeed(seed: number, stream: number): number {
  const low = (seed % TWO_POW_32) | 0;
  const high = Math.floor(seed / TWO_POW_32) | 0;
  return mix32(mix32(low ^ mix32(high + 0x9e3779b9)) + Math.imul(stream + 1, 0x27d4eb2d));
}

/**
 * A seeded pseudo-random source (xoroshiro128+ from pure-rand) with the distributions the generator needs. Every
 * draw advances the state, so the same seed and the same sequence of calls give the same values.
 */
export class Rng {
  private readonly generator: Generator;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
    // The first outputs of xoroshiro seeded from one 32-bit number are correlated with the seed: skip them.
    for (let i = 0; i < 20; i++) this.generator.next();
  }

  uint32(): number {
    return this.generator.next() >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.generator.next() >>> 0) / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const u = 1 - this.float();
    const v = this.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** exp(N(mu, sigma)). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.float();
    while (product > limit) {
      count++;
      product *= this.float();
    }
    return count;
  }

  /** A random (version 4) UUID drawn from this generator, so identifiers are reproducible too. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    const version = (b & 0x0fff) | 0x4000;
    const variant = ((c >>> 16) & 0x3fff) | 0x8000;
    return `${hex32(a)}-${hex16(b >>> 16)}-${hex16(version)}-${hex16(variant)}-${hex16(c & 0xffff)}${hex32(d)}`;
  }
}

/** Draws from a fixed discrete distribution in O(log n): the weights are turned into a cumulative table once. */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length)
      throw new Error('WeightedTable needs one weight per item');
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((weight, i) => {
      sum += Math.max(0, weight);
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  static fromRecord<K extends string>(weights: Readonly<Record<K, number>>): WeightedTable<K> {
    const keys = Object.keys(weights) as K[];
    return new WeightedTable(
      keys,
      keys.map((key) => weights[key]),
    );
  }

  indexOf(rng: Rng): number {
    const target = rng.float() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  draw(rng: Rng): T {
    return this.items[this.indexOf(rng)] as T;
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
