import { FACTORS, normaliseFactorWeights, roundFactorWeights, WEIGHT_DECISIONS } from '@ivy/core';
import { optimiseScoringWeights, recordWeightsChange, scoringWeightsOverview } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { auditContextOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { JOBS } from '../jobs/job-names';

const weightsSchema = z.strictObject(
  Object.fromEntries(
    FACTORS.map((factor) => [factor, z.number().positive().max(1000).describe(`Relative weight of ${factor}`)]),
  ) as Record<(typeof FACTORS)[number], z.ZodNumber>,
);

const overviewSchema = z.object({
  active: z.object({ version: z.number().int(), weights: weightsSchema, reason: z.string(), created_at: z.date() }),
  history: z.array(
    z.object({
      id: z.number().int(),
      occurred_at: z.date(),
      actor_label: z.string(),
      decision: z.enum(WEIGHT_DECISIONS),
      old_version: z.number().int().nullable(),
      new_version: z.number().int().nullable(),
      old_weights: weightsSchema.nullable(),
      new_weights: weightsSchema,
      reason: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

const setWeightsSchema = z.strictObject({
  weights: weightsSchema,
  reason: z.string().trim().min(3, 'say why the weights change').max(500),
});

const optimisationSchema = z.object({
  decision: z.enum(WEIGHT_DECISIONS),
  reason: z.string(),
  old_version: z.number().int(),
  new_version: z.number().int().nullable(),
  old_weights: weightsSchema,
  proposed_weights: weightsSchema,
  auc_current: z.number(),
  auc_proposed: z.number(),
  training_rows: z.number().int(),
  held_out_rows: z.number().int(),
});

/** The versioned factor weights behind every triage score: view, set by hand, or let the optimiser refit them. */
export function registerWeightsRoutes({ app, database, now, jobs }: RouteContext) {
  const { db } = database;

  app.get(
    '/ai/triage/weights',
    {
      config: { access: access.permission('ai_lead_scoring') },
      schema: {
        tags: ['triage'],
        summary: 'The active scoring weights and the audit of every change and optimiser decision, newest first',
        response: { 200: overviewSchema, ...problemResponses(401, 403) },
      },
    },
    async () => scoringWeightsOverview(db),
  );

  app.post(
    '/ai/triage/weights',
    {
      config: { access: access.permission('system_config') },
      schema: {
        tags: ['triage'],
        summary: 'Set the scoring weights by hand (normalised to sum to 1); audited with the reason, scores refresh',
        body: setWeightsSchema,
        response: { 200: overviewSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { weights, reason } = request.body;
      await recordWeightsChange(
        db,
        // Stored as shares, so what is kept reads the same whatever scale an admin typed.
        { weights: roundFactorWeights(normaliseFactorWeights(weights)), reason, decision: 'adopted' },
        auditContextOf(request, now()),
      );
      await jobs.send(JOBS.triageRefresh);
      return scoringWeightsOverview(db);
    },
  );

  app.post(
    '/ai/triage/weights/optimize',
    {
      config: { access: access.permission('system_config') },
      schema: {
        tags: ['triage'],
        summary:
          'Refit the weights on enrolment outcomes now (the weekly job does the same): adopted only if held-out AUC is not worse',
        response: { 200: optimisationSchema, ...problemResponses(401, 403, 409) },
      },
    },
    async (request) => {
      const report = await optimiseScoringWeights(db, { now: now(), audit: auditContextOf(request, now()) });
      if (report.decision === 'insufficient_data') throw new AppError('conflict', report.reason);
      if (report.decision === 'adopted') await jobs.send(JOBS.triageRefresh);
      return report;
    },
  );
}
