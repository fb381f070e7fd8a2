import {
  type Classifier,
  ClassifierPipeline,
  GradientBoostingClassifier,
  type GradientBoostingParams,
  LogisticRegression,
  type LogisticRegressionParams,
  type Matrix,
  RandomForestClassifier,
  type RandomForestClassifierParams,
  SimpleImputer,
  StandardScaler,
  type Transformer,
  VotingEnsemble,
} from '@ivy/ml';
import type { MissingValueHandling, ModelType } from './config';

/**
 * Defaults sized for 10k–100k lead snapshots. Boosting: many small steps on shallow trees, a row sample per tree,
 * early stopping on a held-out tenth above 10k rows; one thread, as training runs inside a job. The forest's trees
 * are capped in depth because the saved model holds every cross-validation fold's forest as well.
 */
const GRADIENT_BOOSTING: Partial<GradientBoostingParams> = {
  nEstimators: 200,
  learningRate: 0.05,
  growPolicy: 'depthwise',
  maxDepth: 5,
  maxLeafNodes: null,
  minSamplesLeaf: 20,
  l2Regularization: 1,
  subsample: 0.8,
  earlyStopping: 'auto',
  nThreads: 1,
};

const RANDOM_FOREST: Partial<RandomForestClassifierParams> = {
  nEstimators: 100,
  maxDepth: 7,
  minSamplesLeaf: 20,
  maxFeatures: 'sqrt',
};

/** Features are imputed and standardised first, so one C regularises them all alike. */
const LOGISTIC_REGRESSION: Partial<LogisticRegressionParams> = { C: 1, solver: 'lbfgs', maxIter: 500 };

export type ModelSpec = { type: ModelType; missing: MissingValueHandling; randomState: number };

/** A fresh, unfitted model: the same spec always builds the same model. */
export function createModel({ type, missing, randomState }: ModelSpec): Classifier {
  switch (type) {
    case 'gradient_boosting':
      return withImputation(new GradientBoostingClassifier({ ...GRADIENT_BOOSTING, randomState }), missing);
    case 'random_forest':
      return withImputation(new RandomForestClassifier({ ...RANDOM_FOREST, randomState }), missing);
    case 'logistic_regression':
      return new ClassifierPipeline(
        [new SimpleImputer({ strategy: 'median', addIndicator: true }), new StandardScaler()],
        new LogisticRegression({ ...LOGISTIC_REGRESSION, randomState }),
      );
    case 'ensemble':
      return new VotingEnsemble({
        members: (['random_forest', 'gradient_boosting', 'logistic_regression'] as const).map((member) => ({
          name: member,
          estimator: createModel({ type: member, missing, randomState }),
        })),
        randomState,
      });
  }
}

function withImputation(model: Classifier, missing: MissingValueHandling): Classifier {
  return missing === 'native'
    ? model
    : new ClassifierPipeline([new SimpleImputer({ strategy: 'median', addIndicator: true })], model);
}

/** The hyper-parameters `createModel` uses, as recorded with a trained model. */
export function hyperParameters(spec: ModelSpec): Record<string, unknown> {
  return describe(createModel(spec));
}

function describe(model: Classifier): Record<string, unknown> {
  if (model instanceof VotingEnsemble) {
    return Object.fromEntries(model.members.map(({ name, estimator }) => [name, describe(estimator)]));
  }
  if (model instanceof ClassifierPipeline) {
    return {
      ...describe(model.classifier),
      preprocessing: model.steps.map((step) => ({ kind: step.kind, ...step.getParams() })),
    };
  }
  return { kind: model.kind, ...(model.getParams() as Record<string, unknown>) };
}

/**
 * Each model column's additive contribution to each row's positive-class probability (one array per column of X):
 * TreeSHAP for trees, exact linear contributions for logistic regression, averaged over an ensemble's members.
 * Explanations on the log-odds scale are spread over the probability change in proportion to the log-odds ones, so
 * every model answers in the same unit: probability points relative to the model's average lead.
 */
export function probabilityContributions(model: Classifier, X: Matrix): Float64Array[] {
  if (model instanceof VotingEnsemble) {
    const { weights } = model.getParams();
    const raw = weights ?? model.members.map(() => 1);
    const total = raw.reduce((sum, w) => sum + w, 0);
    const out = X.columns.map(() => new Float64Array(X.nRows));
    model.members.forEach(({ estimator }, m) => {
      const share = (raw[m] as number) / total;
      probabilityContributions(estimator, X).forEach((column, j) => {
        const target = out[j] as Float64Array;
        for (let i = 0; i < X.nRows; i++) target[i] = (target[i] as number) + share * (column[i] as number);
      });
    });
    return out;
  }
  if (model instanceof ClassifierPipeline) return pipelineContributions(model, X);
  if (model instanceof RandomForestClassifier) return [...model.shapValues(X).values.columns];
  if (model instanceof GradientBoostingClassifier) return logOddsToProbability(model.shapValues(X));
  if (model instanceof LogisticRegression) return logOddsToProbability(model.contributions(X));
  throw new Error(`cannot explain a ${model.kind}`);
}

/** The classifier's explanation of the transformed columns, with each missing-value indicator added to its feature. */
function pipelineContributions(pipeline: ClassifierPipeline, X: Matrix): Float64Array[] {
  const inner = probabilityContributions(pipeline.classifier, pipeline.transform(X));
  const imputer = pipeline.steps.find((step: Transformer): step is SimpleImputer => step instanceof SimpleImputer);
  const indicatorSources = imputer?.getParams().addIndicator ? imputer.indicatorFeatures : [];
  const out = inner.slice(0, X.nCols);
  indicatorSources.forEach((source, k) => {
    const target = out[source] as Float64Array;
    const indicator = inner[X.nCols + k] as Float64Array;
    for (let i = 0; i < X.nRows; i++) target[i] = (target[i] as number) + (indicator[i] as number);
  });
  return out;
}

function logOddsToProbability({ base, values }: { base: number; values: Matrix }): Float64Array[] {
  const columns = values.columns;
  const scale = new Float64Array(values.nRows);
  const baseProbability = sigmoid(base);
  for (let i = 0; i < values.nRows; i++) {
    let margin = base;
    for (const column of columns) margin += column[i] as number;
    const change = margin - base;
    // For a tiny change the ratio is the logistic curve's slope at the base.
    scale[i] =
      Math.abs(change) > 1e-9 ? (sigmoid(margin) - baseProbability) / change : baseProbability * (1 - baseProbability);
  }
  return columns.map((column) => column.map((value, i) => value * (scale[i] as number)));
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
