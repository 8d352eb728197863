import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymous, inContext, type ServiceContext } from '../../platform/db/context.ts';
import { requireSession } from '../../platform/http/auth.ts';
import { API_PREFIX } from '../../platform/http/openapi.ts';
import { personActor, principalOf } from '../../platform/http/principal.ts';
import { HttpProblem, problemSchema } from '../../platform/http/problem.ts';
import { format } from '../../platform/i18n/i18n.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext, type PageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import { dateWords } from '../privacy/pages/privacy-pages.tsx';
import { caregiverMessages, problemWords } from './caregivers.messages.ts';
import { canUseCareArea, caregiverTenants } from './caregivers.policy.ts';
import * as q from './caregivers.queries.ts';
import {
  careRelationshipInputSchema,
  careRelationshipListSchema,
  careRelationshipSchema,
  supportPlanSchema,
  toResource,
  toSupportCase,
} from './caregivers.schemas.ts';
import * as service from './caregivers.service.ts';
import {
  type ConsentFormValues,
  EndPage,
  HomePage,
  JoinPage,
  KitchenPage,
  KitchenPrintPage,
  type MemberNotice,
  MessagePage,
  RegisterPage,
  RelationshipFormPage,
  RelationshipPage,
  SharePage,
  SupportPage,
} from './pages/caregiver-pages.tsx';

const HOME = '/mijn-zorg';
const idParams = z.object({ id: z.uuid() });
const memberParams = idParams.extend({ memberId: z.uuid() });
const caseParams = idParams.extend({ caseId: z.uuid() });
const klaarQuery = z.object({ klaar: z.string().max(60).optional() });
const registerQuery = z.object({ gemeente: z.string().max(100).optional() });

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

const field = (body: unknown, name: string, max = 5000): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
};
const ticked = (body: unknown, name: string) => field(body, name, 10) === 'ja';

function errorsOf(ctx: PageContext, problems: service.Problem[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const p of problems) {
    if (seen.has(p.field)) continue;
    seen.add(p.field);
    errors.push({ field: p.field, message: problemWords(ctx.locale, p) });
  }
  return errors;
}

function consentValues(body: unknown): ConsentFormValues {
  return {
    organisationId: field(body, 'organisationId', 60),
    validUntil: field(body, 'validUntil', 20),
    guardianName: field(body, 'guardianName', 300),
    guardianConfirmed: ticked(body, 'guardianConfirmed'),
  };
}

