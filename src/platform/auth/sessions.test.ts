import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { createSession, findSession, markSecondFactor, revokeAllSessions, revokeSession, SESSION_LIMITS } from './sessions.ts';
import { tokenHash } from './tokens.ts';

let t: TestDatabase;
let accountId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  accountId = await asOwner(t.ownerUrl, async (c) => {
    const r = await c.query<{ id: string }>(
      `insert into accounts (email, display_name, kind) values ('consulent@demodam.example', 'Consulent', 'professional') returning id`,
    );
    return r.rows[0]?.id as string;
  });
});

afterAll(async () => {
  await t?.drop();
});

const platform = <T>(work: Parameters<typeof t.db.platform<T>>[0]) => t.db.platform(work);

describe('sessions', () => {
  it('gives a 128-bit random id and stores only its hash', async () => {
    const id = await platform((sql) => createSession(sql, accountId, { ip: '127.0.0.1', userAgent: 'test' }));
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    const stored = await asOwner(t.ownerUrl, (c) => c.query<{ id_hash: string }>('select id_hash from sessions'));
    expect(stored.rows.map((r) => r.id_hash)).toContain(tokenHash(id));
    expect(stored.rows.map((r) => r.id_hash)).not.toContain(id);
    const session = await platform((sql) => findSession(sql, id));
    expect(session?.account).toMatchObject({ email: 'consulent@demodam.example', kind: 'professional', totpEnrolled: false });
    expect(session?.secondFactorAt).toBeNull();
    await platform((sql) => markSecondFactor(sql, tokenHash(id)));
    expect((await platform((sql) => findSession(sql, id)))?.secondFactorAt).not.toBeNull();
  });

  it('ends at the idle and absolute time-outs', async () => {
    const idle = await platform((sql) => createSession(sql, accountId, {}));
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update sessions set last_seen_at = now() - make_interval(mins => $2) where id_hash = $1`, [
        tokenHash(idle),
        SESSION_LIMITS.idleMinutes + 1,
      ]),
    );
    expect(await platform((sql) => findSession(sql, idle))).toBeNull();
    const old = await platform((sql) => createSession(sql, accountId, {}));
    await asOwner(t.ownerUrl, (c) =>
      c.query(`update sessions set expires_at = now() - interval '1 second' where id_hash = $1`, [tokenHash(old)]),
    );
    expect(await platform((sql) => findSession(sql, old))).toBeNull();
  });

  it('ends at sign-out, at sign-out everywhere and when the account is disabled', async () => {
    const one = await platform((sql) => createSession(sql, accountId, {}));
    await platform((sql) => revokeSession(sql, tokenHash(one)));
    expect(await platform((sql) => findSession(sql, one))).toBeNull();

    const a = await platform((sql) => createSession(sql, accountId, {}));
    const b = await platform((sql) => createSession(sql, accountId, {}));
    expect(await platform((sql) => revokeAllSessions(sql, accountId))).toBeGreaterThanOrEqual(2);
    expect(await platform((sql) => findSession(sql, a))).toBeNull();
    expect(await platform((sql) => findSession(sql, b))).toBeNull();

    const c = await platform((sql) => createSession(sql, accountId, {}));
    await asOwner(t.ownerUrl, (o) => o.query('update accounts set disabled_at = now() where id = $1', [accountId]));
    expect(await platform((sql) => findSession(sql, c))).toBeNull();
  });

  it('finds nothing for unknown, empty or oversized ids', async () => {
    expect(await platform((sql) => findSession(sql, undefined))).toBeNull();
    expect(await platform((sql) => findSession(sql, 'AAAAAAAAAAAAAAAAAAAAAA'))).toBeNull();
    expect(await platform((sql) => findSession(sql, 'x'.repeat(5000)))).toBeNull();
  });
});
