import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MlInputError, ParameterError } from '../errors';
import { Matrix } from '../matrix';
import { describeEstimatorContract } from '../testing/estimator-contract';
import { LogisticRegression, type LogisticRegressionParams } from './logistic-regression';

describeEstimatorContract('LogisticRegression', {
  type: 'classifier',
  create: (params) => new LogisticRegression(params),
  fromJSON: (json) => LogisticRegression.fromJSON(json),
  invalidParams: { C: -1 },
  handlesMissing: false,
});

/** 32-bit LCG, written identically in the Python script at the end of this file. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4_294_967_296;
  };
}

const TRUE_WEIGHTS = [1.5, -1, 0.5, 0, 0.8, -0.3, 2, 0, -0.6, 0.2];
const MODERATE = { scales: [1, 2, 0.5, 3, 1, 1.5, 0.7, 3, 1, 0.8], offsets: [0, 1, -1, 0, 2, 0, 0, -1, 0, 1] };
const WILD = { scales: [1, 2, 0.5, 5, 1, 10, 0.1, 3, 1, 0.2], offsets: [0, 1, -2, 0, 5, 0, 0, -1, 0, 3] };

/** 2,000 × 10, a noisy linear boundary, about a third positive; the same arithmetic in the same order as Python. */
function synthetic(seed: number, { scales, offsets }: { scales: number[]; offsets: number[] }) {
  const next = lcg(seed);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const row: number[] = [];
    let margin = 0;
    for (let j = 0; j < 10; j++) {
      const v = next() - 0.5;
      row.push(v * (scales[j] as number) + (offsets[j] as number));
      margin += (TRUE_WEIGHTS[j] as number) * v * 4;
    }
    const noise = (next() - 0.5) * 3;
    rows.push(row);
    y.push(margin + noise > 1.5 ? 1 : 0);
  }
  return { X: Matrix.fromRows(rows), y };
}

const SMALL_X = [
  [0.5, 1.2],
  [1.0, -0.3],
  [1.5, 2.2],
  [2.0, 0.1],
  [2.5, 1.7],
  [3.0, -1.0],
  [3.5, 0.4],
  [4.0, 2.5],
  [4.5, -0.2],
  [5.0, 1.1],
  [0.2, -1.4],
  [3.8, 0.9],
];
const SMALL_Y = [0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1];

/**
 * scikit-learn 1.2.1, coefficients then intercept. `lbfgs`: LogisticRegression(solver='lbfgs', tol=1e-10,
 * max_iter=10000), which stops on scipy's relative-function-change test (ftol) before tol, up to ~1e-4 of the largest
 * coefficient away from the optimum; `exact`: solver='newton-cholesky', tol=1e-12, the optimum to ~1e-9.
 */
