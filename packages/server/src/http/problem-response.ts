import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode, type FieldError } from './app-error';
import { rootCause } from './root-cause';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export type Problem = { type: string; title: string; status: number; detail: string; errors?: FieldError[] };

const HTTP_BY_CODE = {
  validation: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  too_many_requests: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<AppErrorCode, { status: number; title: string }>;

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

function problemFromAppError(error: AppError): Problem {
  const { status, title } = HTTP_BY_CODE[error.code];
  return {
    type: `https://ivy.ac/problems/${error.code.replaceAll('_', '-')}`,
    title,
    status,
    detail: error.message,
    ...(error.errors.length ? { errors: error.errors } : {}),
  };
}

/** PostgreSQL's SQLSTATE, looked up through drizzle's wrapping of the driver error. */
function postgresError(error: unknown): { code: string; detail?: string; column?: string } | null {
  for (
    let current: unknown = error;
    current && typeof current === 'object';
    current = (current as { cause?: unknown }).cause
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return current as { code: string; detail?: string };
  }
  return null;
}

/** Generated columns that exist for lookups; a clash on one is a clash on the field the client sent. */
const FIELD_OF_COLUMN: Record<string, string> = { email_normalized: 'email' };

function fieldFromPostgresDetail(detail: string | undefined): string | undefined {
  const column = detail
    ?.match(/Key \(([\w, ]+)\)/)?.[1]
    ?.split(',')[0]
    ?.trim();
  return column ? (FIELD_OF_COLUMN[column] ?? column) : undefined;
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const pgError = postgresError(error);
  if (pgError?.code === '23505') {
    const field = fieldFromPostgresDetail(pgError.detail) ?? 'body';
    return new AppError('conflict', `Another record already has this ${field}`, [
      { path: `body.${field}`, message: 'already exists' },
    ]);
  }
  if (pgError?.code === '23503') {
    const field = fieldFromPostgresDetail(pgError.detail) ?? 'body';
    return AppError.invalidField(`body.${field}`, 'refers to a record that does not exist');
  }
  if (
    pgError?.code === '23514' ||
    pgError?.code === '22P02' ||
    pgError?.code === '22007' ||
    pgError?.code === '22008'
  ) {
    return new AppError('validation', 'The request contains a value the database cannot accept');
  }
  return null;
}

function validationProblem(error: FastifyError): Problem {
  const context = error.validationContext ?? 'body';
  const errors = hasZodFastifySchemaValidationErrors(error)
    ? error.validation.flatMap((issue) => {
        const path = [context, ...issue.instancePath.split('/').filter(Boolean)].join('.');
        const unknownKeys =
          issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] }).keys : undefined;
        return unknownKeys?.length
          ? unknownKeys.map((key) => ({ path: `${path}.${key}`, message: 'unknown field' }))
          : [{ path, message: issue.message ?? 'is invalid' }];
      })
    : [{ path: context, message: error.message }];
  return {
    type: 'https://ivy.ac/problems/validation',
    title: 'Invalid request',
    status: 400,
    detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    errors,
  };
}

/** The one place errors become HTTP responses: problem+json, never a stack trace. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.validation) return sendProblem(reply, validationProblem(error));
  const appError = toAppError(error);
  if (appError) return sendProblem(reply, problemFromAppError(appError));
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status >= 500) request.log.error({ err: rootCause(error) }, 'request failed');
  return sendProblem(reply, {
    type: status >= 500 ? 'https://ivy.ac/problems/internal' : 'about:blank',
    title: status >= 500 ? 'Internal server error' : (error.name ?? 'Error'),
    status,
    detail: status >= 500 ? 'Something went wrong on our side. It has been logged.' : error.message,
  });
}
