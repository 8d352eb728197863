import { z } from 'zod';
import type { Sql } from '../../platform/db/database.ts';
import { PROFILE } from './directory.profile.ts';
import { updateSearchFields } from './directory.queries.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).nullish();
const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One complete service as the seed, tests and simple writers hand it in (HSDS field meanings). */
export const serviceEntrySchema = z.object({
  sourceId: text(200),
  organization: z.object({
    sourceId: text(200),
    name: text(300),
    alternateName: optional(300),
    description: optional(5000),
    email: optional(254),
    website: optional(500),
    ownerOrganisationId: z.uuid().nullish(),
  }),
  name: text(300),
  alternateName: optional(300),
  description: optional(5000),
  url: optional(500),
  email: optional(254),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).default('active'),
  reviewStatus: z.enum(['draft', 'pending', 'published', 'rejected', 'withdrawn']).default('published'),
  isFree: z.boolean().nullish(),
  feesDescription: optional(1000),
  eligibilityDescription: optional(2000),
  applicationProcess: optional(2000),
  waitTime: optional(500),
  interpretationServices: optional(1000),
  alert: optional(1000),
  minimumAge: z.number().int().min(0).max(150).nullish(),
  maximumAge: z.number().int().min(0).max(150).nullish(),
  assuredDate: date.nullish(),
  assurerEmail: optional(254),
  locations: z
    .array(
      z.object({
        sourceId: text(200),
        name: optional(300),
        description: optional(2000),
        transportation: optional(1000),
        latitude: z.number().min(-90).max(90).nullish(),
        longitude: z.number().min(-180).max(180).nullish(),
        pc4: z
          .string()
          .regex(/^[1-9][0-9]{3}$/)
          .nullish(),
        address: z.object({ address1: text(300), address2: optional(300), city: text(100), postalCode: text(20) }).nullish(),
      }),
    )
    .default([]),
  phones: z
    .array(
      z.object({ number: text(40), type: z.enum(['voice', 'text', 'cell', 'textphone']).default('voice'), description: optional(500) }),
    )
    .default([]),
  contacts: z.array(z.object({ name: optional(200), title: optional(200), email: optional(254) })).default([]),
  schedules: z
    .array(
      z.object({
        freq: z.enum(['WEEKLY', 'MONTHLY']).default('WEEKLY'),
        byday: optional(60),
        bymonthday: optional(60),
        opensAt: time,
        closesAt: time,
        description: optional(1000),
        validFrom: date.nullish(),
        validTo: date.nullish(),
      }),
    )
    .default([]),
  languages: z.array(z.object({ code: z.string().regex(/^[a-z]{2,3}$/), name: text(100) })).default([]),
  costOptions: z
    .array(z.object({ option: optional(500), amount: z.number().min(0).nullish(), amountDescription: optional(500) }))
    .default([]),
  /** Codes of profile terms (PROFILE.supportForms / PROFILE.targetGroups). */
  terms: z.array(z.string()).default([]),
  serviceAreaMunicipalityCode: z
    .string()
    .regex(/^GM\d{4}$/)
    .nullish(),
});
export type ServiceEntryInput = z.input<typeof serviceEntrySchema>;

/**
 * Stores one service with its organisation, locations, phones, contacts, schedules, languages,
 * cost options and terms, in the current tenant; the same sourceId updates the entry and
 * replaces its parts. Recomputes its search fields. Returns the service id.
 */
