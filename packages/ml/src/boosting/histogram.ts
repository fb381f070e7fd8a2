import { Helper, sharedFloat64 } from './helper';
import { JOB } from './helper-protocol.mjs';
import { accumulate } from './histogram-kernel.mjs';
import type { PackedBins } from './packed-bins';

/** Values per histogram slot: gradient sum, hessian sum, row count. */
export const SLOT_WIDTH = 3;

export function createHistogram(packed: PackedBins): Float64Array {
  return sharedFloat64(packed.nSlots * SLOT_WIDTH);
}

/**
 * Fills `histogram` with the gradient, hessian and count per slot of rows[start..end), on the calling thread;
 * `gradients` holds row i's gradient and hessian at 2i and 2i + 1.
 */
export function buildHistogram(
  packed: PackedBins,
  rows: Int32Array,
  start: number,
  end: number,
  gradients: Float64Array,
  histogram: Float64Array,
): void {
  histogram.fill(0);
  for (const group of packed.groups) accumulateGroup(group, 0, group.stride, rows, start, end, gradients, histogram);
}

function accumulateGroup(
  group: PackedBins['groups'][number],
  from: number,
  to: number,
  rows: Int32Array,
  start: number,
  end: number,
  gradients: Float64Array,
  histogram: Float64Array,
): void {
  if (from === to) return;
  const slots = histogram.subarray(group.slotBase * SLOT_WIDTH, (group.slotBase + group.nSlots) * SLOT_WIDTH);
  accumulate(group.data, group.stride, from, to, rows, start, end, gradients, slots);
}

/** parent −= child: the sibling's histogram without another pass over its rows. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] as number) - (child[i] as number);
}

// Smaller jobs (rows × packed positions, about 300 µs of work) run on the calling thread alone: waking the worker
// costs microseconds on an idle machine, much more when the OS does not schedule it at once.
const MIN_SHARED_WORK = 200_000;

/**
 * Builds histograms for one fit, with the helper worker when `nThreads` is 2: the worker fills the slots of the
 * upper half of each group's packed positions while the calling thread fills the lower half; if the worker has not
 * woken up by the time the caller is done (a busy machine), the caller claims the upper half too. Every slot is
 * summed by one thread in row order either way, so histograms — and models — have the same bits whatever the thread
 * count and whoever did which half. Rows, gradients, packed data and histograms must live in shared memory
 * (sharedFloat64, packBins).
 */
export class HistogramBuilder {
  private readonly helper: Helper | null;
  private readonly packIds = new WeakMap<PackedBins, number>();
  private readonly histogramIds = new WeakMap<ArrayBufferLike, number>();
  private arraysId = 0;

  constructor(
    /** Row indices; each node's rows are a contiguous range of them. */
    readonly rows: Int32Array,
    /** Gradient and hessian of row i at 2i and 2i + 1. */
    readonly gradients: Float64Array,
    nThreads: number,
  ) {
    this.helper = nThreads > 1 ? Helper.get() : null;
    if (this.helper) {
      this.arraysId = this.helper.nextId();
      this.helper.post({ kind: 'arrays', id: this.arraysId, rows, gradients });
    }
  }

  /** Lets the worker drop this fit's buffers (it holds them until told). */
  release(): void {
    if (this.helper?.ready()) this.helper.await(this.helper.raise(JOB.release, []));
  }

  /** Threads this builder builds with: 1 when asked for, or when the worker could not start. */
  get threads(): number {
    return this.helper?.ready() ? 2 : 1;
  }

  /** Fills `histogram` with the gradient, hessian and count per slot of rows[start..end). */
  build(packed: PackedBins, start: number, end: number, histogram: Float64Array): void {
    const { rows, gradients } = this;
    let width = 0;
    for (const group of packed.groups) width += group.stride;
    const helper = this.helper;
    if (!helper || (end - start) * width < MIN_SHARED_WORK || !helper.ready()) {
      buildHistogram(packed, rows, start, end, gradients, histogram);
      return;
    }
    histogram.fill(0);
    const job = helper.raise(JOB.histogram, [
      start,
      end,
      this.histogramId(helper, histogram),
      this.packId(helper, packed),
      this.arraysId,
    ]);
    for (const group of packed.groups) {
      accumulateGroup(group, 0, splitOf(group.stride), rows, start, end, gradients, histogram);
    }
    if (!helper.claim(job)) helper.await(job);
    else {
      for (const group of packed.groups) {
        accumulateGroup(group, splitOf(group.stride), group.stride, rows, start, end, gradients, histogram);
      }
    }
  }

  private packId(helper: Helper, packed: PackedBins): number {
    let id = this.packIds.get(packed);
    if (id === undefined) {
      id = helper.nextId();
      this.packIds.set(packed, id);
      const groups = packed.groups.map(({ data, stride, slotBase, nSlots }) => ({
        data,
        stride,
        split: splitOf(stride),
        slotBase,
        nSlots,
      }));
      helper.post({ kind: 'pack', id, groups });
    }
    return id;
  }

  private histogramId(helper: Helper, histogram: Float64Array): number {
    let id = this.histogramIds.get(histogram.buffer);
    if (id === undefined) {
      id = helper.nextId();
      this.histogramIds.set(histogram.buffer, id);
      helper.post({ kind: 'histogram', id, histogram: new Float64Array(histogram.buffer) });
    }
    return id;
  }
}

/** Where the worker's share of a row's packed positions starts: half of them, kept a multiple of the unroll (4). */
function splitOf(stride: number): number {
  return Math.floor(stride / 8) * 4;
}
