import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, apiPost, isNotFound, onUnauthorized, withQuery } from './api';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('apiGet', () => {
  it('returns the parsed JSON body', async () => {
    stubFetch(Response.json({ items: [1, 2] }));
    await expect(apiGet('/campuses')).resolves.toEqual({ items: [1, 2] });
  });

  it('turns a problem+json response into an ApiError carrying the detail', async () => {
    const problem = {
      type: 'https://ivy.ac/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'created_from must be a date',
      errors: [{ path: 'created_from', message: 'Invalid date' }],
    };
    stubFetch(
      new Response(JSON.stringify(problem), { status: 400, headers: { 'content-type': 'application/problem+json' } }),
    );
    const error = await apiGet('/people/leads?created_from=x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('created_from must be a date');
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).problem.errors).toEqual([{ path: 'created_from', message: 'Invalid date' }]);
  });

  it('recognises a 404 and falls back to the title without a detail', async () => {
    stubFetch(
      new Response(JSON.stringify({ title: 'Not found', status: 404 }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const error = await apiGet('/people/x').catch((e: unknown) => e);
    expect(isNotFound(error)).toBe(true);
    expect((error as Error).message).toBe('Not found');
  });

  it('copes with an error body that is not JSON', async () => {
    stubFetch(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );
    await expect(apiGet('/health')).rejects.toMatchObject({ status: 502, message: 'Bad Gateway' });
  });

  it('reports a network failure in words a user can act on', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    await expect(apiGet('/health')).rejects.toMatchObject({
      status: 0,
      message: expect.stringContaining('Could not reach'),
    });
  });
});

describe('apiPost', () => {
  it('sends JSON and reads the answer; 204 resolves to undefined', async () => {
    const fetchMock = stubFetch(Response.json({ user: { id: 'u1' } }));
    await expect(apiPost('/auth/login', { email: 'a@b.c', password: 'x' })).resolves.toEqual({ user: { id: 'u1' } });
    expect(fetchMock).toHaveBeenCalledWith(
      '/auth/login',
      expect.objectContaining({ method: 'POST', body: '{"email":"a@b.c","password":"x"}' }),
    );
    stubFetch(new Response(null, { status: 204 }));
    await expect(apiPost('/auth/logout')).resolves.toBeUndefined();
  });
});

describe('onUnauthorized', () => {
  const unauthorized = () =>
    new Response(JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'Sign in first' }), {
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
    });

  it('tells listeners when an API call answers 401, but not for the /auth/ routes', async () => {
    const listener = vi.fn();
    const unsubscribe = onUnauthorized(listener);
    try {
      stubFetch(unauthorized());
      await expect(apiGet('/people/leads')).rejects.toMatchObject({ status: 401 });
      expect(listener).toHaveBeenCalledTimes(1);

      stubFetch(unauthorized());
      await expect(apiPost('/auth/login', { email: 'a', password: 'b' })).rejects.toMatchObject({
        message: 'Sign in first',
      });
      stubFetch(unauthorized());
      await expect(apiGet('/auth/me')).rejects.toMatchObject({ status: 401 });
      expect(listener).toHaveBeenCalledTimes(1);
    } finally {
      unsubscribe();
    }
    stubFetch(unauthorized());
    await expect(apiGet('/people/leads')).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('withQuery', () => {
  it('leaves out empty values', () => {
    expect(withQuery('/x', { a: 'b c', empty: '', nothing: null, missing: undefined, n: 0 })).toBe('/x?a=b+c&n=0');
    expect(withQuery('/x', {})).toBe('/x');
  });
});
