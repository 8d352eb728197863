import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, seedDemo } from '../../../db/seed/demo.ts';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { inContext } from '../../platform/db/context.ts';
import { runCli } from '../../server/cli.ts';
import { themeCss } from './organisations.routes.tsx';
import * as service from './organisations.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const system = { kind: 'system', name: 'test' } as const;
const platform = <T>(work: Parameters<typeof inContext<T>>[2]) => inContext(t.db, { tenantId: null, actor: system }, work);

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the official municipality list', () => {
  it('loads all 342 municipalities of the CBS list once, with unique slugs', async () => {
    expect(await platform((ctx) => service.loadOfficialMunicipalities(ctx))).toBe(342);
    expect(await platform((ctx) => service.loadOfficialMunicipalities(ctx))).toBe(0);
    const amsterdam = await platform((ctx) => service.findMunicipalityByCode(ctx, 'GM0363'));
    expect(amsterdam).toMatchObject({ name: 'Amsterdam', province: 'Noord-Holland', slug: 'amsterdam', active: false });
    const bergen = await asOwner(t.ownerUrl, (c) =>
      c.query<{ slug: string }>(`select slug from municipalities where name like 'Bergen (%' order by slug`),
    );
    expect(bergen.rows.map((r) => r.slug)).toEqual(['bergen-l', 'bergen-nh']);
  });

  it('parses quoted names and refuses a malformed list', () => {
    expect(service.parseMunicipalityCsv('code,name,province,valid_from\nGM0001,"Aa, en Hunze",Drenthe,2025-01-01\n')).toEqual([
      { code: 'GM0001', name: 'Aa, en Hunze', province: 'Drenthe', validFrom: '2025-01-01' },
    ]);
    expect(() => service.parseMunicipalityCsv('code,name\nGM0001,X')).toThrow(/header/);
    expect(() => service.parseMunicipalityCsv('code,name,province,valid_from\nXX01,X,Y,2025-01-01')).toThrow(/Line 2/);
  });
});

describe('the demo municipality', () => {
  it('is seeded with a realistic network, and seeding again adds nothing', async () => {
    const first = await platform((ctx) => seedDemo(ctx, { accounts: true }));
    expect(first.organisationsCreated).toBe(DEMO_ORGANISATIONS.length);
    expect(first.accountsCreated).toBe(DEMO_ACCOUNTS.length);
    const second = await platform((ctx) => seedDemo(ctx, { accounts: true }));
    expect(second).toEqual({ organisationsCreated: 0, accountsCreated: 0 });
    // Every demo staff account has work in Demodam with its roles.
    const roles = await asOwner(t.ownerUrl, async (c) =>
      (
        await c.query(`select a.email, m.roles from memberships m join accounts a on a.id = m.account_id where a.email = any($1)`, [
          DEMO_ACCOUNTS.map((a) => a.email),
        ])
      ).rows.map((r) => `${r.email}:${r.roles.join(',')}`),
    );
    expect(roles).toContain('consulent@steunpunt.demodam.example:supportConsultant');
    expect(roles).toContain('mantelzorger@demodam.example:caregiver');
    expect(roles).toHaveLength(DEMO_ACCOUNTS.filter((a) => a.roles.length > 0).length);
    const demodam = await platform((ctx) => service.findMunicipalityByCode(ctx, 'GM9999'));
    expect(demodam).toMatchObject({ name: 'Demodam', active: true });
    const network = await inContext(t.db, { tenantId: demodam?.id ?? null, actor: system }, (ctx) =>
      service.listNetwork(ctx, { page: 1, pageSize: 100 }),
    );
    expect(network.total).toBe(DEMO_ORGANISATIONS.length);
    const kinds = network.countsByKind.map((c) => c.kind);
    for (const kind of ['supportCentre', 'welfare', 'gpPractice', 'districtTeam', 'school', 'employer', 'religious', 'sportsClub']) {
      expect(kinds).toContain(kind);
    }
  });
});

describe('organisations in several networks', () => {
  it('joins a regional organisation to each municipality given, and to no other', async () => {
    await platform((ctx) => service.addMunicipality(ctx, { code: 'GM0150', name: 'Deventer' }));
    await platform((ctx) => service.addMunicipality(ctx, { code: 'GM0153', name: 'Enschede' }));
    const added = await platform((ctx) =>
      service.addOrganisation(ctx, {
        name: 'Regionaal Steunpunt Oost',
        kind: 'supportCentre',
        isFindingPlace: true,
        postcode: '7411ab',
        municipalityCodes: ['GM0150', 'GM0153'],
      }),
    );
    expect(added).toMatchObject({ created: true, joined: ['GM0150', 'GM0153'] });
    expect(added.organisation.postcode).toBe('7411 AB');

    const names = async (slug: string) => {
      const res = await app.inject({ url: `/gemeenten/${slug}` });
      expect(res.statusCode).toBe(200);
      return res.body;
    };
    expect(await names('deventer')).toContain('Regionaal Steunpunt Oost');
    expect(await names('enschede')).toContain('Regionaal Steunpunt Oost');
    expect(await names('demodam')).not.toContain('Regionaal Steunpunt Oost');

    const again = await platform((ctx) =>
      service.addOrganisation(ctx, {
        name: 'regionaal steunpunt oost',
        kind: 'supportCentre',
        postcode: '7411 AB',
        municipalityCodes: ['GM0150'],
      }),
    );
    expect(again).toMatchObject({ created: false, joined: [] });
  });

  it('refuses unknown codes, municipalities without a network, and bad contact details', async () => {
    await expect(
      platform((ctx) => service.addOrganisation(ctx, { name: 'X', kind: 'other', municipalityCodes: ['GM0001'] })),
    ).rejects.toThrow(/Unknown municipality code: GM0001/);
    await expect(
      platform((ctx) => service.addOrganisation(ctx, { name: 'X', kind: 'other', municipalityCodes: ['GM0363'] })),
    ).rejects.toThrow(/no Naaste network yet/);
    await expect(
      platform((ctx) =>
        service.addOrganisation(ctx, {
          name: 'X',
          kind: 'other',
          email: 'not-an-email',
          website: 'javascript:alert(1)',
          municipalityCodes: ['GM9999'],
        }),
      ),
    ).rejects.toThrow(/email[\s\S]*website|website[\s\S]*email/);
  });
});

