import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { inContext } from '../../platform/db/context.ts';
import { addMunicipality } from '../organisations/organisations.service.ts';
import type { Schedule } from './directory.queries.ts';
import {
  getServiceDetail,
  isOpenNow,
  loadReferenceData,
  olderThanMonths,
  PROFILE,
  placeOf,
  profileTerms,
  refreshSearchFields,
  SUPPORT_FORM_CODES,
  saveServiceEntry,
  TARGET_GROUP_CODES,
} from './directory.service.ts';
import { readProfile } from './directory.profile.ts';

let t: TestDatabase;
let tenantId: string;
const system = { kind: 'system', name: 'test' } as const;
const inTenant = <T>(work: Parameters<typeof inContext<T>>[2]) => inContext(t.db, { tenantId, actor: system }, work);

beforeAll(async () => {
  t = await createTestDatabase();
  const m = await inContext(t.db, { tenantId: null, actor: system }, (ctx) => addMunicipality(ctx, { code: 'GM9999', name: 'Demodam' }));
  tenantId = m.municipality.id;
});
afterAll(async () => {
  await t?.drop();
});

describe('reference data', () => {
  it('loads the postcode areas and the profile taxonomies once; a second load changes nothing', async () => {
    const first = await inContext(t.db, { tenantId: null, actor: system }, (ctx) => loadReferenceData(ctx.sql));
    expect(first.postcodeAreas).toBe(4056);
    expect(first.taxonomyRows).toBeGreaterThan(10);
    const second = await inContext(t.db, { tenantId: null, actor: system }, (ctx) => loadReferenceData(ctx.sql));
    expect(second).toEqual({ postcodeAreas: 0, taxonomyRows: 0 });
    const terms = await inTenant((ctx) => profileTerms(ctx.sql));
    for (const code of [...SUPPORT_FORM_CODES, ...TARGET_GROUP_CODES]) expect(terms.has(code), code).toBe(true);
    expect(terms.get(PROFILE.supportForms.respite)?.nameEn).toMatch(/Respite/);
  });

  it('has a term in the data file for every PROFILE code, and no others', async () => {
    const profile = await readProfile();
    const byUri = new Map(profile.taxonomies.map((tx) => [tx.uri, tx.terms.map((term) => term.code).sort()]));
    expect(byUri.get(PROFILE.supportForms.taxonomyUri)).toEqual([...SUPPORT_FORM_CODES].sort());
    expect(byUri.get(PROFILE.targetGroups.taxonomyUri)).toEqual([...TARGET_GROUP_CODES].sort());
  });

  it('places a postcode (4 digits or full) and a municipality by name; unknown input gives null', async () => {
    await inTenant(async (ctx) => {
      expect(await placeOf(ctx.sql, '1011')).toMatchObject({ kind: 'postcode', latitude: 52.371, longitude: 4.9041 });
      expect(await placeOf(ctx.sql, '3511 ab')).toMatchObject({ kind: 'postcode', label: '3511 AB', latitude: 52.0884 });
      expect(await placeOf(ctx.sql, '0000')).toBeNull();
      expect(await placeOf(ctx.sql, '9999 XX 1')).toBeNull();
      expect(await placeOf(ctx.sql, 'Nergenshuizen')).toBeNull();
    });
    await inContext(t.db, { tenantId: null, actor: system }, (ctx) => addMunicipality(ctx, { code: 'GM0150', name: 'Deventer' }));
    const deventer = await inTenant((ctx) => placeOf(ctx.sql, 'deventer'));
    expect(deventer).toMatchObject({ kind: 'place', label: 'Deventer' });
    expect(deventer?.latitude).toBeCloseTo(52.25, 1);
  });
});

