import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { openForm } from '../../../tests/support/forms.ts';
import { signedInPerson, type TestPerson } from '../../../tests/support/people.ts';
import { giveConsent, withdrawConsent } from '../../platform/consent/consent.ts';
import { inContext } from '../../platform/db/context.ts';
import { runCli } from '../../server/cli.ts';
import * as organisations from '../organisations/organisations.service.ts';
import * as service from './balance-check.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const ids = { tenant: '', centre: '', welfare: '', other: '' };
let carer: TestPerson;
let neighbour: TestPerson;
const rel = { mother: '', partner: '', neighbours: '' };
const cases = { centre: '', welfare: '' };
const system = { kind: 'system', name: 'test' } as const;

const owner = <T>(work: (c: import('pg').Client) => Promise<T>) => asOwner(t.ownerUrl, work);
const count = (table: string) => owner(async (c) => Number((await c.query(`select count(*) as n from ${table}`)).rows[0].n));
const csiAnswers = (yes: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`q${i + 1}`, i < yes ? 'ja' : 'nee']));
const relationship = async (tenantId: string, caregiverId: string, name: string) =>
  owner(async (c) => {
    const { rows } = await c.query(
      `insert into care_relationships (tenant_id, caregiver_id, cared_for_name, cared_for_age_band, relation) values ($1, $2, $3, '80plus', 'parent') returning id`,
      [tenantId, caregiverId, name],
    );
    return rows[0].id as string;
  });
const record = (careRelationshipId: string, yes: number, key = 'csi', answers?: Record<string, string>) =>
  inContext(t.db, { tenantId: ids.tenant, actor: system }, (ctx) =>
    service.recordBalanceCheck(ctx, {
      personId: carer.accountId,
      careRelationshipId,
      instrumentKey: key,
      answers: answers ?? csiAnswers(yes),
      recordedBy: null,
    }),
  );
const signals = (caseId: string) =>
  owner(async (c) =>
    (await c.query('select kind from support_signals where case_id = $1 order by created_at', [caseId])).rows.map((r) => r.kind),
  );
