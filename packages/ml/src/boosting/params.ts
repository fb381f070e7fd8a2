import { z } from 'zod';

/** Hyper-parameters shared by the gradient-boosting classifier and regressor (scikit-learn / XGBoost names). */
export const gradientBoostingParamsSchema = z.strictObject({
  nEstimators: z.number().int().min(1),
  learningRate: z.number().positive(),
  growPolicy: z.enum(['depthwise', 'lossguide']),
  /** Edges from the root to the deepest leaf; null = unlimited. */
  maxDepth: z.number().int().min(1).nullable(),
  /** null = unlimited. */
  maxLeafNodes: z.number().int().min(2).nullable(),
  minSamplesLeaf: z.number().int().min(1),
  /** Minimum hessian sum in each child. */
  minChildWeight: z.number().min(0),
  minGainToSplit: z.number().min(0),
  /** λ in the leaf value −G/(H+λ). */
  l2Regularization: z.number().min(0),
  maxBins: z.number().int().min(2).max(255),
  /** Fraction of rows each tree is grown on, drawn without replacement. */
  subsample: z.number().gt(0).max(1),
  /** Fraction of features each tree may split on. */
  colsampleByTree: z.number().gt(0).max(1),
  /** 'auto' turns it on above 10,000 rows, as scikit-learn does. */
  earlyStopping: z.union([z.literal('auto'), z.boolean()]),
  validationFraction: z.number().gt(0).lt(1),
  nIterNoChange: z.number().int().min(1),
  tol: z.number().min(0),
  randomState: z.number().int(),
  /**
   * Threads for building histograms and predicting: 1 = the calling thread only, 2 = with a helper worker; null = the
   * machine's cores, at most 2. Models and predictions are bit-identical whatever the count.
   */
  nThreads: z.number().int().min(1).max(2).nullable(),
});

export type GradientBoostingParams = z.infer<typeof gradientBoostingParamsSchema>;

/** scikit-learn's HistGradientBoosting defaults, with XGBoost's split gain and leaf values. */
export const defaultGradientBoostingParams: GradientBoostingParams = {
  nEstimators: 100,
  learningRate: 0.1,
  growPolicy: 'lossguide',
  maxDepth: null,
  maxLeafNodes: 31,
  minSamplesLeaf: 20,
  minChildWeight: 1e-3,
  minGainToSplit: 0,
  l2Regularization: 0,
  maxBins: 255,
  subsample: 1,
  colsampleByTree: 1,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
  randomState: 0,
  nThreads: null,
};
