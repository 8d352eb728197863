import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_PREFIX = '/api/v1';
export const API_VERSION = '1.0.0';

type OpenApiDocument = {
  openapi: string;
  servers?: { url: string; description?: string }[];
  paths?: Record<string, Record<string, { responses?: Record<string, Record<string, unknown>> }>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

/** Collects the route schemas; the document itself is finished by `openApiDocument`. */
export async function registerOpenApi(app: FastifyInstance, options: { baseUrl: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Naaste API',
        version: API_VERSION,
        description: 'The open API of Naaste, following the NL API Design Rules. Errors are application/problem+json (RFC 9457).',
        contact: { name: 'Naaste', email: 'api@naaste.localhost', url: `${options.baseUrl}/api/v1/docs` },
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
      },
      servers: [{ url: `${options.baseUrl}${API_PREFIX}` }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}

/** The published document: only the API's own paths, relative to the server URL that carries the version. */
export function openApiDocument(app: FastifyInstance): OpenApiDocument {
  const doc = structuredClone(app.swagger() as OpenApiDocument);
  const paths: NonNullable<OpenApiDocument['paths']> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith(`${API_PREFIX}/`)) continue;
    paths[path.slice(API_PREFIX.length)] = item;
  }
  doc.paths = paths;
  return doc;
}
