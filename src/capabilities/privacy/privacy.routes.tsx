import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Session } from '../../platform/auth/sessions.ts';
import { type Actor, inContext, type ServiceContext } from '../../platform/db/context.ts';
import { clearSessionCookie, requireSession } from '../../platform/http/auth.ts';
import { API_PREFIX } from '../../platform/http/openapi.ts';
import { personActor, principalOf } from '../../platform/http/principal.ts';
import { HttpProblem, problemSchema } from '../../platform/http/problem.ts';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import { ErasePage, OverviewPage, type OverviewNotice, PrintPage, PrivacyMessagePage } from './pages/privacy-pages.tsx';
import { privacyMessages } from './privacy.messages.ts';
import { consentListSchema, consentResourceSchema, toConsentResource } from './privacy.schemas.ts';
import * as service from './privacy.service.ts';

const OVERVIEW = '/mijn-gegevens';
const idParams = z.object({ id: z.uuid() });
const overviewQuery = z.object({
  page: z.coerce.number().int().min(1).max(service.MAX_LOG_PAGE).optional(),
  ingetrokken: z.uuid().optional(),
  opnieuw: z.uuid().optional(),
  'niet-opnieuw': z.literal('ja').optional(),
});

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

/** The signed-in person acts for themselves; no municipality yet (the service visits each of theirs). */
async function asPerson(request: FastifyRequest): Promise<Actor> {
  return personActor(request, await principalOf(request));
}

export async function privacyRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const run = async <T,>(request: FastifyRequest, work: (ctx: ServiceContext) => Promise<T>): Promise<T> =>
    inContext(app.db, { tenantId: null, actor: await asPerson(request), purpose: 'privacyRights' }, work);

  /** Answers with a 404 page (the consent is not this person's, or does not exist). */
  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = buildPageContext(request, reply);
    const m = privacyMessages[ctx.locale];
    return html(
      reply,
      <PrivacyMessagePage ctx={ctx} title={m.notFoundTitle} lines={[m.notFoundLead]} link={{ href: OVERVIEW, label: m.backToOverview }} />,
      404,
    );
  };

  app.get(OVERVIEW, { config: { access: 'signedIn' }, schema: { hide: true, querystring: overviewQuery } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const ctx = buildPageContext(request, reply);
    const overview = await run(request, (c) => service.overview(c, request.query.page ?? 1));
    const all = overview.municipalities.flatMap((mun) => mun.consents);
    let notice: OverviewNotice | undefined;
    const withdrawn = all.find((c) => c.id === request.query.ingetrokken);
    const regiven = all.find((c) => c.id === request.query.opnieuw);
    if (withdrawn?.withdrawnAt) notice = { kind: 'withdrawn', consent: withdrawn, canUndo: service.canRegive(withdrawn) };
    else if (regiven) notice = { kind: 'regiven', consent: regiven };
    else if (request.query['niet-opnieuw']) notice = { kind: 'regiveNotPossible' };
    return html(reply, <OverviewPage ctx={ctx} overview={overview} notice={notice} />);
  });

  app.post(
    '/mijn-gegevens/toestemmingen/:id/intrekken',
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const result = await run(request, (c) => service.withdraw(c, request.params.id));
      if (!result) return notFound(request, reply);
      return reply.redirect(`${OVERVIEW}?ingetrokken=${result.consent.id}`, 303);
    },
  );

  app.post(
    '/mijn-gegevens/toestemmingen/:id/opnieuw',
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const result = await run(request, (c) => service.regive(c, request.params.id));
      if (!result.ok && result.reason === 'notFound') return notFound(request, reply);
      return reply.redirect(result.ok ? `${OVERVIEW}?opnieuw=${result.consent.id}` : `${OVERVIEW}?niet-opnieuw=ja`, 303);
    },
  );

  app.get('/mijn-gegevens/download.json', { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const data = await run(request, (c) => service.exportData(c, 'export'));
    const day = data.exportedAt.slice(0, 10);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="naaste-mijn-gegevens-${day}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/mijn-gegevens/afdrukken', { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const ctx = buildPageContext(request, reply);
    const data = await run(request, (c) => service.exportData(c, 'print'));
    return html(reply, <PrintPage ctx={ctx} data={data} />);
  });

  app.get('/mijn-gegevens/verwijderen', { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    const session = pageSession(request, reply);
    if (!session) return reply;
    const ctx = buildPageContext(request, reply);
    return html(reply, <ErasePage ctx={ctx} errors={[]} staff={session.account.kind !== 'resident'} />);
  });

  app.post('/mijn-gegevens/verwijderen', { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    const session: Session | null = pageSession(request, reply);
    if (!session) return reply;
    const ctx = buildPageContext(request, reply);
    const m = privacyMessages[ctx.locale];
    if (session.account.kind !== 'resident') return html(reply, <ErasePage ctx={ctx} errors={[]} staff />, 403);
    const confirmed = (request.body as Record<string, unknown> | undefined)?.bevestig === 'ja';
    if (!confirmed) {
      return html(reply, <ErasePage ctx={ctx} errors={[{ field: 'bevestig', message: m.eraseConfirmError }]} staff={false} />, 400);
    }
    await run(request, (c) => service.erase(c));
    clearSessionCookie(reply, app.sessionCookie);
    // The final page is shown in this answer: after it, there is no session to show any other.
    const done = { ...ctx, signedIn: null };
    return html(
      reply,
      <PrivacyMessagePage
        ctx={done}
        title={m.erasedTitle}
        lines={[m.erasedLead, m.erasedKeep]}
        link={{ href: '/', label: m.erasedHome }}
      />,
    );
  });

  // ---- API --------------------------------------------------------------------------------------
  const errors = { 401: problemSchema, 403: problemSchema } as const;

  app.get(
    `${API_PREFIX}/me/consents`,
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'List my consents',
        description:
          'Every consent of the signed-in person, over all municipalities: which organisation may see which data, for which purpose, since and until when, and how it was given. Active consents first. 401 without a session.',
        operationId: 'listMyConsents',
        tags: ['Privacy'],
        security: [{ session: [] }],
        response: { 200: consentListSchema, ...errors },
      },
    },
    async (request, reply) => {
      requireSession(request);
      const consents = await run(request, (c) => service.myConsents(c));
      reply.header('cache-control', 'no-store');
      return { items: consents.map(toConsentResource) };
    },
  );

  app.post(
    `${API_PREFIX}/me/consents/:id/withdrawal`,
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Withdraw one of my consents',
        description:
          'Withdraws a consent of the signed-in person in one step; it takes effect from the next request on. Withdrawing twice changes nothing. Called with the session cookie, so it needs the CSRF token of a Naaste page in the X-CSRF-Token header (403 without it). 404 when the consent is not the person’s own.',
        operationId: 'withdrawMyConsent',
        tags: ['Privacy'],
        security: [{ session: [] }],
        params: z.object({ id: z.uuid().describe('The id of the consent.') }),
        response: { 200: consentResourceSchema, ...errors, 404: problemSchema },
      },
    },
    async (request, reply) => {
      requireSession(request);
      const result = await run(request, (c) => service.withdraw(c, request.params.id));
      if (!result) throw new HttpProblem(404, 'You have no consent with this id.');
      reply.header('cache-control', 'no-store');
      return toConsentResource({ ...result.consent, ...result.municipality });
    },
  );
}
