import { logAccess } from '../../platform/audit/access-log.ts';
import { staffActorFields } from '../../platform/audit/actor.ts';
import { isRole, type Principal, type Role } from '../../platform/auth/roles.ts';
import { revokeAllSessions } from '../../platform/auth/sessions.ts';
import { randomToken, tokenHash } from '../../platform/auth/tokens.ts';
import type { ServiceContext } from '../../platform/db/context.ts';
import type { Outbox } from '../../platform/http/decorations.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import * as identity from '../identity/identity.queries.ts';
import * as q from './staff.queries.ts';
import { assignableRoles, canManageStaff } from './staff.policy.ts';
import { addedEmail, invitationEmail } from './staff.emails.ts';

export const INVITATION_DAYS = 7;
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

function principalOf(ctx: ServiceContext): Principal {
  if (ctx.actor.kind !== 'person') throw new HttpProblem(401, 'Sign in first.');
  return ctx.actor.principal;
}

function tenantOf(ctx: ServiceContext): string {
  if (!ctx.tenantId) throw new HttpProblem(409, 'Choose the municipality you work in first.');
  return ctx.tenantId;
}

function log(
  ctx: ServiceContext,
  event: {
    eventCode: string;
    action: 'create' | 'read' | 'update' | 'search';
    personId?: string | null;
    organisationId: string;
    recordPart?: string;
  },
) {
  return logAccess(ctx.sql, tenantOf(ctx), {
    ...event,
    outcome: 'success',
    ...staffActorFields(ctx),
    purpose: 'staffAdministration',
  });
}

/** Refuses with 404 (not 403) so that ids of other organisations reveal nothing. */
async function authorise(ctx: ServiceContext, organisationId: string): Promise<Principal> {
  const p = principalOf(ctx);
  if (!canManageStaff(p, organisationId) || !ctx.tenantId || !(await q.isInNetwork(ctx.sql, ctx.tenantId, organisationId))) {
    throw new HttpProblem(404, 'There is no organisation with this id that you manage.');
  }
  return p;
}

