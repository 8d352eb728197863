import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { cookieHeader, csrfFrom, openForm } from '../../../tests/support/forms.ts';
import { logAccess, verifyAccessLog } from '../../platform/audit/access-log.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { giveConsent, requireConsent } from '../../platform/consent/consent.ts';
import { type Actor, inContext } from '../../platform/db/context.ts';
import type { HttpProblem } from '../../platform/http/problem.ts';
import * as identity from '../identity/identity.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const system: Actor = { kind: 'system', name: 'test' };
const ids = { a: '', b: '', steunpunt: '', welzijn: '', consultant: '', colleague: '' };
const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000);

type Resident = { id: string; email: string; cookie: string };

/** A resident account made by the identity service, with a live session as sign-in by email link gives. */
async function resident(name: string): Promise<Resident> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@thuis.example`;
  const account = await inContext(t.db, { tenantId: null, actor: system }, (ctx) =>
    identity.createAccount(ctx, { email, displayName: name, kind: 'resident' }),
  );
  const session = await t.db.platform((sql) => createSession(sql, account.id, { secondFactor: true, ip: '127.0.0.1', userAgent: 'test' }));
  return { id: account.id, email, cookie: `naaste-session=${session}` };
}

const consent = (tenantId: string, personId: string, organisationId: string, dataCategory: string, purpose: string) =>
  inContext(t.db, { tenantId, actor: system }, (ctx) =>
    giveConsent(ctx, { personId, dataCategory, purpose, organisationId, givenHow: 'online', validUntil: inAMonth() }),
  );

/** The consultant's view: a cross-organisation read through the consent gate. */
const consultant = (): Actor => ({
  kind: 'person',
  principal: {
    accountId: ids.consultant,
    kind: 'professional',
    platformAdmin: false,
    secondFactor: true,
    tenantId: ids.a,
    memberships: [
      {
        tenantId: ids.a,
        municipalityCode: 'GM9201',
        municipalityName: 'Aadorp',
        organisationId: ids.steunpunt,
        organisationName: 'Steunpunt Mantelzorg Aadorp',
        roles: ['supportConsultant'],
      },
    ],
  },
  ip: '192.0.2.10',
  userAgent: 'test',
});
const consultantReads = (personId: string, dataCategory: string, purpose: string) =>
  inContext(t.db, { tenantId: ids.a, actor: consultant() }, (ctx) =>
    requireConsent(ctx, { personId, dataCategory, purpose, organisationId: ids.steunpunt }),
  );

const logOf = (personId: string) =>
  asOwner(
    t.ownerUrl,
    async (c) =>
      (await c.query('select tenant_id, event_code, action, user_id from access_log where person_id = $1 order by id', [personId])).rows,
  );

/** A professional of an organisation looks at a resident's data (as a future capability will). */
const looksAt = (tenantId: string, userId: string, personId: string, organisationId: string, purpose: string) =>
  inContext(t.db, { tenantId, actor: system }, (ctx) =>
    logAccess(ctx.sql, tenantId, {
      eventCode: 'careRelationship.read',
      action: 'read',
      outcome: 'success',
      personId,
      userId,
      role: 'supportConsultant',
      purpose,
      organisationId,
    }),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  await asOwner(t.ownerUrl, async (c) => {
    const mun = async (code: string, name: string) =>
      (
        await c.query<{ id: string }>(
          `insert into municipalities (code, name, slug, active) values ($1, $2, lower($2), true) returning id`,
          [code, name],
        )
      ).rows[0]?.id as string;
    ids.a = await mun('GM9201', 'Aadorp');
    ids.b = await mun('GM9202', 'Beedorp');
    const org = async (name: string) =>
      (await c.query<{ id: string }>(`insert into organisations (name, kind) values ($1, 'supportCentre') returning id`, [name])).rows[0]
        ?.id as string;
    ids.steunpunt = await org('Steunpunt Mantelzorg Aadorp');
    ids.welzijn = await org('Welzijn Beedorp');
    await c.query('insert into network_members (tenant_id, organisation_id) values ($1, $2), ($3, $4)', [
      ids.a,
      ids.steunpunt,
      ids.b,
      ids.welzijn,
    ]);
    const professional = async (email: string, name: string) =>
      (
        await c.query<{ id: string }>(`insert into accounts (email, display_name, kind) values ($1, $2, 'professional') returning id`, [
          email,
          name,
        ])
      ).rows[0]?.id as string;
    ids.consultant = await professional('consulent@steunpunt.example', 'Jan de Vries');
    ids.colleague = await professional('collega@welzijn.example', 'Karin Bakker');
  });
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('without a session', () => {
  it('sends every page to the sign-in page', async () => {
    for (const url of ['/mijn-gegevens', '/mijn-gegevens/download.json', '/mijn-gegevens/afdrukken', '/mijn-gegevens/verwijderen']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe(`/inloggen?terug=${encodeURIComponent(url)}`);
    }
  });

  it('answers the API with 401 problem+json, also for a withdrawal that carries a valid CSRF token', async () => {
    const list = await app.inject({ url: '/api/v1/me/consents' });
    expect(list.statusCode).toBe(401);
    expect(list.headers['content-type']).toMatch(/^application\/problem\+json/);
    const page = await app.inject({ url: '/inloggen' });
    const withdrawal = await app.inject({
      method: 'POST',
      url: '/api/v1/me/consents/00000000-0000-4000-8000-000000000000/withdrawal',
      headers: { cookie: cookieHeader(page.headers['set-cookie']), 'x-csrf-token': csrfFrom(page.body) },
    });
    expect(withdrawal.statusCode).toBe(401);
    expect(withdrawal.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(withdrawal.json()).toMatchObject({ status: 401 });
  });
});

describe('Mijn gegevens', () => {
  let anna: Resident;
  let bert: Resident;
  beforeAll(async () => {
    anna = await resident('Anna Jansen');
    bert = await resident('Bert Smit');
  });

  it('shows the consents per municipality in plain words, and who looked at the data, but never other people’s lines', async () => {
    await consent(ids.a, anna.id, ids.steunpunt, 'careNeeds', 'support');
    await consent(ids.b, anna.id, ids.welzijn, 'contactDetails', 'volunteerHelp');
    await looksAt(ids.a, ids.consultant, anna.id, ids.steunpunt, 'support');
    await looksAt(ids.b, ids.colleague, bert.id, ids.welzijn, 'respiteCare');

    const res = await app.inject({ url: '/mijn-gegevens', headers: { cookie: anna.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Gemeente Aadorp');
    expect(res.body).toContain('Gemeente Beedorp');
    expect(res.body).toContain('Steunpunt Mantelzorg Aadorp mag wat u nodig heeft in de zorg zien, voor: ondersteuning.');
    expect(res.body).toContain('Welzijn Beedorp mag uw contactgegevens zien, voor: hulp van een vrijwilliger.');
    expect(res.body).toMatch(
      /Op \d+ \w+ \d{4} om \d\d:\d\d bekeek J\. de Vries van Steunpunt Mantelzorg Aadorp uw gegevens, voor: ondersteuning\./,
    );
    expect(res.body).toContain('anna.jansen@thuis.example');
    // Bert's line (another person, another purpose, another professional) is not on Anna's page.
    expect(res.body).not.toContain('K. Bakker');
    expect(res.body).not.toContain('tijdelijke vervanging van de zorg');

    const english = await app.inject({ url: '/mijn-gegevens?lang=en', headers: { cookie: anna.cookie } });
    expect(english.body).toMatch(
      /On \d+ \w+ \d{4} at \d\d:\d\d J\. de Vries of Steunpunt Mantelzorg Aadorp looked at your data, for: support\./,
    );
  });

  it('writes a line of its own for reading the log, in each municipality whose log was read', async () => {
    const before = (await logOf(anna.id)).filter((l) => l.event_code === 'privacy.accessLog.read').length;
    await app.inject({ url: '/mijn-gegevens', headers: { cookie: anna.cookie } });
    const reads = (await logOf(anna.id)).filter((l) => l.event_code === 'privacy.accessLog.read');
    expect(reads.length - before).toBe(2);
    expect(new Set(reads.slice(before).map((l) => l.tenant_id))).toEqual(new Set([ids.a, ids.b]));
    expect(reads.every((l) => l.user_id === anna.id && l.action === 'read')).toBe(true);
    // And the next visit shows that reading in plain words.
    const res = await app.inject({ url: '/mijn-gegevens', headers: { cookie: anna.cookie } });
    expect(res.body).toContain('bekeek u zelf de lijst van wie uw gegevens heeft bekeken');
  });

  it('pages through the log, newest first', async () => {
    const carla = await resident('Carla de Boer');
    for (let i = 0; i < 25; i++) await looksAt(ids.a, ids.consultant, carla.id, ids.steunpunt, i < 5 ? 'referral' : 'support');
    const first = await app.inject({ url: '/mijn-gegevens', headers: { cookie: carla.cookie } });
    const second = await app.inject({ url: '/mijn-gegevens?page=2', headers: { cookie: carla.cookie } });
    const count = (body: string, words: string) => body.split(words).length - 1;
    expect(count(first.body, 'voor: ondersteuning.')).toBe(20);
    expect(count(first.body, 'voor: uw doorverwijzing.')).toBe(0);
    // Page 2: the five oldest lines, plus the log-reading line of the first visit (newest, so on page 1 of a later visit).
    expect(count(second.body, 'voor: uw doorverwijzing.')).toBe(5);
    expect(first.body).toContain('rel="next"');
  });

  it('withdraws a consent in one step; the very next read is refused and logged as denied; undo gives it again', async () => {
    const given = await consent(ids.a, anna.id, ids.steunpunt, 'burdenCheck', 'support');
    expect((await consultantReads(anna.id, 'burdenCheck', 'support')).id).toBe(given.id);

    const form = await openForm(app, '/mijn-gegevens', anna.cookie);
    expect(form.page.body).toContain(`action="/mijn-gegevens/toestemmingen/${given.id}/intrekken"`);
    const done = await form.submit(`/mijn-gegevens/toestemmingen/${given.id}/intrekken`, {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/mijn-gegevens?ingetrokken=${given.id}`);

    const refused = await consultantReads(anna.id, 'burdenCheck', 'support').catch((e: unknown) => e);
    expect((refused as HttpProblem).status).toBe(403);
    const denied = (await logOf(anna.id)).filter((l) => l.event_code === 'consent.check');
    expect(denied).toHaveLength(1);

    const confirmation = await app.inject({ url: done.headers.location as string, headers: { cookie: form.cookies } });
    expect(confirmation.body).toContain(
      'U heeft uw toestemming ingetrokken. Steunpunt Mantelzorg Aadorp mag deze gegevens vanaf nu niet meer zien.',
    );
    expect(confirmation.body).toContain(`action="/mijn-gegevens/toestemmingen/${given.id}/opnieuw"`);
    expect(confirmation.body).toMatch(
      /wilde J\. de Vries van Steunpunt Mantelzorg Aadorp uw gegevens zien, voor: ondersteuning\. Dat mocht niet: er was geen toestemming\./,
    );

    const undo = await form.submit(`/mijn-gegevens/toestemmingen/${given.id}/opnieuw`, {});
    expect(undo.statusCode).toBe(303);
    const again = await consultantReads(anna.id, 'burdenCheck', 'support');
    expect(again.id).not.toBe(given.id);
    expect(again.validUntil).toBe(given.validUntil);
    expect(undo.headers.location).toBe(`/mijn-gegevens?opnieuw=${again.id}`);
  });

  it('does not let one resident withdraw another resident’s consent', async () => {
    const bertsConsent = await consent(ids.a, bert.id, ids.steunpunt, 'careNeeds', 'support');
    const form = await openForm(app, '/mijn-gegevens', anna.cookie);
    const res = await form.submit(`/mijn-gegevens/toestemmingen/${bertsConsent.id}/intrekken`, {});
    expect(res.statusCode).toBe(404);
    expect((await consultantReads(bert.id, 'careNeeds', 'support')).id).toBe(bertsConsent.id);
  });

  it('refuses a withdrawal without the CSRF token', async () => {
    const given = await consent(ids.a, anna.id, ids.steunpunt, 'supportPlan', 'support');
    const res = await app.inject({
      method: 'POST',
      url: `/mijn-gegevens/toestemmingen/${given.id}/intrekken`,
      headers: { cookie: anna.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(res.statusCode).toBe(403);
    expect((await consultantReads(anna.id, 'supportPlan', 'support')).id).toBe(given.id);
  });
});

describe('the API', () => {
  it('lists my consents and withdraws one with the CSRF token in the X-CSRF-Token header', async () => {
    const dirk = await resident('Dirk Visser');
    const given = await consent(ids.b, dirk.id, ids.welzijn, 'careNeeds', 'support');
    const list = await app.inject({ url: '/api/v1/me/consents', headers: { cookie: dirk.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: given.id,
        municipalityCode: 'GM9202',
        recipientOrganisation: { id: ids.welzijn, name: 'Welzijn Beedorp' },
        active: true,
        withdrawnAt: null,
      }),
    ]);

    const url = `/api/v1/me/consents/${given.id}/withdrawal`;
    const noToken = await app.inject({ method: 'POST', url, headers: { cookie: dirk.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.headers['content-type']).toMatch(/^application\/problem\+json/);

    const page = await openForm(app, '/mijn-gegevens', dirk.cookie);
    const withdrawn = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: page.cookies, 'x-csrf-token': csrfFrom(page.page.body) },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: given.id, active: false });
    expect(withdrawn.json().withdrawnAt).not.toBeNull();

    const other = await resident('Eva Mulder');
    const notHers = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: `${page.cookies}; ${other.cookie}`.replace(dirk.cookie, ''), 'x-csrf-token': csrfFrom(page.page.body) },
    });
    expect(notHers.statusCode).toBe(404);
  });

  it('documents both operations under the Privacy tag', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.paths['/me/consents'].get).toMatchObject({ operationId: 'listMyConsents', tags: ['Privacy'] });
    expect(doc.paths['/me/consents/{id}/withdrawal'].post).toMatchObject({ operationId: 'withdrawMyConsent', tags: ['Privacy'] });
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toContain('Privacy');
  });
});

