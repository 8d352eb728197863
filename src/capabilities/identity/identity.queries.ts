import type { Sql } from '../../platform/db/database.ts';

export type AccountRow = {
  id: string;
  email: string;
  displayName: string;
  kind: 'resident' | 'professional';
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnrolledAt: Date | null;
  totpLastStep: string | null;
  platformAdmin: boolean;
  birthDate: string | null;
  locale: 'nl' | 'en';
  disabledAt: Date | null;
};

const accountColumns = `id, email, display_name as "displayName", kind, password_hash as "passwordHash", totp_secret as "totpSecret",
  totp_enrolled_at as "totpEnrolledAt", totp_last_step as "totpLastStep", platform_admin as "platformAdmin",
  to_char(birth_date, 'YYYY-MM-DD') as "birthDate", locale, disabled_at as "disabledAt"`;

export async function findAccountByEmail(sql: Sql, email: string): Promise<AccountRow | null> {
  const { rows } = await sql.query<AccountRow>(`select ${accountColumns} from accounts where email = $1`, [email.toLowerCase()]);
  return rows[0] ?? null;
}

export async function findAccountById(sql: Sql, id: string): Promise<AccountRow | null> {
  const { rows } = await sql.query<AccountRow>(`select ${accountColumns} from accounts where id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertAccount(
  sql: Sql,
  a: {
    email: string;
    displayName: string;
    kind: 'resident' | 'professional';
    passwordHash?: string | null;
    platformAdmin?: boolean;
    locale?: string;
    birthDate?: string | null;
  },
): Promise<AccountRow> {
  const { rows } = await sql.query<AccountRow>(
    `insert into accounts (email, display_name, kind, password_hash, platform_admin, locale, birth_date)
     values ($1, $2, $3, $4, $5, $6, $7::date) returning ${accountColumns}`,
    [a.email.toLowerCase(), a.displayName, a.kind, a.passwordHash ?? null, a.platformAdmin ?? false, a.locale ?? 'nl', a.birthDate ?? null],
  );
  return rows[0] as AccountRow;
}

export async function setPasswordHash(sql: Sql, accountId: string, hash: string): Promise<void> {
  await sql.query('update accounts set password_hash = $2, updated_at = now() where id = $1', [accountId, hash]);
}

export async function setPendingTotpSecret(sql: Sql, accountId: string, secret: string): Promise<void> {
  await sql.query(
    'update accounts set totp_secret = $2, totp_enrolled_at = null, totp_last_step = null, updated_at = now() where id = $1',
    [accountId, secret],
  );
}

export async function markTotpEnrolled(sql: Sql, accountId: string, step: number): Promise<void> {
  await sql.query('update accounts set totp_enrolled_at = now(), totp_last_step = $2, updated_at = now() where id = $1', [accountId, step]);
}

/** Takes a TOTP step only if it is newer than the last one used: a code works once. */
export async function takeTotpStep(sql: Sql, accountId: string, step: number): Promise<boolean> {
  const result = await sql.query(
    'update accounts set totp_last_step = $2 where id = $1 and (totp_last_step is null or totp_last_step < $2)',
    [accountId, step],
  );
  return (result.rowCount ?? 0) === 1;
}

export async function replaceRecoveryCodes(sql: Sql, accountId: string, hashes: string[]): Promise<void> {
  await sql.query('delete from recovery_codes where account_id = $1', [accountId]);
  await sql.query('insert into recovery_codes (account_id, code_hash) select $1, unnest($2::text[])', [accountId, hashes]);
}

export async function useRecoveryCode(sql: Sql, accountId: string, hash: string): Promise<boolean> {
  const result = await sql.query('update recovery_codes set used_at = now() where account_id = $1 and code_hash = $2 and used_at is null', [
    accountId,
    hash,
  ]);
  return (result.rowCount ?? 0) === 1;
}

export async function countUnusedRecoveryCodes(sql: Sql, accountId: string): Promise<number> {
  const { rows } = await sql.query<{ n: string }>('select count(*) as n from recovery_codes where account_id = $1 and used_at is null', [
    accountId,
  ]);
  return Number(rows[0]?.n ?? 0);
}

export async function insertEmailToken(
  sql: Sql,
  t: { tokenHash: string; purpose: 'signIn' | 'passwordReset' | 'invitation'; email: string; accountId: string | null; minutes: number },
): Promise<void> {
  await sql.query(
    `insert into email_tokens (token_hash, purpose, email, account_id, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
    [t.tokenHash, t.purpose, t.email.toLowerCase(), t.accountId, t.minutes],
  );
}

export async function recentEmailTokens(sql: Sql, email: string, purpose: string, minutes: number): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(
    `select count(*) as n from email_tokens where email = $1 and purpose = $2 and created_at > now() - make_interval(mins => $3)`,
    [email.toLowerCase(), purpose, minutes],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Uses a single-use link: only once, only before it expires. */
export async function consumeEmailToken(
  sql: Sql,
  tokenHash: string,
  purpose: string,
): Promise<{ email: string; accountId: string | null } | null> {
  const { rows } = await sql.query<{ email: string; accountId: string | null }>(
    `update email_tokens set used_at = now()
     where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()
     returning email, account_id as "accountId"`,
    [tokenHash, purpose],
  );
  return rows[0] ?? null;
}

/** A link that can still be used, without using it (for the page that asks to confirm). */
export async function peekEmailToken(sql: Sql, tokenHash: string, purpose: string): Promise<{ email: string } | null> {
  const { rows } = await sql.query<{ email: string }>(
    'select email from email_tokens where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()',
    [tokenHash, purpose],
  );
  return rows[0] ?? null;
}

export async function setDisabled(sql: Sql, accountId: string, disabled: boolean): Promise<boolean> {
  const result = await sql.query(
    `update accounts set disabled_at = case when $2 then coalesce(disabled_at, now()) end, updated_at = now() where id = $1`,
    [accountId, disabled],
  );
  return (result.rowCount ?? 0) === 1;
}

export async function setEnrolledTotpSecret(sql: Sql, accountId: string, secret: string): Promise<void> {
  await sql.query(
    'update accounts set totp_secret = $2, totp_enrolled_at = now(), totp_last_step = null, updated_at = now() where id = $1',
    [accountId, secret],
  );
}
