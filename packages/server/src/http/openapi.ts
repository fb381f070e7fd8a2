import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IVY_VERSION } from '../version';
import type { IvyApp } from './types';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details (application/problem+json)');

/** Response schemas for the error statuses a route can answer, for its OpenAPI entry. */
export function problemResponses<const S extends number>(...statuses: S[]): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((status) => [status, problemSchema])) as Record<S, typeof problemSchema>;
}

export async function registerOpenApi(app: IvyApp) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ivy API',
        version: IVY_VERSION,
        description:
          'Admissions CRM with an AI intelligence layer. Errors are application/problem+json (RFC 9457) with field paths.',
      },
      tags: [
        { name: 'people', description: 'Enquirers, applicants and students' },
        { name: 'catalogue', description: 'Courses and campuses' },
        { name: 'auth', description: 'Sign-in and the current user' },
        { name: 'users', description: 'Users, roles and permissions' },
        { name: 'system', description: 'Health and documentation' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
