import { ALERT_STATUSES, BLOCKER_TYPES, SEVERITIES } from '@ivy/core';
import { ALERT_VIEWS, listAlerts, transitionAlert } from '@ivy/db';
import { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { commaList } from '../people/schemas';

const alertSchema = z.object({
  id: z.uuid(),
  person_id: z.uuid(),
  person_name: z.string(),
  type: z.enum(BLOCKER_TYPES),
  severity: z.enum(SEVERITIES),
  level: z.number().int(),
  status: z.enum(ALERT_STATUSES),
  title: z.string(),
  description: z.string(),
  action_required: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  owner_id: z.uuid().nullable(),
  escalated_to: z.uuid().nullable(),
  escalated_at: z.date().nullable(),
  created_at: z.date(),
  acknowledged_at: z.date().nullable(),
  resolved_at: z.date().nullable(),
  resolution: z.string().nullable(),
});

const alertIdParams = z.object({ id: z.uuid() });

/** The alerts inbox (seed phase 1.3): list, acknowledge, resolve — scoped and audited. */
export function registerAlertRoutes({ app, database, now }: RouteContext) {
  const { db } = database;
  const rule = access.permission('ai_lead_scoring');

  app.get(
    '/ai/alerts',
    {
      config: { access: rule },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts: mine (owned by or escalated to me) or my team’s (my data scope); escalated first',
        querystring: z.object({
          view: z.enum(ALERT_VIEWS).default('mine'),
          status: commaList(ALERT_STATUSES).optional().describe('Comma-separated; default open,acknowledged'),
          type: commaList(BLOCKER_TYPES).optional().describe('Comma-separated blocker types'),
          min_level: z.coerce.number().int().min(1).max(3).optional(),
        }),
        response: { 200: z.object({ items: z.array(alertSchema) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { view, status, type, min_level } = request.query;
      const items = await listAlerts(db, {
        userId: principal.id,
        scope: peopleScopeOf(principal),
        filters: { view, statuses: status, types: type, minLevel: min_level },
      });
      return { items };
    },
  );

  for (const transition of ['acknowledge', 'resolve'] as const) {
    app.post(
      `/ai/alerts/:id/${transition}`,
      {
        config: { access: rule },
        schema: {
          tags: ['alerts'],
          summary: transition === 'acknowledge' ? 'Acknowledge an alert' : 'Resolve an alert',
          params: alertIdParams,
          response: { 200: alertSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const result = await transitionAlert(db, {
          id: request.params.id,
          transition,
          scope: peopleScopeOf(principal),
          audit: auditContextOf(request, now()),
        });
        if (result === null) throw AppError.notFound(`Alert ${request.params.id}`);
        if (result === 'conflict') {
          throw new AppError(
            'conflict',
            `Alert ${request.params.id} is already ${transition === 'resolve' ? 'resolved' : 'acknowledged or resolved'}`,
          );
        }
        return result;
      },
    );
  }
}
