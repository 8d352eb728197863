import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/seed/demo.ts';
import { createTestApp } from '../../../tests/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { inContext } from '../../platform/db/context.ts';
import { API_VERSION, type OpenApiDocument } from '../../platform/http/openapi.ts';

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  await inContext(t.db, { tenantId: null, actor: { kind: 'system', name: 'test' } }, (ctx) => seedDemo(ctx));
  app = await createTestApp(t);
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the OpenAPI document', () => {
  it('is public OpenAPI 3.0 with open CORS and the API-Version header', async () => {
    const res = await app.inject({ url: '/api/v1/openapi.json', headers: { origin: 'https://elsewhere.example' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers['api-version']).toBe(API_VERSION);
    const doc = res.json<OpenApiDocument>();
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.info.version).toBe(API_VERSION);
    expect(doc.servers?.[0]?.url).toMatch(/\/api\/v1$/);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/balance-checks/score',
        '/hsds',
        '/hsds/organizations',
        '/hsds/organizations/{id}',
        '/hsds/service_at_locations',
        '/hsds/services',
        '/hsds/services/{id}',
        '/hsds/taxonomies',
        '/hsds/taxonomy_terms',
        '/instruments',
        '/instruments/{key}',
        '/me',
        '/me/balance-checks',
        '/me/care-relationships',
        '/me/care-relationships/{id}',
        '/me/care-relationships/{id}/support-plan',
        '/me/consents',
        '/me/consents/{id}/withdrawal',
        '/municipalities',
        '/municipalities/{code}',
        '/municipalities/{code}/organisations',
        '/openapi.json',
        '/organisations/{id}',
        '/support-cases',
        '/support-cases/{caseId}',
        '/support-cases/{caseId}/actions',
        '/support-cases/{caseId}/goals',
        '/support-cases/{caseId}/notes',
      ].sort(),
    );
  });

  it('documents API-Version on every success and problem+json on every error', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json<OpenApiDocument>();
    let successes = 0;
    let errors = 0;
    for (const item of Object.values(doc.paths)) {
      for (const operation of Object.values(item)) {
        expect(operation.operationId).toBeTruthy();
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          expect(response.headers?.['API-Version']).toEqual({ $ref: '#/components/headers/API-Version' });
          if (status.startsWith('2')) successes += 1;
          if (/^[45]/.test(status)) {
            errors += 1;
            expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
          }
        }
      }
    }
    expect(successes).toBe(31);
    expect(errors).toBeGreaterThanOrEqual(8);
    // Only referenced schemas are published.
    expect(Object.keys(doc.components?.schemas ?? {})).not.toContain('ProblemInput');
    expect(Object.keys(doc.components?.schemas ?? {})).toContain('Problem');
  });

  it('has a browsable page in Dutch and in English, without script', async () => {
    const nl = await app.inject({ url: '/api/v1/docs' });
    expect(nl.statusCode).toBe(200);
    expect(nl.headers['content-type']).toMatch(/^text\/html/);
    expect(nl.body).toContain('<html lang="nl"');
    expect(nl.body).toContain('GET /municipalities/{code}/organisations');
    expect(nl.body).toContain('href="/api/v1/openapi.json"');
    expect(nl.body).not.toContain('<script');
    const en = await app.inject({ url: '/api/v1/docs?lang=en' });
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('Every answer carries the API-Version header.');
  });
});

describe('errors on the API', () => {
  it('answers 404 problem+json on unknown paths and on a trailing slash', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/v1/municipalities/', '/api/v1/', '/api/v1/municipalities/GM9999/']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.headers['api-version'], url).toBe(API_VERSION);
      expect(res.json(), url).toMatchObject({ status: 404, title: 'Not Found', instance: url });
    }
  });

  it('answers 400 with every invalid field at once, across path and query', async () => {
    const res = await app.inject({ url: '/api/v1/municipalities/GM12/organisations?page=0&pageSize=1000&kind=castle' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const names = res
      .json<{ invalidParams: { name: string }[] }>()
      .invalidParams.map((p) => p.name)
      .sort();
    expect(names).toEqual(['path.code', 'query.kind', 'query.page', 'query.pageSize']);
  });

  it('never answers 5xx, whatever the path or query', async () => {
    const segment = fc.oneof(
      fc.constantFrom('municipalities', 'organisations', 'GM9999', 'GM0363', 'openapi.json', '%00', "' or 1=1 --", '<b>'),
      fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
    );
    const query = fc.dictionary(
      fc.constantFrom('page', 'pageSize', 'search', 'active', 'kind', 'findingPlace', 'lang', 'x'),
      fc.oneof(fc.string({ maxLength: 50 }), fc.integer().map(String), fc.constant('9'.repeat(400))),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 4 }), query, async (segments, q) => {
        const url = `/api/v1/${segments.join('/')}?${new URLSearchParams(q).toString()}`;
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBeLessThan(500);
        expect(res.headers['api-version'], url).toBe(API_VERSION);
        if (res.statusCode >= 400) expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the NL API Design Rules ruleset', () => {
  const run = promisify(execFile);
  const lint = async (doc: unknown) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'naaste-spectral-'));
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = await run(
      process.execPath,
      ['node_modules/@stoplight/spectral-cli/dist/index.js', 'lint', '-r', 'api/spectral.yaml', '-f', 'json', '--quiet', file],
      { cwd: process.cwd() },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    return (JSON.parse(result.stdout || '[]') as { code: string; severity: number }[]).filter((r) => r.severity === 0).map((r) => r.code);
  };

  it('finds no error in our document and catches each rule broken on purpose', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json<OpenApiDocument>();
    expect(await lint(doc)).toEqual([]);

    const broken = structuredClone(doc) as OpenApiDocument & { servers: { url: string }[] };
    broken.servers = [{ url: 'https://naaste.example.nl/api' }];
    broken.info.version = 'one';
    const list = broken.paths['/municipalities'] as Record<string, { responses: Record<string, { headers?: unknown; content?: unknown }> }>;
    const ok = list.get?.responses['200'];
    if (ok) delete ok.headers;
    const bad = list.get?.responses['400'];
    if (bad) bad.content = { 'application/json': {} };
    broken.paths['/trailing/'] = broken.paths['/openapi.json'] as Record<string, never>;
    delete broken.paths['/openapi.json'];
    const codes = await lint(broken);
    for (const rule of [
      'nlgov-major-version-in-server-url',
      'nlgov-semver',
      'nlgov-version-header',
      'nlgov-problem-json',
      'nlgov-paths-no-trailing-slash',
      'nlgov-openapi-root-exists',
    ]) {
      expect(codes, rule).toContain(rule);
    }
  }, 60_000);
});
