import { describe, expect, it } from 'vitest';
import { describeEstimatorContract } from '../testing/estimator-contract';
import { PriorClassifier } from './prior-classifier';

describeEstimatorContract('PriorClassifier', {
  type: 'classifier',
  create: (params) => new PriorClassifier(params),
  fromJSON: (json) => PriorClassifier.fromJSON(json),
  invalidParams: { randomState: 1.5 },
  handlesMissing: true,
});

describe('PriorClassifier', () => {
  it('predicts the weighted base rate', () => {
    const model = new PriorClassifier().fit([[1], [2], [3], [4]], [0, 1, 1, 0], { sampleWeight: [1, 1, 1, 5] });
    expect(model.predictProba([[9]]).get(0, 1)).toBeCloseTo(2 / 8, 12);
  });
});
