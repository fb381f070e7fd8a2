import type { AuditContext, Principal } from '@ivy/db';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error';

/** The signed-in caller of a route whose access rule guarantees one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Sign in to continue');
  return request.principal;
}

/** Who, from where, when: passed to writes so they audit themselves in their own transaction. */
export function auditContextOf(request: FastifyRequest, at: Date): AuditContext {
  const principal = request.principal;
  return {
    actor: principal ? { id: principal.id, label: principal.email } : null,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    at,
  };
}
