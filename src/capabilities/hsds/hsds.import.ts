import type { ServiceContext } from '../../platform/db/context.ts';
import type { Sql } from '../../platform/db/database.ts';
import {
  type AttributeInput,
  type ContactInput,
  type LocationInput,
  type OrganizationInput,
  type PhoneInput,
  type ScheduleInput,
  type ServiceInput,
  serviceInputSchema,
} from './hsds.import-schemas.ts';
import { refreshSearchFields } from '../directory/directory.service.ts';

/**
 * Import of an HSDS 3.0 dataset into one municipality's social map.
 *
 * - The file's ids become `source_id` (per municipality): importing the same file again finds the
 *   same rows, changes nothing and reports nothing created or updated; a changed field updates its
 *   row. Rows the map made itself (no source_id) are never touched.
 * - Child records (phones, schedules, addresses, ...) have no id of their own in the map: when a
 *   parent's set of them differs from the file, the set is replaced as a whole.
 * - Everything happens in one transaction: a file with any fault stores nothing, and the report
 *   names each fault by object, id and field.
 * - New services are published at once: only the network coordinator, a municipality
 *   administrator or an operator at the command line can import (docs/decisions/0018).
 */

export const IMPORT_LIMITS = {
  /** Largest file, in bytes. */
  bytes: 5 * 1024 * 1024,
  /** Most services in one file. */
  services: 2000,
  /** Most JSON objects in one file, nested ones included. */
  objects: 100_000,
} as const;

export type Fault = { object: string; id: string | null; field: string; reason: string };
type Outcome = 'created' | 'updated' | 'unchanged';
type Tally = Record<Outcome, number>;

export type ImportReport = {
  ok: boolean;
  /** A problem with the file as a whole (not JSON, too big, not a list of services). */
  message: string | null;
  services: Tally;
  organizations: Tally;
  locations: Tally;
  taxonomies: { created: number };
  taxonomyTerms: { created: number };
  /** Each object created or updated, with the id it has in the file. */
  changes: { object: 'service' | 'organization' | 'location'; id: string; name: string; outcome: 'created' | 'updated' }[];
  rejected: Fault[];
};

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

export function emptyReport(): ImportReport {
  return {
    ok: true,
    message: null,
    services: tally(),
    organizations: tally(),
    locations: tally(),
    taxonomies: { created: 0 },
    taxonomyTerms: { created: 0 },
    changes: [],
    rejected: [],
  };
}

function failed(message: string, rejected: Fault[] = []): ImportReport {
  return { ...emptyReport(), ok: false, message, rejected };
}

// ---- reading and checking the file --------------------------------------------------------------

const KIND_OF_KEY: Record<string, string> = {
  organization: 'organization',
  service_at_locations: 'service_at_location',
  location: 'location',
  addresses: 'address',
  phones: 'phone',
  contacts: 'contact',
  schedules: 'schedule',
  service_areas: 'service_area',
  languages: 'language',
  cost_options: 'cost_option',
  attributes: 'attribute',
  taxonomy_term: 'taxonomy_term',
  taxonomy_detail: 'taxonomy',
};

const idText = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 200) : null;

/** Names a fault by the innermost object at its path that has an id, and the field within it. */
function locate(item: unknown, path: PropertyKey[], position: number): Omit<Fault, 'reason'> {
  let object = 'service';
  let id = idText((item as Record<string, unknown> | null)?.id) ?? `#${position + 1}`;
  let rest: string[] = [];
  let node: unknown = item;
  let kind = 'service';
  for (const [index, segment] of path.entries()) {
    const key = String(segment);
    if (typeof segment !== 'number') kind = KIND_OF_KEY[key] ?? kind;
    rest.push(typeof segment === 'number' ? `[${segment}]` : rest.length > 0 ? `.${key}` : key);
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment as string] : undefined;
    const nodeId = node && typeof node === 'object' && !Array.isArray(node) ? idText((node as Record<string, unknown>).id) : null;
    if (nodeId && index < path.length - 1) {
      object = kind;
      id = nodeId;
      rest = [];
    }
  }
  return { object, id, field: rest.join('') || '(object)' };
}

function countObjects(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      count += 1;
      stack.push(...Object.values(node));
    }
  }
  return count;
}

export type Dataset = { ok: true; services: ServiceInput[] } | { ok: false; report: ImportReport };

