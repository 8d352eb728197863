import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { openForm } from '../../../tests/support/forms.ts';
import { signedInPerson, type TestPerson } from '../../../tests/support/people.ts';
import type { Principal, Role } from '../../platform/auth/roles.ts';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { startWorker } from '../../platform/jobs/queue.ts';
import { type DevMailbox, startDevMailbox } from '../../platform/mail/dev-smtp.ts';
import { EMAIL_JOB, emailJobHandler } from '../../platform/mail/email-job.ts';
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts';
import { getServiceDetail, loadReferenceData, saveServiceEntry } from '../directory/directory.service.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { canEditFor, canReview, directoryAdminLinks, editableOrganisations } from './directory-admin.policy.ts';
import { STALE_REMINDERS_JOB, staleRemindersJobHandler } from './directory-admin.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
let mailbox: DevMailbox;
let mailer: Mailer;
const system = { kind: 'system', name: 'test' } as const;
const ids = { a: '', b: '', x: '', y: '', z: '' };
const svc = { x1: '', x2: '', x3: '', x4: '', y1: '', b1: '', hidden: '' };
let editorX: TestPerson;
let adminX: TestPerson;
let editorY: TestPerson;
let coordA: TestPerson;
let coordB: TestPerson;
let resident: TestPerson;
const BASE_URL = 'http://localhost:3000';

const entry = (sourceId: string, name: string, owner: string, extra: Record<string, unknown> = {}) => ({
  sourceId,
  organization: { sourceId: `org-${owner}`, name: `Aanbieder ${owner.slice(0, 4)}`, ownerOrganisationId: owner },
  name,
  description: `${name}: steun voor mantelzorgers.`,
  terms: ['informatie-en-advies'],
  isFree: true,
  phones: [{ number: '0123 456 789' }],
  assuredDate: new Date().toISOString().slice(0, 10),
  ...extra,
});

beforeAll(async () => {
  t = await createTestDatabase();
  mailbox = await startDevMailbox(0);
  mailer = createMailer(`smtp://127.0.0.1:${mailbox.port}`, 'Naaste <noreply@naaste.localhost>');
  app = await createTestApp(t, { baseUrl: BASE_URL });
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    await loadReferenceData(ctx.sql);
    ids.a = (await organisations.addMunicipality(ctx, { code: 'GM9101', name: 'Kaartdorp' })).municipality.id;
    ids.b = (await organisations.addMunicipality(ctx, { code: 'GM9102', name: 'Anderkaart' })).municipality.id;
    const add = async (name: string, code: string) =>
      (await organisations.addOrganisation(ctx, { name, kind: 'welfare', municipalityCodes: [code] })).organisation.id;
    ids.x = await add('Welzijn Kaartdorp', 'GM9101');
    ids.y = await add('Zorgcentrum Kaartdorp', 'GM9101');
    ids.z = await add('Steunpunt Anderkaart', 'GM9102');
  });
  await inContext(t.db, { tenantId: ids.a, actor: system }, async (ctx) => {
    svc.x1 = (await saveServiceEntry(ctx.sql, ids.a, entry('x1', 'Mantelzorgcafé Kaartdorp', ids.x))).id;
    svc.x2 = (await saveServiceEntry(ctx.sql, ids.a, entry('x2', 'Logeerhuis De Linde', ids.x, { terms: ['respijt'] }))).id;
    svc.x3 = (
      await saveServiceEntry(ctx.sql, ids.a, entry('x3', 'Boodschappenhulp', ids.x, { terms: ['praktische-en-materiele-hulp'] }))
    ).id;
    svc.x4 = (
      await saveServiceEntry(ctx.sql, ids.a, entry('x4', 'Lotgenotengroep dementie', ids.x, { terms: ['emotionele-steun-en-scholing'] }))
    ).id;
    svc.y1 = (await saveServiceEntry(ctx.sql, ids.a, entry('y1', 'Dagbesteding Zorgcentrum', ids.y))).id;
    svc.hidden = (await saveServiceEntry(ctx.sql, ids.a, entry('x5', 'Nog niet openbaar', ids.x, { reviewStatus: 'pending' }))).id;
  });
  await inContext(t.db, { tenantId: ids.b, actor: system }, async (ctx) => {
    svc.b1 = (await saveServiceEntry(ctx.sql, ids.b, entry('b1', 'Verborgen Anderkaart', ids.z, { reviewStatus: 'pending' }))).id;
  });
  const person = (tenant: string, org: string | null, roles: Role[], name: string) =>
    signedInPerson(t, { name, memberships: [{ tenantId: tenant, organisationId: org, roles }] });
  editorX = await person(ids.a, ids.x, ['directoryEditor'], 'Redacteur X');
  adminX = await person(ids.a, ids.x, ['organisationAdmin'], 'Beheerder X');
  editorY = await person(ids.a, ids.y, ['directoryEditor'], 'Redacteur Y');
  coordA = await person(ids.a, null, ['networkCoordinator'], 'Coördinator Kaartdorp');
  coordB = await person(ids.b, null, ['networkCoordinator'], 'Coördinator Anderkaart');
  resident = await signedInPerson(t, { kind: 'resident', memberships: [{ tenantId: ids.a, organisationId: null, roles: ['caregiver'] }] });
});

