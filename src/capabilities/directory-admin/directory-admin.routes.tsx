import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { personContext } from '../../platform/http/principal.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { format, type Locale } from '../../platform/i18n/i18n.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { getServiceDetail } from '../directory/directory.service.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import { adminMessages } from './directory-admin.messages.ts';
import { type DraftProblem, draftFromBody, type EntryDraft, emptyDraft, REVIEW_STATUSES } from './directory-admin.schemas.ts';
import * as service from './directory-admin.service.ts';
import {
  COORDINATOR_LIST,
  CoordinatorListPage,
  EditEntryPage,
  FRESHNESS_PARAM,
  type FormOptions,
  FreshnessPage,
  languageOptions,
  NewEntryPage,
  OVERVIEW,
  OWN,
  OwnListPage,
  QUEUE,
  QueuePage,
  REPORTS,
  ReportFormPage,
  ReportsPage,
  ReportThanksPage,
  ReviewPage,
  WithdrawPage,
} from './pages/directory-admin-pages.tsx';

const PAGE_SIZE = 25;
const page = z.coerce.number().int().min(1).max(4000).default(1);
const serviceParams = z.object({ serviceId: z.uuid() });
const reportParams = z.object({ reportId: z.uuid() });
const freshnessParam = z.enum(Object.keys(FRESHNESS_PARAM) as [string, ...string[]]).optional();

function html(reply: FastifyReply, body: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(body));
}

const field = (body: unknown, name: string, max: number): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

const DAY_KEYS = { MO: 'dayMO', TU: 'dayTU', WE: 'dayWE', TH: 'dayTH', FR: 'dayFR', SA: 'daySA', SU: 'daySU' } as const;

/** Problems in words, in the order of the form, linked to their fields. */
export function problemMessages(locale: Locale, problems: DraftProblem[]): FieldError[] {
  const m = adminMessages[locale];
  const words: Record<string, string> = {
    'owner.empty': m.errOwner,
    'name.empty': m.errName,
    'name.tooLong': m.errNameLong,
    'description.empty': m.errDescription,
    'description.tooLong': m.errDescriptionLong,
    'supportForms.empty': m.errSupportForms,
    'isFree.empty': m.errIsFree,
    'phone.invalid': m.errPhone,
    'phone.noContact': m.errNoContact,
    'email.invalid': m.errEmail,
    'url.invalid': m.errUrl,
    'address1.empty': m.errAddress1,
    'postalCode.invalid': m.errPostalCode,
    'city.empty': m.errCity,
    'note.empty': m.errNote,
    'note.tooLong': m.errNoteLong,
    'message.empty': m.errMessage,
    'message.tooLong': m.errMessageLong,
  };
  return problems.map((p) => {
    const day = /^(opens|closes)-(\w\w)$/.exec(p.field)?.[2] as keyof typeof DAY_KEYS | undefined;
    if (day && DAY_KEYS[day]) {
      return { field: p.field, message: format(p.code === 'beforeOpens' ? m.errBeforeOpens : m.errTime, { day: m[DAY_KEYS[day]] }) };
    }
    if (p.field.startsWith('note-')) return { field: p.field, message: p.code === 'tooLong' ? m.errNoteLong : m.errNote };
    if (p.field === 'email' && p.code === 'invalid' && problems.some((x) => x.field === 'message')) {
      return { field: p.field, message: m.errReportEmail };
    }
    const message = words[`${p.field}.${p.code}`] ?? (p.code === 'unknown' ? m.errUnknownChoice : m.errTooLong);
    return { field: p.field, message };
  });
}

