import { GradientBoostingClassifier } from '../boosting';
import type { Classifier } from '../estimator';
import { RandomForestClassifier } from '../forest';
import { LogisticRegression } from '../linear';
import { ClassifierPipeline } from '../pipeline';
import { SimpleImputer, StandardScaler } from '../preprocessing';

export const MODEL_NAMES = ['gbdt', 'rf', 'logreg'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/**
 * The CLI's models with the engine's defaults. Logistic regression cannot take missing values or unscaled
 * features, so it comes with mean imputation and standard scaling fitted inside each training fold.
 */
export function createModel(name: ModelName, params: Record<string, unknown> = {}): Classifier {
  switch (name) {
    case 'gbdt':
      return new GradientBoostingClassifier(params);
    case 'rf':
      return new RandomForestClassifier(params);
    case 'logreg':
      return new ClassifierPipeline(
        [new SimpleImputer({ strategy: 'mean' }), new StandardScaler()],
        new LogisticRegression(params),
      );
  }
}
