import { describe, expect, it } from 'vitest';
import { RandomState } from '../random';
import { MISSING_BIN } from '../tree/bin-mapper';
import { sharedFloat64 } from './helper';
import { buildHistogram, createHistogram, HistogramBuilder, SLOT_WIDTH, subtractHistogram } from './histogram';
import { packBins } from './packed-bins';

function randomBins(random: RandomState, nRows: number, nBins: Int32Array): Uint8Array[] {
  return Array.from(nBins, (bins) =>
    Uint8Array.from({ length: nRows }, () => (random.float() < 0.1 ? MISSING_BIN : random.int(bins))),
  );
}

/** Gradient and hessian of row i at 2i and 2i + 1, as boosting lays them out. */
function interleave(gradient: Float64Array, hessian: Float64Array): Float64Array {
  const out = new Float64Array(2 * gradient.length);
  gradient.forEach((g, i) => {
    out[2 * i] = g;
    out[2 * i + 1] = hessian[i] as number;
  });
  return out;
}

describe('buildHistogram', () => {
  it('sums gradient, hessian and count per bin, missing values in each feature’s last slot, across groups', () => {
    const random = new RandomState(1);
    // 300 features of 255 bins need 76,800 slots: more than one 16-bit group.
    const nBins = Int32Array.from({ length: 300 }, (_, j) => (j % 7 === 0 ? 2 : 255));
    const nRows = 50;
    const columns = randomBins(random, nRows, nBins);
    const features = Int32Array.from({ length: 300 }, (_, j) => j);
    const packed = packBins(columns, nBins, features);
    expect(packed.groups.length).toBeGreaterThan(1);
    const gradient = Float64Array.from({ length: nRows }, () => random.normal());
    const hessian = Float64Array.from({ length: nRows }, () => random.float());
    const rows = Int32Array.from([3, 7, 8, 20, 21, 22, 40, 49]);
    const histogram = createHistogram(packed);
    buildHistogram(packed, rows, 1, 7, interleave(gradient, hessian), histogram);
    for (let f = 0; f < features.length; f++) {
      const expected = new Float64Array(((nBins[f] as number) + 1) * SLOT_WIDTH);
      for (let k = 1; k < 7; k++) {
        const row = rows[k] as number;
        const bin = (columns[f] as Uint8Array)[row] as number;
        const at = (bin === MISSING_BIN ? (nBins[f] as number) : bin) * SLOT_WIDTH;
        expected[at] = (expected[at] as number) + (gradient[row] as number);
        expected[at + 1] = (expected[at + 1] as number) + (hessian[row] as number);
        expected[at + 2] = (expected[at + 2] as number) + 1;
      }
      const first = (packed.slot[f] as number) * SLOT_WIDTH;
      expect(Array.from(histogram.subarray(first, first + expected.length))).toEqual(Array.from(expected));
    }
  });

  it('gives the sibling by subtraction', () => {
    const random = new RandomState(2);
    const nBins = Int32Array.from([4, 9, 255]);
    const columns = randomBins(random, 100, nBins);
    const packed = packBins(columns, nBins, Int32Array.from([0, 2]));
    const gradients = interleave(
      Float64Array.from({ length: 100 }, () => random.int(9) - 4),
      Float64Array.from({ length: 100 }, () => random.int(5)),
    );
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    const parent = createHistogram(packed);
    const left = createHistogram(packed);
    const right = createHistogram(packed);
    buildHistogram(packed, rows, 0, 100, gradients, parent);
    buildHistogram(packed, rows, 0, 37, gradients, left);
    buildHistogram(packed, rows, 37, 100, gradients, right);
    subtractHistogram(parent, left);
    // Integer-valued gradients: the subtraction is exact.
    expect(Array.from(parent)).toEqual(Array.from(right));
  });

  it('gives the same bits with the helper worker as on one thread, across groups and row ranges', () => {
    const random = new RandomState(3);
    const nBins = Int32Array.from({ length: 300 }, (_, j) => (j % 7 === 0 ? 2 : 255));
    const nRows = 2_000;
    const columns = randomBins(random, nRows, nBins);
    const packed = packBins(
      columns,
      nBins,
      Int32Array.from({ length: 300 }, (_, j) => j),
    );
    expect(packed.groups.length).toBeGreaterThan(1);
    const rows = new Int32Array(new SharedArrayBuffer(nRows * 4));
    rows.set(random.sampleWithoutReplacement(nRows, nRows));
    const gradients = sharedFloat64(2 * nRows);
    for (let i = 0; i < nRows; i++) {
      gradients[2 * i] = random.normal();
      gradients[2 * i + 1] = random.float();
    }
    const builder = new HistogramBuilder(rows, gradients, 2);
    expect(builder.threads).toBe(2);
    for (const [start, end] of [
      [0, nRows],
      [17, 1_500],
      [3, 9],
    ] as const) {
      const threaded = createHistogram(packed);
      builder.build(packed, start, end, threaded);
      const single = createHistogram(packed);
      buildHistogram(packed, rows, start, end, gradients, single);
      expect(Buffer.from(threaded.buffer).equals(Buffer.from(single.buffer))).toBe(true);
    }
  });
});
