import { type AccessAction, logAccess } from '../../platform/audit/access-log.ts';
import { revokeAllSessions } from '../../platform/auth/sessions.ts';
import { ConsentError, type ConsentRow, findConsent, giveConsent, listConsents, withdrawConsent } from '../../platform/consent/consent.ts';
import { type ServiceContext, switchTenant } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { type CareExport, careDataOf, eraseCareData } from '../caregivers/caregivers.service.ts';
import { relationshipsOf, type RelationshipRow } from '../caregivers/caregivers.queries.ts';
import * as q from './privacy.queries.ts';

/**
 * The resident's privacy rights (X3) over everything Naaste holds about them, across
 * municipalities: see it, see who looked at it, withdraw consent, download, print, erase.
 * Every function starts without a tenant and visits each municipality of the person in turn.
 */

export const LOG_PAGE_SIZE = 20;
/** One page may merge at most this many lines per municipality; deeper pages are for the download. */
export const MAX_LOG_PAGE = 50;

export type MunicipalityConsents = q.PersonTenant & { consents: ConsentRow[] };
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type CareOverview = { tenantId: string; municipalityName: string; relationships: RelationshipRow[] };
export type Overview = {
  account: q.AccountData;
  municipalities: MunicipalityConsents[];
  care: CareOverview[];
  log: Page<q.AccessLine> & { more: boolean };
};

function personOf(ctx: ServiceContext): { personId: string; ip: string | null; userAgent: string | null; kind: string } {
  if (ctx.actor.kind !== 'person') throw new HttpProblem(401, 'Sign in first.');
  return {
    personId: ctx.actor.principal.accountId,
    ip: ctx.actor.ip,
    userAgent: ctx.actor.userAgent,
    kind: ctx.actor.principal.kind,
  };
}

/** The person looks at their own data: the line says so, with the part they looked at. */
async function logOwnAccess(ctx: ServiceContext, tenantId: string, action: AccessAction, eventCode: string, recordPart: string) {
  const me = personOf(ctx);
  await logAccess(ctx.sql, tenantId, {
    eventCode,
    action,
    outcome: 'success',
    personId: me.personId,
    userId: me.personId,
    role: me.kind,
    purpose: 'privacyRights',
    ip: me.ip,
    userAgent: me.userAgent,
    recordPart,
  });
}

async function account(ctx: ServiceContext, personId: string): Promise<q.AccountData> {
  const found = await q.accountData(ctx.sql, personId);
  if (!found) throw new HttpProblem(401, 'Sign in first.');
  return found;
}

/**
 * The page "Mijn gegevens": the account, the consents per municipality, and one page of who
 * looked at the person's data (newest first, over all municipalities). Reading the log is itself
 * logged, in every municipality whose log was read.
 */
export async function overview(ctx: ServiceContext, page: number): Promise<Overview> {
  const { personId } = personOf(ctx);
  const data = await account(ctx, personId);
  const tenants = await q.personTenants(ctx.sql, personId);
  const municipalities: MunicipalityConsents[] = [];
  const care: CareOverview[] = [];
  const lines: q.AccessLine[] = [];
  let total = 0;
  const wanted = Math.min(Math.max(1, page), MAX_LOG_PAGE);
  for (const tenant of tenants) {
    const inTenant = await switchTenant(ctx, tenant.tenantId);
    municipalities.push({ ...tenant, consents: await listConsents(inTenant, { personId }) });
    const relationships = await relationshipsOf(inTenant.sql, tenant.tenantId, personId);
    if (relationships.length > 0) {
      care.push({ tenantId: tenant.tenantId, municipalityName: tenant.municipalityName, relationships });
      await logOwnAccess(inTenant, tenant.tenantId, 'read', 'careRelationship.list', 'careRelationships');
    }
    // The newest wanted×size lines of each municipality are enough to merge the wanted page.
    lines.push(...(await q.accessLines(inTenant.sql, tenant.tenantId, personId, wanted * LOG_PAGE_SIZE)));
    total += await q.countAccessLines(inTenant.sql, tenant.tenantId, personId);
    await logOwnAccess(inTenant, tenant.tenantId, 'read', 'privacy.accessLog.read', 'accessLog');
  }
  lines.sort((a, b) => (a.occurredAt === b.occurredAt ? b.seq - a.seq : a.occurredAt < b.occurredAt ? 1 : -1));
  const items = lines.slice((wanted - 1) * LOG_PAGE_SIZE, wanted * LOG_PAGE_SIZE);
  return {
    account: data,
    municipalities: municipalities.filter((m) => m.consents.length > 0),
    care,
    log: {
      items,
      total: Math.min(total, MAX_LOG_PAGE * LOG_PAGE_SIZE),
      page: wanted,
      pageSize: LOG_PAGE_SIZE,
      // Beyond the last page shown, the lines are in the download.
      more: total > MAX_LOG_PAGE * LOG_PAGE_SIZE && wanted === MAX_LOG_PAGE,
    },
  };
}

