import {
  DATA_SCOPE_BY_ROLE,
  DATA_SCOPES,
  PERMISSIONS,
  PERMISSIONS_BY_ROLE,
  RESOURCE_ACCESS_BY_ROLE,
  RESOURCE_OPERATIONS,
  RESOURCE_TYPES,
  ROLES,
  type Role,
} from '@ivy/core';
import { z } from 'zod';
import { access } from '../auth/access';
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

/** The seed's read-only views of the role and permission model (phase 5.2), from the one matrix in @ivy/core. */
export function registerRoleRoutes({ app }: RouteContext) {
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
}