const burden = (caseId: string) =>
  owner(async (c) => (await c.query('select burden_level from support_cases where id = $1', [caseId])).rows[0].burden_level as string);

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    ids.tenant = (await organisations.addMunicipality(ctx, { code: 'GM9101', name: 'Balansdorp' })).municipality.id;
    await organisations.addMunicipality(ctx, { code: 'GM9102', name: 'Verweg' });
    ids.centre = (
      await organisations.addOrganisation(ctx, { name: 'Steunpunt Balansdorp', kind: 'supportCentre', municipalityCodes: ['GM9101'] })
    ).organisation.id;
    ids.welfare = (
      await organisations.addOrganisation(ctx, { name: 'Welzijn Balansdorp', kind: 'welfare', municipalityCodes: ['GM9101'] })
    ).organisation.id;
    ids.other = (
      await organisations.addOrganisation(ctx, { name: 'Welzijn Verweg', kind: 'welfare', municipalityCodes: ['GM9102'] })
    ).organisation.id;
  });
  const caregiver = [{ tenantId: ids.tenant, organisationId: null, roles: ['caregiver' as const] }];
  carer = await signedInPerson(t, { kind: 'resident', memberships: caregiver, activeTenantId: ids.tenant });
  neighbour = await signedInPerson(t, { kind: 'resident', memberships: caregiver, activeTenantId: ids.tenant });
  rel.mother = await relationship(ids.tenant, carer.accountId, 'Moeder');
  rel.partner = await relationship(ids.tenant, carer.accountId, 'Jan');
  rel.neighbours = await relationship(ids.tenant, neighbour.accountId, 'Vader van de buurvrouw');
  await owner(async (c) => {
    const insert = `insert into support_cases (tenant_id, care_relationship_id, organisation_id) values ($1, $2, $3) returning id`;
    cases.centre = (await c.query(insert, [ids.tenant, rel.mother, ids.centre])).rows[0].id;
    cases.welfare = (await c.query(insert, [ids.tenant, rel.mother, ids.welfare])).rows[0].id;
  });
  await inContext(t.db, { tenantId: ids.tenant, actor: system }, (ctx) =>
    giveConsent(ctx, {
      personId: carer.accountId,
      dataCategory: 'careRelationship',
      purpose: 'support',
      organisationId: ids.centre,
      givenHow: 'online',
      validUntil: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    }),
  );
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the balance check pages', () => {
  it('list EDIZ and CSI with their source, and start each', async () => {
    const res = await app.inject({ url: '/balanscheck' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ervaren druk door de zorg (EDIZ)');
    expect(res.body).toContain('Belasting door de zorg (CSI)');
    expect(res.body).toContain('Pot, Van Dyck &amp; Deeg (1995)');
    expect(res.body).toContain('href="/balanscheck/csi"');
    const form = await app.inject({ url: '/balanscheck/csi' });
    expect(form.statusCode).toBe(200);
    expect(form.body.match(/<fieldset/g)).toHaveLength(13);
    expect(form.body).toContain('Het gedrag van mijn man/vrouw maakt me soms van streek.');
    expect(form.body).toContain('Robinson (1983)');
    const ediz = await app.inject({ url: '/balanscheck/ediz' });
    expect(ediz.body).toContain('Geef aan of de afgelopen paar weken de volgende stellingen op u van toepassing waren:');
    expect(ediz.body).toContain('>Min of meer</label>');
  });

  it('in English keep the Dutch questions, marked as Dutch, and say why', async () => {
    const res = await app.inject({ url: '/balanscheck/csi?lang=en' });
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('This questionnaire was tested in Dutch');
    expect(res.body).toContain('<span lang="nl">Mijn nachtrust is verstoord.</span>');
  });

  it('say so for an instrument that does not exist', async () => {
    const res = await app.inject({ url: '/balanscheck/zarit' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Deze vragenlijst bestaat niet');
  });

  it('come back with an error summary for every unanswered question, the given answers kept, and store nothing', async () => {
    const before = await count('balance_check_results');
    const form = await openForm(app, '/balanscheck/csi');
    const res = await form.submit('/balanscheck/csi', { versie: '1', q1: 'ja', q2: 'nee', q4: 'ja' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fout: Belasting door de zorg (CSI)');
    const start = res.body.indexOf('error-summary-title');
    const summary = res.body.slice(start, res.body.indexOf('</ul>', start));
    expect([...summary.matchAll(/href="#(\w+)"/g)].map((m) => m[1])).toEqual([
      'q3',
      'q5',
      'q6',
      'q7',
      'q8',
      'q9',
      'q10',
      'q11',
      'q12',
      'q13',
    ]);
    expect(summary).toContain('Kies een antwoord bij vraag 3');
    expect(res.body).toMatch(/id="q1" name="q1" value="ja" checked/);
    expect(res.body).toMatch(/id="q2-nee" name="q2" value="nee" checked/);
    expect(res.body).toMatch(/id="q4" name="q4" value="ja" checked/);
    expect(res.body).toContain('id="q3-error"');
    expect(await count('balance_check_results')).toBe(before);
  });

  it('explain an anonymous result in plain words with what could help and the source, and store nothing', async () => {
    const before = { results: await count('balance_check_results'), log: await count('access_log') };
    const form = await openForm(app, '/balanscheck/csi');
    const res = await form.submit('/balanscheck/csi', { versie: '1', ...csiAnswers(8) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Uw score is 8 van de 13.');
    expect(res.body).toContain('7 keer ja of vaker');
    expect(res.body).toContain('Dit is geen diagnose');
    expect(res.body).toContain('Wacht niet te lang met hulp vragen.');
    expect(res.body).toContain('href="/sociale-kaart"');
    expect(res.body).toContain('href="/gemeenten"');
    expect(res.body).toContain('Robinson (1983)');
    expect(res.body).toContain('Wij hebben uw antwoorden niet bewaard.');
    expect(res.body).not.toContain('/bewaren');
    expect(await count('balance_check_results')).toBe(before.results);
    expect(await count('access_log')).toBe(before.log);
  });

  it('make no overload claim for EDIZ, whatever the score', async () => {
    const form = await openForm(app, '/balanscheck/ediz');
    const all = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, 'zekerJa']));
    const res = await form.submit('/balanscheck/ediz', { versie: '1', ...all });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Uw score is 9 van de 9.');
    expect(res.body).toContain('geen vaste grens');
    expect(res.body).not.toContain('Wacht niet te lang');
  });
});

describe('keeping a result', () => {
  it('offers a signed-in caregiver only their own care relationships', async () => {
    const form = await openForm(app, '/balanscheck/csi', carer.cookie);
    const res = await form.submit('/balanscheck/csi', { versie: '1', ...csiAnswers(3) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('action="/balanscheck/csi/bewaren"');
    expect(res.body).toContain(`value="${rel.mother}"`);
    expect(res.body).toContain('>Moeder</label>');
    expect(res.body).not.toContain(rel.neighbours);
  });

  it('asks whose care it is about when none was chosen, keeping the answers', async () => {
    const before = await count('balance_check_results');
    const form = await openForm(app, '/balanscheck/csi', carer.cookie);
    const res = await form.submit('/balanscheck/csi/bewaren', { versie: '1', ...csiAnswers(3) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kies voor wie u zorgt');
    expect(res.body).toContain('name="q3" value="ja"');
    expect(await count('balance_check_results')).toBe(before);
  });

  it('stores it for their own relationship with key and version, logs it, and shows it over time', async () => {
    const before = await count('balance_check_results');
    const form = await openForm(app, '/balanscheck/csi', carer.cookie);
    const res = await form.submit('/balanscheck/csi/bewaren', { versie: '1', relatie: rel.partner, ...csiAnswers(5) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/mijn-zorg/balans?bewaard=ja');
    expect(await count('balance_check_results')).toBe(before + 1);
    const stored = await owner(
      async (c) =>
        (
          await c.query(
            'select instrument_key, instrument_version, score, band, above_threshold, recorded_by, answers from balance_check_results where care_relationship_id = $1',
            [rel.partner],
          )
        ).rows[0],
    );
    expect(stored).toMatchObject({
      instrument_key: 'csi',
      instrument_version: '1',
      score: 5,
      band: 'belowThreshold',
      above_threshold: false,
    });
    expect(stored.recorded_by).toBe(carer.accountId);
    expect(stored.answers).toEqual(csiAnswers(5));
    const line = await owner(
      async (c) =>
        (
          await c.query(`select action, user_id, record_part from access_log where event_code = 'balanceCheck.create' and person_id = $1`, [
            carer.accountId,
          ])
        ).rows,
    );
    expect(line).toContainEqual({ action: 'create', user_id: carer.accountId, record_part: 'balanceCheck.csi' });

    const page = await app.inject({ url: res.headers.location as string, headers: { cookie: carer.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('De uitkomst is bewaard.');
    expect(page.body).toContain('Zorg voor Jan');
    expect(page.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="relatie-\d+-csi-1-title relatie-\d+-csi-1-desc"/);
    expect(page.body).toContain('<desc id=');
    expect(page.body).toContain('5 van de 13');
    expect(page.body).not.toContain('<script');
    const reads = await owner(async (c) =>
      Number(
        (await c.query(`select count(*) as n from access_log where event_code = 'balanceCheck.read' and person_id = $1`, [carer.accountId]))
          .rows[0].n,
      ),
    );
    expect(reads).toBeGreaterThanOrEqual(1);
  });

  it('cannot target another resident’s relationship: 404, nothing stored', async () => {
    const before = await count('balance_check_results');
    const form = await openForm(app, '/balanscheck/csi', carer.cookie);
    const res = await form.submit('/balanscheck/csi/bewaren', { versie: '1', relatie: rel.neighbours, ...csiAnswers(9) });
    expect(res.statusCode).toBe(404);
    expect(await count('balance_check_results')).toBe(before);
    await expect(
      inContext(t.db, { tenantId: ids.tenant, actor: system }, (ctx) =>
        service.recordBalanceCheck(ctx, {
          personId: carer.accountId,
          careRelationshipId: rel.neighbours,
          instrumentKey: 'csi',
          answers: csiAnswers(9),
          recordedBy: null,
        }),
      ),
    ).rejects.toMatchObject({ status: 404 });
    expect(await count('balance_check_results')).toBe(before);
  });

  it('needs a session', async () => {
    const res = await app.inject({ url: '/mijn-zorg/balans' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/inloggen/);
  });
});

describe('the early warning', () => {
  it('goes to the consented organisation only: burden high and a signal at the threshold; nothing for the other', async () => {
    const recorded = await record(rel.mother, 8);
    expect(recorded.result).toMatchObject({ score: 8, band: 'overload', aboveThreshold: true, instrumentVersion: '1' });
    expect(await burden(cases.centre)).toBe('high');
    expect(await signals(cases.centre)).toEqual(['aboveThreshold']);
    expect(await burden(cases.welfare)).toBe('unknown');
    expect(await signals(cases.welfare)).toEqual([]);
  });

  it('raises a clear rise (3 points on the CSI) below the threshold, and not a smaller one', async () => {
    await record(rel.mother, 1);
    expect(await burden(cases.centre)).toBe('low');
    const before = (await signals(cases.centre)).length;
    await record(rel.mother, 3);
    expect((await signals(cases.centre)).length).toBe(before);
    await record(rel.mother, 6);
    expect((await signals(cases.centre)).slice(before)).toEqual(['clearRise']);
    expect(await signals(cases.welfare)).toEqual([]);
  });

  it('EDIZ sets no burden level (no cut-offs) but a rise of 2 points is a clear rise', async () => {
    const ediz = (n: number) => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, i < n ? 'ja' : 'nee']));
    await record(rel.mother, 0, 'ediz', ediz(2));
    const level = await burden(cases.centre);
    const before = (await signals(cases.centre)).length;
    await record(rel.mother, 0, 'ediz', ediz(3));
    expect((await signals(cases.centre)).length).toBe(before);
    await record(rel.mother, 0, 'ediz', ediz(5));
    expect((await signals(cases.centre)).slice(before)).toEqual(['clearRise']);
    expect(await burden(cases.centre)).toBe(level);
  });

  it('stops when the consent is withdrawn', async () => {
    const consent = await owner(
      async (c) =>
        (await c.query('select id from consents where person_id = $1 and recipient_organisation_id = $2', [carer.accountId, ids.centre]))
          .rows[0].id,
    );
    await inContext(t.db, { tenantId: ids.tenant, actor: system }, (ctx) =>
      withdrawConsent(ctx, { consentId: consent, personId: carer.accountId }),
    );
    const before = (await signals(cases.centre)).length;
    await owner((c) => c.query(`update support_cases set burden_level = 'moderate' where id = $1`, [cases.centre]));
    const recorded = await record(rel.mother, 12);
    expect(recorded.warnings).toEqual([]);
    expect((await signals(cases.centre)).length).toBe(before);
    expect(await burden(cases.centre)).toBe('moderate');
  });
});

describe('the API', () => {
  it('lists the instruments and gives one with its definition and source', async () => {
    const list = await app.inject({ url: '/api/v1/instruments' });
    expect(list.statusCode).toBe(200);
    expect(list.headers['api-version']).toBeDefined();
    const items = list.json().items as { key: string; threshold: number | null }[];
    expect(items.map((i) => [i.key, i.threshold])).toEqual([
      ['ediz', null],
      ['csi', 7],
    ]);
    const one = await app.inject({ url: '/api/v1/instruments/csi' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ key: 'csi', version: '1', minScore: 0, maxScore: 13, definition: { threshold: { score: 7 } } });
    expect(one.json().definition.items).toHaveLength(13);
    const missing = await app.inject({ url: '/api/v1/instruments/zarit' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('scores anonymously and stores nothing; lists every unanswered item at once', async () => {
    const before = await count('balance_check_results');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/balance-checks/score',
      payload: { instrumentKey: 'csi', answers: csiAnswers(7) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ score: 7, aboveThreshold: true, threshold: 7, band: { code: 'overload' }, instrumentVersion: '1' });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/balance-checks/score',
      payload: { instrumentKey: 'csi', answers: { q1: 'ja', q2: 'wellicht' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const names = (bad.json().invalidParams as { name: string }[]).map((p) => p.name);
    expect(names).toContain('body.answers.q2');
    expect(names).toContain('body.answers.q13');
    expect(names).toHaveLength(12);
    expect(await count('balance_check_results')).toBe(before);
  });

  it('gives a signed-in resident only their own results, and nobody without a session', async () => {
    expect((await app.inject({ url: '/api/v1/me/balance-checks' })).statusCode).toBe(401);
    const mine = await app.inject({ url: '/api/v1/me/balance-checks', headers: { cookie: carer.cookie } });
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as { careRelationshipId: string; instrumentKey: string; instrumentVersion: string }[];
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.every((i) => [rel.mother, rel.partner].includes(i.careRelationshipId))).toBe(true);
    expect(items.every((i) => i.instrumentVersion === '1')).toBe(true);
    const theirs = await app.inject({ url: '/api/v1/me/balance-checks', headers: { cookie: neighbour.cookie } });
    expect(theirs.json().items).toEqual([]);
  });
});

describe('another instrument loaded by an organisation', () => {
  const example = fileURLToPath(new URL('./examples/ediz-plus.example.json', import.meta.url));
  const cli = async (args: string[]) => {
    const lines: string[] = [];
    process.env.DATABASE_URL = t.appUrl;
    process.env.DATABASE_OWNER_URL = t.ownerUrl;
    process.env.BASE_URL = 'http://localhost:3000';
    const code = await runCli(args, (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  };

  it('is refused with every problem named when the definition is bad', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const dir = await mkdtemp(`${process.env.TMPDIR ?? '/tmp'}/naaste-instrument-`);
    const bad = `${dir}/bad.json`;
    const text = (await import('node:fs')).readFileSync(example, 'utf8');
    const definition = JSON.parse(text);
    definition.bands[2].min = 5;
    delete definition.source;
    await writeFile(bad, JSON.stringify(definition));
    const res = await cli(['instrument:add', bad, '--organisation', ids.welfare]);
    expect(res.code).toBe(1);
    expect(res.out).toContain('was not loaded; fix these 2 problems');
    expect(res.out).toContain('bands.2.min: band "moderate" must start at 4');
    expect(res.out).toContain('source');
    await writeFile(bad, '{ not json');
    expect((await cli(['instrument:add', bad])).out).toContain('is not valid JSON');
    expect((await cli(['instrument:add', example, '--organisation', 'welzijn'])).out).toContain('is not an organisation id');
    expect(await count('instrument_definitions')).toBe(2);
  });

  it('loads without code changes and is offered to residents in that organisation’s networks only', async () => {
    const res = await cli(['instrument:add', example, '--organisation', ids.welfare]);
    expect(res.code).toBe(0);
    expect(res.out).toContain('Loaded ediz-plus version 2012 (15 items, score 0–15, 4 bands, threshold 9) for Welzijn Balansdorp');
    expect((await cli(['instrument:add', example, '--organisation', ids.welfare])).out).toContain('exists already');

    const forCarer = await app.inject({ url: '/balanscheck', headers: { cookie: carer.cookie } });
    expect(forCarer.body).toContain('href="/balanscheck/ediz-plus"');
    const forAnyone = await app.inject({ url: '/balanscheck' });
    expect(forAnyone.body).not.toContain('ediz-plus');
    expect((await app.inject({ url: '/balanscheck/ediz-plus' })).statusCode).toBe(404);
    const elsewhere = await signedInPerson(t, {
      kind: 'resident',
      memberships: [
        {
          tenantId: (await owner(async (c) => (await c.query(`select id from municipalities where code = 'GM9102'`)).rows[0].id)) as string,
          organisationId: null,
          roles: ['caregiver'],
        },
      ],
    });
    expect((await app.inject({ url: '/balanscheck', headers: { cookie: elsewhere.cookie } })).body).not.toContain('ediz-plus');

    // Kept with its key and version, banded by its own bands.
    const answers = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`q${i + 1}`, i < 4 ? 'ja' : 'nee']));
    const form = await openForm(app, '/balanscheck/ediz-plus', carer.cookie);
    const result = await form.submit('/balanscheck/ediz-plus', { versie: '2012', ...answers });
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Matige druk');
    const saved = await form.submit('/balanscheck/ediz-plus/bewaren', { versie: '2012', relatie: rel.partner, ...answers });
    expect(saved.statusCode).toBe(303);
    const stored = await owner(
      async (c) => (await c.query(`select instrument_version, band from balance_check_results where instrument_key = 'ediz-plus'`)).rows,
    );
    expect(stored).toEqual([{ instrument_version: '2012', band: 'moderate' }]);
    const listed = await app.inject({ url: '/api/v1/instruments?municipality=GM9101' });
    expect((listed.json().items as { key: string }[]).map((i) => i.key)).toContain('ediz-plus');
  });
});
