import type { Sql } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/sql-text.ts';
import type { DayHours, EntryDraft, PendingChange, ReviewStatus, Weekday } from './directory-admin.schemas.ts';
import { emptyHours, WEEKDAYS } from './directory-admin.schemas.ts';

/** "Today" of the social map is the Dutch calendar day. */
export const TODAY = `(now() at time zone 'Europe/Amsterdam')::date`;
/** Freshness bands on assured_date (the same months as STALE_AFTER_MONTHS and WARN_AFTER_MONTHS). */
const STALE = `(${TODAY} - interval '6 months')::date`;
const WARN = `(${TODAY} - interval '12 months')::date`;

export type Freshness = 'fresh' | 'stale' | 'old' | 'never';
export const FRESHNESS_SQL = `case when s.assured_date is null then 'never' when s.assured_date < ${WARN} then 'old'
  when s.assured_date < ${STALE} then 'stale' else 'fresh' end`;

// ---- the owner's entries --------------------------------------------------------------------

export type EntryRow = {
  id: string;
  name: string;
  organizationName: string;
  ownerOrganisationId: string | null;
  ownerName: string | null;
  reviewStatus: ReviewStatus;
  status: string;
  pendingChange: boolean;
  changeRejected: boolean;
  assuredDate: string | null;
  freshness: Freshness;
  openReports: number;
  lastModified: string;
};

const entryColumns = `s.id, s.name, o.name as "organizationName", o.owner_organisation_id as "ownerOrganisationId", own.name as "ownerName",
  s.review_status as "reviewStatus", s.status, s.pending_change is not null as "pendingChange",
  coalesce(s.pending_change ? 'rejectedAt', false) as "changeRejected", s.assured_date as "assuredDate",
  ${FRESHNESS_SQL} as freshness,
  (select count(*) from directory_reports r where r.tenant_id = s.tenant_id and r.service_id = s.id and r.resolved_at is null)::int as "openReports",
  to_char(s.last_modified at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "lastModified"`;

/** A freshness band, or 'due': not checked for 6 months (stale, old or never). */
export type FreshnessFilter = Freshness | 'due';

export type EntryFilter = {
  owners: string[] | 'all' | 'none';
  search?: string | undefined;
  reviewStatus?: ReviewStatus | undefined;
  freshness?: FreshnessFilter | undefined;
  /** Only entries the public sees (published); for the freshness lists. */
  publishedOnly?: boolean;
  sort: 'name' | 'checked' | 'status';
  limit: number;
  offset: number;
};

