import type { FastifyInstance } from 'fastify';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { AccessibilityPage, PrivacyPage } from './pages/about-pages.tsx';

/** The pages every public-sector website needs: accessibility and privacy. */
export async function aboutRoutes(app: FastifyInstance): Promise<void> {
  app.get('/toegankelijkheid', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    return reply.type('text/html; charset=utf-8').send(renderDocument(<AccessibilityPage ctx={ctx} />));
  });
  app.get('/privacy', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    return reply.type('text/html; charset=utf-8').send(renderDocument(<PrivacyPage ctx={ctx} />));
  });
}
