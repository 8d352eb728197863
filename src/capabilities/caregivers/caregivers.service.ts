import { type AccessAction, logAccess } from '../../platform/audit/access-log.ts';
import type { Principal } from '../../platform/auth/roles.ts';
import { ConsentError, type ConsentRow, giveConsent, listConsents } from '../../platform/consent/consent.ts';
import { type ServiceContext, switchTenant } from '../../platform/db/context.ts';
import type { Outbox } from '../../platform/http/decorations.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { findAccountByEmail } from '../identity/identity.queries.ts';
import { createAccount, requestSignInLink } from '../identity/identity.service.ts';
import { PREPARATION_CONSENT } from '../support/support.policy.ts';
import {
  canChangeRelationship,
  canRegisterIn,
  canSeeRelationship,
  canUseCareArea,
  caregiverSeesNote,
  caregiverTenants,
} from './caregivers.policy.ts';
import * as q from './caregivers.queries.ts';

/**
 * The caregiver's own area (C4 start, R1, R3, R7 from the caregiver's side): registration, care
 * relationships with their network, sharing with an organisation under consent, the shared view
 * of the support plan, reporting changes, and the keukentafelgesprek preparation. Every read and
 * change of care data writes an access-log line in the same transaction, as the privacy pages do
 * for a person's own reads: the person is both the subject and the user.
 */

export const SUPPORT_CONSENT = { dataCategory: 'careRelationship', purpose: 'support' } as const;
export const WMO_CONSENT = { dataCategory: 'kitchenTablePreparation', purpose: 'wmoAssessment' } as const;
/** The preparation shared with an organisation that supports the caregiver: what the consultant's case page reads. */
export { PREPARATION_CONSENT };
/** The purpose of a person's own reads and changes in their care pages, as it appears in their access log. */
export const OWN_PURPOSE = 'selfService';
export const MAX_NETWORK_MEMBERS = 30;
export const MAX_CONSENT_YEARS = 5;

export type Problem = { field: string; code: string };
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

type Me = { personId: string; principal: Principal; ip: string | null; userAgent: string | null };

function me(ctx: ServiceContext): Me {
  if (ctx.actor.kind !== 'person') throw new HttpProblem(401, 'Sign in first.');
  if (!canUseCareArea(ctx.actor.principal)) throw new HttpProblem(403, 'The caregiver pages are for residents.');
  return { personId: ctx.actor.principal.accountId, principal: ctx.actor.principal, ip: ctx.actor.ip, userAgent: ctx.actor.userAgent };
}

/** One access-log line for the caregiver's own access to their care data. */
async function logOwn(
  ctx: ServiceContext,
  tenantId: string,
  action: AccessAction,
  eventCode: string,
  recordPart: string,
  organisationId: string | null = null,
) {
  const m = me(ctx);
  await logAccess(ctx.sql, tenantId, {
    eventCode,
    action,
    outcome: 'success',
    personId: m.personId,
    userId: m.personId,
    role: 'caregiver',
    purpose: OWN_PURPOSE,
    organisationId,
    ip: m.ip,
    userAgent: m.userAgent,
    recordPart,
  });
}

// ---- dates ------------------------------------------------------------------------------------------

/** Today in Amsterdam, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const result = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February plus a year is 1 March, not 2 March.
  if (result.getUTCMonth() !== m - 1) result.setUTCDate(0);
  return result.toISOString().slice(0, 10);
}

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A date as people type it: 2025-03-15 (date field), 15-03-2025 or 15/3/2025. Null when it is none of these. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return realDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** "Since when": a year is enough (kept as 1 January), or a month and year, or a whole date. */
export function parseSince(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return realDate(Number(t), 1, 1);
  const m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return realDate(Number(m[2]), Number(m[1]), 1);
  return parseDay(t);
}

/** How a stored "since" date is shown back in the form: the year alone when it was given as a year. */
export function sinceText(date: string | null): string {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  if (m === '01' && d === '01') return y ?? '';
  return `${d}-${m}-${y}`;
}

/** The end of a chosen day, Amsterdam time (a consent runs until that day is over). */
function endOfDay(date: string): Date {
  return new Date(new Date(`${date}T23:59:59Z`).getTime() - (isSummer(date) ? 2 : 1) * 3600_000);
}
function isSummer(date: string): boolean {
  const probe = new Date(`${date}T12:00:00Z`);
  return probe.toLocaleString('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'short' }).includes('+2');
}

// ---- checking input ----------------------------------------------------------------------------------

const str = (v: unknown, max = 5000) => (typeof v === 'string' ? v.slice(0, max) : '');
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
const optional = (v: string) => (v.trim() === '' ? null : v.trim());

/** The relationship form as typed, kept as text so a re-render shows exactly what was typed. */
export type RelationshipForm = {
  caredForName: string;
  ageBand: string;
  relation: string;
  conditionText: string;
  tasks: string[];
  hoursPerWeek: string;
  caringSince: string;
  livingTogether: string;
  combinesWith: string[];
};

export function relationshipForm(body: unknown): RelationshipForm {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    caredForName: str(b.caredForName, 200),
    ageBand: str(b.ageBand, 20),
    relation: str(b.relation, 20),
    conditionText: str(b.conditionText, 3000),
    tasks: strs(b.tasks).slice(0, 20),
    hoursPerWeek: str(b.hoursPerWeek, 10),
    caringSince: str(b.caringSince, 20),
    livingTogether: str(b.livingTogether, 5),
    combinesWith: strs(b.combinesWith).slice(0, 10),
  };
}