/** Entries of the given owner organisations (or all, or those without an owner), one page. */
export async function listEntries(sql: Sql, tenantId: string, f: EntryFilter): Promise<{ items: EntryRow[]; total: number }> {
  const order = {
    name: 'lower(s.name), s.id',
    checked: 's.assured_date asc nulls first, lower(s.name), s.id',
    status: `array_position(array['rejected','pending','draft','published','withdrawn'], s.review_status), lower(s.name), s.id`,
  }[f.sort];
  const { rows } = await sql.query<EntryRow & { total: number }>(
    `select ${entryColumns}, count(*) over ()::int as total
     from directory_services s join directory_organizations o on o.id = s.organization_id
     left join organisations own on own.id = o.owner_organisation_id
     where s.tenant_id = $1
       and ($2::text = 'all' or ($2 = 'none' and o.owner_organisation_id is null) or o.owner_organisation_id = any($3::uuid[]))
       and ($4::text is null or s.name ilike $4 or o.name ilike $4)
       and ($5::text is null or s.review_status = $5)
       and ($6::text is null or ${FRESHNESS_SQL} = $6 or ($6 = 'due' and ${FRESHNESS_SQL} <> 'fresh'))
       and (not $7 or s.review_status = 'published')
     order by ${order}
     limit $8 offset $9`,
    [
      tenantId,
      Array.isArray(f.owners) ? 'some' : f.owners,
      Array.isArray(f.owners) ? f.owners : [],
      f.search ? containsPattern(f.search) : null,
      f.reviewStatus ?? null,
      f.freshness ?? null,
      f.publishedOnly ?? false,
      f.limit,
      f.offset,
    ],
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

// ---- one entry, as its form shows it --------------------------------------------------------

export type EntryRecord = {
  id: string;
  tenantId: string;
  name: string;
  status: string;
  reviewStatus: ReviewStatus;
  pendingChange: PendingChange | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  assuredDate: string | null;
  freshness: Freshness;
  lastModified: string;
  organizationId: string;
  organizationName: string;
  ownerOrganisationId: string | null;
  ownerName: string | null;
  /** What is stored now (for a published entry: what the public sees). */
  current: EntryDraft;
  /** False when the entry has opening hours this simple weekly form cannot show (kept as they are). */
  hoursEditable: boolean;
  /** Language codes stored on the entry, with their names (to offer codes outside the usual list). */
  storedLanguages: { code: string; name: string | null }[];
};

type RawEntry = Omit<EntryRecord, 'current' | 'hoursEditable' | 'storedLanguages'> & {
  description: string | null;
  isFree: boolean | null;
  feesDescription: string | null;
  eligibilityDescription: string | null;
  applicationProcess: string | null;
  email: string | null;
  url: string | null;
  supportForms: string[];
  targetGroups: string[];
  languages: { code: string; name: string | null }[];
  phone: string | null;
  address1: string | null;
  postalCode: string | null;
  city: string | null;
  weekly: { byday: string | null; opensAt: string; closesAt: string }[];
  otherSchedules: boolean;
};

/** The service-level weekly opening hours as one range per day; null when they do not fit that. */
export function hoursFromSchedules(
  weekly: { byday: string | null; opensAt: string; closesAt: string }[],
): Record<Weekday, DayHours> | null {
  const hours = emptyHours();
  for (const s of weekly) {
    const days = (s.byday ?? '')
      .split(',')
      .map((d) => d.trim().toUpperCase())
      .filter(Boolean);
    for (const day of days.length === 0 ? WEEKDAYS : days) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) return null;
      const h = hours[day as Weekday];
      if (h.opens) return null;
      hours[day as Weekday] = { opens: s.opensAt, closes: s.closesAt };
    }
  }
  return hours;
}

