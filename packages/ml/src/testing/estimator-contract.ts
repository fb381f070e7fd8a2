import { describe, expect, it } from 'vitest';
import { MlInputError, NotFittedError, ParameterError } from '../errors';
import { Matrix } from '../matrix';
import { RandomState } from '../random';
import type { EstimatorJSON } from '../serialization';
import { FORMAT_VERSION } from '../serialization';

type Common = {
  /** Builds the estimator; `params` is what `getParams()` returned, or overrides of the defaults. */
  create(params?: Record<string, unknown>): ContractEstimator;
  fromJSON(json: unknown): ContractEstimator;
  /** Hyper-parameters `fit` must refuse with a ParameterError. */
  invalidParams: Record<string, unknown>;
  /** Whether NaN in X is a missing value the estimator handles (trees) rather than an input error. */
  handlesMissing: boolean;
  /** Replaces `contractData()` for estimators that need other inputs, such as a calibrator's single score column. */
  data?: ContractData;
};

type ContractEstimator = {
  readonly kind: string;
  fit(X: Matrix, y?: ArrayLike<number>): unknown;
  predict(X: Matrix): Float64Array | Int32Array;
  predictProba?(X: Matrix): Matrix;
  getParams(): object;
  toJSON(): EstimatorJSON;
};

export type ContractSubject = Common & { type: 'classifier' | 'regressor' | 'clusterer' };

export type ContractData = { X: Matrix; labels: number[]; targets: number[] };

/** A small, deterministic problem: 240 rows, 5 features, a noisy linear boundary. */
export function contractData(seed = 7): ContractData {
  const random = new RandomState(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < 240; i++) {
    const row = Array.from({ length: 5 }, () => random.normal());
    const margin = 1.5 * (row[0] as number) - (row[1] as number) + 0.5 * (row[2] as number) + 0.7 * random.normal();
    rows.push(row);
    labels.push(margin > 0 ? 1 : 0);
    targets.push(margin * 10 + 3);
  }
  return { X: Matrix.fromRows(rows), labels, targets };
}

/** The same problem reduced to one noisy score column, the input of a calibrator (`data` of the subject). */
export function scoreContractData(): ContractData {
  const { X, labels, targets } = contractData();
  const score = new Float64Array(X.nRows);
  for (let i = 0; i < X.nRows; i++) score[i] = 1.5 * X.get(i, 0) - X.get(i, 1) + 0.5 * X.get(i, 2);
  return { X: new Matrix([score]), labels, targets };
}

/**
 * The scikit-learn estimator contract, run over every estimator in @ivy/ml (DESIGN.md §5). Each estimator's test
 * file calls this once with how to build and restore it.
 */
