import type { Sql } from '../../platform/db/database.ts';

/** SQL of the HSDS feed, import and export. Every query names the tenant, besides row-level security. */

/** Runs queries one after the other: one connection runs one query at a time. */
export async function inSequence<T extends readonly unknown[]>(work: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const step of work) results.push(await step());
  return results as unknown as T;
}

// ---- rows -------------------------------------------------------------------------------------

export type ServiceRow = {
  id: string;
  organization_id: string;
  source_id: string | null;
  name: string;
  alternate_name: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  status: string;
  interpretation_services: string | null;
  application_process: string | null;
  fees_description: string | null;
  wait_time: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  alert: string | null;
  is_free: boolean | null;
  review_status: string;
  assured_date: string | null;
  assurer_email: string | null;
  last_modified: Date;
};

export type OrganizationRow = {
  id: string;
  source_id: string | null;
  name: string;
  alternate_name: string | null;
  description: string | null;
  email: string | null;
  website: string | null;
  legal_status: string | null;
  logo: string | null;
  uri: string | null;
  parent_organization_id: string | null;
};

export type LocationRow = {
  id: string;
  organization_id: string | null;
  source_id: string | null;
  location_type: string;
  url: string | null;
  name: string | null;
  alternate_name: string | null;
  description: string | null;
  transportation: string | null;
  latitude: number | null;
  longitude: number | null;
  pc4: string | null;
};

export type ServiceAtLocationRow = { id: string; service_id: string; location_id: string; description: string | null };
export type AddressRow = {
  id: string;
  location_id: string;
  attention: string | null;
  address_1: string;
  address_2: string | null;
  city: string;
  region: string | null;
  state_province: string | null;
  postal_code: string;
  country: string;
  address_type: string;
};
export type ContactRow = {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  location_id: string | null;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
};
export type PhoneRow = {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  location_id: string | null;
  contact_id: string | null;
  number: string;
  extension: string | null;
  type: string | null;
  description: string | null;
};
export type ScheduleRow = {
  id: string;
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  dtstart: string | null;
  timezone: string | null;
  until: string | null;
  freq: string | null;
  interval: number | null;
  byday: string | null;
  bymonthday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  description: string | null;
  notes: string | null;
};
export type ServiceAreaRow = {
  id: string;
  service_id: string;
  name: string | null;
  description: string | null;
  extent: string | null;
  extent_type: string | null;
  uri: string | null;
  municipality_code: string | null;
};
export type LanguageRow = {
  id: string;
  service_id: string | null;
  location_id: string | null;
  name: string | null;
  code: string | null;
  note: string | null;
};
export type CostOptionRow = {
  id: string;
  service_id: string;
  valid_from: string | null;
  valid_to: string | null;
  option: string | null;
  currency: string | null;
  amount: string | null;
  amount_description: string | null;
};
export type AttributeRow = {
  id: string;
  link_id: string;
  link_type: string;
  taxonomy_term_id: string;
  value: string | null;
  label: string | null;
};
export type TaxonomyRow = { id: string; name: string; description: string | null; uri: string | null; version: string | null };
export type TaxonomyTermRow = {
  id: string;
  taxonomy_id: string | null;
  code: string | null;
  name: string;
  description: string | null;
  parent_id: string | null;
  language: string | null;
  term_uri: string | null;
};

