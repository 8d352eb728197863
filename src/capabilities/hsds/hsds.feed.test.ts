import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { API_VERSION, type OpenApiDocument } from '../../platform/http/openapi.ts';
import {
  type HsdsPage,
  type HsdsService,
  hsdsOrganizationPageSchema,
  hsdsOrganizationSchema,
  hsdsRootSchema,
  hsdsServiceAtLocationPageSchema,
  hsdsServicePageSchema,
  hsdsServiceSchema,
  hsdsTaxonomyPageSchema,
  hsdsTaxonomyTermPageSchema,
} from './hsds.schemas.ts';
import { importText, sample, setUpMunicipalities } from './hsds.test-support.ts';

let t: TestDatabase;
let app: FastifyInstance;
let ids: { kaartdorp: string; anderdorp: string };

const get = async (url: string) => {
  const res = await app.inject({ url, headers: { origin: 'https://elders.example' } });
  return res;
};
const json = async <T = unknown>(url: string): Promise<T> => {
  const res = await get(url);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json<T>();
};
/** Every answer is checked against the HSDS schemas, strictly (no field HSDS does not know). */
const valid = <T>(schema: z.ZodType<T>, value: unknown, label: string): T => {
  const result = schema.safeParse(value);
  expect(result.success ? [] : result.error.issues, label).toEqual([]);
  return result.data as T;
};
const names = (page: HsdsPage<{ name?: string }>) => page.contents.map((s) => s.name);
const K = 'municipality=GM9001';

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'https://naaste.example.nl' });
  ids = await setUpMunicipalities(t.db);
  const report = await importText(t.db, ids.kaartdorp, JSON.stringify(sample()));
  expect(report.ok).toBe(true);
  // Anderdorp has its own map, with a service of its own.
  const other = sample()[2];
  other.id = 'anderdorp-1';
  other.name = 'Boodschappen in Anderdorp';
  other.organization.id = 'anderdorp-org';
  other.service_at_locations[0].location.id = 'anderdorp-loc';
  expect((await importText(t.db, ids.anderdorp, JSON.stringify([other]))).ok).toBe(true);
  // Entries that are not public: one waiting for review, one inactive.
  const hidden = sample().slice(0, 2);
  hidden[0].id = 'wacht-op-beoordeling';
  hidden[0].name = 'Nog niet goedgekeurd';
  hidden[1].id = 'gestopt';
  hidden[1].name = 'Gestopte dienst';
  hidden[1].status = 'inactive';
  expect((await importText(t.db, ids.kaartdorp, JSON.stringify(hidden))).ok).toBe(true);
  await asOwner(t.ownerUrl, (c) =>
    c.query(`update directory_services set review_status = 'pending' where source_id = 'wacht-op-beoordeling'`),
  );
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('the HSDS root', () => {
  it('answers the HSDS API root object at /api/v1/hsds, open to every origin', async () => {
    const res = await get('/api/v1/hsds');
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['api-version']).toBe(API_VERSION);
    const root = valid(hsdsRootSchema, res.json(), 'root');
    expect(root).toMatchObject({
      version: '3.0',
      openapi_url: 'https://naaste.example.nl/api/v1/openapi.json',
      profile: expect.stringMatching(/^https:\/\/naaste\.example\.nl\//),
    });
  });

  it('answers 404 problem+json with a trailing slash, like every path of this API', async () => {
    for (const url of ['/api/v1/hsds/', '/api/v1/hsds/services/']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('every object the feed sends', () => {
  it('validates against the HSDS 3.0 schemas, on every endpoint', async () => {
    const list = valid(hsdsServicePageSchema, await json(`/api/v1/hsds/services?${K}&full=true&per_page=100`), 'services full');
    expect(list.contents).toHaveLength(4);
    valid(hsdsServicePageSchema, await json(`/api/v1/hsds/services?${K}`), 'services');
    for (const s of list.contents) valid(hsdsServiceSchema, await json(`/api/v1/hsds/services/${s.id}?${K}`), `service ${s.name}`);
    const orgs = valid(hsdsOrganizationPageSchema, await json(`/api/v1/hsds/organizations?${K}`), 'organizations');
    expect(orgs.contents).toHaveLength(2);
    for (const o of orgs.contents)
      valid(hsdsOrganizationSchema, await json(`/api/v1/hsds/organizations/${o.id}?${K}`), `organization ${o.name}`);
    const sals = valid(hsdsServiceAtLocationPageSchema, await json(`/api/v1/hsds/service_at_locations?${K}`), 'service_at_locations');
    expect(sals.contents).toHaveLength(3);
    valid(hsdsTaxonomyPageSchema, await json(`/api/v1/hsds/taxonomies?${K}`), 'taxonomies');
    valid(hsdsTaxonomyTermPageSchema, await json(`/api/v1/hsds/taxonomy_terms?${K}&per_page=100`), 'taxonomy_terms');
  });

  it('nests everything in /services/{id}, as the HSDS example does', async () => {
    const page = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&search=respijtzorg`);
    const id = page.contents[0]?.id;
    const s = await json<HsdsService>(`/api/v1/hsds/services/${id}?${K}`);
    expect(s.name).toBe('Respijtzorg thuis');
    expect(s.organization).toMatchObject({ name: 'Stichting Zorgzaam Kaartdorp', phones: [{ number: '0101 234 567', type: 'voice' }] });
    expect(s.service_at_locations?.[0]).toMatchObject({
      description: 'Aanmelden kan in het buurthuis.',
      location: {
        name: 'Buurthuis De Linde',
        location_type: 'physical',
        latitude: 52.1001,
        addresses: [{ address_1: 'Lindeplein 4', postal_code: '9991 AB', city: 'Kaartdorp', country: 'NL', state_province: 'Utrecht' }],
        languages: [{ code: 'nl' }],
      },
      schedules: [{ freq: 'WEEKLY', byday: 'MO,WE,FR', opens_at: '09:00', closes_at: '12:00' }],
    });
    expect(s.phones).toMatchObject([{ number: '0101 234 568', description: 'Respijtlijn' }]);
    expect(s.schedules).toMatchObject([{ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }]);
    expect(s.service_areas).toMatchObject([{ name: 'Heel Kaartdorp' }]);
    expect(s.languages?.map((l) => l.code).sort()).toEqual(['en', 'nl']);
    expect(s.cost_options).toMatchObject([{ currency: 'EUR', amount: 0, option: 'Voor iedereen' }]);
    expect(s.contacts).toMatchObject([{ name: 'Coördinator respijtzorg', phones: [{ number: '0101 234 569' }] }]);
    expect(s.attributes?.map((a) => a.taxonomy_term?.code).sort()).toEqual(['dementie', 'respijt']);
    expect(s.attributes?.[0]?.taxonomy_term?.taxonomy_detail?.uri).toMatch(/^urn:naaste:hsds:taxonomie:/);
    expect(s).toMatchObject({ status: 'active', assured_date: '2026-01-15', minimum_age: 0, email: 'respijt@zorgzaam.example' });
    // Naaste's own ids, not the file's.
    expect(s.id).not.toBe(sample()[0].id);
  });
});

describe('what is public', () => {
  it('only published, active services; never another municipality’s', async () => {
    const all = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&per_page=100`);
    expect(names(all).sort()).toEqual(['Boodschappenhulp', 'Lotgenotengroep mantelzorgers', 'Mantelzorgconsulent', 'Respijtzorg thuis']);
    const other = await json<HsdsPage<HsdsService>>('/api/v1/hsds/services?municipality=GM9002');
    expect(names(other)).toEqual(['Boodschappen in Anderdorp']);
    const otherId = other.contents[0]?.id;
    expect((await get(`/api/v1/hsds/services/${otherId}?${K}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/hsds/services/${otherId}?municipality=GM9002`)).statusCode).toBe(200);
    const hidden = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query(`select id from directory_services where source_id in ('wacht-op-beoordeling', 'gestopt')`)).rows,
    );
    expect(hidden).toHaveLength(2);
    for (const h of hidden) expect((await get(`/api/v1/hsds/services/${h.id}?${K}`)).statusCode).toBe(404);
    const otherOrg = (await json<HsdsPage<{ id: string }>>('/api/v1/hsds/organizations?municipality=GM9002')).contents[0]?.id;
    expect((await get(`/api/v1/hsds/organizations/${otherOrg}?${K}`)).statusCode).toBe(404);
    const sals = await json<HsdsPage<{ service_id: string }>>(`/api/v1/hsds/service_at_locations?${K}&per_page=100`);
    expect(sals.contents.map((s) => s.service_id)).not.toContain(otherId);
  });

  it('needs a municipality with a network, and says which parameter is wrong', async () => {
    const missing = await get('/api/v1/hsds/services');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams.map((p: { name: string }) => p.name)).toContain('query.municipality');
    const unknown = await get('/api/v1/hsds/services?municipality=GM9999');
    expect(unknown.statusCode).toBe(404);
    const bad = await get(`/api/v1/hsds/services?${K}&per_page=1000&modified_after=gisteren&page=0`);
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['query.modified_after', 'query.page', 'query.per_page']);
  });
});

