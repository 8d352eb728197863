import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { type AccessEvent, GENESIS_HASH, logAccess, verifyAccessLog } from './access-log.ts';

let t: TestDatabase;
let tenantA: string;
let tenantB: string;

const event = (n: number): AccessEvent => ({
  eventCode: 'careRelationship.read',
  action: 'read',
  outcome: 'success',
  personId: `00000000-0000-4000-8000-00000000000${n % 10}`,
  userId: '11111111-1111-4111-8111-111111111111',
  role: 'supportConsultant',
  purpose: 'support',
  ip: '127.0.0.1',
  userAgent: 'test',
  recordPart: 'supportPlan',
});

beforeAll(async () => {
  t = await createTestDatabase();
  [tenantA, tenantB] = await asOwner(t.ownerUrl, async (c) => {
    const ids: string[] = [];
    for (const [code, slug] of [
      ['GM9001', 'a'],
      ['GM9002', 'b'],
    ]) {
      const r = await c.query<{ id: string }>(
        `insert into municipalities (code, name, slug, active) values ($1, $1, $2, true) returning id`,
        [code, slug],
      );
      ids.push(r.rows[0]?.id as string);
    }
    return ids as [string, string];
  });
});

afterAll(async () => {
  await t?.drop();
});

describe('the access log', () => {
  it('chains each tenant’s lines and verifies them', async () => {
    for (let i = 0; i < 5; i++) await t.db.transaction({ tenantId: tenantA }, (sql) => logAccess(sql, tenantA, event(i)));
    const first = await t.db.transaction({ tenantId: tenantB }, (sql) => logAccess(sql, tenantB, event(9)));
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(await t.db.transaction({ tenantId: tenantA }, (sql) => verifyAccessLog(sql, tenantA))).toEqual({ lines: 5, broken: null });
    expect(await t.db.transaction({ tenantId: tenantB }, (sql) => verifyAccessLog(sql, tenantB))).toEqual({ lines: 1, broken: null });
  });

  it('writes nothing when the transaction of the access rolls back', async () => {
    const before = await asOwner(t.ownerUrl, (c) => c.query<{ n: number }>('select count(*)::int as n from access_log'));
    await expect(
      t.db.transaction({ tenantId: tenantA }, async (sql) => {
        await logAccess(sql, tenantA, event(1));
        throw new Error('the read itself failed');
      }),
    ).rejects.toThrow('the read itself failed');
    const after = await asOwner(t.ownerUrl, (c) => c.query<{ n: number }>('select count(*)::int as n from access_log'));
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('keeps one unbroken chain when many accesses are logged at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.db.transaction({ tenantId: tenantA }, (sql) => logAccess(sql, tenantA, event(i)))),
    );
    expect(await t.db.transaction({ tenantId: tenantA }, (sql) => verifyAccessLog(sql, tenantA))).toEqual({ lines: 25, broken: null });
  });

  it('cannot be changed or emptied by the app role', async () => {
    await expect(t.db.transaction({ tenantId: tenantA }, (sql) => sql.query(`update access_log set purpose = 'other'`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.db.transaction({ tenantId: tenantA }, (sql) => sql.query('delete from access_log'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.db.transaction({ tenantId: tenantA }, (sql) => sql.query('truncate access_log'))).rejects.toThrow(/permission denied/);
    await expect(asOwner(t.ownerUrl, (c) => c.query(`update access_log set purpose = 'other'`))).rejects.toThrow(/append-only/);
  });

  it('does not let tenant A read tenant B’s lines', async () => {
    const seen = await t.db.transaction({ tenantId: tenantA }, (sql) =>
      sql.query<{ tenant_id: string }>('select tenant_id from access_log'),
    );
    expect(seen.rows.length).toBe(25);
    expect(seen.rows.every((r) => r.tenant_id === tenantA)).toBe(true);
  });

  it('shows tampering: a changed line and a removed line break the chain', async () => {
    await asOwner(t.ownerUrl, async (c) => {
      await c.query('alter table access_log disable trigger access_log_append_only');
      await c.query(`update access_log set person_id = null where tenant_id = $1 and seq = 3`, [tenantA]);
      await c.query('alter table access_log enable trigger access_log_append_only');
    });
    expect(await t.db.transaction({ tenantId: tenantA }, (sql) => verifyAccessLog(sql, tenantA))).toEqual({
      lines: 2,
      broken: { seq: 3, reason: 'content changed' },
    });
    await asOwner(t.ownerUrl, async (c) => {
      await c.query('alter table access_log disable trigger access_log_append_only');
      await c.query(`delete from access_log where tenant_id = $1 and seq = 1`, [tenantB]);
      await c.query('alter table access_log enable trigger access_log_append_only');
    });
    await t.db.transaction({ tenantId: tenantB }, (sql) => logAccess(sql, tenantB, event(2)));
    expect(await t.db.transaction({ tenantId: tenantB }, (sql) => verifyAccessLog(sql, tenantB))).toEqual({
      lines: 0,
      broken: { seq: 1, reason: 'line missing' },
    });
  });

  it('shows lines removed from the end, which a chain alone would not', async () => {
    const lastSeq = await t.db.transaction({ tenantId: tenantA }, async (sql) => (await logAccess(sql, tenantA, event(4))).seq);
    await asOwner(t.ownerUrl, async (c) => {
      await c.query('alter table access_log disable trigger access_log_append_only');
      await c.query(`delete from access_log where tenant_id = $1 and seq >= 3`, [tenantA]);
      await c.query('alter table access_log enable trigger access_log_append_only');
    });
    expect(await t.db.transaction({ tenantId: tenantA }, (sql) => verifyAccessLog(sql, tenantA))).toEqual({
      lines: 2,
      broken: { seq: 3, reason: 'line missing' },
    });
    expect(lastSeq).toBe(26);
    await expect(
      t.db.transaction({ tenantId: tenantA }, (sql) => sql.query('update access_log_heads set seq = 2 where tenant_id = $1', [tenantA])),
    ).rejects.toThrow(/only moves forward/);
  });
});

describe('the verify command', () => {
  it('reports each municipality and fails on a broken chain', async () => {
    const { runCli } = await import('../../server/cli.ts');
    process.env.DATABASE_URL = t.appUrl;
    process.env.DATABASE_OWNER_URL = t.ownerUrl;
    process.env.BASE_URL = 'http://localhost:3000';
    const lines: string[] = [];
    expect(await runCli(['access-log:verify'], (l) => lines.push(l))).toBe(1);
    const out = lines.join('\n');
    expect(out).toMatch(/GM9001 GM9001: BROKEN at line 3 \(line missing\)/);
    expect(out).toMatch(/GM9002 GM9002: BROKEN at line 1 \(line missing\)/);
    expect(out).toMatch(/was tampered with/);
  });
});