describe('download and print', () => {
  it('gives all data as a JSON attachment with the consents, logged as export', async () => {
    const frank = await resident('Frank Bos');
    const given = await consent(ids.a, frank.id, ids.steunpunt, 'careNeeds', 'support');
    const res = await app.inject({ url: '/mijn-gegevens/download.json', headers: { cookie: frank.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="naaste-mijn-gegevens-\d{4}-\d\d-\d\d\.json"$/);
    const data = res.json();
    expect(data.account).toMatchObject({ id: frank.id, email: 'frank.bos@thuis.example', displayName: 'Frank Bos' });
    expect(data.municipalities).toHaveLength(1);
    expect(data.municipalities[0].consents).toEqual([
      expect.objectContaining({ id: given.id, dataCategory: 'careNeeds', purpose: 'support' }),
    ]);
    expect(data.municipalities[0].accessLog.map((l: { eventCode: string }) => l.eventCode)).toContain('consent.give');
    const exports = (await logOf(frank.id)).filter((l) => l.action === 'export');
    expect(exports).toEqual([expect.objectContaining({ event_code: 'privacy.export', tenant_id: ids.a, user_id: frank.id })]);
  });

  it('gives a readable print view, logged as print', async () => {
    const gerda = await resident('Gerda Kok');
    await consent(ids.a, gerda.id, ids.steunpunt, 'careNeeds', 'support');
    const res = await app.inject({ url: '/mijn-gegevens/afdrukken', headers: { cookie: gerda.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Mijn gegevens: overzicht om af te drukken');
    expect(res.body).toContain('Steunpunt Mantelzorg Aadorp mag wat u nodig heeft in de zorg zien, voor: ondersteuning.');
    expect(res.body).not.toContain('/intrekken');
    expect((await logOf(gerda.id)).filter((l) => l.action === 'print')).toHaveLength(1);
  });
});

describe('erasure', () => {
  it('asks for confirmation, and says plainly what the law keeps', async () => {
    const hans = await resident('Hans Peters');
    const form = await openForm(app, '/mijn-gegevens/verwijderen', hans.cookie);
    expect(form.page.body).toContain('NEN 7513');
    expect(form.page.body).toContain('minstens 5 jaar');
    const res = await form.submit('/mijn-gegevens/verwijderen', {});
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#bevestig"');
    expect(res.body).toContain('Vink aan dat u uw account wilt verwijderen');
    const still = await app.inject({ url: '/mijn-gegevens', headers: { cookie: hans.cookie } });
    expect(still.statusCode).toBe(200);
  });

  it('ends the sessions, anonymises the account, withdraws consents, keeps the access log intact and leaves others untouched', async () => {
    const ina = await resident('Ina Hendriks');
    const other = await resident('Joop Dekker');
    const secondSession = await t.db.platform((sql) => createSession(sql, ina.id, { secondFactor: true }));
    await asOwner(t.ownerUrl, (c) =>
      c.query(`insert into memberships (tenant_id, account_id, roles) values ($1, $2, '{caregiver}')`, [ids.a, ina.id]),
    );
    await consent(ids.a, ina.id, ids.steunpunt, 'careNeeds', 'support');
    await consent(ids.b, ina.id, ids.welzijn, 'contactDetails', 'support');
    const othersConsent = await consent(ids.a, other.id, ids.steunpunt, 'careNeeds', 'support');
    await looksAt(ids.a, ids.consultant, ina.id, ids.steunpunt, 'support');
    const linesBefore = (await logOf(ina.id)).length;

    const form = await openForm(app, '/mijn-gegevens/verwijderen', ina.cookie);
    const res = await form.submit('/mijn-gegevens/verwijderen', { bevestig: 'ja' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Uw account is verwijderd');
    expect(String(res.headers['set-cookie'])).toMatch(/naaste-session=;/);

    for (const cookie of [ina.cookie, `naaste-session=${secondSession}`]) {
      const after = await app.inject({ url: '/mijn-gegevens', headers: { cookie } });
      expect(after.statusCode).toBe(303);
      expect(after.headers.location).toMatch(/^\/inloggen/);
    }
    const state = await asOwner(t.ownerUrl, async (c) => ({
      account: (await c.query('select email, display_name, erased_at, disabled_at from accounts where id = $1', [ina.id])).rows[0],
      active: (await c.query('select count(*)::int as n from consents where person_id = $1 and withdrawn_at is null', [ina.id])).rows[0]?.n,
      memberships: (await c.query('select count(*)::int as n from memberships where account_id = $1', [ina.id])).rows[0]?.n,
      live: (await c.query('select count(*)::int as n from sessions where account_id = $1 and revoked_at is null', [ina.id])).rows[0]?.n,
      other: (await c.query('select email, display_name, erased_at from accounts where id = $1', [other.id])).rows[0],
    }));
    expect(state.account.email).not.toContain('ina');
    expect(state.account.display_name).toBe('Verwijderd account');
    expect(state.account.erased_at).not.toBeNull();
    expect(state).toMatchObject({ active: 0, memberships: 0, live: 0 });
    expect(state.other).toMatchObject({ email: 'joop.dekker@thuis.example', display_name: 'Joop Dekker', erased_at: null });
    expect((await consultantReads(other.id, 'careNeeds', 'support')).id).toBe(othersConsent.id);
    const otherPage = await app.inject({ url: '/mijn-gegevens', headers: { cookie: other.cookie } });
    expect(otherPage.statusCode).toBe(200);

    // The access log kept every line and gained the erasure lines; both chains still verify.
    const linesAfter = await logOf(ina.id);
    expect(linesAfter.length).toBeGreaterThan(linesBefore);
    expect(linesAfter.filter((l) => l.event_code === 'privacy.erase')).toHaveLength(2);
    for (const tenantId of [ids.a, ids.b]) {
      const result = await inContext(t.db, { tenantId, actor: system }, (ctx) => verifyAccessLog(ctx.sql, tenantId));
      expect(result.broken).toBeNull();
    }
    // The address is free and no sign-in link goes to it any more.
    const link = await openForm(app, '/inloggen');
    await link.submit('/inloggen/link', { email: ina.email });
    const mails = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query(`select 1 from jobs where payload->>'to' = $1`, [ina.email])).rowCount,
    );
    expect(mails).toBe(0);
  });

  it('does not let staff erase their own account here', async () => {
    const session = await t.db.platform((sql) => createSession(sql, ids.colleague, { secondFactor: true }));
    const cookie = `naaste-session=${session}`;
    const page = await app.inject({ url: '/mijn-gegevens/verwijderen', headers: { cookie } });
    expect(page.body).toContain('Vraag de beheerder van uw organisatie');
    expect(page.body).not.toContain('name="bevestig"');
    // A hand-made post (with a valid token from another page) is refused too.
    const form = await openForm(app, '/mijn-account', cookie);
    const res = await form.submit('/mijn-gegevens/verwijderen', { bevestig: 'ja' });
    expect(res.statusCode).toBe(403);
    const account = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query('select erased_at from accounts where id = $1', [ids.colleague])).rows[0],
    );
    expect(account.erased_at).toBeNull();
  });
});
