import type { FastifyInstance } from 'fastify';
import { API_PREFIX, openApiDocument } from '../../platform/http/openapi.ts';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { ApiDocsPage } from './pages/api-docs-page.tsx';

/** The OpenAPI document (public, open to every origin) and its browsable page. */
export async function apiDocsRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    `${API_PREFIX}/openapi.json`,
    {
      schema: {
        summary: 'The OpenAPI document of this API',
        description: 'This document: OpenAPI 3.0, generated from the route schemas. Public, open to every origin.',
        operationId: 'getOpenApiDocument',
        tags: ['API'],
      },
    },
    async (_request, reply) => {
      return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(openApiDocument(app));
    },
  );

  app.get(`${API_PREFIX}/docs`, { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    return reply.type('text/html; charset=utf-8').send(renderDocument(<ApiDocsPage ctx={ctx} doc={openApiDocument(app)} />));
  });
}
