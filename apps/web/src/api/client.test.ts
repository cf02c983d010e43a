import { MeResponse } from '@couple-chat/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest } from './client';

function stubFetch(response: Response | Error) {
  const fetch = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const user = {
  id: 'u1',
  username: 'minji',
  email: 'minji@example.com',
  displayName: '민지',
  locale: 'ko',
  createdAt: '2025-01-01T00:00:00.000Z',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiRequest', () => {
  it('sends JSON with same-origin credentials and parses the body with the schema', async () => {
    const fetch = stubFetch(json(200, { user }));
    const body = { login: 'minji', password: 'secret-pass' };
    await expect(
      apiRequest('POST', '/api/sessions', { body, schema: MeResponse }),
    ).resolves.toEqual({ user });
    expect(fetch).toHaveBeenCalledWith('/api/sessions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  });

  it('sends no content type without a body and resolves 204 to undefined', async () => {
    const fetch = stubFetch(new Response(null, { status: 204 }));
    await expect(apiRequest('DELETE', '/api/sessions/current')).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledWith('/api/sessions/current', {
      method: 'DELETE',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  });

  it('maps an error body to an ApiError with code, status and issues', async () => {
    const issues = [
      { path: 'password', code: 'too_small', message: 'Too small', minimum: 8 },
      { path: 'email', code: 'invalid_format', message: 'Invalid email' },
    ];
    stubFetch(json(400, { error: { code: 'validation_failed', message: 'Invalid body', issues } }));
    const error = await rejection(
      apiRequest('POST', '/api/users', { body: {}, schema: MeResponse }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe('Invalid body');
  });

  it('carries retryAfterSeconds from the body, or else from the Retry-After header', async () => {
    stubFetch(
      json(429, { error: { code: 'rate_limited', message: 'Slow down', retryAfterSeconds: 42 } }),
    );
    expect((await rejection(apiRequest('POST', '/api/sessions'))).retryAfterSeconds).toBe(42);

    stubFetch(
      json(429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'Retry-After': '7' }),
    );
    const error = await rejection(apiRequest('POST', '/api/sessions'));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(7);
  });

  it('turns a failed fetch into network_error', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const error = await rejection(apiRequest('GET', '/api/me', { schema: MeResponse }));
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(0);
  });

  it('treats a gateway error without our body as the server being unreachable', async () => {
    stubFetch(new Response('Bad Gateway', { status: 502 }));
    const error = await rejection(apiRequest('GET', '/api/me', { schema: MeResponse }));
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(502);
  });

  it('treats another 5xx without our body as internal_error', async () => {
    stubFetch(new Response('oops', { status: 500 }));
    expect((await rejection(apiRequest('GET', '/api/me'))).code).toBe('internal_error');
  });

  it('rejects a success body that does not match the schema', async () => {
    stubFetch(json(200, { user: { ...user, locale: 'fr' } }));
    const error = await rejection(apiRequest('GET', '/api/me', { schema: MeResponse }));
    expect(error.code).toBe('unexpected_response');
  });

  it('rejects an unknown error code as unexpected_response', async () => {
    stubFetch(json(418, { error: { code: 'teapot', message: 'I am a teapot' } }));
    expect((await rejection(apiRequest('GET', '/api/me'))).code).toBe('unexpected_response');
  });
});