/**
 * Reads an HSDS dataset: a JSON list of services (each with its organization, service_at_locations
 * and so on, as the HSDS examples show), an HSDS page ({ "contents": [...] }) or one service.
 */
export function readDataset(text: string): Dataset {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > IMPORT_LIMITS.bytes) {
    return {
      ok: false,
      report: failed(`The file is ${(bytes / 1048576).toFixed(1)} MB; at most 5 MB can be imported at once. Split it into smaller files.`),
    };
  }
  if (text.trim() === '') return { ok: false, report: failed('The file is empty.') };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, report: failed(`The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`) };
  }
  const items: unknown[] | null = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { contents?: unknown }).contents)
      ? (data as { contents: unknown[] }).contents
      : data && typeof data === 'object' && 'id' in data && 'name' in data
        ? [data]
        : null;
  if (!items) {
    return {
      ok: false,
      report: failed('The file does not hold HSDS services: expected a list of services, or an object with "contents".'),
    };
  }
  if (items.length === 0) return { ok: false, report: failed('The file holds no services.') };
  if (items.length > IMPORT_LIMITS.services) {
    return {
      ok: false,
      report: failed(
        `The file holds ${items.length} services; at most ${IMPORT_LIMITS.services} can be imported at once. Split it into smaller files.`,
      ),
    };
  }
  if (countObjects(items, IMPORT_LIMITS.objects) > IMPORT_LIMITS.objects) {
    return { ok: false, report: failed(`The file holds more than ${IMPORT_LIMITS.objects} objects; split it into smaller files.`) };
  }
  const faults: Fault[] = [];
  const services: ServiceInput[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const parsed = serviceInputSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) faults.push({ ...locate(item, issue.path, index), reason: issue.message });
      return;
    }
    const service = parsed.data;
    if (seen.has(service.id)) {
      faults.push({ object: 'service', id: service.id, field: 'id', reason: 'This id is used by another service in the file.' });
      return;
    }
    seen.add(service.id);
    const locations = new Set<string>();
    service.service_at_locations.forEach((sal, i) => {
      if (locations.has(sal.location.id)) {
        faults.push({
          object: 'service',
          id: service.id,
          field: `service_at_locations[${i}].location.id`,
          reason: 'The same location appears twice in this service.',
        });
      }
      locations.add(sal.location.id);
    });
    services.push(service);
  });
  if (faults.length > 0) {
    return { ok: false, report: failed(`${faults.length} fault(s) in the file; nothing was imported.`, faults.slice(0, 500)) };
  }
  return { ok: true, services };
}

// ---- writing ------------------------------------------------------------------------------------

/** Thrown inside the transaction to undo it when a fault shows only while writing. */
class Rejected extends Error {
  constructor(readonly faults: Fault[]) {
    super('rejected');
  }
}

type Value = string | null;
type Column = readonly [name: string, type: string];

const canonical = (rows: Value[][]) => JSON.stringify(rows.map((r) => JSON.stringify(r)).sort());

/**
 * Makes the rows of `table` within `scope` equal to `desired` (values as text, in the order of
 * `columns`), replacing the set when it differs. Returns whether anything changed.
 */
async function syncRows(
  sql: Sql,
  table: string,
  scope: { where: string; params: unknown[]; insert: Record<string, unknown> },
  columns: readonly Column[],
  desired: Value[][],
): Promise<boolean> {
  const names = columns.map(([n]) => n);
  const { rows } = await sql.query<Record<string, Value>>(
    `select ${names.map((n) => `${n}::text as ${n}`).join(', ')} from ${table} where ${scope.where}`,
    scope.params,
  );
  const existing = rows.map((r) => names.map((n) => r[n] ?? null));
  if (canonical(existing) === canonical(desired)) return false;
  await sql.query(`delete from ${table} where ${scope.where}`, scope.params);
  const fixed = Object.entries(scope.insert);
  for (const values of desired) {
    const all = [...fixed.map(([, v]) => v), ...values];
    const placeholders = [...fixed.map((_, i) => `$${i + 1}`), ...columns.map(([, type], i) => `$${fixed.length + i + 1}::${type}`)];
    await sql.query(`insert into ${table} (${[...fixed.map(([k]) => k), ...names].join(', ')}) values (${placeholders.join(', ')})`, all);
  }
  return true;
}

