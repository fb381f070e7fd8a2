import { type ConversionPrediction, LIFECYCLE_STAGES } from '@ivy/core';
import { predictionInputs } from '@ivy/db';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { CONFIDENCE_LABELS, confidenceLabel, confidenceOf, NO_MODEL } from './prediction-confidence';
import { PREDICTION_HORIZON_DAYS } from './training-job';

const predictionSchema = z.object({
  lead_id: z.uuid(),
  prediction: z
    .enum(['will_convert', 'will_not_convert'])
    .nullable()
    .describe('null when the lead is already enrolled or lost'),
  probability: z.number().nullable().describe('Calibrated probability of enrolling within the horizon'),
  confidence: z.number().nullable(),
  confidence_label: z.enum(CONFIDENCE_LABELS).nullable(),
  confidence_interval: z.object({ lower: z.number(), upper: z.number(), standard_error: z.number() }).nullable(),
  top_drivers: z.array(z.object({ feature: z.string(), contribution: z.number() })),
  stage: z.enum(LIFECYCLE_STAGES).nullable().describe('For decided leads: the stage that decided them'),
});

const batchSchema = z.object({
  model_id: z.uuid(),
  horizon_days: z.number().int(),
  predictions: z.array(predictionSchema),
});

/** Conversion predictions from the active model for stored people, scope-checked (seed phases 4.2 and 4.3). */
export function registerPredictionRoutes({ app, database, models, now }: RouteContext) {
  const { db } = database;

  for (const url of ['/ai/leads/predict-batch', '/ai/advanced-ml/predict-batch']) {
    app.post(
      url,
      {
        config: { access: access.permission('ai_forecasting') },
        schema: {
          tags: ['ml'],
          summary: 'Conversion probability with confidence for up to 500 stored leads, from the active model',
          body: z.strictObject({
            lead_ids: z.array(z.uuid()).min(1).max(500),
            include_drivers: z
              .boolean()
              .default(true)
              .describe('Per-lead top drivers; leave them out for large batches (they cost most of the time)'),
          }),
          response: { 200: batchSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const serving = await models.get();
        if (!serving) throw new AppError('conflict', NO_MODEL);
        const ids = [...new Set(request.body.lead_ids)];
        const inputs = await predictionInputs(db, {
          ids,
          scope: peopleScopeOf(principalOf(request)),
          now: now(),
          horizonDays: PREDICTION_HORIZON_DAYS,
        });
        if (inputs.missing[0]) throw AppError.notFound(`Person ${inputs.missing[0]}`);
        const predicted = serving.model.predict(
          inputs.open.map((row) => row.features),
          { contributions: request.body.include_drivers },
        );
        const byId = new Map<string, z.infer<typeof predictionSchema>>();
        inputs.open.forEach((row, i) => {
          const prediction = predicted[i] as ConversionPrediction;
          const confidence = confidenceOf(prediction);
          byId.set(row.person_id, {
            lead_id: row.person_id,
            prediction: prediction.probability >= 0.5 ? 'will_convert' : 'will_not_convert',
            probability: prediction.probability,
            confidence,
            confidence_label: confidenceLabel(confidence),
            confidence_interval: prediction.confidence_interval,
            top_drivers: prediction.contributions,
            stage: null,
          });
        });
        for (const row of inputs.decided) {
          byId.set(row.person_id, {
            lead_id: row.person_id,
            prediction: null,
            probability: null,
            confidence: null,
            confidence_label: null,
            confidence_interval: null,
            top_drivers: [],
            stage: row.stage,
          });
        }
        return {
          model_id: serving.id,
          horizon_days: PREDICTION_HORIZON_DAYS,
          predictions: ids.flatMap((id) => byId.get(id) ?? []),
        };
      },
    );
  }
}
