import { Matrix } from '../matrix';
import { RandomState } from '../random';

/** A noisy nonlinear binary problem for boosting tests: threshold, interaction and a missing-value signal. */
export function nonlinearProblem(nRows: number, seed: number, nNoise = 3) {
  const random = new RandomState(seed);
  const nCols = 3 + nNoise;
  const columns = Array.from({ length: nCols }, () => new Float64Array(nRows));
  const labels = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) (columns[j] as Float64Array)[i] = random.normal();
    const x0 = (columns[0] as Float64Array)[i] as number;
    const x1 = (columns[1] as Float64Array)[i] as number;
    const x2 = (columns[2] as Float64Array)[i] as number;
    const missing = random.float() < 0.2;
    if (missing) (columns[2] as Float64Array)[i] = Number.NaN;
    const margin = 1.5 * (x0 > 0.3 ? 1 : -1) + x0 * x1 + (missing ? 1 : 0.5 * x2);
    labels[i] = random.float() < 1 / (1 + Math.exp(-2 * margin)) ? 1 : 0;
  }
  return { X: new Matrix(columns), y: labels };
}

/** The data of the scikit-learn reference cases, built without randomness so Python can rebuild it. */
export function sklearnProblem() {
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 300; i++) {
    const x1 = i % 7 === 0 ? Number.NaN : ((i * 53) % 89) / 10;
    const row = [((i * 37) % 101) / 10, x1, (i * 17) % 13];
    rows.push(row);
    y.push(Math.sin(row[0] as number) + 0.3 * (Number.isNaN(x1) ? 12 : x1) + ((row[2] as number) > 6 ? 1 : 0));
  }
  return { rows, y };
}

export const sklearnQueries = [
  [0.5, 1.0, 2],
  [5.0, Number.NaN, 8],
  [9.9, 8.0, 12],
  [3.3, 4.4, 6],
  [7.0, Number.NaN, 0],
];
