import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { API_PREFIX } from '../../platform/http/openapi.ts';
import { HttpProblem, problemSchema } from '../../platform/http/problem.ts';
import { findMunicipalityByCode } from '../organisations/organisations.service.ts';
import { registerHsdsPages } from './hsds.pages.routes.tsx';
import * as feed from './hsds.feed.ts';
import {
  HSDS_VERSION,
  hsdsOrganizationPageSchema,
  hsdsOrganizationSchema,
  hsdsRootSchema,
  hsdsServiceAtLocationPageSchema,
  hsdsServicePageSchema,
  hsdsServiceSchema,
  hsdsTaxonomyPageSchema,
  hsdsTaxonomyTermPageSchema,
  municipalityQuerySchema,
  organizationsQuerySchema,
  serviceAtLocationsQuerySchema,
  servicesQuerySchema,
  taxonomiesQuerySchema,
  taxonomyTermsQuerySchema,
} from './hsds.schemas.ts';

export const HSDS_PREFIX = `${API_PREFIX}/hsds`;

const EXCEPTION =
  'Part of the HSDS 3.0 feed (Open Referral Human Services Data Specification): field and path names are HSDS’s own snake_case, the documented exception to the camelCase and kebab-case rules of this API (docs/decisions/0018).';

const publicRead = { tenantId: null, actor: anonymous, readOnly: true } as const;
const errors = { 400: problemSchema, 404: problemSchema };

