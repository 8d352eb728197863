import type { Sql } from '../../platform/db/database.ts';

/** An HSDS schedule as Naaste keeps it (weekly or monthly opening hours). */
export type Schedule = {
  freq: 'WEEKLY' | 'MONTHLY' | null;
  interval: number | null;
  byday: string | null;
  bymonthday: string | null;
  opensAt: string | null;
  closesAt: string | null;
  validFrom: string | null;
  validTo: string | null;
  description: string | null;
  locationId: string | null;
};

export type Address = {
  address1: string;
  address2: string | null;
  city: string;
  postalCode: string;
  country: string;
  addressType: string;
};

export type ServiceLocation = {
  id: string;
  name: string | null;
  description: string | null;
  transportation: string | null;
  locationType: string;
  url: string | null;
  latitude: number | null;
  longitude: number | null;
  pc4: string | null;
  addresses: Address[];
};

export type ServiceTerm = {
  id: string;
  code: string | null;
  name: string;
  nameEn: string | null;
  taxonomyUri: string | null;
  termUri: string | null;
};

export type ServiceDetail = {
  id: string;
  tenantId: string;
  sourceId: string | null;
  name: string;
  alternateName: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  reviewStatus: 'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn';
  interpretationServices: string | null;
  applicationProcess: string | null;
  feesDescription: string | null;
  waitTime: string | null;
  eligibilityDescription: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  alert: string | null;
  isFree: boolean | null;
  assuredDate: string | null;
  lastModified: string;
  organization: {
    id: string;
    name: string;
    alternateName: string | null;
    description: string | null;
    email: string | null;
    website: string | null;
    ownerOrganisationId: string | null;
  };
  locations: ServiceLocation[];
  phones: { number: string; extension: string | null; type: string | null; description: string | null }[];
  contacts: { name: string | null; title: string | null; department: string | null; email: string | null }[];
  schedules: Schedule[];
  languages: { name: string | null; code: string | null; note: string | null }[];
  costOptions: {
    option: string | null;
    currency: string | null;
    amount: number | null;
    amountDescription: string | null;
    validFrom: string | null;
    validTo: string | null;
  }[];
  serviceAreas: { name: string | null; description: string | null; municipalityCode: string | null }[];
  terms: ServiceTerm[];
};

/** The JSON of a service's schedules (service-wide and at its locations), for detail and search. */
export const SCHEDULES_JSON = `coalesce((select json_agg(json_build_object(
    'freq', sc.freq, 'interval', sc.interval, 'byday', sc.byday, 'bymonthday', sc.bymonthday,
    'opensAt', to_char(sc.opens_at, 'HH24:MI'), 'closesAt', to_char(sc.closes_at, 'HH24:MI'),
    'validFrom', sc.valid_from, 'validTo', sc.valid_to, 'description', sc.description, 'locationId', sc.location_id)
    order by sc.opens_at)
  from (select * from directory_schedules x where x.tenant_id = s.tenant_id and x.service_id = s.id
        union
        select x.* from directory_schedules x join directory_service_at_locations y on y.id = x.service_at_location_id
        where x.tenant_id = s.tenant_id and y.tenant_id = s.tenant_id and y.service_id = s.id) sc), '[]')`;

/** The JSON of a service's taxonomy terms. */
export const TERMS_JSON = `coalesce((select json_agg(json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'nameEn', t.name_en,
    'taxonomyUri', tx.uri, 'termUri', t.term_uri) order by tx.uri, t.name)
  from directory_attributes a join taxonomy_terms t on t.id = a.taxonomy_term_id left join taxonomies tx on tx.id = t.taxonomy_id
  where a.tenant_id = s.tenant_id and a.link_type = 'service' and a.link_id = s.id), '[]')`;

/** The JSON of a service's phones (its own first, then its organisation's). */
export const PHONES_JSON = `coalesce((select json_agg(json_build_object('number', p.number, 'extension', p.extension, 'type', p.type,
    'description', p.description) order by (p.service_id is null), p.number)
  from (select * from directory_phones x where x.tenant_id = s.tenant_id and x.service_id = s.id
        union all
        select * from directory_phones x where x.tenant_id = s.tenant_id and x.service_id is null and x.organization_id = s.organization_id) p), '[]')`;

