import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';

/** Tables that belong to the platform as a whole and so carry no tenant_id. Add with care. */
// Tables without tenant_id, on purpose: the tenants themselves, shared organisations, and a
// person's account and sign-in state, reactions on the website itself (one account can hold memberships in several municipalities).
const PLATFORM_TABLES = [
  'accounts',
  'email_tokens',
  'external_identities',
  'feedback',
  'instrument_definitions',
  'jobs',
  'municipalities',
  'organisation_sso',
  'organisations',
  'postcode_areas',
  'platform_secrets',
  'recovery_codes',
  'schema_migrations',
  'sessions',
  'sign_in_throttle',
  'taxonomies',
  'taxonomy_terms',
];

/**
 * Search copies of tenant tables (migration 0023, ADR 0020): row-level security applies to the app
 * role but is not forced for the owner, because the app reads them only through a view that
 * carries the tenant condition itself, so that the non-leakproof full-text and trigram operators
 * can use their indexes. Each maps to its view.
 */
const SEARCH_COPIES: Record<string, string> = {
  directory_search_entries: 'directory_search_public',
  directory_search_words: 'directory_search_vocabulary',
};

let t: TestDatabase;
const tenants: string[] = [];
const organisations: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await asOwner(t.ownerUrl, async (c) => {
    for (let i = 0; i < 4; i++) {
      const m = await c.query<{ id: string }>(
        `insert into municipalities (code, name, slug, active) values ($1, $2, $3, true) returning id`,
        [`GM90${10 + i}`, `Testgemeente ${i}`, `testgemeente-${i}`],
      );
      tenants.push(m.rows[0]?.id as string);
    }
    for (let i = 0; i < 12; i++) {
      const o = await c.query<{ id: string }>(`insert into organisations (name, kind) values ($1, 'welfare') returning id`, [`Org ${i}`]);
      organisations.push(o.rows[0]?.id as string);
    }
    // Each organisation joins one, two or three networks.
    for (let i = 0; i < organisations.length; i++) {
      for (let k = 0; k <= i % 3; k++) {
        await c.query('insert into network_members (tenant_id, organisation_id) values ($1, $2)', [tenants[(i + k) % 4], organisations[i]]);
      }
    }
  });
});

afterAll(async () => {
  await t?.drop();
});

