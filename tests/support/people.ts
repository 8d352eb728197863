import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/platform/auth/roles.ts';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { asOwner, type TestDatabase } from './database.ts';

export type TestPerson = { accountId: string; email: string; cookie: string };

/**
 * A person with memberships and a live session, made directly in the database (no sign-in pages,
 * no password hashing), for tests of what signed-in people may and may not do.
 */
export async function signedInPerson(
  t: TestDatabase,
  options: {
    kind?: 'resident' | 'professional';
    name?: string;
    platformAdmin?: boolean;
    secondFactor?: boolean;
    memberships?: { tenantId: string; organisationId: string | null; roles: Role[] }[];
    activeTenantId?: string | null;
  } = {},
): Promise<TestPerson> {
  const kind = options.kind ?? 'professional';
  const email = `${kind}-${randomBytes(5).toString('hex')}@test.example`;
  const accountId = await asOwner(t.ownerUrl, async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `insert into accounts (email, display_name, kind, platform_admin, password_hash, totp_secret, totp_enrolled_at)
       values ($1, $2, $3, $4, 'not-a-real-hash', case when $3 = 'professional' then 'JBSWY3DPEHPK3PXP' end, case when $3 = 'professional' then now() end)
       returning id`,
      [email, options.name ?? `Test ${kind}`, kind, options.platformAdmin ?? false],
    );
    const id = rows[0]?.id as string;
    for (const m of options.memberships ?? []) {
      await c.query('insert into memberships (tenant_id, account_id, organisation_id, roles) values ($1, $2, $3, $4)', [
        m.tenantId,
        id,
        m.organisationId,
        m.roles,
      ]);
    }
    return id;
  });
  const sessionId = await t.db.platform((sql) =>
    createSession(sql, accountId, {
      secondFactor: options.secondFactor ?? true,
      tenantId: options.activeTenantId ?? null,
      ip: '127.0.0.1',
      userAgent: 'test',
    }),
  );
  return { accountId, email, cookie: `naaste-session=${sessionId}` };
}
