import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { inContext } from '../../platform/db/context.ts';
import { addMunicipality } from '../organisations/organisations.service.ts';
import { PROFILE } from './directory.profile.ts';
import {
  firstPageBest,
  MAX_PAGE,
  MAX_RANKED,
  NEAREST_LON_SCALE,
  nearestFloorOf,
  type SearchInput,
  searchServices,
} from './directory.search.ts';
import { loadReferenceData, type Place, refreshSearchFields } from './directory.service.ts';

/**
 * A map larger than the search ranks at once: more services share a word than MAX_RANKED. The
 * search then ranks the best kinds of match first and says there are more; nearest first it
 * reads the nearest matches from the points' nearest-neighbour index, and the order stays exact.
 */
const MANY = 1150;
// Service n lies n * 0.001 degrees of latitude (about 111 m) north of this point.
const ORIGIN: Place = { kind: 'postcode', label: '3512', latitude: 52.0, longitude: 5.0 };

let t: TestDatabase;
let tenantId: string;
const system = { kind: 'system', name: 'test' } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    await loadReferenceData(ctx.sql);
    tenantId = (await addMunicipality(ctx, { code: 'GM9999', name: 'Demodam' })).municipality.id;
  });
  await inContext(t.db, { tenantId, actor: system }, async (ctx) => {
    const org = await ctx.sql.query<{ id: string }>(
      `insert into directory_organizations (tenant_id, name) values ($1, 'Vrijwilligerscentrale') returning id`,
      [tenantId],
    );
    // Many services with "boodschappen" in the description, every tenth with it in the name too,
    // every third free; one in the name with a rare word; one withdrawn that must never show.
    const { rows } = await ctx.sql.query<{ id: string }>(
      `insert into directory_services (tenant_id, organization_id, source_id, name, description, review_status, status, is_free)
       select $1, $2, 'n' || g,
         case when g % 10 = 0 then 'Boodschappenhulp ' || g else 'Buurtdienst ' || g end,
         'Een vrijwilliger doet de boodschappen.' || case when g = 777 then ' Ook de zeldzame papegaai.' else '' end,
         case when g = 5 then 'withdrawn' else 'published' end, 'active', g % 3 = 0
       from generate_series(0, $3::int - 1) g
       returning id`,
      [tenantId, org.rows[0]?.id, MANY],
    );
    await ctx.sql.query(
      `insert into directory_locations (tenant_id, source_id, name, latitude, longitude)
       select $1, s.source_id, 'Locatie', $2::float8 + substring(s.source_id from 2)::int * 0.001, $3::float8
       from directory_services s where s.tenant_id = $1`,
      [tenantId, ORIGIN.latitude, ORIGIN.longitude],
    );
    await ctx.sql.query(
      `insert into directory_service_at_locations (tenant_id, service_id, location_id)
       select $1, s.id, l.id from directory_services s join directory_locations l on l.tenant_id = $1 and l.source_id = s.source_id
       where s.tenant_id = $1`,
      [tenantId],
    );
    await refreshSearchFields(
      ctx.sql,
      tenantId,
      rows.map((r) => r.id),
    );
  });
  // Nearest first with filters follows PostgreSQL's estimate of the matches: the statistics must
  // be there, as they are on a running database.
  await asOwner(t.ownerUrl, (c) => c.query('analyze'));
});
afterAll(async () => {
  await t?.drop();
});

const search = (input: SearchInput) =>
  inContext(t.db, { tenantId, actor: system, readOnly: true }, (ctx) =>
    searchServices(ctx, { now: new Date('2026-03-02T10:00:00Z'), ...input }),
  );
const numberOf = (name: string) => Number(name.split(' ').at(-1));
/** Runs a statement that returns the ids of the services it changed, and refreshes their search fields, as every writer does. */
const changeServices = (sql: string, params: unknown[] = [tenantId]) =>
  inContext(t.db, { tenantId, actor: system }, async (ctx) => {
    const { rows } = await ctx.sql.query<{ id: string }>(sql, params);
    await refreshSearchFields(
      ctx.sql,
      tenantId,
      rows.map((r) => r.id),
    );
  });

