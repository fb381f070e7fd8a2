import { describe, expect, it } from 'vitest';
import { GradientBoostingClassifier } from './boosting';
import { VotingEnsemble } from './ensemble';
import { LogisticRegression } from './linear';
import { loadClassifier, loadEstimator } from './load-estimator';
import { ClassifierPipeline } from './pipeline';
import { SimpleImputer, StandardScaler } from './preprocessing';
import { contractData } from './testing/estimator-contract';

const { X, labels } = contractData();

function roundTrip(model: { toJSON(): unknown }) {
  return JSON.parse(JSON.stringify(model.toJSON()));
}

describe('loadEstimator', () => {
  it('restores a pipeline with its preprocessing, predicting bit for bit', () => {
    const pipeline = new ClassifierPipeline(
      [new SimpleImputer({ strategy: 'median' }), new StandardScaler()],
      new LogisticRegression({ C: 0.5 }),
    ).fit(X, labels);
    const restored = loadClassifier(roundTrip(pipeline));
    expect(restored).toBeInstanceOf(ClassifierPipeline);
    expect(Array.from(restored.predictProba(X).column(1))).toEqual(Array.from(pipeline.predictProba(X).column(1)));
  });

  it('restores an ensemble whose members are restored by kind', () => {
    const ensemble = new VotingEnsemble({
      members: [
        { name: 'gbdt', estimator: new GradientBoostingClassifier({ nEstimators: 20 }) },
        { name: 'logreg', estimator: new LogisticRegression() },
      ],
    }).fit(X, labels);
    const restored = loadClassifier(roundTrip(ensemble));
    expect(Array.from(restored.predictProba(X).column(1))).toEqual(Array.from(ensemble.predictProba(X).column(1)));
  });

  it('refuses an unknown kind and a non-classifier where a classifier is needed', () => {
    expect(() => loadEstimator({ format: 'ivy-ml', formatVersion: 1, kind: 'Svm' })).toThrow(/kind Svm/);
    const scaler = new StandardScaler().fit(X);
    expect(() => loadClassifier(roundTrip(scaler))).toThrow(/not a classifier/);
  });
});
