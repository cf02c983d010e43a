import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated requests, the way modern browsers make possible: trust
 * `Sec-Fetch-Site`, fall back to comparing `Origin` with the host, and let requests that carry
 * neither header through (they do not come from a browser, so they carry no ambient cookie risk).
 */
export function isCrossOriginRequest(
  request: FastifyRequest,
  trustedOrigins: ReadonlySet<string>,
): boolean {
  const origin = request.headers.origin;
  if (origin && trustedOrigins.has(origin)) return false;
  const site = request.headers['sec-fetch-site'];
  if (site) return site !== 'same-origin' && site !== 'none';
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export function registerCrossOriginProtection(
  app: FastifyInstance,
  trustedOrigins: ReadonlySet<string>,
) {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (isCrossOriginRequest(request, trustedOrigins)) {
      throw new DomainError('cross_origin_request', 'Cross-site requests are not allowed.');
    }
  });
}