export function formOf(r: q.RelationshipRow): RelationshipForm {
  return {
    caredForName: r.caredForName,
    ageBand: r.ageBand,
    relation: r.relation,
    conditionText: r.conditionText ?? '',
    tasks: r.tasks,
    hoursPerWeek: r.hoursPerWeek === null ? '' : String(r.hoursPerWeek),
    caringSince: sinceText(r.caringSince),
    livingTogether: r.livingTogether === null ? '' : r.livingTogether ? 'ja' : 'nee',
    combinesWith: r.combinesWith,
  };
}

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** The rules every relationship meets, from a form or from the API. */
export function relationshipRules(f: q.RelationshipFields, now = new Date()): Problem[] {
  const problems: Problem[] = [];
  const name = f.caredForName.trim();
  if (name === '') problems.push({ field: 'caredForName', code: 'required' });
  else if (name.length > 60) problems.push({ field: 'caredForName', code: 'tooLong' });
  if (f.conditionText && f.conditionText.length > 2000) problems.push({ field: 'conditionText', code: 'tooLong' });
  if (f.hoursPerWeek !== null && (!Number.isInteger(f.hoursPerWeek) || f.hoursPerWeek < 0 || f.hoursPerWeek > 168)) {
    problems.push({ field: 'hoursPerWeek', code: 'range' });
  }
  if (f.caringSince !== null && (f.caringSince > today(now) || f.caringSince < '1920-01-01')) {
    problems.push({ field: 'caringSince', code: 'range' });
  }
  return problems;
}

export function checkRelationshipForm(form: RelationshipForm, now = new Date()): Checked<q.RelationshipFields> {
  const problems: Problem[] = [];
  const ageBand = form.ageBand;
  const relation = form.relation;
  if (!isOneOf(q.AGE_BANDS, ageBand)) problems.push({ field: 'ageBand', code: 'required' });
  if (!isOneOf(q.RELATIONS, relation)) problems.push({ field: 'relation', code: 'required' });
  if (form.tasks.some((t) => !isOneOf(q.TASKS, t))) problems.push({ field: 'tasks', code: 'unknown' });
  if (form.combinesWith.some((t) => !isOneOf(q.COMBINES, t))) problems.push({ field: 'combinesWith', code: 'unknown' });
  let hours: number | null = null;
  if (form.hoursPerWeek.trim() !== '') {
    if (/^\d{1,3}$/.test(form.hoursPerWeek.trim())) hours = Number(form.hoursPerWeek.trim());
    else problems.push({ field: 'hoursPerWeek', code: 'number' });
  }
  let since: string | null = null;
  if (form.caringSince.trim() !== '') {
    since = parseSince(form.caringSince);
    if (since === null) problems.push({ field: 'caringSince', code: 'format' });
  }
  if (!['', 'ja', 'nee'].includes(form.livingTogether)) problems.push({ field: 'livingTogether', code: 'unknown' });
  const fields: q.RelationshipFields = {
    caredForName: form.caredForName.trim(),
    ageBand: ageBand as q.AgeBand,
    relation: relation as q.Relation,
    conditionText: optional(form.conditionText),
    tasks: [...new Set(form.tasks)],
    hoursPerWeek: hours,
    caringSince: since,
    livingTogether: form.livingTogether === '' ? null : form.livingTogether === 'ja',
    combinesWith: [...new Set(form.combinesWith)],
  };
  for (const p of relationshipRules(fields, now)) if (!problems.some((x) => x.field === p.field)) problems.push(p);
  const order = [
    'caredForName',
    'ageBand',
    'relation',
    'conditionText',
    'tasks',
    'hoursPerWeek',
    'caringSince',
    'livingTogether',
    'combinesWith',
  ];
  problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: fields };
}

export type MemberInput = { kind: string; name: string; helpsWith: string };

export function checkMember(input: MemberInput): Checked<{ kind: string; name: string; helpsWith: string | null }> {
  const problems: Problem[] = [];
  if (!isOneOf(q.NETWORK_KINDS, input.kind)) problems.push({ field: 'kind', code: 'required' });
  const name = input.name.trim();
  if (name === '') problems.push({ field: 'name', code: 'required' });
  else if (name.length > 100) problems.push({ field: 'name', code: 'tooLong' });
  if (input.helpsWith.trim().length > 500) problems.push({ field: 'helpsWith', code: 'tooLong' });
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, value: { kind: input.kind, name, helpsWith: optional(input.helpsWith) } };
}

// ---- finding one's own ----------------------------------------------------------------------------------

export type Own = { ctx: ServiceContext; tenantId: string; municipalityName: string; relationship: q.RelationshipRow };

/** The municipalities where this person is a caregiver, with their names. */
export function myMunicipalities(p: Principal): { tenantId: string; name: string; code: string }[] {
  return caregiverTenants(p).map((tenantId) => {
    const m = p.memberships.find((x) => x.tenantId === tenantId);
    return { tenantId, name: m?.municipalityName ?? '', code: m?.municipalityCode ?? '' };
  });
}

/** The caregiver's own relationship, in whichever of their municipalities holds it; null for anyone else's. */
export async function findOwn(ctx: ServiceContext, relationshipId: string): Promise<Own | null> {
  const m = me(ctx);
  for (const mun of myMunicipalities(m.principal)) {
    const inTenant = await switchTenant(ctx, mun.tenantId);
    const relationship = await q.relationshipOf(inTenant.sql, mun.tenantId, m.personId, relationshipId);
    if (relationship && canSeeRelationship(m.principal, relationship)) {
      return { ctx: inTenant, tenantId: mun.tenantId, municipalityName: mun.name, relationship };
    }
  }
  return null;
}

// ---- home ------------------------------------------------------------------------------------------------

export type RelationshipSummary = {
  relationship: q.RelationshipRow;
  network: q.NetworkMember[];
  balance: q.LatestBalance | null;
  sharedWith: string[];
  planned: q.ActionRow[];
  nextFollowUp: string | null;
  latestNote: q.NoteRow | null;
  preparation: q.PreparationRow | null;
};

export type Home = {
  municipalities: { tenantId: string; name: string; relationships: RelationshipSummary[]; balance: q.LatestBalance | null }[];
};

type ConsentKind = { dataCategory: string; purpose: string };
const activeOf = (all: ConsentRow[], consent: ConsentKind) =>
  all.filter((c) => c.active && c.dataCategory === consent.dataCategory && c.purpose === consent.purpose);

