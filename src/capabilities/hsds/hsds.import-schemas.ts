import { z } from 'zod';

/**
 * What an HSDS 3.0 import file may hold, object by object: the spec's required fields, its types
 * and formats, and the lengths the social map stores. Fields HSDS has and the map does not keep
 * (funding, programs, accessibility, metadata, ...) are ignored. Names are plain text; descriptions
 * may hold any text (HSDS allows HTML or Markdown there), which is stored and always shown escaped.
 */

// Control characters other than tab and line breaks never belong in a directory entry.
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find them.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const TAG = /<\s*\/?\s*[a-z!?]/i;

const trimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .refine((v) => !CONTROL.test(v), 'Control characters are not allowed.');

/** Optional text: an empty string counts as absent. */
const optionalText = (max: number) =>
  trimmed(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const plainName = (max: number) =>
  trimmed(max)
    .min(1, 'Required.')
    .refine((v) => !TAG.test(v), 'Plain text only: no HTML tags.');

const optionalPlain = (max: number) =>
  trimmed(max)
    .refine((v) => !TAG.test(v), 'Plain text only: no HTML tags.')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/** HSDS ids are UUIDs; ids of other systems are accepted too, as long as they are stable strings. */
export const sourceIdSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const id = String(v).trim();
  if (id.length === 0 || id.length > 200) {
    ctx.addIssue({ code: 'custom', message: 'Give an id of 1 to 200 characters.' });
    return z.NEVER;
  }
  return id;
});

const webUrl = (max: number) =>
  trimmed(max)
    .refine((v) => v === '' || (/^https?:\/\//i.test(v) && URL.canParse(v)), 'Use a web address that starts with https:// or http://.')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/** Any absolute URI: a web address or a name such as urn:naaste:hsds:taxonomie:steunvormen. */
const anyUri = (max: number) =>
  trimmed(max)
    .refine((v) => v === '' || /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(v), 'Use an absolute URI, such as https://... or urn:...')
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const emailAddress = trimmed(254)
  .refine((v) => v === '' || /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v), 'Use an email address such as naam@voorbeeld.nl.')
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD.')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'This date does not exist.')
  .optional()
  .nullable()
  .transform((v) => v ?? null);

/** HH:MM or HH:MM:SS, optionally with Z or an offset (which the map does not keep: times are local). */
const clockTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d))?(Z|[+-]\d{2}:?\d{2})?$/, 'Use a time as HH:MM.')
  .optional()
  .nullable()
  .transform((v) => (v ? `${v.slice(0, 5)}:${/^\d{2}:\d{2}:\d{2}/.test(v) ? v.slice(6, 8) : '00'}` : null));

const optionalInt = (min: number, max: number) =>
  z
    .number()
    .int('Use a whole number.')
    .min(min, `At least ${min}.`)
    .max(max, `At most ${max}.`)
    .optional()
    .nullable()
    .transform((v) => v ?? null);

const languageSchema = z.object({
  id: sourceIdSchema.optional(),
  name: optionalPlain(100),
  code: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use an ISO 639 language code such as nl or ar.')
    .optional()
    .nullable()
    .transform((v) => (v ? v.replace(/^[a-zA-Z]+/, (lang) => lang.toLowerCase()) : null)),
  note: optionalText(500),
});

const phoneSchema = z.object({
  id: sourceIdSchema.optional(),
  number: plainName(40),
  extension: z
    .union([z.number().int().min(0), trimmed(20)])
    .optional()
    .nullable()
    .transform((v) => (v === null || v === undefined || v === '' ? null : String(v))),
  type: z
    .enum(['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone'])
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  description: optionalText(500),
});

const contactSchema = z.object({
  id: sourceIdSchema.optional(),
  name: optionalPlain(200),
  title: optionalPlain(200),
  department: optionalPlain(200),
  email: emailAddress,
  phones: z.array(phoneSchema).max(20).default([]),
});

const scheduleSchema = z.object({
  id: sourceIdSchema.optional(),
  valid_from: isoDate,
  valid_to: isoDate,
  dtstart: isoDate,
  timezone: z
    .union([z.number().min(-14).max(14), trimmed(60)])
    .optional()
    .nullable()
    .transform((v) => (v === null || v === undefined || v === '' ? null : String(v))),
  until: isoDate,
  freq: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(['WEEKLY', 'MONTHLY'], 'Use WEEKLY or MONTHLY.'))
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  interval: optionalInt(1, 52),
  byday: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(-?\d?(MO|TU|WE|TH|FR|SA|SU))(,-?\d?(MO|TU|WE|TH|FR|SA|SU))*$/, 'Use days such as MO,TU,WE.')
    .max(60)
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  bymonthday: z
    .string()
    .trim()
    .regex(/^-?\d{1,2}(,-?\d{1,2})*$/, 'Use days of the month such as 1,15.')
    .max(60)
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  opens_at: clockTime,
  closes_at: clockTime,
  description: optionalText(1000),
  notes: optionalText(1000),
});

