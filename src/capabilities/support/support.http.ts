import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { inContext, type ServiceContext } from '../../platform/db/context.ts';
import { personContext } from '../../platform/http/principal.ts';
import { renderDocument } from '../../ui/render.ts';

export function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

/** A form field as typed (or empty), cut to a maximum length. */
export const field = (body: unknown, name: string, max = 5000): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
};

/** Runs service work for the signed-in consultant in the municipality they work in now, for the purpose 'support'. */
export async function asConsultant<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  work: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  const { options } = await personContext(request);
  return inContext(app.db, { ...options, purpose: 'support' }, work);
}
