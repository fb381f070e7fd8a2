import { CONSENT_TYPES, ERASURE_GROUNDS, GDPR_REQUEST_KINDS } from '@ivy/core';
import { countPastRetention, erasePerson, exportPerson, gdprCounts, gdprReport, personInScope } from '@ivy/db';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { personIdParamsSchema } from '../people/schemas';

/** The word that confirms an erasure, for callers that do not retype the person's id. */
export const ERASE_CONFIRMATION = 'ERASE';
export const MIN_ERASURE_REASON = 10;

const rows = z.array(z.record(z.string(), z.unknown()));

const exportSchema = z
  .object({
    format: z.string().describe('Version of this document’s layout'),
    exported_at: z.string(),
    request_id: z.uuid().nullable().describe('The gdpr_requests row that records this export'),
    person: z.record(z.string(), z.unknown()),
    applications: rows.describe('Each with its status_history'),
    engagement_events: rows,
    activities: rows,
    alerts: rows,
    lead_score: z.record(z.string(), z.unknown()).nullable(),
    lead_forecasts: rows,
    ml_predictions: rows,
    consent_history: rows,
    gdpr_requests: rows,
    audit_entries: rows,
  })
  .describe('Everything Ivy holds about the person (UK GDPR art. 15)');

const eraseBodySchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(MIN_ERASURE_REASON, `Give the reason for the erasure (at least ${MIN_ERASURE_REASON} characters)`)
    .max(2000)
    .describe('Why the person is erased (their request, the legal ground); names in it are scrubbed'),
  confirm: z.string().describe(`The person's id, or "${ERASE_CONFIRMATION}", to confirm`),
});

const eraseResponseSchema = z.object({
  status: z.enum(['erased', 'already_erased']),
  request_id: z.uuid(),
  summary: z.record(z.string(), z.number().int()).describe('Rows removed or anonymised per table'),
});

const requestCountsSchema = z.object({
  total: z.number().int(),
  by_ground: z.record(z.enum(ERASURE_GROUNDS), z.number().int()),
});

const reportSchema = z.object({
  generated_at: z.string(),
  retention_days: z.number().int(),
  people: z.object({ total: z.number().int(), erased: z.number().int() }),
  consent_coverage: z
    .array(z.object({ consent_type: z.enum(CONSENT_TYPES), granted: z.number().int(), share: z.number() }))
    .describe('People with a current (latest, granted, unexpired) consent of each type, and their share of all'),
  expired_consents: z.number().int().describe('Current consents that were granted and have expired'),
  withdrawn_last_30_days: z.number().int(),
  past_retention_pending: z.number().int().describe('People past the retention period and not yet erased'),
  exports: z.object({ last_30_days: z.number().int(), all_time: z.number().int() }),
  erasures: z.object({ last_30_days: requestCountsSchema, all_time: requestCountsSchema }),
  recent_requests: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(GDPR_REQUEST_KINDS),
      ground: z.enum(ERASURE_GROUNDS).nullable(),
      person_id: z.uuid().nullable(),
      requested_by: z.string().nullable().describe('Name of the user; null for the retention job'),
      created_at: z.string(),
      summary: z.record(z.string(), z.number()),
    }),
  ),
});

const healthSchema = z.object({
  status: z.literal('healthy'),
  gdpr_settings: z.object({
    data_retention_days: z.number().int(),
    retention_schedule: z.string().describe('Cron (Europe/London) of the retention job'),
    consent_required: z.boolean(),
    right_to_forget: z.boolean(),
    data_minimization: z.boolean(),
  }),
  counts: z.object({
    people: z.number().int(),
    erased_people: z.number().int(),
    consent_records: z.number().int(),
    export_requests: z.number().int(),
    erasure_requests: z.number().int(),
    past_retention_pending: z.number().int(),
  }),
  last_erasure_at: z.string().nullable(),
  timestamp: z.string(),
});

/** Data-subject rights (seed phase 5.1, UK GDPR arts. 15 and 17): export, erasure, the GDPR report and health. */
export function registerGdprRoutes({ app, database, config, now }: RouteContext) {
  const { db } = database;
  const rule = access.permission('pii_gdpr_report');

  app.get(
    '/people/:id/export',
    {
      config: { access: rule },
      schema: {
        tags: ['privacy'],
        summary: 'Subject access export: everything Ivy holds about a person, as a JSON attachment',
        params: personIdParamsSchema,
        response: { 200: exportSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const audit = auditContextOf(request, now());
      const document = await exportPerson(db, id, {
        actor: audit.actor ?? { id: principal.id, label: principal.email },
        now: audit.at,
        scope: peopleScopeOf(principal),
      });
      if (!document) throw AppError.notFound(`Person ${id}`);
      reply.header('content-disposition', `attachment; filename="ivy-subject-access-${id}.json"`);
      return document;
    },
  );

  app.post(
    '/people/:id/erase',
    {
      config: { access: rule },
      schema: {
        tags: ['privacy'],
        summary: 'Erase a person everywhere (managers and above); aggregates and an anonymous audit record remain',
        params: personIdParamsSchema,
        body: eraseBodySchema,
        response: { 200: eraseResponseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const { reason, confirm } = request.body;
      // Scope first: whether a person outside it exists is not the caller's to learn, not even from a 400.
      if (!(await personInScope(db, id, peopleScopeOf(principal)))) throw AppError.notFound(`Person ${id}`);
      if (confirm.trim() !== id && confirm.trim() !== ERASE_CONFIRMATION) {
        throw AppError.invalidField('confirm', `Type the person's id or "${ERASE_CONFIRMATION}" to confirm`);
      }
      const result = await erasePerson(db, {
        personId: id,
        ground: 'subject_request',
        reason,
        actor: { id: principal.id, label: principal.email },
        now: now(),
      });
      if (result.status === 'not_found') throw AppError.notFound(`Person ${id}`);
      return result.status === 'erased' ? result : { ...result, summary: {} };
    },
  );

  app.get(
    '/ai/pii/gdpr/report',
    {
      config: { access: rule },
      schema: {
        tags: ['privacy'],
        summary: 'GDPR report: consent coverage, expired and withdrawn consent, records past retention, requests',
        response: { 200: reportSchema, ...problemResponses(401, 403) },
      },
    },
    () => gdprReport(db, now(), config.IVY_RETENTION_DAYS),
  );

  app.get(
    '/ai/pii/health',
    {
      config: { access: rule },
      schema: {
        tags: ['privacy'],
        summary: 'Privacy health: GDPR settings and counts of people, consent and data-subject requests',
        response: { 200: healthSchema, ...problemResponses(401, 403) },
      },
    },
    async () => {
      const at = now();
      const [counts, pending] = await Promise.all([
        gdprCounts(db),
        countPastRetention(db, config.IVY_RETENTION_DAYS, at),
      ]);
      const { last_erasure_at, ...rest } = counts;
      return {
        status: 'healthy' as const,
        gdpr_settings: {
          data_retention_days: config.IVY_RETENTION_DAYS,
          retention_schedule: config.IVY_RETENTION_CRON,
          consent_required: true,
          right_to_forget: true,
          data_minimization: true,
        },
        counts: { ...rest, past_retention_pending: pending },
        last_erasure_at,
        timestamp: at.toISOString(),
      };
    },
  );
}
