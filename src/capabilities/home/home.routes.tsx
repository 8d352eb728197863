import type { FastifyInstance } from 'fastify';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { HomePage } from './pages/home-page.tsx';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    return reply.type('text/html; charset=utf-8').send(renderDocument(<HomePage ctx={ctx} />));
  });
}
