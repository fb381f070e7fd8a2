import { migrationStatus } from '@ivy/db';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access } from '../auth/access';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import { rootCause } from '../http/root-cause';
import type { RouteContext } from '../http/types';
import { IVY_VERSION } from '../version';

export const databaseStatusSchema = z.object({
  kind: z.enum(['pglite', 'postgres']),
  reachable: z.literal(true),
  migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
});

const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  mode: z.enum(['demo', 'production']),
  database: databaseStatusSchema,
});

/** Reachability and schema version; an unreachable database is a 503, logged with its driver error. */
export async function databaseStatus(
  { database }: Pick<RouteContext, 'database'>,
  request: FastifyRequest,
): Promise<z.infer<typeof databaseStatusSchema>> {
  const migrations = await migrationStatus(database.db).catch((error: unknown) => {
    request.log.error({ err: rootCause(error) }, 'health check: database unreachable');
    throw new AppError('unavailable', 'The database is unreachable');
  });
  return { kind: database.kind, reachable: true as const, migrations };
}

export function registerHealthRoutes(context: RouteContext) {
  const { app, config } = context;
  app.get(
    '/health',
    {
      config: { access: access.public() },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: healthSchema, ...problemResponses(503) },
      },
    },
    async (request) => ({
      status: 'ok' as const,
      version: IVY_VERSION,
      mode: config.IVY_ENV === 'production' ? ('production' as const) : ('demo' as const),
      database: await databaseStatus(context, request),
    }),
  );
}
