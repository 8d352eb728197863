import { type AccessAction, logAccess } from '../../platform/audit/access-log.ts';
import { staffActorFields } from '../../platform/audit/actor.ts';
import type { Principal } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/db/context.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Outbox } from '../../platform/http/decorations.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import type { JobHandler } from '../../platform/jobs/queue.ts';
import { queueEmail } from '../../platform/mail/email-job.ts';
import {
  findPublicServiceTenant,
  PROFILE,
  profileTerms,
  refreshSearchFields,
  SUPPORT_FORM_CODES,
  TARGET_GROUP_CODES,
} from '../directory/directory.service.ts';
import { approvedEmail, rejectedEmail, reportAnswerEmail, reportEmail, staleReminderEmail } from './directory-admin.emails.ts';
import { canEditAny, canEditFor, canReview, editableOrganisations } from './directory-admin.policy.ts';
import * as q from './directory-admin.queries.ts';
import {
  checkDraft,
  type DraftProblem,
  type EntryDraft,
  LANGUAGES,
  NOTE_MAX,
  normaliseDraft,
  type PendingChange,
  REPORT_MAX,
} from './directory-admin.schemas.ts';

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type { EntryRecord, EntryRow, Freshness, FreshnessFilter, FreshnessRow, QueueRow, ReportRow } from './directory-admin.queries.ts';

const TAXONOMIES = { forms: PROFILE.supportForms.taxonomyUri, groups: PROFILE.targetGroups.taxonomyUri };
const PROFILE_URIS = [TAXONOMIES.forms, TAXONOMIES.groups];
const NOT_FOUND = 'There is no entry with this id that you may see.';

function person(ctx: ServiceContext): Principal {
  if (ctx.actor.kind !== 'person') throw new HttpProblem(401, 'Sign in first.');
  return ctx.actor.principal;
}

function tenantOf(ctx: ServiceContext): string {
  if (!ctx.tenantId) throw new HttpProblem(404, 'Not found.');
  return ctx.tenantId;
}