export async function saveServiceEntry(sql: Sql, tenantId: string, input: ServiceEntryInput): Promise<{ id: string; created: boolean }> {
  const e = serviceEntrySchema.parse(input);
  const o = e.organization;
  const org = await sql.query<{ id: string }>(
    `insert into directory_organizations (tenant_id, source_id, name, alternate_name, description, email, website, owner_organisation_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (tenant_id, source_id) do update set name = excluded.name, alternate_name = excluded.alternate_name,
       description = excluded.description, email = excluded.email, website = excluded.website,
       owner_organisation_id = excluded.owner_organisation_id, updated_at = now()
     returning id`,
    [
      tenantId,
      o.sourceId,
      o.name,
      o.alternateName ?? null,
      o.description ?? null,
      o.email ?? null,
      o.website ?? null,
      o.ownerOrganisationId ?? null,
    ],
  );
  const organizationId = org.rows[0]?.id as string;
  const service = await sql.query<{ id: string; created: boolean }>(
    `insert into directory_services (tenant_id, organization_id, source_id, name, alternate_name, description, url, email, status,
       review_status, is_free, fees_description, eligibility_description, application_process, wait_time, interpretation_services,
       alert, minimum_age, maximum_age, assured_date, assurer_email)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     on conflict (tenant_id, source_id) do update set organization_id = excluded.organization_id, name = excluded.name,
       alternate_name = excluded.alternate_name, description = excluded.description, url = excluded.url, email = excluded.email,
       status = excluded.status, review_status = excluded.review_status, is_free = excluded.is_free,
       fees_description = excluded.fees_description, eligibility_description = excluded.eligibility_description,
       application_process = excluded.application_process, wait_time = excluded.wait_time,
       interpretation_services = excluded.interpretation_services, alert = excluded.alert, minimum_age = excluded.minimum_age,
       maximum_age = excluded.maximum_age, assured_date = excluded.assured_date, assurer_email = excluded.assurer_email,
       last_modified = now()
     returning id, (xmax = 0) as created`,
    [
      tenantId,
      organizationId,
      e.sourceId,
      e.name,
      e.alternateName ?? null,
      e.description ?? null,
      e.url ?? null,
      e.email ?? null,
      e.status,
      e.reviewStatus,
      e.isFree ?? null,
      e.feesDescription ?? null,
      e.eligibilityDescription ?? null,
      e.applicationProcess ?? null,
      e.waitTime ?? null,
      e.interpretationServices ?? null,
      e.alert ?? null,
      e.minimumAge ?? null,
      e.maximumAge ?? null,
      e.assuredDate ?? null,
      e.assurerEmail ?? null,
    ],
  );
  const { id, created } = service.rows[0] as { id: string; created: boolean };
  // Parts are replaced as a whole.
  for (const table of ['directory_service_at_locations', 'directory_phones', 'directory_contacts', 'directory_schedules']) {
    await sql.query(`delete from ${table} where tenant_id = $1 and service_id = $2`, [tenantId, id]);
  }
  for (const table of ['directory_languages', 'directory_cost_options', 'directory_service_areas']) {
    await sql.query(`delete from ${table} where tenant_id = $1 and service_id = $2`, [tenantId, id]);
  }
  await sql.query(`delete from directory_attributes where tenant_id = $1 and link_type = 'service' and link_id = $2`, [tenantId, id]);

  for (const l of e.locations) {
    const loc = await sql.query<{ id: string }>(
      `insert into directory_locations (tenant_id, organization_id, source_id, name, description, transportation, latitude, longitude, pc4)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (tenant_id, source_id) do update set organization_id = excluded.organization_id, name = excluded.name,
         description = excluded.description, transportation = excluded.transportation, latitude = excluded.latitude,
         longitude = excluded.longitude, pc4 = excluded.pc4, last_modified = now()
       returning id`,
      [
        tenantId,
        organizationId,
        l.sourceId,
        l.name ?? null,
        l.description ?? null,
        l.transportation ?? null,
        l.latitude ?? null,
        l.longitude ?? null,
        l.pc4 ?? null,
      ],
    );
    const locationId = loc.rows[0]?.id as string;
    await sql.query('insert into directory_service_at_locations (tenant_id, service_id, location_id) values ($1, $2, $3)', [
      tenantId,
      id,
      locationId,
    ]);
    if (l.address) {
      await sql.query('delete from directory_addresses where tenant_id = $1 and location_id = $2', [tenantId, locationId]);
      await sql.query(
        `insert into directory_addresses (tenant_id, location_id, address_1, address_2, city, postal_code) values ($1, $2, $3, $4, $5, $6)`,
        [tenantId, locationId, l.address.address1, l.address.address2 ?? null, l.address.city, l.address.postalCode],
      );
    }
  }
  for (const p of e.phones) {
    await sql.query('insert into directory_phones (tenant_id, service_id, number, type, description) values ($1, $2, $3, $4, $5)', [
      tenantId,
      id,
      p.number,
      p.type,
      p.description ?? null,
    ]);
  }
  for (const c of e.contacts) {
    await sql.query('insert into directory_contacts (tenant_id, service_id, name, title, email) values ($1, $2, $3, $4, $5)', [
      tenantId,
      id,
      c.name ?? null,
      c.title ?? null,
      c.email ?? null,
    ]);
  }
  for (const s of e.schedules) {
    await sql.query(
      `insert into directory_schedules (tenant_id, service_id, freq, byday, bymonthday, opens_at, closes_at, description, valid_from, valid_to, timezone)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'Europe/Amsterdam')`,
      [
        tenantId,
        id,
        s.freq,
        s.byday ?? null,
        s.bymonthday ?? null,
        s.opensAt,
        s.closesAt,
        s.description ?? null,
        s.validFrom ?? null,
        s.validTo ?? null,
      ],
    );
  }
  for (const lg of e.languages) {
    await sql.query('insert into directory_languages (tenant_id, service_id, code, name) values ($1, $2, $3, $4)', [
      tenantId,
      id,
      lg.code,
      lg.name,
    ]);
  }
  for (const c of e.costOptions) {
    await sql.query(
      `insert into directory_cost_options (tenant_id, service_id, option, amount, currency, amount_description) values ($1, $2, $3, $4, 'EUR', $5)`,
      [tenantId, id, c.option ?? null, c.amount ?? null, c.amountDescription ?? null],
    );
  }
  if (e.serviceAreaMunicipalityCode) {
    await sql.query('insert into directory_service_areas (tenant_id, service_id, name, municipality_code) values ($1, $2, $3, $4)', [
      tenantId,
      id,
      e.serviceAreaMunicipalityCode,
      e.serviceAreaMunicipalityCode,
    ]);
  }
  if (e.terms.length > 0) {
    const found = await sql.query<{ code: string }>(
      `insert into directory_attributes (tenant_id, link_id, link_type, taxonomy_term_id)
       select $1, $2, 'service', t.id from taxonomy_terms t join taxonomies tx on tx.id = t.taxonomy_id
       where tx.uri = any($3) and t.code = any($4)
       returning (select code from taxonomy_terms where id = taxonomy_term_id) as code`,
      [tenantId, id, [PROFILE.supportForms.taxonomyUri, PROFILE.targetGroups.taxonomyUri], e.terms],
    );
    const missing = e.terms.filter((t) => !found.rows.some((r) => r.code === t));
    if (missing.length) throw new Error(`Unknown profile terms: ${missing.join(', ')} (load the reference data first)`);
  }
  await updateSearchFields(sql, tenantId, [id]);
  return { id, created };
}
