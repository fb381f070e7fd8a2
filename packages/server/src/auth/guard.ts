import cookie from '@fastify/cookie';
import { appendAudit, findPrincipalByApiToken, findPrincipalBySession, type Principal } from '@ivy/db';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error';
import { rootCause } from '../http/root-cause';
import type { RouteContext } from '../http/types';
import { type AccessRule, isAllowed } from './access';
import { auditContextOf } from './request-context';
import { hashSecretToken } from './secrets';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route registered behind the guard, with its access rule (for the authorisation matrix test). */
    guardedRoutes(): GuardedRoute[];
  }
}

export const SESSION_COOKIE = 'ivy_session';

export type GuardedRoute = { method: string; url: string; access: AccessRule };

/**
 * Deny by default: from here on, registering a route without `config.access` throws at start-up, and every request
 * is checked against its route's rule before the handler runs. Routes registered before the guard (API docs,
 * static files) are infrastructure and public. Denials are audited.
 */
export async function registerGuard({ app, database, now }: Pick<RouteContext, 'app' | 'database' | 'now'>) {
  await app.register(cookie);
  app.decorateRequest('principal', null);
  const guarded: GuardedRoute[] = [];

  app.addHook('onRoute', (route) => {
    const rule = route.config?.access;
    if (!rule) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') guarded.push({ method, url: route.url, access: rule });
    }
  });

  /** A bearer token (API clients) takes precedence over the session cookie (the web app). */
  async function resolvePrincipal(authorization: string | undefined, sessionToken: string | undefined) {
    const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) return findPrincipalByApiToken(database.db, hashSecretToken(bearer), now());
    return sessionToken ? findPrincipalBySession(database.db, hashSecretToken(sessionToken), now()) : null;
  }

  async function auditDenial(request: FastifyRequest, rule: AccessRule | undefined) {
    await appendAudit(database.db, {
      ...auditContextOf(request, now()),
      action: `${request.method} ${request.routeOptions.url ?? request.url}`,
      resourceType: rule?.kind === 'resource' ? rule.resource : 'system_config',
      outcome: 'denied',
      details: {
        rule: rule?.kind === 'permission' ? rule.permission : (rule?.kind ?? 'handler'),
        signed_in: request.principal !== null,
      },
    });
  }
  const deniedByGuard = new WeakSet<FastifyRequest>();

  app.addHook('onRequest', async (request) => {
    request.principal = await resolvePrincipal(request.headers.authorization, request.cookies[SESSION_COOKIE]);
    const rule = request.routeOptions.config.access;
    if (!rule || isAllowed(rule, request.principal)) return;
    deniedByGuard.add(request);
    await auditDenial(request, rule);
    throw request.principal
      ? new AppError('forbidden', 'Your role does not allow this')
      : new AppError('unauthenticated', 'Sign in to continue');
  });

  // A handler can refuse too (e.g. a role change without role_manage): those denials are recorded here.
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 403 && !deniedByGuard.has(request)) {
      await auditDenial(request, request.routeOptions.config.access).catch((error: unknown) =>
        request.log.error({ err: rootCause(error) }, 'could not audit a denial'),
      );
    }
  });

  app.decorate('guardedRoutes', () => [...guarded]);
}
