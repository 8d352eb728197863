import { z } from 'zod';

/**
 * The HSDS 3.0 objects this feed emits, written from the Open Referral specification (required
 * fields, types and formats of each object). Field names are HSDS's own snake_case: the feed is the
 * documented exception to the camelCase rule of the NL API Design Rules (docs/decisions/0018).
 * Optional fields are left out rather than sent as null, since HSDS types them as plain strings or
 * numbers. Every schema has an id starting with "Hsds", which the API linter knows as the exception.
 */

export const HSDS_VERSION = '3.0' as const;

const uuid = z.uuid();
const text = z.string();
const uri = z.url({ protocol: /^https?$/ });
/** Any absolute URI (a taxonomy may be named by a URN, such as urn:naaste:hsds:taxonomie:steunvormen). */
const anyUri = z.string().regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/);
const email = z.email();
const date = z.iso.date();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:\d{2})?$/);

export const hsdsLanguageSchema = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    location_id: uuid.optional(),
    phone_id: uuid.optional(),
    name: text.optional(),
    code: text.optional().describe('ISO 639 language code, such as nl or ar.'),
    note: text.optional(),
  })
  .strict()
  .meta({ id: 'HsdsLanguage', description: 'HSDS 3.0 language: a language spoken at a service or location.' });

export const hsdsPhoneSchema = z
  .object({
    id: uuid,
    location_id: uuid.optional(),
    service_id: uuid.optional(),
    organization_id: uuid.optional(),
    contact_id: uuid.optional(),
    number: text.min(1),
    extension: z.number().optional(),
    type: z.enum(['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone']).optional(),
    description: text.optional(),
    languages: z.array(hsdsLanguageSchema).optional(),
  })
  .strict()
  .meta({ id: 'HsdsPhone', description: 'HSDS 3.0 phone.' });

export const hsdsContactSchema = z
  .object({
    id: uuid,
    organization_id: uuid.optional(),
    service_id: uuid.optional(),
    location_id: uuid.optional(),
    name: text.optional(),
    title: text.optional(),
    department: text.optional(),
    email: email.optional(),
    phones: z.array(hsdsPhoneSchema).optional(),
  })
  .strict()
  .meta({ id: 'HsdsContact', description: 'HSDS 3.0 contact: a named contact of a service, organisation or location.' });

export const hsdsScheduleSchema = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    location_id: uuid.optional(),
    service_at_location_id: uuid.optional(),
    valid_from: date.optional(),
    valid_to: date.optional(),
    dtstart: date.optional(),
    timezone: z.number().optional().describe('UTC offset in hours.'),
    until: date.optional(),
    freq: z.enum(['WEEKLY', 'MONTHLY']).optional(),
    interval: z.number().optional(),
    byday: text.optional(),
    bymonthday: text.optional(),
    opens_at: time.optional(),
    closes_at: time.optional(),
    description: text.optional(),
    notes: text.optional(),
  })
  .strict()
  .meta({ id: 'HsdsSchedule', description: 'HSDS 3.0 schedule (RFC 5545 recurrence): when a service or location is open.' });

export const hsdsAddressSchema = z
  .object({
    id: uuid,
    location_id: uuid.optional(),
    attention: text.optional(),
    address_1: text.min(1),
    address_2: text.optional(),
    city: text.min(1),
    region: text.optional(),
    state_province: text,
    postal_code: text.min(1),
    country: z.string().regex(/^[A-Z]{2}$/),
    address_type: z.enum(['physical', 'postal', 'virtual']),
  })
  .strict()
  .meta({ id: 'HsdsAddress', description: 'HSDS 3.0 address of a location; country is an ISO 3166-1 code.' });

export const hsdsLocationSchema = z
  .object({
    id: uuid,
    location_type: z.enum(['physical', 'postal', 'virtual']),
    url: uri.optional(),
    organization_id: uuid.optional(),
    name: text.optional(),
    alternate_name: text.optional(),
    description: text.optional(),
    transportation: text.optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    languages: z.array(hsdsLanguageSchema).optional(),
    addresses: z.array(hsdsAddressSchema).optional(),
    phones: z.array(hsdsPhoneSchema).optional(),
    schedules: z.array(hsdsScheduleSchema).optional(),
  })
  .strict()
  .meta({ id: 'HsdsLocation', description: 'HSDS 3.0 location: where services are delivered.' });

export const hsdsServiceAreaSchema = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    name: text.optional(),
    description: text.optional(),
    extent: text.optional(),
    extent_type: z.enum(['geojson', 'topojson', 'kml', 'text']).optional(),
    uri: text.optional(),
  })
  .strict()
  .meta({ id: 'HsdsServiceArea', description: 'HSDS 3.0 service area: where a service is available.' });

export const hsdsCostOptionSchema = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    valid_from: date.optional(),
    valid_to: date.optional(),
    option: text.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    amount: z.number().min(0).optional(),
    amount_description: text.optional(),
  })
  .strict()
  .meta({ id: 'HsdsCostOption', description: 'HSDS 3.0 cost option of a service.' });

