import {
  type ConversionPrediction,
  type LeadFeatures,
  leadFeatures,
  PERFORMANCE_TIERS,
  performanceTier,
  remainingTime,
  type Source,
  seasonalFactors,
  snapshotFromDescription,
} from '@ivy/core';
import {
  courseOfPerson,
  matchDeclaredCourse,
  monthlyEnquiryVolumes,
  type OpenStage,
  predictionInputs,
  recordMlPredictions,
  similarLeadOutcomes,
  stageToEnrolmentDurations,
} from '@ivy/db';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { principalOf } from '../auth/request-context';
import { createTtlCache } from '../cache/ttl-cache';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import type { ServingModel } from './active-model';
import {
  ignoredFields,
  type LeadDescriptionInput,
  leadDescriptionSchema,
  toLeadDescription,
} from './lead-description-schema';
import { CONFIDENCE_LABELS, confidenceLabel, confidenceOf, NO_MODEL } from './prediction-confidence';
import { PREDICTION_HORIZON_DAYS } from './training-job';

/** Organisation-wide timing and seasonality move over weeks; recomputing them per forecast would waste the database. */
const EVIDENCE_MAX_AGE_MS = 10 * 60_000;
const TOP_FEATURES = 9;

/** One lead, stored or described, as the model and the forecast's context need it. */
type ForecastSubject = {
  person_id: string | null;
  features: LeadFeatures;
  stage: OpenStage;
  days_in_stage: number;
  course: { id: string; name: string; level: string } | null;
  notes: string[];
};

const intervalSchema = z.object({ lower: z.number(), upper: z.number(), standard_error: z.number() });

const forecastBodySchema = z
  .strictObject({
    lead_id: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('A stored lead (uuid), or the caller’s label for lead_features'),
    lead_features: leadDescriptionSchema.optional(),
    include_confidence_intervals: z.boolean().default(true),
    include_cohort_analysis: z.boolean().default(true),
    forecast_horizon_days: z.number().int().min(1).max(PREDICTION_HORIZON_DAYS).default(90),
  })
  .refine((body) => body.lead_features !== undefined || body.lead_id !== undefined, {
    path: ['lead_id'],
    message: 'give lead_id (a stored lead) or lead_features',
  });

const forecastResponseSchema = z.object({
  lead_id: z.string().nullable(),
  model_id: z.uuid(),
  horizon_days: z.number().int().describe('The horizon conversion_probability is for'),
  conversion_probability: z.number().describe('Calibrated probability of enrolling within horizon_days'),
  probability_within_model_horizon: z.number().describe(`Within the model’s own ${PREDICTION_HORIZON_DAYS} days`),
  confidence_interval: intervalSchema
    .nullable()
    .describe('95% interval from the disagreement of the model’s committee'),
  model_horizon_interval: intervalSchema.nullable().describe('The same interval for probability_within_model_horizon'),
  eta_days: z.number().int().nullable().describe('Median days to enrolment of past leads like this one that enrolled'),
  cohort_performance: z
    .object({
      cohort: z.string(),
      cohort_size: z.number().int(),
      similar_leads_conversion_rate: z.number(),
      performance_tier: z.enum(PERFORMANCE_TIERS),
    })
    .nullable(),
  feature_importance: z
    .record(z.string(), z.number())
    .describe('This prediction’s largest feature contributions (log-odds), strongest first'),
  model_confidence: z.number(),
  confidence_label: z.enum(CONFIDENCE_LABELS),
  seasonal_factors: z
    .object({
      current_month_factor: z.number(),
      next_peak_month: z.number().int(),
      basis: z.string(),
    })
    .nullable(),
  ignored_fields: z.array(z.string()),
  notes: z.array(z.string()),
  generated_at: z.date(),
});

const predictBodySchema = z
  .strictObject({
    lead_id: z.uuid().optional().describe('A stored lead; or describe one in lead_data'),
    lead_data: leadDescriptionSchema.optional(),
    model_id: z.uuid().optional().describe('A registered model; defaults to the active one'),
  })
  .refine((body) => body.lead_data !== undefined || body.lead_id !== undefined, {
    path: ['lead_data'],
    message: 'give lead_data or lead_id',
  });

const predictResponseSchema = z.object({
  lead_id: z.string().nullable(),
  model_id: z.uuid(),
  horizon_days: z.number().int(),
  prediction: z.enum(['will_convert', 'will_not_convert']),
  probability: z.number(),
  confidence: z.number(),
  confidence_label: z.enum(CONFIDENCE_LABELS),
  confidence_interval: intervalSchema,
  top_drivers: z.array(z.object({ feature: z.string(), contribution: z.number() })),
  ignored_fields: z.array(z.string()),
  notes: z.array(z.string()),
});

