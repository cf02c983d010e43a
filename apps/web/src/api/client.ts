import { ErrorBody, type ErrorCode, type FieldIssue } from '@couple-chat/protocol';
import type { z } from 'zod';

/** Failures that happen in the browser, before or after the server had its say. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

interface ApiErrorInit {
  code: ApiErrorCode;
  status: number;
  message?: string;
  issues?: FieldIssue[];
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

/** Every failed API call rejects with this; `message` is English for logs, never for the UI. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly issues: FieldIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message ?? init.code, { cause: init.cause });
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.issues = init.issues ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** Calls the API and parses the response with `schema`; resolves to undefined when no schema is given. */
export async function apiRequest<S extends z.ZodType>(
  method: Method,
  path: string,
  options: RequestOptions & { schema: S },
): Promise<z.output<S>>;
export async function apiRequest(
  method: Method,
  path: string,
  options?: RequestOptions,
): Promise<undefined>;
export async function apiRequest(
  method: Method,
  path: string,
  options: RequestOptions & { schema?: z.ZodType } = {},
): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.signal) init.signal = options.signal;
  // A JSON content type with an empty body is rejected by the server, so only send it with a body.
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      code: 'network_error',
      status: 0,
      message: 'Network request failed',
      cause,
    });
  }

  if (!response.ok) throw await toApiError(response);
  if (!options.schema) return undefined;

  const parsed = options.schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError({
      code: 'unexpected_response',
      status: response.status,
      message: `Unexpected response body from ${method} ${path}`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

// Bad gateway, unavailable, gateway timeout: the server itself could not be reached.
const gatewayStatuses = new Set([502, 503, 504]);

/** Turns a non-2xx response into an ApiError, whether or not it carries our error body. */
export async function toApiError(response: Response): Promise<ApiError> {
  const parsed = ErrorBody.safeParse(await readJson(response));
  const headerRetry = parseRetryAfter(response.headers.get('Retry-After'));
  if (parsed.success) {
    const { code, message, issues, retryAfterSeconds } = parsed.data.error;
    return new ApiError({
      code,
      status: response.status,
      message,
      issues: issues ?? [],
      retryAfterSeconds: retryAfterSeconds ?? headerRetry,
    });
  }
  // Without our body the answer came from a proxy or load balancer in front of the server.
  const code: ApiErrorCode =
    response.status === 429
      ? 'rate_limited'
      : gatewayStatuses.has(response.status)
        ? 'network_error'
        : response.status >= 500
          ? 'internal_error'
          : 'unexpected_response';
  return new ApiError({
    code,
    status: response.status,
    message: `HTTP ${response.status}`,
    retryAfterSeconds: headerRetry,
  });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
