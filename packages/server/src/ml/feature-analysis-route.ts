import { MODEL_TYPES } from '@ivy/core';
import { modelForAnalysis } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';

const rocPointSchema = z.object({
  fpr: z.number().describe('False positive rate: share of non-enrolled leads at or above the threshold'),
  tpr: z.number().describe('True positive rate: share of enrolled leads at or above the threshold'),
});

const calibrationBinSchema = z.object({
  predicted: z.number().describe('Mean calibrated probability of the bin'),
  observed: z.number().describe('Share of the bin that enrolled'),
  count: z.number().int(),
});

/**
 * The stored metrics as training writes them; `roc_curve` is absent from models trained before it was measured, so it
 * is optional here and null in the answer.
 */
const storedMetricsSchema = z.object({
  cv_roc_auc: z.number(),
  cv_roc_auc_std: z.number(),
  pr_auc: z.number(),
  brier: z.number(),
  ece: z.number(),
  log_loss: z.number(),
  rows: z.number().int(),
  positives: z.number().int(),
  folds: z.number().int(),
  calibration_curve: z.array(calibrationBinSchema),
  roc_curve: z.array(rocPointSchema).optional(),
});

const analysisSchema = z.object({
  model_id: z.uuid(),
  algorithm: z.enum(MODEL_TYPES),
  trained_at: z.date(),
  input_features: z.array(z.string()),
  feature_importance: z
    .array(z.object({ feature: z.string(), importance: z.number() }))
    .describe('Share of the mean |contribution| of each input feature, largest first; the shares sum to 1'),
  metrics: z
    .object({
      cv_roc_auc: z.number(),
      cv_roc_auc_std: z.number(),
      pr_auc: z.number(),
      brier: z.number(),
      ece: z.number(),
      log_loss: z.number(),
      rows: z.number().int(),
      positives: z.number().int(),
      folds: z.number().int(),
    })
    .describe('From out-of-fold probabilities, each fold calibrated on the other folds'),
  roc_curve: z
    .array(rocPointSchema)
    .nullable()
    .describe('Out-of-fold ROC curve from (0, 0) to (1, 1), at most about 100 points; null for older models'),
  calibration_curve: z.array(calibrationBinSchema).describe('Reliability diagram over ten equal-width bins'),
});

const NO_MODEL = 'No conversion model is active yet: train one (POST /ai/advanced-ml/train) or name one with model_id';

/** ML Studio's Analysis tab (seed phase 4.2): what drives a model and how well its probabilities hold up. */
export function registerFeatureAnalysisRoutes({ app, database }: RouteContext) {
  const { db } = database;

  app.get(
    '/ai/advanced-ml/feature-analysis',
    {
      config: { access: access.permission('ai_analytics') },
      schema: {
        tags: ['ml'],
        summary: "A model's feature importance, ROC curve and calibration; the active model unless model_id is given",
        querystring: z.object({
          model_id: z
            .uuid()
            .optional()
            .describe('A registered model; omitted: the active one (409 while there is none)'),
        }),
        response: { 200: analysisSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const id = request.query.model_id ?? null;
      const model = await modelForAnalysis(db, id);
      if (!model) {
        if (id === null) throw new AppError('conflict', NO_MODEL);
        throw AppError.notFound(`Model ${id}`);
      }
      const { calibration_curve, roc_curve, ...metrics } = storedMetricsSchema.parse(model.metrics);
      return {
        model_id: model.id,
        algorithm: model.algorithm,
        trained_at: model.created_at,
        input_features: model.input_features,
        feature_importance: [...model.feature_importance].sort((a, b) => b.importance - a.importance),
        metrics,
        roc_curve: roc_curve ?? null,
        calibration_curve,
      };
    },
  );
}
