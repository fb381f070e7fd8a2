import {
  applyForecastConfigPatch,
  FACTORS,
  forecastConfigPatchSchema,
  forecastConfigSchema,
  forecastLead,
  scoreLead,
  scoringContext,
} from '@ivy/core';
import {
  activeForecastConfig,
  activeScoringWeights,
  forecastConfigHistory,
  saveForecastConfig,
  signalsForPeople,
  storeForecasts,
} from '@ivy/db';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { exactlyOneOfLeadsOrIds, leadsOrIdsShape, signalsOf } from './raw-lead';

const configResponseSchema = forecastConfigSchema.and(z.object({ version: z.number().int() }));

const forecastRequestSchema = z
  .strictObject({
    ...leadsOrIdsShape,
    persist: z.boolean().default(false).describe('Store the forecasts (stored people only)'),
  })
  .refine(...exactlyOneOfLeadsOrIds)
  .refine((body) => !(body.persist && body.leads), {
    message: 'persist needs lead_ids: raw leads are not stored',
    path: ['persist'],
  });

const forecastSchema = z.object({
  leadId: z.string(),
  probability: z.number(),
  eta_days: z.number().int().nullable(),
  confidence: z.number(),
  drivers: z.array(z.string()),
  risks: z.array(z.string()),
  explanation: z.record(z.enum(FACTORS), z.number()),
  config_version: z.number().int(),
  persisted: z.boolean(),
});

/** The seed's rules forecast (phase 2.1) and its tunable configuration. */
export function registerForecastRoutes({ app, database, triageEvidence, now }: RouteContext) {
  const { db } = database;

  app.get(
    '/ai/forecast/config',
    {
      config: { access: access.permission('ai_forecasting') },
      schema: {
        tags: ['forecast'],
        summary: 'The active rules-forecast configuration',
        response: { 200: configResponseSchema, ...problemResponses(401, 403) },
      },
    },
    async () => {
      const { version, config } = await activeForecastConfig(db);
      return { version, ...config };
    },
  );

  app.get(
    '/ai/forecast/config/history',
    {
      config: { access: access.permission('ai_forecasting') },
      schema: {
        tags: ['forecast'],
        summary: 'Every forecast configuration version, newest first, with who made it',
        response: {
          200: z.object({
            versions: z.array(
              z.object({
                version: z.number().int(),
                config: forecastConfigSchema,
                active: z.boolean(),
                created_at: z.date(),
                created_by_label: z.string().describe('"system" for the defaults'),
              }),
            ),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => {
      await activeForecastConfig(db);
      const versions = await forecastConfigHistory(db);
      return { versions: versions.map((row) => ({ ...row, created_by_label: row.created_by_label ?? 'system' })) };
    },
  );

  app.post(
    '/ai/forecast/config',
    {
      config: { access: access.permission('system_config') },
      schema: {
        tags: ['forecast'],
        summary: 'Change the forecast configuration (any subset of fields); invalid results are refused whole',
        body: forecastConfigPatchSchema,
        response: { 200: configResponseSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const current = await activeForecastConfig(db);
      const result = applyForecastConfigPatch(current.config, request.body);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw AppError.invalidField(`body.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'is invalid');
      }
      const saved = await saveForecastConfig(db, result.data, auditContextOf(request, now()));
      return { version: saved.version, ...saved.config };
    },
  );

  app.post(
    '/ai/forecast/leads',
    {
      config: { access: access.permission('ai_forecasting') },
      schema: {
        tags: ['forecast'],
        summary: 'Conversion probability, ETA, drivers and risks for raw leads or stored people',
        body: forecastRequestSchema,
        response: { 200: z.object({ leads: z.array(forecastSchema) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { leads, lead_ids, persist } = request.body;
      const { version: configVersion, config } = await activeForecastConfig(db);
      if (leads) {
        const { weights } = await activeScoringWeights(db);
        const context = scoringContext(weights, (await triageEvidence.get()).outcomes);
        return {
          leads: leads.map((lead) => ({
            leadId: lead.id,
            ...forecastLead(scoreLead(signalsOf(lead), context), config),
            config_version: configVersion,
            persisted: false,
          })),
        };
      }
      const at = now();
      const ids = [...new Set(lead_ids ?? [])];
      const {
        leads: stored,
        missing,
        run,
      } = await signalsForPeople(db, {
        ids,
        scope: peopleScopeOf(principalOf(request)),
        now: at,
        evidence: await triageEvidence.get(),
      });
      if (missing[0]) throw AppError.notFound(`Person ${missing[0]}`);
      const forecasts = stored.map((lead) => ({
        person_id: lead.id,
        ...forecastLead(scoreLead(lead.signals, run.context), config),
      }));
      if (persist) await storeForecasts(db, forecasts, { configVersion, now: at });
      return {
        leads: forecasts.map(({ person_id, ...forecast }) => ({
          leadId: person_id,
          ...forecast,
          config_version: configVersion,
          persisted: persist,
        })),
      };
    },
  );
}
