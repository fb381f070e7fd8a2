/** A field-level problem reported with a validation error. */
export type ProblemFieldError = { path: string; message: string };

/** RFC 9457 problem details, as the Ivy API sends them with `application/problem+json`. */
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemFieldError[];
};

/** An error from the Ivy API; `message` is the problem's `detail` (or its title) so it can be shown as is. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}

async function readProblem(response: Response): Promise<Problem> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (body && typeof body === 'object') return body as Problem;
    } catch {
      // Not JSON after all: fall through to the status text.
    }
  }
  return { title: response.statusText || 'Request failed', status: response.status };
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Calls `listener` whenever an API call answers 401, i.e. the session has ended. The /auth/ routes are left out: a
 * 401 from /auth/login means wrong credentials, and /auth/me reports "signed out" itself. Returns an unsubscribe.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => {
    unauthorizedListeners.delete(listener);
  };
}

async function request(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'Network error', detail: 'Could not reach the Ivy server. Check your connection.' });
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !path.startsWith('/auth/')) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

/** GETs a JSON resource; turns problem+json responses and network failures into an `ApiError`. */
export async function apiGet<T>(path: string, init?: { signal?: AbortSignal }): Promise<T> {
  const response = await request(path, { headers: { accept: 'application/json' }, signal: init?.signal });
  return (await response.json()) as T;
}

async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  return (await response.json()) as T;
}

/** POSTs a JSON body (if any); resolves to the JSON answer, or `undefined` for 204 No Content. */
export function apiPost<T = undefined>(path: string, body?: unknown): Promise<T> {
  return sendJson<T>('POST', path, body);
}

/** PUTs a JSON body; resolves to the JSON answer, or `undefined` for 204 No Content. */
export function apiPut<T = undefined>(path: string, body: unknown): Promise<T> {
  return sendJson<T>('PUT', path, body);
}

/** DELETEs a resource; resolves to the JSON answer, or `undefined` for 204 No Content. */
export function apiDelete<T = undefined>(path: string): Promise<T> {
  return sendJson<T>('DELETE', path);
}

/**
 * The per-field messages of a validation problem, keyed by the field's name ("/email", "body.email" and "email" all
 * become "email"). The first message for a field wins.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const entry of error.problem.errors ?? []) {
    const field = String(entry.path ?? '')
      .split(/[./]/)
      .filter(Boolean)
      .at(-1);
    if (field && !(field in result)) result[field] = entry.message;
  }
  return result;
}

/** Builds `path?query` from a record, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
