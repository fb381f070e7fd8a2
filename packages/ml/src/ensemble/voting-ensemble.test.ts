import { describe, expect, it } from 'vitest';
import { PriorClassifier } from '../baseline/prior-classifier';
import { MlInputError, ParameterError } from '../errors';
import type { Classifier } from '../estimator';
import { RandomForestClassifier } from '../forest/random-forest';
import { Matrix } from '../matrix';
import type { EstimatorJSON } from '../serialization';
import { contractData, describeEstimatorContract } from '../testing/estimator-contract';
import { type MemberFactory, VotingEnsemble, type VotingEnsembleParams, type VotingMember } from './voting-ensemble';

/** The integrator's registries, reduced to the two members these tests use. */
const createMember: MemberFactory = (kind, params) => {
  if (kind === 'PriorClassifier') return new PriorClassifier(params);
  if (kind === 'RandomForestClassifier') return new RandomForestClassifier(params);
  throw new Error(`unknown member ${kind}`);
};

const loadMember = (json: EstimatorJSON): Classifier => {
  if (json.kind === 'PriorClassifier') return PriorClassifier.fromJSON(json);
  if (json.kind === 'RandomForestClassifier') return RandomForestClassifier.fromJSON(json);
  throw new Error(`unknown member ${json.kind}`);
};

const defaultMembers = (): VotingMember[] => [
  { name: 'prior', estimator: new PriorClassifier() },
  { name: 'forest', estimator: new RandomForestClassifier({ nEstimators: 20 }) },
];

describeEstimatorContract('VotingEnsemble', {
  type: 'classifier',
  create: (params = {}) =>
    'members' in params
      ? VotingEnsemble.fromParams(params as VotingEnsembleParams, createMember)
      : new VotingEnsemble({ members: defaultMembers(), ...params }),
  fromJSON: (json) => VotingEnsemble.fromJSON(json, loadMember),
  invalidParams: { weights: [1, -1] },
  handlesMissing: true,
});

/** A classifier that answers fixed positive probabilities, one per row, whatever it is fitted on. */
class FixedClassifier extends PriorClassifier {
  constructor(private readonly answers: number[]) {
    super();
  }

  override predictProba(X: Matrix) {
    super.predictProba(X);
    const positive = Float64Array.from(this.answers);
    const negative = positive.map((p) => 1 - p);
    return new Matrix([negative, positive]);
  }
}

const X = Matrix.fromRows([[0], [1], [2]]);
const y = [0, 1, 1];

