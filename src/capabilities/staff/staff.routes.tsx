import { directoryAdminLinks } from '../directory-admin/directory-admin.policy.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../platform/auth/roles.ts';
import { chooseTenant } from '../../platform/auth/sessions.ts';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { personContext } from '../../platform/http/principal.ts';
import { format } from '../../platform/i18n/i18n.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext, type PageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { identityMessages } from '../identity/identity.messages.ts';
import { pageSession, safeNext } from '../identity/identity.routes.tsx';
import * as identity from '../identity/identity.service.ts';
import { MessagePage } from '../identity/pages/identity-pages.tsx';
import {
  AcceptInvitationPage,
  type AdminLink,
  AdminHomePage,
  ChooseMunicipalityPage,
  StaffListPage,
  StaffMemberPage,
} from './pages/staff-pages.tsx';
import { assignableRoles, managedOrganisations } from './staff.policy.ts';
import * as service from './staff.service.ts';
import { staffMessages } from './staff.messages.ts';

const orgParams = z.object({ organisationId: z.uuid() });
const memberParams = orgParams.extend({ membershipId: z.uuid() });
const listQuery = z.object({
  q: z.string().max(100).optional(),
  sort: z.enum(['name', 'email']).default('name'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  klaar: z.enum(['uitgenodigd', 'toegevoegd']).optional(),
});
const memberQuery = z.object({ klaar: z.enum(['rollen', 'uit', 'aan']).optional() });
const PAGE_SIZE = 25;

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

const list = (body: unknown, name: string): string[] => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').slice(0, 20);
  return typeof value === 'string' ? [value] : [];
};
const text = (body: unknown, name: string, max: number): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
};