/** Active consents of the person for a category and purpose, by organisation. */
async function activeRecipients(ctx: ServiceContext, personId: string, consent: ConsentKind) {
  return activeOf(await listConsents(ctx, { personId }), consent);
}

/** The caregiver's home: each relationship with their balance, what is planned, the next look and the newest shared note. */
export async function home(ctx: ServiceContext): Promise<Home> {
  const m = me(ctx);
  const result: Home = { municipalities: [] };
  for (const mun of myMunicipalities(m.principal)) {
    const c = await switchTenant(ctx, mun.tenantId);
    const relationships = await q.relationshipsOf(c.sql, mun.tenantId, m.personId);
    const ids = relationships.map((r) => r.id);
    // One connection answers one query at a time, so these run in turn.
    const network = await q.networkOf(c.sql, mun.tenantId, ids);
    const balances = await q.latestBalances(c.sql, mun.tenantId, m.personId);
    const cases = await q.casesOf(c.sql, mun.tenantId, ids);
    const preparations = await q.preparationsOf(c.sql, mun.tenantId, ids);
    const recipients = await activeRecipients(c, m.personId, SUPPORT_CONSENT);
    const shared = new Set(recipients.map((r) => r.recipientOrganisationId));
    const visibleCases = cases.filter((k) => shared.has(k.organisationId));
    const caseIds = visibleCases.map((k) => k.id);
    const actions = await q.actionsOf(c.sql, mun.tenantId, caseIds);
    const followUps = await q.followUpsOf(c.sql, mun.tenantId, caseIds);
    const notes = (await q.sharedNotesOf(c.sql, mun.tenantId, caseIds, 1)).filter(caregiverSeesNote);
    const caseRel = new Map(visibleCases.map((k) => [k.id, k.relationshipId]));
    const summaries = relationships.map((r): RelationshipSummary => {
      const mine = (caseId: string) => caseRel.get(caseId) === r.id;
      const nextFollowUp = followUps.filter((f) => mine(f.caseId) && f.doneAt === null).map((f) => f.dueOn)[0] ?? null;
      return {
        relationship: r,
        network: network.filter((n) => n.relationshipId === r.id),
        balance: balances.find((b) => b.relationshipId === r.id) ?? null,
        sharedWith: cases.filter((k) => k.relationshipId === r.id && shared.has(k.organisationId)).map((k) => k.organisationName),
        planned: actions.filter((a) => mine(a.caseId) && a.doneAt === null).slice(0, 3),
        nextFollowUp,
        latestNote: notes.find((n) => mine(n.caseId)) ?? null,
        preparation: preparations.find((p) => p.relationshipId === r.id) ?? null,
      };
    });
    await logOwn(c, mun.tenantId, 'read', 'careRelationship.list', 'careRelationships');
    result.municipalities.push({
      tenantId: mun.tenantId,
      name: mun.name,
      relationships: summaries,
      balance: balances.find((b) => b.relationshipId === null) ?? null,
    });
  }
  return result;
}

// ---- one relationship -------------------------------------------------------------------------------------

export type RelationshipDetail = Own & {
  network: q.NetworkMember[];
  cases: (q.CaseRow & { shared: boolean })[];
  balance: q.LatestBalance | null;
};

export async function detail(ctx: ServiceContext, relationshipId: string, log = true): Promise<RelationshipDetail | null> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return null;
  const { personId } = me(ctx);
  const c = own.ctx;
  const network = await q.networkOf(c.sql, own.tenantId, [relationshipId]);
  const cases = await q.casesOf(c.sql, own.tenantId, [relationshipId]);
  const shared = new Set((await activeRecipients(c, personId, SUPPORT_CONSENT)).map((r) => r.recipientOrganisationId));
  const balance = (await q.latestBalances(c.sql, own.tenantId, personId)).find((b) => b.relationshipId === relationshipId) ?? null;
  if (log) await logOwn(c, own.tenantId, 'read', 'careRelationship.read', 'careRelationship');
  return { ...own, network, cases: cases.map((k) => ({ ...k, shared: shared.has(k.organisationId) })), balance };
}

export async function createRelationship(
  ctx: ServiceContext,
  tenantId: string,
  fields: q.RelationshipFields,
  network: { kind: string; name: string; helpsWith: string | null }[] = [],
): Promise<string> {
  const m = me(ctx);
  if (!caregiverTenants(m.principal).includes(tenantId)) throw new HttpProblem(403, 'Register as a caregiver in this municipality first.');
  const c = await switchTenant(ctx, tenantId);
  const id = await q.insertRelationship(c.sql, tenantId, m.personId, fields);
  for (const member of network.slice(0, MAX_NETWORK_MEMBERS)) await q.insertNetworkMember(c.sql, tenantId, id, member);
  await logOwn(c, tenantId, 'create', 'careRelationship.create', 'careRelationship');
  return id;
}

/** Changes a running relationship; null when it is not the person's own (or ended, which only resumes). */
export async function changeRelationship(
  ctx: ServiceContext,
  relationshipId: string,
  fields: q.RelationshipFields,
  network?: { kind: string; name: string; helpsWith: string | null }[],
): Promise<'changed' | 'ended' | null> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return null;
  const m = me(ctx);
  if (!canChangeRelationship(m.principal, own.relationship)) return 'ended';
  await q.updateRelationship(own.ctx.sql, own.tenantId, m.personId, relationshipId, fields);
  if (network) {
    await own.ctx.sql.query('delete from care_network_members where tenant_id = $1 and care_relationship_id = $2', [
      own.tenantId,
      relationshipId,
    ]);
    for (const member of network.slice(0, MAX_NETWORK_MEMBERS))
      await q.insertNetworkMember(own.ctx.sql, own.tenantId, relationshipId, member);
  }
  await logOwn(own.ctx, own.tenantId, 'update', 'careRelationship.update', network ? 'careRelationship,careNetwork' : 'careRelationship');
  return 'changed';
}

