import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { HttpProblem, problemSchema } from '../../platform/http/problem.ts';
import { API_PREFIX } from '../../platform/http/openapi.ts';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { MunicipalitiesPage } from './pages/municipalities-page.tsx';
import { MunicipalityPage } from './pages/municipality-page.tsx';
import {
  municipalityCodeSchema,
  municipalityResourceSchema,
  organisationKindSchema,
  organisationResourceSchema,
  type Municipality,
  type Organisation,
  pageQuerySchema,
  slugSchema,
  themeSchema,
} from './organisations.schemas.ts';
import * as service from './organisations.service.ts';

const publicRead = { tenantId: null, actor: anonymous, readOnly: true } as const;

const paginated = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int().describe('Number of items over all pages.'),
    })
    .meta({ id });

function toMunicipalityResource(m: Municipality, baseUrl: string) {
  return { code: m.code, name: m.name, province: m.province, active: m.active, webUrl: `${baseUrl}/gemeenten/${m.slug}` };
}

function toOrganisationResource(o: Organisation) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    isFindingPlace: o.isFindingPlace,
    description: o.description,
    contact: { email: o.email, phone: o.phone, website: o.website, street: o.street, postcode: o.postcode, city: o.city },
  };
}

/** Builds the theme stylesheet from validated colours only, so a theme can never carry other CSS. */
export function themeCss(theme: unknown): string {
  const parsed = themeSchema.safeParse(theme);
  const t = parsed.success ? parsed.data : {};
  const lines = [
    t.primaryColor ? `  --naaste-primary: ${t.primaryColor};` : '',
    t.primaryTextColor ? `  --naaste-primary-text: ${t.primaryTextColor};` : '',
    t.accentColor ? `  --naaste-accent: ${t.accentColor};` : '',
  ].filter(Boolean);
  return `.naaste-theme {\n${lines.join('\n')}\n}\n`;
}

