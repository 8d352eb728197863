import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inContext } from '../../platform/db/context.ts';
import { personContext } from '../../platform/http/principal.ts';
import { resolveLocale } from '../../platform/i18n/i18n.ts';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import { accessReviewMessages } from './access-review.messages.ts';
import * as service from './access-review.service.ts';
import { AccessReviewPage } from './pages/access-review-pages.tsx';

const params = z.object({ organisationId: z.uuid() });
const query = z.object({ maand: z.string().regex(service.MONTH_PATTERN).optional() });
/** How many months the month picker offers (older months can still be asked for by address). */
const PICKER_MONTHS = 24;

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

/** The monthly access review of an organisation (NEN 7513) for its administrators: a page and a CSV download. */
export async function accessReviewRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  const load = async (request: FastifyRequest, organisationId: string, month: string, action: 'read' | 'export') => {
    const { options } = await personContext(request);
    return inContext(app.db, { ...options, purpose: 'accessReview' }, (c) => service.review(c, organisationId, month, action));
  };

  app.get(
    '/beheer/organisaties/:organisationId/toegangscontrole',
    { config: { access: 'personalData' }, schema: { hide: true, params, querystring: query } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const now = new Date();
      const review = await load(request, request.params.organisationId, request.query.maand ?? service.previousMonth(now), 'read');
      return html(reply, <AccessReviewPage ctx={ctx} review={review} months={service.recentMonths(now, PICKER_MONTHS)} />);
    },
  );

  app.get(
    '/beheer/organisaties/:organisationId/toegangscontrole.csv',
    { config: { access: 'personalData' }, schema: { hide: true, params, querystring: query } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const m = accessReviewMessages[resolveLocale(request, reply)];
      const review = await load(request, request.params.organisationId, request.query.maand ?? service.previousMonth(new Date()), 'export');
      const csv = service.reviewCsv(review, {
        header: [m.csvHeaderKind, m.csvHeaderName, m.csvHeaderEmail, m.csvHeaderCount, m.csvHeaderFirst, m.csvHeaderLast],
        kinds: { manyPersons: m.csvKindMany, outsideOfficeHours: m.csvKindHours, withoutRelationship: m.csvKindConsent },
        unknownUser: m.unknownUser,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${m.csvFileName}-${review.month}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
