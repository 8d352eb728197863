import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { cookieHeader, csrfFrom, openForm } from '../../../tests/support/forms.ts';
import { signedInPerson, type TestPerson } from '../../../tests/support/people.ts';
import { runCli } from '../../server/cli.ts';
import { csvCell } from './hsds.export.ts';
import { IMPORT_LIMITS, readDataset } from './hsds.import.ts';
import { importText, SAMPLE_FILE, sample, sampleText, setUpMunicipalities } from './hsds.test-support.ts';

let t: TestDatabase;
let app: FastifyInstance;
let ids: { kaartdorp: string; anderdorp: string };
let coordinator: TestPerson;

const TABLES = [
  'directory_organizations',
  'directory_services',
  'directory_locations',
  'directory_service_at_locations',
  'directory_addresses',
  'directory_contacts',
  'directory_phones',
  'directory_schedules',
  'directory_service_areas',
  'directory_languages',
  'directory_cost_options',
  'directory_attributes',
  'taxonomies',
  'taxonomy_terms',
];

/** Every row of the social map, as text: equal snapshots mean nothing was written. */
const snapshot = () =>
  asOwner(t.ownerUrl, async (c) => {
    const out: Record<string, string[]> = {};
    for (const table of TABLES) {
      const { rows } = await c.query(`select to_jsonb(x) as row from ${table} x order by id`);
      out[table] = rows.map((r) => JSON.stringify(r.row));
    }
    return out;
  });
const counts = async () => Object.fromEntries(Object.entries(await snapshot()).map(([k, v]) => [k, v.length]));

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  ids = await setUpMunicipalities(t.db);
  coordinator = await signedInPerson(t, {
    memberships: [{ tenantId: ids.kaartdorp, organisationId: null, roles: ['networkCoordinator'] }],
  });
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('importing a dataset', () => {
  it('creates the services, organisations, locations and missing terms, and publishes them', async () => {
    const report = await importText(t.db, ids.kaartdorp, sampleText());
    expect(report).toMatchObject({
      ok: true,
      services: { created: 4, updated: 0, unchanged: 0 },
      organizations: { created: 2, updated: 0, unchanged: 0 },
      locations: { created: 2, updated: 0, unchanged: 0 },
      // The profile's terms are found by taxonomy URI and code; only the municipality's own term is new.
      taxonomies: { created: 1 },
      taxonomyTerms: { created: 1 },
      rejected: [],
    });
    expect(report.changes.filter((c) => c.object === 'service').map((c) => c.name)).toContain('Respijtzorg thuis');
    const rows = await asOwner(
      t.ownerUrl,
      async (c) =>
        (
          await c.query(
            `select source_id, review_status, search_vector is not null as searchable from directory_services where tenant_id = $1`,
            [ids.kaartdorp],
          )
        ).rows,
    );
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.review_status === 'published' && r.searchable)).toBe(true);
    expect(rows.map((r) => r.source_id).sort()).toEqual(
      sample()
        .map((s) => s.id)
        .sort(),
    );
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot();
    const report = await importText(t.db, ids.kaartdorp, sampleText());
    expect(report).toMatchObject({
      ok: true,
      services: { created: 0, updated: 0, unchanged: 4 },
      organizations: { created: 0, updated: 0, unchanged: 2 },
      locations: { created: 0, updated: 0, unchanged: 2 },
      taxonomies: { created: 0 },
      taxonomyTerms: { created: 0 },
      changes: [],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('updates exactly what changed in the file', async () => {
    const data = sample();
    data[0].description = 'Een vrijwilliger past een middag op.';
    data[2].phones[0].number = '0101 999 999';
    data[0].service_at_locations[0].location.addresses[0].address_1 = 'Lindeplein 6';
    const report = await importText(t.db, ids.kaartdorp, JSON.stringify(data));
    expect(report.services).toEqual({ created: 0, updated: 2, unchanged: 2 });
    expect(report.locations).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(report.organizations).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const stored = await asOwner(t.ownerUrl, async (c) => ({
      description: (await c.query(`select description from directory_services where source_id = $1`, [data[0].id])).rows[0].description,
      phone: (
        await c.query(`select p.number from directory_phones p join directory_services s on s.id = p.service_id where s.source_id = $1`, [
          data[2].id,
        ])
      ).rows,
      address: (await c.query(`select address_1 from directory_addresses where city = 'Kaartdorp' and address_1 like 'Linde%'`)).rows,
    }));
    expect(stored).toEqual({
      description: 'Een vrijwilliger past een middag op.',
      phone: [{ number: '0101 999 999' }],
      address: [{ address_1: 'Lindeplein 6' }],
    });
    // And back again: the original file restores the original values, still without new rows.
    const before = await counts();
    expect((await importText(t.db, ids.kaartdorp, sampleText())).services).toEqual({ created: 0, updated: 2, unchanged: 2 });
    expect(await counts()).toEqual(before);
  });

  it('keeps each municipality’s import to its own map', async () => {
    const report = await importText(t.db, ids.anderdorp, sampleText());
    expect(report.services.created).toBe(4);
    const perTenant = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query('select tenant_id, count(*)::int as n from directory_services group by tenant_id order by n')).rows,
    );
    expect(perTenant.map((r) => r.n)).toEqual([4, 4]);
  });
});