const PHONE_COLUMNS = [
  ['number', 'text'],
  ['extension', 'text'],
  ['type', 'text'],
  ['description', 'text'],
] as const;
const phoneValues = (p: PhoneInput): Value[] => [p.number, p.extension, p.type, p.description];

const SCHEDULE_COLUMNS = [
  ['valid_from', 'date'],
  ['valid_to', 'date'],
  ['dtstart', 'date'],
  ['timezone', 'text'],
  ['until', 'date'],
  ['freq', 'text'],
  ['interval', 'integer'],
  ['byday', 'text'],
  ['bymonthday', 'text'],
  ['opens_at', 'time'],
  ['closes_at', 'time'],
  ['description', 'text'],
  ['notes', 'text'],
] as const;
const scheduleValues = (s: ScheduleInput): Value[] => [
  s.valid_from,
  s.valid_to,
  s.dtstart,
  s.timezone,
  s.until,
  s.freq,
  s.interval === null ? null : String(s.interval),
  s.byday,
  s.bymonthday,
  s.opens_at,
  s.closes_at,
  s.description,
  s.notes,
];

const LANGUAGE_COLUMNS = [
  ['name', 'text'],
  ['code', 'text'],
  ['note', 'text'],
] as const;

/** Contacts of one owner, each with its phones; replaced as a whole when any part differs. */
async function syncContacts(
  sql: Sql,
  tenantId: string,
  owner: { column: 'service_id' | 'organization_id'; id: string; where: string },
  contacts: ContactInput[],
): Promise<boolean> {
  const { rows } = await sql.query<{ name: Value; title: Value; department: Value; email: Value; phones: Value[][] | null }>(
    `select c.name, c.title, c.department, c.email,
            (select json_agg(json_build_array(p.number, p.extension, p.type, p.description)) from directory_phones p where p.contact_id = c.id) as phones
       from directory_contacts c where c.tenant_id = $1 and ${owner.where}`,
    [tenantId, owner.id],
  );
  const shape = (c: { name: Value; title: Value; department: Value; email: Value }, phones: Value[][]) =>
    JSON.stringify([c.name, c.title, c.department, c.email, canonical(phones)]);
  const existing = rows.map((r) => shape(r, r.phones ?? [])).sort();
  const desired = contacts.map((c) => shape(c, c.phones.map(phoneValues))).sort();
  if (JSON.stringify(existing) === JSON.stringify(desired)) return false;
  await sql.query(`delete from directory_contacts c where c.tenant_id = $1 and ${owner.where}`, [tenantId, owner.id]);
  for (const c of contacts) {
    const { rows: made } = await sql.query<{ id: string }>(
      `insert into directory_contacts (tenant_id, ${owner.column}, name, title, department, email) values ($1, $2, $3, $4, $5, $6) returning id`,
      [tenantId, owner.id, c.name, c.title, c.department, c.email],
    );
    for (const p of c.phones) {
      await sql.query(
        'insert into directory_phones (tenant_id, contact_id, number, extension, type, description) values ($1, $2, $3, $4, $5, $6)',
        [tenantId, made[0]?.id, ...phoneValues(p)],
      );
    }
  }
  return true;
}

/** Inserts or updates one row found by (tenant, source_id); an update only when a value differs. */
async function upsert(
  sql: Sql,
  table: string,
  tenantId: string,
  sourceId: string,
  values: Record<string, unknown>,
  touch: string,
  onInsert: Record<string, unknown> = {},
): Promise<{ id: string; outcome: Outcome }> {
  const columns = Object.keys(values);
  const params = Object.values(values);
  const found = await sql.query<{ id: string }>(`select id from ${table} where tenant_id = $1 and source_id = $2`, [tenantId, sourceId]);
  const existing = found.rows[0];
  if (!existing) {
    const all = { ...values, ...onInsert };
    const names = Object.keys(all);
    const { rows } = await sql.query<{ id: string }>(
      `insert into ${table} (tenant_id, source_id, ${names.join(', ')}) values ($1, $2, ${names.map((_, i) => `$${i + 3}`).join(', ')}) returning id`,
      [tenantId, sourceId, ...Object.values(all)],
    );
    return { id: rows[0]?.id as string, outcome: 'created' };
  }
  const sets = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
  const current = columns.map((c) => c).join(', ');
  const next = columns.map((_, i) => `$${i + 2}`).join(', ');
  const { rowCount } = await sql.query(
    `update ${table} set ${sets}, ${touch} = now() where id = $1 and (${current}) is distinct from (${next})`,
    [existing.id, ...params],
  );
  return { id: existing.id, outcome: rowCount ? 'updated' : 'unchanged' };
}

