import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MlInputError, NotFittedError, ParameterError } from '../errors';
import { Matrix } from '../matrix';
import { StandardScaler } from './standard-scaler';

const NaN_ = Number.NaN;
const X = Matrix.fromRows([
  [1, 5, 3],
  [2, NaN_, 3],
  [4, 7, 3],
  [NaN_, 8, 3],
  [10, 5, 3],
]);

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 12) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, k) => {
    if (Number.isNaN(value)) expect(actual[k]).toBeNaN();
    else expect(actual[k]).toBeCloseTo(value, digits);
  });
}

describe('StandardScaler', () => {
  it('matches scikit-learn: NaN ignored in fit and kept in transform, a constant column scaled by 1', () => {
    const scaler = new StandardScaler().fit(X);
    expectClose(scaler.mean, [4.25, 6.25, 3]);
    expectClose(scaler.variance, [12.1875, 1.6875, 0]);
    expectClose(scaler.scale, [3.491060010942235, 1.299038105676658, 1]);
    const out = scaler.transform(X);
    expectClose(out.column(0), [
      -0.9309493362512627,
      -0.6445033866354896,
      -0.0716114874039433,
      NaN_,
      1.6470642102906956,
    ]);
    expectClose(out.column(1), [
      -0.9622504486493763,
      NaN_,
      0.5773502691896257,
      1.3471506281091268,
      -0.9622504486493763,
    ]);
    expectClose(out.column(2), [0, 0, 0, 0, 0]);
  });

  it('matches scikit-learn with sample weights', () => {
    const scaler = new StandardScaler().fit(X, { sampleWeight: [1, 2, 1, 3, 0.5] });
    expectClose(scaler.mean, [3.111111111111111, 7, 3]);
    expectClose(scaler.variance, [6.987654320987655, 1.6363636363636365, 0]);
  });

  it('treats a column constant up to rounding as constant', () => {
    const scaler = new StandardScaler().fit([[0.1], [0.1], [0.1]]);
    expect(scaler.scale[0]).toBe(1);
    // The mean carries a rounding error of ~1e-17; dividing that by a ~1e-17 "std" would make it ±1.
    expect(Math.abs(scaler.transform([[0.1]]).get(0, 0))).toBeLessThan(1e-15);
  });

  it('can skip centring or scaling', () => {
    expectClose(new StandardScaler({ withMean: false }).fitTransform([[1], [3]]).column(0), [1, 3]);
    expectClose(new StandardScaler({ withStd: false }).fitTransform([[1], [3]]).column(0), [-1, 1]);
  });

  it('gives columns of mean 0 and std 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }),
        (values) => {
          fc.pre(new Set(values).size > 1 && Math.max(...values) - Math.min(...values) > 1e-3);
          const out = new StandardScaler().fitTransform(values.map((v) => [v])).column(0);
          const mean = out.reduce((a, b) => a + b, 0) / out.length;
          const variance = out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length;
          expect(mean).toBeCloseTo(0, 6);
          expect(variance).toBeCloseTo(1, 6);
        },
      ),
    );
  });

  it('refuses infinities, a wrong width and use before fit', () => {
    expect(() => new StandardScaler().fit([[1], [Number.POSITIVE_INFINITY]])).toThrow(MlInputError);
    expect(() => new StandardScaler().fit(X).transform([[1, 2]])).toThrow(/3/);
    expect(() => new StandardScaler().transform(X)).toThrow(NotFittedError);
    expect(() => new StandardScaler().toJSON()).toThrow(NotFittedError);
    expect(() => new StandardScaler({ withMean: 'yes' as unknown as boolean }).fit(X)).toThrow(ParameterError);
  });

  it('round-trips through JSON bit for bit', () => {
    const scaler = new StandardScaler({ withMean: false }).fit(X);
    const restored = StandardScaler.fromJSON(JSON.parse(JSON.stringify(scaler.toJSON())));
    expect(restored.getParams()).toEqual({ withMean: false, withStd: true });
    const a = scaler.transform(X);
    const b = restored.transform(X);
    for (let j = 0; j < 3; j++) expect(Array.from(b.column(j))).toEqual(Array.from(a.column(j)));
    expect(() => StandardScaler.fromJSON({ ...scaler.toJSON(), kind: 'SimpleImputer' })).toThrow(/StandardScaler/);
  });
});
