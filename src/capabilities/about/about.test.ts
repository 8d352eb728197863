import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the web shell pages', () => {
  it('tells a resident in plain Dutch what Naaste offers, with a search that works without script', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('<!doctype html><html lang="nl"')).toBe(true);
    expect(res.body).toContain('<h1 class="utrecht-heading-1">Zorgt u voor iemand?</h1>');
    expect(res.body).toContain('<form method="get" action="/gemeenten"');
    expect(res.body).toContain('<label class="utrecht-form-label" for="gemeente">Uw gemeente</label>');
    expect(res.body).not.toMatch(/mantelzorger\b/i);
    expect(res.body).not.toContain('<script');
  });

  it('has the same page in English once chosen, and remembers the choice', async () => {
    const chosen = await app.inject({ url: '/?lang=en' });
    expect(chosen.body).toContain('<html lang="en"');
    expect(chosen.body).toContain('Do you look after someone?');
    const cookie = String(chosen.headers['set-cookie']).match(/lang=en/)?.[0];
    expect(cookie).toBe('lang=en');
    const next = await app.inject({ url: '/privacy', headers: { cookie: 'lang=en' } });
    expect(next.body).toContain('<html lang="en"');
    expect(next.body).toContain('We sell nothing and we do not track you.');
  });

  it('has an accessibility page with a route to report a problem, and a privacy page listing every cookie', async () => {
    const a11y = await app.inject({ url: '/toegankelijkheid' });
    expect(a11y.statusCode).toBe(200);
    expect(a11y.body).toContain('WCAG 2.1');
    expect(a11y.body).toContain('href="/reactie?onderwerp=toegankelijkheid&amp;pagina=/toegankelijkheid"');
    const privacy = await app.inject({ url: '/privacy' });
    for (const cookie of ['lang:', 'naaste-csrf:', 'naaste-session:']) expect(privacy.body).toContain(cookie);
  });

  it('links the accessibility, privacy and feedback pages from every page footer', async () => {
    for (const url of ['/', '/gemeenten', '/privacy', '/does-not-exist']) {
      const res = await app.inject({ url });
      expect(res.body, url).toContain('href="/toegankelijkheid"');
      expect(res.body, url).toContain('href="/privacy"');
      expect(res.body, url).toContain('href="/reactie?pagina=');
    }
  });
});