export async function endRelationship(ctx: ServiceContext, relationshipId: string, ended: boolean): Promise<Own | null> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return null;
  await q.setEnded(own.ctx.sql, own.tenantId, me(ctx).personId, relationshipId, ended);
  await logOwn(own.ctx, own.tenantId, 'update', ended ? 'careRelationship.end' : 'careRelationship.resume', 'careRelationship');
  return own;
}

export type MemberResult = { ok: true; member: q.NetworkMember | null } | { ok: false; reason: 'notFound' | 'ended' | 'full' };

export async function addMember(
  ctx: ServiceContext,
  relationshipId: string,
  member: { kind: string; name: string; helpsWith: string | null },
): Promise<MemberResult> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return { ok: false, reason: 'notFound' };
  if (!canChangeRelationship(me(ctx).principal, own.relationship)) return { ok: false, reason: 'ended' };
  if ((await q.countNetworkMembers(own.ctx.sql, own.tenantId, relationshipId)) >= MAX_NETWORK_MEMBERS) return { ok: false, reason: 'full' };
  await q.insertNetworkMember(own.ctx.sql, own.tenantId, relationshipId, member);
  await logOwn(own.ctx, own.tenantId, 'create', 'careNetwork.add', 'careNetwork');
  return { ok: true, member: null };
}

export async function removeMember(ctx: ServiceContext, relationshipId: string, memberId: string): Promise<MemberResult> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return { ok: false, reason: 'notFound' };
  if (!canChangeRelationship(me(ctx).principal, own.relationship)) return { ok: false, reason: 'ended' };
  const removed = await q.deleteNetworkMember(own.ctx.sql, own.tenantId, relationshipId, memberId);
  if (!removed) return { ok: false, reason: 'notFound' };
  await logOwn(own.ctx, own.tenantId, 'delete', 'careNetwork.remove', 'careNetwork');
  return { ok: true, member: removed };
}

// ---- sharing --------------------------------------------------------------------------------------------------

export type ShareForm = { organisationId: string; validUntil: string; guardianName: string; guardianConfirmed: boolean };

export type ShareOptions = {
  organisations: q.NetworkOrganisation[];
  consents: ConsentRow[];
  under16: boolean;
  guardianName: string | null;
  defaultUntil: string;
};

export async function shareOptions(ctx: ServiceContext, own: Own): Promise<ShareOptions> {
  const { personId } = me(ctx);
  const organisations = await q.networkOrganisations(own.ctx.sql, own.tenantId);
  const consents = await activeRecipients(own.ctx, personId, SUPPORT_CONSENT);
  const under16 = await q.personUnder16(own.ctx.sql, personId);
  const registration = under16 ? await q.registrationOf(own.ctx.sql, own.tenantId, personId) : null;
  return { organisations, consents, under16, guardianName: registration?.guardianName ?? null, defaultUntil: addYears(today(), 2) };
}

function checkConsentForm(form: ShareForm, under16: boolean, organisationIds: string[] | null, now = new Date()): Problem[] {
  const problems: Problem[] = [];
  if (organisationIds && !organisationIds.includes(form.organisationId)) problems.push({ field: 'organisationId', code: 'required' });
  const until = parseDay(form.validUntil);
  if (!until) problems.push({ field: 'validUntil', code: 'format' });
  else if (until <= today(now) || until > addYears(today(now), MAX_CONSENT_YEARS)) problems.push({ field: 'validUntil', code: 'range' });
  if (under16) {
    if (form.guardianName.trim() === '') problems.push({ field: 'guardianName', code: 'required' });
    else if (form.guardianName.trim().length > 200) problems.push({ field: 'guardianName', code: 'tooLong' });
    if (!form.guardianConfirmed) problems.push({ field: 'guardianConfirmed', code: 'required' });
  }
  return problems;
}

export type ShareResult =
  | { ok: true; consent: ConsentRow; caseCreated: boolean; organisationName: string }
  | { ok: false; problems: Problem[] }
  | { ok: false; reason: 'notFound' | 'ended' };

/**
 * The caregiver lets an organisation see the relationship: a consent for the support purpose
 * (online, until the chosen day) and a new support case for that organisation if there is none.
 */
export async function share(ctx: ServiceContext, relationshipId: string, form: ShareForm): Promise<ShareResult> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return { ok: false, reason: 'notFound' };
  const m = me(ctx);
  if (!canChangeRelationship(m.principal, own.relationship)) return { ok: false, reason: 'ended' };
  const options = await shareOptions(ctx, own);
  const problems = checkConsentForm(
    form,
    options.under16,
    options.organisations.map((o) => o.id),
  );
  if (problems.length > 0) return { ok: false, problems };
  const organisation = options.organisations.find((o) => o.id === form.organisationId) as q.NetworkOrganisation;
  const consent = await giveWithGuardian(own.ctx, {
    personId: m.personId,
    ...SUPPORT_CONSENT,
    organisationId: organisation.id,
    validUntil: endOfDay(parseDay(form.validUntil) as string),
    guardian: options.under16 ? { name: form.guardianName.trim(), confirmed: form.guardianConfirmed } : null,
  });
  if (!consent.ok) return consent;
  const caseCreated = await q.ensureCase(own.ctx.sql, own.tenantId, relationshipId, organisation.id);
  if (caseCreated) await logOwn(own.ctx, own.tenantId, 'create', 'supportCase.create', 'supportCase', organisation.id);
  return { ok: true, consent: consent.consent, caseCreated, organisationName: organisation.name };
}

async function giveWithGuardian(
  ctx: ServiceContext,
  input: {
    personId: string;
    dataCategory: string;
    purpose: string;
    organisationId: string;
    validUntil: Date;
    guardian: { name: string; confirmed: boolean } | null;
  },
): Promise<{ ok: true; consent: ConsentRow } | { ok: false; problems: Problem[] }> {
  try {
    return { ok: true, consent: await giveConsent(ctx, { ...input, givenHow: 'online' }) };
  } catch (error) {
    if (error instanceof ConsentError && error.code === 'guardianNameRequired')
      return { ok: false, problems: [{ field: 'guardianName', code: 'required' }] };
    if (error instanceof ConsentError && error.code === 'guardianConfirmationRequired') {
      return { ok: false, problems: [{ field: 'guardianConfirmed', code: 'required' }] };
    }
    if (error instanceof ConsentError && error.code === 'invalidPeriod')
      return { ok: false, problems: [{ field: 'validUntil', code: 'range' }] };
    throw error;
  }
}

