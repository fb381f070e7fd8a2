import { z } from 'zod';

export const MODEL_TYPES = ['random_forest', 'gradient_boosting', 'logistic_regression', 'ensemble'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

export type MissingValueHandling = 'impute' | 'native';

export type TrainingConfig = {
  model_type: ModelType;
  /** Drop input features that a first fit found (nearly) useless, then train on the rest. */
  feature_selection: boolean;
  cross_validation_folds: number;
  feature_config: {
    /** Use the features that combine two signals (engagement discounted by silence). */
    create_interaction_features: boolean;
    /** 'native': trees route missing values themselves; 'impute': fill them first. Logistic regression always imputes. */
    handle_missing_values: MissingValueHandling;
  };
  random_state: number;
};

const featureConfigSchema = z.strictObject({
  create_interaction_features: z.boolean().default(true),
  handle_missing_values: z.enum(['impute', 'native']).default('native'),
});

/** A training request as the API takes it: every field optional, defaults filled in, unknown fields refused. */
export const trainingConfigSchema: z.ZodType<TrainingConfig> = z.strictObject({
  model_type: z.enum(MODEL_TYPES).default('gradient_boosting'),
  feature_selection: z.boolean().default(true),
  cross_validation_folds: z.number().int().min(2).max(10).default(5),
  feature_config: featureConfigSchema.prefault({}),
  random_state: z.number().int().min(-2_147_483_648).max(2_147_483_647).default(42),
});
