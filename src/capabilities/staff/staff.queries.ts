import type { Sql } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/sql-text.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { StaffMember } from './staff.schemas.ts';

export type { StaffMember } from './staff.schemas.ts';

const staffColumns = `m.id as "membershipId", a.id as "accountId", a.display_name as "displayName", a.email, m.roles,
  m.disabled_at is not null as "membershipDisabled", a.disabled_at is not null as "accountDisabled",
  a.password_hash is null and exists (select 1 from email_tokens t where t.account_id = a.id and t.purpose = 'invitation'
    and t.used_at is null and t.expires_at > now()) as "invitationPending"`;

/** Staff of one organisation in the tenant of the transaction (row-level security applies). */
export async function listStaff(
  sql: Sql,
  organisationId: string,
  options: { search?: string | undefined; limit: number; offset: number; sort: 'name' | 'email' },
): Promise<{ items: StaffMember[]; total: number }> {
  const search = options.search ? containsPattern(options.search) : null;
  const order = options.sort === 'email' ? 'a.email' : 'lower(a.display_name), a.email';
  const { rows } = await sql.query<StaffMember & { total: string }>(
    `select ${staffColumns}, count(*) over () as total
     from memberships m join accounts a on a.id = m.account_id
     where m.organisation_id = $1 and ($2::text is null or a.display_name ilike $2 or a.email ilike $2)
     order by ${order}
     limit $3 offset $4`,
    [organisationId, search, options.limit, options.offset],
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: Number(rows[0]?.total ?? 0) };
}

export async function findStaffMember(sql: Sql, membershipId: string): Promise<(StaffMember & { organisationId: string }) | null> {
  const { rows } = await sql.query<StaffMember & { organisationId: string }>(
    `select ${staffColumns}, m.organisation_id as "organisationId"
     from memberships m join accounts a on a.id = m.account_id where m.id = $1 and m.organisation_id is not null`,
    [membershipId],
  );
  return rows[0] ?? null;
}

export async function upsertMembership(
  sql: Sql,
  m: { tenantId: string; accountId: string; organisationId: string | null; roles: Role[] },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into memberships (tenant_id, account_id, organisation_id, roles) values ($1, $2, $3, $4)
     on conflict (tenant_id, account_id, organisation_id)
       do update set roles = (select array_agg(distinct r order by r) from unnest(memberships.roles || excluded.roles) r),
                     disabled_at = null, updated_at = now()
     returning id`,
    [m.tenantId, m.accountId, m.organisationId, m.roles],
  );
  return rows[0]?.id as string;
}

export async function setRoles(sql: Sql, membershipId: string, roles: Role[]): Promise<void> {
  await sql.query('update memberships set roles = $2, updated_at = now() where id = $1', [membershipId, roles]);
}

export async function setMembershipDisabled(sql: Sql, membershipId: string, disabled: boolean): Promise<void> {
  await sql.query(
    `update memberships set disabled_at = case when $2 then coalesce(disabled_at, now()) end, updated_at = now() where id = $1`,
    [membershipId, disabled],
  );
}

export async function isInNetwork(sql: Sql, tenantId: string, organisationId: string): Promise<boolean> {
  const { rows } = await sql.query('select 1 from network_members where tenant_id = $1 and organisation_id = $2', [
    tenantId,
    organisationId,
  ]);
  return rows.length > 0;
}

export async function organisationName(sql: Sql, organisationId: string): Promise<string | null> {
  const { rows } = await sql.query<{ name: string }>('select name from organisations where id = $1', [organisationId]);
  return rows[0]?.name ?? null;
}