/** One service with everything a detail page or an editor needs; null when absent (or not public). */
export async function selectServiceDetail(sql: Sql, serviceId: string, includeUnpublished: boolean): Promise<ServiceDetail | null> {
  const { rows } = await sql.query<{ detail: ServiceDetail }>(
    `select json_build_object(
       'id', s.id, 'tenantId', s.tenant_id, 'sourceId', s.source_id, 'name', s.name, 'alternateName', s.alternate_name,
       'description', s.description, 'url', s.url, 'email', s.email, 'status', s.status, 'reviewStatus', s.review_status,
       'interpretationServices', s.interpretation_services, 'applicationProcess', s.application_process,
       'feesDescription', s.fees_description, 'waitTime', s.wait_time, 'eligibilityDescription', s.eligibility_description,
       'minimumAge', s.minimum_age, 'maximumAge', s.maximum_age, 'alert', s.alert, 'isFree', s.is_free,
       'assuredDate', s.assured_date, 'lastModified', s.last_modified,
       'organization', json_build_object('id', o.id, 'name', o.name, 'alternateName', o.alternate_name, 'description', o.description,
         'email', o.email, 'website', o.website, 'ownerOrganisationId', o.owner_organisation_id),
       'locations', coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'description', l.description,
           'transportation', l.transportation, 'locationType', l.location_type, 'url', l.url,
           'latitude', l.latitude, 'longitude', l.longitude, 'pc4', l.pc4,
           'addresses', coalesce((select json_agg(json_build_object('address1', ad.address_1, 'address2', ad.address_2, 'city', ad.city,
               'postalCode', ad.postal_code, 'country', ad.country, 'addressType', ad.address_type) order by ad.address_type)
             from directory_addresses ad where ad.tenant_id = l.tenant_id and ad.location_id = l.id), '[]'))
           order by l.name)
         from directory_service_at_locations sal join directory_locations l on l.id = sal.location_id
         where sal.tenant_id = s.tenant_id and sal.service_id = s.id), '[]'),
       'phones', ${PHONES_JSON},
       'contacts', coalesce((select json_agg(json_build_object('name', c.name, 'title', c.title, 'department', c.department, 'email', c.email)
           order by c.name)
         from directory_contacts c where c.tenant_id = s.tenant_id and c.service_id = s.id), '[]'),
       'schedules', ${SCHEDULES_JSON},
       'languages', coalesce((select json_agg(json_build_object('name', lg.name, 'code', lg.code, 'note', lg.note) order by lg.name)
         from directory_languages lg where lg.tenant_id = s.tenant_id and lg.service_id = s.id), '[]'),
       'costOptions', coalesce((select json_agg(json_build_object('option', co.option, 'currency', co.currency, 'amount', co.amount,
           'amountDescription', co.amount_description, 'validFrom', co.valid_from, 'validTo', co.valid_to) order by co.amount nulls first)
         from directory_cost_options co where co.tenant_id = s.tenant_id and co.service_id = s.id), '[]'),
       'serviceAreas', coalesce((select json_agg(json_build_object('name', sa.name, 'description', sa.description,
           'municipalityCode', sa.municipality_code) order by sa.name)
         from directory_service_areas sa where sa.tenant_id = s.tenant_id and sa.service_id = s.id), '[]'),
       'terms', ${TERMS_JSON}
     ) as detail
     from directory_services s join directory_organizations o on o.id = s.organization_id
     where s.id = $1 and ($2 or (s.review_status = 'published' and s.status = 'active'))`,
    [serviceId, includeUnpublished],
  );
  const detail = rows[0]?.detail;
  if (!detail) return null;
  // json numeric comes back as number already; amounts as numbers.
  return detail;
}

/**
 * Recomputes the search fields of the given services. search_vector holds the service's own
 * words only, so that it stays small: the name (weight A), its other text: organisation,
 * description, eligibility, application, fees (C), and the English form of the name (D); search
 * matches the taxonomy terms (their Dutch and English names and keywords) through the service's
 * terms instead. search_text: all those texts and the terms' names and keywords, lower case
 * without accents, for trigram matching and for counting how many services a word finds. Also keeps the municipality's vocabulary (for "did you
 * mean") and its word counts (for ranking rare words higher). Call after every write to a
 * service, its organisation or its terms.
 */
