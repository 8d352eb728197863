import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.ts';
import { inContext } from '../../src/platform/db/context.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../support/database.ts';

/** The demo caseload: a newcomer who signs in as the demo consultant finds a living caseload. */
let t: TestDatabase;
const count = (query: string) => asOwner(t.ownerUrl, async (c) => Number((await c.query(query)).rows[0].n));
const values = (query: string) => asOwner(t.ownerUrl, async (c) => (await c.query(query)).rows.map((r) => r.v as string).sort());

beforeAll(async () => {
  t = await createTestDatabase();
  await inContext(t.db, { tenantId: null, actor: { kind: 'system', name: 'test' } }, (ctx) => seedDemo(ctx, { accounts: true }));
});

afterAll(async () => {
  await t?.drop();
});

describe('the demo caregivers', () => {
  it('cover every burden level, every state of support and every state of a goal', async () => {
    expect(await values('select distinct burden_level as v from support_cases')).toEqual(['high', 'low', 'unknown']);
    expect(await values('select distinct status as v from support_cases')).toEqual(['active', 'closed', 'intake', 'new']);
    expect(await values('select distinct status as v from support_goals')).toEqual(['inProgress', 'planned', 'reached', 'stopped']);
    expect(await values('select distinct form as v from support_goals')).toEqual(['emotional', 'information', 'practical', 'respite']);
    expect(await values('select distinct visibility as v from case_notes')).toEqual(['shared', 'team']);
    expect(await count('select count(*) as n from follow_ups where due_on < current_date and done_at is null')).toBeGreaterThan(0);
    expect(await count('select count(*) as n from kitchen_table_agreements')).toBeGreaterThan(0);
  });

  it('have balance results over time that set the burden level and raise early warnings', async () => {
    expect(await count('select count(distinct care_relationship_id) as n from balance_check_results')).toBeGreaterThanOrEqual(30);
    // The level on each open case is the one the latest result gives (CSI 7 or more: high).
    expect(
      await count(`select count(*) as n from support_cases s
                   join lateral (select above_threshold from balance_check_results b where b.care_relationship_id = s.care_relationship_id
                                 order by taken_at desc limit 1) latest on true
                   where s.status <> 'closed' and (s.burden_level = 'high') <> latest.above_threshold`),
    ).toBe(0);
    expect(await values("select distinct kind as v from support_signals where kind in ('aboveThreshold', 'clearRise')")).toEqual([
      'aboveThreshold',
      'clearRise',
    ]);
  });

  it('each gave the support centre their consent, and the demo caregiver has a plan with the demo consultant', async () => {
    expect(await count('select count(*) as n from support_cases')).toBeGreaterThanOrEqual(40);
    expect(
      await count(`select count(*) as n from support_cases s join care_relationships r on r.id = s.care_relationship_id
                   where not exists (select 1 from consents c where c.person_id = r.caregiver_id and c.recipient_organisation_id = s.organisation_id
                                     and c.data_category = 'careRelationship' and c.purpose = 'support' and c.withdrawn_at is null)`),
    ).toBe(0);
    expect(
      await count(`select count(*) as n from support_cases s join care_relationships r on r.id = s.care_relationship_id
                   join accounts a on a.id = r.caregiver_id join accounts c on c.id = s.consultant_id
                   where a.email = 'mantelzorger@demodam.example' and c.email = 'consulent@steunpunt.demodam.example' and s.status = 'active'`),
    ).toBe(1);
  });

  it('are seeded once: seeding again adds nothing', async () => {
    const before = await count('select count(*) as n from care_relationships');
    await inContext(t.db, { tenantId: null, actor: { kind: 'system', name: 'test' } }, (ctx) => seedDemo(ctx, { accounts: true }));
    expect(await count('select count(*) as n from care_relationships')).toBe(before);
  });
});