export const hsdsTaxonomySchema = z
  .object({
    id: uuid,
    name: text.min(1),
    description: text,
    uri: anyUri.optional(),
    version: text.optional(),
  })
  .strict()
  .meta({ id: 'HsdsTaxonomy', description: 'HSDS 3.0 taxonomy: a vocabulary that taxonomy terms come from.' });

export const hsdsTaxonomyTermSchema = z
  .object({
    id: uuid,
    code: text.optional(),
    name: text.min(1),
    description: text,
    parent_id: uuid.optional(),
    taxonomy: text.optional().describe('The taxonomy this term comes from, as its URI when it has one.'),
    taxonomy_detail: hsdsTaxonomySchema.optional(),
    language: text.optional(),
    taxonomy_id: uuid.optional(),
    term_uri: anyUri.optional(),
  })
  .strict()
  .meta({ id: 'HsdsTaxonomyTerm', description: 'HSDS 3.0 taxonomy term.' });

export const hsdsAttributeSchema = z
  .object({
    id: uuid,
    link_id: uuid.optional(),
    taxonomy_term_id: uuid,
    link_type: text.optional(),
    link_entity: z.enum(['service', 'organization', 'location', 'service_at_location']).optional(),
    value: text.optional(),
    label: text.optional(),
    taxonomy_term: hsdsTaxonomyTermSchema.optional(),
  })
  .strict()
  .meta({ id: 'HsdsAttribute', description: 'HSDS 3.0 attribute: links a record to a taxonomy term.' });

const organizationFields = {
  id: uuid,
  name: text.min(1),
  alternate_name: text.optional(),
  description: text,
  email: email.optional(),
  website: uri.optional(),
  legal_status: text.optional(),
  logo: text.optional(),
  uri: anyUri.optional(),
  parent_organization_id: uuid.optional(),
};

export const hsdsOrganizationSchema = z
  .object({
    ...organizationFields,
    phones: z.array(hsdsPhoneSchema).optional(),
    contacts: z.array(hsdsContactSchema).optional(),
    locations: z.array(hsdsLocationSchema).optional(),
  })
  .strict()
  .meta({ id: 'HsdsOrganization', description: 'HSDS 3.0 organization, with its phones, contacts and locations.' });

export const hsdsServiceAtLocationSchema = z
  .object({
    id: uuid,
    service_id: uuid.optional(),
    location_id: uuid.optional(),
    description: text.optional(),
    location: hsdsLocationSchema.optional(),
    phones: z.array(hsdsPhoneSchema).optional(),
    schedules: z.array(hsdsScheduleSchema).optional(),
  })
  .strict()
  .meta({ id: 'HsdsServiceAtLocation', description: 'HSDS 3.0 service at location: a service delivered at one location.' });

const serviceFields = {
  id: uuid,
  organization_id: uuid.optional(),
  name: text.min(1),
  alternate_name: text.optional(),
  description: text.optional(),
  url: uri.optional(),
  email: email.optional(),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
  interpretation_services: text.optional(),
  application_process: text.optional(),
  fees_description: text.optional(),
  wait_time: text.optional(),
  eligibility_description: text.optional(),
  minimum_age: z.number().min(0).optional(),
  maximum_age: z.number().min(0).optional(),
  assured_date: date.optional(),
  assurer_email: email.optional(),
  alert: text.optional(),
  last_modified: z.iso.datetime({ offset: true }).optional(),
};

export const hsdsServiceSchema = z
  .object({
    ...serviceFields,
    organization: hsdsOrganizationSchema.optional(),
    phones: z.array(hsdsPhoneSchema).optional(),
    schedules: z.array(hsdsScheduleSchema).optional(),
    service_areas: z.array(hsdsServiceAreaSchema).optional(),
    service_at_locations: z.array(hsdsServiceAtLocationSchema).optional(),
    languages: z.array(hsdsLanguageSchema).optional(),
    cost_options: z.array(hsdsCostOptionSchema).optional(),
    contacts: z.array(hsdsContactSchema).optional(),
    attributes: z.array(hsdsAttributeSchema).optional(),
  })
  .strict()
  .meta({ id: 'HsdsService', description: 'HSDS 3.0 service, fully nested (as /services/{id} answers it).' });

export const hsdsRootSchema = z
  .object({
    version: z.literal(HSDS_VERSION),
    profile: uri,
    openapi_url: uri,
    description: text.optional(),
    publisher: z.object({ name: text, email: email.optional(), website: uri.optional() }).strict().optional().meta({ id: 'HsdsPublisher' }),
  })
  .strict()
  .meta({ id: 'HsdsRoot', description: 'The HSDS API root: the HSDS version, the profile and the OpenAPI document of this API.' });

