import { COHORT_DIMENSIONS, leadFeatures, PERFORMANCE_TIERS, summariseCohorts } from '@ivy/core';
import {
  type CohortFilter,
  cohortCounts,
  cohortPeopleCondition,
  leadFeatureSnapshots,
  openLeadCohortKeys,
} from '@ivy/db';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { PREDICTION_HORIZON_DAYS } from './training-job';

const bodySchema = z
  .strictObject({
    group_by: z.enum(COHORT_DIMENSIONS).default('source'),
    enquired_from: z.iso.date().optional().describe('First enquiry date included (UTC)'),
    enquired_to: z.iso.date().optional().describe('Last enquiry date included (UTC)'),
    min_cohort_size: z
      .number()
      .int()
      .min(5)
      .max(1000)
      .default(10)
      .describe('Smaller cohorts are left out (counted in `suppressed`) so no one can be singled out'),
  })
  .refine((body) => !body.enquired_from || !body.enquired_to || body.enquired_from <= body.enquired_to, {
    path: ['enquired_to'],
    message: 'must not be before enquired_from',
  });

const cohortSchema = z.object({
  key: z.string(),
  label: z.string(),
  size: z.number().int(),
  open: z.number().int(),
  enrolled: z.number().int(),
  lost: z.number().int(),
  conversion_rate: z.number().nullable().describe('Enrolled of decided'),
  median_days_to_enrol: z.number().nullable(),
  expected_enrolments: z.number().nullable().describe('Sum of the active model’s probabilities over open leads'),
  mean_open_probability: z.number().nullable(),
  performance_tier: z.enum(PERFORMANCE_TIERS).nullable().describe('Conversion rate against the overall rate'),
});

const responseSchema = z.object({
  group_by: z.enum(COHORT_DIMENSIONS),
  model_id: z.uuid().nullable().describe('The model behind expected enrolments; null when none is active'),
  horizon_days: z.number().int(),
  overall_conversion_rate: z.number().nullable(),
  cohorts: z.array(cohortSchema),
  suppressed: z.number().int(),
  generated_at: z.date(),
});

const DAY_MS = 86_400_000;

/** How cohorts of leads convert, and how many of their open leads the model expects to enrol (seed phase 2.4). */
export function registerCohortRoutes({ app, database, models, now }: RouteContext) {
  const { db } = database;
  app.post(
    '/ai/ml-models/cohort-analysis',
    {
      config: { access: access.permission('ai_analytics') },
      schema: {
        tags: ['ml'],
        summary: 'Conversion by cohort (source, course, level, campus or enquiry month) with expected enrolments',
        description:
          'Counts the leads in the caller’s scope. Expected enrolments add up the active model’s probabilities of ' +
          `enrolling within ${PREDICTION_HORIZON_DAYS} days over each cohort’s open leads.`,
        body: bodySchema,
        response: { 200: responseSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const body = request.body;
      const at = now();
      const filter: CohortFilter = {
        scope: peopleScopeOf(principalOf(request)),
        enquiredFrom: body.enquired_from ? new Date(`${body.enquired_from}T00:00:00Z`) : undefined,
        enquiredTo: body.enquired_to
          ? new Date(new Date(`${body.enquired_to}T00:00:00Z`).getTime() + DAY_MS)
          : undefined,
      };
      if (filter.enquiredFrom && filter.enquiredFrom > at) {
        throw AppError.invalidField('body.enquired_from', 'must not be in the future');
      }
      const counts = await cohortCounts(db, body.group_by, filter);
      const serving = await models.get();
      let probabilities: Map<string, number[]> | null = null;
      if (serving) {
        const keys = await openLeadCohortKeys(db, body.group_by, filter);
        const snapshots = await leadFeatureSnapshots(db, {
          asOf: at,
          horizonDays: PREDICTION_HORIZON_DAYS,
          labelsKnownAt: at,
          where: cohortPeopleCondition(filter),
        });
        const predicted = serving.model.predict(
          snapshots.map((row) => leadFeatures(row.snapshot)),
          { contributions: false },
        );
        probabilities = new Map();
        snapshots.forEach((row, i) => {
          const key = keys.get(row.person_id);
          if (key === undefined) return;
          const list = probabilities?.get(key) ?? [];
          list.push(predicted[i]?.probability ?? 0);
          probabilities?.set(key, list);
        });
      }
      return {
        group_by: body.group_by,
        model_id: serving?.id ?? null,
        horizon_days: PREDICTION_HORIZON_DAYS,
        ...summariseCohorts(counts, probabilities, body.min_cohort_size),
        generated_at: at,
      };
    },
  );
}
