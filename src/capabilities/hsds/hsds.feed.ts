import type { ServiceContext } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import * as q from './hsds.queries.ts';
import {
  type HsdsAddress,
  type HsdsAttribute,
  type HsdsContact,
  type HsdsCostOption,
  type HsdsLanguage,
  type HsdsLocation,
  type HsdsOrganization,
  type HsdsPage,
  type HsdsPhone,
  type HsdsSchedule,
  type HsdsService,
  type HsdsServiceArea,
  type HsdsServiceAtLocation,
  type HsdsTaxonomy,
  type HsdsTaxonomyTerm,
  type ServicesQuery,
  toPage,
} from './hsds.schemas.ts';

/**
 * Turns the social map's rows into HSDS 3.0 objects. Absent values are left out (HSDS types them
 * as plain strings); values the spec formats (URLs, email addresses) are only sent when they are
 * well-formed, so every object the feed sends validates.
 */

type Row = Record<string, unknown>;

/** Copies the named columns that have a value. */
function pick<T extends Row>(row: T, keys: (keyof T & string)[]): Row {
  const out: Row = {};
  for (const key of keys) {
    const value = row[key];
    if (value !== null && value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const ANY_URI = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;
const anyUri = (value: string | null) => (value && ANY_URI.test(value) ? value : undefined);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const webUrl = (value: string | null) => (value && HTTP_URL.test(value) && URL.canParse(value) ? value : undefined);
const emailOf = (value: string | null) => (value && EMAIL.test(value) ? value : undefined);
const dropUndefined = <T extends Row>(row: T): T => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;

function group<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export function toLanguage(row: q.LanguageRow): HsdsLanguage {
  return pick(row, ['id', 'service_id', 'location_id', 'name', 'code', 'note']) as HsdsLanguage;
}

export function toPhone(row: q.PhoneRow): HsdsPhone {
  const extension = row.extension && /^\d{1,9}$/.test(row.extension) ? Number(row.extension) : undefined;
  return dropUndefined({
    ...(pick(row, ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'number', 'type', 'description']) as HsdsPhone),
    extension,
  });
}

function toContact(row: q.ContactRow, phonesByContact: Map<string | null, q.PhoneRow[]>): HsdsContact {
  return dropUndefined({
    ...(pick(row, ['id', 'organization_id', 'service_id', 'location_id', 'name', 'title', 'department']) as HsdsContact),
    email: emailOf(row.email),
    phones: (phonesByContact.get(row.id) ?? []).map(toPhone),
  });
}

export function toSchedule(row: q.ScheduleRow): HsdsSchedule {
  const timezone = row.timezone && /^[+-]?\d{1,2}(\.\d+)?$/.test(row.timezone) ? Number(row.timezone) : undefined;
  return dropUndefined({
    ...(pick(row, [
      'id',
      'service_id',
      'location_id',
      'service_at_location_id',
      'valid_from',
      'valid_to',
      'dtstart',
      'until',
      'freq',
      'interval',
      'byday',
      'bymonthday',
      'opens_at',
      'closes_at',
      'description',
      'notes',
    ]) as HsdsSchedule),
    timezone,
  });
}

function toAddress(row: q.AddressRow, province: string): HsdsAddress {
  return {
    ...(pick(row, [
      'id',
      'location_id',
      'attention',
      'address_1',
      'address_2',
      'city',
      'region',
      'postal_code',
      'country',
      'address_type',
    ]) as HsdsAddress),
    // Required by HSDS 3.0; a Dutch address has a province, the municipality's when none was given.
    state_province: row.state_province ?? province,
  };
}

export function toLocation(
  row: q.LocationRow,
  parts: { addresses: Map<string, q.AddressRow[]>; languages: Map<string | null, q.LanguageRow[]> },
  province: string,
): HsdsLocation {
  return dropUndefined({
    ...(pick(row, [
      'id',
      'location_type',
      'organization_id',
      'name',
      'alternate_name',
      'description',
      'transportation',
      'latitude',
      'longitude',
    ]) as HsdsLocation),
    url: webUrl(row.url),
    addresses: (parts.addresses.get(row.id) ?? []).map((a) => toAddress(a, province)),
    languages: (parts.languages.get(row.id) ?? []).map(toLanguage),
  });
}

export function toServiceArea(row: q.ServiceAreaRow): HsdsServiceArea {
  return pick(row, ['id', 'service_id', 'name', 'description', 'extent', 'extent_type', 'uri']) as HsdsServiceArea;
}

export function toCostOption(row: q.CostOptionRow): HsdsCostOption {
  return dropUndefined({
    ...(pick(row, ['id', 'service_id', 'valid_from', 'valid_to', 'option', 'currency', 'amount_description']) as HsdsCostOption),
    amount: row.amount === null ? undefined : Number(row.amount),
  });
}

export function toTaxonomy(row: q.TaxonomyRow): HsdsTaxonomy {
  return dropUndefined({
    ...(pick(row, ['id', 'name', 'version']) as HsdsTaxonomy),
    description: row.description ?? '',
    uri: anyUri(row.uri),
  });
}

export function toTaxonomyTerm(row: q.TaxonomyTermRow, taxonomy: q.TaxonomyRow | undefined): HsdsTaxonomyTerm {
  return dropUndefined({
    ...(pick(row, ['id', 'code', 'name', 'parent_id', 'language', 'taxonomy_id']) as HsdsTaxonomyTerm),
    description: row.description ?? '',
    term_uri: anyUri(row.term_uri),
    taxonomy: taxonomy ? (taxonomy.uri ?? taxonomy.name) : undefined,
    taxonomy_detail: taxonomy ? toTaxonomy(taxonomy) : undefined,
  });
}

function toAttribute(row: q.AttributeRow, terms: Map<string, q.TaxonomyTermRow>, taxonomies: Map<string, q.TaxonomyRow>): HsdsAttribute {
  const term = terms.get(row.taxonomy_term_id);
  return dropUndefined({
    ...(pick(row, ['id', 'link_id', 'taxonomy_term_id', 'value', 'label']) as HsdsAttribute),
    link_entity: row.link_type as HsdsAttribute['link_entity'],
    taxonomy_term: term ? toTaxonomyTerm(term, term.taxonomy_id ? taxonomies.get(term.taxonomy_id) : undefined) : undefined,
  });
}

export function toOrganization(row: q.OrganizationRow): HsdsOrganization {
  return dropUndefined({
    ...(pick(row, ['id', 'name', 'alternate_name', 'legal_status', 'logo', 'parent_organization_id']) as HsdsOrganization),
    // Required by HSDS 3.0.
    description: row.description ?? '',
    email: emailOf(row.email),
    website: webUrl(row.website),
    uri: anyUri(row.uri),
  });
}

/** The service's own fields (as the lists send them). */
export function toServiceBasics(row: q.ServiceRow): HsdsService {
  return dropUndefined({
    ...(pick(row, [
      'id',
      'organization_id',
      'name',
      'alternate_name',
      'description',
      'status',
      'interpretation_services',
      'application_process',
      'fees_description',
      'wait_time',
      'eligibility_description',
      'minimum_age',
      'maximum_age',
      'assured_date',
      'alert',
    ]) as HsdsService),
    url: webUrl(row.url),
    email: emailOf(row.email),
    assurer_email: emailOf(row.assurer_email),
    last_modified: row.last_modified.toISOString(),
  });
}

/** Fully nested services, in the order given, with one query per table for all of them. */
export async function fullServices(ctx: ServiceContext, tenantId: string, rows: q.ServiceRow[], province: string): Promise<HsdsService[]> {
  if (rows.length === 0) return [];
  const organizationIds = [...new Set(rows.map((r) => r.organization_id))];
  const [organizations, children] = await q.inSequence([
    () => q.organizationsByIds(ctx.sql, tenantId, organizationIds),
    () =>
      q.childrenOfServices(
        ctx.sql,
        tenantId,
        rows.map((r) => r.id),
        organizationIds,
      ),
  ]);
  const orgs = new Map(organizations.map((o) => [o.id, o]));
  const locations = new Map(children.locations.map((l) => [l.id, l]));
  const addresses = group(children.addresses, (a) => a.location_id);
  const languagesByLocation = group(
    children.languages.filter((l) => l.location_id),
    (l) => l.location_id,
  );
  const languagesByService = group(
    children.languages.filter((l) => l.service_id),
    (l) => l.service_id,
  );
  const phonesByContact = group(
    children.phones.filter((p) => p.contact_id),
    (p) => p.contact_id,
  );
  const direct = children.phones.filter((p) => !p.contact_id);
  const phonesByService = group(
    direct.filter((p) => p.service_id),
    (p) => p.service_id,
  );
  const phonesByLocation = group(
    direct.filter((p) => p.location_id && !p.service_id),
    (p) => p.location_id,
  );
  const phonesByOrganization = group(
    direct.filter((p) => p.organization_id && !p.service_id && !p.location_id),
    (p) => p.organization_id,
  );
  const contactsByService = group(
    children.contacts.filter((c) => c.service_id),
    (c) => c.service_id,
  );
  const contactsByOrganization = group(
    children.contacts.filter((c) => c.organization_id && !c.service_id),
    (c) => c.organization_id,
  );
  const schedulesBySal = group(
    children.schedules.filter((s) => s.service_at_location_id),
    (s) => s.service_at_location_id,
  );
  const schedulesByService = group(
    children.schedules.filter((s) => s.service_id && !s.service_at_location_id),
    (s) => s.service_id,
  );
  const sals = group(children.serviceAtLocations, (s) => s.service_id);
  const areas = group(children.serviceAreas, (a) => a.service_id);
  const costs = group(children.costOptions, (c) => c.service_id);
  const attributes = group(children.attributes, (a) => a.link_id);
  const terms = new Map(children.terms.map((t) => [t.id, t]));
  const taxonomies = new Map(children.taxonomies.map((t) => [t.id, t]));
  const locationParts = { addresses, languages: languagesByLocation };

  return rows.map((row) => {
    const org = orgs.get(row.organization_id);
    const organization = org
      ? dropUndefined({
          ...toOrganization(org),
          phones: (phonesByOrganization.get(org.id) ?? []).map(toPhone),
          contacts: (contactsByOrganization.get(org.id) ?? []).map((c) => toContact(c, phonesByContact)),
        })
      : undefined;
    const serviceAtLocations = (sals.get(row.id) ?? []).flatMap((sal): HsdsServiceAtLocation[] => {
      const location = locations.get(sal.location_id);
      if (!location) return [];
      return [
        dropUndefined({
          ...(pick(sal, ['id', 'service_id', 'location_id', 'description']) as HsdsServiceAtLocation),
          location: { ...toLocation(location, locationParts, province), phones: (phonesByLocation.get(location.id) ?? []).map(toPhone) },
          schedules: (schedulesBySal.get(sal.id) ?? []).map(toSchedule),
        }),
      ];
    });
    return dropUndefined({
      ...toServiceBasics(row),
      organization,
      phones: (phonesByService.get(row.id) ?? []).map(toPhone),
      schedules: (schedulesByService.get(row.id) ?? []).map(toSchedule),
      service_areas: (areas.get(row.id) ?? []).map(toServiceArea),
      service_at_locations: serviceAtLocations,
      languages: (languagesByService.get(row.id) ?? []).map(toLanguage),
      cost_options: (costs.get(row.id) ?? []).map(toCostOption),
      contacts: (contactsByService.get(row.id) ?? []).map((c) => toContact(c, phonesByContact)),
      attributes: (attributes.get(row.id) ?? []).map((a) => toAttribute(a, terms, taxonomies)),
    });
  });
}

// ---- the endpoints' work ----------------------------------------------------------------------

export type Feed = { tenantId: string; province: string };

const window = (page: number, perPage: number) => ({ limit: perPage, offset: (page - 1) * perPage });

/** Turns the postcode and proximity parameters into a filter; an unknown postcode is a 400 on the parameter. */
async function placeFilter(ctx: ServiceContext, query: { postcode?: string | undefined; proximity?: number | undefined }) {
  if (query.proximity !== undefined && !query.postcode) {
    throw new HttpProblem(400, 'proximity needs a postcode.', {
      invalidParams: [{ name: 'query.proximity', code: 'requires_postcode', reason: 'Give a postcode to measure the distance from.' }],
    });
  }
  if (!query.postcode) return {};
  const pc4 = query.postcode.slice(0, 4);
  const area = await q.postcodeArea(ctx.sql, pc4);
  if (!area && query.proximity !== undefined) {
    throw new HttpProblem(400, 'This postcode is not known.', {
      invalidParams: [{ name: 'query.postcode', code: 'unknown_postcode', reason: `There is no postcode area ${pc4}.` }],
    });
  }
  return {
    pc4,
    postcodeMunicipality: area?.municipality_code ?? null,
    near:
      area && query.proximity !== undefined ? { latitude: area.latitude, longitude: area.longitude, metres: query.proximity } : undefined,
  };
}

export async function listServices(ctx: ServiceContext, feed: Feed, query: ServicesQuery): Promise<HsdsPage<HsdsService>> {
  const place = await placeFilter(ctx, query);
  const { rows, total } = await q.listPublicServices(
    ctx.sql,
    feed.tenantId,
    {
      search: query.search,
      searchStems: query.search ? await q.searchStems(ctx.sql, query.search) : undefined,
      taxonomyTermId: query.taxonomy_term_id,
      taxonomyId: query.taxonomy_id,
      organizationId: query.organization_id,
      modifiedAfter: query.modified_after,
      ...place,
    },
    window(query.page, query.per_page),
  );
  const contents = query.full === 'true' ? await fullServices(ctx, feed.tenantId, rows, feed.province) : rows.map(toServiceBasics);
  return toPage(contents, total, query.page, query.per_page);
}

export async function getService(ctx: ServiceContext, feed: Feed, id: string): Promise<HsdsService | undefined> {
  const rows = await q.publicServicesByIds(ctx.sql, feed.tenantId, [id]);
  const [service] = await fullServices(ctx, feed.tenantId, rows, feed.province);
  return service;
}

export async function listServiceAtLocations(
  ctx: ServiceContext,
  feed: Feed,
  query: Omit<ServicesQuery, 'full'>,
): Promise<HsdsPage<HsdsServiceAtLocation>> {
  const place = await placeFilter(ctx, query);
  const { rows, total } = await q.listPublicServiceAtLocations(
    ctx.sql,
    feed.tenantId,
    {
      search: query.search,
      searchStems: query.search ? await q.searchStems(ctx.sql, query.search) : undefined,
      taxonomyTermId: query.taxonomy_term_id,
      taxonomyId: query.taxonomy_id,
      organizationId: query.organization_id,
      modifiedAfter: query.modified_after,
      ...place,
    },
    window(query.page, query.per_page),
  );
  const { locations, addresses } = await q.childrenOfLocations(ctx.sql, feed.tenantId, [...new Set(rows.map((r) => r.location_id))]);
  const byId = new Map(locations.map((l) => [l.id, l]));
  const parts = { addresses: group(addresses, (a) => a.location_id), languages: new Map<string | null, q.LanguageRow[]>() };
  const contents = rows.map((sal) => {
    const location = byId.get(sal.location_id);
    return dropUndefined({
      ...(pick(sal, ['id', 'service_id', 'location_id', 'description']) as HsdsServiceAtLocation),
      location: location ? toLocation(location, parts, feed.province) : undefined,
    });
  });
  return toPage(contents, total, query.page, query.per_page);
}

export async function listOrganizations(
  ctx: ServiceContext,
  feed: Feed,
  query: {
    page: number;
    per_page: number;
    search?: string | undefined;
    taxonomy_term_id?: string | undefined;
    taxonomy_id?: string | undefined;
  },
): Promise<HsdsPage<HsdsOrganization>> {
  const { rows, total } = await q.listPublicOrganizations(
    ctx.sql,
    feed.tenantId,
    { search: query.search, taxonomyTermId: query.taxonomy_term_id, taxonomyId: query.taxonomy_id },
    window(query.page, query.per_page),
  );
  return toPage(rows.map(toOrganization), total, query.page, query.per_page);
}

export async function getOrganization(ctx: ServiceContext, feed: Feed, id: string): Promise<HsdsOrganization | undefined> {
  const row = await q.publicOrganization(ctx.sql, feed.tenantId, id);
  if (!row) return undefined;
  const locationIds = await q.locationsOfOrganization(ctx.sql, feed.tenantId, id);
  const [children, places] = await q.inSequence([
    () => q.childrenOfServices(ctx.sql, feed.tenantId, [], [id]),
    () => q.childrenOfLocations(ctx.sql, feed.tenantId, locationIds),
  ]);
  const phonesByContact = group(
    children.phones.filter((p) => p.contact_id),
    (p) => p.contact_id,
  );
  const parts = { addresses: group(places.addresses, (a) => a.location_id), languages: new Map<string | null, q.LanguageRow[]>() };
  return {
    ...toOrganization(row),
    phones: children.phones.filter((p) => p.organization_id === id && !p.contact_id).map(toPhone),
    contacts: children.contacts.filter((c) => c.organization_id === id).map((c) => toContact(c, phonesByContact)),
    locations: places.locations.sort((a, b) => a.id.localeCompare(b.id)).map((l) => toLocation(l, parts, feed.province)),
  };
}

export async function listTaxonomies(
  ctx: ServiceContext,
  query: { page: number; per_page: number; search?: string | undefined },
): Promise<HsdsPage<HsdsTaxonomy>> {
  const { rows, total } = await q.listTaxonomies(ctx.sql, { search: query.search }, window(query.page, query.per_page));
  return toPage(rows.map(toTaxonomy), total, query.page, query.per_page);
}

export async function listTaxonomyTerms(
  ctx: ServiceContext,
  query: {
    page: number;
    per_page: number;
    search?: string | undefined;
    taxonomy_id?: string | undefined;
    parent_id?: string | undefined;
    top_only?: 'true' | 'false' | undefined;
  },
): Promise<HsdsPage<HsdsTaxonomyTerm>> {
  const { rows, total } = await q.listTaxonomyTerms(
    ctx.sql,
    { search: query.search, taxonomyId: query.taxonomy_id, parentId: query.parent_id, topOnly: query.top_only === 'true' },
    window(query.page, query.per_page),
  );
  const taxonomies = new Map(
    (await q.taxonomiesByIds(ctx.sql, [...new Set(rows.map((r) => r.taxonomy_id).filter((id): id is string => id !== null))])).map((t) => [
      t.id,
      t,
    ]),
  );
  return toPage(
    rows.map((r) => toTaxonomyTerm(r, r.taxonomy_id ? taxonomies.get(r.taxonomy_id) : undefined)),
    total,
    query.page,
    query.per_page,
  );
}