describe('public municipality pages', () => {
  it('lists municipalities with search, an empty state and pagination', async () => {
    const all = await app.inject({ url: '/gemeenten' });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('343 gemeenten');
    expect(all.body).toContain('rel="next"');
    const found = await app.inject({ url: '/gemeenten?q=devent' });
    expect(found.body).toContain('href="/gemeenten/deventer"');
    expect(found.body).toContain('1 gemeenten');
    const none = await app.inject({ url: '/gemeenten?q=%3Cscript%3Ealert(1)%3C/script%3E' });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Geen gemeente gevonden met &quot;&lt;script>alert(1)&lt;/script>&quot;');
    expect(none.body).not.toContain('<script>alert(1)');
  });

  it('shows the network of an active municipality with a kind filter, in Dutch and English', async () => {
    const page = await app.inject({ url: '/gemeenten/demodam?soort=gpPractice' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Samen in Demodam');
    expect(page.body).toContain('Huisartsenpraktijk De Vijverhof');
    expect(page.body).not.toContain('Steunpunt Mantelzorg Demodam');
    expect(page.body).toContain('<link rel="stylesheet" href="/themes/GM9999.css"');
    const english = await app.inject({ url: '/gemeenten/demodam?lang=en' });
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain('Together in Demodam');
  });

  it('tells plainly when a municipality has no network yet, and 404s an unknown one', async () => {
    const inactive = await app.inject({ url: '/gemeenten/amsterdam' });
    expect(inactive.statusCode).toBe(200);
    expect(inactive.body).toContain('Amsterdam gebruikt Naaste nog niet');
    const unknown = await app.inject({ url: '/gemeenten/atlantis' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('text/html');
  });

  it('serves a theme stylesheet that can only carry colours', async () => {
    const css = await app.inject({ url: '/themes/GM9999.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('--naaste-primary: #1f5c99;');
    expect(themeCss({ primaryColor: 'red;} body{display:none' })).not.toContain('display');
    expect((await app.inject({ url: '/themes/GM0000.css' })).statusCode).toBe(404);
  });
});

describe('the organisations API', () => {
  it('lists a network and one organisation without personal data in the URL', async () => {
    const list = await app.inject({ url: '/api/v1/municipalities/GM9999/organisations?kind=districtTeam' });
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: { id: string; name: string; kind: string }[]; total: number };
    expect(body.total).toBe(2);
    expect(body.items.every((o) => o.kind === 'districtTeam')).toBe(true);
    const one = await app.inject({ url: `/api/v1/organisations/${body.items[0]?.id}` });
    expect(one.json()).toMatchObject({ name: body.items[0]?.name, contact: { city: 'Demodam' } });
    const inactive = await app.inject({ url: '/api/v1/municipalities/GM0363/organisations' });
    expect(inactive.statusCode).toBe(404);
    expect(inactive.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the operator command line', () => {
  it('lists its commands and explains mistakes in plain words', async () => {
    process.env.DATABASE_URL = t.appUrl;
    process.env.DATABASE_OWNER_URL = t.ownerUrl;
    // Vite puts its own BASE_URL ('/') into the environment of test workers.
    process.env.BASE_URL = 'http://localhost:3000';
    const lines: string[] = [];
    const print = (l: string) => lines.push(l);
    expect(await runCli(['help'], print)).toBe(0);
    const help = lines.join('\n');
    for (const name of ['municipality:add', 'organisation:add', 'organisation:list', 'db:migrate']) expect(help).toContain(name);

    lines.length = 0;
    expect(await runCli(['municipality:add', '--code', 'XX12'], print)).toBe(1);
    expect(lines.join('\n')).toContain('--code: Use a CBS municipality code such as GM0150.');

    lines.length = 0;
    expect(await runCli(['organisation:add', '--name', 'Y', '--kind', 'bakery', '--municipality', 'GM9999'], print)).toBe(1);
    expect(lines.join('\n')).toMatch(/--kind must be one of: municipality, supportCentre/);

    lines.length = 0;
    expect(await runCli(['organisation:add', '--name', 'Huiskamer Oost', '--kind', 'welfare', '--municipality', 'gm9999'], print)).toBe(0);
    lines.length = 0;
    expect(await runCli(['organisation:list', '--municipality', 'GM9999'], print)).toBe(0);
    expect(lines.join('\n')).toContain('Huiskamer Oost');

    lines.length = 0;
    expect(await runCli(['municipality:add', '--code', 'GM0344', '--primary-color', '#cc0000'], print)).toBe(0);
    expect(lines.join('\n')).toContain('Activated Utrecht (GM0344)');
    expect(await runCli(['no-such-command'], print)).toBe(2);
  });
});
