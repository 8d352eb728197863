import type { Sql } from '../db/database.ts';
import type { Membership } from './roles.ts';

/** Every active membership of one person, across municipalities (see account_memberships in the migrations). */
export async function membershipsOf(sql: Sql, accountId: string): Promise<Membership[]> {
  const { rows } = await sql.query<Membership>(
    `select tenant_id as "tenantId", municipality_code as "municipalityCode", municipality_name as "municipalityName",
       organisation_id as "organisationId", organisation_name as "organisationName", roles
     from account_memberships($1)`,
    [accountId],
  );
  return rows;
}