describe('a service entry', () => {
  it('is stored with all its parts, found by id, and hidden from the public until published', async () => {
    const { id, created } = await inTenant((ctx) =>
      saveServiceEntry(ctx.sql, tenantId, {
        sourceId: 'test-1',
        organization: { sourceId: 'org-1', name: 'Steunpunt Proef' },
        name: 'Boodschappendienst',
        description: 'Vrijwilligers doen wekelijks boodschappen voor u.',
        reviewStatus: 'pending',
        isFree: true,
        assuredDate: '2026-01-05',
        locations: [
          {
            sourceId: 'loc-1',
            name: 'Buurthuis',
            pc4: '9991',
            address: { address1: 'Lindelaan 12', city: 'Demodam', postalCode: '9991 AB' },
          },
        ],
        phones: [{ number: '0599 100 200' }],
        schedules: [{ byday: 'MO,WE', opensAt: '09:00', closesAt: '12:00' }],
        languages: [
          { code: 'nl', name: 'Nederlands' },
          { code: 'tr', name: 'Turks' },
        ],
        costOptions: [{ option: 'Gratis', amount: 0 }],
        terms: [PROFILE.supportForms.practicalHelp, PROFILE.targetGroups.elderly],
      }),
    );
    expect(created).toBe(true);
    expect(await inTenant((ctx) => getServiceDetail(ctx, id))).toBeNull();
    const detail = await inTenant((ctx) => getServiceDetail(ctx, id, { includeUnpublished: true }));
    expect(detail).toMatchObject({
      name: 'Boodschappendienst',
      reviewStatus: 'pending',
      isFree: true,
      organization: { name: 'Steunpunt Proef' },
      phones: [{ number: '0599 100 200' }],
      schedules: [{ byday: 'MO,WE', opensAt: '09:00', closesAt: '12:00' }],
      costOptions: [{ option: 'Gratis', amount: 0 }],
    });
    expect(detail?.locations[0]?.addresses[0]).toMatchObject({ address1: 'Lindelaan 12', city: 'Demodam' });
    expect(detail?.languages.map((l) => l.code).sort()).toEqual(['nl', 'tr']);
    expect(detail?.terms.map((term) => term.code).sort()).toEqual(['ouderen', 'praktische-en-materiele-hulp']);
    // Saving the same source id again updates instead of adding.
    const again = await inTenant((ctx) =>
      saveServiceEntry(ctx.sql, tenantId, {
        sourceId: 'test-1',
        organization: { sourceId: 'org-1', name: 'Steunpunt Proef' },
        name: 'Boodschappendienst',
        reviewStatus: 'published',
      }),
    );
    expect(again).toEqual({ id, created: false });
    expect(await inTenant((ctx) => getServiceDetail(ctx, id))).toMatchObject({ reviewStatus: 'published', terms: [] });
    expect(await inTenant((ctx) => getServiceDetail(ctx, 'not-a-uuid'))).toBeNull();
    // The place name of the municipality's own addresses is known now.
    expect(await inTenant((ctx) => placeOf(ctx.sql, 'Demodam'))).toMatchObject({ kind: 'place', label: 'Demodam', latitude: 53.3457 });
  });

  it('gets search fields from its name, description and organisation (terms in the search text), refreshed after a write', async () => {
    const { id } = await inTenant((ctx) =>
      saveServiceEntry(ctx.sql, tenantId, {
        sourceId: 'test-2',
        organization: { sourceId: 'org-2', name: 'Zorgcentrum De Linde' },
        name: 'Logeerhuis',
        description: 'Uw naaste logeert een weekend bij ons.',
        terms: [PROFILE.supportForms.respite],
      }),
    );
    const matches = (query: string) =>
      asOwner(t.ownerUrl, async (c) => {
        const r = await c.query(
          `select search_vector @@ websearch_to_tsquery($2::regconfig, $3) as hit from directory_services where id = $1`,
          [id, query.split(':')[0], query.split(':')[1]],
        );
        return r.rows[0]?.hit as boolean;
      });
    expect(await matches('dutch:logeerhuis')).toBe(true);
    expect(await matches('dutch:weekend')).toBe(true);
    expect(await matches('dutch:linde')).toBe(true);
    // Term names and keywords are matched through the service's terms, not kept in its vector...
    expect(await matches('dutch:oppas')).toBe(false);
    // ...but they are in its search text (trigram matching, word counts).
    const text = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query('select search_text from directory_services where id = $1', [id])).rows[0],
    );
    expect(text?.search_text).toContain('oppas');
    expect(text?.search_text).toContain('respite');
    expect(await matches('dutch:kanker')).toBe(false);
    // Another writer changes the organisation's name directly, then refreshes.
    await inTenant(async (ctx) => {
      await ctx.sql.query(`update directory_organizations set name = 'Zorgcentrum De Eik' where source_id = 'org-2'`);
      expect(await refreshSearchFields(ctx.sql, tenantId, [id])).toBe(1);
    });
    expect(await matches('dutch:eik')).toBe(true);
    expect(await matches('dutch:linde')).toBe(false);
    const words = await asOwner(t.ownerUrl, (c) =>
      c.query(`select word from directory_search_words where word in ('logeerhuis', 'respijtzorg')`),
    );
    expect(words.rows).toHaveLength(2);
  });
});

