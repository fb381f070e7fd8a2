export const MISSING: number;
export const NODE_WIDTH: number;

export type EnsembleArrays = {
  edges: readonly Float64Array[];
  nodes: Int32Array;
  value: Float64Array;
  root: Int32Array;
  depth: Int32Array;
};

export function addEnsembleRows(
  ensemble: EnsembleArrays,
  columns: readonly Float64Array[],
  nRows: number,
  out: Float64Array,
): void;