describe('search over more services than it ranks at once', () => {
  it('ranks at most MAX_RANKED, the name matches first, and says there are more', async () => {
    const first = await search({ text: 'boodschappen' });
    expect(first.total).toBe(MAX_RANKED);
    expect(first.moreThanTotal).toBe(true);
    expect(first.items).toHaveLength(20);
    expect(first.items.every((i) => i.name.startsWith('Boodschappenhulp'))).toBe(true);
    const second = await search({ text: 'boodschappen', page: 2 });
    const shown = new Set(first.items.map((i) => i.id));
    expect(second.items.filter((i) => shown.has(i.id))).toEqual([]);
    const last = await search({ text: 'boodschappen', page: MAX_RANKED / 20 });
    expect(last.items).toHaveLength(20);
    for (const r of [first, second, last]) expect(r.items.map((i) => i.name)).not.toContain('Buurtdienst 5');
  });

  it('still finds every match of a rare word, and counts exactly when all fit', async () => {
    const rare = await search({ text: 'papegaai' });
    expect(rare.items.map((i) => i.name)).toEqual(['Buurtdienst 777']);
    expect(rare).toMatchObject({ total: 1, moreThanTotal: false });
    const free = await search({ text: 'boodschappen', free: true, pageSize: 100 });
    expect(free.items.every((i) => i.isFree === true)).toBe(true);
  });

  it('nearest first: the exact nearest matches, page after page', async () => {
    const seen: number[] = [];
    for (const page of [1, 2, 3]) {
      // Every description has the word, no name: all match alike, so only distance orders them.
      const r = await search({ text: 'vrijwilliger', place: ORIGIN, page });
      expect(r.sort).toBe('distance');
      expect(r.moreThanTotal).toBe(true);
      seen.push(...r.items.map((i) => numberOf(i.name)));
    }
    // 0 to 60 without 5 (withdrawn): nearest first, none skipped.
    expect(seen).toEqual(Array.from({ length: 61 }, (_, n) => n).filter((n) => n !== 5));
    const km = (await search({ text: 'vrijwilliger', place: ORIGIN, page: 3 })).items.map((i) => i.distanceKm ?? Number.NaN);
    expect(km[0]).toBeGreaterThan(4.4);
    expect(km[0]).toBeLessThan(4.7);
    expect([...km].sort((a, b) => a - b)).toEqual(km);
  });

  it('nearest first: a strong match farther away does not change what earlier pages showed', async () => {
    // Services 0 to 549 get the word "kanarie" in their text (fewer than half: not a weak word, more
    // than are read all at once); service 7 (780 m) gets it and "papegaai" in its name, so that it
    // matches both words and ranks far above the others, which match one. It lies on page 3; the
    // floor comes from the nearest matches that fill the first page, so the others stay.
    const first550 = `tenant_id = $1 and source_id ~ '^n[0-9]+$' and substring(source_id from 2)::int < 550`;
    try {
      await changeServices(`update directory_services set description = description || ' Kanarie.' where ${first550} returning id`);
      await changeServices(
        `update directory_services set name = 'Kanarie Papegaai 7' where tenant_id = $1 and source_id = 'n7' returning id`,
      );
      const seen: number[] = [];
      for (const page of [1, 2, 3]) {
        const r = await search({ text: 'kanarie papegaai', place: ORIGIN, pageSize: 3, page });
        // Read from the nearest-neighbour index (not all matches at once).
        expect(r.moreThanTotal).toBe(true);
        seen.push(...r.items.map((i) => numberOf(i.name)));
      }
      expect(seen).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    } finally {
      await changeServices(
        `update directory_services set description = replace(description, ' Kanarie.', '') where ${first550} returning id`,
      );
      await changeServices(`update directory_services set name = 'Buurtdienst 7' where tenant_id = $1 and source_id = 'n7' returning id`);
      await asOwner(t.ownerUrl, (c) => c.query(`delete from directory_search_words where word = 'kanarie'`));
      // The rewritten rows would make PostgreSQL's estimates for the next tests larger.
      await asOwner(t.ownerUrl, (c) => c.query('vacuum analyze'));
    }
  });

  it('nearest first, all matches read: services found through a term stay when the first page leaves room for them', async () => {
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    const respite = `(select id from taxonomy_terms where code = '${PROFILE.supportForms.respite}')`;
    // Services 40 to 43 have the word in their text; 44 only the term it names; 900 (100 km) the
    // word in its name and the term: far above the others, but far away.
    try {
      await changeServices(
        `update directory_services set description = description || ' Soms respijtzorg.'
         where tenant_id = $1 and source_id in ('n40', 'n41', 'n42', 'n43') returning id`,
      );
      await changeServices(
        `update directory_services set name = 'Respijtzorg 900' where tenant_id = $1 and source_id = 'n900' returning id`,
      );
      await run(
        `insert into directory_attributes (tenant_id, link_type, link_id, taxonomy_term_id)
         select $1, 'service', s.id, ${respite} from directory_services s where s.tenant_id = $1 and s.source_id in ('n44', 'n900')`,
        [tenantId],
      );
      const seen: number[] = [];
      for (const page of [1, 2]) {
        const r = await search({ text: 'respijtzorg', place: ORIGIN, pageSize: 3, page });
        seen.push(...r.items.map((i) => numberOf(i.name)));
      }
      expect(seen).toEqual([40, 41, 42, 43, 44, 900]);
    } finally {
      await run(`delete from directory_attributes where tenant_id = $1 and taxonomy_term_id = ${respite}`, [tenantId]);
      await changeServices(
        `update directory_services set description = replace(description, ' Soms respijtzorg.', '')
         where tenant_id = $1 and source_id in ('n40', 'n41', 'n42', 'n43') returning id`,
      );
      await changeServices(
        `update directory_services set name = 'Boodschappenhulp 900' where tenant_id = $1 and source_id = 'n900' returning id`,
      );
    }
  });

  it('nearest first: the floor is taken from the nearest matches through the words that fill the first page', () => {
    const ranks = (...r: number[]) => r.map((rank) => ({ rank }));
    // The strong match comes after three that fill a page of two (and one more): they set the floor.
    expect(firstPageBest(ranks(0.3, 0.3, 0.3, 0.9, 0.3), 3)).toBe(0.3);
    // A strong match among them raises it, and the weak ones before it no longer count.
    expect(firstPageBest(ranks(0.3, 0.9, 0.3, 0.5, 0.6), 3)).toBe(0.9);
    expect(firstPageBest(ranks(0.3, 0.9), 3)).toBeNull();
    // Only matches through the words themselves set it; with all matches known and too few of them,
    // the best of them; with none, the rank of a match through a term.
    const own = (rank: number) => ({ rank, own: true });
    const termOnly = { rank: 0.2, own: false };
    expect(nearestFloorOf([termOnly, own(0.4), termOnly, own(0.4), own(0.4), own(0.9)], 3, 0.2, false)).toBe(0.4);
    expect(nearestFloorOf([own(0.4), own(0.9)], 3, 0.2, false)).toBeNull();
    expect(nearestFloorOf([own(0.4), own(0.9)], 3, 0.2, true)).toBe(0.9);
    expect(nearestFloorOf([termOnly, termOnly], 3, 0.2, true)).toBe(0.2);
  });

  it('nearest first with words and a filter: when all matches fit, all are ranked and counted', async () => {
    const r = await search({ text: 'vrijwilliger', free: true, place: ORIGIN });
    expect(r).toMatchObject({ total: 384, moreThanTotal: false });
    expect(r.items.slice(0, 5).map((i) => numberOf(i.name))).toEqual([0, 3, 6, 9, 12]);
    // Each with its own distance (service n lies n * 111 m away), the farthest on the last page.
    expect(r.items.slice(0, 3).map((i) => i.distanceKm)).toEqual([0, 0.3, 0.7]);
    const last = await search({ text: 'vrijwilliger', free: true, place: ORIGIN, page: 20 });
    expect(last.items.map((i) => numberOf(i.name))).toEqual([1140, 1143, 1146, 1149]);
    expect(last.items[3]?.distanceKm).toBe(127.8);
  });

  it('a search with more matches than pages offers the pages up to the last one', async () => {
    // 384 free services, 10 a page: more than MAX_PAGE pages, all ranked.
    const r = await search({ text: 'vrijwilliger', free: true, place: ORIGIN, pageSize: 10 });
    expect(r).toMatchObject({ total: 384, moreThanTotal: false, lastPage: MAX_PAGE, narrowDown: true });
    // A page past the last one that can be opened (the 25th) shows that one.
    const past = await search({ text: 'vrijwilliger', free: true, place: ORIGIN, pageSize: 10, page: MAX_PAGE + 5 });
    expect(past.page).toBe(MAX_PAGE);
    expect(past.items.map((i) => numberOf(i.name))).toEqual(Array.from({ length: 10 }, (_, i) => (240 + i) * 3));
    // 20 a page, they fit in 20 pages: nothing to narrow down.
    expect(await search({ text: 'vrijwilliger', free: true, place: ORIGIN })).toMatchObject({ lastPage: 20, narrowDown: false });
  });

  it('nearest first with filters that leave many matches: the nearest, with the filters checked on the index', async () => {
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    // Two of every three services are paid (765): more than are read by their words first.
    const paid = async () =>
      (await search({ text: 'vrijwilliger', free: false, place: ORIGIN, pageSize: 5 })).items.map((i) => numberOf(i.name));
    expect(await paid()).toEqual([1, 2, 4, 7, 8]);
    // Read from the index: only the nearest, and the result says there are more.
    expect((await search({ text: 'vrijwilliger', free: false, place: ORIGIN, pageSize: 5 })).moreThanTotal).toBe(true);
    const r = await search({ text: '', free: false, place: ORIGIN, pageSize: 5 });
    expect(r.items.map((i) => numberOf(i.name))).toEqual([1, 2, 4, 7, 8]);
    expect(r.moreThanTotal).toBe(true);
    // Service 2 becomes free: it leaves the paid ones at once.
    await run(`update directory_services set is_free = true where tenant_id = $1 and source_id = 'n2'`, [tenantId]);
    try {
      expect(await paid()).toEqual([1, 4, 7, 8, 10]);
    } finally {
      await run(`update directory_services set is_free = false where tenant_id = $1 and source_id = 'n2'`, [tenantId]);
    }
    expect(await paid()).toEqual([1, 2, 4, 7, 8]);
  });

  it('each point of a service carries its filter fields, following every change', async () => {
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    const service = `(select id from directory_services where tenant_id = $1 and source_id = 'n4')`;
    const point = async () =>
      (await run(`select public, is_free, term_ids, languages from directory_search_points where service_id = ${service}`, [tenantId]))
        .rows;
    expect(await point()).toEqual([{ public: true, is_free: false, term_ids: [], languages: [] }]);
    const respite = `(select id from taxonomy_terms where code = '${PROFILE.supportForms.respite}')`;
    const termId = (await run(`select ${respite} as id`, [])).rows[0]?.id;
    try {
      await run(`update directory_services set is_free = true where id = ${service}`, [tenantId]);
      await run(`insert into directory_languages (tenant_id, service_id, code) values ($1, ${service}, 'tr')`, [tenantId]);
      await run(
        `insert into directory_attributes (tenant_id, link_type, link_id, taxonomy_term_id) values ($1, 'service', ${service}, ${respite})`,
        [tenantId],
      );
      expect(await point()).toEqual([{ public: true, is_free: true, term_ids: [termId], languages: ['tr'] }]);
      await run(`update directory_services set review_status = 'withdrawn' where id = ${service}`, [tenantId]);
      expect((await point())[0]?.public).toBe(false);
      // A new location of the service takes the fields at once.
      await run(
        `with l as (insert into directory_locations (tenant_id, source_id, name, latitude, longitude) values ($1, 'second', 'Tweede', 52.5, 5.0) returning id)
         insert into directory_service_at_locations (tenant_id, service_id, location_id) select $1, ${service}, l.id from l`,
        [tenantId],
      );
      expect(await point()).toEqual([
        { public: false, is_free: true, term_ids: [termId], languages: ['tr'] },
        { public: false, is_free: true, term_ids: [termId], languages: ['tr'] },
      ]);
    } finally {
      await run(`delete from directory_locations where tenant_id = $1 and source_id = 'second'`, [tenantId]);
      await run(`delete from directory_attributes where tenant_id = $1 and link_id = ${service}`, [tenantId]);
      await run(`delete from directory_languages where tenant_id = $1 and service_id = ${service}`, [tenantId]);
      await run(`update directory_services set is_free = false, review_status = 'published' where id = ${service}`, [tenantId]);
    }
    expect(await point()).toEqual([{ public: true, is_free: false, term_ids: [], languages: [] }]);
  });

  it('nearest first with words and a filter: services found only through a term stay when no word matches better', async () => {
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    const respite = `(select id from taxonomy_terms where code = '${PROFILE.supportForms.respite}')`;
    await run(
      `insert into directory_attributes (tenant_id, link_type, link_id, taxonomy_term_id)
       select $1, 'service', s.id, ${respite} from directory_services s where s.tenant_id = $1 and s.source_id in ('n10', 'n11', 'n20', 'n777')`,
      [tenantId],
    );
    try {
      const near = (text: string) => search({ text, forms: [PROFILE.supportForms.respite], place: ORIGIN });
      // No service has the word itself: the four with the term it names, nearest first.
      const termOnly = await near('respijtzorg');
      expect(termOnly.items.map((i) => numberOf(i.name))).toEqual([10, 11, 20, 777]);
      expect(termOnly).toMatchObject({ total: 4, moreThanTotal: false, sort: 'distance' });
      // One has another word of the question in its own text: the others fall below the floor.
      const better = await near('respijtzorg papegaai');
      expect(better.items.map((i) => numberOf(i.name))).toEqual([777]);
      expect(better.total).toBe(1);
      // Filtered by cost instead: a paid service without the term has the word once in its long
      // text. That match is not strong enough to leave out the services found through the term
      // (10, 11 and 20 are paid), so they must still be read, and they stay with it.
      await run(
        `update directory_services set description = description || ' Soms respijtzorg.' where tenant_id = $1 and source_id = 'n31'`,
        [tenantId],
      );
      await inContext(t.db, { tenantId, actor: system }, async (ctx) => {
        const { rows } = await ctx.sql.query<{ id: string }>(
          `select id from directory_services where tenant_id = $1 and source_id = 'n31'`,
          [tenantId],
        );
        await refreshSearchFields(
          ctx.sql,
          tenantId,
          rows.map((r) => r.id),
        );
      });
      const weak = await search({ text: 'respijtzorg', free: false, place: ORIGIN });
      expect(weak.items.map((i) => numberOf(i.name))).toEqual([10, 11, 20, 31]);
      expect(weak.items.map((i) => i.reasons.map((x) => x.kind))).toEqual([['term'], ['term'], ['term'], ['text']]);
    } finally {
      await run(`delete from directory_attributes where tenant_id = $1 and taxonomy_term_id = ${respite}`, [tenantId]);
      await inContext(t.db, { tenantId, actor: system }, async (ctx) => {
        const { rows } = await ctx.sql.query<{ id: string }>(
          `update directory_services set description = replace(description, ' Soms respijtzorg.', '') where tenant_id = $1 and source_id = 'n31' returning id`,
          [tenantId],
        );
        await refreshSearchFields(
          ctx.sql,
          tenantId,
          rows.map((r) => r.id),
        );
      });
    }
  });

  it('nearest first without words: the filters apply', async () => {
    const r = await search({ text: '', free: true, place: ORIGIN, pageSize: 10 });
    expect(r.items.map((i) => numberOf(i.name))).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    expect(r.items.every((i) => i.isFree === true)).toBe(true);
  });

  it('far from every service: the whole map is searched, farthest last', async () => {
    const far: Place = { kind: 'postcode', label: '9999', latitude: 53.4, longitude: 6.9 };
    const r = await search({ text: 'papegaai', place: far });
    expect(r.items.map((i) => i.name)).toEqual(['Buurtdienst 777']);
    expect(r.moreThanTotal).toBe(false);
    expect(r.items[0]?.distanceKm).toBeGreaterThan(100);
  });

  it('nearest first: the order is exact also where the index plane and the distance shown differ', async () => {
    // Far north (66 degrees) a degree east is much shorter than near 52, where the index's plane is
    // true: eleven services lie 1.01 to 1.05 km north of the place, one 1.00 km east. The index
    // reads the northern ones first; the east one must still come first.
    const north: Place = { kind: 'postcode', label: 'noord', latitude: 66.0, longitude: 5.0 };
    const east = 1 / (111.195 * Math.cos((66 * Math.PI) / 180));
    const places = [
      { name: 'Oost', lat: 66.0, lon: 5.0 + east },
      ...Array.from({ length: 11 }, (_, i) => ({ name: `Noord ${i}`, lat: 66.0 + (1.01 + i * 0.004) / 111.195, lon: 5.0 })),
    ];
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    const org = `(select id from directory_organizations where tenant_id = $1 limit 1)`;
    try {
      for (const x of places) {
        await run(
          `with s as (insert into directory_services (tenant_id, organization_id, source_id, name, review_status, status)
                      values ($1, ${org}, 'north ' || $2, $2, 'published', 'active') returning id),
                l as (insert into directory_locations (tenant_id, source_id, name, latitude, longitude) values ($1, 'north ' || $2, $2, $3, $4) returning id)
           insert into directory_service_at_locations (tenant_id, service_id, location_id) select $1, s.id, l.id from s, l`,
          [tenantId, x.name, x.lat, x.lon],
        );
      }
      // The index's plane is the one the search assumes.
      const stored = await run(
        `select p.position[0] as x, p.longitude from directory_search_points p join directory_locations l on l.id = p.location_id
         where l.tenant_id = $1 and l.source_id = 'north Oost'`,
        [tenantId],
      );
      const { x, longitude } = stored.rows[0] as { x: number; longitude: number };
      expect(x).toBeCloseTo(longitude * NEAREST_LON_SCALE, 9);
      const first = await search({ text: '', place: north, pageSize: 1 });
      expect(first.items.map((i) => [i.name, i.distanceKm])).toEqual([['Oost', 1]]);
      const ten = await search({ text: '', place: north, pageSize: 10 });
      expect(ten.items.map((i) => i.name)).toEqual(['Oost', ...Array.from({ length: 9 }, (_, i) => `Noord ${i}`)]);
    } finally {
      await run(`delete from directory_services where tenant_id = $1 and source_id like 'north %'`, [tenantId]);
      await run(`delete from directory_locations where tenant_id = $1 and source_id like 'north %'`, [tenantId]);
    }
  });

  it('nearest first: a service placed only by its postcode area is found at that area', async () => {
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    // The postcode area nearest to the middle of the map, and a service there without coordinates.
    const area = await run(
      `select pc4, latitude, longitude from postcode_areas order by power(latitude - $1::float8, 2) + power(longitude - $2::float8, 2) limit 1`,
      [ORIGIN.latitude + 0.3, ORIGIN.longitude],
    );
    const { pc4, latitude, longitude } = area.rows[0] as { pc4: string; latitude: number; longitude: number };
    const org = `(select id from directory_organizations where tenant_id = $1 limit 1)`;
    try {
      await run(
        `with s as (insert into directory_services (tenant_id, organization_id, source_id, name, review_status, status)
                    values ($1, ${org}, 'pc4', 'Postcodedienst', 'published', 'active') returning id),
              l as (insert into directory_locations (tenant_id, source_id, name, pc4) values ($1, 'pc4', 'Ergens', $2) returning id)
         insert into directory_service_at_locations (tenant_id, service_id, location_id) select $1, s.id, l.id from s, l`,
        [tenantId, pc4],
      );
      const here: Place = { kind: 'postcode', label: pc4, latitude, longitude };
      const r = await search({ text: '', place: here, pageSize: 3 });
      expect(r.items[0]).toMatchObject({ name: 'Postcodedienst', distanceKm: 0 });
      expect(r.items.slice(1).every((i) => (i.distanceKm ?? 0) > 0)).toBe(true);
      // It also has an address with coordinates, 33 km away: the nearer one counts, also when
      // all matches are read by their words (a rare word).
      await inContext(t.db, { tenantId, actor: system }, async (ctx) => {
        const { rows } = await ctx.sql.query<{ id: string }>(
          `with l as (insert into directory_locations (tenant_id, source_id, name, latitude, longitude) values ($1, 'pc4 far', 'Ver', $2, $3) returning id)
           insert into directory_service_at_locations (tenant_id, service_id, location_id)
           select $1, s.id, l.id from directory_services s, l where s.tenant_id = $1 and s.source_id = 'pc4' returning service_id as id`,
          [tenantId, latitude + 0.3, longitude],
        );
        await refreshSearchFields(
          ctx.sql,
          tenantId,
          rows.map((x) => x.id),
        );
      });
      expect((await search({ text: '', place: here, pageSize: 3 })).items[0]).toMatchObject({ name: 'Postcodedienst', distanceKm: 0 });
      const byWord = await search({ text: 'postcodedienst', place: here });
      expect(byWord.items.map((i) => [i.name, i.distanceKm])).toEqual([['Postcodedienst', 0]]);
    } finally {
      await run(`delete from directory_services where tenant_id = $1 and source_id = 'pc4'`, [tenantId]);
      await run(`delete from directory_locations where tenant_id = $1 and source_id like 'pc4%'`, [tenantId]);
    }
  });

  it('nearest first, when every match at a place was read: a match without any place is counted, last', async () => {
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    const org = `(select id from directory_organizations where tenant_id = $1 limit 1)`;
    try {
      await inContext(t.db, { tenantId, actor: system }, async (ctx) => {
        const { rows } = await ctx.sql.query<{ id: string }>(
          `insert into directory_services (tenant_id, organization_id, source_id, name, description, review_status, status)
           values ($1, ${org}, 'nowhere', 'Zonder adres', 'Een vrijwilliger belt u.', 'published', 'active') returning id`,
          [tenantId],
        );
        await refreshSearchFields(
          ctx.sql,
          tenantId,
          rows.map((r) => r.id),
        );
      });
      // 100 a page, page 12: enough nearest are needed to read every service with a place.
      const last = await search({ text: 'vrijwilliger', place: ORIGIN, pageSize: 100, page: 12 });
      expect(last).toMatchObject({ total: 1150, moreThanTotal: false });
      expect(last.items.at(-1)).toMatchObject({ name: 'Zonder adres', distanceKm: null });
    } finally {
      await run(`delete from directory_services where tenant_id = $1 and source_id = 'nowhere'`, [tenantId]);
    }
  });

  it('suggests for a mistyped word only words of published services, never of a draft', async () => {
    const org = `(select id from directory_organizations where tenant_id = $1 limit 1)`;
    try {
      await changeServices(
        `insert into directory_services (tenant_id, organization_id, source_id, name, review_status, status)
         values ($1, ${org}, 'draft', 'Kwartelopvang', 'draft', 'active') returning id`,
      );
      const draft = await search({ text: 'kwartelopvanx' });
      expect(draft).toMatchObject({ corrections: [], total: 0 });
      await changeServices(
        `update directory_services set review_status = 'published' where tenant_id = $1 and source_id = 'draft' returning id`,
      );
      const published = await search({ text: 'kwartelopvanx' });
      expect(published.corrections).toEqual([{ word: 'kwartelopvanx', similar: ['kwartelopvang'] }]);
      expect(published.items.map((i) => i.name)).toEqual(['Kwartelopvang']);
    } finally {
      await inContext(t.db, { tenantId, actor: system }, (ctx) =>
        ctx.sql.query(`delete from directory_services where tenant_id = $1 and source_id = 'draft'`, [tenantId]),
      );
      await asOwner(t.ownerUrl, (c) => c.query(`delete from directory_search_words where word = 'kwartelopvang'`));
    }
  });

  it('follows every change to the terms and languages of a service (links added, changed and removed)', async () => {
    const n777 = (text: string) => search({ text: 'papegaai', forms: [PROFILE.supportForms.respite], language: text });
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    const service = `(select id from directory_services where tenant_id = $1 and source_id = 'n777')`;
    const term = (code: string) => `(select id from taxonomy_terms where code = '${code}')`;
    expect((await search({ text: 'papegaai', forms: [PROFILE.supportForms.respite] })).total).toBe(0);
    await run(
      `insert into directory_attributes (tenant_id, link_type, link_id, taxonomy_term_id)
       values ($1, 'service', ${service}, ${term(PROFILE.supportForms.respite)})`,
      [tenantId],
    );
    await run(`insert into directory_languages (tenant_id, service_id, code) values ($1, ${service}, 'tr')`, [tenantId]);
    expect((await n777('tr')).items.map((i) => i.name)).toEqual(['Buurtdienst 777']);
    expect((await n777('ar')).total).toBe(0);
    // A word every service has, with the language: the one service that speaks it.
    expect((await search({ text: 'vrijwilliger', language: 'tr' })).items.map((i) => i.name)).toEqual(['Buurtdienst 777']);
    // A term found through a word: "respijt" now finds the service through its term.
    expect((await search({ text: 'respijtzorg papegaai' })).items.map((i) => i.name)).toContain('Buurtdienst 777');
    await run(`update directory_languages set code = 'ar' where tenant_id = $1 and service_id = ${service}`, [tenantId]);
    expect((await n777('ar')).total).toBe(1);
    expect((await n777('tr')).total).toBe(0);
    await run(
      `update directory_attributes set taxonomy_term_id = ${term(PROFILE.supportForms.practicalHelp)}
       where tenant_id = $1 and link_type = 'service' and link_id = ${service}`,
      [tenantId],
    );
    expect((await n777('ar')).total).toBe(0);
    expect((await search({ text: 'papegaai', forms: [PROFILE.supportForms.practicalHelp] })).total).toBe(1);
    await run(`delete from directory_attributes where tenant_id = $1 and link_type = 'service' and link_id = ${service}`, [tenantId]);
    await run(`delete from directory_languages where tenant_id = $1 and service_id = ${service}`, [tenantId]);
    expect((await search({ text: 'papegaai', forms: [PROFILE.supportForms.practicalHelp] })).total).toBe(0);
    expect((await search({ text: 'papegaai', language: 'ar' })).total).toBe(0);
    expect((await search({ text: 'papegaai' })).total).toBe(1);
  });

  it('nearest first follows every change to where a service is (moved, unplaced, unlinked, linked again)', async () => {
    const nearest = async () => (await search({ text: 'vrijwilliger', place: ORIGIN, pageSize: 5 })).items.map((i) => numberOf(i.name));
    const run = (text: string, params: unknown[]) => inContext(t.db, { tenantId, actor: system }, (ctx) => ctx.sql.query(text, params));
    const location = (n: number) => `(select id from directory_locations where tenant_id = $1 and source_id = 'n${n}')`;
    const service = (n: number) => `(select id from directory_services where tenant_id = $1 and source_id = 'n${n}')`;
    expect(await nearest()).toEqual([0, 1, 2, 3, 4]);
    // Service 0 moves 111 km north; service 1's location loses its coordinates (no postcode either).
    await run(`update directory_locations set latitude = latitude + 1 where id = ${location(0)}`, [tenantId]);
    await run(`update directory_locations set latitude = null, longitude = null where id = ${location(1)}`, [tenantId]);
    expect(await nearest()).toEqual([2, 3, 4, 6, 7]);
    // Service 2 is no longer at its location, then placed there again.
    await run(`delete from directory_service_at_locations where tenant_id = $1 and service_id = ${service(2)}`, [tenantId]);
    expect(await nearest()).toEqual([3, 4, 6, 7, 8]);
    await run(
      `insert into directory_service_at_locations (tenant_id, service_id, location_id) values ($1, ${service(2)}, ${location(2)})`,
      [tenantId],
    );
    await run(`update directory_locations set latitude = latitude - 1 where id = ${location(0)}`, [tenantId]);
    await run(`update directory_locations set latitude = $2, longitude = $3 where id = ${location(1)}`, [
      tenantId,
      ORIGIN.latitude + 0.001,
      ORIGIN.longitude,
    ]);
    expect(await nearest()).toEqual([0, 1, 2, 3, 4]);
    // Service 3's link is changed to the location of service 60 (6.7 km), then back.
    await run(
      `update directory_service_at_locations set location_id = ${location(60)} where tenant_id = $1 and service_id = ${service(3)}`,
      [tenantId],
    );
    expect(await nearest()).toEqual([0, 1, 2, 4, 6]);
    await run(
      `update directory_service_at_locations set location_id = ${location(3)} where tenant_id = $1 and service_id = ${service(3)}`,
      [tenantId],
    );
    expect(await nearest()).toEqual([0, 1, 2, 3, 4]);
    // Service 60 gets a second location 55 m from the place; deleting that location removes it again.
    await run(
      `with l as (insert into directory_locations (tenant_id, source_id, name, latitude, longitude) values ($1, 'extra', 'Extra', $2, $3) returning id)
       insert into directory_service_at_locations (tenant_id, service_id, location_id) select $1, ${service(60)}, l.id from l`,
      [tenantId, ORIGIN.latitude + 0.0005, ORIGIN.longitude],
    );
    expect(await nearest()).toEqual([0, 60, 1, 2, 3]);
    await run(`delete from directory_locations where tenant_id = $1 and source_id = 'extra'`, [tenantId]);
    expect(await nearest()).toEqual([0, 1, 2, 3, 4]);
  });

  it('follows every change to a service: name, review, status, cost', async () => {
    // A new name, and its search fields refreshed as every writer does.
    await inContext(t.db, { tenantId, actor: system }, async (ctx) => {
      const { rows } = await ctx.sql.query<{ id: string }>(
        `update directory_services set name = 'Papegaaienopvang 777' where tenant_id = $1 and source_id = 'n777' returning id`,
        [tenantId],
      );
      await refreshSearchFields(
        ctx.sql,
        tenantId,
        rows.map((r) => r.id),
      );
    });
    expect((await search({ text: 'papegaaienopvang' })).items.map((i) => i.name)).toEqual(['Papegaaienopvang 777']);
    // Service 777 is free (every third is).
    expect((await search({ text: 'papegaai', free: true })).items).toHaveLength(1);
    await inContext(t.db, { tenantId, actor: system }, (ctx) =>
      ctx.sql.query(`update directory_services set is_free = false where tenant_id = $1 and source_id = 'n777'`, [tenantId]),
    );
    expect((await search({ text: 'papegaai', free: true })).items).toHaveLength(0);
    expect((await search({ text: 'papegaai', free: false })).items).toHaveLength(1);
    for (const change of [`review_status = 'withdrawn'`, `status = 'inactive'`]) {
      await inContext(t.db, { tenantId, actor: system }, (ctx) =>
        ctx.sql.query(`update directory_services set ${change} where tenant_id = $1 and source_id = 'n777'`, [tenantId]),
      );
      expect(await search({ text: 'papegaai' })).toMatchObject({ total: 0, items: [] });
      await inContext(t.db, { tenantId, actor: system }, (ctx) =>
        ctx.sql.query(
          `update directory_services set review_status = 'published', status = 'active' where tenant_id = $1 and source_id = 'n777'`,
          [tenantId],
        ),
      );
      expect((await search({ text: 'papegaai' })).total).toBe(1);
    }
    await inContext(t.db, { tenantId, actor: system }, (ctx) =>
      ctx.sql.query(`delete from directory_services where tenant_id = $1 and source_id = 'n777'`, [tenantId]),
    );
    expect((await search({ text: 'papegaai' })).total).toBe(0);
  });
});