export async function updateSearchFields(sql: Sql, tenantId: string, serviceIds: string[]): Promise<number> {
  if (serviceIds.length === 0) return 0;
  const wordsOf = `select distinct s.id, w from directory_services s, regexp_split_to_table(s.search_text, '[^a-z0-9]+') w
     where s.tenant_id = $1 and s.id = any($2::uuid[]) and length(w) between 4 and 60`;
  await sql.query(
    `update directory_search_words v set df = greatest(v.df - x.n, 0)
     from (select w, count(*)::int as n from (${wordsOf}) o group by w) x
     where v.tenant_id = $1 and v.word = x.w`,
    [tenantId, serviceIds],
  );
  const { rowCount } = await sql.query(
    `with terms as (
       select a.link_id as service_id,
              string_agg(t.name, ' ') as names_nl,
              string_agg(coalesce(t.name_en, ''), ' ') as names_en,
              string_agg(coalesce(t.keywords, ''), ' ') as keywords
       from directory_attributes a join taxonomy_terms t on t.id = a.taxonomy_term_id
       where a.tenant_id = $1 and a.link_type = 'service' and a.link_id = any($2::uuid[])
       group by a.link_id
     ), src as (
       select s.id,
              lower(unaccent(concat_ws(' ', s.name, s.alternate_name))) as title,
              lower(unaccent(coalesce(t.names_nl, ''))) as names_nl,
              lower(unaccent(coalesce(t.names_en, ''))) as names_en,
              lower(unaccent(coalesce(t.keywords, ''))) as keywords,
              lower(unaccent(concat_ws(' ', o.name, o.alternate_name, s.description, s.eligibility_description,
                s.application_process, s.fees_description, s.interpretation_services))) as body
       from directory_services s join directory_organizations o on o.id = s.organization_id
       left join terms t on t.service_id = s.id
       where s.tenant_id = $1 and s.id = any($2::uuid[])
     )
     update directory_services s set
       search_vector =
         setweight(to_tsvector('dutch', src.title), 'A') || setweight(to_tsvector('dutch', src.body), 'C') ||
         setweight(to_tsvector('english', src.title), 'D'),
       search_text = left(concat_ws(' ', src.title, src.names_nl, src.names_en, src.keywords, src.body), 4000)
     from src where s.id = src.id`,
    [tenantId, serviceIds],
  );
  await sql.query(
    `insert into directory_search_words (tenant_id, word, df)
     select $1::uuid, w, count(*)::int from (${wordsOf}) n group by w
     on conflict (tenant_id, word) do update set df = directory_search_words.df + excluded.df`,
    [tenantId, serviceIds],
  );
  // The words of the terms' names and keywords are known words too (they match through the terms).
  await sql.query(
    `insert into directory_search_words (tenant_id, word)
     select distinct $1::uuid, w
     from directory_attributes a join taxonomy_terms t on t.id = a.taxonomy_term_id,
       regexp_split_to_table(lower(unaccent(concat_ws(' ', t.name, t.name_en, t.keywords))), '[^a-z0-9]+') w
     where a.tenant_id = $1 and a.link_type = 'service' and a.link_id = any($2::uuid[]) and length(w) between 4 and 60
     on conflict do nothing`,
    [tenantId, serviceIds],
  );
  return rowCount ?? 0;
}

export type PostcodeArea = { pc4: string; latitude: number; longitude: number; municipalityCode: string | null };

/** Adds or corrects postcode areas; returns how many rows changed. */
export async function upsertPostcodeAreas(sql: Sql, areas: PostcodeArea[]): Promise<number> {
  if (areas.length === 0) return 0;
  const { rowCount } = await sql.query(
    `insert into postcode_areas (pc4, latitude, longitude, municipality_code)
     select * from unnest($1::text[], $2::float8[], $3::float8[], $4::text[])
     on conflict (pc4) do update set latitude = excluded.latitude, longitude = excluded.longitude,
       municipality_code = excluded.municipality_code
     where (postcode_areas.latitude, postcode_areas.longitude, postcode_areas.municipality_code)
       is distinct from (excluded.latitude, excluded.longitude, excluded.municipality_code)`,
    [areas.map((a) => a.pc4), areas.map((a) => a.latitude), areas.map((a) => a.longitude), areas.map((a) => a.municipalityCode)],
  );
  return rowCount ?? 0;
}

export async function findPostcodeArea(sql: Sql, pc4: string): Promise<PostcodeArea | null> {
  const { rows } = await sql.query<PostcodeArea>(
    'select pc4, latitude, longitude, municipality_code as "municipalityCode" from postcode_areas where pc4 = $1',
    [pc4],
  );
  return rows[0] ?? null;
}

/**
 * A place by name: first a town in this municipality's own addresses (the mean point of its
 * locations), then a municipality of the CBS list (the mean point of its postcode areas).
 */