/** A text as a LIKE pattern that matches itself only: % and _ lose their wildcard meaning. */
function likeEscaped(expression: string): string {
  return `replace(replace(replace(${expression}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
}

/**
 * The Dutch stems of a search (stop words left out), lower case without accents and without LIKE
 * wildcards: "praten met andere mantelzorgers" gives prat, mantelzorger.
 */
export async function searchStems(sql: Sql, search: string): Promise<string[]> {
  const { rows } = await sql.query<{ stems: string[] | null }>(
    `select array(select distinct translate(w, '%_\\', '') from unnest(tsvector_to_array(to_tsvector('dutch', lower(unaccent($1))))) w) as stems`,
    [search],
  );
  return (rows[0]?.stems ?? []).slice(0, 12);
}

// ---- the public feed --------------------------------------------------------------------------

export type ServiceFilter = {
  search?: string | undefined;
  /** The Dutch stems of the search words (searchStems), each to be found in the search text. */
  searchStems?: string[] | undefined;
  taxonomyTermId?: string | undefined;
  taxonomyId?: string | undefined;
  organizationId?: string | undefined;
  modifiedAfter?: string | undefined;
  pc4?: string | undefined;
  /** The centre of the postcode area and the distance, for proximity. */
  near?: { latitude: number; longitude: number; metres: number } | undefined;
  /** The municipality the postcode area lies in, for service-area coverage. */
  postcodeMunicipality?: string | null | undefined;
};

/** Only published, active entries are public (the workflow of C2 decides what is published). */
const PUBLIC = `s.review_status = 'published' and s.status = 'active'`;

/** Distance in metres between two points on the earth (haversine), as an SQL expression. */
export function distanceSql(lat1: string, lon1: string, lat2: string, lon2: string): string {
  return `(2 * 6371000 * asin(sqrt(power(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2))))`;
}

/** The smallest distance from the point ($lat, $lon) to any location of service s (its point, else its postcode area's). */
function nearestSql(lat: string, lon: string): string {
  return `(select min(${distanceSql(lat, lon, 'coalesce(l.latitude, pa.latitude)', 'coalesce(l.longitude, pa.longitude)')})
     from directory_service_at_locations sal
     join directory_locations l on l.id = sal.location_id
     left join postcode_areas pa on pa.pc4 = l.pc4
    where sal.service_id = s.id and coalesce(l.latitude, pa.latitude) is not null)`;
}

function serviceWhere(
  tenantId: string,
  filter: ServiceFilter,
): { where: string; params: unknown[]; distance: string | null; rank: string | null } {
  const params: unknown[] = [tenantId];
  const clauses = ['s.tenant_id = $1', PUBLIC];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  let rank: string | null = null;
  if (filter.search) {
    // The search fields the social map keeps (directory refreshSearchFields): Dutch and English
    // word forms in the service's own words, and the lower-case unaccented text (which also holds
    // its taxonomy terms' names and keywords) for parts of words. Every word must match, in one
    // of them: its stem somewhere in the search text (trigram index) will do.
    const q = add(filter.search);
    const tsq = `(websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q}))`;
    const stems = (filter.searchStems ?? []).filter((stem) => stem.length >= 3);
    const everyStem = stems.length > 0 ? stems.map((stem) => `s.search_text like ${add(`%${stem}%`)}`).join(' and ') : 'false';
    clauses.push(`(s.search_vector @@ websearch_to_tsquery('dutch', ${q}) or s.search_vector @@ websearch_to_tsquery('english', ${q})
        or s.search_text like '%' || ${likeEscaped(`lower(unaccent(${q}))`)} || '%' or (${everyStem}))`);
    rank = `ts_rank(s.search_vector, ${tsq})`;
  }
  if (filter.taxonomyTermId) {
    clauses.push(
      `exists (select 1 from directory_attributes a where a.tenant_id = $1 and a.link_type = 'service' and a.link_id = s.id and a.taxonomy_term_id = ${add(filter.taxonomyTermId)})`,
    );
  }
  if (filter.taxonomyId) {
    clauses.push(`exists (select 1 from directory_attributes a join taxonomy_terms t on t.id = a.taxonomy_term_id
      where a.tenant_id = $1 and a.link_type = 'service' and a.link_id = s.id and t.taxonomy_id = ${add(filter.taxonomyId)})`);
  }
  if (filter.organizationId) clauses.push(`s.organization_id = ${add(filter.organizationId)}`);
  if (filter.modifiedAfter) clauses.push(`s.last_modified >= ${add(filter.modifiedAfter)}::timestamptz`);
  let distance: string | null = null;
  if (filter.near) {
    distance = nearestSql(add(filter.near.latitude), add(filter.near.longitude));
    clauses.push(`${distance} <= ${add(filter.near.metres)}`);
  } else if (filter.pc4) {
    const pc4 = add(filter.pc4);
    const municipality = add(filter.postcodeMunicipality ?? null);
    clauses.push(`(exists (select 1 from directory_service_at_locations sal join directory_locations l on l.id = sal.location_id
        where sal.service_id = s.id and l.pc4 = ${pc4})
      or exists (select 1 from directory_service_areas sa where sa.service_id = s.id and sa.municipality_code = ${municipality}::text))`);
  }
  return { where: clauses.join(' and '), params, distance, rank };
}

const serviceColumns = `s.id, s.organization_id, s.source_id, s.name, s.alternate_name, s.description, s.url, s.email, s.status,
  s.interpretation_services, s.application_process, s.fees_description, s.wait_time, s.eligibility_description, s.minimum_age,
  s.maximum_age, s.alert, s.is_free, s.review_status, s.assured_date, s.assurer_email, s.last_modified`;

export async function listPublicServices(
  sql: Sql,
  tenantId: string,
  filter: ServiceFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ServiceRow[]; total: number }> {
  const { where, params, distance, rank } = serviceWhere(tenantId, filter);
  // Nearest first; else the oldest change first for a sync; else the best match; else by name.
  const order = distance
    ? `${distance}, s.name, s.id`
    : filter.modifiedAfter
      ? 's.last_modified, s.id'
      : rank
        ? `${rank} desc, s.name, s.id`
        : 's.name, s.id';
  const [list, count] = await inSequence([
    () =>
      sql.query<ServiceRow>(
        `select ${serviceColumns} from directory_services s where ${where} order by ${order} limit ${page.limit} offset ${page.offset}`,
        params,
      ),
    () => sql.query<{ n: number }>(`select count(*)::int as n from directory_services s where ${where}`, params),
  ]);
  return { rows: list.rows, total: count.rows[0]?.n ?? 0 };
}

/** Public services by id (unknown, unpublished or inactive ones are left out). */
export async function publicServicesByIds(sql: Sql, tenantId: string, ids: string[]): Promise<ServiceRow[]> {
  const { rows } = await sql.query<ServiceRow>(
    `select ${serviceColumns} from directory_services s where s.tenant_id = $1 and ${PUBLIC} and s.id = any($2::uuid[])`,
    [tenantId, ids],
  );
  return rows;
}

export async function listPublicServiceAtLocations(
  sql: Sql,
  tenantId: string,
  filter: ServiceFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ServiceAtLocationRow[]; total: number }> {
  const { where, params, distance } = serviceWhere(tenantId, filter);
  const order = distance ? `${distance}, s.name, sal.id` : filter.modifiedAfter ? 'sal.last_modified, sal.id' : 's.name, sal.id';
  // For service_at_locations, modified_after is about the link itself or its service.
  const base = `from directory_service_at_locations sal join directory_services s on s.id = sal.service_id where sal.tenant_id = $1 and ${where}`;
  const [list, count] = await inSequence([
    () =>
      sql.query<ServiceAtLocationRow>(
        `select sal.id, sal.service_id, sal.location_id, sal.description ${base} order by ${order} limit ${page.limit} offset ${page.offset}`,
        params,
      ),
    () => sql.query<{ n: number }>(`select count(*)::int as n ${base}`, params),
  ]);
  return { rows: list.rows, total: count.rows[0]?.n ?? 0 };
}

/** Organisations that have at least one public service: the others are not on the public map. */
export async function listPublicOrganizations(
  sql: Sql,
  tenantId: string,
  filter: { search?: string | undefined; taxonomyTermId?: string | undefined; taxonomyId?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: OrganizationRow[]; total: number }> {
  const inner = serviceWhere(tenantId, { taxonomyTermId: filter.taxonomyTermId, taxonomyId: filter.taxonomyId });
  const params = [...inner.params];
  const clauses = [`o.tenant_id = $1`, `exists (select 1 from directory_services s where s.organization_id = o.id and ${inner.where})`];
  if (filter.search) {
    params.push(filter.search);
    clauses.push(
      `lower(unaccent(o.name || ' ' || coalesce(o.alternate_name, ''))) like '%' || ${likeEscaped(`lower(unaccent($${params.length}))`)} || '%'`,
    );
  }
  const where = clauses.join(' and ');
  const [list, count] = await inSequence([
    () =>
      sql.query<OrganizationRow>(
        `select ${organizationColumns} from directory_organizations o where ${where} order by o.name, o.id limit ${page.limit} offset ${page.offset}`,
        params,
      ),
    () => sql.query<{ n: number }>(`select count(*)::int as n from directory_organizations o where ${where}`, params),
  ]);
  return { rows: list.rows, total: count.rows[0]?.n ?? 0 };
}

const organizationColumns = `o.id, o.source_id, o.name, o.alternate_name, o.description, o.email, o.website, o.legal_status, o.logo, o.uri,
  o.parent_organization_id`;

export async function organizationsByIds(sql: Sql, tenantId: string, ids: string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<OrganizationRow>(
    `select ${organizationColumns} from directory_organizations o where o.tenant_id = $1 and o.id = any($2::uuid[])`,
    [tenantId, ids],
  );
  return rows;
}

export async function publicOrganization(sql: Sql, tenantId: string, id: string): Promise<OrganizationRow | undefined> {
  const { rows } = await sql.query<OrganizationRow>(
    `select ${organizationColumns} from directory_organizations o
      where o.tenant_id = $1 and o.id = $2 and exists (select 1 from directory_services s where s.organization_id = o.id and ${PUBLIC})`,
    [tenantId, id],
  );
  return rows[0];
}

// ---- children, loaded for many parents at once (no query per item) -----------------------------

export type Children = {
  serviceAtLocations: ServiceAtLocationRow[];
  locations: LocationRow[];
  addresses: AddressRow[];
  contacts: ContactRow[];
  phones: PhoneRow[];
  schedules: ScheduleRow[];
  serviceAreas: ServiceAreaRow[];
  languages: LanguageRow[];
  costOptions: CostOptionRow[];
  attributes: AttributeRow[];
  terms: TaxonomyTermRow[];
  taxonomies: TaxonomyRow[];
};

/** Everything hanging off these services (and off their locations), in one query per table. */
export async function childrenOfServices(sql: Sql, tenantId: string, serviceIds: string[], organizationIds: string[]): Promise<Children> {
  const p = [tenantId, serviceIds];
  const serviceAtLocations = (
    await sql.query<ServiceAtLocationRow>(
      `select id, service_id, location_id, description from directory_service_at_locations
        where tenant_id = $1 and service_id = any($2::uuid[]) order by id`,
      p,
    )
  ).rows;
  const locationIds = [...new Set(serviceAtLocations.map((r) => r.location_id))];
  const byLocation = await childrenOfLocations(sql, tenantId, locationIds);
  const owners = [tenantId, serviceIds, locationIds, organizationIds];
  const [contacts, phones, schedules, serviceAreas, languages, costOptions, attributes] = await inSequence([
    () =>
      sql.query<ContactRow>(
        `select id, organization_id, service_id, location_id, name, title, department, email from directory_contacts
        where tenant_id = $1 and (service_id = any($2::uuid[]) or location_id = any($3::uuid[]) or organization_id = any($4::uuid[])) order by id`,
        owners,
      ),
    () =>
      sql.query<PhoneRow>(
        `select id, organization_id, service_id, location_id, contact_id, number, extension, type, description from directory_phones
        where tenant_id = $1 and (service_id = any($2::uuid[]) or location_id = any($3::uuid[]) or organization_id = any($4::uuid[])
          or contact_id in (select id from directory_contacts where tenant_id = $1
            and (service_id = any($2::uuid[]) or location_id = any($3::uuid[]) or organization_id = any($4::uuid[]))))
        order by id`,
        owners,
      ),
    () =>
      sql.query<ScheduleRow>(
        `select id, service_id, location_id, service_at_location_id, valid_from, valid_to, dtstart, timezone, until, freq, interval, byday,
              bymonthday, to_char(opens_at, 'HH24:MI') as opens_at, to_char(closes_at, 'HH24:MI') as closes_at, description, notes
         from directory_schedules
        where tenant_id = $1 and (service_id = any($2::uuid[]) or location_id = any($3::uuid[])
          or service_at_location_id in (select id from directory_service_at_locations where tenant_id = $1 and service_id = any($2::uuid[])))
        order by id`,
        [tenantId, serviceIds, locationIds],
      ),
    () =>
      sql.query<ServiceAreaRow>(
        `select id, service_id, name, description, extent, extent_type, uri, municipality_code from directory_service_areas
        where tenant_id = $1 and service_id = any($2::uuid[]) order by id`,
        p,
      ),
    () =>
      sql.query<LanguageRow>(
        `select id, service_id, location_id, name, code, note from directory_languages
        where tenant_id = $1 and (service_id = any($2::uuid[]) or location_id = any($3::uuid[])) order by id`,
        [tenantId, serviceIds, locationIds],
      ),
    () =>
      sql.query<CostOptionRow>(
        `select id, service_id, valid_from, valid_to, option, currency, amount::text as amount, amount_description from directory_cost_options
        where tenant_id = $1 and service_id = any($2::uuid[]) order by id`,
        p,
      ),
    () =>
      sql.query<AttributeRow>(
        `select id, link_id, link_type, taxonomy_term_id, value, label from directory_attributes
        where tenant_id = $1 and link_type = 'service' and link_id = any($2::uuid[]) order by id`,
        p,
      ),
  ]);
  const termIds = [...new Set(attributes.rows.map((a) => a.taxonomy_term_id))];
  const terms = await termsByIds(sql, termIds);
  const taxonomies = await taxonomiesByIds(sql, [...new Set(terms.map((t) => t.taxonomy_id).filter((id): id is string => id !== null))]);
  return {
    serviceAtLocations,
    locations: byLocation.locations,
    addresses: byLocation.addresses,
    contacts: contacts.rows,
    phones: phones.rows,
    schedules: schedules.rows,
    serviceAreas: serviceAreas.rows,
    languages: languages.rows,
    costOptions: costOptions.rows,
    attributes: attributes.rows,
    terms,
    taxonomies,
  };
}

export async function childrenOfLocations(
  sql: Sql,
  tenantId: string,
  locationIds: string[],
): Promise<{ locations: LocationRow[]; addresses: AddressRow[] }> {
  if (locationIds.length === 0) return { locations: [], addresses: [] };
  const [locations, addresses] = await inSequence([
    () =>
      sql.query<LocationRow>(
        `select id, organization_id, source_id, location_type, url, name, alternate_name, description, transportation, latitude, longitude, pc4
         from directory_locations where tenant_id = $1 and id = any($2::uuid[])`,
        [tenantId, locationIds],
      ),
    () =>
      sql.query<AddressRow>(
        `select id, location_id, attention, address_1, address_2, city, region, state_province, postal_code, country, address_type
         from directory_addresses where tenant_id = $1 and location_id = any($2::uuid[]) order by id`,
        [tenantId, locationIds],
      ),
  ]);
  return { locations: locations.rows, addresses: addresses.rows };
}

export async function locationsOfOrganization(sql: Sql, tenantId: string, organizationId: string): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `select distinct l.id from directory_locations l
       join directory_service_at_locations sal on sal.location_id = l.id
       join directory_services s on s.id = sal.service_id
      where l.tenant_id = $1 and s.organization_id = $2 and ${PUBLIC}`,
    [tenantId, organizationId],
  );
  return rows.map((r) => r.id);
}

// ---- taxonomies (shared vocabulary) -----------------------------------------------------------

const termColumns = 'id, taxonomy_id, code, name, description, parent_id, language, term_uri';

export async function termsByIds(sql: Sql, ids: string[]): Promise<TaxonomyTermRow[]> {
  if (ids.length === 0) return [];
  return (await sql.query<TaxonomyTermRow>(`select ${termColumns} from taxonomy_terms where id = any($1::uuid[])`, [ids])).rows;
}

export async function taxonomiesByIds(sql: Sql, ids: string[]): Promise<TaxonomyRow[]> {
  if (ids.length === 0) return [];
  return (await sql.query<TaxonomyRow>('select id, name, description, uri, version from taxonomies where id = any($1::uuid[])', [ids]))
    .rows;
}

export async function listTaxonomies(
  sql: Sql,
  filter: { search?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: TaxonomyRow[]; total: number }> {
  const where = filter.search ? `where lower(unaccent(name)) like '%' || ${likeEscaped('lower(unaccent($1))')} || '%'` : '';
  const params = filter.search ? [filter.search] : [];
  const [list, count] = await inSequence([
    () =>
      sql.query<TaxonomyRow>(
        `select id, name, description, uri, version from taxonomies ${where} order by name, id limit ${page.limit} offset ${page.offset}`,
        params,
      ),
    () => sql.query<{ n: number }>(`select count(*)::int as n from taxonomies ${where}`, params),
  ]);
  return { rows: list.rows, total: count.rows[0]?.n ?? 0 };
}

export async function listTaxonomyTerms(
  sql: Sql,
  filter: { search?: string | undefined; taxonomyId?: string | undefined; parentId?: string | undefined; topOnly?: boolean },
  page: { limit: number; offset: number },
): Promise<{ rows: TaxonomyTermRow[]; total: number }> {
  const params: unknown[] = [];
  const clauses: string[] = [];
  if (filter.search) {
    params.push(filter.search);
    clauses.push(
      `lower(unaccent(name || ' ' || coalesce(name_en, ''))) like '%' || ${likeEscaped(`lower(unaccent($${params.length}))`)} || '%'`,
    );
  }
  if (filter.taxonomyId) {
    params.push(filter.taxonomyId);
    clauses.push(`taxonomy_id = $${params.length}`);
  }
  if (filter.parentId) {
    params.push(filter.parentId);
    clauses.push(`parent_id = $${params.length}`);
  }
  if (filter.topOnly) clauses.push('parent_id is null');
  const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
  const [list, count] = await inSequence([
    () =>
      sql.query<TaxonomyTermRow>(
        `select ${termColumns} from taxonomy_terms ${where} order by taxonomy_id, code nulls last, name, id limit ${page.limit} offset ${page.offset}`,
        params,
      ),
    () => sql.query<{ n: number }>(`select count(*)::int as n from taxonomy_terms ${where}`, params),
  ]);
  return { rows: list.rows, total: count.rows[0]?.n ?? 0 };
}

export async function postcodeArea(
  sql: Sql,
  pc4: string,
): Promise<{ latitude: number; longitude: number; municipality_code: string | null } | undefined> {
  const { rows } = await sql.query<{ latitude: number; longitude: number; municipality_code: string | null }>(
    'select latitude, longitude, municipality_code from postcode_areas where pc4 = $1',
    [pc4],
  );
  return rows[0];
}
