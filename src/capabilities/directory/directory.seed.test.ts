import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/seed/demo.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { inContext } from '../../platform/db/context.ts';
import { findMunicipalityByCode } from '../organisations/organisations.service.ts';
import { searchServices } from './directory.search.ts';
import { PROFILE, placeOf, SUPPORT_FORM_CODES, TARGET_GROUP_CODES } from './directory.service.ts';

let t: TestDatabase;
let tenantId: string;
const system = { kind: 'system', name: 'test' } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  await inContext(t.db, { tenantId: null, actor: system }, (ctx) => seedDemo(ctx, { accounts: false }));
  tenantId = (await inContext(t.db, { tenantId: null, actor: system }, (ctx) => findMunicipalityByCode(ctx, 'GM9999')))?.id as string;
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

describe("Demodam's social map", () => {
  it('has a few hundred services covering every form of support and every target group; seeding again adds nothing', async () => {
    const count = () =>
      asOwner(t.ownerUrl, async (c) => (await c.query('select count(*)::int as n from directory_services')).rows[0]?.n as number);
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(250);
    await inContext(t.db, { tenantId: null, actor: system }, (ctx) => seedDemo(ctx, { accounts: false }));
    expect(await count()).toBe(before);
    const covered = await asOwner(t.ownerUrl, async (c) =>
      (
        await c.query(`select distinct t.code from directory_attributes a join taxonomy_terms t on t.id = a.taxonomy_term_id
                       join directory_services s on s.id = a.link_id where s.review_status = 'published'`)
      ).rows.map((r) => r.code as string),
    );
    for (const code of [...SUPPORT_FORM_CODES, ...TARGET_GROUP_CODES]) expect(covered, code).toContain(code);
  });

  it('has entries for the workflow: waiting for review, not checked for 6 and for 12 months, owned by network organisations', async () => {
    const stats = await asOwner(
      t.ownerUrl,
      async (c) =>
        (
          await c.query(`select
          count(*) filter (where review_status = 'pending')::int as pending,
          count(*) filter (where review_status = 'published' and assured_date < now() - interval '6 months'
                             and assured_date >= now() - interval '12 months')::int as stale,
          count(*) filter (where review_status = 'published' and assured_date < now() - interval '12 months')::int as old,
          count(*) filter (where review_status = 'published')::int as published,
          (select count(*)::int from directory_organizations where owner_organisation_id is not null) as owned,
          (select count(*)::int from directory_locations where latitude is null) as unplaced
          from directory_services`)
        ).rows[0],
    );
    expect(stats.pending).toBeGreaterThanOrEqual(3);
    expect(stats.stale).toBeGreaterThanOrEqual(3);
    expect(stats.old).toBeGreaterThanOrEqual(3);
    expect(stats.published).toBeGreaterThan(stats.pending * 10);
    expect(stats.owned).toBeGreaterThanOrEqual(5);
    expect(stats.unplaced).toBe(0);
  });

  it('answers plain questions with fitting, nearby services', async () => {
    await inContext(t.db, { tenantId, actor: system, readOnly: true }, async (ctx) => {
      const respite = await searchServices(ctx, { text: 'iemand die even oppast bij mijn moeder' });
      expect(respite.items[0]?.terms.map((x) => x.code)).toContain(PROFILE.supportForms.respite);
      const near = await searchServices(ctx, { text: 'boodschappen', place: await placeOf(ctx.sql, '9996') });
      expect(near.items[0]?.name).toMatch(/^Boodschappenhulp (Buitenwijk|Dorpsrand)$/);
      expect(near.items[0]?.distanceKm).toBeLessThan(1);
      const place = await placeOf(ctx.sql, 'Demodam');
      expect(place?.kind).toBe('place');
    });
  });
});