// ---- the support plan, as the caregiver sees it -----------------------------------------------------------------------

export type ChangeLine = { at: string; kind: string; text: string; extra?: string };

export type CaseView = q.CaseRow & {
  shared: boolean;
  goals: q.GoalRow[];
  actions: q.ActionRow[];
  notes: q.NoteRow[];
  followUps: q.FollowUpRow[];
  changes: ChangeLine[];
};

export type SupportView = Own & { cases: CaseView[]; situationChanges: q.SituationChangeRow[] };

/** What changed in the plan, newest first, as lines the page puts in words. */
export function changesOf(goals: q.GoalRow[], actions: q.ActionRow[], notes: q.NoteRow[], followUps: q.FollowUpRow[], k: q.CaseRow) {
  const lines: ChangeLine[] = [];
  const later = (a: string, b: string) => new Date(a).getTime() - new Date(b).getTime() > 60_000;
  for (const g of goals) {
    lines.push({ at: g.createdAt, kind: 'goalAdded', text: g.goal });
    if (later(g.updatedAt, g.createdAt)) lines.push({ at: g.updatedAt, kind: 'goalChanged', text: g.goal, extra: g.status });
  }
  for (const a of actions) {
    lines.push({ at: a.createdAt, kind: 'actionAdded', text: a.description });
    if (a.doneAt) lines.push({ at: a.doneAt, kind: 'actionDone', text: a.description });
  }
  for (const n of notes) lines.push({ at: n.createdAt, kind: 'noteShared', text: n.body.slice(0, 120) });
  for (const f of followUps) lines.push({ at: f.createdAt, kind: 'followUpPlanned', text: f.purpose, extra: f.dueOn });
  if (k.closedAt) lines.push({ at: k.closedAt, kind: 'caseClosed', text: '' });
  return lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, 15);
}

/** The shared view of the support for one relationship: only organisations the caregiver shares with now, only shared notes. */
export async function supportView(ctx: ServiceContext, relationshipId: string): Promise<SupportView | null> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return null;
  const { personId } = me(ctx);
  const c = own.ctx;
  const cases = await q.casesOf(c.sql, own.tenantId, [relationshipId]);
  const shared = new Set((await activeRecipients(c, personId, SUPPORT_CONSENT)).map((r) => r.recipientOrganisationId));
  const visible = cases.filter((k) => shared.has(k.organisationId));
  const ids = visible.map((k) => k.id);
  const goals = await q.goalsOf(c.sql, own.tenantId, ids);
  const actions = await q.actionsOf(c.sql, own.tenantId, ids);
  const notes = (await q.sharedNotesOf(c.sql, own.tenantId, ids)).filter(caregiverSeesNote);
  const followUps = await q.followUpsOf(c.sql, own.tenantId, ids);
  const views: CaseView[] = cases.map((k) => {
    if (!shared.has(k.organisationId)) return { ...k, shared: false, goals: [], actions: [], notes: [], followUps: [], changes: [] };
    const g = goals.filter((x) => x.caseId === k.id);
    const a = actions.filter((x) => x.caseId === k.id);
    const n = notes.filter((x) => x.caseId === k.id);
    const f = followUps.filter((x) => x.caseId === k.id);
    return { ...k, shared: true, goals: g, actions: a, notes: n, followUps: f, changes: changesOf(g, a, n, f, k) };
  });
  const situationChanges = await q.situationChangesOf(c.sql, own.tenantId, [relationshipId]);
  await logOwn(c, own.tenantId, 'read', 'supportPlan.read', 'supportPlan');
  return { ...own, cases: views, situationChanges };
}

export type SimpleResult = { ok: true } | { ok: false; problems: Problem[] } | { ok: false; reason: 'notFound' | 'ended' };

/** The caregiver asks for another consultant (R7): marked on the case, with a signal for the organisation. */
export async function askOtherConsultant(
  ctx: ServiceContext,
  relationshipId: string,
  caseId: string,
  reason: string,
): Promise<SimpleResult> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return { ok: false, reason: 'notFound' };
  const { personId } = me(ctx);
  const shared = new Set((await activeRecipients(own.ctx, personId, SUPPORT_CONSENT)).map((r) => r.recipientOrganisationId));
  const theCase = (await q.casesOf(own.ctx.sql, own.tenantId, [relationshipId])).find((k) => k.id === caseId);
  if (!theCase || !shared.has(theCase.organisationId) || theCase.status === 'closed') return { ok: false, reason: 'notFound' };
  if (reason.trim().length > 1000) return { ok: false, problems: [{ field: 'reason', code: 'tooLong' }] };
  await q.requestOtherConsultant(own.ctx.sql, own.tenantId, caseId, optional(reason));
  await q.insertSignal(own.ctx.sql, own.tenantId, caseId, 'consultantChangeRequested');
  await logOwn(own.ctx, own.tenantId, 'update', 'supportCase.consultantChange', 'supportCase', theCase.organisationId);
  return { ok: true };
}

export type ChangeForm = { kind: string; description: string };

