import type { Sql } from '../db/database.ts';

/** One consent as stored; dates as ISO text so they read the same in pages, JSON and tests. */
export type ConsentRow = {
  id: string;
  tenantId: string;
  personId: string;
  dataCategory: string;
  purpose: string;
  recipientOrganisationId: string;
  recipientOrganisationName: string;
  givenHow: 'online' | 'recordedInPerson';
  recordedBy: string | null;
  recordedByName: string | null;
  guardianName: string | null;
  guardianConfirmedAt: string | null;
  validFrom: string;
  validUntil: string;
  withdrawnAt: string | null;
  active: boolean;
};

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const consentColumns = `c.id, c.tenant_id as "tenantId", c.person_id as "personId", c.data_category as "dataCategory", c.purpose,
  c.recipient_organisation_id as "recipientOrganisationId", o.name as "recipientOrganisationName", c.given_how as "givenHow",
  c.recorded_by as "recordedBy", r.display_name as "recordedByName", c.guardian_name as "guardianName",
  ${iso('c.guardian_confirmed_at')} as "guardianConfirmedAt", ${iso('c.valid_from')} as "validFrom",
  ${iso('c.valid_until')} as "validUntil", ${iso('c.withdrawn_at')} as "withdrawnAt",
  (c.withdrawn_at is null and c.valid_from <= now() and c.valid_until > now()) as active`;

const fromConsents = `from consents c join organisations o on o.id = c.recipient_organisation_id left join accounts r on r.id = c.recorded_by`;

/** Whether the person was under 16 on this day (null when the birth date is unknown). */
export async function personIsUnder16(sql: Sql, personId: string): Promise<{ exists: boolean; under16: boolean | null }> {
  const { rows } = await sql.query<{ under16: boolean | null }>(
    `select case when birth_date is null then null else birth_date > current_date - interval '16 years' end as under16
     from accounts where id = $1 and erased_at is null`,
    [personId],
  );
  const row = rows[0];
  return row ? { exists: true, under16: row.under16 } : { exists: false, under16: null };
}

export async function organisationInNetwork(sql: Sql, tenantId: string, organisationId: string): Promise<boolean> {
  const { rows } = await sql.query('select 1 from network_members where tenant_id = $1 and organisation_id = $2', [
    tenantId,
    organisationId,
  ]);
  return rows.length > 0;
}

export async function insertConsent(
  sql: Sql,
  c: {
    tenantId: string;
    personId: string;
    dataCategory: string;
    purpose: string;
    organisationId: string;
    givenHow: 'online' | 'recordedInPerson';
    recordedBy: string | null;
    guardianName: string | null;
    validUntil: string;
  },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into consents (tenant_id, person_id, data_category, purpose, recipient_organisation_id, given_how, recorded_by,
       guardian_name, guardian_confirmed_at, valid_until)
     values ($1, $2, $3, $4, $5, $6, $7, $8, case when $8::text is null then null else now() end, $9)
     returning id`,
    [c.tenantId, c.personId, c.dataCategory, c.purpose, c.organisationId, c.givenHow, c.recordedBy, c.guardianName, c.validUntil],
  );
  return (rows[0] as { id: string }).id;
}

export async function findConsent(sql: Sql, tenantId: string, id: string): Promise<ConsentRow | null> {
  const { rows } = await sql.query<ConsentRow>(`select ${consentColumns} ${fromConsents} where c.tenant_id = $1 and c.id = $2`, [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

/** Sets the withdrawal once; a second withdrawal changes nothing. */
export async function markWithdrawn(sql: Sql, tenantId: string, id: string, personId: string): Promise<boolean> {
  const result = await sql.query(
    'update consents set withdrawn_at = now() where tenant_id = $1 and id = $2 and person_id = $3 and withdrawn_at is null',
    [tenantId, id, personId],
  );
  return (result.rowCount ?? 0) === 1;
}

export async function listConsents(sql: Sql, tenantId: string, personId: string): Promise<ConsentRow[]> {
  const { rows } = await sql.query<ConsentRow>(
    `select ${consentColumns} ${fromConsents} where c.tenant_id = $1 and c.person_id = $2
     order by (c.withdrawn_at is null and c.valid_until > now()) desc, c.valid_from desc, c.id`,
    [tenantId, personId],
  );
  return rows;
}

/** The active consent that covers this access, if any: not withdrawn, begun, not yet ended. */
export async function findActiveConsent(
  sql: Sql,
  tenantId: string,
  q: { personId: string; dataCategory: string; purpose: string; organisationId: string },
): Promise<ConsentRow | null> {
  const { rows } = await sql.query<ConsentRow>(
    `select ${consentColumns} ${fromConsents}
     where c.tenant_id = $1 and c.person_id = $2 and c.recipient_organisation_id = $3 and c.data_category = $4 and c.purpose = $5
       and c.withdrawn_at is null and c.valid_from <= now() and c.valid_until > now()
     order by c.valid_until desc limit 1`,
    [tenantId, q.personId, q.organisationId, q.dataCategory, q.purpose],
  );
  return rows[0] ?? null;
}
