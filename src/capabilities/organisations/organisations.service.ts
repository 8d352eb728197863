import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type ServiceContext, switchTenant } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import * as q from './organisations.queries.ts';
import {
  type Municipality,
  type NewMunicipality,
  type NewOrganisation,
  newMunicipalitySchema,
  newOrganisationSchema,
  type Organisation,
  type OrganisationKind,
  slugify,
} from './organisations.schemas.ts';

export const OFFICIAL_MUNICIPALITIES_CSV = fileURLToPath(new URL('../../../db/seed/data/gemeenten.csv', import.meta.url));

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Parses the CBS list (code,name,province,valid_from). Names may contain commas inside quotes. */
export function parseMunicipalityCsv(text: string): { code: string; name: string; province: string; validFrom: string }[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (header?.trim() !== 'code,name,province,valid_from') throw new Error('Unexpected header in the municipality list.');
  return lines.map((line, i) => {
    const cells = [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]?.replace(/^"|"$/g, '').replace(/""/g, '"') ?? '');
    const [code, name, province, validFrom] = cells;
    if (!code || !/^GM\d{4}$/.test(code) || !name || !province || !validFrom) {
      throw new Error(`Line ${i + 2} of the municipality list is not valid.`);
    }
    return { code, name, province, validFrom };
  });
}

/** Loads the official CBS list; municipalities already known are left as they are. */
export async function loadOfficialMunicipalities(ctx: ServiceContext, file = OFFICIAL_MUNICIPALITIES_CSV): Promise<number> {
  const rows = parseMunicipalityCsv(await fs.readFile(file, 'utf8'));
  const seen = new Set<string>();
  const withSlugs = rows.map((r) => {
    let slug = slugify(r.name);
    if (seen.has(slug)) slug = `${slug}-${r.code.toLowerCase()}`;
    seen.add(slug);
    return { ...r, slug };
  });
  return q.upsertMunicipalities(ctx.sql, withSlugs);
}

export async function addMunicipality(ctx: ServiceContext, input: NewMunicipality) {
  const m = newMunicipalitySchema.parse(input);
  const existing = await q.findMunicipalityByCode(ctx.sql, m.code);
  const slug = existing?.slug ?? slugify(m.name);
  const clash = existing ? undefined : await q.findMunicipalityBySlug(ctx.sql, slug);
  return q.insertMunicipality(ctx.sql, {
    code: m.code,
    name: existing?.name ?? m.name,
    province: m.province ?? existing?.province ?? null,
    slug: clash ? `${slug}-${m.code.toLowerCase()}` : slug,
    theme: m.theme,
  });
}

/**
 * Adds an organisation (or finds the one with the same name and postcode) and joins it to the
 * network of each municipality given. Each join runs under that municipality's tenant context.
 */
export async function addOrganisation(
  ctx: ServiceContext,
  input: NewOrganisation,
): Promise<{ organisation: Organisation; created: boolean; joined: string[] }> {
  const o = newOrganisationSchema.parse(input);
  const municipalities = await q.findMunicipalitiesByCodes(ctx.sql, o.municipalityCodes);
  const missing = o.municipalityCodes.filter((c) => !municipalities.some((m) => m.code === c));
  if (missing.length) throw new HttpProblem(422, `Unknown municipality code: ${missing.join(', ')}.`);
  const inactive = municipalities.filter((m) => !m.active);
  if (inactive.length) {
    throw new HttpProblem(422, `${inactive.map((m) => m.code).join(', ')} has no Naaste network yet; add it with municipality:add first.`);
  }
  const { organisation, created } = await q.insertOrganisation(ctx.sql, {
    name: o.name,
    kind: o.kind,
    isFindingPlace: o.isFindingPlace,
    description: o.description ?? null,
    email: o.email ?? null,
    phone: o.phone ?? null,
    website: o.website ?? null,
    street: o.street ?? null,
    postcode: o.postcode ?? null,
    city: o.city ?? null,
  });
  const joined: string[] = [];
  for (const code of o.municipalityCodes) {
    const m = municipalities.find((x) => x.code === code);
    if (!m) continue;
    const inTenant = await switchTenant(ctx, m.id);
    if (await q.joinNetwork(inTenant.sql, m.id, organisation.id)) joined.push(m.code);
  }
  return { organisation, created, joined };
}

export function findMunicipalityBySlug(ctx: ServiceContext, slug: string): Promise<Municipality | undefined> {
  return q.findMunicipalityBySlug(ctx.sql, slug);
}

export function findMunicipalityByCode(ctx: ServiceContext, code: string): Promise<Municipality | undefined> {
  return q.findMunicipalityByCode(ctx.sql, code.toUpperCase());
}

export async function listMunicipalities(
  ctx: ServiceContext,
  input: { search?: string | undefined; active?: boolean | undefined; page: number; pageSize: number },
): Promise<Page<Municipality>> {
  const { items, total } = await q.listMunicipalities(ctx.sql, {
    search: input.search?.trim() || undefined,
    active: input.active,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** The organisations in the network of the tenant in context. */
export async function listNetwork(
  ctx: ServiceContext,
  input: { kind?: OrganisationKind | undefined; findingPlacesOnly?: boolean; search?: string | undefined; page: number; pageSize: number },
): Promise<Page<Organisation> & { countsByKind: { kind: OrganisationKind; n: number }[] }> {
  const tenantId = requireTenant(ctx);
  const [{ items, total }, countsByKind] = [
    await q.listNetwork(ctx.sql, tenantId, {
      kind: input.kind,
      findingPlacesOnly: input.findingPlacesOnly ?? false,
      search: input.search?.trim() || undefined,
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    }),
    await q.networkCountsByKind(ctx.sql, tenantId),
  ];
  return { items, total, page: input.page, pageSize: input.pageSize, countsByKind };
}

export function findOrganisation(ctx: ServiceContext, id: string): Promise<Organisation | undefined> {
  return q.findOrganisation(ctx.sql, id);
}

function requireTenant(ctx: ServiceContext): string {
  if (!ctx.tenantId) throw new Error('This operation needs a municipality (tenant) in context.');
  return ctx.tenantId;
}