/** HSDS 3.0 feed, import and export of the social map (X5, C2). */
export async function hsdsRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  /** The municipality whose map is asked for; only a running Naaste network has one. */
  async function feedOf(code: string): Promise<feed.Feed> {
    const municipality = await inContext(app.db, publicRead, (ctx) => findMunicipalityByCode(ctx, code));
    if (!municipality?.active) {
      throw new HttpProblem(404, `There is no social map for ${code}.`, {
        invalidParams: [{ name: 'query.municipality', code: 'unknown', reason: `No Naaste network runs in ${code}.` }],
      });
    }
    return { tenantId: municipality.id, province: municipality.province ?? '' };
  }
  const read = <T,>(f: feed.Feed, work: Parameters<typeof inContext<T>>[2]) =>
    inContext(app.db, { ...publicRead, tenantId: f.tenantId }, work);
  const cacheable = { 'cache-control': 'public, max-age=60' };

  app.get(
    HSDS_PREFIX,
    {
      schema: {
        summary: 'HSDS API root',
        description: `The root of the HSDS API: the HSDS version (3.0), the URL of the Naaste profile of HSDS and of this OpenAPI document. HSDS names this endpoint "/"; here it is the base path itself, without a trailing slash (NL API Design Rules: paths never end in a slash, so ${HSDS_PREFIX}/ answers 404). ${EXCEPTION}`,
        operationId: 'getHsdsRoot',
        tags: ['HSDS'],
        response: { 200: hsdsRootSchema },
      },
    },
    async (_request, reply) => {
      const base = app.config.baseUrl;
      reply.headers(cacheable);
      return {
        version: HSDS_VERSION,
        profile: `${base}${API_PREFIX}/docs#hsds-profile`,
        openapi_url: `${base}${API_PREFIX}/openapi.json`,
        description:
          'The social map (sociale kaart) of a municipality in Naaste, as HSDS 3.0. Every other endpoint needs the query parameter municipality with the CBS code (such as GM0150): each municipality has its own map. Only published, active services are in the feed.',
      };
    },
  );

  app.get(
    `${HSDS_PREFIX}/services`,
    {
      schema: {
        summary: 'List services (HSDS)',
        description: `The published, active services of one municipality's social map, paged the HSDS way. modified_after gives the services changed since the last sync (oldest change first). Each item carries the service's own fields; full=true nests everything as /services/{id} does. ${EXCEPTION}`,
        operationId: 'listHsdsServices',
        tags: ['HSDS'],
        querystring: servicesQuerySchema,
        response: { 200: hsdsServicePageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const f = await feedOf(request.query.municipality);
      reply.headers(cacheable);
      return read(f, (ctx) => feed.listServices(ctx, f, request.query));
    },
  );

  app.get(
    `${HSDS_PREFIX}/services/:id`,
    {
      schema: {
        summary: 'Get one service (HSDS)',
        description: `One published, active service, fully nested: its organization, service_at_locations with location and addresses, phones, schedules, service_areas, languages, cost_options, contacts and attributes with their taxonomy_term. ${EXCEPTION}`,
        operationId: 'getHsdsService',
        tags: ['HSDS'],
        params: z.object({ id: z.uuid().describe('The id of the service.') }),
        querystring: municipalityQuerySchema,
        response: { 200: hsdsServiceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const f = await feedOf(request.query.municipality);
      const service = await read(f, (ctx) => feed.getService(ctx, f, request.params.id));
      if (!service) throw new HttpProblem(404, 'There is no published service with this id in this municipality.');
      reply.headers(cacheable);
      return service;
    },
  );

  app.get(
    `${HSDS_PREFIX}/organizations`,
    {
      schema: {
        summary: 'List organizations (HSDS)',
        description: `The organisations with at least one published, active service in this municipality's social map. ${EXCEPTION}`,
        operationId: 'listHsdsOrganizations',
        tags: ['HSDS'],
        querystring: organizationsQuerySchema,
        response: { 200: hsdsOrganizationPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const f = await feedOf(request.query.municipality);
      reply.headers(cacheable);
      return read(f, (ctx) => feed.listOrganizations(ctx, f, request.query));
    },
  );

  app.get(
    `${HSDS_PREFIX}/organizations/:id`,
    {
      schema: {
        summary: 'Get one organization (HSDS)',
        description: `One organisation of the social map with its phones, contacts and the locations of its public services. ${EXCEPTION}`,
        operationId: 'getHsdsOrganization',
        tags: ['HSDS'],
        params: z.object({ id: z.uuid().describe('The id of the organization.') }),
        querystring: municipalityQuerySchema,
        response: { 200: hsdsOrganizationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const f = await feedOf(request.query.municipality);
      const organization = await read(f, (ctx) => feed.getOrganization(ctx, f, request.params.id));
      if (!organization) throw new HttpProblem(404, 'There is no organization with a published service with this id in this municipality.');
      reply.headers(cacheable);
      return organization;
    },
  );

  app.get(
    `${HSDS_PREFIX}/service_at_locations`,
    {
      schema: {
        summary: 'List services at locations (HSDS)',
        description: `Each published, active service at each of its locations, with the location and its addresses. postcode with proximity (metres) gives the nearest first. ${EXCEPTION}`,
        operationId: 'listHsdsServiceAtLocations',
        tags: ['HSDS'],
        querystring: serviceAtLocationsQuerySchema,
        response: { 200: hsdsServiceAtLocationPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const f = await feedOf(request.query.municipality);
      reply.headers(cacheable);
      return read(f, (ctx) => feed.listServiceAtLocations(ctx, f, request.query));
    },
  );

  app.get(
    `${HSDS_PREFIX}/taxonomies`,
    {
      schema: {
        summary: 'List taxonomies (HSDS)',
        description: `The taxonomies that terms come from: the Naaste profile's forms of support and target groups, and those brought by imports. They are shared by every municipality. ${EXCEPTION}`,
        operationId: 'listHsdsTaxonomies',
        tags: ['HSDS'],
        querystring: taxonomiesQuerySchema,
        response: { 200: hsdsTaxonomyPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const f = await feedOf(request.query.municipality);
      reply.headers(cacheable);
      return read(f, (ctx) => feed.listTaxonomies(ctx, request.query));
    },
  );

  app.get(
    `${HSDS_PREFIX}/taxonomy_terms`,
    {
      schema: {
        summary: 'List taxonomy terms (HSDS)',
        description: `Taxonomy terms with their taxonomy; filter on taxonomy_id, parent_id or top_only. ${EXCEPTION}`,
        operationId: 'listHsdsTaxonomyTerms',
        tags: ['HSDS'],
        querystring: taxonomyTermsQuerySchema,
        response: { 200: hsdsTaxonomyTermPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const f = await feedOf(request.query.municipality);
      reply.headers(cacheable);
      return read(f, (ctx) => feed.listTaxonomyTerms(ctx, request.query));
    },
  );

  await registerHsdsPages(app);
}