function problemMessages(ctx: PageContext, problems: service.InviteProblem[]): FieldError[] {
  const m = staffMessages[ctx.locale];
  const words: Record<string, string> = {
    'email.invalid': m.errorEmail,
    'email.resident': m.errorResident,
    'displayName.empty': m.errorName,
    'roles.empty': m.errorRolesEmpty,
    'roles.notAllowed': m.errorRolesNotAllowed,
    'roles.self': m.errorRolesSelf,
  };
  const order = ['displayName', 'email', 'roles'];
  return problems
    .map((p) => ({ field: p.field, message: words[`${p.field}.${p.code}`] ?? m.errorRolesNotAllowed }))
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** Administration of staff: the dashboard, choosing a municipality, the staff of an organisation, invitations. */
export async function staffRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get('/beheer', { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const ctx = buildPageContext(request, reply);
    const m = staffMessages[ctx.locale];
    const { principal, options } = await personContext(request);
    const links: AdminLink[] = [];
    if (principal.platformAdmin) links.push({ href: '/beheer/gemeenten', label: m.adminMunicipalities });
    const managed = managedOrganisations(principal);
    if (principal.tenantId) {
      const here = principal.memberships.filter((ms) => ms.tenantId === principal.tenantId);
      if (hasRole(principal, 'municipalityAdmin')) {
        links.push({ href: '/beheer/netwerk', label: format(m.adminNetwork, { municipality: here[0]?.municipalityName ?? '' }) });
      }
      const organisations =
        managed === 'all'
          ? await inContext(app.db, { ...options, readOnly: true }, async (c) => {
              const { rows } = await c.sql.query<{ id: string; name: string }>(
                'select o.id, o.name from network_members n join organisations o on o.id = n.organisation_id where n.tenant_id = $1 order by o.name',
                [principal.tenantId],
              );
              return rows;
            })
          : here
              .filter((ms) => ms.organisationId && managed.includes(ms.organisationId))
              .map((ms) => ({ id: ms.organisationId as string, name: ms.organisationName ?? '' }));
      for (const o of organisations)
        links.push({ href: `/beheer/organisaties/${o.id}/medewerkers`, label: format(m.adminStaffOf, { organisation: o.name }) });
      links.push(...directoryAdminLinks(principal, ctx.locale));
    }
    const tenants = new Set(principal.memberships.map((ms) => ms.tenantId));
    return html(reply, <AdminHomePage ctx={ctx} links={links} needsChoice={!principal.tenantId && tenants.size > 1} />);
  });

  app.get(
    '/kies-gemeente',
    { config: { access: 'signedIn' }, schema: { hide: true, querystring: z.object({ terug: z.string().max(500).optional() }) } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const { principal } = await personContext(request);
      const options = [
        ...new Map(principal.memberships.map((ms) => [ms.tenantId, { tenantId: ms.tenantId, name: ms.municipalityName }])).values(),
      ];
      return html(reply, <ChooseMunicipalityPage ctx={ctx} options={options} next={safeNext(request.query.terug) ?? '/beheer'} />);
    },
  );

  app.post(
    '/kies-gemeente',
    { config: { access: 'signedIn' }, schema: { hide: true, querystring: z.object({ terug: z.string().max(500).optional() }) } },
    async (request, reply) => {
      const session = pageSession(request, reply);
      if (!session) return reply;
      const { principal } = await personContext(request);
      const tenant = text(request.body, 'tenant', 40);
      // Only a municipality where this person has work can be chosen.
      if (!principal.memberships.some((ms) => ms.tenantId === tenant)) return reply.redirect('/kies-gemeente', 303);
      await app.db.platform((sql) => chooseTenant(sql, session.idHash, tenant));
      return reply.redirect(safeNext(request.query.terug) ?? '/beheer', 303);
    },
  );

  const staffList = async (
    request: FastifyRequest & { params: { organisationId: string } },
    reply: FastifyReply,
    form: {
      invite: { email: string; displayName: string; roles: string[] };
      errors: FieldError[];
      status: number;
      notice?: string | undefined;
      search: string;
      sort: 'name' | 'email';
      page: number;
    },
  ) => {
    const ctx = buildPageContext(request, reply);
    const { principal, options } = await personContext(request);
    const result = await inContext(app.db, options, (c) =>
      service.listStaff(c, request.params.organisationId, { search: form.search, sort: form.sort, page: form.page, pageSize: PAGE_SIZE }),
    );
    return html(
      reply,
      <StaffListPage
        ctx={ctx}
        organisationId={request.params.organisationId}
        organisationName={result.organisationName}
        result={result}
        search={form.search}
        sort={form.sort}
        assignable={assignableRoles(principal, request.params.organisationId)}
        invite={form.invite}
        errors={form.errors}
        notice={form.notice}
      />,
      form.status,
    );
  };

  app.get(
    '/beheer/organisaties/:organisationId/medewerkers',
    { config: { access: 'personalData' }, schema: { hide: true, params: orgParams, querystring: listQuery } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const m = staffMessages[buildPageContext(request, reply).locale];
      const notice =
        request.query.klaar === 'uitgenodigd' ? m.invitedNotice : request.query.klaar === 'toegevoegd' ? m.addedNotice : undefined;
      return staffList(request, reply, {
        invite: { email: '', displayName: '', roles: [] },
        errors: [],
        status: 200,
        notice,
        search: request.query.q ?? '',
        sort: request.query.sort,
        page: request.query.page,
      });
    },
  );

  app.post(
    '/beheer/organisaties/:organisationId/medewerkers',
    { config: { access: 'personalData' }, schema: { hide: true, params: orgParams } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const { options } = await personContext(request);
      const invite = {
        email: text(request.body, 'email', 300).trim(),
        displayName: text(request.body, 'displayName', 300),
        roles: list(request.body, 'roles'),
      };
      const result = await inContext(app.db, options, (c) =>
        service.inviteStaff(c, app.outbox, app.config.baseUrl, request.params.organisationId, invite),
      );
      if (!result.ok) {
        return staffList(request, reply, {
          invite,
          errors: problemMessages(ctx, result.problems),
          status: 400,
          search: '',
          sort: 'name',
          page: 1,
        });
      }
      return reply.redirect(
        `/beheer/organisaties/${request.params.organisationId}/medewerkers?klaar=${result.invited ? 'uitgenodigd' : 'toegevoegd'}`,
        303,
      );
    },
  );

  app.get(
    '/beheer/organisaties/:organisationId/medewerkers/:membershipId',
    { config: { access: 'personalData' }, schema: { hide: true, params: memberParams, querystring: memberQuery } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const m = staffMessages[ctx.locale];
      const { principal, options } = await personContext(request);
      const { organisationId, membershipId } = request.params;
      const member = await inContext(app.db, options, (c) => service.getStaffMember(c, organisationId, membershipId));
      const done = request.query.klaar;
      const notice = done === 'rollen' ? m.rolesSaved : done === 'uit' ? m.disabledNotice : done === 'aan' ? m.enabledNotice : undefined;
      const undo = done === 'uit' ? 'enable' : done === 'aan' ? 'disable' : undefined;
      return html(
        reply,
        <StaffMemberPage
          ctx={ctx}
          organisationId={organisationId}
          member={member}
          assignable={assignableRoles(principal, organisationId)}
          errors={[]}
          notice={notice}
          undo={undo}
        />,
      );
    },
  );

  app.post(
    '/beheer/organisaties/:organisationId/medewerkers/:membershipId/rollen',
    { config: { access: 'personalData' }, schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const { principal, options } = await personContext(request);
      const { organisationId, membershipId } = request.params;
      const roles = list(request.body, 'roles');
      const problems = await inContext(app.db, options, (c) => service.changeRoles(c, organisationId, membershipId, roles));
      if (problems.length > 0) {
        const member = await inContext(app.db, options, (c) => service.getStaffMember(c, organisationId, membershipId));
        return html(
          reply,
          <StaffMemberPage
            ctx={ctx}
            organisationId={organisationId}
            member={{ ...member, roles: roles as typeof member.roles }}
            assignable={assignableRoles(principal, organisationId)}
            errors={problemMessages(ctx, problems)}
          />,
          400,
        );
      }
      return reply.redirect(`/beheer/organisaties/${organisationId}/medewerkers/${membershipId}?klaar=rollen`, 303);
    },
  );

  for (const [path, disabled] of [
    ['uitschakelen', true],
    ['inschakelen', false],
  ] as const) {
    app.post(
      `/beheer/organisaties/:organisationId/medewerkers/:membershipId/${path}`,
      { config: { access: 'personalData' }, schema: { hide: true, params: memberParams } },
      async (request, reply) => {
        if (!pageSession(request, reply)) return reply;
        const { options } = await personContext(request);
        const { organisationId, membershipId } = request.params;
        await inContext(app.db, options, (c) => service.setStaffDisabled(c, organisationId, membershipId, disabled));
        return reply.redirect(`/beheer/organisaties/${organisationId}/medewerkers/${membershipId}?klaar=${disabled ? 'uit' : 'aan'}`, 303);
      },
    );
  }

  // ---- accepting an invitation ----------------------------------------------------------------
  const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
  const platform = <T,>(work: Parameters<typeof inContext<T>>[2]) => inContext(app.db, { tenantId: null, actor: anonymous }, work);

  app.get('/uitnodiging/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const im = identityMessages[ctx.locale];
    if (!(await platform((c) => identity.invitationIsValid(c, request.params.token)))) {
      return html(reply, <MessagePage ctx={ctx} title={im.linkInvalidTitle} lines={[im.linkInvalidLead]} />, 410);
    }
    return html(
      reply.header('referrer-policy', 'no-referrer'),
      <AcceptInvitationPage ctx={ctx} token={request.params.token} errors={[]} />,
    );
  });

  app.post('/uitnodiging/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = staffMessages[ctx.locale];
    const im = identityMessages[ctx.locale];
    const result = await platform((c) => identity.acceptInvitation(c, request.params.token, text(request.body, 'password', 200)));
    if (!result.ok && result.reason === 'weak') {
      const message = {
        tooShort: im.passwordTooShort,
        tooLong: im.passwordTooLong,
        tooCommon: im.passwordTooCommon,
        containsEmail: im.passwordContainsEmail,
        tooSimple: im.passwordTooSimple,
      }[result.problem];
      return html(reply, <AcceptInvitationPage ctx={ctx} token={request.params.token} errors={[{ field: 'password', message }]} />, 400);
    }
    if (!result.ok) return html(reply, <MessagePage ctx={ctx} title={im.linkInvalidTitle} lines={[im.linkInvalidLead]} />, 410);
    return html(
      reply,
      <MessagePage
        ctx={ctx}
        title={m.inviteAcceptedTitle}
        lines={[m.inviteAcceptedLead]}
        link={{ href: '/inloggen/medewerker', label: im.professionalLink }}
      />,
    );
  });
}