/** Finds a consent of this person in whichever of their municipalities holds it. */
async function ownConsent(
  ctx: ServiceContext,
  personId: string,
  consentId: string,
): Promise<{ tenant: ServiceContext; municipality: q.PersonTenant; consent: ConsentRow } | null> {
  for (const municipality of await q.personTenants(ctx.sql, personId)) {
    const inTenant = await switchTenant(ctx, municipality.tenantId);
    const consent = await findConsent(inTenant, consentId);
    if (consent && consent.personId === personId) return { tenant: inTenant, municipality, consent };
  }
  return null;
}

/** Every consent of the signed-in person, over all municipalities. */
export async function myConsents(ctx: ServiceContext): Promise<(ConsentRow & { municipalityName: string; municipalityCode: string })[]> {
  const { personId } = personOf(ctx);
  const all: (ConsentRow & { municipalityName: string; municipalityCode: string })[] = [];
  for (const tenant of await q.personTenants(ctx.sql, personId)) {
    const inTenant = await switchTenant(ctx, tenant.tenantId);
    for (const c of await listConsents(inTenant, { personId })) {
      all.push({ ...c, municipalityName: tenant.municipalityName, municipalityCode: tenant.municipalityCode });
    }
  }
  return all;
}

/** Withdrawal in one step by the person; null when it is not theirs (or does not exist). */
export async function withdraw(
  ctx: ServiceContext,
  consentId: string,
): Promise<{ consent: ConsentRow; changed: boolean; municipality: q.PersonTenant } | null> {
  const { personId } = personOf(ctx);
  const found = await ownConsent(ctx, personId, consentId);
  if (!found) return null;
  const result = await withdrawConsent(found.tenant, { consentId, personId });
  return result ? { ...result, municipality: found.municipality } : null;
}

export type Regive = { ok: true; consent: ConsentRow } | { ok: false; reason: 'notFound' | 'notWithdrawn' | 'ended' | 'needsGuardian' };

/** Whether "undo" makes sense for a withdrawn consent: it would still run, and no guardian is needed. */
export function canRegive(consent: ConsentRow, now = Date.now()): boolean {
  return consent.withdrawnAt !== null && new Date(consent.validUntil).getTime() > now && consent.guardianName === null;
}

/**
 * Undo of a withdrawal: the same consent given again, online by the person, until the same end
 * date. A new record, so the history keeps both the withdrawal and the new consent.
 */
export async function regive(ctx: ServiceContext, consentId: string): Promise<Regive> {
  const { personId } = personOf(ctx);
  const found = await ownConsent(ctx, personId, consentId);
  if (!found) return { ok: false, reason: 'notFound' };
  const old = found.consent;
  if (old.withdrawnAt === null) return { ok: false, reason: 'notWithdrawn' };
  if (new Date(old.validUntil).getTime() <= Date.now()) return { ok: false, reason: 'ended' };
  if (old.guardianName !== null) return { ok: false, reason: 'needsGuardian' };
  try {
    const consent = await giveConsent(found.tenant, {
      personId,
      dataCategory: old.dataCategory,
      purpose: old.purpose,
      organisationId: old.recipientOrganisationId,
      givenHow: 'online',
      validUntil: old.validUntil,
    });
    return { ok: true, consent };
  } catch (error) {
    // The person turned 16 or their birth date changed since: the rules of giving apply again.
    if (error instanceof ConsentError && error.code.startsWith('guardian')) return { ok: false, reason: 'needsGuardian' };
    throw error;
  }
}

