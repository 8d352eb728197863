import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { findMunicipalityBySlug, listMunicipalities } from '../organisations/organisations.service.ts';
import { slugSchema } from '../organisations/organisations.schemas.ts';
import { PROFILE } from './directory.profile.ts';
import { selectMunicipality } from './directory.queries.ts';
import { countByForm, searchServices, SORTS, type Sort } from './directory.search.ts';
import { findPublicServiceTenant, getServiceDetail, type Place, placeOf, profileTerms } from './directory.service.ts';
import { ChoosePage, type MunicipalityRef, type SearchForm, SearchPage, ServicePage, type TermOption } from './pages/directory-pages.tsx';

const publicRead = { actor: anonymous, readOnly: true } as const;

// Every field is optional and forgiving: a hostile or broken value becomes "not given", never a 400.
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.slice(0, max))
    .optional()
    .catch(undefined);
const searchQuerySchema = z
  .object({
    q: text(2000),
    waar: text(100),
    vorm: text(100),
    voor: text(100),
    kosten: z.enum(['gratis', 'betaald']).optional().catch(undefined),
    taal: z
      .string()
      .regex(/^[a-z]{2,3}$/)
      .optional()
      .catch(undefined),
    sortering: z.enum(SORTS).optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(50).catch(1),
  })
  .catch({ page: 1 });
type SearchQuery = z.infer<typeof searchQuerySchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const socialMapPath = (slug: string) => `/gemeenten/${slug}/sociale-kaart`;
export const servicePath = (serviceId: string) => `/sociale-kaart/diensten/${serviceId}`;

async function renderSearch(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  municipality: MunicipalityRef & { id: string },
  query: SearchQuery,
) {
  const form: SearchForm = {
    q: query.q ?? '',
    waar: query.waar ?? '',
    vorm: query.vorm ?? '',
    voor: query.voor ?? '',
    kosten: query.kosten ?? '',
    taal: query.taal ?? '',
    sortering: query.sortering ?? '',
  };
  const data = await inContext(app.db, { ...publicRead, tenantId: municipality.id }, async (ctx) => {
    const terms = [...(await profileTerms(ctx.sql)).values()];
    const options = (uri: string): TermOption[] => terms.filter((t) => t.taxonomyUri === uri);
    const forms = options(PROFILE.supportForms.taxonomyUri);
    const groups = options(PROFILE.targetGroups.taxonomyUri);
    const place: Place | null = form.waar.trim() ? await placeOf(ctx.sql, form.waar) : null;
    const asked = Boolean(form.q.trim() || form.vorm || form.voor || form.kosten || form.taal || form.waar.trim());
    const result = asked
      ? await searchServices(ctx, {
          text: form.q,
          forms: forms.some((f) => f.code === form.vorm) ? [form.vorm] : [],
          groups: groups.some((g) => g.code === form.voor) ? [form.voor] : [],
          free: form.kosten === 'gratis' ? true : form.kosten === 'betaald' ? false : null,
          language: form.taal || null,
          place,
          sort: (form.sortering || null) as Sort | null,
          page: query.page,
          pageSize: 20,
        })
      : null;
    const browse = !result || result.total === 0 ? await countByForm(ctx) : null;
    return { forms, groups, place, result, browse };
  });
  const ctx = buildPageContext(request, reply, { themeCode: municipality.code });
  return reply
    .type('text/html; charset=utf-8')
    .send(
      renderDocument(
        <SearchPage
          ctx={ctx}
          municipality={municipality}
          action={socialMapPath(municipality.slug)}
          form={form}
          forms={data.forms}
          groups={data.groups}
          result={data.result}
          browse={data.browse}
          placeLabel={data.place?.label ?? null}
          placeUnknown={Boolean(form.waar.trim()) && !data.place}
          detailHref={servicePath}
        />,
      ),
    );
}

/** Social map (C2): public search in plain words and service pages, per municipality, no sign-in. */
export async function directoryRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  // One municipality running Naaste: straight to its social map; several: choose one.
  app.get('/sociale-kaart', { schema: { hide: true } }, async (request, reply) => {
    const active = await inContext(app.db, { ...publicRead, tenantId: null }, (ctx) =>
      listMunicipalities(ctx, { active: true, page: 1, pageSize: 400 }),
    );
    const only = active.items.length === 1 ? active.items[0] : undefined;
    if (only) {
      const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.redirect(`${socialMapPath(only.slug)}${search}`, 302);
    }
    const ctx = buildPageContext(request, reply);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        renderDocument(<ChoosePage ctx={ctx} municipalities={active.items.map((m) => ({ name: m.name, slug: m.slug, code: m.code }))} />),
      );
  });

  app.get(
    '/gemeenten/:slug/sociale-kaart',
    { schema: { hide: true, params: z.object({ slug: slugSchema }), querystring: searchQuerySchema } },
    async (request, reply) => {
      const municipality = await inContext(app.db, { ...publicRead, tenantId: null }, (ctx) =>
        findMunicipalityBySlug(ctx, request.params.slug),
      );
      if (!municipality?.active) throw new HttpProblem(404, 'No social map for this municipality.');
      return renderSearch(app, request, reply, municipality, request.query);
    },
  );

  app.get(
    '/sociale-kaart/diensten/:serviceId',
    { schema: { hide: true, params: z.object({ serviceId: z.string().max(100) }) } },
    async (request, reply) => {
      const { serviceId } = request.params;
      if (!UUID.test(serviceId)) throw new HttpProblem(404, 'No such service.');
      const found = await inContext(app.db, { ...publicRead, tenantId: null }, async (ctx) => {
        const tenantId = await findPublicServiceTenant(ctx.sql, serviceId);
        return tenantId ? { tenantId, municipality: await selectMunicipality(ctx.sql, tenantId) } : null;
      });
      if (!found?.municipality) throw new HttpProblem(404, 'No such service.');
      const service = await inContext(app.db, { ...publicRead, tenantId: found.tenantId }, (ctx) => getServiceDetail(ctx, serviceId));
      if (!service) throw new HttpProblem(404, 'No such service.');
      const ctx = buildPageContext(request, reply, { themeCode: found.municipality.code });
      return reply
        .type('text/html; charset=utf-8')
        .send(
          renderDocument(<ServicePage ctx={ctx} service={service} searchHref={socialMapPath(found.municipality.slug)} now={new Date()} />),
        );
    },
  );
}