const REFERENCE = {
  smallC1: {
    lbfgs: [0.6748137507183976, 1.3312091427491748, -2.6883714849470435],
    exact: [0.6748321816165687, 1.3312330890473336, -2.688439114473471],
  },
  smallC100: {
    lbfgs: [3.10961980776892, 8.035865332169392, -13.461294522583522],
    exact: [3.1096166306140405, 8.035855015637647, -13.461281167935303],
  },
  plain: {
    lbfgs: [
      6.026038059838183, -1.9687909334949059, 3.4077746877541863, -0.11808283631033442, 3.033683297682123,
      -0.9003460512371806, 11.558523206007708, -0.08956124098384868, -2.2267881468080484, 0.7697579382433748,
      -3.1492957287953636,
    ],
    exact: [
      6.026010321816028, -1.9688096594233706, 3.407727194140921, -0.11805357739310998, 3.033574445269299,
      -0.9003360223682272, 11.558848377917757, -0.08954425628250967, -2.226743901105564, 0.7696552723548885,
      -3.1489393675747577,
    ],
  },
  weighted: {
    lbfgs: [
      6.145288695508698, -2.069059947044636, 3.593509151488092, -0.1403050342297141, 3.0358459651945267,
      -0.9071442102054936, 11.793487054797215, -0.07825080259119749, -2.1095457580650216, 0.8924724368080154,
      -2.4610716955611394,
    ],
    exact: [
      6.145294597289804, -2.0690606175015573, 3.5935755315004014, -0.14029211392452967, 3.0358438775962244,
      -0.9071843234145327, 11.793574124054645, -0.07824599904871209, -2.1094711356641063, 0.8924633828910482,
      -2.460998503047722,
    ],
  },
  noIntercept: {
    lbfgs: [
      9.77785812938241, -3.2741684403972435, 8.139842199435655, -0.1222128601363043, 4.086734097932399,
      -1.4203916605608504, 19.16076779880474, -0.07934227918013445, -3.6145988062092314, 0.7483058313856636, 0,
    ],
    exact: [
      9.777769099517833, -3.2741573156711365, 8.140657414374799, -0.12217623287015382, 4.08694063387457,
      -1.4202798864690958, 19.16154661420407, -0.07937447405075655, -3.614837794040286, 0.7485680506668692, 0,
    ],
  },
  classDictionary: {
    lbfgs: [
      8.501120898118668, -2.7119060394049197, 5.368692487017172, -0.11617999948668141, 4.222198012960599,
      -1.2036082486268462, 16.262183821803983, -0.13056633347045668, -3.0972394307740454, 1.2326866451441991,
      -2.913713644796828,
    ],
    exact: [
      8.501446513642925, -2.7119879714373982, 5.3685671615118835, -0.11617315493335878, 4.222147672697256,
      -1.2036093507072105, 16.262741275686313, -0.1305665274676599, -3.0970797456518633, 1.2328104525818937,
      -2.913823794163839,
    ],
  },
  wildExact: [
    3.9373352998451097, -1.195103137479076, 2.154847863024851, 0.026173494695821885, 1.760849466106349,
    -0.08189517208388392, 11.634690503506228, -0.09754427896367002, -1.457134326334084, 0.8281060096025687,
    -6.83420202391548,
  ],
};

function solution(model: LogisticRegression): number[] {
  return [...model.coefficients, model.intercept];
}

/** max |a − b| relative to the largest |b|: the scale on which solvers' tolerances act. */
function relativeError(actual: number[], expected: number[]): number {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  return Math.max(...actual.map((value, k) => Math.abs(value - (expected[k] as number)))) / scale;
}

const SOLVERS = ['lbfgs', 'newton'] as const;

describe('LogisticRegression matches scikit-learn', () => {
  const moderate = synthetic(42, MODERATE);
  const sampleWeight = moderate.y.map((_, i) => 1 + (i % 3));
  const cases: {
    name: keyof typeof REFERENCE & string;
    X: Matrix | number[][];
    y: number[];
    params: Partial<LogisticRegressionParams>;
    sampleWeight?: number[];
  }[] = [
    { name: 'smallC1', X: SMALL_X, y: SMALL_Y, params: { C: 1 } },
    { name: 'smallC100', X: SMALL_X, y: SMALL_Y, params: { C: 100 } },
    { name: 'plain', ...moderate, params: { C: 1 } },
    { name: 'weighted', ...moderate, params: { C: 0.5, classWeight: 'balanced' }, sampleWeight },
    { name: 'noIntercept', ...moderate, params: { C: 10, fitIntercept: false } },
    { name: 'classDictionary', ...moderate, params: { C: 2, classWeight: { '0': 1, '1': 3 } } },
  ];
  for (const solver of SOLVERS) {
    for (const { name, X, y, params, sampleWeight: weight } of cases) {
      it(`${name} with ${solver}: to 1e-4 of scikit-learn's lbfgs and 1e-7 of the exact optimum`, () => {
        const model = new LogisticRegression({ ...params, solver }).fit(X, y, { sampleWeight: weight });
        const reference = REFERENCE[name] as { lbfgs: number[]; exact: number[] };
        expect(model.converged).toBe(true);
        expect(relativeError(solution(model), reference.lbfgs)).toBeLessThan(1e-4);
        expect(relativeError(solution(model), reference.exact)).toBeLessThan(1e-7);
      });
    }
    it(`reaches the optimum on badly scaled features with ${solver} (scales 0.1…10, offsets up to 5)`, () => {
      const { X, y } = synthetic(7, WILD);
      const model = new LogisticRegression({ solver }).fit(X, y);
      expect(model.converged).toBe(true);
      expect(relativeError(solution(model), REFERENCE.wildExact)).toBeLessThan(1e-7);
    });
  }

  it('has both solvers agree with each other far below the tolerance', () => {
    const lbfgs = new LogisticRegression({ solver: 'lbfgs' }).fit(moderate.X, moderate.y);
    const newton = new LogisticRegression({ solver: 'newton' }).fit(moderate.X, moderate.y);
    expect(relativeError(solution(lbfgs), solution(newton))).toBeLessThan(1e-7);
    expect(newton.nIter).toBeLessThan(10);
  });
});