describe('paging and incremental sync', () => {
  it('pages the HSDS way, with every item exactly once', async () => {
    const first = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&per_page=3`);
    expect(first).toMatchObject({
      total_items: 4,
      total_pages: 2,
      page_number: 1,
      size: 3,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const second = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&per_page=3&page=2`);
    expect(second).toMatchObject({
      total_items: 4,
      total_pages: 2,
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    });
    const ids = [...first.contents, ...second.contents].map((s) => s.id);
    expect(new Set(ids).size).toBe(4);
    const beyond = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&per_page=3&page=3`);
    expect(beyond).toMatchObject({ size: 0, contents: [], empty: false, last_page: true });
    const none = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&search=zzzzqqqq`);
    expect(none).toMatchObject({ total_items: 0, total_pages: 0, size: 0, empty: true, first_page: true, last_page: true });
  });

  it('gives with modified_after only what changed since, oldest change first', async () => {
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update directory_services set last_modified = '2025-01-01T10:00:00Z' where tenant_id = $1 and name <> 'Boodschappenhulp'`, [
        ids.kaartdorp,
      ]),
    );
    const since = '2025-06-01T00:00:00Z';
    const changed = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&modified_after=${since}`);
    expect(names(changed)).toEqual(['Boodschappenhulp']);
    // The source changes one service; importing again makes it show up in the next sync.
    const data = sample();
    data[1].description = 'Nu elke tweede dinsdag van de maand.';
    const report = await importText(t.db, ids.kaartdorp, JSON.stringify(data));
    expect(report.services).toMatchObject({ created: 0, updated: 1 });
    const next = await json<HsdsPage<HsdsService>>(
      `/api/v1/hsds/services?${K}&modified_after=${encodeURIComponent('2025-06-01T00:00:00+02:00')}`,
    );
    expect(names(next)).toEqual(['Boodschappenhulp', 'Lotgenotengroep mantelzorgers']);
    expect(next.contents[1]?.description).toBe('Nu elke tweede dinsdag van de maand.');
    const old = next.contents.map((s) => s.last_modified as string);
    expect(old.every((m) => m >= '2025-06-01')).toBe(true);
  });
});

