/** The closed set of failures a handler may report; `problem-response.ts` maps each to HTTP in one place. */
export const APP_ERROR_CODES = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'too_many_requests',
  'unavailable',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly errors: FieldError[];

  constructor(code: AppErrorCode, message: string, errors: FieldError[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.errors = errors;
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} was not found`);
  }

  static invalidField(path: string, message: string): AppError {
    return new AppError('validation', `${path}: ${message}`, [{ path, message }]);
  }
}
