import { MlInputError } from './errors';

/**
 * A dense numeric matrix stored column by column (one Float64Array per feature), so per-feature work — binning,
 * histograms, scaling — runs over contiguous memory. NaN marks a missing value.
 */
export class Matrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly columns: readonly Float64Array[];

  constructor(columns: readonly Float64Array[], nRows = columns[0]?.length ?? 0) {
    for (const [j, column] of columns.entries()) {
      if (column.length !== nRows) throw new MlInputError(`column ${j} has ${column.length} rows, expected ${nRows}`);
    }
    this.columns = columns;
    this.nRows = nRows;
    this.nCols = columns.length;
  }

  /** From row arrays (`number[][]`); every row must have the same length. */
  static fromRows(rows: readonly ArrayLike<number>[]): Matrix {
    const nCols = rows[0]?.length ?? 0;
    const columns = Array.from({ length: nCols }, () => new Float64Array(rows.length));
    rows.forEach((row, i) => {
      if (row.length !== nCols) throw new MlInputError(`row ${i} has ${row.length} values, expected ${nCols}`);
      for (let j = 0; j < nCols; j++) (columns[j] as Float64Array)[i] = row[j] as number;
    });
    return new Matrix(columns, rows.length);
  }

  /** From a row-major buffer of `nRows × nCols` values. */
  static fromRowMajor(values: ArrayLike<number>, nRows: number, nCols: number): Matrix {
    if (values.length !== nRows * nCols)
      throw new MlInputError(`expected ${nRows * nCols} values for ${nRows} × ${nCols}, got ${values.length}`);
    const columns = Array.from({ length: nCols }, () => new Float64Array(nRows));
    for (let i = 0; i < nRows; i++) {
      for (let j = 0; j < nCols; j++) (columns[j] as Float64Array)[i] = values[i * nCols + j] as number;
    }
    return new Matrix(columns, nRows);
  }

  column(j: number): Float64Array {
    const column = this.columns[j];
    if (!column) throw new MlInputError(`no column ${j} in a matrix with ${this.nCols} columns`);
    return column;
  }

  get(i: number, j: number): number {
    return this.column(j)[i] as number;
  }

  /** One row, copied into `out` when given. Allocates otherwise: keep it out of hot loops. */
  row(i: number, out = new Float64Array(this.nCols)): Float64Array {
    for (let j = 0; j < this.nCols; j++) out[j] = (this.columns[j] as Float64Array)[i] as number;
    return out;
  }

  /** The rows at `indices`, in that order (repeats allowed, as for a bootstrap sample). */
  selectRows(indices: ArrayLike<number>): Matrix {
    const columns = this.columns.map((column) => {
      const picked = new Float64Array(indices.length);
      for (let k = 0; k < indices.length; k++) picked[k] = column[indices[k] as number] as number;
      return picked;
    });
    return new Matrix(columns, indices.length);
  }

  selectColumns(indices: readonly number[]): Matrix {
    return new Matrix(
      indices.map((j) => this.column(j)),
      this.nRows,
    );
  }

  /** Row-major copy, for algorithms that sweep rows (k-means distances, linear models). */
  toRowMajor(): Float64Array {
    const out = new Float64Array(this.nRows * this.nCols);
    for (let j = 0; j < this.nCols; j++) {
      const column = this.columns[j] as Float64Array;
      for (let i = 0; i < this.nRows; i++) out[i * this.nCols + j] = column[i] as number;
    }
    return out;
  }

  toRows(): number[][] {
    return Array.from({ length: this.nRows }, (_, i) => Array.from(this.row(i)));
  }
}

export type MatrixLike = Matrix | readonly (readonly number[])[];

export function asMatrix(X: MatrixLike): Matrix {
  return X instanceof Matrix ? X : Matrix.fromRows(X);
}

/** Selects `indices` of a label or weight vector, typed like the source. */
export function take(values: ArrayLike<number>, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k] as number] as number;
  return out;
}