export async function organisationsRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  // ---- pages -------------------------------------------------------------------------------
  app.get(
    '/gemeenten',
    {
      schema: {
        hide: true,
        querystring: pageQuerySchema.extend({ q: z.string().max(100).optional().catch(undefined) }).catch({ page: 1, pageSize: 20 }),
      },
    },
    async (request, reply) => {
      const { q = '', page } = request.query;
      const result = await inContext(app.db, publicRead, (ctx) => service.listMunicipalities(ctx, { search: q, page, pageSize: 50 }));
      const ctx = buildPageContext(request, reply);
      return reply.type('text/html; charset=utf-8').send(renderDocument(<MunicipalitiesPage ctx={ctx} result={result} search={q} />));
    },
  );

  app.get(
    '/gemeenten/:slug',
    {
      schema: {
        hide: true,
        params: z.object({ slug: slugSchema }),
        querystring: z
          .object({
            page: z.coerce.number().int().min(1).max(10_000).catch(1),
            soort: organisationKindSchema.optional().catch(undefined),
            vindplaats: z.literal('ja').optional().catch(undefined),
          })
          .catch({ page: 1 }),
      },
    },
    async (request, reply) => {
      const municipality = await inContext(app.db, publicRead, (ctx) => service.findMunicipalityBySlug(ctx, request.params.slug));
      if (!municipality) throw new HttpProblem(404, 'No such municipality.');
      const filter = { kind: request.query.soort, findingPlaces: request.query.vindplaats === 'ja' };
      const network = municipality.active
        ? await inContext(app.db, { ...publicRead, tenantId: municipality.id }, (ctx) =>
            service.listNetwork(ctx, {
              kind: filter.kind,
              findingPlacesOnly: filter.findingPlaces,
              page: request.query.page,
              pageSize: 20,
            }),
          )
        : null;
      const ctx = buildPageContext(request, reply, { themeCode: municipality.active ? municipality.code : undefined });
      return reply
        .type('text/html; charset=utf-8')
        .send(renderDocument(<MunicipalityPage ctx={ctx} municipality={municipality} network={network} filter={filter} />));
    },
  );

  app.get(
    '/themes/:file',
    { schema: { hide: true, params: z.object({ file: z.string().regex(/^GM\d{4}\.css$/) }) } },
    async (request, reply) => {
      const code = request.params.file.slice(0, 6);
      const municipality = await inContext(app.db, publicRead, (ctx) => service.findMunicipalityByCode(ctx, code));
      if (!municipality) throw new HttpProblem(404, 'No such theme.');
      return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(themeCss(municipality.theme));
    },
  );

  // ---- API ---------------------------------------------------------------------------------
  const errors = { 400: problemSchema, 404: problemSchema };

  app.get(
    `${API_PREFIX}/municipalities`,
    {
      schema: {
        summary: 'List municipalities',
        operationId: 'listMunicipalities',
        description: 'All Dutch municipalities (CBS list); `active` ones run a Naaste network.',
        tags: ['Municipalities'],
        querystring: pageQuerySchema.extend({
          search: z.string().max(100).optional().describe('Part of the name or code.'),
          active: z.enum(['true', 'false']).optional().describe('Only municipalities that do (or do not) run a Naaste network.'),
        }),
        response: { 200: paginated(municipalityResourceSchema, 'MunicipalityPage'), ...errors },
      },
    },
    async (request) => {
      const { search, active, page, pageSize } = request.query;
      const result = await inContext(app.db, publicRead, (ctx) =>
        service.listMunicipalities(ctx, { search, active: active === undefined ? undefined : active === 'true', page, pageSize }),
      );
      return { ...result, items: result.items.map((m) => toMunicipalityResource(m, app.config.baseUrl)) };
    },
  );

  app.get(
    `${API_PREFIX}/municipalities/:code`,
    {
      schema: {
        summary: 'Get one municipality',
        description: 'One municipality by its CBS code, active or not.',
        operationId: 'getMunicipality',
        tags: ['Municipalities'],
        params: z.object({ code: municipalityCodeSchema.describe('CBS code, such as GM0150.') }),
        response: { 200: municipalityResourceSchema, ...errors },
      },
    },
    async (request) => {
      const municipality = await inContext(app.db, publicRead, (ctx) => service.findMunicipalityByCode(ctx, request.params.code));
      if (!municipality) throw new HttpProblem(404, `There is no municipality with code ${request.params.code}.`);
      return toMunicipalityResource(municipality, app.config.baseUrl);
    },
  );

  app.get(
    `${API_PREFIX}/municipalities/:code/organisations`,
    {
      schema: {
        summary: 'List the organisations in a municipality network',
        description:
          'The organisations that take part in the network of an active municipality, with their public contact details. A regional organisation appears in every municipality it works for.',
        operationId: 'listNetworkOrganisations',
        tags: ['Organisations'],
        params: z.object({ code: municipalityCodeSchema }),
        querystring: pageQuerySchema.extend({
          kind: organisationKindSchema.optional(),
          findingPlace: z.enum(['true', 'false']).optional().describe('Only finding places (vindplaatsen).'),
          search: z.string().max(100).optional(),
        }),
        response: { 200: paginated(organisationResourceSchema, 'OrganisationPage'), ...errors },
      },
    },
    async (request) => {
      const municipality = await inContext(app.db, publicRead, (ctx) => service.findMunicipalityByCode(ctx, request.params.code));
      if (!municipality?.active) throw new HttpProblem(404, `There is no Naaste network in ${request.params.code}.`);
      const { kind, findingPlace, search, page, pageSize } = request.query;
      const result = await inContext(app.db, { ...publicRead, tenantId: municipality.id }, (ctx) =>
        service.listNetwork(ctx, { kind, findingPlacesOnly: findingPlace === 'true', search, page, pageSize }),
      );
      return { items: result.items.map(toOrganisationResource), page: result.page, pageSize: result.pageSize, total: result.total };
    },
  );

  app.get(
    `${API_PREFIX}/organisations/:id`,
    {
      schema: {
        summary: 'Get one organisation',
        description: 'One organisation with its public contact details.',
        operationId: 'getOrganisation',
        tags: ['Organisations'],
        params: z.object({ id: z.uuid() }),
        response: { 200: organisationResourceSchema, ...errors },
      },
    },
    async (request) => {
      const organisation = await inContext(app.db, publicRead, (ctx) => service.findOrganisation(ctx, request.params.id));
      if (!organisation) throw new HttpProblem(404, 'There is no organisation with this id.');
      return toOrganisationResource(organisation);
    },
  );
}
