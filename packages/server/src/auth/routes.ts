import { DATA_SCOPE_BY_ROLE, DATA_SCOPES, PERMISSIONS, PERMISSIONS_BY_ROLE, ROLES } from '@ivy/core';
import { appendAudit, changePassword, type Principal, passwordHashOf, revokeSession } from '@ivy/db';
import { z } from 'zod';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { access } from './access';
import { SESSION_COOKIE } from './guard';
import { auditContextOf, principalOf } from './request-context';
import { hashPassword, hashSecretToken, MIN_PASSWORD_LENGTH, verifyPassword } from './secrets';
import { createSignIn } from './sign-in';

export const meSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  full_name: z.string(),
  role: z.enum(ROLES),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  data_scope: z.enum(DATA_SCOPES),
  permissions: z.array(z.enum(PERMISSIONS)),
});

export function describePrincipal(principal: Principal): z.infer<typeof meSchema> {
  return {
    id: principal.id,
    email: principal.email,
    full_name: principal.full_name,
    role: principal.role,
    team: principal.team,
    department: principal.department,
    data_scope: DATA_SCOPE_BY_ROLE[principal.role],
    permissions: [...PERMISSIONS_BY_ROLE[principal.role]],
  };
}

const loginBodySchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export function registerAuthRoutes(context: RouteContext) {
  const { app, database, now } = context;
  const signIn = createSignIn(context);

  app.post(
    '/auth/login',
    {
      config: { access: access.public() },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets an httpOnly session cookie',
        body: loginBodySchema,
        response: { 200: z.object({ user: meSchema }), ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => ({ user: describePrincipal(await signIn(request, reply, request.body)) }),
  );

  app.post(
    '/auth/logout',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: revokes the session',
        response: { 204: z.null(), ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      const at = now();
      await database.db.transaction(async (tx) => {
        if (token) await revokeSession(tx, hashSecretToken(token), at);
        await appendAudit(tx, {
          ...auditContextOf(request, at),
          action: 'auth.logout',
          resourceType: 'system_config',
          outcome: 'success',
        });
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        summary: 'Change your password; signs you out of every other session',
        body: z.strictObject({
          current_password: z.string().min(1).max(1024),
          new_password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
        }),
        response: { 204: z.null(), ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { current_password, new_password } = request.body;
      const storedHash = await passwordHashOf(database.db, principal.id);
      if (!storedHash || !(await verifyPassword(storedHash, current_password))) {
        throw AppError.invalidField('body.current_password', 'is not your current password');
      }
      if (current_password === new_password)
        throw AppError.invalidField('body.new_password', 'is the same as the current one');
      const sessionToken = request.cookies[SESSION_COOKIE];
      await changePassword(
        database.db,
        {
          userId: principal.id,
          passwordHash: await hashPassword(new_password),
          keepSessionHash: sessionToken ? hashSecretToken(sessionToken) : null,
        },
        auditContextOf(request, now()),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their role, scope and permissions',
        response: { 200: meSchema, ...problemResponses(401) },
      },
    },
    async (request) => describePrincipal(principalOf(request)),
  );
}