describe('open now', () => {
  const weekly = (byday: string, opensAt: string, closesAt: string, extra: Partial<Schedule> = {}): Schedule => ({
    freq: 'WEEKLY',
    interval: null,
    byday,
    bymonthday: null,
    opensAt,
    closesAt,
    validFrom: null,
    validTo: null,
    description: null,
    locationId: null,
    ...extra,
  });
  // Monday 2026-03-02, 09:30 in Amsterdam (winter time, UTC+1).
  const mondayMorning = new Date('2026-03-02T08:30:00Z');

  it('reads the weekday and time in Amsterdam, also across daylight saving time', () => {
    expect(isOpenNow([weekly('MO,TU', '09:00', '17:00')], mondayMorning)).toBe(true);
    expect(isOpenNow([weekly('TU', '09:00', '17:00')], mondayMorning)).toBe(false);
    expect(isOpenNow([weekly('MO', '10:00', '17:00')], mondayMorning)).toBe(false);
    // Summer time: 07:30 UTC is 09:30 in Amsterdam.
    expect(isOpenNow([weekly('MO', '09:00', '10:00')], new Date('2026-07-06T07:30:00Z'))).toBe(true);
    // Sunday 23:30 UTC is Monday 00:30 in Amsterdam.
    expect(isOpenNow([weekly('MO', '00:00', '01:00')], new Date('2026-03-01T23:30:00Z'))).toBe(true);
  });

  it('knows monthly days, validity periods, overnight hours and no hours at all', () => {
    const monthly = (extra: Partial<Schedule>) => weekly('', '09:00', '17:00', { freq: 'MONTHLY', byday: null, ...extra });
    expect(isOpenNow([monthly({ byday: '1MO' })], mondayMorning)).toBe(true);
    expect(isOpenNow([monthly({ byday: '2MO' })], mondayMorning)).toBe(false);
    expect(isOpenNow([monthly({ byday: '-1MO' })], new Date('2026-03-30T08:30:00Z'))).toBe(true);
    expect(isOpenNow([monthly({ bymonthday: '2' })], mondayMorning)).toBe(true);
    expect(isOpenNow([weekly('MO', '09:00', '17:00', { validTo: '2026-03-01' })], mondayMorning)).toBe(false);
    expect(isOpenNow([weekly('MO', '09:00', '17:00', { validFrom: '2026-03-02' })], mondayMorning)).toBe(true);
    expect(isOpenNow([weekly('SU,MO', '22:00', '10:00')], mondayMorning)).toBe(true);
    expect(isOpenNow([], mondayMorning)).toBeNull();
  });

  it('counts an entry as not checked after the given months', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    expect(olderThanMonths('2026-01-01', 6, now)).toBe(false);
    expect(olderThanMonths('2025-12-01', 6, now)).toBe(true);
    expect(olderThanMonths(null, 12, now)).toBe(true);
  });
});