async function touch(sql: Sql, table: string, column: string, id: string): Promise<void> {
  await sql.query(`update ${table} set ${column} = now() where id = $1`, [id]);
}

type Resolved = { termId: string | null; fault: Omit<Fault, 'object' | 'id'> | null };

/** Finds a taxonomy term by its taxonomy's uri and its code (or name), creating what is missing. */
class TermResolver {
  private readonly taxonomies = new Map<string, string>();
  private readonly terms = new Map<string, string>();
  constructor(
    private readonly sql: Sql,
    private readonly report: ImportReport,
  ) {}

  async resolve(attribute: AttributeInput, field: string): Promise<Resolved> {
    const term = attribute.taxonomy_term;
    if (!term) {
      const id = attribute.taxonomy_term_id ?? '';
      const known = /^[0-9a-f-]{36}$/i.test(id)
        ? await this.sql.query('select 1 from taxonomy_terms where id = $1', [id])
        : { rowCount: 0 };
      return known.rowCount
        ? { termId: id, fault: null }
        : {
            termId: null,
            fault: { field: `${field}.taxonomy_term_id`, reason: 'Unknown taxonomy term; give the taxonomy_term with its taxonomy.' },
          };
    }
    const uri = term.taxonomy_detail?.uri ?? (term.taxonomy && /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(term.taxonomy) ? term.taxonomy : null);
    if (!uri) {
      const id = term.id ?? '';
      const known = /^[0-9a-f-]{36}$/i.test(id)
        ? await this.sql.query('select 1 from taxonomy_terms where id = $1', [id])
        : { rowCount: 0 };
      if (known.rowCount) return { termId: id, fault: null };
      return {
        termId: null,
        fault: {
          field: `${field}.taxonomy_term.taxonomy_detail.uri`,
          reason: 'A taxonomy term needs the uri of its taxonomy (taxonomy_detail.uri), so that the same term is found again.',
        },
      };
    }
    let taxonomyId = this.taxonomies.get(uri);
    if (!taxonomyId) {
      const found = await this.sql.query<{ id: string }>('select id from taxonomies where uri = $1', [uri]);
      taxonomyId = found.rows[0]?.id;
      if (!taxonomyId) {
        const detail = term.taxonomy_detail;
        const made = await this.sql.query<{ id: string }>(
          'insert into taxonomies (name, description, uri, version) values ($1, $2, $3, $4) returning id',
          [detail?.name ?? uri.slice(0, 200), detail?.description ?? null, uri, detail?.version ?? null],
        );
        taxonomyId = made.rows[0]?.id as string;
        this.report.taxonomies.created += 1;
      }
      this.taxonomies.set(uri, taxonomyId);
    }
    const key = `${taxonomyId} ${term.code ? `code:${term.code}` : `name:${term.name.toLowerCase()}`}`;
    let termId = this.terms.get(key);
    if (!termId) {
      const found = term.code
        ? await this.sql.query<{ id: string }>('select id from taxonomy_terms where taxonomy_id = $1 and code = $2', [
            taxonomyId,
            term.code,
          ])
        : await this.sql.query<{ id: string }>(
            'select id from taxonomy_terms where taxonomy_id = $1 and lower(name) = lower($2) order by id limit 1',
            [taxonomyId, term.name],
          );
      termId = found.rows[0]?.id;
      if (!termId) {
        const made = await this.sql.query<{ id: string }>(
          'insert into taxonomy_terms (taxonomy_id, code, name, description, language, term_uri) values ($1, $2, $3, $4, $5, $6) returning id',
          [taxonomyId, term.code, term.name, term.description, term.language, term.term_uri],
        );
        termId = made.rows[0]?.id as string;
        this.report.taxonomyTerms.created += 1;
      }
      this.terms.set(key, termId);
    }
    return { termId, fault: null };
  }
}

function pc4Of(location: LocationInput): string | null {
  for (const a of location.addresses) {
    const match = /^\s*([1-9]\d{3})\s?[A-Za-z]{0,2}\s*$/.exec(a.postal_code);
    if (a.country === 'NL' && match?.[1]) return match[1];
  }
  return null;
}