describe('row-level security', () => {
  it('covers every table with a tenant_id, and every other table is a known platform table', async () => {
    const tables = await asOwner(t.ownerUrl, (c) =>
      c.query<{ table: string; hasTenant: boolean; rls: boolean; forced: boolean; policies: number }>(`
        select c.relname as table,
               exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "hasTenant",
               c.relrowsecurity as rls, c.relforcerowsecurity as forced,
               (select count(*) from pg_policy p where p.polrelid = c.oid)::int as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')`),
    );
    expect(tables.rows.length).toBeGreaterThan(0);
    for (const row of tables.rows) {
      if (row.hasTenant && SEARCH_COPIES[row.table]) {
        expect({ table: row.table, rls: row.rls, forced: row.forced, hasPolicy: row.policies > 0 }).toEqual({
          table: row.table,
          rls: true,
          forced: false,
          hasPolicy: true,
        });
      } else if (row.hasTenant) {
        expect({ table: row.table, rls: row.rls, forced: row.forced, hasPolicy: row.policies > 0 }).toEqual({
          table: row.table,
          rls: true,
          forced: true,
          hasPolicy: true,
        });
      } else {
        expect(PLATFORM_TABLES, `${row.table} has no tenant_id; is it really a platform table?`).toContain(row.table);
      }
    }
  });

  it('runs the app as a role that is neither superuser nor able to bypass RLS, and cannot turn RLS off', async () => {
    const { rows } = await t.db.pool.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'select rolsuper, rolbypassrls from pg_roles where rolname = current_user',
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    await expect(t.db.pool.query('alter table network_members disable row level security')).rejects.toThrow(/owner/);
    await expect(t.db.pool.query('set role postgres')).rejects.toThrow(/permission denied/);
    await expect(t.db.pool.query('drop policy tenant_isolation on network_members')).rejects.toThrow(/owner/);
  });

  it('shows nothing tenant-owned without a tenant context, and refuses writes', async () => {
    const count = await t.db.transaction({ tenantId: null }, (sql) =>
      sql.query<{ n: number }>('select count(*)::int as n from network_members'),
    );
    expect(count.rows[0]?.n).toBe(0);
    const raw = await t.db.pool.query<{ n: number }>('select count(*)::int as n from network_members');
    expect(raw.rows[0]?.n).toBe(0);
    await expect(
      t.db.transaction({ tenantId: null }, (sql) =>
        sql.query('insert into network_members (tenant_id, organisation_id) values ($1, $2)', [tenants[0], organisations[0]]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('lets no hand-written query in tenant A read, change, delete or add rows of tenant B', async () => {
    const total = await asOwner(t.ownerUrl, (c) => c.query<{ n: number }>('select count(*)::int as n from network_members'));
    const perTenant = await asOwner(t.ownerUrl, (c) =>
      c.query<{ tenant_id: string; n: number }>('select tenant_id, count(*)::int as n from network_members group by tenant_id'),
    );
    const expected = new Map(perTenant.rows.map((r) => [r.tenant_id, r.n]));
    const tenantIndex = fc.integer({ min: 0, max: 3 });

    await fc.assert(
      fc.asyncProperty(tenantIndex, tenantIndex, fc.integer({ min: 0, max: 11 }), async (a, b, org) => {
        fc.pre(a !== b);
        const tenantA = tenants[a] as string;
        const tenantB = tenants[b] as string;
        await t.db.transaction({ tenantId: tenantA }, async (sql) => {
          const all = await sql.query<{ tenant_id: string }>('select tenant_id from network_members');
          expect(all.rows.length).toBe(expected.get(tenantA) ?? 0);
          expect(all.rows.every((r) => r.tenant_id === tenantA)).toBe(true);
          const aimed = await sql.query('select * from network_members where tenant_id = $1', [tenantB]);
          expect(aimed.rowCount).toBe(0);
          const joined = await sql.query(
            'select o.name from organisations o join network_members n on n.organisation_id = o.id where n.tenant_id = $1',
            [tenantB],
          );
          expect(joined.rowCount).toBe(0);
          const updated = await sql.query('update network_members set joined_on = current_date - 1 where tenant_id = $1', [tenantB]);
          expect(updated.rowCount).toBe(0);
          const moved = await sql.query('update network_members set tenant_id = $1 where tenant_id = $2', [tenantA, tenantB]);
          expect(moved.rowCount).toBe(0);
          const deleted = await sql.query('delete from network_members where tenant_id = $1', [tenantB]);
          expect(deleted.rowCount).toBe(0);
        });
        await expect(
          t.db.transaction({ tenantId: tenantA }, (sql) =>
            sql.query('insert into network_members (tenant_id, organisation_id) values ($1, $2) on conflict do nothing', [
              tenantB,
              organisations[org],
            ]),
          ),
        ).rejects.toThrow(/row-level security/);
        await expect(
          t.db.transaction({ tenantId: tenantA }, (sql) =>
            sql.query('update network_members set tenant_id = $1 where tenant_id = $2', [tenantB, tenantA]),
          ),
        ).rejects.toThrow(/row-level security/);
      }),
      { numRuns: 60 },
    );

    const after = await asOwner(t.ownerUrl, (c) => c.query<{ n: number }>('select count(*)::int as n from network_members'));
    expect(after.rows[0]?.n).toBe(total.rows[0]?.n);
  });

  it('shows the search copies only through views of the current tenant, and not at all without one', async () => {
    // Two public services in tenant 0, one in tenant 1 (inserted as the owner; the trigger copies
    // them), and in tenant 0 also a draft, a withdrawn and an inactive one that nobody may find.
    await asOwner(t.ownerUrl, async (c) => {
      for (const [tenant, names] of [
        [tenants[0], ['Maatje Noord', 'Maatje Zuid']],
        [tenants[1], ['Maatje Elders']],
      ] as const) {
        await c.query(`select set_config('naaste.tenant_id', $1, false)`, [tenant]);
        const org = await c.query<{ id: string }>(
          `insert into directory_organizations (tenant_id, name) values ($1, 'Welzijn') returning id`,
          [tenant],
        );
        for (const name of names) {
          await c.query(
            `insert into directory_services (tenant_id, organization_id, name, review_status, search_vector)
             values ($1, $2, $3, 'published', to_tsvector('dutch', $3))`,
            [tenant, org.rows[0]?.id, name],
          );
        }
        await c.query(`insert into directory_search_words (tenant_id, word, df) values ($1, 'maatje', $2)`, [tenant, names.length]);
        if (tenant !== tenants[0]) continue;
        for (const [name, review, status] of [
          ['Maatje Concept', 'draft', 'active'],
          ['Maatje Ingetrokken', 'withdrawn', 'active'],
          ['Maatje Gestopt', 'published', 'inactive'],
        ]) {
          await c.query(
            `insert into directory_services (tenant_id, organization_id, name, review_status, status, search_vector)
             values ($1, $2, $3, $4, $5, to_tsvector('dutch', $3))`,
            [tenant, org.rows[0]?.id, name, review, status],
          );
        }
      }
    });
    const seen = (tenantId: string | null) =>
      t.db.transaction({ tenantId }, async (sql) => ({
        services: (
          await sql.query<{ tenant_id: string }>(
            `select tenant_id from directory_search_public where search_vector @@ to_tsquery('dutch', 'maatje')`,
          )
        ).rows,
        aimed: (await sql.query('select id from directory_search_public where tenant_id = $1', [tenants[1]])).rowCount,
        words: (await sql.query<{ df: number }>(`select df from directory_search_vocabulary where word % 'maatje'`)).rows,
        table: (await sql.query('select id from directory_search_entries')).rowCount,
      }));
    const a = await seen(tenants[0] as string);
    expect(a.services.map((r) => r.tenant_id)).toEqual([tenants[0], tenants[0]]);
    expect(a.aimed).toBe(0);
    expect(a.words.map((r) => r.df)).toEqual([2]);
    // Read directly, the copy (every state) is still under row-level security for the app role.
    expect(a.table).toBe(5);
    const b = await seen(tenants[1] as string);
    expect(b.services.map((r) => r.tenant_id)).toEqual([tenants[1]]);
    expect(b.words.map((r) => r.df)).toEqual([1]);
    const none = await seen(null);
    expect(none).toEqual({ services: [], aimed: 0, words: [], table: 0 });
    // The app role may only read the views (it keeps the copies beneath them, under row-level security).
    const rights = await asOwner(t.ownerUrl, (c) =>
      c.query<{ relation: string; privilege: string }>(
        `select r.relation, p.privilege
         from unnest(array['directory_search_public', 'directory_search_vocabulary']) r(relation),
           unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p(privilege)
         where has_table_privilege('naaste_app', r.relation, p.privilege)
         order by 1, 2`,
      ),
    );
    expect(rights.rows).toEqual([
      { relation: 'directory_search_public', privilege: 'SELECT' },
      { relation: 'directory_search_vocabulary', privilege: 'SELECT' },
    ]);
    // The views cannot be written through, and the app role cannot redefine them.
    await expect(
      t.db.transaction({ tenantId: tenants[0] as string }, (sql) => sql.query(`update directory_search_public set name_key = 'x'`)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      t.db.pool.query('create or replace view directory_search_public as select * from directory_search_entries'),
    ).rejects.toThrow(/owner|permission denied/);
  });

  it('keeps the tenant context inside its transaction, so a pooled connection does not carry it over', async () => {
    const single = new (await import('../../../src/platform/db/database.ts')).Database(t.appUrl, { max: 1 });
    try {
      const inA = await single.transaction({ tenantId: tenants[0] as string }, (sql) =>
        sql.query<{ n: number }>('select count(*)::int as n from network_members'),
      );
      expect(inA.rows[0]?.n).toBeGreaterThan(0);
      const after = await single.pool.query<{ n: number }>('select count(*)::int as n from network_members');
      expect(after.rows[0]?.n).toBe(0);
    } finally {
      await single.close();
    }
  });

  it('cannot escape by setting the tenant of another municipality through a malformed value', async () => {
    await expect(
      t.db.transaction({ tenantId: `${tenants[0]}' or true --` }, (sql) => sql.query('select * from network_members')),
    ).rejects.toThrow(/uuid/);
  });
});
