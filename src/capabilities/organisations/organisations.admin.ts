import { logAccess } from '../../platform/audit/access-log.ts';
import type { Principal } from '../../platform/auth/roles.ts';
import { type ServiceContext, switchTenant } from '../../platform/db/context.ts';
import type { Outbox } from '../../platform/http/decorations.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import * as identity from '../identity/identity.queries.ts';
import { ensureInvitedAccount } from '../staff/staff.service.ts';
import * as staffQueries from '../staff/staff.queries.ts';
import { canManageMunicipalities, canManageNetwork } from './organisations.policy.ts';
import * as q from './organisations.queries.ts';
import { municipalityCodeSchema, type NewOrganisation } from './organisations.schemas.ts';
import { addOrganisation } from './organisations.service.ts';

function person(ctx: ServiceContext): { principal: Principal; ip: string | null; userAgent: string | null } {
  if (ctx.actor.kind !== 'person') throw new HttpProblem(401, 'Sign in first.');
  return ctx.actor;
}

export type StartNetworkInput = { code: string; adminName: string; adminEmail: string };
export type StartNetworkProblem = { field: 'code' | 'adminName' | 'adminEmail'; code: 'invalid' | 'unknown' | 'resident' | 'empty' };

/**
 * A platform administrator starts the network of a municipality on the CBS list: the municipality
 * becomes active, gets its own organisation (kind municipality) in its network, and the first
 * municipality administrator is invited.
 */
export async function startNetwork(
  ctx: ServiceContext,
  outbox: Outbox,
  baseUrl: string,
  input: StartNetworkInput,
): Promise<{ ok: true; code: string } | { ok: false; problems: StartNetworkProblem[] }> {
  const actor = person(ctx);
  if (!canManageMunicipalities(actor.principal)) throw new HttpProblem(404, 'Not found.');
  const problems: StartNetworkProblem[] = [];
  const code = input.code.trim().toUpperCase();
  const known = municipalityCodeSchema.safeParse(code).success ? await q.findMunicipalityByCode(ctx.sql, code) : undefined;
  if (!municipalityCodeSchema.safeParse(code).success) problems.push({ field: 'code', code: 'invalid' });
  else if (!known) problems.push({ field: 'code', code: 'unknown' });
  if (input.adminName.trim() === '' || input.adminName.length > 200) problems.push({ field: 'adminName', code: 'empty' });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.adminEmail.trim())) problems.push({ field: 'adminEmail', code: 'invalid' });
  if (problems.length > 0 || !known) return { ok: false, problems };

  const { municipality } = await q.insertMunicipality(ctx.sql, {
    code,
    name: known.name,
    province: known.province,
    slug: known.slug,
    theme: {},
  });
  const { organisation } = await addOrganisation(ctx, {
    name: `Gemeente ${municipality.name}`,
    kind: 'municipality',
    isFindingPlace: false,
    municipalityCodes: [code],
  });
  const inTenant = await switchTenant(ctx, municipality.id);
  const inviter = (await identity.findAccountById(ctx.sql, actor.principal.accountId))?.displayName ?? '';
  const found = await ensureInvitedAccount(inTenant, outbox, baseUrl, {
    email: input.adminEmail,
    displayName: input.adminName,
    organisation: organisation.name,
    inviter,
  });
  if (!found.ok) throw new HttpProblem(409, 'This email address belongs to a resident.', {});
  await staffQueries.upsertMembership(inTenant.sql, {
    tenantId: municipality.id,
    accountId: found.account.id,
    organisationId: organisation.id,
    roles: ['municipalityAdmin'],
  });
  await logAccess(inTenant.sql, municipality.id, {
    eventCode: 'staff.invitation',
    action: 'create',
    outcome: 'success',
    personId: found.account.id,
    userId: actor.principal.accountId,
    role: 'platformAdmin',
    purpose: 'staffAdministration',
    organisationId: organisation.id,
    ip: actor.ip,
    userAgent: actor.userAgent,
    recordPart: 'membership',
  });
  return { ok: true, code };
}

/** A municipality administrator adds an organisation to their municipality's network. */
export async function addNetworkOrganisation(ctx: ServiceContext, input: Omit<NewOrganisation, 'municipalityCodes'>) {
  const actor = person(ctx);
  if (!canManageNetwork(actor.principal) || !ctx.tenantId) throw new HttpProblem(404, 'Not found.');
  const code = actor.principal.memberships.find((m) => m.tenantId === ctx.tenantId)?.municipalityCode;
  if (!code) throw new HttpProblem(404, 'Not found.');
  return addOrganisation(ctx, { ...input, municipalityCodes: [code] });
}

export async function listActiveMunicipalities(ctx: ServiceContext) {
  const actor = person(ctx);
  if (!canManageMunicipalities(actor.principal)) throw new HttpProblem(404, 'Not found.');
  return (await q.listMunicipalities(ctx.sql, { active: true, limit: 500, offset: 0 })).items;
}