describe('a file with faults', () => {
  it('stores nothing and names every fault by object, id and field', async () => {
    const data = sample();
    data[0].name = '';
    data[1].email = 'niet-een-adres';
    data[2].service_at_locations[0].location.addresses[0].city = undefined;
    data[3].status = 'open';
    data.push({ id: 'nieuw-1', name: 'Nieuwe dienst', status: 'active', organization: { id: 'nieuwe-org', name: 'Nieuwe organisatie' } });
    const before = await snapshot();
    const report = await importText(t.db, ids.kaartdorp, JSON.stringify(data));
    expect(report.ok).toBe(false);
    expect(report.services.created).toBe(0);
    const faults = report.rejected.map((f) => `${f.object} ${f.id} ${f.field}`);
    expect(faults).toEqual(
      expect.arrayContaining([
        `service ${data[0].id} name`,
        `service ${data[1].id} email`,
        `address ${data[2].service_at_locations[0].location.addresses[0].id} city`,
        `service ${data[3].id} status`,
      ]),
    );
    expect(report.rejected.find((f) => f.field === 'email')?.reason).toMatch(/email address/);
    expect(await snapshot()).toEqual(before);
  });

  it('undoes everything when a fault shows only while writing (a term without its taxonomy)', async () => {
    const data = [
      {
        id: 'met-losse-term',
        name: 'Dienst met een losse term',
        status: 'active',
        organization: { id: 'org-losse-term', name: 'Organisatie met een losse term' },
        attributes: [{ id: 'a1', taxonomy_term: { id: 'geen-uuid', name: 'Los', description: 'Zonder indeling' } }],
      },
    ];
    const before = await snapshot();
    const report = await importText(t.db, ids.kaartdorp, JSON.stringify(data));
    expect(report.ok).toBe(false);
    expect(report.rejected).toEqual([
      expect.objectContaining({ object: 'service', id: 'met-losse-term', field: 'attributes[0].taxonomy_term.taxonomy_detail.uri' }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses HTML in names and text that is too long; stores HTML in a description as plain text', async () => {
    const long = 'x'.repeat(5001);
    const refused = readDataset(
      JSON.stringify([
        { id: 'h1', name: '<script>alert(1)</script>', status: 'active', organization: { id: 'o', name: 'O' } },
        { id: 'h2', name: 'Lang', description: long, status: 'active', organization: { id: 'o', name: 'O' } },
        { id: 'h3', name: 'Stuurteken\u0007', status: 'active', organization: { id: 'o', name: 'O' } },
        { id: 'h4', name: 'Link', url: 'javascript:alert(1)', status: 'active', organization: { id: 'o', name: 'O' } },
      ]),
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.report.rejected.map((f) => [f.id, f.field, f.reason])).toEqual([
      ['h1', 'name', 'Plain text only: no HTML tags.'],
      ['h2', 'description', 'At most 5000 characters.'],
      ['h3', 'name', 'Control characters are not allowed.'],
      ['h4', 'url', 'Use a web address that starts with https:// or http://.'],
    ]);
    const hostile = '<img src=x onerror=alert(1)> Wij helpen; DROP TABLE directory_services; --';
    const report = await importText(
      t.db,
      ids.kaartdorp,
      JSON.stringify([
        {
          id: 'html-tekst',
          name: 'Dienst met opmaak',
          description: hostile,
          status: 'active',
          organization_id: sample()[0].organization.id,
        },
      ]),
    );
    expect(report.ok).toBe(true);
    const stored = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query(`select description from directory_services where source_id = 'html-tekst'`)).rows[0],
    );
    expect(stored.description).toBe(hostile);
    const res = await app.inject({ url: '/api/v1/hsds/services?municipality=GM9001&search=opmaak' });
    expect(res.json().contents[0].description).toBe(hostile);
  });

  it('gives one clear message for a file that is not JSON, too large, empty or too long', () => {
    const message = (text: string) => {
      const result = readDataset(text);
      return result.ok ? null : result.report.message;
    };
    expect(message('{ "id": ')).toMatch(/^The file is not valid JSON/);
    expect(message('')).toBe('The file is empty.');
    expect(message('[]')).toBe('The file holds no services.');
    expect(message('{"soort": "iets anders"}')).toMatch(/does not hold HSDS services/);
    expect(message(' '.repeat(IMPORT_LIMITS.bytes + 1))).toMatch(/at most 5 MB/);
    const many = JSON.stringify(
      Array.from({ length: IMPORT_LIMITS.services + 1 }, (_, i) => ({ id: `s${i}`, name: 'x', status: 'active' })),
    );
    expect(message(many)).toMatch(/holds 2001 services; at most 2000/);
  });
});

describe('the command line', () => {
  const cli = async (args: string[]) => {
    const lines: string[] = [];
    process.env.DATABASE_URL = t.appUrl;
    process.env.DATABASE_OWNER_URL = t.ownerUrl;
    process.env.BASE_URL = 'http://localhost:3000';
    const code = await runCli(args, (l) => lines.push(l));
    return { code, out: lines.join('\n') };
  };

  it('imports a file, and importing it again reports nothing created or updated', async () => {
    const first = await cli(['directory:import', SAMPLE_FILE, '--municipality', 'gm9001']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('imported into GM9001 Kaartdorp');
    const before = await counts();
    const again = await cli(['directory:import', SAMPLE_FILE, '--municipality', 'GM9001']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('services: 0 created, 0 updated, 4 unchanged');
    expect(again.out).toContain('organizations: 0 created, 0 updated, 2 unchanged');
    expect(await counts()).toEqual(before);
  });

  it('refuses a bad file, an unknown municipality or a missing file with a readable reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsds-'));
    const bad = path.join(dir, 'fout.json');
    fs.writeFileSync(bad, JSON.stringify([{ id: 'x', name: 'Zonder status', organization: { id: 'o', name: 'O' } }]));
    const result = await cli(['directory:import', bad, '--municipality', 'GM9001']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('service x status');
    expect(result.out).toContain('Nothing was imported into GM9001');
    expect((await cli(['directory:import', bad, '--municipality', 'GM0000'])).out).toContain('no Naaste network with code "GM0000"');
    expect((await cli(['directory:import', path.join(dir, 'weg.json'), '--municipality', 'GM9001'])).out).toMatch(
      /Cannot read .*weg\.json/,
    );
    expect((await cli(['directory:import', bad])).code).toBe(1);
  });

  it('exports the map as formula-safe CSV to a file', async () => {
    await importText(
      t.db,
      ids.kaartdorp,
      JSON.stringify([
        {
          id: 'formule',
          name: '=HYPERLINK("https://kwaad.example","klik")',
          status: 'active',
          email: 'a@b.nl',
          organization: { id: 'org-formule', name: '@SUM(A1)' },
        },
      ]),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsds-'));
    const out = path.join(dir, 'kaart.csv');
    const result = await cli(['directory:export', '--municipality', 'GM9001', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^\d+ services of GM9001 Kaartdorp written to /);
    const csv = fs.readFileSync(out, 'utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"id";"bron_id";"naam";"organisatie";"adres";"postcode";"plaats";"telefoon";"email";"website";"steunvormen";"doelgroepen";"laatst_gecontroleerd";"status";"beoordeling"',
    );
    const formula = lines.find((l) => l.includes('HYPERLINK'));
    expect(formula).toContain(`"'=HYPERLINK(""https://kwaad.example"",""klik"")"`);
    expect(formula).toContain(`"'@SUM(A1)"`);
    const respijt = lines.find((l) => l.includes('"Respijtzorg thuis"'));
    expect(respijt).toContain(
      '"Lindeplein 4";"9991 AB";"Kaartdorp";"0101 234 568";"respijt@zorgzaam.example";"https://zorgzaam.example/respijt"',
    );
    // The profile's own names: an import never renames a shared term.
    expect(respijt).toContain('"Respijtzorg: tijdelijke vervanging";"Dementie";"2026-01-15";"active";"published"');
    // Only this municipality's map (Anderdorp has the same services).
    const inKaartdorp = await asOwner(t.ownerUrl, async (c) =>
      Number((await c.query('select count(*) as n from directory_services where tenant_id = $1', [ids.kaartdorp])).rows[0].n),
    );
    expect(lines).toHaveLength(inKaartdorp + 1);
  });

  it('makes every dangerous first character harmless', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\tx', '\rx', 'gewoon', '', null].map(csvCell)).toEqual([
      `"'=1+1"`,
      `"'+1"`,
      `"'-1"`,
      `"'@A1"`,
      `"'\tx"`,
      `"'\rx"`,
      '"gewoon"',
      '""',
      '""',
    ]);
  });
});

