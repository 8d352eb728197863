import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { cookieHeader, csrfFrom, openForm } from '../../../tests/support/forms.ts';
import { signedInPerson, type TestPerson } from '../../../tests/support/people.ts';
import { requireConsent } from '../../platform/consent/consent.ts';
import { type Actor, inContext } from '../../platform/db/context.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { addYears, today } from './caregivers.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const system: Actor = { kind: 'system', name: 'test' };
const ids = { a: '', b: '', steunpunt: '', welzijn: '', wmo: '', steunpuntB: '', consultant: '' };

const rows = async (text: string, params: unknown[] = []) =>
  asOwner(t.ownerUrl, async (c) => (await c.query(text, params)).rows as Record<string, unknown>[]);
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await rows(`select count(*) as n from ${table} where ${where}`, params))[0]?.n);
const logOf = (personId: string) =>
  rows('select event_code, action, user_id, role, purpose, organisation_id, outcome from access_log where person_id = $1 order by seq', [
    personId,
  ]);

/** A caregiver registered in a municipality, signed in as the email link gives. */
const caregiver = (tenantId: string, name = 'Test mantelzorger') =>
  signedInPerson(t, { kind: 'resident', name, memberships: [{ tenantId, organisationId: null, roles: ['caregiver'] }] });

const goodRelationship = {
  caredForName: 'mama',
  ageBand: '80plus',
  relation: 'parent',
  conditionText: 'Mijn moeder vergeet steeds meer.',
  tasks: 'household',
  hoursPerWeek: '14',
  caringSince: '2021',
  livingTogether: 'nee',
  combinesWith: 'work',
};

async function newRelationship(person: TestPerson, fields: Record<string, string> = goodRelationship): Promise<string> {
  const form = await openForm(app, '/mijn-zorg/nieuw', person.cookie);
  const res = await form.submit('/mijn-zorg/nieuw', fields);
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  const id = /\/mijn-zorg\/([0-9a-f-]{36})\?klaar=nieuw$/.exec(res.headers.location as string)?.[1];
  if (!id) throw new Error(`No relationship in ${res.headers.location}`);
  return id;
}

/** The consultant of the support centre, reading through the consent gate as the workspace does. */
const consultantReads = (personId: string) =>
  inContext(
    t.db,
    {
      tenantId: ids.a,
      actor: {
        kind: 'person',
        principal: {
          accountId: ids.consultant,
          kind: 'professional',
          platformAdmin: false,
          secondFactor: true,
          tenantId: ids.a,
          memberships: [],
        },
        ip: null,
        userAgent: null,
      },
    },
    (ctx) => requireConsent(ctx, { personId, dataCategory: 'careRelationship', purpose: 'support', organisationId: ids.steunpunt }),
  );

