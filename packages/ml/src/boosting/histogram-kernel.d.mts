export function accumulate(
  data: Uint16Array,
  stride: number,
  from: number,
  to: number,
  rows: Int32Array,
  start: number,
  end: number,
  gradients: Float64Array,
  histogram: Float64Array,
): void;