const mlHealthSchema = z.object({
  status: z.enum(['ready', 'no_model']),
  components: z.object({
    conversion_model: z.object({ status: z.enum(['ready', 'no_model']), model_id: z.uuid().nullable() }),
    timing: z.object({ status: z.enum(['ready', 'insufficient_data']), enrolments: z.number().int() }),
    seasonality: z.object({ status: z.enum(['ready', 'insufficient_data']), months: z.number().int() }),
  }),
});

/**
 * Conversion forecasts for one lead (seed phase 2.4, 4.2): the model's calibrated probability, narrowed to the asked
 * horizon with how long past enrolments took, compared with similar leads, and set in the season.
 */
export function registerMlForecastRoutes({ app, database, models, now }: RouteContext) {
  const { db } = database;
  const durations = createTtlCache(() => stageToEnrolmentDurations(db), { maxAgeMs: EVIDENCE_MAX_AGE_MS });
  const volumes = createTtlCache(() => monthlyEnquiryVolumes(db, now()), { maxAgeMs: EVIDENCE_MAX_AGE_MS });

  async function storedSubject(request: FastifyRequest, id: string, field: string): Promise<ForecastSubject> {
    if (!z.uuid().safeParse(id).success) {
      throw AppError.invalidField(field, 'must be the id of a stored lead (a uuid), or send lead_features');
    }
    const inputs = await predictionInputs(db, {
      ids: [id],
      scope: peopleScopeOf(principalOf(request)),
      now: now(),
      horizonDays: PREDICTION_HORIZON_DAYS,
    });
    if (inputs.missing.length > 0) throw AppError.notFound(`Person ${id}`);
    const [open] = inputs.open;
    if (!open) {
      throw new AppError('conflict', `Lead ${id} is already ${inputs.decided[0]?.stage}: there is nothing to forecast`);
    }
    return {
      person_id: id,
      features: open.features,
      stage: open.features.stage as OpenStage,
      days_in_stage: Math.expm1(open.features.log_days_in_stage),
      course: await courseOfPerson(db, id),
      notes: [],
    };
  }

  async function describedSubject(input: LeadDescriptionInput): Promise<ForecastSubject> {
    const at = now();
    const declared = input.course_declared?.trim();
    const course = declared ? await matchDeclaredCourse(db, declared, at) : null;
    const notes: string[] = [];
    if (declared && !course) notes.push(`No course matches “${declared}”: course features are treated as unknown.`);
    if (!input.last_activity_at) notes.push('last_activity_at not given: recency is treated as unknown.');
    const snapshot = snapshotFromDescription(toLeadDescription(input), { now: at, course });
    return {
      person_id: null,
      features: leadFeatures(snapshot),
      stage: snapshot.stage as OpenStage,
      days_in_stage: snapshot.days_in_stage,
      course: course && { id: course.id, name: course.name, level: course.level },
      notes,
    };
  }

  async function serving(modelId?: string): Promise<ServingModel> {
    if (modelId) {
      const model = await models.byId(modelId);
      if (!model) throw AppError.notFound(`Model ${modelId}`);
      return model;
    }
    const active = await models.get();
    if (!active) throw new AppError('conflict', NO_MODEL);
    return active;
  }

  function predictOne(model: ServingModel, subject: ForecastSubject): ConversionPrediction {
    return model.model.predict([subject.features], { contributions: true })[0] as ConversionPrediction;
  }

  app.post(
    '/ai/ml-models/forecast',
    {
      config: { access: access.permission('ai_forecasting') },
      schema: {
        tags: ['ml'],
        summary: 'A lead’s conversion forecast from the active model: probability, interval, ETA, cohort, season',
        description:
          'Forecast a stored lead (`lead_id`, scope-checked; the forecast is kept with the model id) or one described ' +
          'by `lead_features`. The model predicts enrolment within 365 days; a shorter `forecast_horizon_days` narrows ' +
          'it with how long past enrolments from the same stage took. Cohort figures are organisation-wide aggregates ' +
          'of decided leads, widened until at least 30 leads, so they single no one out.',
        body: forecastBodySchema,
        response: { 200: forecastResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const body = request.body;
      const model = await serving();
      const subject = body.lead_features
        ? await describedSubject(body.lead_features)
        : await storedSubject(request, body.lead_id as string, 'body.lead_id');
      const prediction = predictOne(model, subject);
      const timing = remainingTime((await durations.get())[subject.stage], {
        daysInStage: subject.days_in_stage,
        horizonDays: body.forecast_horizon_days,
        modelHorizonDays: PREDICTION_HORIZON_DAYS,
      });
      const notes = [...subject.notes];
      if (!timing)
        notes.push('Too few past enrolments to time this stage: the probability is for the model’s horizon.');
      const share = timing?.share_within_horizon ?? 1;
      const horizon = timing ? body.forecast_horizon_days : PREDICTION_HORIZON_DAYS;
      const { lower, upper, standard_error } = prediction.confidence_interval;
      const interval = { lower: lower * share, upper: upper * share, standard_error: standard_error * share };

      const cohort = body.include_cohort_analysis
        ? await similarLeadOutcomes(db, { source: subject.features.source as Source, course: subject.course })
        : null;
      const season = seasonalFactors(await volumes.get(), now());
      const confidence = confidenceOf(prediction);

      if (subject.person_id) {
        await recordMlPredictions(db, [
          {
            person_id: subject.person_id,
            model_id: model.id,
            horizon_days: horizon,
            probability: prediction.probability * share,
            lower: interval.lower,
            upper: interval.upper,
            eta_days: timing?.median_days ?? null,
            requested_by: principalOf(request).id,
          },
        ]);
      }
      return {
        lead_id: body.lead_id ?? null,
        model_id: model.id,
        horizon_days: horizon,
        conversion_probability: prediction.probability * share,
        probability_within_model_horizon: prediction.probability,
        confidence_interval: body.include_confidence_intervals ? interval : null,
        model_horizon_interval: body.include_confidence_intervals ? prediction.confidence_interval : null,
        eta_days: timing?.median_days ?? null,
        cohort_performance: cohort && {
          cohort: cohort.label,
          cohort_size: cohort.decided,
          similar_leads_conversion_rate: cohort.enrolled / cohort.decided,
          performance_tier: performanceTier(prediction.probability, cohort.enrolled / cohort.decided),
        },
        feature_importance: Object.fromEntries(
          prediction.contributions.slice(0, TOP_FEATURES).map((c) => [c.feature, c.contribution]),
        ),
        model_confidence: confidence,
        confidence_label: confidenceLabel(confidence),
        seasonal_factors: season && {
          ...season,
          basis: 'Enquiries by calendar month over the last three years',
        },
        ignored_fields: body.lead_features ? ignoredFields(body.lead_features) : [],
        notes,
        generated_at: now(),
      };
    },
  );

  app.post(
    '/ai/advanced-ml/predict',
    {
      config: { access: access.permission('ai_forecasting') },
      schema: {
        tags: ['ml'],
        summary: 'One lead’s conversion probability from the active model, or from a registered model by id',
        body: predictBodySchema,
        response: { 200: predictResponseSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const body = request.body;
      const model = await serving(body.model_id);
      const subject = body.lead_data
        ? await describedSubject(body.lead_data)
        : await storedSubject(request, body.lead_id as string, 'body.lead_id');
      const prediction = predictOne(model, subject);
      const confidence = confidenceOf(prediction);
      return {
        lead_id: body.lead_id ?? null,
        model_id: model.id,
        horizon_days: PREDICTION_HORIZON_DAYS,
        prediction: prediction.probability >= 0.5 ? 'will_convert' : 'will_not_convert',
        probability: prediction.probability,
        confidence,
        confidence_label: confidenceLabel(confidence),
        confidence_interval: prediction.confidence_interval,
        top_drivers: prediction.contributions,
        ignored_fields: body.lead_data ? ignoredFields(body.lead_data) : [],
        notes: subject.notes,
      } as const;
    },
  );

  app.get(
    '/ai/ml-models/health',
    {
      config: { access: access.permission('ai_forecasting') },
      schema: {
        tags: ['ml'],
        summary: 'Whether forecasts can be made: the active model, and the timing and seasonality evidence',
        response: { 200: mlHealthSchema, ...problemResponses(401, 403) },
      },
    },
    async () => {
      const active = await models.get();
      // Every enrolment counts once from enquiry; the other stages see the same people again.
      const timing = (await durations.get()).enquirer.reduce((sum, d) => sum + d.count, 0);
      const months = (await volumes.get()).length;
      return {
        status: active ? 'ready' : 'no_model',
        components: {
          conversion_model: { status: active ? 'ready' : 'no_model', model_id: active?.id ?? null },
          timing: { status: timing > 0 ? 'ready' : 'insufficient_data', enrolments: timing },
          seasonality: { status: months === 12 ? 'ready' : 'insufficient_data', months },
        },
      } as const;
    },
  );
}