function expectErrorPage(res: LightMyRequestResponse, fields: string[]) {
  expect(res.statusCode).toBe(400);
  expect(res.body).toContain('naaste-error-summary');
  for (const f of fields) expect(res.body, f).toContain(`href="#${f}"`);
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    ids.a = (await organisations.addMunicipality(ctx, { code: 'GM9301', name: 'Zorgdorp' })).municipality.id;
    ids.b = (await organisations.addMunicipality(ctx, { code: 'GM9302', name: 'Verweg' })).municipality.id;
    ids.welzijn = (
      await organisations.addOrganisation(ctx, { name: 'Welzijn Zorgdorp', kind: 'welfare', municipalityCodes: ['GM9301'] })
    ).organisation.id;
    ids.steunpunt = (
      await organisations.addOrganisation(ctx, {
        name: 'Steunpunt Mantelzorg Zorgdorp',
        kind: 'supportCentre',
        municipalityCodes: ['GM9301'],
      })
    ).organisation.id;
    ids.wmo = (
      await organisations.addOrganisation(ctx, {
        name: 'Gemeente Zorgdorp, Wmo-loket',
        kind: 'municipality',
        municipalityCodes: ['GM9301'],
      })
    ).organisation.id;
    ids.steunpuntB = (
      await organisations.addOrganisation(ctx, { name: 'Steunpunt Verweg', kind: 'supportCentre', municipalityCodes: ['GM9302'] })
    ).organisation.id;
  });
  await asOwner(t.ownerUrl, async (c) => {
    await c.query('update municipalities set active = true where id = any($1)', [[ids.a, ids.b]]);
    ids.consultant = (
      await c.query<{ id: string }>(
        `insert into accounts (email, display_name, kind) values ('consulent@steunpunt.example', 'Sanne Consulent', 'professional') returning id`,
      )
    ).rows[0]?.id as string;
  });
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('registration by email', () => {
  it('re-renders bad input with the values typed and an error summary, and writes nothing', async () => {
    const accounts = await count('accounts');
    const form = await openForm(app, '/aanmelden?gemeente=zorgdorp');
    expect(form.page.statusCode).toBe(200);
    expect(form.page.body).toContain('U meldt zich aan in de gemeente Zorgdorp.');
    const res = await form.submit('/aanmelden?gemeente=zorgdorp', {
      displayName: 'Lotte',
      email: 'geen-adres',
      age: 'under16',
      birthYear: '1970',
    });
    expectErrorPage(res, ['email', 'birthYear', 'guardianName', 'guardianConfirmed']);
    expect(res.body).toContain('value="Lotte"');
    expect(res.body).toContain('value="geen-adres"');
    expect(res.body).toContain('<title>Fout: ');
    expect(await count('accounts')).toBe(accounts);
  });

  it('makes a resident account with a caregiver membership and sends the sign-in link, which signs in', async () => {
    const form = await openForm(app, '/aanmelden');
    const res = await form.submit('/aanmelden', { displayName: 'Lotte', email: 'Lotte@Thuis.example', age: 'adult', municipality: ids.a });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/aanmelden/verstuurd');
    const [account] = await rows(`select id, kind, display_name, birth_date from accounts where email = 'lotte@thuis.example'`);
    expect(account).toMatchObject({ kind: 'resident', display_name: 'Lotte', birth_date: null });
    const memberships = await rows('select tenant_id, roles, organisation_id from memberships where account_id = $1', [account?.id]);
    expect(memberships).toEqual([{ tenant_id: ids.a, roles: ['caregiver'], organisation_id: null }]);
    const mails = await rows(`select payload from jobs where kind = 'email.send' and payload->>'to' = 'lotte@thuis.example'`);
    expect(mails).toHaveLength(1);
    const link = /http:\/\/localhost:3000(\/inloggen\/link\/[A-Za-z0-9_-]+)/.exec(
      String((mails[0]?.payload as { text?: string } | undefined)?.text),
    )?.[1];
    expect(link).toBeTruthy();
    // The link signs in, and Mijn zorg then asks who they care for.
    const confirm = await openForm(app, link as string);
    const signedIn = await confirm.submit(link as string, {});
    expect(signedIn.statusCode).toBe(303);
    const cookie = cookieHeader(signedIn.headers['set-cookie']);
    const home = await app.inject({ url: '/mijn-zorg', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('U heeft nog niet verteld voor wie u zorgt.');
    expect((await logOf(account?.id as string)).map((l) => l.event_code)).toContain('caregiver.register');
  });

  it('gives the same answer for an address that already has an account, and changes nothing on it', async () => {
    const existing = await signedInPerson(t, { kind: 'resident', name: 'Bestaand' });
    const form = await openForm(app, '/aanmelden');
    const res = await form.submit('/aanmelden', { displayName: 'Iemand anders', email: existing.email, age: 'adult', municipality: ids.a });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/aanmelden/verstuurd');
    const [account] = await rows('select display_name from accounts where id = $1', [existing.accountId]);
    expect(account?.display_name).toBe('Bestaand');
    expect(await count('memberships', 'account_id = $1', [existing.accountId])).toBe(0);
    // The owner gets a sign-in link; after signing in they register themselves.
    expect(await count('jobs', `kind = 'email.send' and payload->>'to' = $1`, [existing.email])).toBe(1);
    const join = await openForm(app, '/mijn-zorg', existing.cookie);
    expect(join.page.body).toContain('Meld u aan voor Mijn zorg');
    const bad = await join.submit('/mijn-zorg/aanmelden', { municipality: '' });
    expectErrorPage(bad, ['municipality']);
    const good = await join.submit('/mijn-zorg/aanmelden', { municipality: ids.a });
    expect(good.statusCode).toBe(303);
    expect(await count('memberships', `account_id = $1 and 'caregiver' = any(roles)`, [existing.accountId])).toBe(1);
  });

  it('registers someone under 16 only with a parent or guardian, kept as evidence', async () => {
    const year = Number(today().slice(0, 4)) - 13;
    const form = await openForm(app, '/aanmelden?gemeente=zorgdorp');
    const res = await form.submit('/aanmelden?gemeente=zorgdorp', {
      displayName: 'Sem',
      email: 'sem@thuis.example',
      age: 'under16',
      birthYear: String(year),
      guardianName: 'Ouder van Sem',
      guardianConfirmed: 'ja',
    });
    expect(res.statusCode).toBe(303);
    const [account] = await rows(`select id, to_char(birth_date, 'YYYY-MM-DD') as birth from accounts where email = 'sem@thuis.example'`);
    expect(account?.birth).toBe(`${year}-12-31`);
    const [registration] = await rows('select guardian_name, guardian_confirmed_at from caregiver_registrations where account_id = $1', [
      account?.id,
    ]);
    expect(registration?.guardian_name).toBe('Ouder van Sem');
    expect(registration?.guardian_confirmed_at).not.toBeNull();
  });
});

describe('a care relationship', () => {
  let anna: TestPerson;
  beforeAll(async () => {
    anna = await caregiver(ids.a, 'Anna');
  });

  it('re-renders a bad relationship form with the values and an error summary, and stores nothing', async () => {
    const before = await count('care_relationships');
    const form = await openForm(app, '/mijn-zorg/nieuw', anna.cookie);
    const res = await form.submit('/mijn-zorg/nieuw', {
      caredForName: '',
      conditionText: 'Hij valt vaak.',
      tasks: 'transport',
      hoursPerWeek: 'veel',
      caringSince: 'volgend jaar',
    });
    expectErrorPage(res, ['caredForName', 'ageBand', 'relation', 'hoursPerWeek', 'caringSince']);
    expect(res.body).toContain('Hij valt vaak.');
    expect(res.body).toContain('value="veel"');
    expect(res.body).toMatch(/value="transport"[^>]*checked/);
    expect(await count('care_relationships')).toBe(before);
  });

  it('stores a good one, shows it on Mijn zorg, and logs each read and change as the caregiver’s own', async () => {
    const id = await newRelationship(anna);
    const [row] = await rows('select * from care_relationships where id = $1', [id]);
    expect(row).toMatchObject({
      caregiver_id: anna.accountId,
      tenant_id: ids.a,
      cared_for_name: 'mama',
      hours_per_week: 14,
      living_together: false,
      tasks: ['household'],
      combines_with: ['work'],
    });
    const page = await app.inject({ url: `/mijn-zorg/${id}?klaar=nieuw`, headers: { cookie: anna.cookie } });
    expect(page.body).toContain('U zorgt voor mama');
    expect(page.body).toContain('Wilt u ook vertellen wie er nog meer helpt?');
    const home = await app.inject({ url: '/mijn-zorg', headers: { cookie: anna.cookie } });
    expect(home.body).toContain('U zorgt voor mama');
    expect(home.body).toContain('Doe de check: hoe zwaar is de zorg voor mij?');
    expect(home.body).toContain('href="/balanscheck"');
    const english = await app.inject({ url: `/mijn-zorg/${id}?lang=en`, headers: { cookie: anna.cookie } });
    expect(english.body).toContain('You care for mama');
    expect(english.body).toContain('my father or mother');
    const log = await logOf(anna.accountId);
    expect(log.map((l) => l.event_code)).toEqual(
      expect.arrayContaining(['careRelationship.create', 'careRelationship.read', 'careRelationship.list']),
    );
    expect(log.every((l) => l.user_id === anna.accountId && l.role === 'caregiver' && l.purpose === 'selfService')).toBe(true);
  });

  it('edits with the same form; bad input keeps the values and changes nothing', async () => {
    const id = await newRelationship(anna, { ...goodRelationship, caredForName: 'Henk', relation: 'partner', ageBand: '65to79' });
    const form = await openForm(app, `/mijn-zorg/${id}/wijzigen`, anna.cookie);
    expect(form.page.body).toContain('value="Henk"');
    expect(form.page.body).toContain('value="2021"');
    const bad = await form.submit(`/mijn-zorg/${id}/wijzigen`, { ...goodRelationship, caredForName: 'Henk', hoursPerWeek: '200' });
    expectErrorPage(bad, ['hoursPerWeek']);
    expect(bad.body).toContain('value="200"');
    expect((await rows('select hours_per_week from care_relationships where id = $1', [id]))[0]?.hours_per_week).toBe(14);
    const good = await form.submit(`/mijn-zorg/${id}/wijzigen`, {
      ...goodRelationship,
      caredForName: 'Henk',
      relation: 'partner',
      ageBand: '65to79',
      hoursPerWeek: '40',
      livingTogether: 'ja',
      caringSince: '15-03-2019',
    });
    expect(good.statusCode).toBe(303);
    const [row] = await rows(
      `select hours_per_week, living_together, to_char(caring_since, 'YYYY-MM-DD') as since from care_relationships where id = $1`,
      [id],
    );
    expect(row).toEqual({ hours_per_week: 40, living_together: true, since: '2019-03-15' });
  });

  it('adds people to the care network, removes them, and puts them back with undo', async () => {
    const id = await newRelationship(anna);
    const form = await openForm(app, `/mijn-zorg/${id}`, anna.cookie);
    const bad = await form.submit(`/mijn-zorg/${id}/netwerk`, { kind: '', name: '', helpsWith: 'boodschappen' });
    expectErrorPage(bad, ['kind', 'name']);
    expect(bad.body).toContain('value="boodschappen"');
    expect(await count('care_network_members', 'care_relationship_id = $1', [id])).toBe(0);
    const added = await form.submit(`/mijn-zorg/${id}/netwerk`, {
      kind: 'family',
      name: 'mijn broer',
      helpsWith: 'boodschappen op zaterdag',
    });
    expect(added.statusCode).toBe(303);
    const [member] = await rows('select id, kind, name from care_network_members where care_relationship_id = $1', [id]);
    expect(member).toMatchObject({ kind: 'family', name: 'mijn broer' });
    const removed = await form.submit(`/mijn-zorg/${id}/netwerk/${member?.id}/verwijderen`, {});
    expect(removed.statusCode).toBe(200);
    expect(removed.body).toContain('mijn broer is verwijderd.');
    expect(await count('care_network_members', 'care_relationship_id = $1', [id])).toBe(0);
    // Undo: the hidden fields of the notice put the same person back.
    const undo = await form.submit(`/mijn-zorg/${id}/netwerk`, {
      kind: 'family',
      name: 'mijn broer',
      helpsWith: 'boodschappen op zaterdag',
    });
    expect(undo.statusCode).toBe(303);
    expect(await rows('select kind, name, helps_with from care_network_members where care_relationship_id = $1', [id])).toEqual([
      { kind: 'family', name: 'mijn broer', helps_with: 'boodschappen op zaterdag' },
    ]);
  });

  it('ends a relationship after a confirmation page, and undo resumes it', async () => {
    const id = await newRelationship(anna);
    const confirm = await openForm(app, `/mijn-zorg/${id}/beeindigen`, anna.cookie);
    expect(confirm.page.body).toContain('Stoppen met de zorg voor mama');
    const ended = await confirm.submit(`/mijn-zorg/${id}/beeindigen`, {});
    expect(ended.headers.location).toBe(`/mijn-zorg/${id}?klaar=beeindigd`);
    const page = await app.inject({ url: ended.headers.location as string, headers: { cookie: anna.cookie } });
    expect(page.body).toContain('U heeft de zorg voor mama beëindigd.');
    expect(page.body).toContain('Ongedaan maken: ik zorg weer voor mama');
    // An ended relationship cannot be changed.
    const edit = await confirm.submit(`/mijn-zorg/${id}/wijzigen`, { ...goodRelationship, caredForName: 'anders' });
    expect(edit.statusCode).toBe(303);
    expect((await rows('select cared_for_name from care_relationships where id = $1', [id]))[0]?.cared_for_name).toBe('mama');
    const resumed = await confirm.submit(`/mijn-zorg/${id}/hervatten`, {});
    expect(resumed.statusCode).toBe(303);
    expect((await rows('select ended_at from care_relationships where id = $1', [id]))[0]?.ended_at).toBeNull();
  });
});

describe('another person', () => {
  it('never sees or changes someone else’s relationship, whatever the id: 404, and nothing changes', async () => {
    const anna = await caregiver(ids.a, 'Anna twee');
    const bert = await caregiver(ids.a, 'Bert');
    const elsewhere = await caregiver(ids.b, 'Carla');
    const id = await newRelationship(anna);
    for (const person of [bert, elsewhere]) {
      for (const path of ['', '/wijzigen', '/delen', '/ondersteuning', '/keukentafel', '/keukentafel/afdrukken', '/beeindigen']) {
        const res = await app.inject({ url: `/mijn-zorg/${id}${path}`, headers: { cookie: person.cookie } });
        expect(res.statusCode, path).toBe(404);
        expect(res.body).not.toContain('Mijn moeder vergeet');
      }
      const api = await app.inject({ url: `/api/v1/me/care-relationships/${id}`, headers: { cookie: person.cookie } });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
      const plan = await app.inject({ url: `/api/v1/me/care-relationships/${id}/support-plan`, headers: { cookie: person.cookie } });
      expect(plan.statusCode).toBe(404);
      const form = await openForm(app, '/mijn-zorg/nieuw', person.cookie);
      for (const [action, fields] of [
        ['/wijzigen', { ...goodRelationship, caredForName: 'gestolen' }],
        ['/netwerk', { kind: 'friend', name: 'indringer' }],
        ['/delen', { organisationId: ids.steunpunt, validUntil: addYears(today(), 1) }],
        ['/beeindigen', {}],
        ['/verandering', { kind: 'moving' }],
        ['/keukentafel', { whatIDo: 'ingevuld door een ander' }],
      ] as const) {
        const res = await form.submit(`/mijn-zorg/${id}${action}`, fields as Record<string, string>);
        expect(res.statusCode, action).toBe(404);
      }
    }
    const [row] = await rows('select cared_for_name, ended_at from care_relationships where id = $1', [id]);
    expect(row).toEqual({ cared_for_name: 'mama', ended_at: null });
    expect(await count('care_network_members', 'care_relationship_id = $1', [id])).toBe(0);
    expect(await count('situation_changes', 'care_relationship_id = $1', [id])).toBe(0);
    expect(await count('kitchen_table_preparations', 'care_relationship_id = $1', [id])).toBe(0);
    expect(await count('support_cases', 'care_relationship_id = $1', [id])).toBe(0);
  });

  it('as staff gets no caregiver pages', async () => {
    const staff = await signedInPerson(t, {
      memberships: [{ tenantId: ids.a, organisationId: ids.steunpunt, roles: ['supportConsultant'] }],
    });
    const res = await app.inject({ url: '/mijn-zorg', headers: { cookie: staff.cookie } });
    expect(res.statusCode).toBe(403);
    const api = await app.inject({ url: '/api/v1/me/care-relationships', headers: { cookie: staff.cookie } });
    expect(api.statusCode).toBe(403);
  });
});

describe('sharing with the support centre', () => {
  it('gives a consent and opens one support case; withdrawal in Mijn gegevens stops it from the next request', async () => {
    const dirk = await caregiver(ids.a, 'Dirk');
    const id = await newRelationship(dirk);
    const form = await openForm(app, `/mijn-zorg/${id}/delen`, dirk.cookie);
    const page = form.page.body;
    // Support centres come first, and the support centre is chosen already.
    expect(page.indexOf('Steunpunt Mantelzorg Zorgdorp')).toBeLessThan(page.indexOf('Welzijn Zorgdorp'));
    expect(page).toMatch(new RegExp(`value="${ids.steunpunt}"[^>]*checked`));
    expect(page).toContain(`value="${addYears(today(), 2)}"`);

    const bad = await form.submit(`/mijn-zorg/${id}/delen`, { organisationId: '', validUntil: '01-01-2000' });
    expectErrorPage(bad, ['organisationId', 'validUntil']);
    expect(bad.body).toContain('value="01-01-2000"');
    expect(await count('consents', 'person_id = $1', [dirk.accountId])).toBe(0);
    await expect(consultantReads(dirk.accountId)).rejects.toMatchObject({ status: 403 });

    const until = addYears(today(), 1);
    const good = await form.submit(`/mijn-zorg/${id}/delen`, { organisationId: ids.steunpunt, validUntil: until });
    expect(good.statusCode).toBe(303);
    const notice = await app.inject({ url: good.headers.location as string, headers: { cookie: dirk.cookie } });
    expect(notice.body).toContain('Steunpunt Mantelzorg Zorgdorp mag nu meekijken');
    const [consent] = await rows(
      `select id, data_category, purpose, recipient_organisation_id, given_how, valid_until > now() + interval '360 days' as long_enough
       from consents where person_id = $1`,
      [dirk.accountId],
    );
    expect(consent).toMatchObject({
      data_category: 'careRelationship',
      purpose: 'support',
      recipient_organisation_id: ids.steunpunt,
      given_how: 'online',
      long_enough: true,
    });
    expect(await rows('select status, organisation_id from support_cases where care_relationship_id = $1', [id])).toEqual([
      { status: 'new', organisation_id: ids.steunpunt },
    ]);
    await expect(consultantReads(dirk.accountId)).resolves.toMatchObject({ recipientOrganisationId: ids.steunpunt });
    // Sharing again does not open a second case.
    await form.submit(`/mijn-zorg/${id}/delen`, { organisationId: ids.steunpunt, validUntil: until });
    expect(await count('support_cases', 'care_relationship_id = $1', [id])).toBe(1);
    const home = await app.inject({ url: '/mijn-zorg', headers: { cookie: dirk.cookie } });
    expect(home.body).toContain('Dit ziet: Steunpunt Mantelzorg Zorgdorp.');

    // Withdrawal from Mijn gegevens: both consents of this kind end, and the next read is refused.
    const privacy = await openForm(app, '/mijn-gegevens', dirk.cookie);
    for (const c of await rows('select id from consents where person_id = $1 and withdrawn_at is null', [dirk.accountId])) {
      const res = await privacy.submit(`/mijn-gegevens/toestemmingen/${c.id}/intrekken`, {});
      expect(res.statusCode).toBe(303);
    }
    await expect(consultantReads(dirk.accountId)).rejects.toMatchObject({ status: 403 });
    const support = await app.inject({ url: `/mijn-zorg/${id}/ondersteuning`, headers: { cookie: dirk.cookie } });
    expect(support.body).toContain('U deelt dit niet meer met Steunpunt Mantelzorg Zorgdorp.');
    const api = await app.inject({ url: `/api/v1/me/care-relationships/${id}/support-plan`, headers: { cookie: dirk.cookie } });
    expect(api.json()).toEqual({ items: [] });
  });
});

describe('the caregiver’s view of their support', () => {
  let eva: TestPerson;
  let id = '';
  let caseId = '';
  beforeAll(async () => {
    eva = await caregiver(ids.a, 'Eva');
    id = await newRelationship(eva);
    const form = await openForm(app, `/mijn-zorg/${id}/delen`, eva.cookie);
    await form.submit(`/mijn-zorg/${id}/delen`, { organisationId: ids.steunpunt, validUntil: addYears(today(), 2) });
    await asOwner(t.ownerUrl, async (c) => {
      caseId = (await c.query('select id from support_cases where care_relationship_id = $1', [id])).rows[0].id;
      await c.query(`update support_cases set consultant_id = $2, status = 'active' where id = $1`, [caseId, ids.consultant]);
      const goal = (
        await c.query(
          `insert into support_goals (tenant_id, case_id, form, goal, status) values ($1, $2, 'respite', 'Eén middag per week vrij', 'inProgress') returning id`,
          [ids.a, caseId],
        )
      ).rows[0].id;
      await c.query(
        `insert into support_actions (tenant_id, case_id, goal_id, description, who, who_name, due_on)
         values ($1, $2, $3, 'Kennismaken met een vrijwilliger', 'volunteer', 'De Schakel', current_date + 7)`,
        [ids.a, caseId, goal],
      );
      await c.query(
        `insert into case_notes (tenant_id, case_id, author_id, visibility, body) values
           ($1, $2, $3, 'shared', 'Fijn dat we elkaar spraken.'), ($1, $2, $3, 'team', 'Interne aantekening voor het team')`,
        [ids.a, caseId, ids.consultant],
      );
      await c.query(
        `insert into follow_ups (tenant_id, case_id, due_on, purpose) values ($1, $2, current_date + 30, 'Samen kijken hoe het gaat')`,
        [ids.a, caseId],
      );
    });
  });

  it('shows the plan in the four forms in plain words, shared notes only, dates, the consultant and what changed', async () => {
    const res = await app.inject({ url: `/mijn-zorg/${id}/ondersteuning`, headers: { cookie: eva.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Uw consulent: Sanne Consulent');
    expect(res.body).toContain('Even vrij: iemand neemt de zorg over');
    expect(res.body).toContain('Eén middag per week vrij (bezig)');
    expect(res.body).toContain('Kennismaken met een vrijwilliger. Wie: een vrijwilliger (De Schakel).');
    expect(res.body).toContain('Fijn dat we elkaar spraken.');
    expect(res.body).not.toContain('Interne aantekening');
    expect(res.body).toContain('Samen kijken hoe het gaat');
    expect(res.body).toContain('Uw consulent heeft een doel toegevoegd: Eén middag per week vrij');
    const home = await app.inject({ url: '/mijn-zorg', headers: { cookie: eva.cookie } });
    expect(home.body).toContain('Kennismaken met een vrijwilliger');
    expect(home.body).toContain('Volgende keer dat u samen kijkt hoe het gaat');
    expect(home.body).toContain('Fijn dat we elkaar spraken.');
    expect(home.body).not.toContain('Interne aantekening');
    expect((await logOf(eva.accountId)).map((l) => l.event_code)).toContain('supportPlan.read');

    const api = await app.inject({ url: `/api/v1/me/care-relationships/${id}/support-plan`, headers: { cookie: eva.cookie } });
    expect(api.statusCode).toBe(200);
    const plan = api.json() as { items: { goals: { form: string }[]; sharedNotes: { body: string }[] }[] };
    expect(plan.items[0]?.goals).toEqual([expect.objectContaining({ form: 'respite', status: 'inProgress' })]);
    expect(plan.items[0]?.sharedNotes.map((n) => n.body)).toEqual(['Fijn dat we elkaar spraken.']);
  });

  it('asks for another consultant: marked on the case with a signal', async () => {
    const form = await openForm(app, `/mijn-zorg/${id}/ondersteuning`, eva.cookie);
    const bad = await form.submit(`/mijn-zorg/${id}/ondersteuning/${caseId}/andere-consulent`, { reason: 'x'.repeat(1200) });
    expectErrorPage(bad, ['reason']);
    expect(await count('support_signals', 'case_id = $1', [caseId])).toBe(0);
    const res = await form.submit(`/mijn-zorg/${id}/ondersteuning/${caseId}/andere-consulent`, { reason: 'Het klikt niet.' });
    expect(res.statusCode).toBe(303);
    const [k] = await rows('select consultant_change_requested_at, consultant_change_reason from support_cases where id = $1', [caseId]);
    expect(k?.consultant_change_requested_at).not.toBeNull();
    expect(k?.consultant_change_reason).toBe('Het klikt niet.');
    expect(await rows('select kind from support_signals where case_id = $1', [caseId])).toEqual([{ kind: 'consultantChangeRequested' }]);
    const page = await app.inject({ url: res.headers.location as string, headers: { cookie: eva.cookie } });
    expect(page.body).toContain('Uw vraag is doorgegeven.');
  });

  it('reports a change in the situation, with a signal for the open case', async () => {
    const form = await openForm(app, `/mijn-zorg/${id}/ondersteuning`, eva.cookie);
    const bad = await form.submit(`/mijn-zorg/${id}/verandering`, { kind: 'other', description: '' });
    expectErrorPage(bad, ['description']);
    expect(await count('situation_changes', 'care_relationship_id = $1', [id])).toBe(0);
    const res = await form.submit(`/mijn-zorg/${id}/verandering`, { kind: 'illnessProgress', description: 'Ze valt vaker.' });
    expect(res.statusCode).toBe(303);
    expect(
      await rows('select kind, reporter_role, reported_by, description from situation_changes where care_relationship_id = $1', [id]),
    ).toEqual([{ kind: 'illnessProgress', reporter_role: 'caregiver', reported_by: eva.accountId, description: 'Ze valt vaker.' }]);
    expect(await count('support_signals', `case_id = $1 and kind = 'situationChanged'`, [caseId])).toBe(1);
  });
});

describe('the keukentafelgesprek', () => {
  it('prepares, prints (logged), asks for independent support, shares with the Wmo desk and shows the agreements', async () => {
    const fleur = await caregiver(ids.a, 'Fleur');
    const id = await newRelationship(fleur);
    const form = await openForm(app, `/mijn-zorg/${id}/keukentafel`, fleur.cookie);
    const bad = await form.submit(`/mijn-zorg/${id}/keukentafel`, {
      whatIDo: '',
      canAndWant: '',
      limits: '',
      needs: '',
      conversationOn: '31-02-2026',
    });
    expectErrorPage(bad, ['whatIDo', 'conversationOn']);
    expect(bad.body).toContain('value="31-02-2026"');
    expect(await count('kitchen_table_preparations', 'care_relationship_id = $1', [id])).toBe(0);

    const saved = await form.submit(`/mijn-zorg/${id}/keukentafel`, {
      whatIDo: 'Ik doe de boodschappen en de was.',
      canAndWant: 'Koken wil ik blijven doen.',
      limits: 'De nachten lukken niet meer.',
      needs: 'Eén nacht per week rust.',
      conversationOn: addYears(today(), 0),
    });
    expect(saved.statusCode).toBe(303);

    const print = await app.inject({ url: `/mijn-zorg/${id}/keukentafel/afdrukken`, headers: { cookie: fleur.cookie } });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('De nachten lukken niet meer.');
    expect(print.body).toContain('/assets/print.css');
    expect((await logOf(fleur.accountId)).filter((l) => l.action === 'print').map((l) => l.event_code)).toEqual([
      'kitchenTablePreparation.print',
    ]);

    const asked = await form.submit(`/mijn-zorg/${id}/keukentafel/ondersteuning`, { gevraagd: 'ja' });
    expect(asked.statusCode).toBe(303);
    expect(
      (await rows('select support_requested_at from kitchen_table_preparations where care_relationship_id = $1', [id]))[0]
        ?.support_requested_at,
    ).not.toBeNull();

    const badShare = await form.submit(`/mijn-zorg/${id}/keukentafel/delen`, { validUntil: 'morgen' });
    expectErrorPage(badShare, ['validUntil']);
    const shared = await form.submit(`/mijn-zorg/${id}/keukentafel/delen`, { validUntil: addYears(today(), 1) });
    expect(shared.statusCode).toBe(303);
    expect(
      await rows(`select data_category, purpose, recipient_organisation_id from consents where person_id = $1`, [fleur.accountId]),
    ).toEqual([{ data_category: 'kitchenTablePreparation', purpose: 'wmoAssessment', recipient_organisation_id: ids.wmo }]);

    await asOwner(t.ownerUrl, async (c) => {
      const prep = (await c.query('select id from kitchen_table_preparations where care_relationship_id = $1', [id])).rows[0].id;
      await c.query(
        `insert into kitchen_table_agreements (tenant_id, preparation_id, who, contribution, evaluation) values ($1, $2, 'volunteer', 'Een vrijwilliger waakt één nacht per week', 'partlyKept')`,
        [ids.a, prep],
      );
    });
    const page = await app.inject({ url: `/mijn-zorg/${id}/keukentafel`, headers: { cookie: fleur.cookie } });
    expect(page.body).toContain('een vrijwilliger: Een vrijwilliger waakt één nacht per week');
    expect(page.body).toContain('Dit ging voor een deel zoals afgesproken.');
    expect(page.body).toContain('Gemeente Zorgdorp, Wmo-loket mag uw voorbereiding lezen');
  });

  it('shares the preparation with the consultant of the organisation that supports the relationship, and with no other', async () => {
    const ilse = await caregiver(ids.a, 'Ilse');
    const id = await newRelationship(ilse);
    // The support centre may see the care (an open case); the welfare organisation may too, but its case is closed.
    const delen = await openForm(app, `/mijn-zorg/${id}/delen`, ilse.cookie);
    for (const organisationId of [ids.steunpunt, ids.welzijn]) {
      const res = await delen.submit(`/mijn-zorg/${id}/delen`, { organisationId, validUntil: addYears(today(), 2) });
      expect(res.statusCode).toBe(303);
    }
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update support_cases set status = 'closed', closed_at = now() where care_relationship_id = $1 and organisation_id = $2`, [
        id,
        ids.welzijn,
      ]),
    );
    const caseId = (
      await rows('select id from support_cases where care_relationship_id = $1 and organisation_id = $2', [id, ids.steunpunt])
    )[0]?.id as string;
    const consultant = await signedInPerson(t, {
      name: 'Consulent Steunpunt',
      memberships: [{ tenantId: ids.a, organisationId: ids.steunpunt, roles: ['supportConsultant'] }],
    });
    const casePage = () => app.inject({ url: `/werkplek/dossiers/${caseId}`, headers: { cookie: consultant.cookie } });

    const form = await openForm(app, `/mijn-zorg/${id}/keukentafel`, ilse.cookie);
    const saved = await form.submit(`/mijn-zorg/${id}/keukentafel`, {
      whatIDo: 'Ik regel alle afspraken bij de dokter.',
      needs: 'Iemand die met mij meegaat naar het gesprek.',
    });
    expect(saved.statusCode).toBe(303);
    expect((await form.submit(`/mijn-zorg/${id}/keukentafel/ondersteuning`, { gevraagd: 'ja' })).statusCode).toBe(303);

    // The page offers the Wmo desk and the support centre's consultant; not the welfare organisation (closed case).
    const page = await app.inject({ url: `/mijn-zorg/${id}/keukentafel`, headers: { cookie: ilse.cookie } });
    expect(page.body).toContain(
      'Uw consulent van Steunpunt Mantelzorg Zorgdorp mag uw voorbereiding zien, zodat hij of zij u kan helpen bij het gesprek.',
    );
    expect(page.body).toMatch(new RegExp(`type="radio"[^>]*value="${ids.wmo}"[^>]*checked`));
    expect(page.body).toMatch(new RegExp(`type="radio"[^>]*value="${ids.steunpunt}"`));
    expect(page.body).not.toContain(`value="${ids.welzijn}"`);
    expect(page.body).toContain('Nu mag nog niemand uw voorbereiding zien.');

    // Before sharing, the consultant sees the case but not the preparation.
    const before = await casePage();
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('De mantelzorger heeft de voorbereiding niet met uw organisatie gedeeld.');
    expect(before.body).not.toContain('Ik regel alle afspraken bij de dokter.');

    // An organisation that does not support this relationship cannot be chosen: error summary, values kept, nothing stored.
    const consentsBefore = await count('consents', 'person_id = $1', [ilse.accountId]);
    const later = addYears(today(), 3);
    for (const organisationId of [ids.welzijn, ids.steunpuntB, '', 'geen-organisatie']) {
      const bad = await form.submit(`/mijn-zorg/${id}/keukentafel/delen`, { organisationId, validUntil: later });
      expectErrorPage(bad, ['organisationId']);
      expect(bad.body).toContain('Kies wie uw voorbereiding mag zien');
      expect(bad.body).toContain(`value="${later}"`);
    }
    expect(await count('consents', 'person_id = $1', [ilse.accountId])).toBe(consentsBefore);

    const good = await form.submit(`/mijn-zorg/${id}/keukentafel/delen`, { organisationId: ids.steunpunt, validUntil: later });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe(`/mijn-zorg/${id}/keukentafel?klaar=gedeeld-consulent`);
    expect(
      await rows(
        `select data_category, purpose, recipient_organisation_id, given_how from consents
         where person_id = $1 and data_category = 'kitchenTablePreparation'`,
        [ilse.accountId],
      ),
    ).toEqual([
      { data_category: 'kitchenTablePreparation', purpose: 'support', recipient_organisation_id: ids.steunpunt, given_how: 'online' },
    ]);
    expect(await count('consents', 'person_id = $1', [ilse.accountId])).toBe(consentsBefore + 1);
    const notice = await app.inject({ url: good.headers.location as string, headers: { cookie: ilse.cookie } });
    expect(notice.body).toContain('Uw consulent mag uw voorbereiding nu zien.');
    expect(notice.body).toContain('Uw consulent van Steunpunt Mantelzorg Zorgdorp mag uw voorbereiding zien, tot ');
    expect(notice.body).toContain('Intrekken doet u bij');

    // Now the consultant of that organisation sees it on the case page.
    const after = await casePage();
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Ik regel alle afspraken bij de dokter.');
    expect(after.body).toContain('Iemand die met mij meegaat naar het gesprek.');
    expect(after.body).toContain('De mantelzorger vraagt om onafhankelijke ondersteuning bij het gesprek.');
    expect(after.body).not.toContain('De mantelzorger heeft de voorbereiding niet met uw organisatie gedeeld.');

    // Sharing with the Wmo desk as well gives its own consent; both show with their end dates.
    const wmo = await form.submit(`/mijn-zorg/${id}/keukentafel/delen`, { organisationId: ids.wmo, validUntil: later });
    expect(wmo.headers.location).toBe(`/mijn-zorg/${id}/keukentafel?klaar=gedeeld`);
    const both = await app.inject({ url: `/mijn-zorg/${id}/keukentafel`, headers: { cookie: ilse.cookie } });
    expect(both.body).toContain('Gemeente Zorgdorp, Wmo-loket mag uw voorbereiding lezen, tot ');
    expect(both.body).toContain('Uw consulent van Steunpunt Mantelzorg Zorgdorp mag uw voorbereiding zien, tot ');

    // Withdrawn in Mijn gegevens: the consultant no longer sees it.
    const [prep] = await rows(
      `select id from consents where person_id = $1 and data_category = 'kitchenTablePreparation' and purpose = 'support'`,
      [ilse.accountId],
    );
    const privacy = await openForm(app, '/mijn-gegevens', ilse.cookie);
    expect((await privacy.submit(`/mijn-gegevens/toestemmingen/${prep?.id}/intrekken`, {})).statusCode).toBe(303);
    const withdrawn = await casePage();
    expect(withdrawn.body).toContain('De mantelzorger heeft de voorbereiding niet met uw organisatie gedeeld.');
    expect(withdrawn.body).not.toContain('Ik regel alle afspraken bij de dokter.');
  });

  it('asks a caregiver under 16 for a parent or guardian before sharing with the consultant', async () => {
    const jonge = await caregiver(ids.a, 'Jonge mantelzorger');
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update accounts set birth_date = current_date - interval '13 years' where id = $1`, [jonge.accountId]),
    );
    const id = await newRelationship(jonge);
    const delen = await openForm(app, `/mijn-zorg/${id}/delen`, jonge.cookie);
    const shared = await delen.submit(`/mijn-zorg/${id}/delen`, {
      organisationId: ids.steunpunt,
      validUntil: addYears(today(), 2),
      guardianName: 'Mijn moeder',
      guardianConfirmed: 'ja',
    });
    expect(shared.statusCode).toBe(303);
    const form = await openForm(app, `/mijn-zorg/${id}/keukentafel`, jonge.cookie);
    expect(form.page.body).toContain('name="guardianName"');
    const until = addYears(today(), 1);
    const bad = await form.submit(`/mijn-zorg/${id}/keukentafel/delen`, { organisationId: ids.steunpunt, validUntil: until });
    expectErrorPage(bad, ['guardianName', 'guardianConfirmed']);
    expect(await count('consents', `person_id = $1 and data_category = 'kitchenTablePreparation'`, [jonge.accountId])).toBe(0);
    const good = await form.submit(`/mijn-zorg/${id}/keukentafel/delen`, {
      organisationId: ids.steunpunt,
      validUntil: until,
      guardianName: 'Mijn moeder',
      guardianConfirmed: 'ja',
    });
    expect(good.statusCode).toBe(303);
    expect(
      await rows(
        `select purpose, recipient_organisation_id, guardian_name, guardian_confirmed_at is not null as confirmed from consents
         where person_id = $1 and data_category = 'kitchenTablePreparation'`,
        [jonge.accountId],
      ),
    ).toEqual([{ purpose: 'support', recipient_organisation_id: ids.steunpunt, guardian_name: 'Mijn moeder', confirmed: true }]);
  });
});

describe('the API', () => {
  it('creates, reads, replaces and lists care relationships with problem+json for bad input', async () => {
    const gijs = await caregiver(ids.a, 'Gijs');
    const page = await app.inject({ url: '/mijn-zorg/nieuw', headers: { cookie: gijs.cookie } });
    const cookie = [gijs.cookie, cookieHeader(page.headers['set-cookie'])].join('; ');
    const headers = { cookie, 'x-csrf-token': csrfFrom(page.body), 'content-type': 'application/json' };
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/me/care-relationships',
      headers,
      payload: { caredForName: '', ageBand: 'old', relation: 'parent' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((bad.json() as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual(
      expect.arrayContaining(['body.caredForName', 'body.ageBand']),
    );
    const future = await app.inject({
      method: 'POST',
      url: '/api/v1/me/care-relationships',
      headers,
      payload: { caredForName: 'oma', ageBand: '80plus', relation: 'otherFamily', caringSince: addYears(today(), 1) },
    });
    expect(future.statusCode).toBe(400);
    expect(await count('care_relationships', 'caregiver_id = $1', [gijs.accountId])).toBe(0);

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/me/care-relationships',
      headers,
      payload: {
        caredForName: 'oma',
        ageBand: '80plus',
        relation: 'otherFamily',
        tasks: ['transport'],
        network: [{ kind: 'neighbour', name: 'buurvrouw' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json() as { id: string; municipalityCode: string; network: { name: string }[] };
    expect(created.headers.location).toBe(`/api/v1/me/care-relationships/${body.id}`);
    expect(body.municipalityCode).toBe('GM9301');
    expect(body.network.map((n) => n.name)).toEqual(['buurvrouw']);

    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/v1/me/care-relationships/${body.id}`,
      headers,
      payload: { caredForName: 'oma Jo', ageBand: '80plus', relation: 'otherFamily', hoursPerWeek: 6, network: [] },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ caredForName: 'oma Jo', hoursPerWeek: 6, network: [] });
    const list = await app.inject({ url: '/api/v1/me/care-relationships', headers: { cookie } });
    expect((list.json() as { items: { caredForName: string }[] }).items.map((r) => r.caredForName)).toEqual(['oma Jo']);
    const one = await app.inject({ url: `/api/v1/me/care-relationships/${body.id}`, headers: { cookie } });
    expect(one.statusCode).toBe(200);
    const openapi = await app.inject({ url: '/api/v1/openapi.json' });
    expect(Object.keys((openapi.json() as { paths: Record<string, unknown> }).paths)).toEqual(
      expect.arrayContaining(['/me/care-relationships', '/me/care-relationships/{id}', '/me/care-relationships/{id}/support-plan']),
    );
  });
});

describe('Mijn gegevens with care data', () => {
  it('shows, downloads and prints the care data, and erasure removes it while the access log stays', async () => {
    const hanna = await caregiver(ids.a, 'Hanna');
    const id = await newRelationship(hanna);
    const form = await openForm(app, `/mijn-zorg/${id}`, hanna.cookie);
    await form.submit(`/mijn-zorg/${id}/netwerk`, { kind: 'friend', name: 'vriendin Ans' });
    await form.submit(`/mijn-zorg/${id}/delen`, { organisationId: ids.steunpunt, validUntil: addYears(today(), 2) });
    await form.submit(`/mijn-zorg/${id}/keukentafel`, { whatIDo: 'Alles regelen.' });

    const overview = await app.inject({ url: '/mijn-gegevens', headers: { cookie: hanna.cookie } });
    expect(overview.body).toContain('Wat u vertelde over de zorg');
    expect(overview.body).toContain('U zorgt voor mama (mijn vader of moeder).');

    const download = await app.inject({ url: '/mijn-gegevens/download.json', headers: { cookie: hanna.cookie } });
    const data = download.json() as {
      municipalities: {
        care: {
          relationships: {
            caredForName: string;
            network: { name: string }[];
            support: { organisationName: string }[];
            kitchenTable: { whatIDo: string };
          }[];
        };
      }[];
    };
    const relationship = data.municipalities.flatMap((m) => m.care.relationships)[0];
    expect(relationship?.caredForName).toBe('mama');
    expect(relationship?.network.map((n) => n.name)).toEqual(['vriendin Ans']);
    expect(relationship?.support.map((s) => s.organisationName)).toEqual(['Steunpunt Mantelzorg Zorgdorp']);
    expect(relationship?.kitchenTable.whatIDo).toBe('Alles regelen.');
    const print = await app.inject({ url: '/mijn-gegevens/afdrukken', headers: { cookie: hanna.cookie } });
    expect(print.body).toContain('U zorgt voor mama');
    expect(print.body).toContain('vriendin Ans');

    const logLines = (await logOf(hanna.accountId)).length;
    const erase = await openForm(app, '/mijn-gegevens/verwijderen', hanna.cookie);
    expect(erase.page.body).toContain('Wat u vertelde over de zorg');
    const done = await erase.submit('/mijn-gegevens/verwijderen', { bevestig: 'ja' });
    expect(done.statusCode).toBe(200);
    expect(await count('care_relationships', 'caregiver_id = $1', [hanna.accountId])).toBe(0);
    expect(await count('care_network_members', 'care_relationship_id = $1', [id])).toBe(0);
    expect(await count('support_cases', 'care_relationship_id = $1', [id])).toBe(0);
    expect(await count('kitchen_table_preparations', 'care_relationship_id = $1', [id])).toBe(0);
    expect((await logOf(hanna.accountId)).length).toBeGreaterThan(logLines);
  });
});