describe('the import page', () => {
  const multipart = (fields: Record<string, string>, fileName = 'kaart.json') => {
    const boundary = '----naaste-test-boundary';
    const parts = Object.entries(fields).map(([name, value]) =>
      name === 'file'
        ? `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/json\r\n\r\n${value}\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    return { payload: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
  };
  const upload = async (person: TestPerson, fields: Record<string, string>) => {
    const page = await app.inject({ url: '/beheer/sociale-kaart/importeren', headers: { cookie: person.cookie } });
    expect(page.statusCode).toBe(200);
    const cookie = [person.cookie, cookieHeader(page.headers['set-cookie'])].filter(Boolean).join('; ');
    const body = multipart({ _csrf: csrfFrom(page.body), ...fields });
    return app.inject({
      method: 'POST',
      url: '/beheer/sociale-kaart/importeren',
      headers: { cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
  };

  it('shows the form to the network coordinator, with a file field that works without JavaScript', async () => {
    const res = await app.inject({ url: '/beheer/sociale-kaart/importeren', headers: { cookie: coordinator.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toContain('type="file"');
    expect(res.body).toContain('<label class="utrecht-form-label" for="json">');
    expect(res.body).toContain('meteen op de openbare sociale kaart');
    expect(res.body).not.toContain('<script');
  });

  it('imports an uploaded file and shows what changed; the same file again changes nothing', async () => {
    const data = sample();
    data[1].name = 'Lotgenotengroep voor mantelzorgers';
    const res = await upload(coordinator, { file: JSON.stringify(data), json: '' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('De import is klaar.');
    expect(res.body).toContain('Bijgewerkt: dienst “Lotgenotengroep voor mantelzorgers”');
    const again = await upload(coordinator, { file: JSON.stringify(data), json: '' });
    expect(again.body).toContain('Er is niets veranderd');
  });

  it('takes pasted JSON from the textarea too (a plain form post)', async () => {
    const form = await openForm(app, '/beheer/sociale-kaart/importeren', coordinator.cookie);
    const res = await form.submit('/beheer/sociale-kaart/importeren', { json: sampleText() });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('De import is klaar.');
  });

  it('comes back with an error summary and the faults, and stores nothing', async () => {
    const before = await counts();
    const data = sample();
    data[0].email = 'geen-adres';
    const res = await upload(coordinator, { file: JSON.stringify(data), json: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('href="#file"');
    expect(res.body).toContain('Het bestand heeft 1 fout(en). Er is niets opgeslagen.');
    expect(res.body).toContain(data[0].id);
    expect(res.body).toContain('Use an email address');
    expect(await counts()).toEqual(before);
    const empty = await upload(coordinator, { file: '', json: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Kies een bestand of plak de inhoud van een bestand.');
    const notJson = await upload(coordinator, { file: '', json: 'dit is geen json' });
    expect(notJson.body).toContain('Het bestand kan niet worden geïmporteerd: The file is not valid JSON');
    expect(notJson.body).toContain('dit is geen json</textarea>');
  });

  it('is only for the network coordinator or a municipality administrator of that municipality, with the second factor', async () => {
    const admin = await signedInPerson(t, {
      memberships: [{ tenantId: ids.kaartdorp, organisationId: null, roles: ['municipalityAdmin'] }],
    });
    expect((await app.inject({ url: '/beheer/sociale-kaart/importeren', headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    const consultant = await signedInPerson(t, {
      memberships: [{ tenantId: ids.kaartdorp, organisationId: null, roles: ['supportConsultant'] }],
    });
    expect((await app.inject({ url: '/beheer/sociale-kaart/importeren', headers: { cookie: consultant.cookie } })).statusCode).toBe(404);
    expect((await app.inject({ url: '/beheer/sociale-kaart/exporteren', headers: { cookie: consultant.cookie } })).statusCode).toBe(404);
    const half = await signedInPerson(t, {
      secondFactor: false,
      memberships: [{ tenantId: ids.kaartdorp, organisationId: null, roles: ['networkCoordinator'] }],
    });
    const refused = await app.inject({ url: '/beheer/sociale-kaart/importeren', headers: { cookie: half.cookie } });
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toMatch(/^\/inloggen\/code/);
    const nobody = await app.inject({ url: '/beheer/sociale-kaart/exporteren' });
    expect(nobody.statusCode).toBe(303);
  });

  it('downloads the municipality’s map as CSV', async () => {
    const res = await app.inject({ url: '/beheer/sociale-kaart/exporteren', headers: { cookie: coordinator.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="sociale-kaart-GM9001.csv"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('"Respijtzorg thuis"');
    const inKaartdorp = await asOwner(t.ownerUrl, async (c) =>
      Number((await c.query('select count(*) as n from directory_services where tenant_id = $1', [ids.kaartdorp])).rows[0].n),
    );
    expect(res.body.trim().split('\r\n')).toHaveLength(inKaartdorp + 1);
  });
});