afterAll(async () => {
  await app?.close();
  mailer?.close();
  await mailbox?.close();
  await t?.drop();
});

const get = (url: string, who?: TestPerson) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });
const inA = <T>(work: Parameters<typeof inContext<T>>[2]) => inContext(t.db, { tenantId: ids.a, actor: anonymous, readOnly: true }, work);
const publicDetail = (id: string) => inA((c) => getServiceDetail(c, id));
const row = (id: string) =>
  asOwner(t.ownerUrl, async (c) => (await c.query('select * from directory_services where id = $1', [id])).rows[0]);
const today = () =>
  asOwner(
    t.ownerUrl,
    async (c) => (await c.query(`select to_char((now() at time zone 'Europe/Amsterdam')::date, 'YYYY-MM-DD') as d`)).rows[0].d,
  );
/** Runs the queued jobs (email and reminders) through the real SMTP server; returns the mail sent. */
async function runJobs() {
  const worker = startWorker({
    db: t.db,
    handlers: {
      [EMAIL_JOB]: emailJobHandler(mailer),
      [STALE_REMINDERS_JOB]: staleRemindersJobHandler({ db: t.db, config: { baseUrl: BASE_URL } }),
    },
    poll: false,
  });
  while ((await worker.runOnce()) > 0) {}
  await worker.stop();
}
const mailTo = (email: string) => mailbox.list().filter((mail) => mail.to.includes(email));

const validForm = {
  owner: '',
  name: 'Respijtzorg thuis',
  description: 'Een vrijwilliger neemt de zorg een middag van u over.',
  supportForms: 'respijt',
  targetGroups: 'dementie',
  isFree: 'ja',
  phone: '0123 999 888',
  email: 'info@welzijn.example',
  url: 'https://welzijn.example/respijt',
  address1: 'Dorpsstraat 1',
  postalCode: '1234ab',
  city: 'Kaartdorp',
  'opens-MO': '09:00',
  'closes-MO': '17:00',
  'opens-TU': '09:00',
  'closes-TU': '17:00',
};

beforeEach(() => mailbox.clear());

describe('the policy', () => {
  const principal = (roles: Role[], org: string | null, extra: Partial<Principal> = {}): Principal => ({
    accountId: 'p',
    kind: 'professional',
    platformAdmin: false,
    secondFactor: true,
    tenantId: ids.a,
    memberships: [
      { tenantId: ids.a, municipalityCode: 'GM9101', municipalityName: '', organisationId: org, organisationName: null, roles },
    ],
    ...extra,
  });
  it('lets administrators and editors edit for their own organisation only, and only coordinators review', () => {
    expect(canEditFor(principal(['directoryEditor'], ids.x), ids.x)).toBe(true);
    expect(canEditFor(principal(['organisationAdmin'], ids.x), ids.x)).toBe(true);
    expect(canEditFor(principal(['directoryEditor'], ids.x), ids.y)).toBe(false);
    expect(canEditFor(principal(['directoryEditor'], ids.x), null)).toBe(false);
    for (const role of ['generalist', 'supportConsultant', 'networkCoordinator', 'policyOfficer', 'municipalityAdmin'] as Role[]) {
      expect(editableOrganisations(principal([role], ids.x)), role).toEqual([]);
    }
    expect(canReview(principal(['networkCoordinator'], null))).toBe(true);
    expect(canReview(principal(['directoryEditor', 'organisationAdmin'], ids.x))).toBe(false);
    expect(canReview(principal(['networkCoordinator'], null, { secondFactor: false }))).toBe(false);
    expect(canEditFor(principal(['directoryEditor'], ids.x, { secondFactor: false }), ids.x)).toBe(false);
    expect(directoryAdminLinks(principal(['directoryEditor'], ids.x), 'nl').map((l) => l.href)).toEqual([
      '/beheer/sociale-kaart/mijn-aanbod',
      '/beheer/sociale-kaart/meldingen',
    ]);
    expect(directoryAdminLinks(principal(['networkCoordinator'], null), 'en').map((l) => l.href)).toEqual([
      '/beheer/sociale-kaart/beoordelen',
      '/beheer/sociale-kaart/actualiteit',
    ]);
    expect(directoryAdminLinks(principal(['supportConsultant'], ids.x), 'nl')).toEqual([]);
    // A membership in another municipality counts for nothing here.
    expect(canReview(principal(['networkCoordinator'], null, { tenantId: ids.b }))).toBe(false);
  });
});

