import { MISSING_BIN } from '../tree/bin-mapper';

/**
 * Binned features laid out for histogram building: row-major, one Uint16 per (row, feature) holding the histogram
 * slot the value lands in, so the hot loop is a load and three adds with no per-feature offset lookup. Each feature
 * has `nBins` slots for its values and one more for missing values. Rows are padded to a multiple of 4 features
 * (pointing at a "sink" slot nobody reads) so the kernel can be unrolled. Features are split into groups whose slots
 * fit in 16 bits; each group owns a contiguous range of the histogram.
 */
export type PackedBins = {
  nRows: number;
  /** Original column of each packed feature. */
  features: Int32Array;
  /** Non-missing bins of each packed feature; its missing slot is `slot + nBins`. */
  nBins: Int32Array;
  /** First histogram slot of each packed feature, counted over all groups. */
  slot: Int32Array;
  /** Slots in a whole histogram (every group's, sinks included). */
  nSlots: number;
  groups: PackedGroup[];
};

export type PackedGroup = {
  /** First histogram slot of the group. */
  slotBase: number;
  nSlots: number;
  stride: number;
  data: Uint16Array;
};

const MAX_GROUP_SLOTS = 65_536;
const UNROLL = 4;

/** Packs the binned `columns` listed in `features`; `nBins[j]` is column j's count of non-missing bins. */
export function packBins(columns: readonly Uint8Array[], nBins: Int32Array, features: Int32Array): PackedBins {
  const nRows = columns[0]?.length ?? 0;
  const packedBins = new Int32Array(features.length);
  const slot = new Int32Array(features.length);
  const groups: PackedGroup[] = [];
  let first = 0;
  let slotBase = 0;
  while (first < features.length) {
    let last = first;
    let groupSlots = 0;
    while (last < features.length) {
      const width = (nBins[features[last] as number] as number) + 1;
      // +1 keeps room for the group's sink slot.
      if (last > first && groupSlots + width + 1 > MAX_GROUP_SLOTS) break;
      packedBins[last] = width - 1;
      slot[last] = slotBase + groupSlots;
      groupSlots += width;
      last++;
    }
    const sink = groupSlots;
    const stride = Math.ceil((last - first) / UNROLL) * UNROLL;
    // Shared memory, so the histogram worker reads it in place.
    const data = new Uint16Array(new SharedArrayBuffer(nRows * stride * Uint16Array.BYTES_PER_ELEMENT)).fill(sink);
    for (let k = first; k < last; k++) {
      const column = columns[features[k] as number] as Uint8Array;
      const offset = (slot[k] as number) - slotBase;
      const missing = offset + (packedBins[k] as number);
      const position = k - first;
      for (let i = 0; i < nRows; i++) {
        const bin = column[i] as number;
        data[i * stride + position] = bin === MISSING_BIN ? missing : offset + bin;
      }
    }
    groups.push({ slotBase, nSlots: groupSlots + 1, stride, data });
    slotBase += groupSlots + 1;
    first = last;
  }
  return { nRows, features, nBins: packedBins, slot, nSlots: slotBase, groups };
}
