import { JOB_STATUSES, MODEL_TYPES, trainingConfigSchema } from '@ivy/core';
import {
  activateModel,
  activeModelSummary,
  createTrainingJob,
  listModels,
  pendingTrainingJob,
  trainingJob,
} from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { JOBS } from '../jobs/job-names';
import type { TrainingRequest } from './training-job';

/** The seed's training body (phase 4.2): `config` and `feature_config` side by side. */
const trainBodySchema = z.strictObject({
  config: z
    .strictObject({
      model_type: z.enum(MODEL_TYPES).optional(),
      feature_selection: z.boolean().optional(),
      cross_validation_folds: z.number().int().min(2).max(10).optional(),
      random_state: z.number().int().optional(),
    })
    .default({}),
  feature_config: z
    .strictObject({
      create_lag_features: z.boolean().optional(),
      create_interaction_features: z.boolean().optional(),
      handle_missing_values: z.enum(['impute', 'native']).optional(),
    })
    .default({}),
  training_data_limit: z.number().int().min(100).max(5_000_000).nullable().default(null),
  save_model: z.boolean().default(true),
});

const jobSchema = z.object({
  id: z.uuid(),
  status: z.enum(JOB_STATUSES),
  progress: z.number(),
  message: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  created_at: z.date(),
  started_at: z.date().nullable(),
  finished_at: z.date().nullable(),
  error: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  model_id: z.uuid().nullable(),
});

const modelSchema = z.object({
  id: z.uuid(),
  algorithm: z.enum(MODEL_TYPES),
  hyper_parameters: z.record(z.string(), z.unknown()),
  input_features: z.array(z.string()),
  training_window_start: z.date(),
  training_window_end: z.date(),
  horizon_days: z.number().int(),
  row_count: z.number().int(),
  metrics: z.record(z.string(), z.unknown()),
  feature_importance: z.array(z.object({ feature: z.string(), importance: z.number() })),
  trained_by: z.uuid().nullable(),
  training_job_id: z.uuid().nullable(),
  active: z.boolean(),
  created_at: z.date(),
  activated_at: z.date().nullable(),
});

const NO_MODEL = 'No conversion model has been trained yet: train one (POST /ai/advanced-ml/train) and try again';

/** ML Studio's API (seed phase 4.2): training jobs, the model registry and which model is active. */
export function registerMlRoutes({ app, database, jobs, now }: RouteContext) {
  const { db } = database;

  app.post(
    '/ai/advanced-ml/train',
    {
      config: { access: access.permission('ai_model_training') },
      schema: {
        tags: ['ml'],
        summary: 'Start training a conversion model as a background job; answers at once with the job to follow',
        body: trainBodySchema,
        response: { 202: jobSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { config, feature_config, training_data_limit, save_model } = request.body;
      // The 14-day trend (the seed's "lag features") is always among the features; the flag is accepted, not needed.
      const { create_lag_features: _alwaysBuilt, ...featureOptions } = feature_config;
      const parsed = trainingConfigSchema.safeParse({ ...config, feature_config: featureOptions });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw AppError.invalidField(`body.config.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'is invalid');
      }
      const stored: TrainingRequest = { config: parsed.data, training_data_limit, save_model };
      const job = await createTrainingJob(db, {
        config: stored,
        requestedBy: principalOf(request).id,
        now: now(),
      });
      await jobs.send(JOBS.mlTrain, { job_id: job.id });
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/ai/advanced-ml/jobs/:id',
    {
      config: { access: access.permission('ai_model_training') },
      schema: {
        tags: ['ml'],
        summary: 'A training job: status, progress and, when done, the model it registered',
        params: z.object({ id: z.uuid() }),
        response: { 200: jobSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const job = await trainingJob(db, request.params.id);
      if (!job) throw AppError.notFound(`Training job ${request.params.id}`);
      return job;
    },
  );

  app.get(
    '/ai/advanced-ml/models',
    {
      config: { access: access.permission('ai_analytics') },
      schema: {
        tags: ['ml'],
        summary: 'Every registered model, newest first, with its metrics (without the estimator itself)',
        response: { 200: z.object({ models: z.array(modelSchema) }), ...problemResponses(401, 403) },
      },
    },
    async () => ({ models: await listModels(db) }),
  );

  app.get(
    '/ai/advanced-ml/active',
    {
      config: { access: access.permission('ai_forecasting') },
      schema: {
        tags: ['ml'],
        summary: 'The model that serves predictions; 409 while none has been trained',
        response: { 200: modelSchema, ...problemResponses(401, 403, 409) },
      },
    },
    async () => {
      const model = await activeModelSummary(db);
      if (!model) throw new AppError('conflict', NO_MODEL);
      return model;
    },
  );

  app.get(
    '/ai/advanced-ml/health',
    {
      config: { access: access.permission('ai_forecasting') },
      schema: {
        tags: ['ml'],
        summary: 'Whether predictions are available: the active model, and any training under way',
        response: {
          200: z.object({
            status: z.enum(['ready', 'training', 'no_model']),
            active_model: z
              .object({ id: z.uuid(), algorithm: z.enum(MODEL_TYPES), cv_roc_auc: z.number(), trained_at: z.date() })
              .nullable(),
            training: z
              .object({
                job_id: z.uuid(),
                status: z.enum(JOB_STATUSES),
                progress: z.number(),
                message: z.string().nullable(),
              })
              .nullable(),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => {
      const [model, pending] = [await activeModelSummary(db), await pendingTrainingJob(db)];
      return {
        status: model ? 'ready' : pending ? 'training' : 'no_model',
        active_model: model
          ? {
              id: model.id,
              algorithm: model.algorithm,
              cv_roc_auc: Number(model.metrics.cv_roc_auc),
              trained_at: model.created_at,
            }
          : null,
        training: pending
          ? { job_id: pending.id, status: pending.status, progress: pending.progress, message: pending.message }
          : null,
      } as const;
    },
  );

  app.post(
    '/ai/advanced-ml/activate',
    {
      config: { access: access.permission('ai_model_training') },
      schema: {
        tags: ['ml'],
        summary: 'Make a registered model the one that serves predictions (audited)',
        body: z.strictObject({ model_id: z.uuid() }),
        response: { 200: modelSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const model = await activateModel(db, request.body.model_id, auditContextOf(request, now()));
      if (!model) throw AppError.notFound(`Model ${request.body.model_id}`);
      return model;
    },
  );
}
