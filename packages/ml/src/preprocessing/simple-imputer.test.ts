import { describe, expect, it } from 'vitest';
import { MlInputError, NotFittedError, ParameterError } from '../errors';
import { Matrix } from '../matrix';
import { SimpleImputer } from './simple-imputer';

const NaN_ = Number.NaN;
const X = Matrix.fromRows([
  [1, NaN_, 2],
  [3, 4, 2],
  [NaN_, 4, 7],
  [3, 1, NaN_],
  [5, 2, 7],
]);

describe('SimpleImputer', () => {
  // scikit-learn 1.2.1: SimpleImputer(strategy=…, add_indicator=True).fit_transform(X).
  const expected = {
    mean: [
      [1, 2.75, 2, 0, 1, 0],
      [3, 4, 2, 0, 0, 0],
      [3, 4, 7, 1, 0, 0],
      [3, 1, 4.5, 0, 0, 1],
      [5, 2, 7, 0, 0, 0],
    ],
    median: [
      [1, 3, 2, 0, 1, 0],
      [3, 4, 2, 0, 0, 0],
      [3, 4, 7, 1, 0, 0],
      [3, 1, 4.5, 0, 0, 1],
      [5, 2, 7, 0, 0, 0],
    ],
    most_frequent: [
      [1, 4, 2, 0, 1, 0],
      [3, 4, 2, 0, 0, 0],
      [3, 4, 7, 1, 0, 0],
      [3, 1, 2, 0, 0, 1],
      [5, 2, 7, 0, 0, 0],
    ],
  };
  for (const [strategy, rows] of Object.entries(expected)) {
    it(`matches scikit-learn for strategy ${strategy}, with indicators`, () => {
      const imputer = new SimpleImputer({ strategy: strategy as 'mean', addIndicator: true });
      expect(imputer.fitTransform(X).toRows()).toEqual(rows);
    });
  }

  it('fills a constant and adds no indicators by default', () => {
    const out = new SimpleImputer({ strategy: 'constant', fillValue: -1 }).fitTransform(X);
    expect(out.nCols).toBe(3);
    expect(out.column(2)[3]).toBe(-1);
    expect(out.column(0)[2]).toBe(-1);
  });

  it('indicates only the features that had missing values in fit, and names them', () => {
    const imputer = new SimpleImputer({ addIndicator: true }).fit([
      [1, 2],
      [NaN_, 3],
    ]);
    expect(imputer.indicatorFeatures).toEqual([0]);
    const out = imputer.transform([[NaN_, NaN_]]);
    expect(out.toRows()).toEqual([[1, 2.5, 1]]);
    expect(imputer.featureNamesOut(['age', 'visits'])).toEqual(['age', 'visits', 'missingindicator_age']);
  });

  it('keeps an all-missing column, filled with 0, so columns never shift', () => {
    const out = new SimpleImputer({ strategy: 'median' }).fitTransform([
      [NaN_, 1],
      [NaN_, 2],
    ]);
    expect(out.toRows()).toEqual([
      [0, 1],
      [0, 2],
    ]);
  });

  it('breaks most-frequent ties towards the smallest value', () => {
    const imputer = new SimpleImputer({ strategy: 'most_frequent' }).fit([[5], [2], [5], [2], [9], [NaN_]]);
    expect(imputer.statistics[0]).toBe(2);
  });

  it('does not change its input', () => {
    const input = Matrix.fromRows([[NaN_], [1]]);
    new SimpleImputer().fitTransform(input);
    expect(input.column(0)[0]).toBeNaN();
  });

  it('refuses infinities, bad parameters and use before fit', () => {
    expect(() => new SimpleImputer().fit([[1], [Number.NEGATIVE_INFINITY]])).toThrow(MlInputError);
    expect(() => new SimpleImputer({ strategy: 'mode' as 'mean' }).fit(X)).toThrow(ParameterError);
    expect(() => new SimpleImputer({ strategy: 'mode' as 'mean' }).fit(X)).toThrow(/strategy/);
    expect(() => new SimpleImputer().transform(X)).toThrow(NotFittedError);
    expect(() => new SimpleImputer().fit(X).transform([[1]])).toThrow(MlInputError);
  });

  it('round-trips through JSON', () => {
    const imputer = new SimpleImputer({ strategy: 'median', addIndicator: true }).fit(X);
    const restored = SimpleImputer.fromJSON(JSON.parse(JSON.stringify(imputer.toJSON())));
    expect(restored.transform(X).toRows()).toEqual(imputer.transform(X).toRows());
    expect(restored.indicatorFeatures).toEqual([0, 1, 2]);
  });
});
