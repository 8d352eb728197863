import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { openForm } from '../../../tests/support/forms.ts';
import { inContext } from '../../platform/db/context.ts';
import { runCli } from '../../server/cli.ts';
import * as service from './feedback.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const count = () => asOwner(t.ownerUrl, async (c) => Number((await c.query('select count(*) as n from feedback')).rows[0].n));

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the feedback form', () => {
  it('shows the form with every field labelled, the accessibility topic preselected from the statement', async () => {
    const res = await app.inject({ url: '/reactie?onderwerp=toegankelijkheid&pagina=/toegankelijkheid' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<label class="utrecht-form-label" for="message">');
    expect(res.body).toMatch(/id="topic-accessibility"[^>]*checked|checked[^>]*id="topic-accessibility"/);
    expect(res.body).toContain('name="page" value="/toegankelijkheid"');
    expect(res.body).toContain('novalidate');
  });

  it('comes back with what was typed and an error summary linked to each field, and stores nothing', async () => {
    const before = await count();
    const form = await openForm(app, '/reactie');
    const res = await form.submit('/reactie', { message: 'kort', email: 'niet-een-adres', page: '/gemeenten' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fout: Reactie of vraag');
    expect(res.body).toContain('role="alert"');
    // Summary in form order, each linked to its field.
    const start = res.body.indexOf('error-summary-title');
    const summary = res.body.slice(start, res.body.indexOf('</ul>', start));
    expect([...summary.matchAll(/href="#(\w+)"/g)].map((m) => m[1])).toEqual(['topic', 'message', 'email']);
    expect(res.body).toContain('Schrijf uw reactie in minstens 10 tekens');
    // Values kept, fields marked invalid and described by their error.
    expect(res.body).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*>kort<\/textarea>/);
    expect(res.body).toMatch(/value="niet-een-adres"/);
    expect(res.body).toContain('aria-describedby="email-hint email-error"');
    expect(await count()).toBe(before);
  });

  it('answers in English when English was chosen', async () => {
    const form = await openForm(app, '/reactie?lang=en');
    const res = await form.submit('/reactie', { topic: 'idea', message: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('Write your message in at least 10 characters');
    expect(res.body).not.toContain('Choose what your message is about');
  });

  it('stores a good reaction and redirects to a thank-you page (post, redirect, get)', async () => {
    const before = await count();
    const form = await openForm(app, '/reactie');
    const res = await form.submit('/reactie', {
      topic: 'accessibility',
      message: 'De knop op de pagina gemeenten is slecht te zien.',
      email: ' Iemand@Voorbeeld.nl ',
      page: '/gemeenten',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/reactie/bedankt?antwoord=ja');
    expect(await count()).toBe(before + 1);
    const stored = await asOwner(t.ownerUrl, (c) =>
      c.query('select topic, email, page, locale from feedback order by created_at desc limit 1'),
    );
    expect(stored.rows[0]).toEqual({ topic: 'accessibility', email: 'Iemand@Voorbeeld.nl', page: '/gemeenten', locale: 'nl' });
    const thanks = await app.inject({ url: res.headers.location as string });
    expect(thanks.body).toContain('U krijgt binnen 5 werkdagen antwoord');
  });

  it('keeps only a path of this site as the page, never another address', async () => {
    const form = await openForm(app, '/reactie');
    const res = await form.submit('/reactie', { topic: 'question', message: 'Een vraag over de website.', page: '//elders.example/x' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/reactie/bedankt');
    const stored = await asOwner(t.ownerUrl, (c) => c.query('select page, email from feedback order by created_at desc limit 1'));
    expect(stored.rows[0]).toEqual({ page: null, email: null });
  });

  it('refuses a post without the CSRF token', async () => {
    const before = await count();
    const res = await app.inject({
      method: 'POST',
      url: '/reactie',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'topic=idea&message=Zonder%20token%20verstuurd',
    });
    expect(res.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('survives hostile input: huge, HTML and SQL in fields', async () => {
    const form = await openForm(app, '/reactie');
    const res = await form.submit('/reactie', {
      topic: "idea' or 1=1 --",
      message: `<script>alert(1)</script>${'x'.repeat(9000)}`,
      email: '<b>',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(res.body).toContain('Uw reactie is te lang');
  });

  it('removes reactions after twelve months', async () => {
    await asOwner(t.ownerUrl, (c) =>
      c.query(
        `insert into feedback (topic, message, locale, created_at) values ('idea', 'oud bericht', 'nl', now() - interval '13 months')`,
      ),
    );
    const before = await count();
    const removed = await inContext(t.db, { tenantId: null, actor: { kind: 'system', name: 'test' } }, (ctx) => service.purgeFeedback(ctx));
    expect(removed).toBe(1);
    expect(await count()).toBe(before - 1);
  });

  it('lets an operator read reactions from the command line', async () => {
    const lines: string[] = [];
    process.env.DATABASE_URL = t.appUrl;
    process.env.DATABASE_OWNER_URL = t.ownerUrl;
    process.env.BASE_URL = 'http://localhost:3000';
    const code = await runCli(['feedback:list', '--limit', '5'], (l) => lines.push(l));
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('De knop op de pagina gemeenten is slecht te zien.');
  });
});