describe('the results page on a map this large', () => {
  it('says there are more than the results it ranked, in Dutch and English', async () => {
    const app = await createTestApp(t);
    try {
      const nl = await app.inject({ url: '/gemeenten/demodam/sociale-kaart?q=boodschappen' });
      expect(nl.statusCode).toBe(200);
      expect(nl.body).toContain(`Meer dan ${MAX_RANKED} resultaten`);
      expect(nl.body).toContain('Typ er een woord bij, kies een filter of vul uw postcode in.');
      const en = await app.inject({ url: '/gemeenten/demodam/sociale-kaart?q=boodschappen&lang=en' });
      expect(en.body).toContain(`More than ${MAX_RANKED} results`);
      expect(en.body).toContain('Add a word, choose a filter or fill in your postcode.');
      // A rare word: every match fits, so the count is exact and nothing asks to narrow it.
      const rare = await app.inject({ url: '/gemeenten/demodam/sociale-kaart?q=papegaai' });
      expect(rare.body).not.toContain('Meer dan');
      expect(rare.body).not.toContain('Typ er een woord bij');
      // The pages stop at the last one a search can open.
      expect(nl.body).toContain(`Pagina 1 van ${MAX_PAGE}`);
      const lastPage = await app.inject({ url: `/gemeenten/demodam/sociale-kaart?q=boodschappen&page=${MAX_PAGE}` });
      expect(lastPage.body).toContain(`Pagina ${MAX_PAGE} van ${MAX_PAGE}`);
      expect(lastPage.body).not.toContain('rel="next"');
      // Nearest first with many matches (paid, near a postcode): the nearest, and more further on.
      const paid = await app.inject({ url: '/gemeenten/demodam/sociale-kaart?q=vrijwilliger&kosten=betaald&waar=3512' });
      expect(paid.body).toMatch(/Meer dan \d+ resultaten, het dichtstbij eerst vanaf 3512/);
      expect(paid.body).toContain('Typ er een woord bij');
    } finally {
      await app.close();
    }
  });
});