export async function listStaff(
  ctx: ServiceContext,
  organisationId: string,
  input: { search?: string | undefined; page: number; pageSize: number; sort: 'name' | 'email' },
): Promise<Page<q.StaffMember> & { organisationName: string }> {
  await authorise(ctx, organisationId);
  const { items, total } = await q.listStaff(ctx.sql, organisationId, {
    search: input.search?.trim() || undefined,
    sort: input.sort,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  await log(ctx, { eventCode: 'staff.list', action: input.search ? 'search' : 'read', organisationId, recordPart: 'staff.list' });
  return {
    items,
    total,
    page: input.page,
    pageSize: input.pageSize,
    organisationName: (await q.organisationName(ctx.sql, organisationId)) ?? '',
  };
}

export async function getStaffMember(ctx: ServiceContext, organisationId: string, membershipId: string): Promise<q.StaffMember> {
  await authorise(ctx, organisationId);
  const member = await q.findStaffMember(ctx.sql, membershipId);
  if (!member || member.organisationId !== organisationId) throw new HttpProblem(404, 'There is no such staff member.');
  await log(ctx, { eventCode: 'staff.member', action: 'read', personId: member.accountId, organisationId, recordPart: 'staff.member' });
  return member;
}

export type InviteInput = { email: string; displayName: string; roles: string[] };
export type InviteProblem = { field: 'email' | 'displayName' | 'roles'; code: 'invalid' | 'resident' | 'notAllowed' | 'empty' | 'self' };

/** Checks an invitation as typed; every problem at once. */
export function checkInvite(p: Principal, organisationId: string, input: InviteInput): InviteProblem[] {
  const problems: InviteProblem[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim()) || input.email.length > 254)
    problems.push({ field: 'email', code: 'invalid' });
  if (input.displayName.trim() === '' || input.displayName.length > 200) problems.push({ field: 'displayName', code: 'empty' });
  const allowed = assignableRoles(p, organisationId);
  if (input.roles.length === 0) problems.push({ field: 'roles', code: 'empty' });
  else if (input.roles.some((r) => !isRole(r) || !allowed.includes(r))) problems.push({ field: 'roles', code: 'notAllowed' });
  return problems;
}

/**
 * Invites a person to an organisation with roles. A new address gets an account without a password
 * and an invitation link (7 days) to choose one; a known professional is added and told by email.
 */
export async function inviteStaff(
  ctx: ServiceContext,
  outbox: Outbox,
  baseUrl: string,
  organisationId: string,
  input: InviteInput,
): Promise<{ ok: true; membershipId: string; invited: boolean } | { ok: false; problems: InviteProblem[] }> {
  const p = await authorise(ctx, organisationId);
  const problems = checkInvite(p, organisationId, input);
  if (problems.length > 0) return { ok: false, problems };
  const found = await ensureInvitedAccount(ctx, outbox, baseUrl, {
    email: input.email,
    displayName: input.displayName,
    organisation: (await q.organisationName(ctx.sql, organisationId)) ?? '',
    inviter: (await identity.findAccountById(ctx.sql, p.accountId))?.displayName ?? '',
  });
  if (!found.ok) return { ok: false, problems: [{ field: 'email', code: 'resident' }] };
  const { account, invited } = found;
  const membershipId = await q.upsertMembership(ctx.sql, {
    tenantId: tenantOf(ctx),
    accountId: account.id,
    organisationId,
    roles: input.roles as Role[],
  });
  await log(ctx, { eventCode: 'staff.invitation', action: 'create', personId: account.id, organisationId, recordPart: 'membership' });
  return { ok: true, membershipId, invited };
}

export async function changeRoles(
  ctx: ServiceContext,
  organisationId: string,
  membershipId: string,
  roles: string[],
): Promise<InviteProblem[]> {
  const p = await authorise(ctx, organisationId);
  const member = await q.findStaffMember(ctx.sql, membershipId);
  if (!member || member.organisationId !== organisationId) throw new HttpProblem(404, 'There is no such staff member.');
  const allowed = assignableRoles(p, organisationId);
  if (roles.length === 0) return [{ field: 'roles', code: 'empty' }];
  // Roles this administrator may not hand out stay as they were; they cannot be added or removed here.
  const kept = member.roles.filter((r) => !allowed.includes(r));
  if (roles.some((r) => !isRole(r) || !allowed.includes(r))) return [{ field: 'roles', code: 'notAllowed' }];
  // Nobody takes away their own administrator role by mistake (and locks themselves out).
  const admin: Role[] = ['organisationAdmin', 'municipalityAdmin'];
  if (member.accountId === p.accountId && member.roles.some((r) => admin.includes(r) && allowed.includes(r) && !roles.includes(r))) {
    return [{ field: 'roles', code: 'self' }];
  }
  await q.setRoles(ctx.sql, membershipId, [...new Set([...kept, ...(roles as Role[])])].sort());
  await log(ctx, {
    eventCode: 'staff.roles',
    action: 'update',
    personId: member.accountId,
    organisationId,
    recordPart: 'membership.roles',
  });
  return [];
}

/**
 * Ends (or restores) a person's work for this organisation. Their sessions end at once, so the
 * change holds from the next request; an account with no other work left is disabled too.
 */
export async function setStaffDisabled(
  ctx: ServiceContext,
  organisationId: string,
  membershipId: string,
  disabled: boolean,
): Promise<void> {
  const p = await authorise(ctx, organisationId);
  const member = await q.findStaffMember(ctx.sql, membershipId);
  if (!member || member.organisationId !== organisationId) throw new HttpProblem(404, 'There is no such staff member.');
  if (member.accountId === p.accountId && disabled) throw new HttpProblem(409, 'You cannot disable yourself.');
  await q.setMembershipDisabled(ctx.sql, membershipId, disabled);
  if (disabled) {
    await revokeAllSessions(ctx.sql, member.accountId);
    const { rows } = await ctx.sql.query<{ n: string }>('select count(*) as n from account_memberships($1)', [member.accountId]);
    if (Number(rows[0]?.n ?? 0) === 0) await identity.setDisabled(ctx.sql, member.accountId, true);
  } else {
    await identity.setDisabled(ctx.sql, member.accountId, false);
  }
  await log(ctx, {
    eventCode: disabled ? 'staff.disable' : 'staff.enable',
    action: 'update',
    personId: member.accountId,
    organisationId,
    recordPart: 'membership.disabled',
  });
}

/**
 * The professional account for an address: a new one gets an invitation link to choose a password
 * (valid for 7 days); a known one is told by email that it now also works for this organisation.
 * An address of a resident account is refused: staff use their work address.
 */
export async function ensureInvitedAccount(
  ctx: ServiceContext,
  outbox: Outbox,
  baseUrl: string,
  input: { email: string; displayName: string; organisation: string; inviter: string },
): Promise<{ ok: true; account: identity.AccountRow; invited: boolean } | { ok: false }> {
  const email = input.email.trim().toLowerCase();
  const existing = await identity.findAccountByEmail(ctx.sql, email);
  if (existing?.kind === 'resident') return { ok: false };
  if (existing) {
    await outbox(
      ctx,
      addedEmail(existing.locale, {
        to: email,
        name: existing.displayName,
        organisation: input.organisation,
        inviter: input.inviter,
        url: `${baseUrl}/inloggen/medewerker`,
      }),
    );
    return { ok: true, account: existing, invited: false };
  }
  const account = await identity.insertAccount(ctx.sql, { email, displayName: input.displayName.trim(), kind: 'professional' });
  const token = randomToken(32);
  await identity.insertEmailToken(ctx.sql, {
    tokenHash: tokenHash(token),
    purpose: 'invitation',
    email,
    accountId: account.id,
    minutes: INVITATION_DAYS * 24 * 60,
  });
  await outbox(
    ctx,
    invitationEmail(account.locale, {
      to: email,
      name: account.displayName,
      organisation: input.organisation,
      inviter: input.inviter,
      url: `${baseUrl}/uitnodiging/${token}`,
      days: INVITATION_DAYS,
    }),
  );
  return { ok: true, account, invited: true };
}
