import { hasPermission, ROLES } from '@ivy/core';
import { createUser, findUserAccount, listTeams, listUsers, type UserAccount, updateUser } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/secrets';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string(),
  full_name: z.string(),
  role: z.enum(ROLES),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  is_active: z.boolean(),
  created_at: z.date(),
  last_login: z.date().nullable(),
});

const usernameParams = z.object({ username: z.string().min(1).max(320).describe("The user's e-mail") });

async function accountOrNotFound(account: Promise<UserAccount | null>, username: string) {
  const found = await account;
  if (!found) throw AppError.notFound(`User ${username}`);
  return found;
}

/** The seed's user management endpoints (phase 5.2); usernames are e-mail addresses. */
export function registerUserRoutes({ app, database, now }: RouteContext) {
  const { db } = database;

  app.get(
    '/teams',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['users'],
        summary: 'Teams with their departments',
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.uuid(), name: z.string(), department: z.object({ id: z.uuid(), name: z.string() }) }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await listTeams(db) }),
  );

  app.get(
    '/ai/users/list',
    {
      config: { access: access.permission('user_view') },
      schema: {
        tags: ['users'],
        summary: 'Users, with filters',
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          role: z.enum(ROLES).optional(),
          active: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({ users: z.array(userSchema), total: z.number().int() }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => listUsers(db, { ...request.query, q: request.query.q || undefined }),
  );

  app.post(
    '/ai/users/create',
    {
      config: { access: access.permission('user_create') },
      schema: {
        tags: ['users'],
        summary: 'Create a user who can sign in',
        body: z.strictObject({
          email: z.email().max(320),
          full_name: z.string().trim().min(1).max(200),
          role: z.enum(ROLES),
          team_id: z.uuid().nullable().default(null),
          password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
        }),
        response: { 201: userSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { password, ...user } = request.body;
      const principal = principalOf(request);
      if (user.role === 'super_admin' && principal.role !== 'super_admin') {
        throw new AppError('forbidden', 'Only a super admin can create a super admin');
      }
      await createUser(db, { ...user, password_hash: await hashPassword(password) }, auditContextOf(request, now()));
      return reply.status(201).send(await accountOrNotFound(findUserAccount(db, user.email), user.email));
    },
  );

  app.get(
    '/ai/users/:username',
    {
      config: { access: access.permission('user_view') },
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: usernameParams,
        response: { 200: userSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => accountOrNotFound(findUserAccount(db, request.params.username), request.params.username),
  );

  app.put(
    '/ai/users/:username',
    {
      config: { access: access.permission('user_update') },
      schema: {
        tags: ['users'],
        summary: 'Update a user; changing the role needs role_manage',
        params: usernameParams,
        body: z.strictObject({
          full_name: z.string().trim().min(1).max(200).optional(),
          role: z.enum(ROLES).optional(),
          team_id: z.uuid().nullable().optional(),
          is_active: z.boolean().optional(),
        }),
        response: { 200: userSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { username } = request.params;
      const target = await accountOrNotFound(findUserAccount(db, username), username);
      const roleChanges = request.body.role !== undefined && request.body.role !== target.role;
      if (roleChanges && !hasPermission(principal.role, 'role_manage')) {
        throw new AppError('forbidden', 'Changing a role needs the role_manage permission');
      }
      if (
        (request.body.role === 'super_admin' || target.role === 'super_admin') &&
        roleChanges &&
        principal.role !== 'super_admin'
      ) {
        throw new AppError('forbidden', 'Only a super admin can grant or remove the super admin role');
      }
      if (request.body.is_active === false && target.id === principal.id) {
        throw AppError.invalidField('body.is_active', 'you cannot deactivate yourself');
      }
      return accountOrNotFound(updateUser(db, username, request.body, auditContextOf(request, now())), username);
    },
  );

  app.delete(
    '/ai/users/:username',
    {
      config: { access: access.permission('user_delete') },
      schema: {
        tags: ['users'],
        summary: 'Deactivate a user (their history and audit trail stay)',
        params: usernameParams,
        response: { 200: userSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { username } = request.params;
      const target = await accountOrNotFound(findUserAccount(db, username), username);
      if (target.id === principalOf(request).id)
        throw AppError.invalidField('params.username', 'you cannot deactivate yourself');
      return accountOrNotFound(
        updateUser(db, username, { is_active: false }, auditContextOf(request, now())),
        username,
      );
    },
  );
}