/** A change in the situation (R7): recorded, and a signal for each open case the caregiver shares. */
export async function reportChange(
  ctx: ServiceContext,
  relationshipId: string,
  form: ChangeForm,
): Promise<SimpleResult & { signalled?: number }> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return { ok: false, reason: 'notFound' };
  const problems: Problem[] = [];
  if (!isOneOf(q.CHANGE_KINDS, form.kind)) problems.push({ field: 'kind', code: 'required' });
  if (form.description.trim().length > 2000) problems.push({ field: 'description', code: 'tooLong' });
  if (form.kind === 'other' && form.description.trim() === '') problems.push({ field: 'description', code: 'required' });
  if (problems.length > 0) return { ok: false, problems };
  const { personId } = me(ctx);
  await q.insertSituationChange(own.ctx.sql, own.tenantId, relationshipId, personId, {
    kind: form.kind,
    description: optional(form.description),
  });
  const shared = new Set((await activeRecipients(own.ctx, personId, SUPPORT_CONSENT)).map((r) => r.recipientOrganisationId));
  let signalled = 0;
  for (const k of await q.casesOf(own.ctx.sql, own.tenantId, [relationshipId])) {
    if (k.status === 'closed' || !shared.has(k.organisationId)) continue;
    await q.insertSignal(own.ctx.sql, own.tenantId, k.id, 'situationChanged');
    signalled += 1;
  }
  await logOwn(own.ctx, own.tenantId, 'create', 'situationChange.create', 'situationChange');
  return { ok: true, signalled };
}

// ---- keukentafelgesprek -------------------------------------------------------------------------------------------------

export type PreparationForm = { whatIDo: string; canAndWant: string; limits: string; needs: string; conversationOn: string };

export type KitchenTable = Own & {
  preparation: q.PreparationRow | null;
  agreements: q.AgreementRow[];
  assessor: q.NetworkOrganisation | null;
  /** Active consents for the Wmo desk (wmoAssessment). */
  consents: ConsentRow[];
  /**
   * The organisations that support this care relationship now: an open support case for it and an
   * active consent of the caregiver to see the relationship. The caregiver may share the
   * preparation with them too.
   */
  supporters: q.NetworkOrganisation[];
  /** Active consents for the preparation under the support purpose (what the consultant's case page reads). */
  supportConsents: ConsentRow[];
  under16: boolean;
  guardianName: string | null;
  defaultUntil: string;
};

export function preparationForm(p: q.PreparationRow | null): PreparationForm {
  return {
    whatIDo: p?.whatIDo ?? '',
    canAndWant: p?.canAndWant ?? '',
    limits: p?.limits ?? '',
    needs: p?.needs ?? '',
    conversationOn: p?.conversationOn ?? '',
  };
}

export async function kitchenTable(
  ctx: ServiceContext,
  relationshipId: string,
  how: 'read' | 'print' | null,
): Promise<KitchenTable | null> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return null;
  const { personId } = me(ctx);
  const c = own.ctx;
  const preparation = (await q.preparationsOf(c.sql, own.tenantId, [relationshipId]))[0] ?? null;
  const agreements = preparation ? await q.agreementsOf(c.sql, own.tenantId, [preparation.id]) : [];
  const network = await q.networkOrganisations(c.sql, own.tenantId);
  const assessor = network.find((o) => o.kind === 'municipality') ?? null;
  const all = await listConsents(c, { personId });
  const consents = activeOf(all, WMO_CONSENT);
  const supportConsents = activeOf(all, PREPARATION_CONSENT);
  const seeing = new Set(activeOf(all, SUPPORT_CONSENT).map((r) => r.recipientOrganisationId));
  const open = new Set(
    (await q.casesOf(c.sql, own.tenantId, [relationshipId])).filter((k) => k.status !== 'closed').map((k) => k.organisationId),
  );
  // The Wmo desk is offered once, as the assessor; an organisation is one choice in the form.
  const supporters = network.filter((o) => o.id !== assessor?.id && open.has(o.id) && seeing.has(o.id));
  const under16 = await q.personUnder16(c.sql, personId);
  const registration = under16 ? await q.registrationOf(c.sql, own.tenantId, personId) : null;
  if (how)
    await logOwn(
      c,
      own.tenantId,
      how,
      how === 'print' ? 'kitchenTablePreparation.print' : 'kitchenTablePreparation.read',
      'kitchenTablePreparation',
    );
  return {
    ...own,
    preparation,
    agreements,
    assessor,
    consents,
    supporters,
    supportConsents,
    under16,
    guardianName: registration?.guardianName ?? null,
    defaultUntil: addYears(today(), 1),
  };
}

export async function savePreparation(ctx: ServiceContext, relationshipId: string, form: PreparationForm): Promise<SimpleResult> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return { ok: false, reason: 'notFound' };
  if (!canChangeRelationship(me(ctx).principal, own.relationship)) return { ok: false, reason: 'ended' };
  const problems: Problem[] = [];
  const texts = ['whatIDo', 'canAndWant', 'limits', 'needs'] as const;
  for (const f of texts) if (form[f].trim().length > 4000) problems.push({ field: f, code: 'tooLong' });
  if (texts.every((f) => form[f].trim() === '')) problems.push({ field: 'whatIDo', code: 'oneRequired' });
  let conversationOn: string | null = null;
  if (form.conversationOn.trim() !== '') {
    conversationOn = parseDay(form.conversationOn);
    if (!conversationOn) problems.push({ field: 'conversationOn', code: 'format' });
    else if (conversationOn < addYears(today(), -2) || conversationOn > addYears(today(), 2))
      problems.push({ field: 'conversationOn', code: 'range' });
  }
  if (problems.length > 0) return { ok: false, problems };
  await q.savePreparation(own.ctx.sql, own.tenantId, relationshipId, {
    whatIDo: optional(form.whatIDo),
    canAndWant: optional(form.canAndWant),
    limits: optional(form.limits),
    needs: optional(form.needs),
    conversationOn,
  });
  await logOwn(own.ctx, own.tenantId, 'update', 'kitchenTablePreparation.save', 'kitchenTablePreparation');
  return { ok: true };
}

export async function requestIndependentSupport(ctx: ServiceContext, relationshipId: string, requested: boolean): Promise<SimpleResult> {
  const own = await findOwn(ctx, relationshipId);
  if (!own) return { ok: false, reason: 'notFound' };
  if (!canChangeRelationship(me(ctx).principal, own.relationship)) return { ok: false, reason: 'ended' };
  await q.setSupportRequested(own.ctx.sql, own.tenantId, relationshipId, requested);
  await logOwn(
    own.ctx,
    own.tenantId,
    'update',
    requested ? 'kitchenTableSupport.request' : 'kitchenTableSupport.cancel',
    'kitchenTablePreparation',
  );
  return { ok: true };
}