describe('the routes', () => {
  it('of the administration declare their access and refuse visitors without a session', async () => {
    const mine = app.routeTable.filter((r) => r.url.startsWith('/beheer/sociale-kaart/') && !/importeren|exporteren/.test(r.url));
    expect(mine.length).toBeGreaterThanOrEqual(14);
    for (const route of mine) {
      expect(route.access, route.url).not.toBe('public');
      const res = await app.inject({ method: route.method as 'GET', url: route.url.replace(/:(\w+)/g, () => randomUUID()) });
      if (res.statusCode === 303) expect(res.headers.location, route.url).toMatch(/^\/inloggen/);
      else expect([401, 403], route.url).toContain(res.statusCode);
    }
    expect(app.routeTable.find((r) => r.url === '/beheer/sociale-kaart/meldingen' && r.method === 'GET')?.access).toBe('personalData');
  });
});

describe('an organisation keeping its entries', () => {
  it('lists only its own entries, with status and when they were last checked', async () => {
    const res = await get('/beheer/sociale-kaart/mijn-aanbod', editorX);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Mantelzorgcafé Kaartdorp');
    expect(res.body).toContain('Nog niet openbaar');
    expect(res.body).not.toContain('Dagbesteding Zorgcentrum');
    expect(res.body).toContain('Wacht op beoordeling');
    const searched = await get('/beheer/sociale-kaart/mijn-aanbod?q=linde', editorX);
    expect(searched.body).toContain('Logeerhuis De Linde');
    expect(searched.body).not.toContain('Mantelzorgcafé Kaartdorp');
    const english = await get('/beheer/sociale-kaart/mijn-aanbod?lang=en', editorX);
    expect(english.body).toContain('<h1 class="utrecht-heading-1">My entries on the social map</h1>');
    expect(english.body).toContain('Waiting for review');
    const none = await get('/beheer/sociale-kaart/mijn-aanbod?q=bestaatniet', editorX);
    expect(none.body).toContain('Geen aanbod gevonden met deze keuzes.');
    // Residents, coordinators and visitors have no list of their own.
    expect((await get('/beheer/sociale-kaart/mijn-aanbod', resident)).statusCode).toBe(404);
    expect((await get('/beheer/sociale-kaart/mijn-aanbod', coordA)).statusCode).toBe(404);
    expect((await get('/beheer/sociale-kaart/mijn-aanbod')).headers.location).toMatch(/^\/inloggen/);
  });

  it('adds a new entry that waits for review; bad input comes back with the values and an error summary', async () => {
    const form = await openForm(app, '/beheer/sociale-kaart/mijn-aanbod/nieuw', editorX.cookie);
    expect(form.page.statusCode).toBe(200);
    const bad = await form.submit('/beheer/sociale-kaart/mijn-aanbod/nieuw', {
      ...validForm,
      owner: ids.x,
      description: '',
      phone: 'bel maar',
      email: '',
      url: '',
      postalCode: '12',
      'closes-MO': '08:00',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Er is een probleem');
    expect(bad.body).toContain('href="#description"');
    expect(bad.body).toContain('href="#phone"');
    expect(bad.body).toContain('href="#postalCode"');
    expect(bad.body).toContain('href="#closes-MO"');
    expect(bad.body).toContain('value="Respijtzorg thuis"');
    expect(bad.body).toContain('value="bel maar"');
    expect(bad.body).toMatch(/value="respijt"[^>]*checked/);

    const ok = await form.submit('/beheer/sociale-kaart/mijn-aanbod/nieuw', { ...validForm, owner: ids.x });
    expect(ok.statusCode).toBe(303);
    const created = await asOwner(
      t.ownerUrl,
      async (c) =>
        (
          await c.query(
            `select s.*, o.owner_organisation_id from directory_services s join directory_organizations o on o.id = s.organization_id
           where s.name = 'Respijtzorg thuis'`,
          )
        ).rows,
    );
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      review_status: 'pending',
      owner_organisation_id: ids.x,
      is_free: true,
      url: 'https://welzijn.example/respijt',
    });
    expect(created[0].search_text).toContain('respijtzorg');
    expect(await publicDetail(created[0].id)).toBeNull();
    // Another organisation's id in the form is refused.
    const foreign = await form.submit('/beheer/sociale-kaart/mijn-aanbod/nieuw', { ...validForm, owner: ids.y, name: 'Andermans aanbod' });
    expect(foreign.statusCode).toBe(400);
    expect(
      await asOwner(t.ownerUrl, async (c) => (await c.query(`select 1 from directory_services where name = 'Andermans aanbod'`)).rowCount),
    ).toBe(0);
  });

  it('keeps a change of a published entry waiting: the public version stays until the coordinator approves', async () => {
    const form = await openForm(app, `/beheer/sociale-kaart/mijn-aanbod/${svc.x1}`, editorX.cookie);
    expect(form.page.statusCode).toBe(200);
    expect(form.page.body).toContain('value="Mantelzorgcafé Kaartdorp"');
    const res = await form.submit(`/beheer/sociale-kaart/mijn-aanbod/${svc.x1}`, {
      ...validForm,
      name: 'Mantelzorgcafé De Ontmoeting',
      description: 'Elke eerste dinsdag van de maand.',
      supportForms: 'emotionele-steun-en-scholing',
    });
    expect(res.statusCode).toBe(303);
    // The public sees the old version.
    expect((await publicDetail(svc.x1))?.name).toBe('Mantelzorgcafé Kaartdorp');
    const stored = await row(svc.x1);
    expect(stored.name).toBe('Mantelzorgcafé Kaartdorp');
    expect(stored.pending_change.draft.name).toBe('Mantelzorgcafé De Ontmoeting');
    // The owner sees the waiting change in the form.
    const page = await get(`/beheer/sociale-kaart/mijn-aanbod/${svc.x1}`, editorX);
    expect(page.body).toContain('value="Mantelzorgcafé De Ontmoeting"');
    expect(page.body).toContain('Uw wijziging wacht op de netwerkcoördinator');

    // The coordinator sees a readable difference.
    const queue = await get('/beheer/sociale-kaart/beoordelen', coordA);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Mantelzorgcafé De Ontmoeting');
    expect(queue.body).toContain('Respijtzorg thuis');
    expect(queue.body).not.toContain('Verborgen Anderkaart');
    const review = await get(`/beheer/sociale-kaart/beoordelen/${svc.x1}`, coordA);
    expect(review.statusCode).toBe(200);
    expect(review.body).toMatch(/<del>Mantelzorgcafé Kaartdorp<\/del>/);
    expect(review.body).toMatch(/<ins>Mantelzorgcafé De Ontmoeting<\/ins>/);
    expect(review.body).toContain('Informatie en advies');

    // An editor cannot approve; a coordinator of another municipality sees nothing.
    const editorForm = await openForm(app, '/mijn-account', editorX.cookie);
    expect((await editorForm.submit(`/beheer/sociale-kaart/beoordelen/${svc.x1}/goedkeuren`, {})).statusCode).toBe(404);
    expect((await get(`/beheer/sociale-kaart/beoordelen/${svc.x1}`, editorX)).statusCode).toBe(404);
    expect((await get(`/beheer/sociale-kaart/beoordelen/${svc.x1}`, coordB)).statusCode).toBe(404);
    const otherQueue = await get('/beheer/sociale-kaart/beoordelen', coordB);
    expect(otherQueue.body).toContain('Verborgen Anderkaart');
    expect(otherQueue.body).not.toContain('Mantelzorgcafé');
    const coordBForm = await openForm(app, '/mijn-account', coordB.cookie);
    expect((await coordBForm.submit(`/beheer/sociale-kaart/beoordelen/${svc.x1}/goedkeuren`, {})).statusCode).toBe(404);
    expect((await publicDetail(svc.x1))?.name).toBe('Mantelzorgcafé Kaartdorp');

    // The coordinator approves: the change is public, checked today.
    const coordForm = await openForm(app, `/beheer/sociale-kaart/beoordelen/${svc.x1}`, coordA.cookie);
    const approved = await coordForm.submit(`/beheer/sociale-kaart/beoordelen/${svc.x1}/goedkeuren`, {});
    expect(approved.statusCode).toBe(303);
    const detail = await publicDetail(svc.x1);
    expect(detail?.name).toBe('Mantelzorgcafé De Ontmoeting');
    expect(detail?.terms.map((x) => x.code)).toEqual(expect.arrayContaining(['emotionele-steun-en-scholing', 'dementie']));
    expect(detail?.terms.map((x) => x.code)).not.toContain('informatie-en-advies');
    expect(detail?.phones[0]?.number).toBe('0123 999 888');
    expect(detail?.locations[0]?.addresses[0]).toMatchObject({ address1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Kaartdorp' });
    expect(detail?.schedules.map((s) => [s.byday, s.opensAt, s.closesAt])).toEqual([['MO,TU', '09:00', '17:00']]);
    const after = await row(svc.x1);
    expect(after).toMatchObject({
      pending_change: null,
      review_status: 'published',
      reviewed_by: coordA.accountId,
      assured_date: await today(),
    });
    expect(after.search_text).toContain('ontmoeting');
    await runJobs();
    expect(mailTo(editorX.email).map((mail) => mail.subject)).toEqual(['Gepubliceerd op de sociale kaart: Mantelzorgcafé De Ontmoeting']);
  });

  it('publishes a new entry when the coordinator approves it', async () => {
    const coordForm = await openForm(app, `/beheer/sociale-kaart/beoordelen/${svc.hidden}`, coordA.cookie);
    expect(coordForm.page.body).toContain('Nieuw aanbod beoordelen');
    expect(await publicDetail(svc.hidden)).toBeNull();
    expect((await coordForm.submit(`/beheer/sociale-kaart/beoordelen/${svc.hidden}/goedkeuren`, {})).statusCode).toBe(303);
    expect((await publicDetail(svc.hidden))?.name).toBe('Nog niet openbaar');
    // Approved once; there is nothing left to review.
    expect((await get(`/beheer/sociale-kaart/beoordelen/${svc.hidden}`, coordA)).statusCode).toBe(404);
    await runJobs();
    expect(mailTo(adminX.email).map((mail) => mail.subject)).toEqual(['Gepubliceerd op de sociale kaart: Nog niet openbaar']);
  });

  it('sends a change back with a note that reaches the owner; the public version stays', async () => {
    const form = await openForm(app, `/beheer/sociale-kaart/mijn-aanbod/${svc.x2}`, adminX.cookie);
    await form.submit(`/beheer/sociale-kaart/mijn-aanbod/${svc.x2}`, { ...validForm, name: 'Logeerhuis (fout)', supportForms: 'respijt' });
    const coordForm = await openForm(app, `/beheer/sociale-kaart/beoordelen/${svc.x2}`, coordA.cookie);
    const empty = await coordForm.submit(`/beheer/sociale-kaart/beoordelen/${svc.x2}/terugsturen`, { note: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#note"');
    const sent = await coordForm.submit(`/beheer/sociale-kaart/beoordelen/${svc.x2}/terugsturen`, { note: 'De naam klopt niet.' });
    expect(sent.statusCode).toBe(303);
    expect((await publicDetail(svc.x2))?.name).toBe('Logeerhuis De Linde');
    const stored = await row(svc.x2);
    expect(stored.review_note).toBe('De naam klopt niet.');
    expect(stored.pending_change.rejectedAt).toBeTruthy();
    // No longer in the queue; the owner sees the note and the draft to correct.
    expect((await get('/beheer/sociale-kaart/beoordelen', coordA)).body).not.toContain('Logeerhuis (fout)');
    const page = await get(`/beheer/sociale-kaart/mijn-aanbod/${svc.x2}`, adminX);
    expect(page.body).toContain('De naam klopt niet.');
    expect(page.body).toContain('value="Logeerhuis (fout)"');
    await runJobs();
    for (const who of [editorX, adminX]) {
      const mails = mailTo(who.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.text).toContain('De naam klopt niet.');
      expect(mails[0]?.text).toContain(`${BASE_URL}/beheer/sociale-kaart/mijn-aanbod/${svc.x2}`);
    }
    expect(mailTo(editorY.email)).toHaveLength(0);
  });

  it('cannot see or change entries of another organisation or municipality, whatever id it tries', async () => {
    for (const id of [svc.x3, svc.b1, randomUUID()]) {
      expect((await get(`/beheer/sociale-kaart/mijn-aanbod/${id}`, editorY)).statusCode, id).toBe(404);
      expect((await get(`/beheer/sociale-kaart/mijn-aanbod/${id}/intrekken`, editorY)).statusCode, id).toBe(404);
    }
    const before = await row(svc.x3);
    const form = await openForm(app, '/mijn-account', editorY.cookie);
    for (const action of ['', '/nog-steeds-juist', '/intrekken']) {
      const res = await form.submit(`/beheer/sociale-kaart/mijn-aanbod/${svc.x3}${action}`, { ...validForm, name: 'Overgenomen' });
      expect(res.statusCode, action).toBe(404);
    }
    expect(await row(svc.x3)).toEqual(before);
    // The same forms work for the owner, so the refusals are about whose entry it is.
    const own = await openForm(app, '/mijn-account', editorX.cookie);
    expect((await own.submit(`/beheer/sociale-kaart/mijn-aanbod/${svc.x3}/nog-steeds-juist`, {})).statusCode).toBe(303);
  });

  it('confirms an entry as still right: checked today, by whom', async () => {
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update directory_services set assured_date = '2020-01-01', stale_reminded_at = now() where id = $1`, [svc.x4]),
    );
    const listed = await get('/beheer/sociale-kaart/mijn-aanbod?actualiteit=verouderd', editorX);
    expect(listed.body).toContain('Lotgenotengroep dementie');
    expect(listed.body).toContain('Waarschuwing: meer dan 12 maanden oud');
    const form = await openForm(app, `/beheer/sociale-kaart/mijn-aanbod/${svc.x4}`, editorX.cookie);
    const res = await form.submit(`/beheer/sociale-kaart/mijn-aanbod/${svc.x4}/nog-steeds-juist`, {});
    expect(res.headers.location).toBe(`/beheer/sociale-kaart/mijn-aanbod/${svc.x4}?klaar=nagekeken`);
    expect(await row(svc.x4)).toMatchObject({ assured_date: await today(), assurer_email: editorX.email, stale_reminded_at: null });
    expect((await get('/beheer/sociale-kaart/mijn-aanbod?actualiteit=verouderd', editorX)).body).not.toContain('Lotgenotengroep dementie');
  });

  it('withdraws an entry after asking: it leaves the public map', async () => {
    const confirmPage = await get(`/beheer/sociale-kaart/mijn-aanbod/${svc.x3}/intrekken`, editorX);
    expect(confirmPage.body).toContain('Weet u zeker dat u');
    const form = await openForm(app, `/beheer/sociale-kaart/mijn-aanbod/${svc.x3}/intrekken`, editorX.cookie);
    expect((await form.submit(`/beheer/sociale-kaart/mijn-aanbod/${svc.x3}/intrekken`, {})).statusCode).toBe(303);
    expect(await publicDetail(svc.x3)).toBeNull();
    expect((await row(svc.x3)).review_status).toBe('withdrawn');
  });

  it('records every change in the access log', async () => {
    const lines = await asOwner(
      t.ownerUrl,
      async (c) =>
        (await c.query(`select event_code, user_id, purpose from access_log where event_code like 'directory.%' order by seq`)).rows,
    );
    const codes = lines.map((l) => l.event_code);
    for (const code of [
      'directory.entry.create',
      'directory.entry.update',
      'directory.review.approve',
      'directory.review.reject',
      'directory.entry.confirm',
      'directory.entry.withdraw',
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(lines.every((l) => l.purpose === 'directoryAdministration' && l.user_id)).toBe(true);
  });
});

describe('"Dit klopt niet" reports', () => {
  it('are taken from anyone on a public entry, reach the owner, and are handled with an answer to the reporter', async () => {
    expect((await get(`/sociale-kaart/diensten/${svc.b1}/melden`)).statusCode).toBe(404);
    expect((await get(`/sociale-kaart/diensten/${randomUUID()}/melden`)).statusCode).toBe(404);
    const form = await openForm(app, `/sociale-kaart/diensten/${svc.x1}/melden`);
    expect(form.page.statusCode).toBe(200);
    expect(form.page.body).toContain('Mantelzorgcafé De Ontmoeting');
    // Without the CSRF token nothing is stored.
    const forged = await app.inject({
      method: 'POST',
      url: `/sociale-kaart/diensten/${svc.x1}/melden`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'message=spam',
    });
    expect(forged.statusCode).toBe(403);
    const bad = await form.submit(`/sociale-kaart/diensten/${svc.x1}/melden`, { message: '', email: 'geen-adres' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#message"');
    expect(bad.body).toContain('href="#email"');
    expect(bad.body).toContain('value="geen-adres"');
    const ok = await form.submit(`/sociale-kaart/diensten/${svc.x1}/melden`, {
      message: 'Het telefoonnummer werkt niet meer.',
      email: 'Melder@Thuis.example',
    });
    expect(ok.statusCode).toBe(303);
    expect((await get(ok.headers.location as string)).body).toContain('Bedankt voor uw melding');
    await runJobs();
    for (const who of [editorX, adminX]) {
      const mails = mailTo(who.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.text).toContain('Het telefoonnummer werkt niet meer.');
      expect(mails[0]?.text).not.toContain('melder@thuis.example');
    }
    expect(mailTo(editorY.email)).toHaveLength(0);

    // The owner's list; another organisation does not see it.
    const logBefore = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query(`select count(*)::int as n from access_log where event_code = 'directory.report.list'`)).rows[0].n,
    );
    const list = await get('/beheer/sociale-kaart/meldingen', editorX);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Het telefoonnummer werkt niet meer.');
    expect(list.body).not.toContain('melder@thuis.example');
    expect(list.body).toContain('De melder wil graag antwoord');
    const logAfter = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query(`select count(*)::int as n from access_log where event_code = 'directory.report.list'`)).rows[0].n,
    );
    expect(logAfter).toBe(logBefore + 1);
    expect((await get('/beheer/sociale-kaart/meldingen', editorY)).body).not.toContain('Het telefoonnummer werkt niet meer.');

    const reportId = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query('select id from directory_reports where service_id = $1', [svc.x1])).rows[0].id,
    );
    const yForm = await openForm(app, '/mijn-account', editorY.cookie);
    expect((await yForm.submit(`/beheer/sociale-kaart/meldingen/${reportId}/afhandelen`, { [`note-${reportId}`]: 'x' })).statusCode).toBe(
      404,
    );
    const xForm = await openForm(app, '/beheer/sociale-kaart/meldingen', editorX.cookie);
    const empty = await xForm.submit(`/beheer/sociale-kaart/meldingen/${reportId}/afhandelen`, { [`note-${reportId}`]: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(`href="#note-${reportId}"`);
    mailbox.clear();
    const done = await xForm.submit(`/beheer/sociale-kaart/meldingen/${reportId}/afhandelen`, {
      [`note-${reportId}`]: 'Het nummer is aangepast.',
    });
    expect(done.statusCode).toBe(303);
    const stored = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query('select * from directory_reports where id = $1', [reportId])).rows[0],
    );
    expect(stored).toMatchObject({ resolution_note: 'Het nummer is aangepast.', resolved_by: editorX.accountId, email: null });
    await runJobs();
    const answer = mailTo('melder@thuis.example');
    expect(answer).toHaveLength(1);
    expect(answer[0]?.text).toContain('Het nummer is aangepast.');
    expect((await get('/beheer/sociale-kaart/meldingen?afgehandeld=ja', editorX)).body).toContain('Het nummer is aangepast.');
  });
});

describe('freshness', () => {
  it('shows the coordinator per organisation what is up to date, old, very old or never checked, with open reports', async () => {
    await asOwner(t.ownerUrl, async (c) => {
      await c.query(`update directory_services set assured_date = current_date - interval '8 months' where id = $1`, [svc.x2]);
      await c.query(`update directory_services set assured_date = current_date - interval '13 months' where id = $1`, [svc.x4]);
      await c.query(`update directory_services set assured_date = null where id = $1`, [svc.y1]);
      await c.query(`insert into directory_reports (tenant_id, service_id, message) values ($1, $2, 'Adres klopt niet')`, [ids.a, svc.y1]);
    });
    expect((await get('/beheer/sociale-kaart/actualiteit', editorX)).statusCode).toBe(404);
    expect((await get('/beheer/sociale-kaart/actualiteit', coordB)).body).not.toContain('Welzijn Kaartdorp');
    const res = await get('/beheer/sociale-kaart/actualiteit', coordA);
    expect(res.statusCode).toBe(200);
    const rowOf = (name: string) => {
      const match = new RegExp(`${name}</a>\\s*</th>(.*?)</tr>`, 's').exec(res.body)?.[1] ?? '';
      return match
        .split('<td')
        .slice(1)
        .map((cell) =>
          Number(
            cell
              .replace(/"[^"]*"/g, '')
              .replace(/<[^>]*>/g, '')
              .replace(/^[^>]*>/, ''),
          ),
        );
    };
    // total, fresh, > 6 months, > 12 months, never, open reports
    // Welzijn: two checked lately (one approved today), one of 8 and one of 13 months; its withdrawn and pending entries do not count.
    expect(rowOf('Welzijn Kaartdorp')).toEqual([4, 2, 1, 1, 0, 0]);
    expect(rowOf('Zorgcentrum Kaartdorp')).toEqual([1, 0, 0, 0, 1, 1]);
    const old = await get(`/beheer/sociale-kaart/actualiteit/aanbod?eigenaar=${ids.x}&actualiteit=ouder-dan-12-maanden`, coordA);
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('Lotgenotengroep dementie');
    expect(old.body).toContain('Waarschuwing: meer dan 12 maanden oud');
    expect(old.body).not.toContain('Logeerhuis De Linde');
  });

  it('reminds each owner once per 30 days by email, listing its entries not checked for 6 months', async () => {
    await asOwner(t.ownerUrl, (c) => c.query('update directory_services set stale_reminded_at = null'));
    await t.db.platform((sql) => sql.query(`insert into jobs (kind, payload) values ($1, '{}')`, [STALE_REMINDERS_JOB]));
    await runJobs();
    for (const who of [editorX, adminX]) {
      const mails = mailTo(who.email);
      expect(mails, who.email).toHaveLength(1);
      expect(mails[0]?.subject).toBe('Wilt u uw aanbod op de sociale kaart nakijken? (Welzijn Kaartdorp)');
      expect(mails[0]?.text).toContain('Logeerhuis De Linde');
      expect(mails[0]?.text).toContain('Lotgenotengroep dementie');
      expect(mails[0]?.text).toContain(`${BASE_URL}/beheer/sociale-kaart/mijn-aanbod/${svc.x4}`);
      expect(mails[0]?.text).not.toContain('Mantelzorgcafé');
    }
    expect(mailTo(editorY.email)).toHaveLength(1);
    expect(mailTo(editorY.email)[0]?.text).toContain('Dagbesteding Zorgcentrum');

    // A second run in the same period sends nothing, even for an entry that became old since.
    mailbox.clear();
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update directory_services set assured_date = current_date - interval '7 months' where id = $1`, [svc.x1]),
    );
    await t.db.platform((sql) => sql.query(`insert into jobs (kind, payload) values ($1, '{}')`, [STALE_REMINDERS_JOB]));
    await runJobs();
    expect(mailbox.list()).toHaveLength(0);

    // After 30 days the owner is reminded again, once.
    await asOwner(t.ownerUrl, (c) =>
      c.query(
        `update directory_services set stale_reminded_at = stale_reminded_at - interval '31 days' where stale_reminded_at is not null`,
      ),
    );
    await t.db.platform((sql) => sql.query(`insert into jobs (kind, payload) values ($1, '{}')`, [STALE_REMINDERS_JOB]));
    await runJobs();
    expect(mailTo(editorX.email)).toHaveLength(1);
    expect(mailTo(editorX.email)[0]?.text).toContain('Mantelzorgcafé De Ontmoeting');
    expect(mailTo(editorY.email)).toHaveLength(1);
  });
});
