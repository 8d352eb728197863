import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DevMailbox } from '../../platform/mail/dev-smtp.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { MailboxPage, MessagePage } from './pages/mailbox-pages.tsx';

/** The development mailbox: registered only when the development SMTP server runs (never in production). */
export function devMailboxRoutes(mailbox: DevMailbox) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const noStore = { 'cache-control': 'no-store' };

    app.get('/dev/mailbox', { schema: { hide: true } }, async (request, reply) => {
      const ctx = buildPageContext(request, reply);
      return reply
        .headers(noStore)
        .type('text/html; charset=utf-8')
        .send(renderDocument(<MailboxPage ctx={ctx} messages={mailbox.list()} />));
    });

    // For browser tests: read a sign-in link without clicking through the page.
    app.get('/dev/mailbox.json', { schema: { hide: true } }, async (_request, reply) => reply.headers(noStore).send(mailbox.list()));

    app.get('/dev/mailbox/:id', { schema: { hide: true, params: z.object({ id: z.uuid() }) } }, async (request, reply) => {
      const message = mailbox.get(request.params.id);
      if (!message) throw new HttpProblem(404, 'No such message.');
      const ctx = buildPageContext(request, reply);
      return reply
        .headers(noStore)
        .type('text/html; charset=utf-8')
        .send(renderDocument(<MessagePage ctx={ctx} message={message} />));
    });

    app.post('/dev/mailbox/leegmaken', { schema: { hide: true } }, async (_request, reply) => {
      mailbox.clear();
      return reply.redirect('/dev/mailbox', 303);
    });
  };
}