export async function findPlaceByName(sql: Sql, name: string): Promise<{ name: string; latitude: number; longitude: number } | null> {
  const own = await sql.query<{ name: string; latitude: number | null; longitude: number | null }>(
    `select min(ad.city) as name, avg(coalesce(l.latitude, pa.latitude)) as latitude, avg(coalesce(l.longitude, pa.longitude)) as longitude
     from directory_addresses ad
     join directory_locations l on l.id = ad.location_id
     left join postcode_areas pa on pa.pc4 = l.pc4
     where lower(unaccent(ad.city)) = lower(unaccent($1))
     having count(coalesce(l.latitude, pa.latitude)) > 0`,
    [name],
  );
  const hit = own.rows[0];
  if (hit && hit.latitude !== null && hit.longitude !== null) return { name: hit.name, latitude: hit.latitude, longitude: hit.longitude };
  const municipality = await sql.query<{ name: string; latitude: number; longitude: number }>(
    `select m.name, avg(pa.latitude) as latitude, avg(pa.longitude) as longitude
     from municipalities m join postcode_areas pa on pa.municipality_code = m.code
     where lower(unaccent(m.name)) = lower(unaccent($1))
     group by m.name
     limit 1`,
    [name],
  );
  return municipality.rows[0] ?? null;
}

export type TaxonomyInput = {
  uri: string;
  name: string;
  description: string;
  version: string;
  terms: { code: string; name: string; name_en: string; description: string; keywords: string }[];
};

/** Adds a taxonomy and its terms, or brings them up to date; returns how many rows changed. */
export async function upsertTaxonomy(sql: Sql, taxonomy: TaxonomyInput): Promise<number> {
  const t = await sql.query<{ id: string; changed: boolean }>(
    `insert into taxonomies (name, description, uri, version) values ($1, $2, $3, $4)
     on conflict (uri) do update set name = excluded.name, description = excluded.description, version = excluded.version,
       updated_at = now()
     where (taxonomies.name, taxonomies.description, taxonomies.version)
       is distinct from (excluded.name, excluded.description, excluded.version)
     returning id, true as changed`,
    [taxonomy.name, taxonomy.description, taxonomy.uri, taxonomy.version],
  );
  let changed = t.rowCount ?? 0;
  const id =
    t.rows[0]?.id ?? (await sql.query<{ id: string }>('select id from taxonomies where uri = $1', [taxonomy.uri])).rows[0]?.id ?? null;
  if (!id) throw new Error(`taxonomy ${taxonomy.uri} could not be stored`);
  const terms = taxonomy.terms;
  const r = await sql.query(
    `insert into taxonomy_terms (taxonomy_id, code, name, name_en, description, keywords, language, term_uri)
     select $1, code, name, name_en, description, keywords, 'nl', $2 || ':' || code
     from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as x(code, name, name_en, description, keywords)
     on conflict (taxonomy_id, code) do update set name = excluded.name, name_en = excluded.name_en,
       description = excluded.description, keywords = excluded.keywords, term_uri = excluded.term_uri, updated_at = now()
     where (taxonomy_terms.name, taxonomy_terms.name_en, taxonomy_terms.description, taxonomy_terms.keywords, taxonomy_terms.term_uri)
       is distinct from (excluded.name, excluded.name_en, excluded.description, excluded.keywords, excluded.term_uri)`,
    [
      id,
      taxonomy.uri,
      terms.map((x) => x.code),
      terms.map((x) => x.name),
      terms.map((x) => x.name_en),
      terms.map((x) => x.description),
      terms.map((x) => x.keywords),
    ],
  );
  changed += r.rowCount ?? 0;
  return changed;
}

export type ProfileTerm = { id: string; code: string; name: string; nameEn: string; taxonomyUri: string };

/** The terms of the profile taxonomies, keyed by code (codes are unique across the two). */
export async function selectProfileTerms(sql: Sql, taxonomyUris: string[]): Promise<ProfileTerm[]> {
  const { rows } = await sql.query<ProfileTerm>(
    `select t.id, t.code, t.name, coalesce(t.name_en, t.name) as "nameEn", tx.uri as "taxonomyUri"
     from taxonomy_terms t join taxonomies tx on tx.id = t.taxonomy_id
     where tx.uri = any($1) order by tx.uri, t.code`,
    [taxonomyUris],
  );
  return rows;
}

/** Services whose search fields must follow a change to an organisation or to terms. */
export async function selectServiceIdsOfOrganization(sql: Sql, organizationId: string): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>('select id from directory_services where organization_id = $1', [organizationId]);
  return rows.map((r) => r.id);
}

export async function selectMunicipality(sql: Sql, id: string): Promise<{ name: string; slug: string; code: string } | null> {
  const { rows } = await sql.query<{ name: string; slug: string; code: string }>(
    'select name, slug, code from municipalities where id = $1 and active',
    [id],
  );
  return rows[0] ?? null;
}