export type PreparationShareResult =
  | { ok: true; consent: ConsentRow; to: 'assessor' | 'consultant'; organisationName: string }
  | { ok: false; problems: Problem[] }
  | { ok: false; reason: 'notFound' | 'ended' | 'noRecipient' };

/**
 * Shares the preparation under a consent with one recipient the caregiver chose: the municipality's
 * Wmo desk (the assessor, purpose wmoAssessment) or an organisation that supports this care
 * relationship (purpose support, what the consultant's case page reads). Any other organisation
 * is refused as a problem with the choice. With a single possible recipient the form may leave the
 * choice out.
 */
export async function sharePreparation(ctx: ServiceContext, relationshipId: string, form: ShareForm): Promise<PreparationShareResult> {
  const table = await kitchenTable(ctx, relationshipId, null);
  if (!table) return { ok: false, reason: 'notFound' };
  if (!canChangeRelationship(me(ctx).principal, table.relationship)) return { ok: false, reason: 'ended' };
  const recipients = [...(table.assessor ? [table.assessor] : []), ...table.supporters];
  if (recipients.length === 0) return { ok: false, reason: 'noRecipient' };
  const chosen = form.organisationId.trim() === '' && recipients.length === 1 ? (recipients[0]?.id ?? '') : form.organisationId.trim();
  const problems = checkConsentForm(
    { ...form, organisationId: chosen },
    table.under16,
    recipients.map((r) => r.id),
  ).map((p) => (p.field === 'organisationId' ? { field: p.field, code: 'recipient' } : p));
  if (problems.length > 0) return { ok: false, problems };
  const recipient = recipients.find((r) => r.id === chosen) as q.NetworkOrganisation;
  const to = recipient.id === table.assessor?.id ? 'assessor' : 'consultant';
  const given = await giveWithGuardian(table.ctx, {
    personId: me(ctx).personId,
    ...(to === 'assessor' ? WMO_CONSENT : PREPARATION_CONSENT),
    organisationId: recipient.id,
    validUntil: endOfDay(parseDay(form.validUntil) as string),
    guardian: table.under16 ? { name: form.guardianName.trim(), confirmed: form.guardianConfirmed } : null,
  });
  if (!given.ok) return given;
  return { ok: true, consent: given.consent, to, organisationName: recipient.name };
}

// ---- registration -----------------------------------------------------------------------------------------------------------

