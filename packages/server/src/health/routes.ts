import { migrationStatus } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import { rootCause } from '../http/root-cause';
import type { RouteContext } from '../http/types';
import { IVY_VERSION } from '../version';

const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  mode: z.enum(['demo', 'production']),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    reachable: z.literal(true),
    migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
  }),
});

export function registerHealthRoutes({ app, database, config }: RouteContext) {
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
    async (request) => {
      const migrations = await migrationStatus(database.db).catch((error: unknown) => {
        request.log.error({ err: rootCause(error) }, 'health check: database unreachable');
        throw new AppError('unavailable', 'The database is unreachable');
      });
      return {
        status: 'ok' as const,
        version: IVY_VERSION,
        mode: config.IVY_ENV === 'production' ? ('production' as const) : ('demo' as const),
        database: { kind: database.kind, reachable: true as const, migrations },
      };
    },
  );
}