export type Export = {
  format: 'naaste.privacyExport';
  version: 1;
  exportedAt: string;
  account: q.AccountData;
  municipalities: (q.PersonTenant & {
    memberships: q.MembershipData[];
    consents: ConsentRow[];
    /** What the person told about the care they give, and the support shared with them (issue 4). */
    care: CareExport;
    accessLog: Omit<q.AccessLine, 'tenantId'>[];
  })[];
};

/** Everything Naaste holds about the person, for the download and the print view; logged as export or print. */
export async function exportData(ctx: ServiceContext, how: 'export' | 'print'): Promise<Export> {
  const { personId } = personOf(ctx);
  const data = await account(ctx, personId);
  const municipalities: Export['municipalities'] = [];
  for (const tenant of await q.personTenants(ctx.sql, personId)) {
    const inTenant = await switchTenant(ctx, tenant.tenantId);
    const accessLog = (await q.accessLines(inTenant.sql, tenant.tenantId, personId, null)).map(({ tenantId: _, ...line }) => line);
    municipalities.push({
      ...tenant,
      memberships: await q.memberships(inTenant.sql, tenant.tenantId, personId),
      consents: await listConsents(inTenant, { personId }),
      care: await careDataOf(inTenant, tenant.tenantId, personId),
      accessLog,
    });
    await logOwnAccess(inTenant, tenant.tenantId, how, how === 'export' ? 'privacy.export' : 'privacy.print', 'all');
  }
  return { format: 'naaste.privacyExport', version: 1, exportedAt: new Date().toISOString(), account: data, municipalities };
}

export type Erasure = { consentsWithdrawn: number; membershipsRemoved: number; careRelationshipsRemoved: number; sessionsEnded: number };

/**
 * Erasure on request (AVG art. 17), in one transaction: consents withdrawn, memberships removed,
 * care data removed (care relationships and all under them, balance-check results),
 * the account anonymised, sign-in traces removed, every session ended. The access log stays: NEN
 * 7513 keeps it at least 5 years, and its lines only carry the account id, which then names nobody.
 */
export async function erase(ctx: ServiceContext): Promise<Erasure> {
  const me = personOf(ctx);
  if (me.kind !== 'resident') throw new HttpProblem(403, 'Staff accounts are removed by an administrator of the organisation.');
  const result: Erasure = { consentsWithdrawn: 0, membershipsRemoved: 0, careRelationshipsRemoved: 0, sessionsEnded: 0 };
  for (const tenant of await q.personTenants(ctx.sql, me.personId)) {
    const inTenant = await switchTenant(ctx, tenant.tenantId);
    for (const c of await q.withdrawAllConsents(inTenant.sql, tenant.tenantId, me.personId)) {
      result.consentsWithdrawn += 1;
      await logAccess(inTenant.sql, tenant.tenantId, {
        eventCode: 'consent.withdraw',
        action: 'update',
        outcome: 'success',
        personId: me.personId,
        userId: me.personId,
        role: me.kind,
        purpose: c.purpose,
        organisationId: c.organisationId,
        ip: me.ip,
        userAgent: me.userAgent,
        recordPart: `consent.${c.dataCategory}`,
      });
    }
    result.membershipsRemoved += await q.deleteMemberships(inTenant.sql, tenant.tenantId, me.personId);
    // Care relationships go with everything under them (network, support, notes, keukentafelgesprek),
    // and so do balance-check results and the registration; the access log stays.
    result.careRelationshipsRemoved += await eraseCareData(inTenant, tenant.tenantId, me.personId);
    await logOwnAccess(inTenant, tenant.tenantId, 'delete', 'privacy.erase', 'account');
  }
  const email = await q.anonymiseAccount(ctx.sql, me.personId);
  if (email === null) throw new HttpProblem(401, 'Sign in first.');
  await q.deleteSignInTraces(ctx.sql, me.personId, email);
  result.sessionsEnded = await revokeAllSessions(ctx.sql, me.personId);
  return result;
}
