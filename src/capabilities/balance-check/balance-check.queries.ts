import type { Sql } from '../../platform/db/database.ts';
import type { Answers, BurdenLevel, InstrumentDefinition } from './balance-check.definition.ts';

export type DefinitionRow = { key: string; version: string; organisationId: string | null; definition: unknown; createdAt: string };

const definitionColumns = `key, version, organisation_id as "organisationId", definition,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"`;

/** Stores the shipped definitions once; a second call (or another node at the same time) changes nothing. */
export async function ensureDefinitions(sql: Sql, definitions: readonly InstrumentDefinition[]): Promise<void> {
  for (const d of definitions) {
    await sql.query(
      `insert into instrument_definitions (key, version, organisation_id, definition) values ($1, $2, null, $3)
       on conflict (key, version) do nothing`,
      [d.key, d.version, JSON.stringify(d)],
    );
  }
}

export async function insertDefinition(sql: Sql, d: InstrumentDefinition, organisationId: string | null): Promise<boolean> {
  const { rowCount } = await sql.query(
    `insert into instrument_definitions (key, version, organisation_id, definition) values ($1, $2, $3, $4)
     on conflict (key, version) do nothing`,
    [d.key, d.version, organisationId, JSON.stringify(d)],
  );
  return (rowCount ?? 0) > 0;
}

export async function findDefinitions(sql: Sql, key: string, version?: string): Promise<DefinitionRow[]> {
  const { rows } = await sql.query<DefinitionRow>(
    `select ${definitionColumns} from instrument_definitions where key = $1 and ($2::text is null or version = $2)`,
    [key, version ?? null],
  );
  return rows;
}

/** Definitions for everyone (no organisation) and those of the given organisations. */
export async function offeredDefinitions(sql: Sql, organisationIds: string[]): Promise<DefinitionRow[]> {
  const { rows } = await sql.query<DefinitionRow>(
    `select ${definitionColumns} from instrument_definitions
     where organisation_id is null or organisation_id = any($1::uuid[]) order by key, created_at`,
    [organisationIds],
  );
  return rows;
}

export async function organisationName(sql: Sql, organisationId: string): Promise<string | null> {
  const { rows } = await sql.query<{ name: string }>('select name from organisations where id = $1', [organisationId]);
  return rows[0]?.name ?? null;
}

/** The organisations in the network of the context's municipality (row-level security keeps it to that one). */
export async function networkOrganisationIds(sql: Sql, tenantId: string): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>('select organisation_id as id from network_members where tenant_id = $1', [tenantId]);
  return rows.map((r) => r.id);
}

export type Relationship = { id: string; caredForName: string; relation: string; ended: boolean };

export async function relationshipOf(
  sql: Sql,
  tenantId: string,
  relationshipId: string,
  caregiverId: string,
): Promise<Relationship | null> {
  const { rows } = await sql.query<Relationship>(
    `select id, cared_for_name as "caredForName", relation, ended_at is not null as ended
     from care_relationships where tenant_id = $1 and id = $2 and caregiver_id = $3`,
    [tenantId, relationshipId, caregiverId],
  );
  return rows[0] ?? null;
}

export async function relationshipsOf(sql: Sql, tenantId: string, caregiverId: string): Promise<Relationship[]> {
  const { rows } = await sql.query<Relationship>(
    `select id, cared_for_name as "caredForName", relation, ended_at is not null as ended
     from care_relationships where tenant_id = $1 and caregiver_id = $2 order by ended_at nulls first, created_at limit 100`,
    [tenantId, caregiverId],
  );
  return rows;
}

export type ResultRow = {
  id: string;
  tenantId: string;
  personId: string;
  careRelationshipId: string | null;
  instrumentKey: string;
  instrumentVersion: string;
  answers: Answers;
  score: number;
  band: string;
  aboveThreshold: boolean;
  recordedBy: string | null;
  takenAt: string;
};

const resultColumns = `id, tenant_id as "tenantId", person_id as "personId", care_relationship_id as "careRelationshipId",
  instrument_key as "instrumentKey", instrument_version as "instrumentVersion", answers, score, band,
  above_threshold as "aboveThreshold", recorded_by as "recordedBy",
  to_char(taken_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "takenAt"`;

export async function insertResult(sql: Sql, row: Omit<ResultRow, 'id' | 'takenAt'> & { takenAt?: string | null }): Promise<ResultRow> {
  const { rows } = await sql.query<ResultRow>(
    `insert into balance_check_results
       (tenant_id, person_id, care_relationship_id, instrument_key, instrument_version, answers, score, band, above_threshold, recorded_by, taken_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11::timestamptz, now()))
     returning ${resultColumns}`,
    [
      row.tenantId,
      row.personId,
      row.careRelationshipId,
      row.instrumentKey,
      row.instrumentVersion,
      JSON.stringify(row.answers),
      row.score,
      row.band,
      row.aboveThreshold,
      row.recordedBy,
      row.takenAt ?? null,
    ],
  );
  return rows[0] as ResultRow;
}

/** The latest earlier result of the same instrument version for one care relationship. */
export async function previousResult(
  sql: Sql,
  tenantId: string,
  careRelationshipId: string,
  key: string,
  version: string,
): Promise<ResultRow | null> {
  const { rows } = await sql.query<ResultRow>(
    `select ${resultColumns} from balance_check_results
     where tenant_id = $1 and care_relationship_id = $2 and instrument_key = $3 and instrument_version = $4
     order by taken_at desc, id desc limit 1`,
    [tenantId, careRelationshipId, key, version],
  );
  return rows[0] ?? null;
}

/** A person's results, newest last (the order of a chart); at most the latest 500. */
export async function listResults(sql: Sql, tenantId: string, personId: string, careRelationshipId?: string): Promise<ResultRow[]> {
  const { rows } = await sql.query<ResultRow>(
    `select * from (
       select ${resultColumns}, taken_at as sort_at from balance_check_results
       where tenant_id = $1 and person_id = $2 and ($3::uuid is null or care_relationship_id = $3)
       order by taken_at desc, id desc limit 500
     ) latest order by sort_at, id`,
    [tenantId, personId, careRelationshipId ?? null],
  );
  return rows.map(({ sort_at: _, ...row }: ResultRow & { sort_at?: unknown }) => row);
}

export type OpenCase = { id: string; organisationId: string };

export async function openCases(sql: Sql, tenantId: string, careRelationshipId: string): Promise<OpenCase[]> {
  const { rows } = await sql.query<OpenCase>(
    `select id, organisation_id as "organisationId" from support_cases
     where tenant_id = $1 and care_relationship_id = $2 and status <> 'closed' order by opened_at`,
    [tenantId, careRelationshipId],
  );
  return rows;
}

export async function setBurdenLevel(sql: Sql, tenantId: string, caseId: string, level: BurdenLevel): Promise<void> {
  await sql.query('update support_cases set burden_level = $3, updated_at = now() where tenant_id = $1 and id = $2', [
    tenantId,
    caseId,
    level,
  ]);
}

export async function insertSignal(
  sql: Sql,
  tenantId: string,
  caseId: string,
  kind: 'aboveThreshold' | 'clearRise',
  balanceCheckId: string,
): Promise<void> {
  await sql.query('insert into support_signals (tenant_id, case_id, kind, balance_check_id) values ($1, $2, $3, $4)', [
    tenantId,
    caseId,
    kind,
    balanceCheckId,
  ]);
}
