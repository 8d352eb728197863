import type { Sql } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/sql-text.ts';
import type { Municipality, Organisation, OrganisationKind, Theme } from './organisations.schemas.ts';

const municipalityColumns = 'id, code, name, province, slug, active, theme';
const organisationColumnsOf = (t: string) =>
  `${t}.id, ${t}.name, ${t}.kind, ${t}.is_finding_place as "isFindingPlace", ${t}.description, ${t}.email,
   ${t}.phone, ${t}.website, ${t}.street, ${t}.postcode, ${t}.city`;
const organisationColumns = organisationColumnsOf('organisations');

export async function upsertMunicipalities(
  sql: Sql,
  rows: { code: string; name: string; province: string; slug: string; validFrom: string }[],
): Promise<number> {
  const result = await sql.query(
    `insert into municipalities (code, name, province, slug, valid_from)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[])
     on conflict (code) do nothing`,
    [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.province), rows.map((r) => r.slug), rows.map((r) => r.validFrom)],
  );
  return result.rowCount ?? 0;
}

export async function insertMunicipality(
  sql: Sql,
  m: { code: string; name: string; province: string | null; slug: string; theme: Theme },
): Promise<{ municipality: Municipality; created: boolean }> {
  const inserted = await sql.query<Municipality>(
    `insert into municipalities (code, name, province, slug, active, theme)
     values ($1, $2, $3, $4, true, $5)
     on conflict (code) do nothing
     returning ${municipalityColumns}`,
    [m.code, m.name, m.province, m.slug, JSON.stringify(m.theme)],
  );
  if (inserted.rows[0]) return { municipality: inserted.rows[0], created: true };
  // Already on the official list: starting a network activates it and applies the theme.
  const updated = await sql.query<Municipality>(
    `update municipalities set active = true, theme = theme || $2::jsonb, updated_at = now()
     where code = $1 returning ${municipalityColumns}`,
    [m.code, JSON.stringify(m.theme)],
  );
  const row = updated.rows[0];
  if (!row) throw new Error(`Municipality ${m.code} vanished during insert.`);
  return { municipality: row, created: false };
}

export async function findMunicipalityByCode(sql: Sql, code: string): Promise<Municipality | undefined> {
  const { rows } = await sql.query<Municipality>(`select ${municipalityColumns} from municipalities where code = $1`, [code]);
  return rows[0];
}

export async function findMunicipalityBySlug(sql: Sql, slug: string): Promise<Municipality | undefined> {
  const { rows } = await sql.query<Municipality>(`select ${municipalityColumns} from municipalities where slug = $1`, [slug]);
  return rows[0];
}

export async function findMunicipalitiesByCodes(sql: Sql, codes: string[]): Promise<Municipality[]> {
  const { rows } = await sql.query<Municipality>(`select ${municipalityColumns} from municipalities where code = any($1::text[])`, [codes]);
  return rows;
}

export async function listMunicipalities(
  sql: Sql,
  filter: { search?: string | undefined; active?: boolean | undefined; limit: number; offset: number },
): Promise<{ items: Municipality[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.active !== undefined) where.push(filter.active ? 'active' : 'not active');
  if (filter.search) {
    params.push(containsPattern(filter.search));
    where.push(`(name ilike $${params.length} or code ilike $${params.length})`);
  }
  const clause = where.length ? `where ${where.join(' and ')}` : '';
  const total = await sql.query<{ n: number }>(`select count(*) as n from municipalities ${clause}`, params);
  params.push(filter.limit, filter.offset);
  const { rows } = await sql.query<Municipality>(
    `select ${municipalityColumns} from municipalities ${clause}
     order by active desc, name, code limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return { items: rows, total: total.rows[0]?.n ?? 0 };
}

export async function insertOrganisation(sql: Sql, o: Omit<Organisation, 'id'>): Promise<{ organisation: Organisation; created: boolean }> {
  const inserted = await sql.query<Organisation>(
    `insert into organisations (name, kind, is_finding_place, description, email, phone, website, street, postcode, city)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (lower(name), coalesce(postcode, '')) do nothing
     returning ${organisationColumns}`,
    [o.name, o.kind, o.isFindingPlace, o.description, o.email, o.phone, o.website, o.street, o.postcode, o.city],
  );
  if (inserted.rows[0]) return { organisation: inserted.rows[0], created: true };
  const { rows } = await sql.query<Organisation>(
    `select ${organisationColumns} from organisations where lower(name) = lower($1) and coalesce(postcode, '') = coalesce($2, '')`,
    [o.name, o.postcode],
  );
  const row = rows[0];
  if (!row) throw new Error(`Organisation ${o.name} vanished during insert.`);
  return { organisation: row, created: false };
}

export async function findOrganisation(sql: Sql, id: string): Promise<Organisation | undefined> {
  const { rows } = await sql.query<Organisation>(`select ${organisationColumns} from organisations where id = $1`, [id]);
  return rows[0];
}

/** Joins the organisation to the network of the tenant in context. */
export async function joinNetwork(sql: Sql, tenantId: string, organisationId: string): Promise<boolean> {
  const result = await sql.query(`insert into network_members (tenant_id, organisation_id) values ($1, $2) on conflict do nothing`, [
    tenantId,
    organisationId,
  ]);
  return (result.rowCount ?? 0) > 0;
}

export async function listNetwork(
  sql: Sql,
  tenantId: string,
  filter: { kind?: OrganisationKind | undefined; findingPlacesOnly: boolean; search?: string | undefined; limit: number; offset: number },
): Promise<{ items: Organisation[]; total: number }> {
  const params: unknown[] = [tenantId];
  const where = ['n.tenant_id = $1'];
  if (filter.kind) {
    params.push(filter.kind);
    where.push(`o.kind = $${params.length}`);
  }
  if (filter.findingPlacesOnly) where.push('o.is_finding_place');
  if (filter.search) {
    params.push(containsPattern(filter.search));
    where.push(`(o.name ilike $${params.length} or o.city ilike $${params.length})`);
  }
  const from = `from network_members n join organisations o on o.id = n.organisation_id where ${where.join(' and ')}`;
  const total = await sql.query<{ n: number }>(`select count(*) as n ${from}`, params);
  params.push(filter.limit, filter.offset);
  const { rows } = await sql.query<Organisation>(
    `select ${organisationColumnsOf('o')} ${from}
     order by o.name, o.id limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return { items: rows, total: total.rows[0]?.n ?? 0 };
}

export async function networkCountsByKind(sql: Sql, tenantId: string): Promise<{ kind: OrganisationKind; n: number }[]> {
  const { rows } = await sql.query<{ kind: OrganisationKind; n: number }>(
    `select o.kind, count(*) as n from network_members n join organisations o on o.id = n.organisation_id
     where n.tenant_id = $1 group by o.kind order by o.kind`,
    [tenantId],
  );
  return rows;
}