describe('LogisticRegression', () => {
  const { X, y } = synthetic(3, MODERATE);

  it('gives probabilities that are the sigmoid of the margin', () => {
    const model = new LogisticRegression().fit(X, y);
    const margins = model.decisionFunction(X);
    const proba = model.predictProba(X);
    for (const i of [0, 17, 999]) {
      expect(proba.get(i, 1)).toBeCloseTo(1 / (1 + Math.exp(-(margins[i] as number))), 14);
      expect(model.predict(X)[i]).toBe((margins[i] as number) >= 0 ? 1 : 0);
    }
  });

  it('treats a sample weight of 2 as a duplicated row', () => {
    const rows = SMALL_X.slice();
    const labels = SMALL_Y.slice();
    const weights = SMALL_Y.map((_, i) => (i === 3 || i === 6 ? 2 : 1));
    rows.push(SMALL_X[3] as number[], SMALL_X[6] as number[]);
    labels.push(SMALL_Y[3] as number, SMALL_Y[6] as number);
    for (const solver of SOLVERS) {
      const weighted = new LogisticRegression({ solver }).fit(SMALL_X, SMALL_Y, { sampleWeight: weights });
      const duplicated = new LogisticRegression({ solver }).fit(rows, labels);
      expect(relativeError(solution(weighted), solution(duplicated))).toBeLessThan(1e-9);
    }
  });

  it('leaves the intercept unpenalised: a strong penalty shrinks β to 0 but the intercept gives the base rate', () => {
    const model = new LogisticRegression({ C: 1e-9 }).fit(X, y);
    const rate = y.reduce((sum, label) => sum + label, 0) / y.length;
    for (const beta of model.coefficients) expect(Math.abs(beta)).toBeLessThan(1e-5);
    expect(model.intercept).toBeCloseTo(Math.log(rate / (1 - rate)), 6);
  });

  it('reports when maxIter stops it before convergence', () => {
    const model = new LogisticRegression({ maxIter: 2 }).fit(X, y);
    expect(model.converged).toBe(false);
    expect(model.nIter).toBe(2);
  });

  it('works with any two labels, and classWeight is keyed by them', () => {
    const labels = y.map((label) => (label ? 7 : -3));
    const model = new LogisticRegression({ classWeight: { '7': 3 } }).fit(X, labels);
    const reference = new LogisticRegression({ classWeight: { '1': 3 } }).fit(X, y);
    expect(model.classes).toEqual([-3, 7]);
    expect(relativeError(solution(model), solution(reference))).toBeLessThan(1e-12);
    expect(() => new LogisticRegression({ classWeight: { '2': 3 } }).fit(X, y)).toThrow(ParameterError);
    expect(() => new LogisticRegression({ classWeight: { '2': 3 } }).fit(X, y)).toThrow(/classWeight names class 2/);
  });

  it('refuses bad hyper-parameters and all-zero weights', () => {
    expect(() => new LogisticRegression({ solver: 'sag' as 'lbfgs' }).fit(X, y)).toThrow(/solver/);
    expect(() => new LogisticRegression({ maxIter: 0 }).fit(X, y)).toThrow(/maxIter/);
    expect(() => new LogisticRegression({ tol: 0 }).fit(X, y)).toThrow(/tol/);
    expect(() => new LogisticRegression().fit(X, y, { sampleWeight: y.map(() => 0) })).toThrow(MlInputError);
  });

  it('finds a separating direction on separable data without blowing up', () => {
    const rows = [[-2], [-1], [-0.5], [0.5], [1], [2]];
    const labels = [0, 0, 0, 1, 1, 1];
    for (const solver of SOLVERS) {
      const model = new LogisticRegression({ C: 1e4, solver }).fit(rows, labels);
      expect(model.converged).toBe(true);
      expect(Array.from(model.predict(rows))).toEqual(labels);
      expect(Number.isFinite(model.coefficients[0])).toBe(true);
    }
  });

  it('explains the margin exactly: base + Σ contributions = decisionFunction', () => {
    const model = new LogisticRegression().fit(X, y);
    const { base, values } = model.contributions(X);
    const margins = model.decisionFunction(X);
    for (let i = 0; i < X.nRows; i += 97) {
      let sum = base;
      for (let j = 0; j < values.nCols; j++) sum += values.get(i, j);
      expect(Math.abs(sum - (margins[i] as number))).toBeLessThan(1e-9);
    }
    // Contributions average to zero over the training rows: base is the margin of the average row.
    for (let j = 0; j < values.nCols; j++) {
      const mean = values.column(j).reduce((total, value) => total + value, 0) / X.nRows;
      expect(Math.abs(mean)).toBeLessThan(1e-10);
    }
  });

  it('has additive contributions for any data and weights (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.boolean(),
        (nRows, nCols, seed, fitIntercept) => {
          const next = lcg(seed);
          const rows = Array.from({ length: nRows }, () => Array.from({ length: nCols }, () => (next() - 0.3) * 50));
          const labels = rows.map((_, i) => (i < 2 ? i : next() < 0.5 ? 1 : 0));
          const sampleWeight = rows.map(() => next() * 3);
          const model = new LogisticRegression({ fitIntercept, C: 0.1 + next() * 10 }).fit(rows, labels, {
            sampleWeight,
          });
          const { base, values } = model.contributions(rows);
          const margins = model.decisionFunction(rows);
          for (let i = 0; i < nRows; i++) {
            let sum = base;
            for (let j = 0; j < nCols; j++) sum += values.get(i, j);
            expect(Math.abs(sum - (margins[i] as number))).toBeLessThan(
              1e-9 * Math.max(1, Math.abs(margins[i] as number)),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('needs complete data to explain and predict', () => {
    const model = new LogisticRegression().fit(X, y);
    expect(() => model.decisionFunction([[Number.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0]])).toThrow(/impute/);
    expect(() => model.contributions([[0, 0]])).toThrow(MlInputError);
  });
});

/*
Reference numbers (scikit-learn 1.2.1, /usr/bin/python3):

import json, numpy as np
from sklearn.linear_model import LogisticRegression
def lcg(seed):
    state = seed % 2**32
    def nxt():
        nonlocal state
        state = (state * 1664525 + 1013904223) % 2**32
        return state / 4294967296
    return nxt
TRUE = [1.5, -1, 0.5, 0, 0.8, -0.3, 2, 0, -0.6, 0.2]
def synthetic(seed, scales, offsets):
    u = lcg(seed); X = []; y = []
    for i in range(2000):
        row = []; margin = 0.0
        for j in range(10):
            v = u() - 0.5
            row.append(v * scales[j] + offsets[j]); margin += TRUE[j] * v * 4
        noise = (u() - 0.5) * 3
        X.append(row); y.append(1 if margin + noise > 1.5 else 0)
    return np.array(X), np.array(y)
X, y = synthetic(42, MODERATE_SCALES, MODERATE_OFFSETS)
w = np.array([1 + (i % 3) for i in range(len(y))], dtype=float)
for kw, sw in [(dict(C=1.0), None), (dict(C=0.5, class_weight='balanced'), w),
               (dict(C=10.0, fit_intercept=False), None), (dict(C=2.0, class_weight={0: 1, 1: 3}), None)]:
    for solver, tol in [('lbfgs', 1e-10), ('newton-cholesky', 1e-12)]:
        m = LogisticRegression(solver=solver, tol=tol, max_iter=10000, **kw).fit(X, y, sample_weight=sw)
        print(json.dumps([*m.coef_[0].tolist(), float(m.intercept_[0])]))
# wildExact: synthetic(7, WILD_SCALES, WILD_OFFSETS) with C=1.0, 'newton-cholesky'; small: SMALL_X/SMALL_Y, C=1 and 100.
*/