export async function findEntry(sql: Sql, serviceId: string, taxonomyUris: { forms: string; groups: string }): Promise<EntryRecord | null> {
  const { rows } = await sql.query<RawEntry>(
    `select s.id, s.tenant_id as "tenantId", s.name, s.status, s.review_status as "reviewStatus", s.pending_change as "pendingChange",
       s.review_note as "reviewNote", to_char(s.reviewed_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "reviewedAt",
       s.assured_date as "assuredDate", ${FRESHNESS_SQL} as freshness,
       to_char(s.last_modified at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "lastModified",
       o.id as "organizationId", o.name as "organizationName", o.owner_organisation_id as "ownerOrganisationId", own.name as "ownerName",
       s.description, s.is_free as "isFree", s.fees_description as "feesDescription",
       s.eligibility_description as "eligibilityDescription", s.application_process as "applicationProcess", s.email, s.url,
       coalesce((select array_agg(t.code order by t.code) from directory_attributes a
         join taxonomy_terms t on t.id = a.taxonomy_term_id join taxonomies tx on tx.id = t.taxonomy_id
         where a.tenant_id = s.tenant_id and a.link_type = 'service' and a.link_id = s.id and tx.uri = $2), '{}') as "supportForms",
       coalesce((select array_agg(t.code order by t.code) from directory_attributes a
         join taxonomy_terms t on t.id = a.taxonomy_term_id join taxonomies tx on tx.id = t.taxonomy_id
         where a.tenant_id = s.tenant_id and a.link_type = 'service' and a.link_id = s.id and tx.uri = $3), '{}') as "targetGroups",
       coalesce((select json_agg(json_build_object('code', lg.code, 'name', lg.name) order by lg.code) from directory_languages lg
         where lg.tenant_id = s.tenant_id and lg.service_id = s.id and lg.code is not null), '[]') as languages,
       (select p.number from directory_phones p where p.tenant_id = s.tenant_id and p.service_id = s.id order by p.id limit 1) as phone,
       loc.address_1 as address1, loc.postal_code as "postalCode", loc.city,
       coalesce((select json_agg(json_build_object('byday', sc.byday, 'opensAt', to_char(sc.opens_at, 'HH24:MI'),
           'closesAt', to_char(sc.closes_at, 'HH24:MI')))
         from directory_schedules sc where sc.tenant_id = s.tenant_id and sc.service_id = s.id and coalesce(sc.freq, 'WEEKLY') = 'WEEKLY'
           and sc.valid_from is null and sc.valid_to is null and sc.opens_at is not null and sc.closes_at is not null
           and sc.bymonthday is null), '[]') as weekly,
       exists (select 1 from directory_schedules sc where sc.tenant_id = s.tenant_id
           and (sc.service_at_location_id in (select x.id from directory_service_at_locations x where x.tenant_id = s.tenant_id and x.service_id = s.id)
             or (sc.service_id = s.id and (coalesce(sc.freq, 'WEEKLY') <> 'WEEKLY' or sc.valid_from is not null or sc.valid_to is not null
               or sc.opens_at is null or sc.closes_at is null or sc.bymonthday is not null)))) as "otherSchedules"
     from directory_services s join directory_organizations o on o.id = s.organization_id
     left join organisations own on own.id = o.owner_organisation_id
     left join lateral (
       select ad.address_1, ad.postal_code, ad.city from directory_service_at_locations sal
       join directory_locations l on l.id = sal.location_id
       left join directory_addresses ad on ad.tenant_id = l.tenant_id and ad.location_id = l.id
       where sal.tenant_id = s.tenant_id and sal.service_id = s.id
       order by sal.id, ad.address_type limit 1) loc on true
     where s.id = $1`,
    [serviceId, taxonomyUris.forms, taxonomyUris.groups],
  );
  const r = rows[0];
  if (!r) return null;
  const hours = hoursFromSchedules(r.weekly);
  const current: EntryDraft = {
    name: r.name,
    description: r.description ?? '',
    supportForms: r.supportForms,
    targetGroups: r.targetGroups,
    isFree: r.isFree === true ? 'ja' : r.isFree === false ? 'nee' : '',
    feesDescription: r.feesDescription ?? '',
    eligibilityDescription: r.eligibilityDescription ?? '',
    applicationProcess: r.applicationProcess ?? '',
    languages: r.languages.map((l) => l.code),
    phone: r.phone ?? '',
    email: r.email ?? '',
    url: r.url ?? '',
    address1: r.address1 ?? '',
    postalCode: r.postalCode ?? '',
    city: r.city ?? '',
    hours: hours ?? emptyHours(),
  };
  return {
    id: r.id,
    tenantId: r.tenantId,
    name: r.name,
    status: r.status,
    reviewStatus: r.reviewStatus,
    pendingChange: r.pendingChange,
    reviewNote: r.reviewNote,
    reviewedAt: r.reviewedAt,
    assuredDate: r.assuredDate,
    freshness: r.freshness,
    lastModified: r.lastModified,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    ownerOrganisationId: r.ownerOrganisationId,
    ownerName: r.ownerName,
    current,
    hoursEditable: hours !== null && !r.otherSchedules,
    storedLanguages: r.languages,
  };
}

// ---- writing an entry ---------------------------------------------------------------------