export function describeEstimatorContract(name: string, subject: ContractSubject) {
  const { X, labels, targets } = subject.data ?? contractData();
  const y = subject.type === 'classifier' ? labels : subject.type === 'regressor' ? targets : undefined;
  const fitted = () => {
    const estimator = subject.create({});
    estimator.fit(X, y);
    return estimator;
  };
  const output = (estimator: ContractEstimator) =>
    subject.type === 'classifier' && estimator.predictProba
      ? estimator.predictProba(X).column(1)
      : estimator.predict(X);

  describe(`${name} follows the estimator contract`, () => {
    it('returns itself from fit', () => {
      const estimator = subject.create({});
      expect(estimator.fit(X, y)).toBe(estimator);
    });

    it('throws NotFittedError before fit', () => {
      const estimator = subject.create({});
      expect(() => estimator.predict(X)).toThrow(NotFittedError);
      if (estimator.predictProba) expect(() => estimator.predictProba?.(X)).toThrow(NotFittedError);
      expect(() => estimator.toJSON()).toThrow(NotFittedError);
    });

    it('refuses invalid hyper-parameters at fit with a ParameterError naming them', () => {
      const estimator = subject.create(subject.invalidParams);
      const [first] = Object.keys(subject.invalidParams);
      expect(() => estimator.fit(X, y)).toThrow(ParameterError);
      expect(() => estimator.fit(X, y)).toThrow(new RegExp(String(first)));
    });

    it('refuses mismatched shapes', () => {
      if (y) expect(() => subject.create({}).fit(X, y.slice(1))).toThrow(MlInputError);
      const estimator = fitted();
      const wrongWidth = X.nCols === 2 ? [0] : X.nCols === 1 ? [0, 0] : [0, 1];
      expect(() => estimator.predict(X.selectColumns(wrongWidth))).toThrow(MlInputError);
    });

    if (y) {
      it('refuses a NaN label or target', () => {
        const bad = [...y];
        bad[3] = Number.NaN;
        expect(() => subject.create({}).fit(X, bad)).toThrow(/y\[3\]/);
      });
    }

    if (subject.type === 'classifier') {
      it('refuses a single class', () => {
        expect(() =>
          subject.create({}).fit(
            X,
            labels.map(() => 1),
          ),
        ).toThrow(/single class/);
      });

      it('gives probability rows in [0, 1] that sum to 1, in sorted class order, and predicts only classes it saw', () => {
        const estimator = subject.create({});
        estimator.fit(
          X,
          labels.map((label) => (label ? 5 : -2)),
        );
        const proba = estimator.predictProba?.(X);
        if (!proba) throw new Error('a classifier needs predictProba');
        expect(proba.nCols).toBe(2);
        for (let i = 0; i < X.nRows; i++) {
          const p0 = proba.get(i, 0);
          const p1 = proba.get(i, 1);
          expect(p1).toBeGreaterThanOrEqual(0);
          expect(p1).toBeLessThanOrEqual(1);
          expect(Math.abs(p0 + p1 - 1)).toBeLessThan(1e-12);
        }
        for (const label of estimator.predict(X)) expect([5, -2]).toContain(label);
        // Column 1 is the larger label's probability: higher, on average, where that label is true.
        const mean = (wanted: number) => {
          const rows = labels.flatMap((label, i) => (label === wanted ? [proba.get(i, 1)] : []));
          return rows.reduce((sum, p) => sum + p, 0) / rows.length;
        };
        expect(mean(1)).toBeGreaterThanOrEqual(mean(0));
      });
    }

    if (!subject.handlesMissing) {
      it('refuses missing values in X with a hint to impute', () => {
        const columns = X.columns.map((column) => column.slice());
        (columns[Math.min(2, columns.length - 1)] as Float64Array)[10] = Number.NaN;
        expect(() => subject.create({}).fit(new Matrix(columns), y)).toThrow(/impute/);
      });
    }

    it('is reproducible: the same randomState gives the same model', () => {
      const a = subject.create({ randomState: 11 });
      const b = subject.create({ randomState: 11 });
      a.fit(X, y);
      b.fit(X, y);
      expect(Array.from(output(a))).toEqual(Array.from(output(b)));
    });

    it('round-trips getParams through the constructor, and hands out a copy', () => {
      const estimator = subject.create({ randomState: 3 });
      const params = estimator.getParams();
      expect(subject.create(params as Record<string, unknown>).getParams()).toEqual(params);
      (params as Record<string, unknown>).randomState = 99;
      expect((estimator.getParams() as Record<string, unknown>).randomState).toBe(3);
    });

    it('saves to JSON with its format version and restores predictions bit for bit', () => {
      const estimator = fitted();
      const json = JSON.parse(JSON.stringify(estimator.toJSON()));
      expect(json).toMatchObject({ format: 'ivy-ml', formatVersion: FORMAT_VERSION, kind: estimator.kind });
      const restored = subject.fromJSON(json);
      const before = output(estimator);
      const after = output(restored);
      expect(after.length).toBe(before.length);
      for (let i = 0; i < before.length; i++) expect(Object.is(after[i], before[i])).toBe(true);
      expect(() => subject.fromJSON({ ...json, formatVersion: FORMAT_VERSION + 1 })).toThrow(/format version/);
    });
  });
}