export type RegistrationForm = {
  displayName: string;
  email: string;
  age: string;
  birthYear: string;
  guardianName: string;
  guardianConfirmed: boolean;
  municipality: string;
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkRegistration(form: RegistrationForm, municipalities: q.MunicipalityChoice[], now = new Date()): Problem[] {
  const problems: Problem[] = [];
  const name = form.displayName.trim();
  if (name === '') problems.push({ field: 'displayName', code: 'required' });
  else if (name.length > 100) problems.push({ field: 'displayName', code: 'tooLong' });
  const email = form.email.trim();
  if (!emailPattern.test(email) || email.length > 254) problems.push({ field: 'email', code: 'format' });
  if (!municipalities.some((m) => m.id === form.municipality)) problems.push({ field: 'municipality', code: 'required' });
  if (form.age !== 'adult' && form.age !== 'under16') problems.push({ field: 'age', code: 'required' });
  if (form.age === 'under16') {
    const year = Number(form.birthYear.trim());
    const thisYear = Number(today(now).slice(0, 4));
    if (!/^\d{4}$/.test(form.birthYear.trim())) problems.push({ field: 'birthYear', code: 'format' });
    else if (year < thisYear - 16 || year > thisYear - 6) problems.push({ field: 'birthYear', code: 'range' });
    if (form.guardianName.trim() === '') problems.push({ field: 'guardianName', code: 'required' });
    else if (form.guardianName.trim().length > 200) problems.push({ field: 'guardianName', code: 'tooLong' });
    if (!form.guardianConfirmed) problems.push({ field: 'guardianConfirmed', code: 'required' });
  }
  return problems;
}

/**
 * Registration by email (no password): a new resident account with a caregiver membership in the
 * municipality, then the single-use sign-in link. For an address that already has an account,
 * only the sign-in link goes out (identity decides whether it may); nothing on the existing account
 * changes until its owner signs in. The answer to the visitor is the same either way.
 */
export async function register(
  ctx: ServiceContext,
  outbox: Outbox,
  form: RegistrationForm,
  baseUrl: string,
  locale: Locale,
  access: { ip: string | null; userAgent: string | null },
): Promise<void> {
  const email = form.email.trim().toLowerCase();
  const existing = await findAccountByEmail(ctx.sql, email);
  if (!existing) {
    const account = await createAccount(ctx, { email, displayName: form.displayName.trim(), kind: 'resident', locale });
    const under16 = form.age === 'under16';
    if (under16) await q.setBirthDate(ctx.sql, account.id, `${form.birthYear.trim()}-12-31`);
    const c = await switchTenant(ctx, form.municipality);
    await q.addCaregiverMembership(c.sql, form.municipality, account.id);
    await q.insertRegistration(c.sql, form.municipality, account.id, under16 ? form.guardianName.trim().slice(0, 200) : null);
    await logAccess(c.sql, form.municipality, {
      eventCode: 'caregiver.register',
      action: 'create',
      outcome: 'success',
      personId: account.id,
      userId: account.id,
      role: 'caregiver',
      purpose: OWN_PURPOSE,
      ip: access.ip,
      userAgent: access.userAgent,
      recordPart: 'registration',
    });
  }
  await requestSignInLink({ ...ctx, tenantId: null }, outbox, email, baseUrl, locale);
}

export type JoinForm = { municipality: string; guardianName: string; guardianConfirmed: boolean };

/** A signed-in resident registers as a caregiver in a municipality (also the way in for an existing account). */
export async function join(ctx: ServiceContext, form: JoinForm, municipalities: q.MunicipalityChoice[]): Promise<SimpleResult> {
  const m = me(ctx);
  const problems: Problem[] = [];
  const chosen = municipalities.find((x) => x.id === form.municipality);
  if (!chosen) problems.push({ field: 'municipality', code: 'required' });
  const under16 = await q.personUnder16(ctx.sql, m.personId);
  if (under16) {
    if (form.guardianName.trim() === '') problems.push({ field: 'guardianName', code: 'required' });
    if (!form.guardianConfirmed) problems.push({ field: 'guardianConfirmed', code: 'required' });
  }
  if (problems.length > 0 || !chosen) return { ok: false, problems };
  if (!canRegisterIn(m.principal, chosen.id)) return { ok: true };
  const c = await switchTenant(ctx, chosen.id);
  await q.addCaregiverMembership(c.sql, chosen.id, m.personId);
  await q.insertRegistration(c.sql, chosen.id, m.personId, under16 ? form.guardianName.trim().slice(0, 200) : null);
  await logOwn(c, chosen.id, 'create', 'caregiver.register', 'registration');
  return { ok: true };
}

// ---- for the privacy pages -----------------------------------------------------------------------------------------------------

export type CareExport = {
  registration: q.Registration | null;
  relationships: (q.RelationshipRow & {
    network: Omit<q.NetworkMember, 'relationshipId'>[];
    support: {
      organisationName: string;
      status: string;
      consultantName: string | null;
      openedAt: string;
      closedAt: string | null;
      consultantChangeRequestedAt: string | null;
      goals: { form: string; goal: string; status: string }[];
      actions: { description: string; who: string; whoName: string | null; dueOn: string | null; doneAt: string | null }[];
      sharedNotes: { body: string; createdAt: string }[];
      followUps: { dueOn: string; purpose: string; doneAt: string | null }[];
    }[];
    situationChanges: Omit<q.SituationChangeRow, 'relationshipId' | 'id'>[];
    kitchenTable: (Omit<q.PreparationRow, 'relationshipId' | 'id'> & { agreements: Omit<q.AgreementRow, 'id' | 'preparationId'>[] }) | null;
  })[];
  balanceChecks: Omit<q.BalanceResult, 'id'>[];
};

/**
 * Everything the caregiver's area holds about the person in one municipality, for the download
 * and print view of "Mijn gegevens" (the caller logs the export). Team notes are the
 * organisation's own working notes and are not part of it; shared notes are.
 */
export async function careDataOf(ctx: ServiceContext, tenantId: string, personId: string): Promise<CareExport> {
  const sql = ctx.sql;
  const relationships = await q.relationshipsOf(sql, tenantId, personId, null);
  const ids = relationships.map((r) => r.id);
  const network = await q.networkOf(sql, tenantId, ids);
  const cases = await q.casesOf(sql, tenantId, ids);
  const caseIds = cases.map((k) => k.id);
  const goals = await q.goalsOf(sql, tenantId, caseIds);
  const actions = await q.actionsOf(sql, tenantId, caseIds);
  const notes = (await q.sharedNotesOf(sql, tenantId, caseIds, 1000)).filter(caregiverSeesNote);
  const followUps = await q.followUpsOf(sql, tenantId, caseIds);
  const changes = await q.situationChangesOf(sql, tenantId, ids);
  const preparations = await q.preparationsOf(sql, tenantId, ids);
  const agreements = await q.agreementsOf(
    sql,
    tenantId,
    preparations.map((p) => p.id),
  );
  const balances = await q.balanceResults(sql, tenantId, personId);
  return {
    registration: await q.registrationOf(sql, tenantId, personId),
    relationships: relationships.map((r) => {
      const prep = preparations.find((p) => p.relationshipId === r.id);
      return {
        ...r,
        network: network.filter((n) => n.relationshipId === r.id).map(({ relationshipId: _, ...n }) => n),
        support: cases
          .filter((k) => k.relationshipId === r.id)
          .map((k) => ({
            organisationName: k.organisationName,
            status: k.status,
            consultantName: k.consultantName,
            openedAt: k.openedAt,
            closedAt: k.closedAt,
            consultantChangeRequestedAt: k.consultantChangeRequestedAt,
            goals: goals.filter((g) => g.caseId === k.id).map((g) => ({ form: g.form, goal: g.goal, status: g.status })),
            actions: actions
              .filter((a) => a.caseId === k.id)
              .map((a) => ({ description: a.description, who: a.who, whoName: a.whoName, dueOn: a.dueOn, doneAt: a.doneAt })),
            sharedNotes: notes.filter((n) => n.caseId === k.id).map((n) => ({ body: n.body, createdAt: n.createdAt })),
            followUps: followUps.filter((f) => f.caseId === k.id).map((f) => ({ dueOn: f.dueOn, purpose: f.purpose, doneAt: f.doneAt })),
          })),
        situationChanges: changes.filter((c) => c.relationshipId === r.id).map(({ relationshipId: _, id: __, ...c }) => c),
        kitchenTable: prep
          ? {
              whatIDo: prep.whatIDo,
              canAndWant: prep.canAndWant,
              limits: prep.limits,
              needs: prep.needs,
              supportRequestedAt: prep.supportRequestedAt,
              conversationOn: prep.conversationOn,
              updatedAt: prep.updatedAt,
              agreements: agreements.filter((a) => a.preparationId === prep.id).map(({ id: _, preparationId: __, ...a }) => a),
            }
          : null,
      };
    }),
    balanceChecks: balances.map(({ id: _, ...b }) => b),
  };
}

/** Erasure of all care data of the person in one municipality (the caller logs it). */
export async function eraseCareData(ctx: ServiceContext, tenantId: string, personId: string): Promise<number> {
  return (await q.eraseCareData(ctx.sql, tenantId, personId)).relationships;
}