/** The directory organisation that carries a network organisation's own entries; made when missing. */
export async function directoryOrganisationOf(sql: Sql, tenantId: string, ownerOrganisationId: string): Promise<string> {
  const found = await sql.query<{ id: string }>(
    `select id from directory_organizations where tenant_id = $1 and owner_organisation_id = $2 order by created_at, id limit 1`,
    [tenantId, ownerOrganisationId],
  );
  if (found.rows[0]) return found.rows[0].id;
  const made = await sql.query<{ id: string }>(
    `insert into directory_organizations (tenant_id, owner_organisation_id, name, description, email, website)
     select $1, o.id, o.name, o.description, o.email, o.website from organisations o where o.id = $2
     returning id`,
    [tenantId, ownerOrganisationId],
  );
  return made.rows[0]?.id as string;
}

export async function insertService(sql: Sql, tenantId: string, organizationId: string, name: string): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into directory_services (tenant_id, organization_id, name, review_status) values ($1, $2, $3, 'pending') returning id`,
    [tenantId, organizationId, name],
  );
  return rows[0]?.id as string;
}

/**
 * Writes a checked draft into the HSDS tables of one service: its own columns, the profile terms
 * (terms of other taxonomies stay), languages, its first phone, the address of its first location
 * and, when the form could show them, its weekly opening hours. A location shared with other
 * services is not changed: this service gets a location of its own.
 */
export async function applyDraft(
  sql: Sql,
  input: {
    tenantId: string;
    serviceId: string;
    organizationId: string;
    draft: EntryDraft;
    termIds: string[];
    profileTaxonomyUris: string[];
    languageNames: Map<string, string>;
    writeHours: boolean;
  },
): Promise<void> {
  const { tenantId, serviceId: id, draft: d } = input;
  const orNull = (v: string) => (v === '' ? null : v);
  await sql.query(
    `update directory_services set name = $3, description = $4, is_free = $5, fees_description = $6, eligibility_description = $7,
       application_process = $8, email = $9, url = $10, last_modified = now()
     where tenant_id = $1 and id = $2`,
    [
      tenantId,
      id,
      d.name,
      orNull(d.description),
      d.isFree === 'ja' ? true : d.isFree === 'nee' ? false : null,
      orNull(d.feesDescription),
      orNull(d.eligibilityDescription),
      orNull(d.applicationProcess),
      orNull(d.email),
      orNull(d.url),
    ],
  );
  await sql.query(
    `delete from directory_attributes a using taxonomy_terms t join taxonomies tx on tx.id = t.taxonomy_id
     where a.tenant_id = $1 and a.link_type = 'service' and a.link_id = $2 and a.taxonomy_term_id = t.id and tx.uri = any($3)`,
    [tenantId, id, input.profileTaxonomyUris],
  );
  if (input.termIds.length > 0) {
    await sql.query(
      `insert into directory_attributes (tenant_id, link_id, link_type, taxonomy_term_id)
       select $1, $2, 'service', unnest($3::uuid[]) on conflict do nothing`,
      [tenantId, id, input.termIds],
    );
  }
  await sql.query('delete from directory_languages where tenant_id = $1 and service_id = $2', [tenantId, id]);
  if (d.languages.length > 0) {
    await sql.query(
      `insert into directory_languages (tenant_id, service_id, code, name) select $1, $2, unnest($3::text[]), unnest($4::text[])`,
      [tenantId, id, d.languages, d.languages.map((c) => input.languageNames.get(c) ?? c)],
    );
  }
  const phone = await sql.query<{ id: string }>(
    'select id from directory_phones where tenant_id = $1 and service_id = $2 order by id limit 1',
    [tenantId, id],
  );
  const phoneId = phone.rows[0]?.id;
  if (phoneId && d.phone) await sql.query('update directory_phones set number = $2 where id = $1', [phoneId, d.phone]);
  else if (phoneId) await sql.query('delete from directory_phones where id = $1', [phoneId]);
  else if (d.phone) {
    await sql.query(`insert into directory_phones (tenant_id, service_id, number, type) values ($1, $2, $3, 'voice')`, [
      tenantId,
      id,
      d.phone,
    ]);
  }
  await writeAddress(sql, tenantId, id, input.organizationId, d);
  if (input.writeHours) await writeHours(sql, tenantId, id, d.hours);
}

async function writeAddress(sql: Sql, tenantId: string, serviceId: string, organizationId: string, d: EntryDraft): Promise<void> {
  const link = await sql.query<{ salId: string; locationId: string; shared: boolean }>(
    `select sal.id as "salId", sal.location_id as "locationId",
       exists (select 1 from directory_service_at_locations o where o.tenant_id = sal.tenant_id and o.location_id = sal.location_id
         and o.service_id <> sal.service_id) as shared
     from directory_service_at_locations sal where sal.tenant_id = $1 and sal.service_id = $2 order by sal.id limit 1`,
    [tenantId, serviceId],
  );
  const current = link.rows[0];
  if (!d.address1) {
    if (current) await sql.query('delete from directory_service_at_locations where id = $1', [current.salId]);
    return;
  }
  const pc4 = d.postalCode.slice(0, 4);
  if (current && !current.shared) {
    // A new postcode moves the point: the postcode area places it until someone sets coordinates again.
    await sql.query(
      `update directory_locations set pc4 = $2, latitude = case when pc4 is distinct from $2 then null else latitude end,
         longitude = case when pc4 is distinct from $2 then null else longitude end, last_modified = now()
       where id = $1`,
      [current.locationId, pc4],
    );
    const updated = await sql.query(
      `update directory_addresses set address_1 = $2, postal_code = $3, city = $4
       where id = (select id from directory_addresses where location_id = $1 order by address_type, id limit 1)`,
      [current.locationId, d.address1, d.postalCode, d.city],
    );
    if ((updated.rowCount ?? 0) === 0) {
      await sql.query(
        'insert into directory_addresses (tenant_id, location_id, address_1, postal_code, city) values ($1, $2, $3, $4, $5)',
        [tenantId, current.locationId, d.address1, d.postalCode, d.city],
      );
    }
    return;
  }
  const loc = await sql.query<{ id: string }>(
    `insert into directory_locations (tenant_id, organization_id, location_type, pc4) values ($1, $2, 'physical', $3) returning id`,
    [tenantId, organizationId, pc4],
  );
  const locationId = loc.rows[0]?.id as string;
  await sql.query('insert into directory_addresses (tenant_id, location_id, address_1, postal_code, city) values ($1, $2, $3, $4, $5)', [
    tenantId,
    locationId,
    d.address1,
    d.postalCode,
    d.city,
  ]);
  if (current) await sql.query('update directory_service_at_locations set location_id = $2 where id = $1', [current.salId, locationId]);
  else {
    await sql.query('insert into directory_service_at_locations (tenant_id, service_id, location_id) values ($1, $2, $3)', [
      tenantId,
      serviceId,
      locationId,
    ]);
  }
}

/** Days with the same hours share one HSDS schedule row (byday "MO,TU,WE"). */
async function writeHours(sql: Sql, tenantId: string, serviceId: string, hours: Record<Weekday, DayHours>): Promise<void> {
  await sql.query(
    `delete from directory_schedules where tenant_id = $1 and service_id = $2 and coalesce(freq, 'WEEKLY') = 'WEEKLY'
       and valid_from is null and valid_to is null and bymonthday is null`,
    [tenantId, serviceId],
  );
  const groups = new Map<string, Weekday[]>();
  for (const day of WEEKDAYS) {
    const h = hours[day];
    if (!h.opens || !h.closes) continue;
    const key = `${h.opens}-${h.closes}`;
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  for (const [key, days] of groups) {
    const [opens, closes] = key.split('-');
    await sql.query(
      `insert into directory_schedules (tenant_id, service_id, freq, byday, opens_at, closes_at, timezone)
       values ($1, $2, 'WEEKLY', $3, $4, $5, 'Europe/Amsterdam')`,
      [tenantId, serviceId, days.join(','), opens, closes],
    );
  }
}

export async function termIdsFor(sql: Sql, taxonomyUris: string[], codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const { rows } = await sql.query<{ id: string }>(
    `select t.id from taxonomy_terms t join taxonomies tx on tx.id = t.taxonomy_id where tx.uri = any($1) and t.code = any($2)`,
    [taxonomyUris, codes],
  );
  return rows.map((r) => r.id);
}

export async function setReview(
  sql: Sql,
  serviceId: string,
  change: {
    reviewStatus?: ReviewStatus;
    pendingChange?: PendingChange | null;
    reviewNote?: string | null;
    reviewedBy?: string;
    assured?: { email: string | null };
  },
): Promise<void> {
  await sql.query(
    `update directory_services set
       review_status = coalesce($2, review_status),
       pending_change = case when $3 then $4::jsonb else pending_change end,
       review_note = case when $5 then $6 else review_note end,
       reviewed_by = coalesce($7, reviewed_by),
       reviewed_at = case when $7::uuid is null then reviewed_at else now() end,
       assured_date = case when $8 then ${TODAY} else assured_date end,
       assurer_email = case when $8 then $9 else assurer_email end,
       stale_reminded_at = case when $8 then null else stale_reminded_at end
     where id = $1`,
    [
      serviceId,
      change.reviewStatus ?? null,
      change.pendingChange !== undefined,
      change.pendingChange === undefined || change.pendingChange === null ? null : JSON.stringify(change.pendingChange),
      change.reviewNote !== undefined,
      change.reviewNote ?? null,
      change.reviewedBy ?? null,
      change.assured !== undefined,
      change.assured?.email ?? null,
    ],
  );
}

// ---- review ---------------------------------------------------------------------------------

export type QueueRow = {
  id: string;
  name: string;
  organizationName: string;
  ownerName: string | null;
  kind: 'new' | 'change';
  waitingSince: string;
};

/** New entries and changes waiting for the coordinator, oldest first. */
export async function reviewQueue(sql: Sql, tenantId: string, page: { limit: number; offset: number }) {
  const { rows } = await sql.query<QueueRow & { total: number }>(
    `select s.id, coalesce(s.pending_change #>> '{draft,name}', s.name) as name, o.name as "organizationName", own.name as "ownerName",
       case when s.review_status = 'pending' then 'new' else 'change' end as kind,
       to_char(coalesce((s.pending_change ->> 'submittedAt')::timestamptz, s.last_modified) at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "waitingSince",
       count(*) over ()::int as total
     from directory_services s join directory_organizations o on o.id = s.organization_id
     left join organisations own on own.id = o.owner_organisation_id
     where s.tenant_id = $1 and (s.review_status = 'pending' or s.pending_change is not null)
       and not coalesce(s.pending_change ? 'rejectedAt', false) and s.review_status <> 'withdrawn'
     order by s.last_modified, s.id
     limit $2 offset $3`,
    [tenantId, page.limit, page.offset],
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

// ---- freshness ------------------------------------------------------------------------------

export type FreshnessRow = {
  ownerOrganisationId: string | null;
  ownerName: string | null;
  total: number;
  fresh: number;
  stale: number;
  old: number;
  never: number;
  openReports: number;
};

/** Published entries per owner organisation by freshness, with their open reports; worst first or by name. */
export async function freshnessByOwner(sql: Sql, tenantId: string, options: { sort: 'urgent' | 'name'; limit: number; offset: number }) {
  const order = options.sort === 'name' ? 'own.name nulls first' : 'g.old + g.never desc, g.stale desc, own.name nulls first';
  const { rows } = await sql.query<FreshnessRow & { groups: number }>(
    `with g as (
       select o.owner_organisation_id,
         count(*)::int as total,
         count(*) filter (where s.assured_date >= ${STALE})::int as fresh,
         count(*) filter (where s.assured_date < ${STALE} and s.assured_date >= ${WARN})::int as stale,
         count(*) filter (where s.assured_date < ${WARN})::int as old,
         count(*) filter (where s.assured_date is null)::int as never
       from directory_services s join directory_organizations o on o.id = s.organization_id
       where s.tenant_id = $1 and s.review_status = 'published'
       group by o.owner_organisation_id
     ), r as (
       select o.owner_organisation_id, count(*)::int as n
       from directory_reports rp join directory_services s on s.id = rp.service_id join directory_organizations o on o.id = s.organization_id
       where rp.tenant_id = $1 and rp.resolved_at is null
       group by o.owner_organisation_id
     )
     select g.owner_organisation_id as "ownerOrganisationId", own.name as "ownerName", g.total, g.fresh, g.stale, g.old, g.never,
       coalesce(r.n, 0) as "openReports", count(*) over ()::int as groups
     from g left join r on r.owner_organisation_id is not distinct from g.owner_organisation_id
     left join organisations own on own.id = g.owner_organisation_id
     order by ${order}
     limit $2 offset $3`,
    [tenantId, options.limit, options.offset],
  );
  return { items: rows.map(({ groups: _g, ...r }) => r), total: rows[0]?.groups ?? 0 };
}

export async function freshnessTotals(sql: Sql, tenantId: string) {
  const { rows } = await sql.query<{ total: number; fresh: number; stale: number; old: number; never: number; openReports: number }>(
    `select count(*)::int as total,
       count(*) filter (where s.assured_date >= ${STALE})::int as fresh,
       count(*) filter (where s.assured_date < ${STALE} and s.assured_date >= ${WARN})::int as stale,
       count(*) filter (where s.assured_date < ${WARN})::int as old,
       count(*) filter (where s.assured_date is null)::int as never,
       (select count(*) from directory_reports r where r.tenant_id = $1 and r.resolved_at is null)::int as "openReports"
     from directory_services s where s.tenant_id = $1 and s.review_status = 'published'`,
    [tenantId],
  );
  return rows[0] ?? { total: 0, fresh: 0, stale: 0, old: 0, never: 0, openReports: 0 };
}

// ---- stale reminders ------------------------------------------------------------------------

export type StaleEntry = { id: string; name: string; assuredDate: string | null; ownerOrganisationId: string; ownerName: string };

/**
 * Published, active entries not checked for 6 months, of owners that are due a reminder: an owner
 * is reminded at most once in 30 days, and only for entries not reminded in that time. Rows are
 * locked (skip locked), so two sweeps at once never remind twice.
 */
export async function staleEntriesDue(sql: Sql, tenantId: string): Promise<StaleEntry[]> {
  const { rows } = await sql.query<StaleEntry>(
    `select s.id, s.name, s.assured_date as "assuredDate", o.owner_organisation_id as "ownerOrganisationId", own.name as "ownerName"
     from directory_services s join directory_organizations o on o.id = s.organization_id
     join organisations own on own.id = o.owner_organisation_id
     where s.tenant_id = $1 and s.review_status = 'published' and s.status = 'active'
       and (s.assured_date is null or s.assured_date < ${STALE})
       and (s.stale_reminded_at is null or s.stale_reminded_at < now() - interval '30 days')
       and not exists (
         select 1 from directory_services s2 join directory_organizations o2 on o2.id = s2.organization_id
         where s2.tenant_id = $1 and o2.owner_organisation_id = o.owner_organisation_id
           and s2.stale_reminded_at >= now() - interval '30 days')
     order by own.name, o.owner_organisation_id, s.assured_date nulls first, lower(s.name)
     for update of s skip locked`,
    [tenantId],
  );
  return rows;
}

export async function markReminded(sql: Sql, tenantId: string, serviceIds: string[]): Promise<void> {
  await sql.query('update directory_services set stale_reminded_at = now() where tenant_id = $1 and id = any($2::uuid[])', [
    tenantId,
    serviceIds,
  ]);
}

export async function activeMunicipalities(sql: Sql): Promise<{ id: string; name: string }[]> {
  const { rows } = await sql.query<{ id: string; name: string }>('select id, name from municipalities where active order by name');
  return rows;
}

export type Recipient = { email: string; displayName: string; locale: 'nl' | 'en' };

/** The enabled administrators and social-map editors of an organisation in this municipality. */
export async function ownerRecipients(sql: Sql, tenantId: string, organisationId: string): Promise<Recipient[]> {
  const { rows } = await sql.query<Recipient>(
    `select a.email, a.display_name as "displayName", a.locale
     from memberships m join accounts a on a.id = m.account_id
     where m.tenant_id = $1 and m.organisation_id = $2 and m.disabled_at is null and a.disabled_at is null
       and a.kind = 'professional' and m.roles && array['organisationAdmin', 'directoryEditor']::text[]
     order by a.email`,
    [tenantId, organisationId],
  );
  return rows;
}

export async function organisationName(sql: Sql, organisationId: string): Promise<string | null> {
  const { rows } = await sql.query<{ name: string }>('select name from organisations where id = $1', [organisationId]);
  return rows[0]?.name ?? null;
}

export async function accountEmail(sql: Sql, accountId: string): Promise<string | null> {
  const { rows } = await sql.query<{ email: string }>('select email from accounts where id = $1', [accountId]);
  return rows[0]?.email ?? null;
}

// ---- reports ------------------------------------------------------------------------------

export async function insertReport(
  sql: Sql,
  r: { tenantId: string; serviceId: string; message: string; email: string | null; reportedBy: string | null },
) {
  const { rows } = await sql.query<{ id: string }>(
    'insert into directory_reports (tenant_id, service_id, message, email, reported_by) values ($1, $2, $3, $4, $5) returning id',
    [r.tenantId, r.serviceId, r.message, r.email, r.reportedBy],
  );
  return rows[0]?.id as string;
}

export type ReportRow = {
  id: string;
  serviceId: string;
  serviceName: string;
  ownerOrganisationId: string | null;
  message: string;
  wantsAnswer: boolean;
  createdAt: string;
  resolvedAt: string | null;
  resolutionNote: string | null;
};

const reportColumns = `r.id, r.service_id as "serviceId", s.name as "serviceName", o.owner_organisation_id as "ownerOrganisationId",
  r.message, r.email is not null as "wantsAnswer", to_char(r.created_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD HH24:MI') as "createdAt",
  to_char(r.resolved_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as "resolvedAt", r.resolution_note as "resolutionNote"`;

export async function listReports(
  sql: Sql,
  tenantId: string,
  f: { owners: string[]; open: boolean; limit: number; offset: number },
): Promise<{ items: ReportRow[]; total: number }> {
  const { rows } = await sql.query<ReportRow & { total: number }>(
    `select ${reportColumns}, count(*) over ()::int as total
     from directory_reports r join directory_services s on s.id = r.service_id join directory_organizations o on o.id = s.organization_id
     where r.tenant_id = $1 and o.owner_organisation_id = any($2::uuid[]) and ((r.resolved_at is null) = $3)
     order by case when $3 then r.created_at end asc, r.resolved_at desc, r.id
     limit $4 offset $5`,
    [tenantId, f.owners, f.open, f.limit, f.offset],
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export async function findReport(sql: Sql, reportId: string): Promise<(ReportRow & { email: string | null }) | null> {
  const { rows } = await sql.query<ReportRow & { email: string | null }>(
    `select ${reportColumns}, r.email
     from directory_reports r join directory_services s on s.id = r.service_id join directory_organizations o on o.id = s.organization_id
     where r.id = $1`,
    [reportId],
  );
  return rows[0] ?? null;
}

/** Marks a report handled; the reporter's address is dropped once the answer is on its way. */
export async function resolveReport(sql: Sql, reportId: string, accountId: string, note: string): Promise<void> {
  await sql.query(
    `update directory_reports set resolved_at = now(), resolved_by = $2, resolution_note = $3, email = null where id = $1 and resolved_at is null`,
    [reportId, accountId, note],
  );
}
