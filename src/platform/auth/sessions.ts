import type { Sql } from '../db/database.ts';
import { randomToken, tokenHash } from './tokens.ts';

/** Signed-in time limits: idle (no request for a while) and absolute (since sign-in). */
export const SESSION_LIMITS = { idleMinutes: 30, absoluteHours: 12 } as const;

export type SessionAccount = {
  id: string;
  email: string;
  displayName: string;
  kind: 'resident' | 'professional';
  platformAdmin: boolean;
  totpEnrolled: boolean;
  locale: 'nl' | 'en';
};

export type Session = {
  idHash: string;
  account: SessionAccount;
  createdAt: string;
  secondFactorAt: string | null;
  tenantId: string | null;
};

/** Starts a session and returns its id: the only copy, meant for the cookie. */
export async function createSession(
  sql: Sql,
  accountId: string,
  access: { ip?: string | null; userAgent?: string | null; secondFactor?: boolean; tenantId?: string | null },
): Promise<string> {
  const id = randomToken(16);
  await sql.query(
    `insert into sessions (id_hash, account_id, expires_at, second_factor_at, active_tenant_id, ip, user_agent)
     values ($1, $2, now() + make_interval(hours => $3), case when $4 then now() end, $5, $6, $7)`,
    [
      tokenHash(id),
      accountId,
      SESSION_LIMITS.absoluteHours,
      access.secondFactor === true,
      access.tenantId ?? null,
      access.ip ?? null,
      access.userAgent?.slice(0, 500) ?? null,
    ],
  );
  return id;
}

/**
 * The live session for this id, or null when it is unknown, revoked, past a time limit, or its
 * account is disabled. A live session's idle clock restarts.
 */
export async function findSession(sql: Sql, id: string | undefined): Promise<Session | null> {
  if (!id || id.length > 64) return null;
  const { rows } = await sql.query<Session & { accountId: string }>(
    `update sessions s set last_seen_at = now()
     from accounts a
     where s.id_hash = $1 and a.id = s.account_id
       and s.revoked_at is null and a.disabled_at is null
       and s.expires_at > now()
       and s.last_seen_at > now() - make_interval(mins => $2)
     returning s.id_hash as "idHash", s.created_at as "createdAt", s.second_factor_at as "secondFactorAt", s.active_tenant_id as "tenantId",
       json_build_object('id', a.id, 'email', a.email, 'displayName', a.display_name, 'kind', a.kind,
         'platformAdmin', a.platform_admin, 'totpEnrolled', a.totp_enrolled_at is not null, 'locale', a.locale) as account`,
    [tokenHash(id), SESSION_LIMITS.idleMinutes],
  );
  return rows[0] ?? null;
}

export async function markSecondFactor(sql: Sql, idHash: string): Promise<void> {
  await sql.query('update sessions set second_factor_at = now() where id_hash = $1', [idHash]);
}

export async function chooseTenant(sql: Sql, idHash: string, tenantId: string | null): Promise<void> {
  await sql.query('update sessions set active_tenant_id = $2 where id_hash = $1', [idHash, tenantId]);
}

export async function revokeSession(sql: Sql, idHash: string): Promise<void> {
  await sql.query('update sessions set revoked_at = now() where id_hash = $1 and revoked_at is null', [idHash]);
}

/** Sign out everywhere, and what disabling an account does. */
export async function revokeAllSessions(sql: Sql, accountId: string): Promise<number> {
  const result = await sql.query('update sessions set revoked_at = now() where account_id = $1 and revoked_at is null', [accountId]);
  return result.rowCount ?? 0;
}
