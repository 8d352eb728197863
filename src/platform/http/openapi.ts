import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_PREFIX = '/api/v1';
export const API_VERSION = '1.0.0';

type MediaTypes = Record<string, { schema?: unknown }>;
type Response = { description?: string; headers?: Record<string, unknown>; content?: MediaTypes };
export type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Record<string, unknown> }[];
  responses?: Record<string, Response>;
};
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string; description?: string }[];
  [key: string]: unknown;
};

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** Collects the route schemas; the document itself is finished by `openApiDocument`. */
export async function registerOpenApi(app: FastifyInstance, options: { baseUrl: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Naaste API',
        version: API_VERSION,
        description:
          'The open API of Naaste, following the NL API Design Rules. Every answer carries the API-Version header; errors are application/problem+json (RFC 9457) and a 400 lists all invalid fields at once.',
        contact: { name: 'Naaste', email: 'api@naaste.localhost', url: `${options.baseUrl}${API_PREFIX}/docs` },
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
      },
      servers: [{ url: `${options.baseUrl}${API_PREFIX}`, description: 'This Naaste installation' }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: options.baseUrl.startsWith('https://') ? '__Host-naaste-session' : 'naaste-session',
            description: 'The session of a person signed in on the website.',
          },
        },
      },
      tags: [
        { name: 'API', description: 'This API itself: its OpenAPI document.' },
        { name: 'Municipalities', description: 'Dutch municipalities; the active ones run a Naaste network.' },
        { name: 'Organisations', description: 'The organisations that take part in a municipality network.' },
        { name: 'Identity', description: 'The signed-in person (session cookie).' },
        { name: 'Privacy', description: 'The signed-in person’s privacy rights: their consents, and withdrawing one.' },
        {
          name: 'Balance check',
          description:
            'Validated burden instruments (EDIZ, CSI and those organisations load), anonymous scoring, and the signed-in person’s kept results.',
        },
        {
          name: 'Caregivers',
          description: 'The signed-in caregiver’s own care relationships, their care network and the support plan shared with them.',
        },
        {
          name: 'Support',
          description: 'The support consultant’s caseload and support plans, with the same consent check and access log as the pages.',
        },
        {
          name: 'HSDS',
          description: 'A municipality’s social map as HSDS 3.0 (Open Referral): read-only, with HSDS’s own snake_case names (ADR 0018).',
        },
      ],
    },
    // Only the API is documented; pages, assets and health checks never appear in the document.
    transform: (input) => {
      const { schema, url } = jsonSchemaTransform(input);
      return url.startsWith(`${API_PREFIX}/`) ? { schema, url } : { schema: { ...schema, hide: true }, url };
    },
    transformObject: jsonSchemaTransformObject,
  });
}

/**
 * The published document: only the API's own paths, relative to the server URL that carries the
 * major version; the API-Version header on every success answer; problem+json on every error.
 */
export function openApiDocument(app: FastifyInstance): OpenApiDocument {
  const source = structuredClone(app.swagger() as OpenApiDocument);
  const paths: OpenApiDocument['paths'] = {};
  for (const [path, item] of Object.entries(source.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(method)) finishOperation(operation);
    }
    // @fastify/swagger already strips the server URL's path; strip it here if it did not.
    paths[path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path] = item;
  }
  const schemas = pruneUnused(paths, (source.components?.schemas ?? {}) as Record<string, unknown>);
  return {
    ...source,
    paths,
    components: {
      ...source.components,
      schemas,
      headers: {
        'API-Version': {
          description: 'The full version of this API (semantic versioning).',
          schema: { type: 'string', example: API_VERSION },
        },
      },
    },
  };
}

function finishOperation(operation: Operation): void {
  operation.responses ??= {};
  for (const [status, response] of Object.entries(operation.responses)) {
    response.headers = { ...response.headers, 'API-Version': { $ref: '#/components/headers/API-Version' } };
    if (/^[45]/.test(status) && response.content) {
      const json = response.content['application/json'];
      response.content = { 'application/problem+json': json ?? {} };
    }
    if (status === '200' && response.description === 'Default Response') response.description = 'OK';
    if (/^[45]/.test(status) && response.description === 'Default Response') response.description = describeStatus(status);
  }
}

function describeStatus(status: string): string {
  const words: Record<string, string> = {
    '400': 'One or more fields are not valid; `invalidParams` lists all of them.',
    '401': 'Sign in first.',
    '403': 'Not allowed.',
    '404': 'Not found.',
    '429': 'Too many requests; try again later.',
  };
  return words[status] ?? 'Error';
}

/** Drops component schemas nothing refers to (the zod registry also emits unused input variants). */
function pruneUnused(paths: OpenApiDocument['paths'], schemas: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  let pending = [JSON.stringify(paths)];
  while (pending.length > 0) {
    const next: string[] = [];
    for (const text of pending) {
      for (const match of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
        const name = match[1] as string;
        if (name in kept || !(name in schemas)) continue;
        kept[name] = schemas[name];
        next.push(JSON.stringify(schemas[name]));
      }
    }
    pending = next;
  }
  return kept;
}
