import type { Sql } from '../../platform/db/database.ts';

export type SsoConfigurationRow = {
  organisationId: string;
  organisationName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailDomains: string[];
  enabled: boolean;
  updatedAt: Date;
};

const columns = `s.organisation_id as "organisationId", o.name as "organisationName", s.issuer, s.client_id as "clientId",
  s.client_secret as "clientSecret", s.email_domains as "emailDomains", s.enabled, s.updated_at as "updatedAt"`;

/** The enabled configurations whose domains include this one (more than one would be a set-up mistake). */
export async function findEnabledByDomain(sql: Sql, domain: string): Promise<SsoConfigurationRow[]> {
  const { rows } = await sql.query<SsoConfigurationRow>(
    `select ${columns} from organisation_sso s join organisations o on o.id = s.organisation_id
     where s.enabled and s.email_domains @> array[$1::text] limit 2`,
    [domain],
  );
  return rows;
}

export async function findByOrganisation(sql: Sql, organisationId: string): Promise<SsoConfigurationRow | null> {
  const { rows } = await sql.query<SsoConfigurationRow>(
    `select ${columns} from organisation_sso s join organisations o on o.id = s.organisation_id where s.organisation_id = $1`,
    [organisationId],
  );
  return rows[0] ?? null;
}

export async function organisationName(sql: Sql, organisationId: string): Promise<string | null> {
  const { rows } = await sql.query<{ name: string }>('select name from organisations where id = $1', [organisationId]);
  return rows[0]?.name ?? null;
}

/** Domains of this list that another organisation already uses for single sign-on. */
export async function domainsTakenElsewhere(sql: Sql, organisationId: string, domains: string[]): Promise<string[]> {
  const { rows } = await sql.query<{ domain: string }>(
    `select distinct d as domain from organisation_sso s, unnest(s.email_domains) d
     where s.organisation_id <> $1 and d = any($2::text[]) order by d`,
    [organisationId, domains],
  );
  return rows.map((r) => r.domain);
}

export async function upsertConfiguration(
  sql: Sql,
  c: { organisationId: string; issuer: string; clientId: string; clientSecret: string; emailDomains: string[]; enabled: boolean },
): Promise<void> {
  await sql.query(
    `insert into organisation_sso (organisation_id, issuer, client_id, client_secret, email_domains, enabled)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (organisation_id) do update set issuer = excluded.issuer, client_id = excluded.client_id,
       client_secret = excluded.client_secret, email_domains = excluded.email_domains, enabled = excluded.enabled, updated_at = now()`,
    [c.organisationId, c.issuer, c.clientId, c.clientSecret, c.emailDomains, c.enabled],
  );
}

export async function setEnabled(sql: Sql, organisationId: string, enabled: boolean): Promise<boolean> {
  const result = await sql.query('update organisation_sso set enabled = $2, updated_at = now() where organisation_id = $1', [
    organisationId,
    enabled,
  ]);
  return (result.rowCount ?? 0) === 1;
}

export type SsoAccountRow = {
  id: string;
  email: string;
  kind: 'resident' | 'professional';
  disabledAt: Date | null;
  totpEnrolled: boolean;
};

const accountColumns = `a.id, a.email, a.kind, a.disabled_at as "disabledAt", a.totp_enrolled_at is not null as "totpEnrolled"`;

export async function findAccountByExternalIdentity(sql: Sql, issuer: string, subject: string): Promise<SsoAccountRow | null> {
  const { rows } = await sql.query<SsoAccountRow>(
    `select ${accountColumns} from external_identities e join accounts a on a.id = e.account_id where e.issuer = $1 and e.subject = $2`,
    [issuer, subject],
  );
  return rows[0] ?? null;
}

export async function findAccountByEmail(sql: Sql, email: string): Promise<SsoAccountRow | null> {
  const { rows } = await sql.query<SsoAccountRow>(`select ${accountColumns} from accounts a where a.email = $1`, [email.toLowerCase()]);
  return rows[0] ?? null;
}

/** Whether the account already has an identity at this provider (then it is not linked to a second one). */
export async function hasIdentityAt(sql: Sql, accountId: string, issuer: string): Promise<boolean> {
  const { rows } = await sql.query('select 1 from external_identities where account_id = $1 and issuer = $2', [accountId, issuer]);
  return rows.length > 0;
}

export async function linkExternalIdentity(sql: Sql, accountId: string, issuer: string, subject: string): Promise<boolean> {
  const result = await sql.query(
    `insert into external_identities (account_id, issuer, subject, last_sign_in_at) values ($1, $2, $3, now())
     on conflict (issuer, subject) do nothing`,
    [accountId, issuer, subject],
  );
  return (result.rowCount ?? 0) === 1;
}

export async function touchExternalIdentity(sql: Sql, issuer: string, subject: string): Promise<void> {
  await sql.query('update external_identities set last_sign_in_at = now() where issuer = $1 and subject = $2', [issuer, subject]);
}
