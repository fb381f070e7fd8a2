import {
  DATA_SCOPE_BY_ROLE,
  DATA_SCOPES,
  DEFAULT_LOCKOUT_POLICY,
  PERMISSIONS,
  PERMISSIONS_BY_ROLE,
  ROLES,
  signInLockout,
} from '@ivy/core';
import {
  appendAudit,
  changePassword,
  createSession,
  findUserForSignIn,
  type Principal,
  passwordHashOf,
  recentLoginAttempts,
  recordLoginAttempt,
  revokeSession,
} from '@ivy/db';
import { z } from 'zod';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { access } from './access';
import { SESSION_COOKIE } from './guard';
import { auditContextOf, principalOf } from './request-context';
import { hashPassword, hashSecretToken, MIN_PASSWORD_LENGTH, newSecretToken, verifyPassword } from './secrets';

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

const INVALID_CREDENTIALS = 'E-mail or password is incorrect';

/** Verified against when the account does not exist, so a miss costs as long as a wrong password. */
const decoyHash = hashPassword('decoy password that matches no account');

export function registerAuthRoutes({ app, database, config, now }: RouteContext) {
  const sessionTtlMs = config.IVY_SESSION_TTL_HOURS * 3_600_000;

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
    async (request, reply) => {
      const { email, password } = request.body;
      const at = now();
      const audit = auditContextOf(request, at);
      const attempts = await recentLoginAttempts(
        database.db,
        email,
        new Date(at.getTime() - DEFAULT_LOCKOUT_POLICY.windowMs),
      );
      const lockout = signInLockout(attempts, at);
      const recordFailure = (outcome: 'denied' | 'failure', details: Record<string, string>) =>
        database.db.transaction(async (tx) => {
          await recordLoginAttempt(tx, { email, succeeded: false, ip: request.ip, at });
          await appendAudit(tx, { ...audit, action: 'auth.login', resourceType: 'system_config', outcome, details });
        });
      if (lockout.locked) {
        await recordFailure('denied', { email, reason: 'locked' });
        const retry = lockout.retryAt.toISOString().slice(11, 16);
        throw new AppError('too_many_requests', `Too many failed sign-in attempts. Try again after ${retry} UTC.`);
      }

      const account = await findUserForSignIn(database.db, email);
      const passwordMatches = await verifyPassword(account?.passwordHash ?? (await decoyHash), password);
      if (!account?.active || !account.passwordHash || !passwordMatches) {
        await recordFailure('failure', { email });
        throw new AppError('unauthenticated', INVALID_CREDENTIALS);
      }

      const token = newSecretToken('session');
      const actor = { id: account.principal.id, label: account.principal.email };
      await database.db.transaction(async (tx) => {
        await recordLoginAttempt(tx, { email, succeeded: true, ip: request.ip, at });
        await createSession(tx, {
          tokenHash: hashSecretToken(token),
          userId: account.principal.id,
          expiresAt: new Date(at.getTime() + sessionTtlMs),
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          now: at,
        });
        await appendAudit(tx, {
          ...audit,
          actor,
          action: 'auth.login',
          resourceType: 'system_config',
          outcome: 'success',
        });
      });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.IVY_ENV === 'production',
        path: '/',
        maxAge: Math.floor(sessionTtlMs / 1000),
      });
      return { user: describePrincipal(account.principal) };
    },
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
