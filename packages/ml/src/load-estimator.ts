import { PriorClassifier } from './baseline/prior-classifier';
import { GradientBoostingClassifier, GradientBoostingRegressor } from './boosting';
import { IsotonicCalibration, PlattScaling } from './calibration';
import { KMeans } from './cluster';
import { VotingEnsemble } from './ensemble';
import { MlInputError } from './errors';
import type { Classifier } from './estimator';
import { RandomForestClassifier } from './forest';
import { LogisticRegression } from './linear';
import { ClassifierPipeline } from './pipeline';
import { OneHotEncoder, SimpleImputer, StandardScaler, TableEncoder } from './preprocessing';

const LOADERS: Record<string, (json: unknown) => unknown> = {
  PriorClassifier: (json) => PriorClassifier.fromJSON(json),
  LogisticRegression: (json) => LogisticRegression.fromJSON(json),
  GradientBoostingClassifier: (json) => GradientBoostingClassifier.fromJSON(json),
  GradientBoostingRegressor: (json) => GradientBoostingRegressor.fromJSON(json),
  RandomForestClassifier: (json) => RandomForestClassifier.fromJSON(json),
  KMeans: (json) => KMeans.fromJSON(json),
  IsotonicCalibration: (json) => IsotonicCalibration.fromJSON(json),
  PlattScaling: (json) => PlattScaling.fromJSON(json),
  StandardScaler: (json) => StandardScaler.fromJSON(json),
  SimpleImputer: (json) => SimpleImputer.fromJSON(json),
  OneHotEncoder: (json) => OneHotEncoder.fromJSON(json),
  TableEncoder: (json) => TableEncoder.fromJSON(json),
  VotingEnsemble: (json) => VotingEnsemble.fromJSON(json, (member) => loadEstimator(member) as Classifier),
  ClassifierPipeline: (json) => ClassifierPipeline.fromJSON(json, loadEstimator),
};

/** Any saved @ivy/ml estimator, by the `kind` in its envelope: what a model registry stores and reloads. */
export function loadEstimator(json: unknown): unknown {
  const kind = (json as { kind?: unknown } | null)?.kind;
  const load = typeof kind === 'string' ? LOADERS[kind] : undefined;
  if (!load) throw new MlInputError(`cannot load a saved estimator of kind ${String(kind)}`);
  return load(json);
}

/** A saved classifier (including pipelines and ensembles), checked to be one. */
export function loadClassifier(json: unknown): Classifier {
  const estimator = loadEstimator(json) as Partial<Classifier>;
  if (typeof estimator.predictProba !== 'function') {
    throw new MlInputError(`a saved ${String(estimator.kind)} is not a classifier`);
  }
  return estimator as Classifier;
}
