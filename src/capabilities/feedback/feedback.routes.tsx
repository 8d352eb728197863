import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import type { FeedbackValues } from './feedback.schemas.ts';
import * as service from './feedback.service.ts';
import { FeedbackPage, FeedbackThanksPage } from './pages/feedback-page.tsx';

const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

/** Reactions on the website: the form is also the route to report an accessibility problem. */
export async function feedbackRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/reactie',
    {
      schema: {
        hide: true,
        querystring: z.object({ onderwerp: z.string().max(40).optional(), pagina: z.string().max(500).optional() }),
      },
    },
    async (request, reply) => {
      const ctx = buildPageContext(request, reply);
      const topic = request.query.onderwerp === 'toegankelijkheid' ? 'accessibility' : '';
      const values: FeedbackValues = { topic, message: '', email: '', page: request.query.pagina ?? '' };
      return reply.type('text/html; charset=utf-8').send(renderDocument(<FeedbackPage ctx={ctx} values={values} errors={[]} />));
    },
  );

  // The body is read leniently: a bad form comes back with what was typed and an error summary.
  app.post('/reactie', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values: FeedbackValues = {
      topic: text(body.topic, 40),
      message: text(body.message, 10_000),
      email: text(body.email, 400).trim(),
      page: text(body.page, 500),
    };
    const ctx = buildPageContext(request, reply);
    const result = await inContext(app.db, { tenantId: null, actor: anonymous }, (c) => service.submitFeedback(c, values, ctx.locale));
    if (!result.ok) {
      return reply
        .status(400)
        .type('text/html; charset=utf-8')
        .send(renderDocument(<FeedbackPage ctx={ctx} values={values} errors={result.errors} />));
    }
    return reply.redirect(result.withEmail ? '/reactie/bedankt?antwoord=ja' : '/reactie/bedankt', 303);
  });

  app.get(
    '/reactie/bedankt',
    { schema: { hide: true, querystring: z.object({ antwoord: z.string().max(10).optional() }) } },
    async (request, reply) => {
      const ctx = buildPageContext(request, reply);
      return reply
        .type('text/html; charset=utf-8')
        .send(renderDocument(<FeedbackThanksPage ctx={ctx} withEmail={request.query.antwoord === 'ja'} />));
    },
  );
}
