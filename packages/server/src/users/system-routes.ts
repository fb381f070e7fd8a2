import { ROLES } from '@ivy/core';
import { findUserAccount, identityHealth } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { createSignIn } from '../auth/sign-in';
import { databaseStatus, databaseStatusSchema } from '../health/routes';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { IVY_VERSION } from '../version';
import { userSchema } from './user-routes';

const count = z.number().int();

const systemHealthSchema = z.object({
  status: z.literal('healthy'),
  version: z.string(),
  checked_at: z.date(),
  uptime_seconds: z.number(),
  database: databaseStatusSchema,
  users: z.object({ total: count, active: count, active_by_role: z.record(z.enum(ROLES), count) }),
  active_sessions: count,
  sign_in: z.object({ attempts_24h: count, failures_24h: count, locked_accounts: count }),
  audit: z.object({ entries_24h: count, denials_24h: count, last_entry_at: z.date().nullable() }),
});

/** The seed's `/ai/users/authenticate` and `/ai/users/system/health` (phase 5.2), on the real sign-in and data. */
export function registerUserSystemRoutes(context: RouteContext) {
  const { app, database, now } = context;
  const signIn = createSignIn(context);

  app.post(
    '/ai/users/authenticate',
    {
      config: { access: access.public() },
      schema: {
        tags: ['users'],
        summary: 'Seed-compatible sign-in (username = e-mail); same lockout, audit and session cookie as /auth/login',
        body: z.strictObject({
          username: z.string().trim().min(1).max(320),
          password: z.string().min(1).max(1024),
        }),
        response: {
          200: z.object({ authenticated: z.literal(true), user: userSchema }),
          ...problemResponses(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const principal = await signIn(request, reply, {
        email: request.body.username,
        password: request.body.password,
      });
      const user = await findUserAccount(database.db, principal.email);
      if (!user) throw AppError.notFound(`User ${principal.email}`);
      return { authenticated: true as const, user };
    },
  );

  app.get(
    '/ai/users/system/health',
    {
      config: { access: access.permission('system_health') },
      schema: {
        tags: ['users'],
        summary: 'Identity and access health: users, sessions, sign-in failures, lockouts, audit activity',
        response: { 200: systemHealthSchema, ...problemResponses(401, 403, 503) },
      },
    },
    async (request) => {
      const checkedAt = now();
      const db = await databaseStatus(context, request);
      return {
        status: 'healthy' as const,
        version: IVY_VERSION,
        checked_at: checkedAt,
        uptime_seconds: Math.round(process.uptime()),
        database: db,
        ...(await identityHealth(database.db, checkedAt)),
      };
    },
  );
}
