import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogisticObjective, linearPredictor, sigmoid, softplus } from './logistic-objective';

function problem(fitIntercept: boolean) {
  const columns = [Float64Array.of(0.5, -1, 2, 0.3, -0.7, 1.1), Float64Array.of(1, 0, -2, 0.5, 3, -1)];
  const labels = Uint8Array.of(1, 0, 1, 0, 0, 1);
  const weights = Float64Array.of(1, 2, 0.5, 1, 3, 1);
  const objective = new LogisticObjective(columns, labels, weights, fitIntercept);
  const params = fitIntercept ? Float64Array.of(0.4, -0.3, 0.2) : Float64Array.of(0.4, -0.3);
  return { columns, labels, weights, objective, params };
}

function valueAt(objective: LogisticObjective, params: Float64Array): number {
  objective.setParams(params);
  return objective.value(params);
}

describe('softplus and sigmoid', () => {
  it('are exact where they are known and never overflow', () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(sigmoid(0)).toBe(0.5);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-40)).toBeCloseTo(Math.exp(-40), 30);
  });
});

describe('LogisticObjective', () => {
  it('computes the weighted penalised log-loss by hand', () => {
    const { columns, labels, weights, objective, params } = problem(true);
    let expected = 0.5 * (0.4 ** 2 + 0.3 ** 2);
    for (let i = 0; i < labels.length; i++) {
      const z = 0.2 + 0.4 * (columns[0]?.[i] as number) - 0.3 * (columns[1]?.[i] as number);
      const p = 1 / (1 + Math.exp(-z));
      expected -= (weights[i] as number) * (labels[i] ? Math.log(p) : Math.log(1 - p));
    }
    expect(valueAt(objective, params)).toBeCloseTo(expected, 12);
  });

  for (const fitIntercept of [true, false]) {
    it(`has a gradient and Hessian that match finite differences (intercept: ${fitIntercept})`, () => {
      const { objective, params } = problem(fitIntercept);
      const size = params.length;
      objective.setParams(params);
      const gradient = objective.gradient(params, new Float64Array(size));
      const hessian = objective.hessian();
      const h = 1e-6;
      for (let k = 0; k < size; k++) {
        const plus = params.slice();
        const minus = params.slice();
        plus[k] = (plus[k] as number) + h;
        minus[k] = (minus[k] as number) - h;
        const numeric = (valueAt(objective, plus) - valueAt(objective, minus)) / (2 * h);
        expect(gradient[k]).toBeCloseTo(numeric, 7);
        objective.setParams(plus);
        const gradientPlus = objective.gradient(plus, new Float64Array(size));
        objective.setParams(minus);
        const gradientMinus = objective.gradient(minus, new Float64Array(size));
        for (let l = 0; l <= k; l++) {
          const numericSecond = ((gradientPlus[l] as number) - (gradientMinus[l] as number)) / (2 * h);
          expect(hessian[k * size + l]).toBeCloseTo(numericSecond, 6);
        }
      }
    });
  }

  it('reports the change along a line exactly, even when it is far below the rounding of f itself', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (alpha, d0) => {
          const { objective, params } = problem(true);
          const direction = Float64Array.of(d0, 0.7, -0.2);
          objective.setParams(params);
          const start = objective.value(params);
          objective.setDirection(params, direction);
          const out = new Float64Array(2);
          objective.lineValueAndSlope(alpha, out);
          const moved = params.map((p, k) => p + alpha * (direction[k] as number));
          expect(out[0]).toBeCloseTo(valueAt(objective, moved) - start, 9);
          const gradient = objective.gradient(moved, new Float64Array(3));
          const slope = gradient.reduce((sum, g, k) => sum + g * (direction[k] as number), 0);
          expect(out[1]).toBeCloseTo(slope, 9);
        },
      ),
      { numRuns: 50 },
    );
    const { objective, params } = problem(true);
    objective.setParams(params);
    objective.setDirection(params, Float64Array.of(1, 1, 1));
    const out = new Float64Array(2);
    objective.lineValueAndSlope(1e-13, out);
    expect(out[0]).not.toBe(0);
    expect((out[0] as number) / (1e-13 * (out[1] as number))).toBeCloseTo(1, 6);
  });

  it('moves its margins along the line like a fresh evaluation', () => {
    const { objective, params } = problem(true);
    const fresh = problem(true).objective;
    const direction = Float64Array.of(0.3, -0.1, 0.5);
    objective.setParams(params);
    objective.setDirection(params, direction);
    objective.moveAlong(0.5);
    const moved = params.map((p, k) => p + 0.5 * (direction[k] as number));
    fresh.setParams(moved);
    const expected = fresh.gradient(moved, new Float64Array(3));
    const actual = objective.gradient(moved, new Float64Array(3));
    for (let k = 0; k < 3; k++) expect(actual[k]).toBeCloseTo(expected[k] as number, 14);
  });

  it('computes margins with any number of features', () => {
    for (let p = 1; p <= 9; p++) {
      const columns = Array.from({ length: p }, (_, j) => Float64Array.of(j + 1, -j, 0.5));
      const params = Float64Array.from({ length: p + 1 }, (_, j) => (j % 2 ? -0.5 : 1) * (j + 1));
      const margins = linearPredictor(columns, params, true, new Float64Array(3));
      for (let i = 0; i < 3; i++) {
        let expected = params[p] as number;
        for (let j = 0; j < p; j++) expected += (params[j] as number) * (columns[j]?.[i] as number);
        expect(margins[i]).toBeCloseTo(expected, 12);
      }
    }
  });
});
