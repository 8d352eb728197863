import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inContext } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { personContext } from '../../platform/http/principal.ts';
import { format } from '../../platform/i18n/i18n.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext, type PageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import * as admin from './organisations.admin.ts';
import { adminMessages } from './organisations.admin.messages.ts';
import { canManageNetwork } from './organisations.policy.ts';
import { newOrganisationSchema } from './organisations.schemas.ts';
import * as service from './organisations.service.ts';
import { MunicipalitiesAdminPage, NetworkAdminPage, type OrganisationForm } from './pages/admin-pages.tsx';

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}
const text = (body: unknown, name: string, max: number): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
};

const EMPTY_ORGANISATION: OrganisationForm = {
  name: '',
  kind: '',
  isFindingPlace: false,
  description: '',
  email: '',
  phone: '',
  website: '',
  street: '',
  postcode: '',
  city: '',
};

function organisationErrors(ctx: PageContext, error: z.ZodError): FieldError[] {
  const m = adminMessages[ctx.locale];
  const words: Record<string, string> = {
    name: m.errorOrgName,
    kind: m.errorKind,
    email: m.errorOrgEmail,
    phone: m.errorPhone,
    website: m.errorWebsite,
    postcode: m.errorPostcode,
  };
  const order = ['name', 'kind', 'description', 'email', 'phone', 'website', 'street', 'postcode', 'city'];
  const fields = [...new Set(error.issues.map((i) => String(i.path[0] ?? 'name')))];
  return fields
    .map((field) => ({ field, message: words[field] ?? m.errorTooLong }))
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** Administration of municipalities (platform administrators) and of a municipality's network (its administrators). */
export async function organisationAdminRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/beheer/gemeenten',
    {
      config: { access: 'signedIn' },
      schema: {
        hide: true,
        querystring: z.object({
          gestart: z
            .string()
            .regex(/^GM\d{4}$/)
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const { options } = await personContext(request);
      const active = await inContext(app.db, { ...options, tenantId: null, readOnly: true }, (c) => admin.listActiveMunicipalities(c));
      const notice = request.query.gestart ? format(adminMessages[ctx.locale].started, { code: request.query.gestart }) : undefined;
      return html(
        reply,
        <MunicipalitiesAdminPage
          ctx={ctx}
          active={active}
          form={{ code: '', adminName: '', adminEmail: '' }}
          errors={[]}
          notice={notice}
        />,
      );
    },
  );

  app.post('/beheer/gemeenten', { config: { access: 'personalData' }, schema: { hide: true } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const ctx = buildPageContext(request, reply);
    const m = adminMessages[ctx.locale];
    const { options } = await personContext(request);
    const form = {
      code: text(request.body, 'code', 20).trim(),
      adminName: text(request.body, 'adminName', 300),
      adminEmail: text(request.body, 'adminEmail', 300).trim(),
    };
    const result = await inContext(app.db, { ...options, tenantId: null }, (c) =>
      admin.startNetwork(c, app.outbox, app.config.baseUrl, form),
    );
    if (!result.ok) {
      const words: Record<string, string> = {
        'code.invalid': m.errorCode,
        'code.unknown': m.errorUnknownCode,
        'adminName.empty': m.errorName,
        'adminEmail.invalid': m.errorEmail,
        'adminEmail.resident': m.errorResident,
      };
      const errors = result.problems.map((p) => ({ field: p.field, message: words[`${p.field}.${p.code}`] ?? m.errorCode }));
      const active = await inContext(app.db, { ...options, tenantId: null, readOnly: true }, (c) => admin.listActiveMunicipalities(c));
      return html(reply, <MunicipalitiesAdminPage ctx={ctx} active={active} form={form} errors={errors} />, 400);
    }
    return reply.redirect(`/beheer/gemeenten?gestart=${result.code}`, 303);
  });

  const networkPage = async (
    request: Parameters<typeof personContext>[0],
    reply: FastifyReply,
    form: OrganisationForm,
    errors: FieldError[],
    notice?: string,
  ) => {
    const ctx = buildPageContext(request, reply);
    const { principal, options } = await personContext(request);
    if (!canManageNetwork(principal)) throw new HttpProblem(404, 'Not found.');
    const result = await inContext(app.db, { ...options, readOnly: true }, (c) => service.listNetwork(c, { page: 1, pageSize: 500 }));
    const municipalityName = principal.memberships.find((ms) => ms.tenantId === principal.tenantId)?.municipalityName ?? '';
    return html(
      reply,
      <NetworkAdminPage
        ctx={ctx}
        municipalityName={municipalityName}
        organisations={result.items}
        form={form}
        errors={errors}
        notice={notice}
      />,
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get(
    '/beheer/netwerk',
    { config: { access: 'signedIn' }, schema: { hide: true, querystring: z.object({ toegevoegd: z.string().max(200).optional() }) } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const notice = request.query.toegevoegd ? format(adminMessages[ctx.locale].added, { name: request.query.toegevoegd }) : undefined;
      return networkPage(request, reply, EMPTY_ORGANISATION, [], notice);
    },
  );

  app.post('/beheer/netwerk', { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const ctx = buildPageContext(request, reply);
    const body = request.body;
    const form: OrganisationForm = {
      name: text(body, 'name', 300),
      kind: text(body, 'kind', 40),
      isFindingPlace: text(body, 'isFindingPlace', 10) === 'ja',
      description: text(body, 'description', 3000),
      email: text(body, 'email', 300).trim(),
      phone: text(body, 'phone', 60).trim(),
      website: text(body, 'website', 600).trim(),
      street: text(body, 'street', 300),
      postcode: text(body, 'postcode', 20),
      city: text(body, 'city', 200),
    };
    const blank = (v: string) => (v.trim() === '' ? undefined : v);
    const parsed = newOrganisationSchema.omit({ municipalityCodes: true }).safeParse({
      ...form,
      email: blank(form.email),
      phone: blank(form.phone),
      website: blank(form.website),
      postcode: blank(form.postcode),
    });
    if (!parsed.success) return networkPage(request, reply, form, organisationErrors(ctx, parsed.error));
    const { options } = await personContext(request);
    const result = await inContext(app.db, options, (c) => admin.addNetworkOrganisation(c, parsed.data));
    return reply.redirect(`/beheer/netwerk?toegevoegd=${encodeURIComponent(result.organisation.name)}`, 303);
  });
}
