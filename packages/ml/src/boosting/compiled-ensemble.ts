import type { Matrix } from '../matrix';
import { LEAF, type Tree } from '../tree/tree';
import { Helper, sharedFloat64 } from './helper';
import { JOB } from './helper-protocol.mjs';
import { addEnsembleRows, MISSING, NODE_WIDTH } from './predict-kernel.mjs';

/**
 * Trees flattened into one set of arrays for prediction on binned rows. Every feature a tree splits on gets the
 * sorted distinct thresholds it is split at (its "edges"); a node's test `x <= threshold` becomes `bin(x) <= b`
 * with b the threshold's index among the edges, so the walk compares small integers from a 16-bit row block that
 * stays in L1 cache, whatever the width of X (features no tree uses are never read). Leaves point to themselves, so
 * every row takes exactly `depth` steps in a tree: a loop with no leaf test, whose rows the CPU can overlap.
 */
export type CompiledEnsemble = {
  /** Column of X behind each used feature; nodes name features by their index here. */
  columns: Int32Array;
  /** Per used feature: its edges, padded with +∞ to a power of two longer than them (for a branchless search). */
  edges: Float64Array[];
  /**
   * Per node, NODE_WIDTH ints: 2·used feature + shift, threshold bin + shift, left child (the right one is next to
   * it, so the step is an index computed from the test, not a branch). shift = 1 when missing values go left: a row
   * goes right when (bin + shift) mod 2¹⁶ > threshold bin + shift, the same test for values, while the shift wraps
   * the missing bin (0xffff, above every value bin) round to 0, below every threshold. Leaves are their own children.
   */
  nodes: Int32Array;
  value: Float64Array;
  root: Int32Array;
  depth: Int32Array;
};

/**
 * Bins must fit 16 bits beside the missing bin. Boosting splits at most 254 bin edges per feature, so only
 * hand-made trees could pass this.
 */
const MAX_EDGES = MISSING - 1;

export function compileEnsemble(trees: readonly Tree[]): CompiledEnsemble {
  const thresholds = new Map<number, Set<number>>();
  let total = 0;
  for (const tree of trees) {
    total += tree.nodeCount;
    for (let node = 0; node < tree.nodeCount; node++) {
      const feature = tree.feature[node] as number;
      if (feature === LEAF) continue;
      const set = thresholds.get(feature) ?? new Set<number>();
      thresholds.set(feature, set);
      // −0 and 0 are the same test; the Set keeps one of them.
      set.add(tree.threshold[node] as number);
    }
  }
  const columns = Int32Array.from(thresholds.keys()).sort();
  const slotOf = new Map<number, number>();
  const bins: Map<number, number>[] = [];
  const edges = Array.from(columns, (column, slot) => {
    slotOf.set(column, slot);
    const sorted = Float64Array.from(thresholds.get(column) as Set<number>).sort();
    if (sorted.length > MAX_EDGES) throw new RangeError(`more than ${MAX_EDGES} thresholds on feature ${column}`);
    bins.push(new Map(Array.from(sorted, (threshold, b) => [threshold, b])));
    let size = 1;
    while (size <= sorted.length) size *= 2;
    const padded = sharedFloat64(size).fill(Number.POSITIVE_INFINITY);
    padded.set(sorted);
    return padded;
  });

  const compiled: CompiledEnsemble = {
    columns,
    edges,
    // Shared memory, so handing the ensemble to the helper worker copies nothing big.
    nodes: new Int32Array(new SharedArrayBuffer(NODE_WIDTH * total * Int32Array.BYTES_PER_ELEMENT)),
    value: sharedFloat64(total),
    root: new Int32Array(trees.length),
    depth: new Int32Array(trees.length),
  };
  const order = new Int32Array(Math.max(0, ...trees.map((tree) => tree.nodeCount)));
  let base = 0;
  trees.forEach((tree, t) => {
    compiled.root[t] = base;
    compiled.depth[t] = treeDepth(tree);
    // Renumbered breadth-first, so that a node's children sit side by side: right = left + 1.
    order[0] = 0;
    let placed = 1;
    for (let at = 0; at < placed; at++) {
      const node = order[at] as number;
      const out = NODE_WIDTH * (base + at);
      compiled.value[base + at] = tree.value[node] as number;
      const feature = tree.feature[node] as number;
      if (feature === LEAF) {
        // A test no bin passes (nothing is above 0xffff) keeps the row where it is.
        compiled.nodes[out + 1] = MISSING;
        compiled.nodes[out + 2] = base + at;
        continue;
      }
      const slot = slotOf.get(feature) as number;
      const shift = tree.missingLeft[node] as number;
      compiled.nodes[out] = 2 * slot + shift;
      compiled.nodes[out + 1] =
        ((bins[slot] as Map<number, number>).get(tree.threshold[node] as number) as number) + shift;
      compiled.nodes[out + 2] = base + placed;
      order[placed++] = tree.left[node] as number;
      order[placed++] = tree.right[node] as number;
    }
    base += tree.nodeCount;
  });
  return compiled;
}

/** Edges on the longest root-to-leaf path. */
export function treeDepth(tree: Tree): number {
  const depth = new Int32Array(tree.nodeCount);
  let deepest = 0;
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.feature[node] === LEAF) continue;
    const d = (depth[node] as number) + 1;
    depth[tree.left[node] as number] = d;
    depth[tree.right[node] as number] = d;
    if (d > deepest) deepest = d;
  }
  return deepest;
}

// Below this many row × tree walks (about 5 ms) a prediction runs on the calling thread alone: handing half the rows
// to the worker (copies, a wake-up, and a wait on a thread the OS may not schedule at once) would cost more.
const MIN_SHARED_WORK = 1_000_000;

/**
 * Adds every tree's value to `out`, trees in order for each row (so the sum has the same bits however X was loaded
 * and whatever the thread count). With `nThreads` 2 the helper worker predicts the second half of the rows from
 * shared copies of the used columns while the calling thread predicts the first half.
 */
export function addEnsemblePrediction(compiled: CompiledEnsemble, X: Matrix, out: Float64Array, nThreads = 1): void {
  const columns = Array.from(compiled.columns, (column) => X.columns[column] as Float64Array);
  const helper = nThreads > 1 && X.nRows * compiled.root.length >= MIN_SHARED_WORK ? Helper.get() : null;
  if (!helper?.ready()) {
    addEnsembleRows(compiled, columns, X.nRows, out);
    return;
  }
  const split = X.nRows >>> 1;
  const nRows = X.nRows - split;
  const shared = sharedFloat64(nRows * (columns.length + 1));
  const theirColumns = columns.map((column, slot) => {
    const copy = shared.subarray(slot * nRows, (slot + 1) * nRows);
    copy.set(column.subarray(split));
    return copy;
  });
  const theirOut = shared.subarray(columns.length * nRows);
  theirOut.set(out.subarray(split));
  const id = helper.nextId();
  helper.post({ kind: 'predict', id, ensemble: compiled, columns: theirColumns, nRows, out: theirOut });
  const job = helper.raise(JOB.predict, [id]);
  addEnsembleRows(compiled, columns, split, out);
  if (helper.claim(job)) addEnsembleRows(compiled, theirColumns, nRows, theirOut);
  else helper.await(job);
  out.set(theirOut, split);
}
