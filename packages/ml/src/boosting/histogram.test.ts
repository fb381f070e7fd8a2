import { describe, expect, it } from 'vitest';
import { RandomState } from '../random';
import { MISSING_BIN } from '../tree/bin-mapper';
import { buildHistogram, createHistogram, SLOT_WIDTH, subtractHistogram } from './histogram';
import { packBins } from './packed-bins';

function randomBins(random: RandomState, nRows: number, nBins: Int32Array): Uint8Array[] {
  return Array.from(nBins, (bins) =>
    Uint8Array.from({ length: nRows }, () => (random.float() < 0.1 ? MISSING_BIN : random.int(bins))),
  );
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
    buildHistogram(packed, rows, 1, 7, gradient, hessian, histogram);
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
    const gradient = Float64Array.from({ length: 100 }, () => random.int(9) - 4);
    const hessian = Float64Array.from({ length: 100 }, () => random.int(5));
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    const parent = createHistogram(packed);
    const left = createHistogram(packed);
    const right = createHistogram(packed);
    buildHistogram(packed, rows, 0, 100, gradient, hessian, parent);
    buildHistogram(packed, rows, 0, 37, gradient, hessian, left);
    buildHistogram(packed, rows, 37, 100, gradient, hessian, right);
    subtractHistogram(parent, left);
    // Integer-valued gradients: the subtraction is exact.
    expect(Array.from(parent)).toEqual(Array.from(right));
  });
});