/**
 * Writes the checked services into the municipality of `ctx` (one transaction: the caller's).
 * Throws nothing for faults: they come back in the report, and then nothing is stored.
 */
export async function importServices(ctx: ServiceContext, services: ServiceInput[]): Promise<ImportReport> {
  const tenantId = ctx.tenantId;
  if (!tenantId) throw new Error('An import needs a municipality.');
  const report = emptyReport();
  await ctx.sql.query('savepoint hsds_import');
  try {
    await write(ctx, tenantId, services, report);
    await ctx.sql.query('release savepoint hsds_import');
    return report;
  } catch (error) {
    if (!(error instanceof Rejected)) throw error;
    await ctx.sql.query('rollback to savepoint hsds_import');
    return failed(`${error.faults.length} fault(s) in the file; nothing was imported.`, error.faults);
  }
}

async function write(ctx: ServiceContext, tenantId: string, services: ServiceInput[], report: ImportReport): Promise<void> {
  const { sql } = ctx;
  const reviewer = ctx.actor.kind === 'person' ? ctx.actor.principal.accountId : null;
  const faults: Fault[] = [];
  const terms = new TermResolver(sql, report);

  // Organisations given in the file, so a service may refer to one by organization_id alone.
  const organizationsInFile = new Map<string, OrganizationInput>();
  for (const s of services)
    if (s.organization && !organizationsInFile.has(s.organization.id)) organizationsInFile.set(s.organization.id, s.organization);

  const organizationIds = new Map<string, string>();
  async function organization(sourceId: string): Promise<string | null> {
    const known = organizationIds.get(sourceId);
    if (known) return known;
    const input = organizationsInFile.get(sourceId);
    if (!input) {
      const found = await sql.query<{ id: string }>('select id from directory_organizations where tenant_id = $1 and source_id = $2', [
        tenantId,
        sourceId,
      ]);
      const id = found.rows[0]?.id ?? null;
      if (id) organizationIds.set(sourceId, id);
      return id;
    }
    const result = await upsert(
      sql,
      'directory_organizations',
      tenantId,
      input.id,
      {
        name: input.name,
        alternate_name: input.alternate_name,
        description: input.description,
        email: input.email,
        website: input.website,
        legal_status: input.legal_status,
        logo: input.logo,
        uri: input.uri,
      },
      'updated_at',
    );
    const phones = await syncRows(
      sql,
      'directory_phones',
      {
        where: 'tenant_id = $1 and organization_id = $2 and service_id is null and location_id is null and contact_id is null',
        params: [tenantId, result.id],
        insert: { tenant_id: tenantId, organization_id: result.id },
      },
      PHONE_COLUMNS,
      input.phones.map(phoneValues),
    );
    const contacts = await syncContacts(
      sql,
      tenantId,
      { column: 'organization_id', id: result.id, where: 'c.organization_id = $2 and c.service_id is null and c.location_id is null' },
      input.contacts,
    );
    let outcome = result.outcome;
    if (outcome === 'unchanged' && (phones || contacts)) {
      outcome = 'updated';
      await touch(sql, 'directory_organizations', 'updated_at', result.id);
    }
    report.organizations[outcome] += 1;
    if (outcome !== 'unchanged') report.changes.push({ object: 'organization', id: input.id, name: input.name, outcome });
    organizationIds.set(sourceId, result.id);
    return result.id;
  }

  const locationIds = new Map<string, string>();
  async function location(input: LocationInput, organizationId: string): Promise<string> {
    const known = locationIds.get(input.id);
    if (known) return known;
    const result = await upsert(
      sql,
      'directory_locations',
      tenantId,
      input.id,
      {
        organization_id: organizationId,
        location_type: input.location_type,
        url: input.url,
        name: input.name,
        alternate_name: input.alternate_name,
        description: input.description,
        transportation: input.transportation,
        latitude: input.latitude,
        longitude: input.longitude,
        pc4: pc4Of(input),
      },
      'last_modified',
    );
    const id = result.id;
    const only = { where: 'tenant_id = $1 and location_id = $2', params: [tenantId, id], insert: { tenant_id: tenantId, location_id: id } };
    const changed = [
      await syncRows(
        sql,
        'directory_addresses',
        only,
        [
          ['attention', 'text'],
          ['address_1', 'text'],
          ['address_2', 'text'],
          ['city', 'text'],
          ['region', 'text'],
          ['state_province', 'text'],
          ['postal_code', 'text'],
          ['country', 'text'],
          ['address_type', 'text'],
        ],
        input.addresses.map((a) => [
          a.attention,
          a.address_1,
          a.address_2,
          a.city,
          a.region,
          a.state_province,
          a.postal_code,
          a.country,
          a.address_type,
        ]),
      ),
      await syncRows(
        sql,
        'directory_languages',
        { ...only, where: `${only.where} and service_id is null` },
        LANGUAGE_COLUMNS,
        input.languages.map((l) => [l.name, l.code, l.note]),
      ),
      await syncRows(
        sql,
        'directory_phones',
        { ...only, where: `${only.where} and service_id is null and contact_id is null and organization_id is null` },
        PHONE_COLUMNS,
        input.phones.map(phoneValues),
      ),
      await syncRows(
        sql,
        'directory_schedules',
        { ...only, where: `${only.where} and service_id is null and service_at_location_id is null` },
        SCHEDULE_COLUMNS,
        input.schedules.map(scheduleValues),
      ),
    ].some(Boolean);
    let outcome = result.outcome;
    if (outcome === 'unchanged' && changed) {
      outcome = 'updated';
      await touch(sql, 'directory_locations', 'last_modified', id);
    }
    report.locations[outcome] += 1;
    if (outcome !== 'unchanged') report.changes.push({ object: 'location', id: input.id, name: input.name ?? input.id, outcome });
    locationIds.set(input.id, id);
    return id;
  }

  const changedServices: string[] = [];
  for (const s of services) {
    const orgSource = s.organization?.id ?? s.organization_id ?? '';
    const organizationId = await organization(orgSource);
    if (!organizationId) {
      faults.push({
        object: 'service',
        id: s.id,
        field: 'organization_id',
        reason: 'There is no organization with this id in the file or in the social map.',
      });
      continue;
    }
    const result = await upsert(
      sql,
      'directory_services',
      tenantId,
      s.id,
      {
        organization_id: organizationId,
        name: s.name,
        alternate_name: s.alternate_name,
        description: s.description,
        url: s.url,
        email: s.email,
        status: s.status,
        interpretation_services: s.interpretation_services,
        application_process: s.application_process,
        fees_description: s.fees_description,
        wait_time: s.wait_time,
        eligibility_description: s.eligibility_description,
        minimum_age: s.minimum_age,
        maximum_age: s.maximum_age,
        alert: s.alert,
        assured_date: s.assured_date,
        assurer_email: s.assurer_email,
      },
      'last_modified',
      { review_status: 'published', reviewed_by: reviewer, reviewed_at: new Date() },
    );
    const id = result.id;
    const scope = (extra = '') => ({
      where: `tenant_id = $1 and service_id = $2${extra}`,
      params: [tenantId, id],
      insert: { tenant_id: tenantId, service_id: id },
    });

    // Service at locations, with their own schedules.
    const wanted: { locationId: string; description: Value; schedules: Value[][] }[] = [];
    for (const sal of s.service_at_locations) {
      wanted.push({
        locationId: await location(sal.location, organizationId),
        description: sal.description,
        schedules: sal.schedules.map(scheduleValues),
      });
    }
    const { rows: present } = await sql.query<{ location_id: string; description: Value; schedules: Value[][] | null }>(
      `select sal.location_id, sal.description,
              (select json_agg(json_build_array(${SCHEDULE_COLUMNS.map(([n]) => `sc.${n}::text`).join(', ')}))
                 from directory_schedules sc where sc.service_at_location_id = sal.id) as schedules
         from directory_service_at_locations sal where sal.tenant_id = $1 and sal.service_id = $2`,
      [tenantId, id],
    );
    const salShape = (l: string, d: Value, sc: Value[][]) => JSON.stringify([l, d, canonical(sc)]);
    const salsChanged =
      JSON.stringify(present.map((p) => salShape(p.location_id, p.description, p.schedules ?? [])).sort()) !==
      JSON.stringify(wanted.map((w) => salShape(w.locationId, w.description, w.schedules)).sort());
    if (salsChanged) {
      await sql.query('delete from directory_service_at_locations where tenant_id = $1 and service_id = $2', [tenantId, id]);
      for (const w of wanted) {
        const { rows } = await sql.query<{ id: string }>(
          'insert into directory_service_at_locations (tenant_id, service_id, location_id, description) values ($1, $2, $3, $4) returning id',
          [tenantId, id, w.locationId, w.description],
        );
        const salId = rows[0]?.id as string;
        for (const values of w.schedules) {
          await sql.query(
            `insert into directory_schedules (tenant_id, service_at_location_id, ${SCHEDULE_COLUMNS.map(([n]) => n).join(', ')})
             values ($1, $2, ${SCHEDULE_COLUMNS.map(([, type], i) => `$${i + 3}::${type}`).join(', ')})`,
            [tenantId, salId, ...values],
          );
        }
      }
    }

    const attributeRows: Value[][] = [];
    const seenTerms = new Set<string>();
    for (const [i, a] of s.attributes.entries()) {
      const resolved = await terms.resolve(a, `attributes[${i}]`);
      if (resolved.fault) faults.push({ object: 'service', id: s.id, ...resolved.fault });
      if (resolved.termId && !seenTerms.has(resolved.termId)) {
        seenTerms.add(resolved.termId);
        attributeRows.push([resolved.termId, a.value, a.label]);
      }
    }

    const changed = [
      salsChanged,
      await syncRows(sql, 'directory_phones', scope(' and contact_id is null'), PHONE_COLUMNS, s.phones.map(phoneValues)),
      await syncRows(
        sql,
        'directory_schedules',
        scope(' and service_at_location_id is null'),
        SCHEDULE_COLUMNS,
        s.schedules.map(scheduleValues),
      ),
      await syncRows(
        sql,
        'directory_service_areas',
        scope(),
        [
          ['name', 'text'],
          ['description', 'text'],
          ['extent', 'text'],
          ['extent_type', 'text'],
          ['uri', 'text'],
          ['municipality_code', 'text'],
        ],
        s.service_areas.map((a) => [a.name, a.description, a.extent, a.extent_type, a.uri, a.municipality_code]),
      ),
      await syncRows(
        sql,
        'directory_languages',
        scope(),
        LANGUAGE_COLUMNS,
        s.languages.map((l) => [l.name, l.code, l.note]),
      ),
      await syncRows(
        sql,
        'directory_cost_options',
        scope(),
        [
          ['valid_from', 'date'],
          ['valid_to', 'date'],
          ['option', 'text'],
          ['currency', 'text'],
          ['amount', 'numeric'],
          ['amount_description', 'text'],
        ],
        s.cost_options.map((c) => [
          c.valid_from,
          c.valid_to,
          c.option,
          c.currency,
          c.amount === null ? null : c.amount.toFixed(2),
          c.amount_description,
        ]),
      ),
      await syncContacts(sql, tenantId, { column: 'service_id', id, where: 'c.service_id = $2' }, s.contacts),
      await syncRows(
        sql,
        'directory_attributes',
        {
          where: `tenant_id = $1 and link_type = 'service' and link_id = $2`,
          params: [tenantId, id],
          insert: { tenant_id: tenantId, link_type: 'service', link_id: id },
        },
        [
          ['taxonomy_term_id', 'uuid'],
          ['value', 'text'],
          ['label', 'text'],
        ],
        attributeRows,
      ),
    ].some(Boolean);

    let outcome = result.outcome;
    if (outcome === 'unchanged' && changed) {
      outcome = 'updated';
      await touch(sql, 'directory_services', 'last_modified', id);
    }
    report.services[outcome] += 1;
    if (outcome !== 'unchanged') {
      report.changes.push({ object: 'service', id: s.id, name: s.name, outcome });
      changedServices.push(id);
    }
  }
  if (faults.length > 0) throw new Rejected(faults.slice(0, 500));
  if (changedServices.length > 0) await refreshSearchFields(sql, tenantId, changedServices);
}

/** A short account of the report, one line per fact, for the command line and the page. */
export function summarise(report: ImportReport): string[] {
  if (!report.ok)
    return [
      report.message ?? 'Nothing was imported.',
      ...report.rejected.map((f) => `- ${f.object} ${f.id ?? ''} ${f.field}: ${f.reason}`),
    ];
  const t = (name: string, x: Tally) => `${name}: ${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged`;
  return [
    t('services', report.services),
    t('organizations', report.organizations),
    t('locations', report.locations),
    `taxonomies: ${report.taxonomies.created} created; taxonomy terms: ${report.taxonomyTerms.created} created`,
    ...report.changes.map((c) => `- ${c.outcome} ${c.object} ${c.id} (${c.name})`),
  ];
}