/** The caregiver's own area: registration, care relationships, sharing, their support and the keukentafelgesprek (C4, R1, R3, R7). */
export async function caregiverRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const run = async <T,>(request: FastifyRequest, work: (ctx: ServiceContext) => Promise<T>): Promise<T> =>
    inContext(app.db, { tenantId: null, actor: personActor(request, await principalOf(request)), purpose: service.OWN_PURPOSE }, work);

  /** Signed in as a resident; staff get a page that points them to their workspace. Null when answered. */
  const resident = async (request: FastifyRequest, reply: FastifyReply): Promise<PageContext | null> => {
    if (!pageSession(request, reply)) return null;
    const ctx = buildPageContext(request, reply);
    if (!canUseCareArea(await principalOf(request))) {
      const m = caregiverMessages[ctx.locale];
      html(reply, <MessagePage ctx={ctx} title={m.staffTitle} lines={[m.staffLead]} link={{ href: '/', label: m.backHome }} />, 403);
      return null;
    }
    return ctx;
  };

  const notFound = (ctx: PageContext, reply: FastifyReply) => {
    const m = caregiverMessages[ctx.locale];
    return html(
      reply,
      <MessagePage ctx={ctx} title={m.notFoundTitle} lines={[m.notFoundLead]} link={{ href: HOME, label: m.backHome }} />,
      404,
    );
  };

  const municipalities = () =>
    inContext(app.db, { tenantId: null, actor: anonymous, readOnly: true }, (c) => q.activeMunicipalities(c.sql));

  // ---- registration (public) ----------------------------------------------------------------------------------
  const emptyRegistration = (municipality = ''): service.RegistrationForm => ({
    displayName: '',
    email: '',
    age: '',
    birthYear: '',
    guardianName: '',
    guardianConfirmed: false,
    municipality,
  });

  app.get('/aanmelden', { schema: { hide: true, querystring: registerQuery } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const all = await municipalities();
    const fixed = all.find((x) => x.slug === request.query.gemeente) ?? (all.length === 1 ? (all[0] ?? null) : null);
    return html(reply, <RegisterPage ctx={ctx} form={emptyRegistration(fixed?.id)} errors={[]} municipalities={all} fixed={fixed} />);
  });

  app.post('/aanmelden', { schema: { hide: true, querystring: registerQuery } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const all = await municipalities();
    const fixed = all.find((x) => x.slug === request.query.gemeente) ?? (all.length === 1 ? (all[0] ?? null) : null);
    const b = request.body;
    const form: service.RegistrationForm = {
      displayName: field(b, 'displayName', 300),
      email: field(b, 'email', 300),
      age: field(b, 'age', 10),
      birthYear: field(b, 'birthYear', 10),
      guardianName: field(b, 'guardianName', 300),
      guardianConfirmed: ticked(b, 'guardianConfirmed'),
      municipality: fixed?.id ?? field(b, 'municipality', 60),
    };
    const problems = service.checkRegistration(form, all);
    if (problems.length > 0) {
      return html(reply, <RegisterPage ctx={ctx} form={form} errors={errorsOf(ctx, problems)} municipalities={all} fixed={fixed} />, 400);
    }
    const ua = request.headers['user-agent'];
    await inContext(app.db, { tenantId: null, actor: anonymous }, (c) =>
      service.register(c, app.outbox, form, app.config.baseUrl, ctx.locale, {
        ip: request.ip ?? null,
        userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null,
      }),
    );
    return reply.redirect('/aanmelden/verstuurd', 303);
  });

  app.get('/aanmelden/verstuurd', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = caregiverMessages[ctx.locale];
    return html(
      reply,
      <MessagePage
        ctx={ctx}
        title={m.registerSentTitle}
        lines={[m.registerSentLead, m.registerSentNext, m.registerSentNothing]}
        link={{ href: '/aanmelden', label: m.registerTitle }}
      />,
    );
  });

  // ---- home and joining ----------------------------------------------------------------------------------------
  const joinPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    form: service.JoinForm,
    errors: FieldError[],
    status: number,
  ) => {
    const principal = await principalOf(request);
    const mine = new Set(caregiverTenants(principal));
    const choices = (await municipalities()).filter((x) => !mine.has(x.id));
    const under16 = await run(request, (c) => q.personUnder16(c.sql, principal.accountId));
    return html(reply, <JoinPage ctx={ctx} municipalities={choices} form={form} errors={errors} under16={under16} />, status);
  };

  app.get(HOME, { config: { access: 'signedIn' }, schema: { hide: true, querystring: klaarQuery } }, async (request, reply) => {
    const ctx = await resident(request, reply);
    if (!ctx) return reply;
    if (caregiverTenants(await principalOf(request)).length === 0) {
      return joinPage(request, reply, ctx, { municipality: '', guardianName: '', guardianConfirmed: false }, [], 200);
    }
    const home = await run(request, (c) => service.home(c));
    return html(reply, <HomePage ctx={ctx} home={home} />);
  });

  app.post(`${HOME}/aanmelden`, { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = await resident(request, reply);
    if (!ctx) return reply;
    const form: service.JoinForm = {
      municipality: field(request.body, 'municipality', 60),
      guardianName: field(request.body, 'guardianName', 300),
      guardianConfirmed: ticked(request.body, 'guardianConfirmed'),
    };
    const all = await municipalities();
    const result = await run(request, (c) => service.join(c, form, all));
    if (!result.ok && 'problems' in result) return joinPage(request, reply, ctx, form, errorsOf(ctx, result.problems), 400);
    return reply.redirect(HOME, 303);
  });

  // ---- a new relationship ---------------------------------------------------------------------------------------
  const emptyForm: service.RelationshipForm = {
    caredForName: '',
    ageBand: '',
    relation: '',
    conditionText: '',
    tasks: [],
    hoursPerWeek: '',
    caringSince: '',
    livingTogether: '',
    combinesWith: [],
  };

  app.get(`${HOME}/nieuw`, { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = await resident(request, reply);
    if (!ctx) return reply;
    const mine = service.myMunicipalities(await principalOf(request));
    if (mine.length === 0) return reply.redirect(HOME, 303);
    return html(
      reply,
      <RelationshipFormPage
        ctx={ctx}
        form={emptyForm}
        errors={[]}
        edit={null}
        municipalities={mine}
        municipality={mine[0]?.tenantId ?? ''}
      />,
    );
  });

  app.post(`${HOME}/nieuw`, { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = await resident(request, reply);
    if (!ctx) return reply;
    const mine = service.myMunicipalities(await principalOf(request));
    if (mine.length === 0) return reply.redirect(HOME, 303);
    const form = service.relationshipForm(request.body);
    const municipality = mine.length === 1 ? (mine[0]?.tenantId as string) : field(request.body, 'municipality', 60);
    const checked = service.checkRelationshipForm(form);
    const problems = checked.ok ? [] : [...checked.problems];
    if (!mine.some((x) => x.tenantId === municipality)) problems.unshift({ field: 'municipality', code: 'required' });
    if (!checked.ok || problems.length > 0) {
      return html(
        reply,
        <RelationshipFormPage
          ctx={ctx}
          form={form}
          errors={errorsOf(ctx, problems)}
          edit={null}
          municipalities={mine}
          municipality={municipality}
        />,
        400,
      );
    }
    const id = await run(request, (c) => service.createRelationship(c, municipality, checked.value));
    return reply.redirect(`${HOME}/${id}?klaar=nieuw`, 303);
  });

  // ---- one relationship ----------------------------------------------------------------------------------------------
  const relationshipPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    id: string,
    extra: {
      notice?: string;
      member?: { kind: string; name: string; helpsWith: string };
      errors?: FieldError[];
      memberNotice?: MemberNotice;
    },
    status = 200,
  ) => {
    const d = await run(request, (c) => service.detail(c, id));
    if (!d) return notFound(ctx, reply);
    return html(
      reply,
      <RelationshipPage
        ctx={ctx}
        d={d}
        notice={extra.notice}
        member={extra.member ?? { kind: '', name: '', helpsWith: '' }}
        errors={extra.errors ?? []}
        memberNotice={extra.memberNotice}
      />,
      status,
    );
  };

  app.get(
    `${HOME}/:id`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams, querystring: klaarQuery } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const m = caregiverMessages[ctx.locale];
      const klaar = request.query.klaar;
      let notice: string | undefined;
      if (klaar === 'nieuw') notice = m.createdNotice;
      else if (klaar === 'opgeslagen' || klaar === 'toegevoegd') notice = m.savedNotice;
      else if (klaar === 'beeindigd' || klaar === 'hervat') notice = '{ended}';
      if (notice === '{ended}') {
        const d = await run(request, (c) => service.findOwn(c, request.params.id));
        if (!d) return notFound(ctx, reply);
        const name = d.relationship.caredForName;
        notice = d.relationship.endedAt ? format(m.endedNotice, { name }) : format(m.resumedNotice, { name });
      }
      return relationshipPage(request, reply, ctx, request.params.id, notice ? { notice } : {});
    },
  );

  const editPage = (
    ctx: PageContext,
    reply: FastifyReply,
    own: service.Own,
    form: service.RelationshipForm,
    errors: FieldError[],
    status: number,
  ) =>
    html(
      reply,
      <RelationshipFormPage
        ctx={ctx}
        form={form}
        errors={errors}
        edit={{ id: own.relationship.id, name: own.relationship.caredForName }}
        municipalities={[]}
        municipality={own.tenantId}
      />,
      status,
    );

  app.get(`${HOME}/:id/wijzigen`, { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const ctx = await resident(request, reply);
    if (!ctx) return reply;
    const own = await run(request, (c) => service.detail(c, request.params.id));
    if (!own) return notFound(ctx, reply);
    if (own.relationship.endedAt) return reply.redirect(`${HOME}/${own.relationship.id}`, 303);
    return editPage(ctx, reply, own, service.formOf(own.relationship), [], 200);
  });

  app.post(`${HOME}/:id/wijzigen`, { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const ctx = await resident(request, reply);
    if (!ctx) return reply;
    const form = service.relationshipForm(request.body);
    const checked = service.checkRelationshipForm(form);
    if (!checked.ok) {
      const own = await run(request, (c) => service.findOwn(c, request.params.id));
      if (!own) return notFound(ctx, reply);
      return editPage(ctx, reply, own, form, errorsOf(ctx, checked.problems), 400);
    }
    const result = await run(request, (c) => service.changeRelationship(c, request.params.id, checked.value));
    if (result === null) return notFound(ctx, reply);
    return reply.redirect(`${HOME}/${request.params.id}?klaar=opgeslagen`, 303);
  });

  // ---- the care network ----------------------------------------------------------------------------------------------------
  app.post(`${HOME}/:id/netwerk`, { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const ctx = await resident(request, reply);
    if (!ctx) return reply;
    const member = {
      kind: field(request.body, 'kind', 20),
      name: field(request.body, 'name', 300),
      helpsWith: field(request.body, 'helpsWith', 1000),
    };
    const checked = service.checkMember(member);
    if (!checked.ok)
      return relationshipPage(request, reply, ctx, request.params.id, { member, errors: errorsOf(ctx, checked.problems) }, 400);
    const result = await run(request, (c) => service.addMember(c, request.params.id, checked.value));
    if (!result.ok && result.reason === 'notFound') return notFound(ctx, reply);
    if (!result.ok && result.reason === 'full') {
      const m = caregiverMessages[ctx.locale];
      return relationshipPage(request, reply, ctx, request.params.id, { member, errors: [{ field: 'name', message: m.networkFull }] }, 400);
    }
    return reply.redirect(`${HOME}/${request.params.id}?klaar=toegevoegd`, 303);
  });

  app.post(
    `${HOME}/:id/netwerk/:memberId/verwijderen`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const result = await run(request, (c) => service.removeMember(c, request.params.id, request.params.memberId));
      if (!result.ok && result.reason === 'notFound') return notFound(ctx, reply);
      if (!result.ok || !result.member) return reply.redirect(`${HOME}/${request.params.id}`, 303);
      // The page comes back at once with an undo that puts the same person back.
      return relationshipPage(request, reply, ctx, request.params.id, { memberNotice: { kind: 'removed', member: result.member } });
    },
  );

  // ---- ending and resuming --------------------------------------------------------------------------------------------------
  app.get(
    `${HOME}/:id/beeindigen`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const own = await run(request, (c) => service.detail(c, request.params.id));
      if (!own) return notFound(ctx, reply);
      return html(reply, <EndPage ctx={ctx} own={own} />);
    },
  );

  app.post(
    `${HOME}/:id/beeindigen`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const own = await run(request, (c) => service.endRelationship(c, request.params.id, true));
      if (!own) return notFound(ctx, reply);
      return reply.redirect(`${HOME}/${request.params.id}?klaar=beeindigd`, 303);
    },
  );

  app.post(
    `${HOME}/:id/hervatten`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const own = await run(request, (c) => service.endRelationship(c, request.params.id, false));
      if (!own) return notFound(ctx, reply);
      return reply.redirect(`${HOME}/${request.params.id}?klaar=hervat`, 303);
    },
  );

  // ---- sharing -------------------------------------------------------------------------------------------------------------------
  const sharePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    id: string,
    form: ConsentFormValues | null,
    errors: FieldError[],
    status: number,
    done?: string,
  ) => {
    const found = await run(request, async (c) => {
      const own = await service.detail(c, id);
      return own ? { own, options: await service.shareOptions(c, own) } : null;
    });
    if (!found) return notFound(ctx, reply);
    if (found.own.relationship.endedAt) return reply.redirect(`${HOME}/${id}`, 303);
    const m = caregiverMessages[ctx.locale];
    const given = done ? found.options.consents.find((c) => c.id === done) : undefined;
    const notice = given
      ? format(m.sharedNotice, { organisation: given.recipientOrganisationName, until: dateWords(ctx, given.validUntil) })
      : undefined;
    const values = form ?? {
      organisationId: found.options.organisations.find((o) => o.kind === 'supportCentre')?.id ?? '',
      validUntil: found.options.defaultUntil,
      guardianName: found.options.guardianName ?? '',
      guardianConfirmed: false,
    };
    return html(
      reply,
      <SharePage ctx={ctx} own={found.own} options={found.options} form={values} errors={errors} notice={notice} />,
      status,
    );
  };

  app.get(
    `${HOME}/:id/delen`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams, querystring: klaarQuery } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      return sharePage(request, reply, ctx, request.params.id, null, [], 200, request.query.klaar);
    },
  );

  app.post(`${HOME}/:id/delen`, { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const ctx = await resident(request, reply);
    if (!ctx) return reply;
    const form = consentValues(request.body);
    const result = await run(request, (c) => service.share(c, request.params.id, form));
    if (!result.ok && 'reason' in result) {
      return result.reason === 'notFound' ? notFound(ctx, reply) : reply.redirect(`${HOME}/${request.params.id}`, 303);
    }
    if (!result.ok) return sharePage(request, reply, ctx, request.params.id, form, errorsOf(ctx, result.problems), 400);
    return reply.redirect(`${HOME}/${request.params.id}/delen?klaar=${result.consent.id}`, 303);
  });

  // ---- the support plan -----------------------------------------------------------------------------------------------------------
  const supportPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    id: string,
    extra: { errors?: FieldError[]; notice?: string | undefined; change?: { kind: string; description: string }; reason?: string },
    status = 200,
  ) => {
    const view = await run(request, (c) => service.supportView(c, id));
    if (!view) return notFound(ctx, reply);
    return html(
      reply,
      <SupportPage
        ctx={ctx}
        view={view}
        errors={extra.errors ?? []}
        notice={extra.notice}
        change={extra.change ?? { kind: '', description: '' }}
        reason={extra.reason ?? ''}
      />,
      status,
    );
  };

  app.get(
    `${HOME}/:id/ondersteuning`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams, querystring: klaarQuery } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const m = caregiverMessages[ctx.locale];
      const notices: Record<string, string> = {
        'andere-consulent': m.otherConsultantNotice,
        verandering: m.changeNotice,
        'verandering-bewaard': m.changeNoticeNobody,
      };
      return supportPage(request, reply, ctx, request.params.id, { notice: notices[request.query.klaar ?? ''] });
    },
  );

  app.post(
    `${HOME}/:id/ondersteuning/:caseId/andere-consulent`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: caseParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const reason = field(request.body, 'reason', 3000);
      const result = await run(request, (c) => service.askOtherConsultant(c, request.params.id, request.params.caseId, reason));
      if (!result.ok && 'reason' in result) return notFound(ctx, reply);
      if (!result.ok) return supportPage(request, reply, ctx, request.params.id, { errors: errorsOf(ctx, result.problems), reason }, 400);
      return reply.redirect(`${HOME}/${request.params.id}/ondersteuning?klaar=andere-consulent`, 303);
    },
  );

  app.post(
    `${HOME}/:id/verandering`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const change = { kind: field(request.body, 'kind', 30), description: field(request.body, 'description', 3000) };
      const result = await run(request, (c) => service.reportChange(c, request.params.id, change));
      if (!result.ok && 'reason' in result) return notFound(ctx, reply);
      if (!result.ok) return supportPage(request, reply, ctx, request.params.id, { errors: errorsOf(ctx, result.problems), change }, 400);
      const klaar = (result.signalled ?? 0) > 0 ? 'verandering' : 'verandering-bewaard';
      return reply.redirect(`${HOME}/${request.params.id}/ondersteuning?klaar=${klaar}#verandering`, 303);
    },
  );

  // ---- keukentafelgesprek ----------------------------------------------------------------------------------------------------------------
  const kitchenPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    id: string,
    extra: { form?: service.PreparationForm; share?: ConsentFormValues; errors?: FieldError[]; notice?: string | undefined },
    status = 200,
  ) => {
    const table = await run(request, (c) => service.kitchenTable(c, id, 'read'));
    if (!table) return notFound(ctx, reply);
    if (table.relationship.endedAt) return reply.redirect(`${HOME}/${id}`, 303);
    const share = extra.share ?? {
      organisationId: table.assessor?.id ?? table.supporters[0]?.id ?? '',
      validUntil: table.defaultUntil,
      guardianName: table.guardianName ?? '',
      guardianConfirmed: false,
    };
    return html(
      reply,
      <KitchenPage
        ctx={ctx}
        table={table}
        form={extra.form ?? service.preparationForm(table.preparation)}
        errors={extra.errors ?? []}
        share={share}
        notice={extra.notice}
      />,
      status,
    );
  };

  app.get(
    `${HOME}/:id/keukentafel`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams, querystring: klaarQuery } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const m = caregiverMessages[ctx.locale];
      const notices: Record<string, string> = {
        opgeslagen: m.kitchenSaved,
        gevraagd: m.independentAskedNotice,
        ingetrokken: m.independentCancelledNotice,
        gedeeld: m.assessorSharedNotice,
        'gedeeld-consulent': m.consultantSharedNotice,
      };
      return kitchenPage(request, reply, ctx, request.params.id, { notice: notices[request.query.klaar ?? ''] });
    },
  );

  app.post(
    `${HOME}/:id/keukentafel`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const b = request.body;
      const form: service.PreparationForm = {
        whatIDo: field(b, 'whatIDo', 6000),
        canAndWant: field(b, 'canAndWant', 6000),
        limits: field(b, 'limits', 6000),
        needs: field(b, 'needs', 6000),
        conversationOn: field(b, 'conversationOn', 20),
      };
      const result = await run(request, (c) => service.savePreparation(c, request.params.id, form));
      if (!result.ok && 'reason' in result) {
        return result.reason === 'notFound' ? notFound(ctx, reply) : reply.redirect(`${HOME}/${request.params.id}`, 303);
      }
      if (!result.ok) return kitchenPage(request, reply, ctx, request.params.id, { form, errors: errorsOf(ctx, result.problems) }, 400);
      return reply.redirect(`${HOME}/${request.params.id}/keukentafel?klaar=opgeslagen`, 303);
    },
  );

  app.get(
    `${HOME}/:id/keukentafel/afdrukken`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const table = await run(request, (c) => service.kitchenTable(c, request.params.id, 'print'));
      if (!table) return notFound(ctx, reply);
      return html(reply, <KitchenPrintPage ctx={ctx} table={table} />);
    },
  );

  app.post(
    `${HOME}/:id/keukentafel/ondersteuning`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const requested = field(request.body, 'gevraagd', 5) !== 'nee';
      const result = await run(request, (c) => service.requestIndependentSupport(c, request.params.id, requested));
      if (!result.ok && 'reason' in result) {
        return result.reason === 'notFound' ? notFound(ctx, reply) : reply.redirect(`${HOME}/${request.params.id}`, 303);
      }
      return reply.redirect(`${HOME}/${request.params.id}/keukentafel?klaar=${requested ? 'gevraagd' : 'ingetrokken'}`, 303);
    },
  );

  app.post(
    `${HOME}/:id/keukentafel/delen`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = await resident(request, reply);
      if (!ctx) return reply;
      const share = consentValues(request.body);
      const result = await run(request, (c) => service.sharePreparation(c, request.params.id, share));
      if (!result.ok && 'reason' in result) {
        return result.reason === 'notFound' ? notFound(ctx, reply) : reply.redirect(`${HOME}/${request.params.id}/keukentafel`, 303);
      }
      if (!result.ok) return kitchenPage(request, reply, ctx, request.params.id, { share, errors: errorsOf(ctx, result.problems) }, 400);
      const klaar = result.to === 'assessor' ? 'gedeeld' : 'gedeeld-consulent';
      return reply.redirect(`${HOME}/${request.params.id}/keukentafel?klaar=${klaar}`, 303);
    },
  );

  // ---- API ---------------------------------------------------------------------------------------------------------------------------------
  const errors = { 401: problemSchema, 403: problemSchema } as const;
  const apiResident = async (request: FastifyRequest) => {
    requireSession(request);
    const principal = await principalOf(request);
    if (!canUseCareArea(principal)) throw new HttpProblem(403, 'Care relationships are kept by residents; staff accounts have none.');
    return principal;
  };
  const codeOf = (principal: Awaited<ReturnType<typeof principalOf>>, tenantId: string) =>
    principal.memberships.find((m) => m.tenantId === tenantId)?.municipalityCode ?? '';
  const invalid = (problems: service.Problem[]) =>
    new HttpProblem(400, 'One or more fields are not valid; see invalidParams.', {
      invalidParams: problems.map((p) => ({ name: p.field, code: p.code, reason: `The field ${p.field} is not valid (${p.code}).` })),
    });

  app.get(
    `${API_PREFIX}/me/care-relationships`,
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'List my care relationships',
        description:
          'The care relationships of the signed-in caregiver in every municipality where they registered, running ones first, each with its care network and the organisations that may see it now. Reading is written to the person’s access log. 401 without a session, 403 for staff accounts.',
        operationId: 'listMyCareRelationships',
        tags: ['Caregivers'],
        security: [{ session: [] }],
        response: { 200: careRelationshipListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = await apiResident(request);
      const items = await run(request, async (c) => {
        const all: ReturnType<typeof toResource>[] = [];
        const home = await service.home(c);
        for (const mun of home.municipalities) {
          for (const s of mun.relationships) {
            const d = await service.detail(c, s.relationship.id, false);
            if (d) all.push(toResource(d, codeOf(principal, mun.tenantId)));
          }
        }
        return all;
      });
      reply.header('cache-control', 'no-store');
      return { items };
    },
  );

  app.post(
    `${API_PREFIX}/me/care-relationships`,
    {
      config: { access: 'signedIn' },
      // Without a session cookie the answer is 401 before the body is checked (the session itself loads later).
      preValidation: async (request) => {
        if (!request.cookies[app.sessionCookie.name]) throw new HttpProblem(401, 'Sign in first.');
      },
      schema: {
        summary: 'Record a care relationship',
        description:
          'Records a care relationship of the signed-in caregiver, with its care network. The person cared for is named by a first name or nickname only. With the session cookie this needs the CSRF token of a Naaste page in the X-CSRF-Token header. 400 lists every invalid field; 403 when the person has not registered as a caregiver (or in the municipality named).',
        operationId: 'createMyCareRelationship',
        tags: ['Caregivers'],
        security: [{ session: [] }],
        body: careRelationshipInputSchema,
        response: { 201: careRelationshipSchema, 400: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = await apiResident(request);
      const mine = service.myMunicipalities(principal);
      const { network, municipalityCode, ...body } = request.body;
      let tenant = mine.length === 1 ? mine[0] : undefined;
      if (municipalityCode) tenant = mine.find((x) => x.code === municipalityCode);
      if (mine.length === 0 || (municipalityCode && !tenant)) {
        throw new HttpProblem(403, 'Register as a caregiver in this municipality first (the page /aanmelden).');
      }
      if (!tenant) throw invalid([{ field: 'municipalityCode', code: 'required' }]);
      const fields = toFields(body);
      const problems = service.relationshipRules(fields);
      if (problems.length > 0) throw invalid(problems);
      const chosen = tenant;
      const created = await run(request, async (c) => {
        const id = await service.createRelationship(
          c,
          chosen.tenantId,
          fields,
          network.map((n) => ({ kind: n.kind, name: n.name, helpsWith: n.helpsWith ?? null })),
        );
        return service.detail(c, id, false);
      });
      if (!created) throw new HttpProblem(404, 'The care relationship could not be read back.');
      reply.header('cache-control', 'no-store').header('location', `${API_PREFIX}/me/care-relationships/${created.relationship.id}`);
      return reply.status(201).send(toResource(created, chosen.code));
    },
  );

  const idParam = z.object({ id: z.uuid().describe('The id of the care relationship.') });

  app.get(
    `${API_PREFIX}/me/care-relationships/:id`,
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Get one of my care relationships',
        description:
          'One care relationship of the signed-in caregiver with its network. 404 when it is not the person’s own, whatever the id. Reading is written to the access log.',
        operationId: 'getMyCareRelationship',
        tags: ['Caregivers'],
        security: [{ session: [] }],
        params: idParam,
        response: { 200: careRelationshipSchema, ...errors, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = await apiResident(request);
      const d = await run(request, (c) => service.detail(c, request.params.id));
      if (!d) throw new HttpProblem(404, 'You have no care relationship with this id.');
      reply.header('cache-control', 'no-store');
      return toResource(d, codeOf(principal, d.tenantId));
    },
  );

  app.put(
    `${API_PREFIX}/me/care-relationships/:id`,
    {
      config: { access: 'signedIn' },
      preValidation: async (request) => {
        if (!request.cookies[app.sessionCookie.name]) throw new HttpProblem(401, 'Sign in first.');
      },
      schema: {
        summary: 'Replace one of my care relationships',
        description:
          'Replaces the description of a running care relationship and its whole care network. 404 when it is not the person’s own; 409 when the caregiver ended it (resume it on the website first). Needs the X-CSRF-Token header with the session cookie.',
        operationId: 'replaceMyCareRelationship',
        tags: ['Caregivers'],
        security: [{ session: [] }],
        params: idParam,
        body: careRelationshipInputSchema,
        response: { 200: careRelationshipSchema, 400: problemSchema, ...errors, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = await apiResident(request);
      const { network, municipalityCode: _, ...body } = request.body;
      const fields = toFields(body);
      const problems = service.relationshipRules(fields);
      if (problems.length > 0) throw invalid(problems);
      const d = await run(request, async (c) => {
        const result = await service.changeRelationship(
          c,
          request.params.id,
          fields,
          network.map((n) => ({ kind: n.kind, name: n.name, helpsWith: n.helpsWith ?? null })),
        );
        if (result === null) throw new HttpProblem(404, 'You have no care relationship with this id.');
        if (result === 'ended') throw new HttpProblem(409, 'This care relationship has ended; resume it before changing it.');
        return service.detail(c, request.params.id, false);
      });
      if (!d) throw new HttpProblem(404, 'You have no care relationship with this id.');
      reply.header('cache-control', 'no-store');
      return toResource(d, codeOf(principal, d.tenantId));
    },
  );

  app.get(
    `${API_PREFIX}/me/care-relationships/:id/support-plan`,
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'Get the support plan of one of my care relationships',
        description:
          'The support as shared with the caregiver: for each organisation that may see the relationship now, the goals in the four forms of support, the actions (who does what, when), the notes shared with the caregiver (never the team’s own notes) and the follow-up dates. 404 when the relationship is not the person’s own.',
        operationId: 'getMySupportPlan',
        tags: ['Caregivers'],
        security: [{ session: [] }],
        params: idParam,
        response: { 200: supportPlanSchema, ...errors, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await apiResident(request);
      const view = await run(request, (c) => service.supportView(c, request.params.id));
      if (!view) throw new HttpProblem(404, 'You have no care relationship with this id.');
      reply.header('cache-control', 'no-store');
      return { items: view.cases.filter((k) => k.shared).map(toSupportCase) };
    },
  );
}

function toFields(body: {
  caredForName: string;
  ageBand: q.AgeBand;
  relation: q.Relation;
  conditionText?: string | null | undefined;
  tasks: string[];
  hoursPerWeek?: number | null | undefined;
  caringSince?: string | null | undefined;
  livingTogether?: boolean | null | undefined;
  combinesWith: string[];
}): q.RelationshipFields {
  return {
    caredForName: body.caredForName.trim(),
    ageBand: body.ageBand,
    relation: body.relation,
    conditionText: body.conditionText?.trim() ? body.conditionText.trim() : null,
    tasks: [...new Set(body.tasks)],
    hoursPerWeek: body.hoursPerWeek ?? null,
    caringSince: body.caringSince ?? null,
    livingTogether: body.livingTogether ?? null,
    combinesWith: [...new Set(body.combinesWith)],
  };
}
