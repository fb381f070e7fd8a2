import { listAuditLog, schema } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';

const DAY_MS = 86_400_000;

const auditEntrySchema = z.object({
  id: z.number().int(),
  occurred_at: z.date(),
  actor_user_id: z.uuid().nullable(),
  actor_label: z.string().nullable(),
  action: z.string(),
  resource_type: z.string(),
  resource_id: z.string().nullable(),
  outcome: z.enum(schema.AUDIT_OUTCOMES),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export function registerAuditRoutes({ app, database }: RouteContext) {
  app.get(
    '/ai/users/audit/logs',
    {
      config: { access: access.permission('audit_logs') },
      schema: {
        tags: ['users'],
        summary: 'The audit log, newest first, with filters and cursor pagination',
        querystring: z.object({
          actor: z.string().trim().max(320).optional(),
          action: z.string().trim().max(200).optional(),
          outcome: z.enum(schema.AUDIT_OUTCOMES).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional().describe('Last day included'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(40).optional(),
        }),
        response: {
          200: z.object({ logs: z.array(auditEntrySchema), next_cursor: z.string().nullable() }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { actor, action, outcome, from, to, limit, cursor } = request.query;
      const afterId = cursor === undefined ? undefined : Number(cursor);
      if (afterId !== undefined && !Number.isSafeInteger(afterId)) {
        throw AppError.invalidField('querystring.cursor', 'is not a cursor this server issued');
      }
      const page = await listAuditLog(database.db, {
        actor: actor || undefined,
        action: action || undefined,
        outcome,
        from: from ? new Date(from) : undefined,
        before: to ? new Date(new Date(to).getTime() + DAY_MS) : undefined,
        limit,
        afterId,
      });
      return { logs: page.logs, next_cursor: page.nextAfterId === null ? null : String(page.nextAfterId) };
    },
  );
}
