import {
  canAccessResource,
  DATA_SCOPE_BY_ROLE,
  DATA_SCOPES,
  hasPermission,
  PERMISSIONS,
  PERMISSIONS_BY_ROLE,
  RESOURCE_ACCESS_BY_ROLE,
  RESOURCE_OPERATIONS,
  RESOURCE_TYPES,
  ROLES,
  type Role,
} from '@ivy/core';
import { findUserAccount } from '@ivy/db';
import { z } from 'zod';
import { access } from '../auth/access';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';

const roleDescriptionSchema = z.object({
  role: z.enum(ROLES),
  data_scope: z.enum(DATA_SCOPES),
  permission_count: z.number().int(),
  permissions: z.array(z.enum(PERMISSIONS)),
  resource_access: z.partialRecord(z.enum(RESOURCE_TYPES), z.array(z.enum(RESOURCE_OPERATIONS))),
});

function describeRole(role: Role): z.infer<typeof roleDescriptionSchema> {
  const permissions = [...PERMISSIONS_BY_ROLE[role]];
  return {
    role,
    data_scope: DATA_SCOPE_BY_ROLE[role],
    permission_count: permissions.length,
    permissions,
    resource_access: Object.fromEntries(
      Object.entries(RESOURCE_ACCESS_BY_ROLE[role]).map(([type, operations]) => [type, [...operations]]),
    ),
  };
}

async function roleOf(db: RouteContext['database']['db'], username: string): Promise<Role> {
  const account = await findUserAccount(db, username);
  if (!account) throw AppError.notFound(`User ${username}`);
  return account.role;
}

/** The seed's read-only views of the role and permission model (phase 5.2), from the one matrix in @ivy/core. */
export function registerRoleRoutes({ app, database }: RouteContext) {
  const rule = access.permission('user_view');

  app.get(
    '/ai/users/roles',
    {
      config: { access: rule },
      schema: {
        tags: ['users'],
        summary: 'The five roles with their data scope and permissions',
        response: { 200: z.object({ roles: z.array(roleDescriptionSchema) }), ...problemResponses(401, 403) },
      },
    },
    async () => ({ roles: ROLES.map(describeRole) }),
  );

  app.get(
    '/ai/users/permissions',
    {
      config: { access: rule },
      schema: {
        tags: ['users'],
        summary: 'Every permission Ivy knows',
        response: {
          200: z.object({ permissions: z.array(z.enum(PERMISSIONS)), total: z.number().int() }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => ({ permissions: [...PERMISSIONS], total: PERMISSIONS.length }),
  );

  app.get(
    '/ai/users/roles/:role/permissions',
    {
      config: { access: rule },
      schema: {
        tags: ['users'],
        summary: 'One role’s permissions, data scope and resource access',
        params: z.object({ role: z.enum(ROLES) }),
        response: { 200: roleDescriptionSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => describeRole(request.params.role),
  );

  app.get(
    '/ai/users/permissions/:username',
    {
      config: { access: rule },
      schema: {
        tags: ['users'],
        summary: "A user's role, data scope and permissions",
        params: z.object({ username: z.string().min(1).max(320) }),
        response: { 200: roleDescriptionSchema.extend({ username: z.string() }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      username: request.params.username,
      ...describeRole(await roleOf(database.db, request.params.username)),
    }),
  );

  app.post(
    '/ai/users/permissions/check',
    {
      config: { access: rule },
      schema: {
        tags: ['users'],
        summary: 'Whether a user holds a permission',
        body: z.strictObject({ username: z.string().min(1).max(320), permission: z.enum(PERMISSIONS) }),
        response: {
          200: z.object({
            username: z.string(),
            permission: z.enum(PERMISSIONS),
            role: z.enum(ROLES),
            granted: z.boolean(),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const role = await roleOf(database.db, request.body.username);
      return { ...request.body, role, granted: hasPermission(role, request.body.permission) };
    },
  );

  app.post(
    '/ai/users/resources/access',
    {
      config: { access: rule },
      schema: {
        tags: ['users'],
        summary: 'Whether a user may perform an operation on a resource type',
        body: z.strictObject({
          username: z.string().min(1).max(320),
          resource_type: z.enum(RESOURCE_TYPES),
          operation: z.enum(RESOURCE_OPERATIONS),
        }),
        response: {
          200: z.object({
            username: z.string(),
            resource_type: z.enum(RESOURCE_TYPES),
            operation: z.enum(RESOURCE_OPERATIONS),
            role: z.enum(ROLES),
            granted: z.boolean(),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { username, resource_type, operation } = request.body;
      const role = await roleOf(database.db, username);
      return { ...request.body, role, granted: canAccessResource(role, resource_type, operation) };
    },
  );
}
