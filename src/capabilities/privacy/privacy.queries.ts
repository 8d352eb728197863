import type { Sql } from '../../platform/db/database.ts';

export type PersonTenant = { tenantId: string; municipalityCode: string; municipalityName: string };

/** The municipalities that hold memberships, consents or access-log lines of this person (see person_tenants). */
export async function personTenants(sql: Sql, personId: string): Promise<PersonTenant[]> {
  const { rows } = await sql.query<PersonTenant>(
    `select tenant_id as "tenantId", municipality_code as "municipalityCode", municipality_name as "municipalityName"
     from person_tenants($1)`,
    [personId],
  );
  return rows;
}

export type AccountData = {
  id: string;
  email: string;
  displayName: string;
  kind: 'resident' | 'professional';
  locale: 'nl' | 'en';
  birthDate: string | null;
  createdAt: string;
};

export async function accountData(sql: Sql, personId: string): Promise<AccountData | null> {
  const { rows } = await sql.query<AccountData>(
    `select id, email, display_name as "displayName", kind, locale, to_char(birth_date, 'YYYY-MM-DD') as "birthDate",
       to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
     from accounts where id = $1 and erased_at is null`,
    [personId],
  );
  return rows[0] ?? null;
}

export type MembershipData = { organisationName: string | null; roles: string[]; since: string };

export async function memberships(sql: Sql, tenantId: string, personId: string): Promise<MembershipData[]> {
  const { rows } = await sql.query<MembershipData>(
    `select o.name as "organisationName", m.roles, to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as since
     from memberships m left join organisations o on o.id = m.organisation_id
     where m.tenant_id = $1 and m.account_id = $2 and m.disabled_at is null order by o.name nulls first`,
    [tenantId, personId],
  );
  return rows;
}

/** One access-log line about the person, with the names a person can read. */
export type AccessLine = {
  tenantId: string;
  seq: number;
  occurredAt: string;
  eventCode: string;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  userId: string | null;
  userName: string | null;
  userErased: boolean;
  role: string | null;
  purpose: string | null;
  organisationId: string | null;
  organisationName: string | null;
  recordPart: string | null;
};

const lineColumns = `l.tenant_id as "tenantId", l.seq,
  to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "occurredAt", l.event_code as "eventCode", l.action,
  l.outcome, l.user_id as "userId", u.display_name as "userName", (u.erased_at is not null) as "userErased", l.role, l.purpose,
  l.organisation_id as "organisationId", o.name as "organisationName", l.record_part as "recordPart"`;

/** The newest lines about this person in one municipality (the access_log_person index serves it). */
export async function accessLines(sql: Sql, tenantId: string, personId: string, limit: number | null): Promise<AccessLine[]> {
  const { rows } = await sql.query<AccessLine>(
    `select ${lineColumns}
     from access_log l left join accounts u on u.id = l.user_id left join organisations o on o.id = l.organisation_id
     where l.tenant_id = $1 and l.person_id = $2
     order by l.occurred_at desc, l.seq desc
     limit $3`,
    [tenantId, personId, limit],
  );
  return rows;
}

export async function countAccessLines(sql: Sql, tenantId: string, personId: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('select count(*) as n from access_log where tenant_id = $1 and person_id = $2', [
    tenantId,
    personId,
  ]);
  return Number(rows[0]?.n ?? 0);
}

// ---- erasure --------------------------------------------------------------------------------

/** Withdraws every consent still in force; returns what was withdrawn, for the access log. */
export async function withdrawAllConsents(
  sql: Sql,
  tenantId: string,
  personId: string,
): Promise<{ id: string; purpose: string; organisationId: string; dataCategory: string }[]> {
  const { rows } = await sql.query<{ id: string; purpose: string; organisationId: string; dataCategory: string }>(
    `update consents set withdrawn_at = now() where tenant_id = $1 and person_id = $2 and withdrawn_at is null
     returning id, purpose, recipient_organisation_id as "organisationId", data_category as "dataCategory"`,
    [tenantId, personId],
  );
  return rows;
}

export async function deleteMemberships(sql: Sql, tenantId: string, personId: string): Promise<number> {
  const result = await sql.query('delete from memberships where tenant_id = $1 and account_id = $2', [tenantId, personId]);
  return result.rowCount ?? 0;
}

/**
 * Anonymises the account in place: the row stays (log lines and withdrawn consents point at its
 * id) but holds nothing that names the person, and it can never sign in again.
 */
export async function anonymiseAccount(sql: Sql, personId: string): Promise<string | null> {
  const { rows } = await sql.query<{ email: string }>(
    `update accounts a set email = 'verwijderd-' || a.id || '@verwijderd.invalid', display_name = 'Verwijderd account',
       password_hash = null, totp_secret = null, totp_enrolled_at = null, totp_last_step = null, birth_date = null,
       disabled_at = coalesce(a.disabled_at, now()), erased_at = now(), updated_at = now()
     from (select id, email from accounts where id = $1 and erased_at is null for update) old
     where a.id = old.id
     returning old.email`,
    [personId],
  );
  return rows[0]?.email ?? null;
}

/** What else names the person outside the tenants: sign-in links, recovery codes, lock-out counters, mail to them. */
export async function deleteSignInTraces(sql: Sql, personId: string, email: string): Promise<void> {
  await sql.query('delete from email_tokens where account_id = $1 or email = $2', [personId, email]);
  await sql.query('delete from recovery_codes where account_id = $1', [personId]);
  await sql.query('delete from sign_in_throttle where key = $1', [`email:${email}`]);
  await sql.query(`delete from jobs where kind = 'email.send' and payload->>'to' = $1`, [email]);
}
