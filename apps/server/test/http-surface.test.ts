import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { openApiPath, parseRouteTree } from './support/routes.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The API routes this release registers; the parsed route table must contain at least these. */
const knownApiRoutes = [
  'POST /api/users',
  'GET /api/me',
  'PATCH /api/me',
  'DELETE /api/me',
  'PUT /api/me/password',
  'POST /api/sessions',
  'DELETE /api/sessions',
  'DELETE /api/sessions/current',
  'POST /api/password-resets',
  'POST /api/password-resets/confirm',
];

/** Routes that are deliberately not documented: the docs UI itself and the spec it reads. */
const undocumented = (path: string) =>
  path.startsWith('/api/docs') || path === '/api/openapi.json' || path.includes('*');

function expectNoInternals(text: string) {
  for (const leak of [
    '/work/',
    'node_modules',
    '.ts:',
    '.js:',
    '    at ',
    'stack',
    'SQLITE',
    'sqlite',
  ]) {
    expect(text).not.toContain(leak);
  }
}

describe.each(testDatabases())('HTTP surface on $name', (database) => {
  let t: TestApp;
  let http: HttpClient;
  beforeAll(async () => {
    t = await startTestApp(database);
    http = new HttpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  describe('GET /healthz and /readyz', () => {
    it('reports the process alive', async () => {
      const res = await http.get('/healthz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('reports ready with the database up', async () => {
      const res = await http.get('/readyz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready', database: 'up' });
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['GET', '/api/nothing-here'],
      ['POST', '/api/users/123/promote'],
      ['DELETE', '/api/me/everything'],
    ])('%s %s answers 404 not_found as JSON', async (method, path) => {
      const res = await http.request(method, path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    });
  });

  describe('security headers', () => {
    it.each(['/', '/healthz', '/api/me', '/api/nothing-here'])('are set on %s', async (path) => {
      const res = await http.get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const framing = `${res.headers.get('x-frame-options') ?? ''} ${csp}`;
      expect(framing).toMatch(/SAMEORIGIN|DENY|frame-ancestors '(self|none)'/i);
      expect(res.headers.get('referrer-policy')).toBeTruthy();
      expect(res.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('GET /api/openapi.json', () => {
    it('documents every registered API route in OpenAPI 3', async () => {
      const res = await http.get('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const spec = res.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(spec.openapi).toMatch(/^3\.\d+\.\d+$/);

      const registered = parseRouteTree(t.app.printRoutes({ commonPrefix: false }))
        .filter((r) => r.method !== 'HEAD' && !undocumented(r.path))
        .filter((r) => r.path.startsWith('/api/') || ['/healthz', '/readyz'].includes(r.path))
        .map((r) => `${r.method} ${r.path}`);
      expect(registered).toEqual(
        expect.arrayContaining([...knownApiRoutes, 'GET /healthz', 'GET /readyz']),
      );
      const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      );
      for (const route of registered) {
        const [method, path] = route.split(' ') as [string, string];
        expect(documented, route).toContain(`${method} ${openApiPath(path)}`);
      }
    });

    it('describes request bodies and error responses', async () => {
      const spec = (await http.get('/api/openapi.json')).body;
      const signUpOp = spec.paths['/api/users'].post;
      expect(signUpOp.requestBody.content['application/json'].schema).toBeDefined();
      expect(Object.keys(signUpOp.responses)).toEqual(
        expect.arrayContaining(['201', '400', '429']),
      );
    });
  });

  describe('GET /api/docs', () => {
    it('serves the API documentation as HTML', async () => {
      const res = await fetch(`${t.baseUrl}/api/docs`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toMatch(/<html/i);
    });
  });
});

describe.each(testDatabases())('HTTP surface without a database on $name', (database) => {
  let t: TestApp;
  let signedIn: HttpClient;
  beforeAll(async () => {
    t = await startTestApp(database);
    signedIn = (await signUp(t.baseUrl)).client;
    expect((await signedIn.get('/api/me')).status).toBe(200);
    await t.database.close();
  });
  afterAll(() => t.close());

  it('reports /readyz 503 with the database down', async () => {
    const res = await new HttpClient(t.baseUrl).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', database: 'down' });
  });

  it('keeps /healthz 200', async () => {
    expect((await new HttpClient(t.baseUrl).get('/healthz')).status).toBe(200);
  });

  it('answers a failing authenticated request with a bare 500 internal_error', async () => {
    const res = await signedIn.get('/api/me');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: { code: 'internal_error', message: expect.any(String) },
    });
    expectNoInternals(JSON.stringify(res.body));
  });

  it('answers a failing login with a bare 500 internal_error', async () => {
    const res = await new HttpClient(t.baseUrl).post('/api/sessions', {
      login: 'someone',
      password: 'some password',
    });
    expect(res.status).toBe(500);
    expect(Object.keys(res.body.error).sort()).toEqual(['code', 'message']);
    expect(res.body.error.code).toBe('internal_error');
    expectNoInternals(JSON.stringify(res.body));
  });
});