/** The HSDS way to page a list (HSDS API reference, "Lists"). */
export function hsdsPage<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      total_items: z.number().int().min(0).describe('Number of items over all pages.'),
      total_pages: z.number().int().min(0),
      page_number: z.number().int().min(1),
      size: z.number().int().min(0).describe('Number of items on this page.'),
      first_page: z.boolean(),
      last_page: z.boolean(),
      empty: z.boolean().describe('True when the whole result is empty.'),
      contents: z.array(item),
    })
    .strict()
    .meta({ id });
}

export const hsdsServicePageSchema = hsdsPage(hsdsServiceSchema, 'HsdsServicePage');
export const hsdsOrganizationPageSchema = hsdsPage(hsdsOrganizationSchema, 'HsdsOrganizationPage');
export const hsdsServiceAtLocationPageSchema = hsdsPage(hsdsServiceAtLocationSchema, 'HsdsServiceAtLocationPage');
export const hsdsTaxonomyPageSchema = hsdsPage(hsdsTaxonomySchema, 'HsdsTaxonomyPage');
export const hsdsTaxonomyTermPageSchema = hsdsPage(hsdsTaxonomyTermSchema, 'HsdsTaxonomyTermPage');

export type HsdsService = z.infer<typeof hsdsServiceSchema>;
export type HsdsOrganization = z.infer<typeof hsdsOrganizationSchema>;
export type HsdsLocation = z.infer<typeof hsdsLocationSchema>;
export type HsdsServiceAtLocation = z.infer<typeof hsdsServiceAtLocationSchema>;
export type HsdsAddress = z.infer<typeof hsdsAddressSchema>;
export type HsdsPhone = z.infer<typeof hsdsPhoneSchema>;
export type HsdsContact = z.infer<typeof hsdsContactSchema>;
export type HsdsSchedule = z.infer<typeof hsdsScheduleSchema>;
export type HsdsServiceArea = z.infer<typeof hsdsServiceAreaSchema>;
export type HsdsLanguage = z.infer<typeof hsdsLanguageSchema>;
export type HsdsCostOption = z.infer<typeof hsdsCostOptionSchema>;
export type HsdsTaxonomy = z.infer<typeof hsdsTaxonomySchema>;
export type HsdsTaxonomyTerm = z.infer<typeof hsdsTaxonomyTermSchema>;
export type HsdsAttribute = z.infer<typeof hsdsAttributeSchema>;
export type HsdsPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

export function toPage<T>(contents: T[], total: number, page: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: total === 0,
    contents,
  };
}

// ---- query parameters -------------------------------------------------------------------------

export const municipalityParam = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^GM\d{4}$/, 'Use a CBS municipality code such as GM0150.')
  .describe('CBS code of the municipality whose social map this is, such as GM0150. Each municipality has its own map.');

const pageParams = {
  municipality: municipalityParam,
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('Page number, from 1.'),
  per_page: z.coerce.number().int().min(1).max(100).default(25).describe('Items per page, at most 100.'),
};

const searchParam = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .optional()
  .describe('Full-text search in plain words (Dutch stemming and small typos).');
const modifiedAfter = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('Only items modified on or after this moment (ISO 8601 with a time zone), for incremental sync.');

export const servicesQuerySchema = z.object({
  ...pageParams,
  search: searchParam,
  taxonomy_term_id: z.uuid().optional().describe('Only services with this taxonomy term.'),
  taxonomy_id: z.uuid().optional().describe('Only services with any term of this taxonomy.'),
  organization_id: z.uuid().optional().describe('Only services of this organisation.'),
  modified_after: modifiedAfter,
  postcode: z
    .string()
    .trim()
    .regex(/^[1-9]\d{3}\s?([A-Za-z]{2})?$/, 'Use a Dutch postcode such as 1234 or 1234 AB.')
    .optional()
    .describe(
      'Dutch postcode (1234 or 1234 AB). Alone: services with a location in that 4-digit area or a service area covering its municipality. With proximity: services within that distance of the postcode area, nearest first.',
    ),
  proximity: z.coerce.number().int().min(1).max(400_000).optional().describe('Distance in metres from the centre of `postcode`.'),
  full: z.enum(['true', 'false']).optional().describe('true: every item fully nested, as /services/{id} answers it.'),
});
export type ServicesQuery = z.infer<typeof servicesQuerySchema>;

export const serviceAtLocationsQuerySchema = servicesQuerySchema.omit({ full: true });
export const organizationsQuerySchema = z.object({
  ...pageParams,
  search: searchParam,
  taxonomy_term_id: z.uuid().optional().describe('Only organisations with a service with this taxonomy term.'),
  taxonomy_id: z.uuid().optional().describe('Only organisations with a service with any term of this taxonomy.'),
});
export const taxonomiesQuerySchema = z.object({ ...pageParams, search: searchParam });
export const taxonomyTermsQuerySchema = z.object({
  ...pageParams,
  search: searchParam,
  taxonomy_id: z.uuid().optional().describe('Only terms of this taxonomy.'),
  parent_id: z.uuid().optional().describe('Only terms with this parent term.'),
  top_only: z.enum(['true', 'false']).optional().describe('true: only terms without a parent.'),
});
export const municipalityQuerySchema = z.object({ municipality: municipalityParam });