describe('VotingEnsemble', () => {
  it('averages members’ positive probabilities with their weights', () => {
    const ensemble = new VotingEnsemble({
      members: [
        { name: 'a', estimator: new FixedClassifier([0.2, 0.5, 1]) },
        { name: 'b', estimator: new FixedClassifier([0.6, 0.5, 0]) },
      ],
      weights: [3, 1],
    }).fit(X, y);
    const positive = Array.from(ensemble.predictProba(X).column(1));
    expect(positive[0]).toBeCloseTo(0.3, 15);
    expect(positive[1]).toBeCloseTo(0.5, 15);
    expect(positive[2]).toBeCloseTo(0.75, 15);
    expect(Array.from(ensemble.predict(X))).toEqual([0, 1, 1]);
  });

  it('reports the weighted spread across members and a clamped 95% interval for the mean', () => {
    const ensemble = new VotingEnsemble({
      members: [
        { name: 'a', estimator: new FixedClassifier([0.2, 0.5, 0.9]) },
        { name: 'b', estimator: new FixedClassifier([0.6, 0.5, 0.1]) },
        { name: 'c', estimator: new FixedClassifier([0.4, 0.5, 1]) },
      ],
    }).fit(X, y);
    const { mean, std, lower, upper } = ensemble.predictWithSpread(X);
    // Row 0: members 0.2, 0.6, 0.4 → mean 0.4, population std √(0.08/3); m = 3.
    const std0 = Math.sqrt(0.08 / 3);
    expect(mean[0]).toBeCloseTo(0.4, 15);
    expect(std[0]).toBeCloseTo(std0, 15);
    expect(lower[0]).toBeCloseTo(0.4 - (1.959963984540054 * std0) / Math.sqrt(3), 14);
    expect(upper[0]).toBeCloseTo(0.4 + (1.959963984540054 * std0) / Math.sqrt(3), 14);
    // Row 1: unanimous members, no spread.
    expect([mean[1], std[1], lower[1], upper[1]]).toEqual([0.5, 0, 0.5, 0.5]);
    // Row 2: the interval is cut at 1.
    expect(upper[2]).toBe(1);
    expect(lower[2]).toBeGreaterThan(0);
    expect(Array.from(ensemble.predictProba(X).column(1))).toEqual(Array.from(mean));
  });

  it('counts members by their weights: the interval uses the effective number of members', () => {
    const members = () => [
      { name: 'a', estimator: new FixedClassifier([0.2, 0.5, 0.5]) },
      { name: 'b', estimator: new FixedClassifier([0.6, 0.5, 0.5]) },
      { name: 'c', estimator: new FixedClassifier([0.6, 0.5, 0.5]) },
    ];
    const weighted = new VotingEnsemble({ members: members(), weights: [2, 1, 1] }).fit(X, y).predictWithSpread(X);
    // Normalised weights 1/2, 1/4, 1/4: mean 0.4, std √(½·0.04 + ½·0.04) = 0.2, m_eff = 1 / (¼ + 1/16 + 1/16).
    expect(weighted.mean[0]).toBeCloseTo(0.4, 15);
    expect(weighted.std[0]).toBeCloseTo(0.2, 15);
    expect(weighted.upper[0]).toBeCloseTo(0.4 + 1.959963984540054 * 0.2 * Math.sqrt(0.375), 14);
  });

  it('fits every member on the same data, in place', () => {
    const members = defaultMembers();
    const ensemble = new VotingEnsemble({ members });
    const { X: data, labels } = contractData();
    ensemble.fit(data, labels);
    expect(members.every(({ estimator }) => estimator.isFitted)).toBe(true);
    expect(ensemble.members.map(({ name }) => name)).toEqual(['prior', 'forest']);
    const forest = members[1]?.estimator as RandomForestClassifier;
    const prior = members[0]?.estimator as PriorClassifier;
    const expected = forest
      .predictProba(data)
      .column(1)
      .map((p, i) => (p + prior.predictProba(data).get(i, 1)) / 2);
    const actual = ensemble.predictProba(data).column(1);
    for (let i = 0; i < data.nRows; i++) expect(actual[i]).toBeCloseTo(expected[i] as number, 15);
  });

  it('describes its members in getParams, and rebuilds from them', () => {
    const ensemble = new VotingEnsemble({ members: defaultMembers(), weights: [1, 2] });
    const params = ensemble.getParams();
    expect(params.members.map(({ name, kind }) => [name, kind])).toEqual([
      ['prior', 'PriorClassifier'],
      ['forest', 'RandomForestClassifier'],
    ]);
    expect(params.members[1]?.params).toMatchObject({ nEstimators: 20 });
    expect(params.weights).toEqual([1, 2]);
    expect(VotingEnsemble.fromParams(params, createMember).getParams()).toEqual(params);
  });

  it('refuses bad weights and duplicate names', () => {
    const { X: data, labels } = contractData();
    const make = (weights: number[] | null, names = ['prior', 'forest']) =>
      new VotingEnsemble({
        members: defaultMembers().map((member, k) => ({ ...member, name: names[k] as string })),
        weights,
      });
    expect(() => make([1]).fit(data, labels)).toThrow(/weights/);
    expect(() => make([0, 0]).fit(data, labels)).toThrow(/weights/);
    expect(() => make(null, ['same', 'same']).fit(data, labels)).toThrow(ParameterError);
    expect(() => new VotingEnsemble({ members: [] }).fit(data, labels)).toThrow(/members/);
  });

  it('refuses a saved ensemble whose members do not match its description', () => {
    const { X: data, labels } = contractData();
    const json = new VotingEnsemble({ members: defaultMembers() }).fit(data, labels).toJSON();
    const broken = { ...json, state: { ...(json.state as object), members: [] } };
    expect(() => VotingEnsemble.fromJSON(broken, loadMember)).toThrow(MlInputError);
  });
});