/** Changes to the social map are recorded in the access log, as staff administration is. */
function log(
  ctx: ServiceContext,
  event: { eventCode: string; action: AccessAction; organisationId: string | null; recordPart: string; personId?: string | null },
) {
  return logAccess(ctx.sql, tenantOf(ctx), {
    ...event,
    outcome: 'success',
    ...staffActorFields(ctx),
    purpose: 'directoryAdministration',
  });
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

// ---- the owner's side -------------------------------------------------------------------------

export type OwnListInput = {
  search?: string | undefined;
  reviewStatus?: q.EntryFilter['reviewStatus'];
  freshness?: q.FreshnessFilter | undefined;
  sort: q.EntryFilter['sort'];
  page: number;
  pageSize: number;
};

/** The entries of the organisations this person edits for. */
export async function listOwnEntries(ctx: ServiceContext, input: OwnListInput): Promise<Page<q.EntryRow>> {
  const p = person(ctx);
  if (!canEditAny(p)) throw new HttpProblem(404, 'Not found.');
  const { items, total } = await q.listEntries(ctx.sql, tenantOf(ctx), {
    owners: editableOrganisations(p),
    search: input.search?.trim() || undefined,
    reviewStatus: input.reviewStatus,
    freshness: input.freshness,
    // Freshness is about what the public sees.
    publishedOnly: input.freshness !== undefined,
    sort: input.sort,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** The organisations (id and name) this person may create entries for. */
export async function ownOrganisations(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  const p = person(ctx);
  const ids = editableOrganisations(p);
  if (ids.length === 0) throw new HttpProblem(404, 'Not found.');
  return ids
    .map((id) => ({ id, name: p.memberships.find((m) => m.organisationId === id)?.organisationName ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** An entry of one's own organisation; 404 for anything else (other organisations, other municipalities, guesses). */
export async function getOwnEntry(ctx: ServiceContext, serviceId: string): Promise<q.EntryRecord> {
  const p = person(ctx);
  const entry = isUuid(serviceId) ? await q.findEntry(ctx.sql, serviceId, TAXONOMIES) : null;
  if (!entry || entry.tenantId !== ctx.tenantId || !canEditFor(p, entry.ownerOrganisationId)) throw new HttpProblem(404, NOT_FOUND);
  return entry;
}

export type TermChoice = { code: string; name: string; nameEn: string };

/** The profile's forms of support and target groups, in the order residents see them. */
export async function termChoices(ctx: ServiceContext): Promise<{ supportForms: TermChoice[]; targetGroups: TermChoice[] }> {
  const terms = await profileTerms(ctx.sql);
  const pick = (codes: readonly string[]) =>
    codes.flatMap((code) => {
      const t = terms.get(code);
      return t ? [{ code, name: t.name, nameEn: t.nameEn }] : [];
    });
  return { supportForms: pick(SUPPORT_FORM_CODES), targetGroups: pick(TARGET_GROUP_CODES) };
}

/** Codes offered in the language question: the usual list and whatever the entry already has. */
export function knownLanguages(entry: q.EntryRecord | null): string[] {
  return [...new Set([...LANGUAGES.map((l) => l.code), ...(entry?.storedLanguages.map((l) => l.code) ?? [])])];
}

async function writeDraft(
  ctx: ServiceContext,
  entry: { id: string; organizationId: string; hoursEditable: boolean; storedLanguages: { code: string; name: string | null }[] },
  draft: EntryDraft,
) {
  const codes = [...draft.supportForms, ...draft.targetGroups];
  const termIds = await q.termIdsFor(ctx.sql, PROFILE_URIS, codes);
  if (termIds.length !== codes.length)
    throw new HttpProblem(409, 'The social map taxonomies are not loaded (npm run naaste -- directory:load-reference).');
  const names = new Map(LANGUAGES.map((l) => [l.code, l.nl]));
  for (const l of entry.storedLanguages) if (l.name && !names.has(l.code)) names.set(l.code, l.name);
  await q.applyDraft(ctx.sql, {
    tenantId: tenantOf(ctx),
    serviceId: entry.id,
    organizationId: entry.organizationId,
    draft,
    termIds,
    profileTaxonomyUris: PROFILE_URIS,
    languageNames: names,
    writeHours: entry.hoursEditable,
  });
  await refreshSearchFields(ctx.sql, tenantOf(ctx), [entry.id]);
}

export type SaveResult = { ok: true; id: string; waitsForReview: boolean } | { ok: false; problems: DraftProblem[] };

/** A new entry of one's own organisation; it is public only after the coordinator approves it. */
export async function createEntry(ctx: ServiceContext, ownerOrganisationId: string, raw: EntryDraft): Promise<SaveResult> {
  const p = person(ctx);
  if (!canEditAny(p)) throw new HttpProblem(404, 'Not found.');
  const problems = checkDraft(raw, knownLanguages(null));
  if (!canEditFor(p, ownerOrganisationId)) problems.unshift({ field: 'owner', code: 'empty' });
  if (problems.length > 0) return { ok: false, problems };
  const draft = normaliseDraft(raw);
  const tenantId = tenantOf(ctx);
  const organizationId = await q.directoryOrganisationOf(ctx.sql, tenantId, ownerOrganisationId);
  const id = await q.insertService(ctx.sql, tenantId, organizationId, draft.name);
  await writeDraft(ctx, { id, organizationId, hoursEditable: true, storedLanguages: [] }, draft);
  await log(ctx, {
    eventCode: 'directory.entry.create',
    action: 'create',
    organisationId: ownerOrganisationId,
    recordPart: `directoryService:${id}`,
  });
  return { ok: true, id, waitsForReview: true };
}

/**
 * Saves the owner's edit. A published entry stays as the public sees it: the change waits in
 * pending_change until the coordinator approves it. An entry that is not public (new, sent back,
 * withdrawn) is changed at once and goes (back) to the coordinator.
 */
export async function updateEntry(ctx: ServiceContext, serviceId: string, raw: EntryDraft): Promise<SaveResult> {
  const p = person(ctx);
  const entry = await getOwnEntry(ctx, serviceId);
  const problems = checkDraft(raw, knownLanguages(entry));
  if (problems.length > 0) return { ok: false, problems };
  const draft = normaliseDraft(entry.hoursEditable ? raw : { ...raw, hours: entry.current.hours });
  if (entry.reviewStatus === 'published') {
    const change: PendingChange = { draft, submittedAt: new Date().toISOString(), submittedBy: p.accountId };
    await q.setReview(ctx.sql, entry.id, { pendingChange: change, reviewNote: null });
  } else {
    await writeDraft(ctx, entry, draft);
    await q.setReview(ctx.sql, entry.id, { reviewStatus: 'pending', pendingChange: null, reviewNote: null });
  }
  await log(ctx, {
    eventCode: 'directory.entry.update',
    action: 'update',
    organisationId: entry.ownerOrganisationId,
    recordPart: `directoryService:${entry.id}`,
  });
  return { ok: true, id: entry.id, waitsForReview: true };
}

/** "Still right": the owner checked the entry as the public sees it today. */
export async function confirmEntry(ctx: ServiceContext, serviceId: string): Promise<void> {
  const p = person(ctx);
  const entry = await getOwnEntry(ctx, serviceId);
  if (entry.reviewStatus !== 'published') throw new HttpProblem(409, 'Only a published entry can be confirmed as still right.');
  await q.setReview(ctx.sql, entry.id, { assured: { email: await q.accountEmail(ctx.sql, p.accountId) } });
  await log(ctx, {
    eventCode: 'directory.entry.confirm',
    action: 'update',
    organisationId: entry.ownerOrganisationId,
    recordPart: `directoryService:${entry.id}`,
  });
}

/** Takes an entry off the map (it stays for the owner, who may send it in again). */
export async function withdrawEntry(ctx: ServiceContext, serviceId: string): Promise<void> {
  const entry = await getOwnEntry(ctx, serviceId);
  await q.setReview(ctx.sql, entry.id, { reviewStatus: 'withdrawn', pendingChange: null });
  await refreshSearchFields(ctx.sql, tenantOf(ctx), [entry.id]);
  await log(ctx, {
    eventCode: 'directory.entry.withdraw',
    action: 'update',
    organisationId: entry.ownerOrganisationId,
    recordPart: `directoryService:${entry.id}`,
  });
}

// ---- the coordinator's side ---------------------------------------------------------------------

function coordinator(ctx: ServiceContext): Principal {
  const p = person(ctx);
  if (!canReview(p)) throw new HttpProblem(404, 'Not found.');
  return p;
}

export async function reviewQueue(ctx: ServiceContext, page: { page: number; pageSize: number }): Promise<Page<q.QueueRow>> {
  coordinator(ctx);
  const { items, total } = await q.reviewQueue(ctx.sql, tenantOf(ctx), { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  return { items, total, ...page };
}

export type Review = { entry: q.EntryRecord; kind: 'new' | 'change'; proposed: EntryDraft };

/** An entry waiting for review, with what would be published; 404 when there is nothing to review. */
export async function getReview(ctx: ServiceContext, serviceId: string): Promise<Review> {
  coordinator(ctx);
  const entry = isUuid(serviceId) ? await q.findEntry(ctx.sql, serviceId, TAXONOMIES) : null;
  if (!entry || entry.tenantId !== ctx.tenantId) throw new HttpProblem(404, NOT_FOUND);
  if (entry.reviewStatus === 'pending') return { entry, kind: 'new', proposed: entry.current };
  if (entry.reviewStatus === 'published' && entry.pendingChange && !entry.pendingChange.rejectedAt) {
    return { entry, kind: 'change', proposed: entry.pendingChange.draft };
  }
  throw new HttpProblem(404, 'This entry is not waiting for review.');
}

async function tellOwner(
  ctx: ServiceContext,
  outbox: Outbox,
  ownerOrganisationId: string | null,
  mail: (r: q.Recipient) => { to: string; subject: string; text: string },
) {
  if (!ownerOrganisationId) return;
  for (const r of await q.ownerRecipients(ctx.sql, tenantOf(ctx), ownerOrganisationId)) await outbox(ctx, mail(r));
}

/** Publishes a new entry or applies a waiting change; the entry counts as checked today. */
export async function approve(ctx: ServiceContext, outbox: Outbox, baseUrl: string, serviceId: string): Promise<void> {
  const p = coordinator(ctx);
  const review = await getReview(ctx, serviceId);
  const { entry } = review;
  if (review.kind === 'change') await writeDraft(ctx, entry, review.proposed);
  await q.setReview(ctx.sql, entry.id, {
    reviewStatus: 'published',
    pendingChange: null,
    reviewNote: null,
    reviewedBy: p.accountId,
    assured: { email: await q.accountEmail(ctx.sql, p.accountId) },
  });
  await refreshSearchFields(ctx.sql, tenantOf(ctx), [entry.id]);
  await log(ctx, {
    eventCode: 'directory.review.approve',
    action: 'update',
    organisationId: entry.ownerOrganisationId,
    recordPart: `directoryService:${entry.id}`,
  });
  await tellOwner(ctx, outbox, entry.ownerOrganisationId, (r) =>
    approvedEmail(r.locale, {
      to: r.email,
      name: r.displayName,
      service: review.proposed.name,
      url: `${baseUrl}/sociale-kaart/diensten/${entry.id}`,
    }),
  );
}

/** Sends a new entry or a change back to its owner with a note; the public version (if any) stays. */
export async function reject(
  ctx: ServiceContext,
  outbox: Outbox,
  baseUrl: string,
  serviceId: string,
  note: string,
): Promise<{ ok: true } | { ok: false; problems: DraftProblem[] }> {
  const p = coordinator(ctx);
  const review = await getReview(ctx, serviceId);
  const text = note.trim();
  if (!text) return { ok: false, problems: [{ field: 'note', code: 'empty' }] };
  if (text.length > NOTE_MAX) return { ok: false, problems: [{ field: 'note', code: 'tooLong' }] };
  const { entry } = review;
  if (review.kind === 'new') {
    await q.setReview(ctx.sql, entry.id, { reviewStatus: 'rejected', reviewNote: text, reviewedBy: p.accountId });
  } else {
    const change = entry.pendingChange as PendingChange;
    await q.setReview(ctx.sql, entry.id, {
      pendingChange: { ...change, rejectedAt: new Date().toISOString() },
      reviewNote: text,
      reviewedBy: p.accountId,
    });
  }
  await log(ctx, {
    eventCode: 'directory.review.reject',
    action: 'update',
    organisationId: entry.ownerOrganisationId,
    recordPart: `directoryService:${entry.id}`,
  });
  await tellOwner(ctx, outbox, entry.ownerOrganisationId, (r) =>
    rejectedEmail(r.locale, {
      to: r.email,
      name: r.displayName,
      service: review.proposed.name,
      note: text,
      url: `${baseUrl}/beheer/sociale-kaart/mijn-aanbod/${entry.id}`,
      isNew: review.kind === 'new',
    }),
  );
  return { ok: true };
}

export async function freshnessOverview(ctx: ServiceContext, input: { sort: 'urgent' | 'name'; page: number; pageSize: number }) {
  coordinator(ctx);
  const tenantId = tenantOf(ctx);
  const groups = await q.freshnessByOwner(ctx.sql, tenantId, {
    sort: input.sort,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const totals = await q.freshnessTotals(ctx.sql, tenantId);
  const waiting = (await q.reviewQueue(ctx.sql, tenantId, { limit: 1, offset: 0 })).total;
  return { ...groups, page: input.page, pageSize: input.pageSize, totals, waiting };
}

/** The coordinator's list of published entries, by owner and freshness (the links of the overview). */
export async function coordinatorEntries(
  ctx: ServiceContext,
  input: {
    owner: string | 'geen' | undefined;
    freshness?: q.FreshnessFilter | undefined;
    search?: string | undefined;
    sort: q.EntryFilter['sort'];
    page: number;
    pageSize: number;
  },
): Promise<Page<q.EntryRow> & { ownerName: string | null }> {
  coordinator(ctx);
  const owners = input.owner === 'geen' ? 'none' : input.owner && isUuid(input.owner) ? [input.owner] : 'all';
  const { items, total } = await q.listEntries(ctx.sql, tenantOf(ctx), {
    owners,
    search: input.search?.trim() || undefined,
    freshness: input.freshness,
    publishedOnly: true,
    sort: input.sort,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  const ownerName = Array.isArray(owners) && owners[0] ? await q.organisationName(ctx.sql, owners[0]) : null;
  return { items, total, page: input.page, pageSize: input.pageSize, ownerName };
}

// ---- "Dit klopt niet" -----------------------------------------------------------------------------

export type ReportInput = { message: string; email: string };

/** The public entry a report form is for, with its municipality; null when it is not public. */
export async function reportTarget(ctx: ServiceContext, serviceId: string): Promise<{ tenantId: string; serviceId: string } | null> {
  if (!isUuid(serviceId)) return null;
  const tenantId = await findPublicServiceTenant(ctx.sql, serviceId);
  return tenantId ? { tenantId, serviceId } : null;
}

export function checkReport(input: ReportInput): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const message = input.message.trim();
  if (!message) problems.push({ field: 'message', code: 'empty' });
  else if (message.length > REPORT_MAX) problems.push({ field: 'message', code: 'tooLong' });
  const email = input.email.trim();
  if (email && (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)) problems.push({ field: 'email', code: 'invalid' });
  return problems;
}

/**
 * Stores a report on a public entry (ctx in the entry's municipality) and tells the owner's
 * administrators and editors by email. Anyone may report; a signed-in person is remembered.
 */
export async function submitReport(
  ctx: ServiceContext,
  outbox: Outbox,
  baseUrl: string,
  serviceId: string,
  input: ReportInput & { reportedBy: string | null },
): Promise<{ ok: true } | { ok: false; problems: DraftProblem[] }> {
  const problems = checkReport(input);
  if (problems.length > 0) return { ok: false, problems };
  const tenantId = tenantOf(ctx);
  const entry = await q.findEntry(ctx.sql, serviceId, TAXONOMIES);
  if (entry?.reviewStatus !== 'published') throw new HttpProblem(404, NOT_FOUND);
  const message = input.message.trim();
  await q.insertReport(ctx.sql, {
    tenantId,
    serviceId,
    message,
    email: input.email.trim().toLowerCase() || null,
    reportedBy: input.reportedBy,
  });
  await tellOwner(ctx, outbox, entry.ownerOrganisationId, (r) =>
    reportEmail(r.locale, {
      to: r.email,
      name: r.displayName,
      service: entry.name,
      message,
      url: `${baseUrl}/beheer/sociale-kaart/meldingen`,
    }),
  );
  return { ok: true };
}

/** Reports on the entries of this person's organisations. Reports are free text of the public: every view is logged. */
export async function listOwnReports(
  ctx: ServiceContext,
  input: { open: boolean; page: number; pageSize: number },
): Promise<Page<q.ReportRow>> {
  const p = person(ctx);
  const owners = editableOrganisations(p);
  if (owners.length === 0) throw new HttpProblem(404, 'Not found.');
  const { items, total } = await q.listReports(ctx.sql, tenantOf(ctx), {
    owners,
    open: input.open,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  await log(ctx, {
    eventCode: 'directory.report.list',
    action: 'read',
    organisationId: owners.length === 1 ? (owners[0] ?? null) : null,
    recordPart: 'directoryReports',
  });
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** Handles a report with a note; a reporter who left an address gets the note by email, and the address is then dropped. */
export async function resolveReport(
  ctx: ServiceContext,
  outbox: Outbox,
  reportId: string,
  note: string,
): Promise<{ ok: true } | { ok: false; problems: DraftProblem[] }> {
  const p = person(ctx);
  const report = isUuid(reportId) ? await q.findReport(ctx.sql, reportId) : null;
  if (!report || !canEditFor(p, report.ownerOrganisationId))
    throw new HttpProblem(404, 'There is no report with this id that you may see.');
  if (report.resolvedAt) throw new HttpProblem(409, 'This report has been handled already.');
  const text = note.trim();
  if (!text) return { ok: false, problems: [{ field: `note-${report.id}`, code: 'empty' }] };
  if (text.length > NOTE_MAX) return { ok: false, problems: [{ field: `note-${report.id}`, code: 'tooLong' }] };
  if (report.email) {
    const organisation = (report.ownerOrganisationId && (await q.organisationName(ctx.sql, report.ownerOrganisationId))) || '';
    await outbox(ctx, reportAnswerEmail({ to: report.email, service: report.serviceName, organisation, note: text }));
  }
  await q.resolveReport(ctx.sql, report.id, p.accountId, text);
  await log(ctx, {
    eventCode: 'directory.report.resolve',
    action: 'update',
    organisationId: report.ownerOrganisationId,
    recordPart: `directoryReport:${report.id}`,
  });
  return { ok: true };
}

// ---- freshness reminders (job) ----------------------------------------------------------------

export const STALE_REMINDERS_JOB = 'directory.staleReminders';
/** Entries listed in one reminder; the rest are counted with a link to the full list. */
const LISTED = 25;

export type ReminderSummary = { owners: number; emails: number; entries: number };

/**
 * Reminds owners of entries not checked for 6 months: per owner organisation one email to each of
 * its administrators and editors, listing the entries with links, at most once in 30 days. An
 * owner without anyone to tell is left for the coordinator's overview (and tried again next run).
 */
export async function sendStaleReminders(db: Database, baseUrl: string): Promise<ReminderSummary> {
  const summary: ReminderSummary = { owners: 0, emails: 0, entries: 0 };
  const municipalities = await db.platform((sql) => q.activeMunicipalities(sql));
  for (const m of municipalities) {
    await db.transaction({ tenantId: m.id }, async (sql) => {
      const due = await q.staleEntriesDue(sql, m.id);
      const byOwner = new Map<string, q.StaleEntry[]>();
      for (const e of due) byOwner.set(e.ownerOrganisationId, [...(byOwner.get(e.ownerOrganisationId) ?? []), e]);
      for (const [owner, entries] of byOwner) {
        const recipients = await q.ownerRecipients(sql, m.id, owner);
        if (recipients.length === 0) continue;
        for (const r of recipients) {
          await queueEmail(
            sql,
            staleReminderEmail(r.locale, {
              to: r.email,
              name: r.displayName,
              organisation: entries[0]?.ownerName ?? '',
              entries: entries.slice(0, LISTED).map((e) => ({
                name: e.name,
                checked: e.assuredDate,
                url: `${baseUrl}/beheer/sociale-kaart/mijn-aanbod/${e.id}`,
              })),
              more: Math.max(0, entries.length - LISTED),
              listUrl: `${baseUrl}/beheer/sociale-kaart/mijn-aanbod?actualiteit=verouderd`,
            }),
          );
          summary.emails += 1;
        }
        await q.markReminded(
          sql,
          m.id,
          entries.map((e) => e.id),
        );
        summary.owners += 1;
        summary.entries += entries.length;
      }
    });
  }
  return summary;
}

/** The job handler for STALE_REMINDERS_JOB (run daily as a recurring job). */
export function staleRemindersJobHandler(deps: { db: Database; config: { baseUrl: string } }): JobHandler {
  return async () => {
    await sendStaleReminders(deps.db, deps.config.baseUrl);
  };
}
