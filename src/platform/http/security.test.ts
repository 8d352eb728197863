import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../tests/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { buildApp } from '../../server/app.ts';
import { Database } from '../db/database.ts';
import { freePort } from '../db/embedded.ts';

let t: TestDatabase;
let app: FastifyInstance;

/** The real app plus one form endpoint, so CSRF can be shown on a state-changing request. */
async function appWithForm(database: Database, overrides: Parameters<typeof testConfig>[0] = {}): Promise<FastifyInstance> {
  const built = await buildApp({
    config: testConfig(overrides),
    db: database,
    cookieSecret: 'a-test-secret-of-enough-length-123',
    logger: false,
  });
  built.get('/test-form', async (_request, reply) => ({ token: reply.generateCsrf() }));
  built.post('/test-form', async () => ({ saved: true }));
  await built.ready();
  return built;
}

function cookieHeader(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((c) => c.split(';')[0]).join('; ');
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await appWithForm(t.db);
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('security headers', () => {
  it('sends a strict CSP without inline script, frame-ancestors none, nosniff and a referrer policy', async () => {
    const res = await app.inject({ url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('sends HSTS only outside plain-http localhost', async () => {
    expect((await app.inject({ url: '/' })).headers['strict-transport-security']).toBeUndefined();
    const secure = await appWithForm(t.db, { baseUrl: 'https://naaste.demodam.example' });
    try {
      expect((await secure.inject({ url: '/' })).headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});

describe('request ids', () => {
  it('keeps a sane incoming id and replaces a hostile one', async () => {
    const kept = await app.inject({ url: '/health', headers: { 'x-request-id': 'lb-1234567890' } });
    expect(kept.headers['x-request-id']).toBe('lb-1234567890');
    const replaced = await app.inject({ url: '/health', headers: { 'x-request-id': 'x\r\nSet-Cookie: evil=1' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CSRF protection', () => {
  it('refuses a state-changing request without the token from the page, and accepts it with one', async () => {
    const refused = await app.inject({
      method: 'POST',
      url: '/test-form',
      payload: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('"saved":true');

    const page = await app.inject({ url: '/test-form' });
    const token = (page.json() as { token: string }).token;
    const cookies = cookieHeader(page.headers['set-cookie']);
    expect(cookies).toContain('naaste-csrf=');

    const wrong = await app.inject({
      method: 'POST',
      url: '/test-form',
      payload: `name=x&_csrf=${encodeURIComponent(`${token}x`)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
    });
    expect(wrong.statusCode).toBe(403);

    const accepted = await app.inject({
      method: 'POST',
      url: '/test-form',
      payload: `name=x&_csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ saved: true });
  });

  it('does not accept a token without its cookie (another browser)', async () => {
    const page = await app.inject({ url: '/test-form' });
    const token = (page.json() as { token: string }).token;
    const res = await app.inject({
      method: 'POST',
      url: '/test-form',
      payload: `_csrf=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('rate limiting', () => {
  it('answers 429 after the limit, with a friendly page or problem+json', async () => {
    const limited = await appWithForm(t.db, { rateLimitPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.inject({ url: '/gemeenten' })).statusCode).toBe(200);
      const page = await limited.inject({ url: '/gemeenten' });
      expect(page.statusCode).toBe(429);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Even wachten');
      const api = await limited.inject({ url: '/api/v1/municipalities' });
      expect(api.statusCode).toBe(429);
      expect(api.headers['content-type']).toContain('application/problem+json');
      expect((await limited.inject({ url: '/health/ready' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('health', () => {
  it('is alive and ready with a database', async () => {
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('is alive but not ready when the database is unreachable', async () => {
    const dead = new Database(`postgresql://naaste:x@127.0.0.1:${await freePort()}/naaste`);
    const broken = await appWithForm(dead);
    try {
      expect((await broken.inject({ url: '/health' })).statusCode).toBe(200);
      const ready = await broken.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'database unreachable' });
      const page = await broken.inject({ url: '/gemeenten' });
      expect(page.statusCode).toBe(500);
      expect(page.body).toContain('Er ging iets mis');
    } finally {
      await broken.close();
      await dead.close();
    }
  });
});