/** Keeping the social map current (C2): editing by owners, review, freshness, reports. */
export async function directoryAdminRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  /**
   * The signed-in professional's context, or null after sending them to sign in, to the second
   * factor, or to choose the municipality they work in.
   */
  async function staff(request: FastifyRequest, reply: FastifyReply) {
    if (!pageSession(request, reply)) return null;
    const context = await personContext(request);
    if (!context.principal.tenantId && new Set(context.principal.memberships.map((m) => m.tenantId)).size > 1) {
      void reply.redirect(`/kies-gemeente?terug=${encodeURIComponent(request.url)}`, 303);
      return null;
    }
    return context;
  }

  async function formOptions(
    options: Awaited<ReturnType<typeof personContext>>['options'],
    locale: Locale,
    entry: service.EntryRecord | null,
  ) {
    const choices = await inContext(app.db, { ...options, readOnly: true }, (c) => service.termChoices(c));
    const label = (t: service.TermChoice) => ({ value: t.code, label: locale === 'en' ? t.nameEn : t.name });
    return {
      supportForms: choices.supportForms.map(label),
      targetGroups: choices.targetGroups.map(label),
      languages: languageOptions(locale, entry?.storedLanguages ?? []),
    } satisfies FormOptions;
  }

  // ---- the owner's entries ------------------------------------------------------------------------

  app.get(
    OWN,
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        querystring: z.object({
          q: z.string().max(100).optional(),
          status: z.enum(REVIEW_STATUSES).or(z.literal('')).optional(),
          actualiteit: freshnessParam.or(z.literal('')),
          sort: z.enum(['name', 'checked', 'status']).default('status'),
          page,
          klaar: z.enum(['nieuw', 'ingetrokken']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      const ctx = buildPageContext(request, reply);
      const m = adminMessages[ctx.locale];
      const query = request.query;
      const result = await inContext(app.db, { ...context.options, readOnly: true }, (c) =>
        service.listOwnEntries(c, {
          search: query.q,
          reviewStatus: query.status || undefined,
          freshness: query.actualiteit ? FRESHNESS_PARAM[query.actualiteit] : undefined,
          sort: query.sort,
          page: query.page,
          pageSize: PAGE_SIZE,
        }),
      );
      const notice = query.klaar === 'nieuw' ? m.createdNotice : query.klaar === 'ingetrokken' ? m.withdrawnNotice : undefined;
      return html(
        reply,
        <OwnListPage
          ctx={ctx}
          result={result}
          filters={{ q: query.q ?? '', status: query.status ?? '', freshness: query.actualiteit ?? '', sort: query.sort }}
          notice={notice}
        />,
      );
    },
  );

  const newEntry = async (request: FastifyRequest, reply: FastifyReply, draft: EntryDraft, owner: string, errors: FieldError[]) => {
    const context = await staff(request, reply);
    if (!context) return reply;
    const ctx = buildPageContext(request, reply);
    const owners = await inContext(app.db, { ...context.options, readOnly: true }, (c) => service.ownOrganisations(c));
    const options = await formOptions(context.options, ctx.locale, null);
    return html(
      reply,
      <NewEntryPage ctx={ctx} draft={draft} owner={owner} owners={owners} options={options} errors={errors} />,
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get(`${OWN}/nieuw`, { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) =>
    newEntry(request, reply, emptyDraft(), '', []),
  );

  app.post(`${OWN}/nieuw`, { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    const context = await staff(request, reply);
    if (!context) return reply;
    const draft = draftFromBody(request.body);
    const owner = field(request.body, 'owner', 40);
    const result = await inContext(app.db, context.options, (c) => service.createEntry(c, owner, draft));
    if (!result.ok)
      return newEntry(request, reply, draft, owner, problemMessages(buildPageContext(request, reply).locale, result.problems));
    return reply.redirect(`${OWN}?klaar=nieuw`, 303);
  });

  const editEntry = async (
    request: FastifyRequest & { params: { serviceId: string } },
    reply: FastifyReply,
    form: { draft?: EntryDraft; errors: FieldError[]; notice?: string | undefined },
  ) => {
    const context = await staff(request, reply);
    if (!context) return reply;
    const ctx = buildPageContext(request, reply);
    const entry = await inContext(app.db, { ...context.options, readOnly: true }, (c) => service.getOwnEntry(c, request.params.serviceId));
    const options = await formOptions(context.options, ctx.locale, entry);
    // A waiting (or sent back) change is what the owner works on; otherwise what is stored.
    const draft = form.draft ?? entry.pendingChange?.draft ?? entry.current;
    return html(
      reply,
      <EditEntryPage ctx={ctx} entry={entry} draft={draft} options={options} errors={form.errors} notice={form.notice} />,
      form.errors.length > 0 ? 400 : 200,
    );
  };

  app.get(
    `${OWN}/:serviceId`,
    {
      config: { access: 'signedIn' },
      schema: { hide: true, params: serviceParams, querystring: z.object({ klaar: z.enum(['opgeslagen', 'nagekeken']).optional() }) },
    },
    async (request, reply) => {
      const m = adminMessages[buildPageContext(request, reply).locale];
      const notice =
        request.query.klaar === 'opgeslagen' ? m.savedNotice : request.query.klaar === 'nagekeken' ? m.confirmedNotice : undefined;
      return editEntry(request, reply, { errors: [], notice });
    },
  );

  app.post(
    `${OWN}/:serviceId`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      const draft = draftFromBody(request.body);
      const result = await inContext(app.db, context.options, (c) => service.updateEntry(c, request.params.serviceId, draft));
      if (!result.ok)
        return editEntry(request, reply, { draft, errors: problemMessages(buildPageContext(request, reply).locale, result.problems) });
      return reply.redirect(`${OWN}/${request.params.serviceId}?klaar=opgeslagen`, 303);
    },
  );

  app.post(
    `${OWN}/:serviceId/nog-steeds-juist`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      await inContext(app.db, context.options, (c) => service.confirmEntry(c, request.params.serviceId));
      return reply.redirect(`${OWN}/${request.params.serviceId}?klaar=nagekeken`, 303);
    },
  );

  app.get(
    `${OWN}/:serviceId/intrekken`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      const ctx = buildPageContext(request, reply);
      const entry = await inContext(app.db, { ...context.options, readOnly: true }, (c) =>
        service.getOwnEntry(c, request.params.serviceId),
      );
      return html(reply, <WithdrawPage ctx={ctx} entry={entry} />);
    },
  );

  app.post(
    `${OWN}/:serviceId/intrekken`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      await inContext(app.db, context.options, (c) => service.withdrawEntry(c, request.params.serviceId));
      return reply.redirect(`${OWN}?klaar=ingetrokken`, 303);
    },
  );

  // ---- reports for the owner (free text of the public: personal data, logged) -----------------------

  const reportsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { open: boolean; page: number; errors: FieldError[]; notes: Record<string, string>; notice?: string | undefined },
  ) => {
    const context = await staff(request, reply);
    if (!context) return reply;
    const ctx = buildPageContext(request, reply);
    const result = await inContext(app.db, context.options, (c) =>
      service.listOwnReports(c, { open: form.open, page: form.page, pageSize: PAGE_SIZE }),
    );
    return html(
      reply,
      <ReportsPage ctx={ctx} open={form.open} result={result} errors={form.errors} notes={form.notes} notice={form.notice} />,
      form.errors.length > 0 ? 400 : 200,
    );
  };

  app.get(
    REPORTS,
    {
      config: { access: 'personalData' },
      schema: { hide: true, querystring: z.object({ afgehandeld: z.literal('ja').optional(), page, klaar: z.literal('ja').optional() }) },
    },
    async (request, reply) => {
      const m = adminMessages[buildPageContext(request, reply).locale];
      return reportsPage(request, reply, {
        open: request.query.afgehandeld !== 'ja',
        page: request.query.page,
        errors: [],
        notes: {},
        notice: request.query.klaar ? m.resolvedNotice : undefined,
      });
    },
  );

  app.post(
    `${REPORTS}/:reportId/afhandelen`,
    { config: { access: 'personalData' }, schema: { hide: true, params: reportParams } },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      const { reportId } = request.params;
      const note = field(request.body, `note-${reportId}`, 1200);
      const result = await inContext(app.db, context.options, (c) => service.resolveReport(c, app.outbox, reportId, note));
      if (!result.ok) {
        const locale = buildPageContext(request, reply).locale;
        return reportsPage(request, reply, {
          open: true,
          page: 1,
          errors: problemMessages(locale, result.problems),
          notes: { [reportId]: note },
        });
      }
      return reply.redirect(`${REPORTS}?klaar=ja`, 303);
    },
  );

  // ---- review by the network coordinator ------------------------------------------------------------

  app.get(
    QUEUE,
    {
      config: { access: 'signedIn' },
      schema: { hide: true, querystring: z.object({ page, klaar: z.enum(['goedgekeurd', 'teruggestuurd']).optional() }) },
    },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      const ctx = buildPageContext(request, reply);
      const m = adminMessages[ctx.locale];
      const result = await inContext(app.db, { ...context.options, readOnly: true }, (c) =>
        service.reviewQueue(c, { page: request.query.page, pageSize: PAGE_SIZE }),
      );
      const done = request.query.klaar;
      const notice = done === 'goedgekeurd' ? m.approvedNotice : done === 'teruggestuurd' ? m.rejectedNotice : undefined;
      return html(reply, <QueuePage ctx={ctx} result={result} notice={notice} />);
    },
  );

  const reviewPage = async (
    request: FastifyRequest & { params: { serviceId: string } },
    reply: FastifyReply,
    note: string,
    errors: FieldError[],
  ) => {
    const context = await staff(request, reply);
    if (!context) return reply;
    const ctx = buildPageContext(request, reply);
    const review = await inContext(app.db, { ...context.options, readOnly: true }, (c) => service.getReview(c, request.params.serviceId));
    const options = await formOptions(context.options, ctx.locale, review.entry);
    return html(
      reply,
      <ReviewPage
        ctx={ctx}
        entry={review.entry}
        kind={review.kind}
        proposed={review.proposed}
        options={options}
        note={note}
        errors={errors}
      />,
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get(
    `${QUEUE}/:serviceId`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: serviceParams } },
    async (request, reply) => reviewPage(request, reply, '', []),
  );

  app.post(
    `${QUEUE}/:serviceId/goedkeuren`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      await inContext(app.db, context.options, (c) => service.approve(c, app.outbox, app.config.baseUrl, request.params.serviceId));
      return reply.redirect(`${QUEUE}?klaar=goedgekeurd`, 303);
    },
  );

  app.post(
    `${QUEUE}/:serviceId/terugsturen`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      const note = field(request.body, 'note', 1200);
      const result = await inContext(app.db, context.options, (c) =>
        service.reject(c, app.outbox, app.config.baseUrl, request.params.serviceId, note),
      );
      if (!result.ok) return reviewPage(request, reply, note, problemMessages(buildPageContext(request, reply).locale, result.problems));
      return reply.redirect(`${QUEUE}?klaar=teruggestuurd`, 303);
    },
  );

  // ---- freshness ------------------------------------------------------------------------------------

  app.get(
    OVERVIEW,
    {
      config: { access: 'signedIn' },
      schema: { hide: true, querystring: z.object({ sort: z.enum(['urgent', 'name']).default('urgent'), page }) },
    },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      const ctx = buildPageContext(request, reply);
      const r = await inContext(app.db, { ...context.options, readOnly: true }, (c) =>
        service.freshnessOverview(c, { sort: request.query.sort, page: request.query.page, pageSize: PAGE_SIZE }),
      );
      return html(reply, <FreshnessPage ctx={ctx} result={r} totals={r.totals} waiting={r.waiting} sort={request.query.sort} />);
    },
  );

  app.get(
    COORDINATOR_LIST,
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        querystring: z.object({
          eigenaar: z.uuid().or(z.literal('geen')).or(z.literal('')).optional(),
          actualiteit: freshnessParam.or(z.literal('')),
          q: z.string().max(100).optional(),
          sort: z.enum(['checked', 'name']).default('checked'),
          page,
        }),
      },
    },
    async (request, reply) => {
      const context = await staff(request, reply);
      if (!context) return reply;
      const ctx = buildPageContext(request, reply);
      const query = request.query;
      const result = await inContext(app.db, { ...context.options, readOnly: true }, (c) =>
        service.coordinatorEntries(c, {
          owner: query.eigenaar || undefined,
          freshness: query.actualiteit ? FRESHNESS_PARAM[query.actualiteit] : undefined,
          search: query.q,
          sort: query.sort,
          page: query.page,
          pageSize: PAGE_SIZE,
        }),
      );
      return html(
        reply,
        <CoordinatorListPage
          ctx={ctx}
          result={result}
          ownerName={result.ownerName}
          filters={{ owner: query.eigenaar ?? '', freshness: query.actualiteit ?? '', q: query.q ?? '', sort: query.sort }}
        />,
      );
    },
  );

  // ---- "Dit klopt niet": the public report form -----------------------------------------------------

  const publicRead = { tenantId: null, actor: anonymous, readOnly: true } as const;
  /** The public entry and its municipality; 404 for anything not on the map. */
  const reportTarget = async (serviceId: string) => {
    const target = await inContext(app.db, publicRead, (c) => service.reportTarget(c, serviceId));
    const detail = target && (await inContext(app.db, { ...publicRead, tenantId: target.tenantId }, (c) => getServiceDetail(c, serviceId)));
    if (!target || !detail) throw new HttpProblem(404, 'This entry is not on the social map.');
    return { ...target, name: detail.name };
  };

  const reportForm = async (
    request: FastifyRequest & { params: { serviceId: string } },
    reply: FastifyReply,
    values: { message: string; email: string },
    errors: FieldError[],
  ) => {
    const target = await reportTarget(request.params.serviceId);
    const ctx = buildPageContext(request, reply);
    return html(
      reply,
      <ReportFormPage ctx={ctx} serviceId={target.serviceId} serviceName={target.name} values={values} errors={errors} />,
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get('/sociale-kaart/diensten/:serviceId/melden', { schema: { hide: true, params: serviceParams } }, async (request, reply) =>
    reportForm(request, reply, { message: '', email: '' }, []),
  );

  app.post(
    '/sociale-kaart/diensten/:serviceId/melden',
    {
      // Anyone may report, so writes are limited per address on top of the platform's limit.
      config: { rateLimit: { max: Math.min(10, app.config.rateLimitPerMinute), timeWindow: '1 minute' } },
      schema: { hide: true, params: serviceParams },
    },
    async (request, reply) => {
      const values = { message: field(request.body, 'message', 2500), email: field(request.body, 'email', 300).trim() };
      const target = await reportTarget(request.params.serviceId);
      const result = await inContext(app.db, { tenantId: target.tenantId, actor: anonymous }, (c) =>
        service.submitReport(c, app.outbox, app.config.baseUrl, target.serviceId, {
          ...values,
          reportedBy: request.session?.account.id ?? null,
        }),
      );
      if (!result.ok) return reportForm(request, reply, values, problemMessages(buildPageContext(request, reply).locale, result.problems));
      return reply.redirect(`/sociale-kaart/diensten/${target.serviceId}/melden/bedankt`, 303);
    },
  );

  app.get(
    '/sociale-kaart/diensten/:serviceId/melden/bedankt',
    { schema: { hide: true, params: serviceParams } },
    async (request, reply) => {
      const ctx = buildPageContext(request, reply);
      return html(reply, <ReportThanksPage ctx={ctx} serviceId={request.params.serviceId} />);
    },
  );
}
