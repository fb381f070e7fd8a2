import { createApiToken, listApiTokens, revokeApiToken } from '@ivy/db';
import { z } from 'zod';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { access } from './access';
import { auditContextOf, principalOf } from './request-context';
import { hashSecretToken, newSecretToken } from './secrets';

const DAY_MS = 86_400_000;

const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  created_at: z.date(),
  expires_at: z.date().nullable(),
});

/** Personal bearer tokens for API clients: `Authorization: Bearer <token>` acts as the user who created it. */
export function registerTokenRoutes({ app, database, now }: RouteContext) {
  app.post(
    '/auth/tokens',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        summary: 'Create a personal bearer token; the token is shown only in this response',
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          expires_in_days: z.number().int().min(1).max(365).nullable().default(90),
        }),
        response: { 201: tokenSchema.extend({ token: z.string() }), ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const at = now();
      const token = newSecretToken('token');
      const { expires_in_days } = request.body;
      const created = await createApiToken(
        database.db,
        {
          userId: principalOf(request).id,
          name: request.body.name,
          tokenHash: hashSecretToken(token),
          expiresAt: expires_in_days === null ? null : new Date(at.getTime() + expires_in_days * DAY_MS),
        },
        auditContextOf(request, at),
      );
      return reply.status(201).send({ ...created, token });
    },
  );

  app.get(
    '/auth/tokens',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        summary: 'Your bearer tokens (never the secrets)',
        response: {
          200: z.object({ items: z.array(tokenSchema.extend({ revoked_at: z.date().nullable() })) }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => ({ items: await listApiTokens(database.db, principalOf(request).id) }),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your bearer tokens',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const revoked = await revokeApiToken(
        database.db,
        request.params.id,
        principalOf(request).id,
        auditContextOf(request, now()),
      );
      if (!revoked) throw AppError.notFound(`Token ${request.params.id}`);
      return reply.status(204).send(null);
    },
  );
}