describe('filters', () => {
  const termId = async (code: string) =>
    asOwner(t.ownerUrl, async (c) => (await c.query('select id from taxonomy_terms where code = $1', [code])).rows[0].id as string);

  it('search finds services in plain words', async () => {
    expect(names(await json(`/api/v1/hsds/services?${K}&search=boodschappen`))).toEqual(['Boodschappenhulp']);
    expect(names(await json(`/api/v1/hsds/services?${K}&search=${encodeURIComponent('praten met andere mantelzorgers')}`))).toContain(
      'Lotgenotengroep mantelzorgers',
    );
    // LIKE wildcards in a search are plain characters, not "anything".
    for (const wildcard of ['%', '_', '%%_']) {
      expect(names(await json(`/api/v1/hsds/services?${K}&search=${encodeURIComponent(wildcard)}`)), wildcard).toEqual([]);
    }
  });

  it('taxonomy_term_id, taxonomy_id and organization_id narrow the list, together', async () => {
    const respijt = await termId('respijt');
    expect(names(await json(`/api/v1/hsds/services?${K}&taxonomy_term_id=${respijt}`))).toEqual(['Respijtzorg thuis']);
    const taxonomy = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query(`select id from taxonomies where uri = 'https://kaartdorp.example/indeling'`)).rows[0].id as string,
    );
    expect(names(await json(`/api/v1/hsds/services?${K}&taxonomy_id=${taxonomy}`))).toEqual(['Boodschappenhulp']);
    const orgs = await json<HsdsPage<{ id: string; name: string }>>(`/api/v1/hsds/organizations?${K}&search=brug`);
    expect(orgs.contents.map((o) => o.name)).toEqual(['Vrijwilligerscentrale De Brug']);
    const brug = orgs.contents[0]?.id;
    expect(names(await json(`/api/v1/hsds/services?${K}&organization_id=${brug}`))).toEqual(['Boodschappenhulp']);
    expect(names(await json(`/api/v1/hsds/services?${K}&organization_id=${brug}&taxonomy_term_id=${respijt}`))).toEqual([]);
    const terms = await json<HsdsPage<{ code: string }>>(`/api/v1/hsds/taxonomy_terms?${K}&taxonomy_id=${taxonomy}`);
    expect(terms.contents.map((x) => x.code)).toEqual(['boodschappen']);
  });

  it('postcode alone: a location in that area or a service area covering its municipality', async () => {
    expect(names(await json(`/api/v1/hsds/services?${K}&postcode=9992`))).toEqual(['Boodschappenhulp']);
    const sals = await json<HsdsPage<{ location?: { name?: string } }>>(
      `/api/v1/hsds/service_at_locations?${K}&postcode=${encodeURIComponent('9992 CD')}`,
    );
    expect(sals.contents.map((s) => s.location?.name)).toEqual(['Kantoor De Brug']);
  });

  it('postcode with proximity: within that many metres, nearest first', async () => {
    // 3511 (Utrecht) lies about 2 km from the Buurthuis; the office of De Brug has no point of its own and counts from 9992, far north.
    const near = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&postcode=3511&proximity=5000`);
    expect(names(near).sort()).toEqual(['Lotgenotengroep mantelzorgers', 'Respijtzorg thuis']);
    const wide = await json<HsdsPage<HsdsService>>(`/api/v1/hsds/services?${K}&postcode=3511&proximity=300000`);
    expect(names(wide).at(-1)).toBe('Boodschappenhulp');
    expect(names(wide)).toHaveLength(3);
    const sals = await json<HsdsPage<{ location?: { name?: string } }>>(
      `/api/v1/hsds/service_at_locations?${K}&postcode=3511&proximity=300000`,
    );
    expect(sals.contents.map((s) => s.location?.name).at(-1)).toBe('Kantoor De Brug');
    const alone = await get(`/api/v1/hsds/services?${K}&proximity=5000`);
    expect(alone.statusCode).toBe(400);
    expect(alone.json().invalidParams[0].name).toBe('query.proximity');
    const unknown = await get(`/api/v1/hsds/services?${K}&postcode=1000&proximity=5000`);
    expect(unknown.statusCode).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('documents the HSDS feed as the snake_case exception', async () => {
    const doc = await json<OpenApiDocument>('/api/v1/openapi.json');
    for (const path of [
      '/hsds',
      '/hsds/services',
      '/hsds/services/{id}',
      '/hsds/organizations',
      '/hsds/organizations/{id}',
      '/hsds/service_at_locations',
      '/hsds/taxonomies',
      '/hsds/taxonomy_terms',
    ]) {
      expect(doc.paths[path]?.get?.description, path).toContain('snake_case');
    }
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['HsdsService', 'HsdsServicePage', 'HsdsAttribute', 'HsdsRoot']),
    );
    const params = doc.paths['/hsds/services']?.get?.parameters?.map((p) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['municipality', 'page', 'per_page', 'modified_after', 'search', 'taxonomy_term_id', 'postcode', 'proximity']),
    );
  });
});