const addressSchema = z.object({
  id: sourceIdSchema.optional(),
  attention: optionalPlain(200),
  address_1: plainName(300),
  address_2: optionalPlain(300),
  city: plainName(100),
  region: optionalPlain(100),
  state_province: optionalPlain(100),
  postal_code: plainName(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as NL.')
    .default('NL'),
  address_type: z.enum(['physical', 'postal', 'virtual']).default('physical'),
});

const locationSchema = z.object({
  id: sourceIdSchema,
  location_type: z.enum(['physical', 'postal', 'virtual'], 'Use physical, postal or virtual.'),
  url: webUrl(500),
  name: optionalPlain(300),
  alternate_name: optionalPlain(300),
  description: optionalText(2000),
  transportation: optionalText(1000),
  latitude: z
    .number()
    .min(-90)
    .max(90)
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  longitude: z
    .number()
    .min(-180)
    .max(180)
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  addresses: z.array(addressSchema).max(10).default([]),
  languages: z.array(languageSchema).max(50).default([]),
  phones: z.array(phoneSchema).max(20).default([]),
  schedules: z.array(scheduleSchema).max(50).default([]),
});

const serviceAtLocationSchema = z.object({
  id: sourceIdSchema.optional(),
  description: optionalText(2000),
  location: locationSchema,
  schedules: z.array(scheduleSchema).max(50).default([]),
});

const serviceAreaSchema = z.object({
  id: sourceIdSchema.optional(),
  name: optionalPlain(200),
  description: optionalText(1000),
  extent: optionalText(20000),
  extent_type: z
    .enum(['geojson', 'topojson', 'kml', 'text'])
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  uri: optionalText(500),
  // Naaste profile: the CBS code of the municipality served.
  municipality_code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^GM\d{4}$/, 'Use a CBS municipality code such as GM0150.')
    .optional()
    .nullable()
    .transform((v) => v ?? null),
});

const costOptionSchema = z.object({
  id: sourceIdSchema.optional(),
  valid_from: isoDate,
  valid_to: isoDate,
  option: optionalText(500),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as EUR.')
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  amount: z
    .number()
    .min(0, 'At least 0.')
    .max(9_999_999_999)
    .optional()
    .nullable()
    .transform((v) => v ?? null),
  amount_description: optionalText(500),
});

const taxonomySchema = z.object({
  id: sourceIdSchema.optional(),
  name: plainName(200),
  description: optionalText(2000),
  uri: anyUri(500),
  version: optionalPlain(50),
});

const taxonomyTermSchema = z.object({
  id: sourceIdSchema.optional(),
  code: optionalPlain(100),
  name: plainName(200),
  description: optionalText(2000),
  taxonomy: optionalText(500),
  taxonomy_detail: taxonomySchema.optional().nullable(),
  language: optionalPlain(10),
  term_uri: anyUri(500),
});

const attributeSchema = z
  .object({
    id: sourceIdSchema.optional(),
    taxonomy_term_id: sourceIdSchema.optional(),
    taxonomy_term: taxonomyTermSchema.optional().nullable(),
    value: optionalText(500),
    label: optionalPlain(200),
  })
  .refine((a) => a.taxonomy_term || a.taxonomy_term_id, {
    message: 'Give the taxonomy_term (or a taxonomy_term_id).',
    path: ['taxonomy_term'],
  });

export const organizationInputSchema = z.object({
  id: sourceIdSchema,
  name: plainName(300),
  alternate_name: optionalPlain(300),
  description: optionalText(5000),
  email: emailAddress,
  website: webUrl(500),
  legal_status: optionalPlain(200),
  logo: webUrl(500),
  uri: anyUri(500),
  phones: z.array(phoneSchema).max(20).default([]),
  contacts: z.array(contactSchema).max(50).default([]),
});

export const serviceInputSchema = z
  .object({
    id: sourceIdSchema,
    name: plainName(300),
    alternate_name: optionalPlain(300),
    description: optionalText(5000),
    url: webUrl(500),
    email: emailAddress,
    status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed'], 'Use active, inactive, defunct or temporarily closed.'),
    interpretation_services: optionalText(1000),
    application_process: optionalText(2000),
    fees_description: optionalText(1000),
    wait_time: optionalText(500),
    eligibility_description: optionalText(2000),
    minimum_age: optionalInt(0, 150),
    maximum_age: optionalInt(0, 150),
    alert: optionalText(1000),
    assured_date: isoDate,
    assurer_email: emailAddress,
    organization_id: sourceIdSchema.optional(),
    organization: organizationInputSchema.optional().nullable(),
    service_at_locations: z.array(serviceAtLocationSchema).max(100).default([]),
    phones: z.array(phoneSchema).max(20).default([]),
    schedules: z.array(scheduleSchema).max(50).default([]),
    service_areas: z.array(serviceAreaSchema).max(50).default([]),
    languages: z.array(languageSchema).max(50).default([]),
    cost_options: z.array(costOptionSchema).max(20).default([]),
    contacts: z.array(contactSchema).max(50).default([]),
    attributes: z.array(attributeSchema).max(100).default([]),
  })
  .refine((s) => s.organization || s.organization_id, { message: 'Give the organization (or an organization_id).', path: ['organization'] })
  .refine((s) => s.minimum_age === null || s.maximum_age === null || s.minimum_age <= s.maximum_age, {
    message: 'The minimum age is above the maximum age.',
    path: ['minimum_age'],
  });

export type ServiceInput = z.output<typeof serviceInputSchema>;
export type OrganizationInput = z.output<typeof organizationInputSchema>;
export type LocationInput = z.output<typeof locationSchema>;
export type PhoneInput = z.output<typeof phoneSchema>;
export type ContactInput = z.output<typeof contactSchema>;
export type ScheduleInput = z.output<typeof scheduleSchema>;
export type AddressInput = z.output<typeof addressSchema>;
export type LanguageInput = z.output<typeof languageSchema>;
export type AttributeInput = z.output<typeof attributeSchema>;
export type TaxonomyTermInput = z.output<typeof taxonomyTermSchema>;
