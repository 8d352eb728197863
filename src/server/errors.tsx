import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { HttpProblem, type InvalidParam, invalidParamsFromZod, type Problem, problem } from '../platform/http/problem.ts';
import { API_PREFIX } from '../platform/http/openapi.ts';
import { ErrorPage } from '../ui/error-page.tsx';
import { buildPageContext } from '../ui/page-context.ts';
import { renderDocument } from '../ui/render.ts';

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === API_PREFIX || request.url.startsWith(`${API_PREFIX}/`) || request.url.startsWith(`${API_PREFIX}?`);
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, p: Problem): FastifyReply {
  return reply
    .status(p.status)
    .type('application/problem+json')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ ...p, instance: request.url.split('?')[0] }));
}

function sendPage(request: FastifyRequest, reply: FastifyReply, status: 404 | 500 | 400 | 403 | 429 | 413): FastifyReply {
  const ctx = buildPageContext(request, reply);
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderDocument(<ErrorPage ctx={ctx} status={status} />));
}

type SchemaParts = { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType };

/**
 * Fastify stops at the first invalid part of a request; the NL API rules want every invalid
 * field at once, so the other parts are checked again here.
 */
function allInvalidParams(request: FastifyRequest): InvalidParam[] {
  const schema = (request.routeOptions.schema ?? {}) as SchemaParts;
  const parts: [keyof SchemaParts, unknown, string][] = [
    ['params', request.params, 'path'],
    ['querystring', request.query, 'query'],
    ['body', request.body, 'body'],
  ];
  const found: InvalidParam[] = [];
  for (const [key, value, location] of parts) {
    const partSchema = schema[key];
    if (!partSchema || typeof partSchema.safeParse !== 'function') continue;
    const result = partSchema.safeParse(value ?? {});
    if (!result.success) found.push(...invalidParamsFromZod(result.error, location));
  }
  return found;
}

export function registerErrorHandling(app: FastifyInstance): void {
  // NL API Design Rules /core/no-trailing-slash: a path ending in a slash is not a resource.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.length > 1 && path.endsWith('/') && isApiRequest(request)) {
      return sendProblem(request, reply, problem(404, 'There is no resource at this path; paths never end with a slash.'));
    }
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiRequest(request)) {
      return sendProblem(request, reply, problem(404, 'There is no resource at this path.'));
    }
    return sendPage(request, reply, 404);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const invalidParams = allInvalidParams(request);
      const p = problem(400, 'One or more fields are not valid; see invalidParams.', { invalidParams });
      return isApiRequest(request) ? sendProblem(request, reply, p) : sendPage(request, reply, 400);
    }
    if (error instanceof HttpProblem) {
      return isApiRequest(request) ? sendProblem(request, reply, error.problem) : sendPage(request, reply, pageStatus(error.status));
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: error.code, status }, error.message);
    if (isApiRequest(request)) {
      const detail = status >= 500 ? 'Something went wrong on our side; the request id is in the X-Request-Id header.' : error.message;
      return sendProblem(request, reply, problem(status, detail));
    }
    return sendPage(request, reply, pageStatus(status));
  });
}

function pageStatus(status: number): 404 | 500 | 400 | 403 | 429 | 413 {
  if (status === 404 || status === 400 || status === 403 || status === 429 || status === 413) return status;
  if (status === 401) return 403;
  return status >= 500 ? 500 : 400;
}
