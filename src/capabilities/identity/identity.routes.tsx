import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PasswordProblem } from '../../platform/auth/passwords.ts';
import type { Session } from '../../platform/auth/sessions.ts';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { clearSessionCookie, requireSession, setSessionCookie } from '../../platform/http/auth.ts';
import { API_PREFIX } from '../../platform/http/openapi.ts';
import { problemSchema } from '../../platform/http/problem.ts';
import { format } from '../../platform/i18n/i18n.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext, type PageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { identityMessages } from './identity.messages.ts';
import * as service from './identity.service.ts';
import {
  AccountPage,
  CodePage,
  EnrolPage,
  ForgotPage,
  LinkConfirmPage,
  MessagePage,
  ProfessionalSignInPage,
  RecoveryCodesPage,
  ResetPage,
  SignInPage,
} from './pages/identity-pages.tsx';

const AFTER_SIGN_IN = '/mijn-account';
const emailSchema = z.email().max(254);
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
const nextQuery = z.object({ terug: z.string().max(500).optional() });

/** Only a path on this site: never another host (no open redirect), never a protocol-relative URL. */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // No backslashes or control characters, which some browsers read as part of a host.
  if (value.includes('\\') || [...value].some((ch) => ch.charCodeAt(0) < 0x20)) return undefined;
  return value;
}

const field = (body: unknown, name: string, max = 300): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
};

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

function access(request: FastifyRequest): service.Access {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

function lockedMessage(ctx: PageContext, until: Date): string {
  const time = until.toLocaleTimeString(ctx.locale === 'nl' ? 'nl-NL' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });
  return format(identityMessages[ctx.locale].errorLocked, { time });
}

function passwordMessage(ctx: PageContext, problem: PasswordProblem): string {
  const m = identityMessages[ctx.locale];
  const messages: Record<PasswordProblem, string> = {
    tooShort: m.passwordTooShort,
    tooLong: m.passwordTooLong,
    tooCommon: m.passwordTooCommon,
    containsEmail: m.passwordContainsEmail,
    tooSimple: m.passwordTooSimple,
  };
  return messages[problem];
}

/**
 * A page for signed-in people only: without a session, to the sign-in page; a professional who has
 * not passed the second factor, to the code page. Returns null when it has answered.
 */
export function pageSession(request: FastifyRequest, reply: FastifyReply): Session | null {
  const session = request.session;
  const here = request.url;
  if (!session) {
    void reply.redirect(`/inloggen?terug=${encodeURIComponent(here)}`, 303);
    return null;
  }
  if (session.account.kind === 'professional' && !session.secondFactorAt) {
    const step = session.account.totpEnrolled ? '/inloggen/code' : '/inloggen/tweestaps-instellen';
    void reply.redirect(`${step}?terug=${encodeURIComponent(here)}`, 303);
    return null;
  }
  return session;
}

export async function identityRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const cookie = app.sessionCookie;
  const platform = <T,>(work: Parameters<typeof inContext<T>>[2]) => inContext(app.db, { tenantId: null, actor: anonymous }, work);
  const baseUrl = app.config.baseUrl;

  // ---- residents: sign-in by email link ---------------------------------------------------
  app.get('/inloggen', { schema: { hide: true, querystring: nextQuery } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    return html(reply, <SignInPage ctx={ctx} email="" errors={[]} />);
  });

  app.post('/inloggen/link', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const email = field(request.body, 'email').trim();
    if (!emailSchema.safeParse(email).success) {
      const errors: FieldError[] = [{ field: 'email', message: identityMessages[ctx.locale].errorEmail }];
      return html(reply, <SignInPage ctx={ctx} email={email} errors={errors} />, 400);
    }
    await platform((c) => service.requestSignInLink(c, app.outbox, email, baseUrl, ctx.locale));
    return reply.redirect('/inloggen/link-verstuurd', 303);
  });

  app.get('/inloggen/link-verstuurd', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = identityMessages[ctx.locale];
    return html(
      reply,
      <MessagePage
        ctx={ctx}
        title={m.linkSentTitle}
        lines={[m.linkSentLead, m.linkSentNothing]}
        link={{ href: '/inloggen', label: m.linkInvalidAgain }}
      />,
    );
  });

  app.get('/inloggen/link/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = identityMessages[ctx.locale];
    const valid = await platform((c) => service.signInLinkIsValid(c, request.params.token));
    if (!valid)
      return html(
        reply,
        <MessagePage
          ctx={ctx}
          title={m.linkInvalidTitle}
          lines={[m.linkInvalidLead]}
          link={{ href: '/inloggen', label: m.linkInvalidAgain }}
        />,
        410,
      );
    return html(reply.header('referrer-policy', 'no-referrer'), <LinkConfirmPage ctx={ctx} token={request.params.token} />);
  });

  app.post('/inloggen/link/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = identityMessages[ctx.locale];
    const sessionId = await platform(async (c) => {
      if (request.session) await service.signOut(c, request.session);
      return service.signInWithLink(c, request.params.token, access(request));
    });
    if (!sessionId)
      return html(
        reply,
        <MessagePage
          ctx={ctx}
          title={m.linkInvalidTitle}
          lines={[m.linkInvalidLead]}
          link={{ href: '/inloggen', label: m.linkInvalidAgain }}
        />,
        410,
      );
    setSessionCookie(reply, cookie, sessionId);
    return reply.redirect(AFTER_SIGN_IN, 303);
  });

  // ---- professionals: password, then the second factor -------------------------------------
  app.get('/inloggen/medewerker', { schema: { hide: true, querystring: nextQuery } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    return html(reply, <ProfessionalSignInPage ctx={ctx} email="" errors={[]} next={safeNext(request.query.terug)} />);
  });

  app.post('/inloggen/medewerker', { schema: { hide: true, querystring: nextQuery } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = identityMessages[ctx.locale];
    const next = safeNext(request.query.terug);
    const email = field(request.body, 'email').trim();
    const password = field(request.body, 'password', 200);
    const errors: FieldError[] = [];
    if (!emailSchema.safeParse(email).success) errors.push({ field: 'email', message: m.errorEmail });
    if (password === '') errors.push({ field: 'password', message: m.errorPasswordEmpty });
    if (errors.length > 0) return html(reply, <ProfessionalSignInPage ctx={ctx} email={email} errors={errors} next={next} />, 400);

    const result = await platform(async (c) => {
      if (request.session) await service.signOut(c, request.session);
      return service.signInWithPassword(c, { email, password, ...access(request) });
    });
    if (!result.ok) {
      const message = result.reason === 'locked' ? lockedMessage(ctx, result.until) : m.errorInvalid;
      return html(
        reply,
        <ProfessionalSignInPage ctx={ctx} email={email} errors={[{ field: 'email', message }]} next={next} />,
        result.reason === 'locked' ? 429 : 400,
      );
    }
    setSessionCookie(reply, cookie, result.sessionId);
    const step = result.next === 'enrol' ? '/inloggen/tweestaps-instellen' : '/inloggen/code';
    return reply.redirect(next ? `${step}?terug=${encodeURIComponent(next)}` : step, 303);
  });

  app.get('/inloggen/code', { schema: { hide: true, querystring: nextQuery } }, async (request, reply) => {
    if (!request.session) return reply.redirect('/inloggen/medewerker', 303);
    const ctx = buildPageContext(request, reply);
    return html(reply, <CodePage ctx={ctx} errors={[]} next={safeNext(request.query.terug)} />);
  });

  app.post('/inloggen/code', { schema: { hide: true, querystring: nextQuery } }, async (request, reply) => {
    const session = request.session;
    if (!session) return reply.redirect('/inloggen/medewerker', 303);
    const ctx = buildPageContext(request, reply);
    const m = identityMessages[ctx.locale];
    const next = safeNext(request.query.terug);
    const result = await platform((c) => service.verifySecondFactor(c, session, field(request.body, 'code', 40)));
    if (!result.ok) {
      const message = result.reason === 'locked' ? lockedMessage(ctx, result.until) : m.errorCode;
      return html(reply, <CodePage ctx={ctx} errors={[{ field: 'code', message }]} next={next} />, result.reason === 'locked' ? 429 : 400);
    }
    const target = next ?? AFTER_SIGN_IN;
    if (result.usedRecoveryCode && result.recoveryCodesLeft <= 3) {
      return reply.redirect(`${AFTER_SIGN_IN}?herstelcodes=${result.recoveryCodesLeft}`, 303);
    }
    return reply.redirect(target, 303);
  });

  app.get('/inloggen/tweestaps-instellen', { schema: { hide: true, querystring: nextQuery } }, async (request, reply) => {
    const session = request.session;
    if (session?.account.kind !== 'professional') return reply.redirect('/inloggen/medewerker', 303);
    if (session.account.totpEnrolled && !session.secondFactorAt) return reply.redirect('/inloggen/code', 303);
    const ctx = buildPageContext(request, reply);
    const enrolment = await platform((c) => service.startTotpEnrolment(c, session));
    return html(reply, <EnrolPage ctx={ctx} enrolment={enrolment} errors={[]} next={safeNext(request.query.terug)} />);
  });

  app.post('/inloggen/tweestaps-instellen', { schema: { hide: true, querystring: nextQuery } }, async (request, reply) => {
    const session = request.session;
    if (session?.account.kind !== 'professional') return reply.redirect('/inloggen/medewerker', 303);
    if (session.account.totpEnrolled && !session.secondFactorAt) return reply.redirect('/inloggen/code', 303);
    const ctx = buildPageContext(request, reply);
    const next = safeNext(request.query.terug) ?? AFTER_SIGN_IN;
    const codes = await platform((c) => service.confirmTotpEnrolment(c, session, field(request.body, 'code', 20)));
    if (!codes) {
      const enrolment = await platform((c) => service.startTotpEnrolment(c, session));
      const errors = [{ field: 'code', message: identityMessages[ctx.locale].errorCode }];
      return html(reply, <EnrolPage ctx={ctx} enrolment={enrolment} errors={errors} next={safeNext(request.query.terug)} />, 400);
    }
    return html(reply, <RecoveryCodesPage ctx={ctx} codes={codes} next={next} />);
  });

  // ---- password reset ------------------------------------------------------------------------
  app.get('/wachtwoord-vergeten', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    return html(reply, <ForgotPage ctx={ctx} email="" errors={[]} />);
  });

  app.post('/wachtwoord-vergeten', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const email = field(request.body, 'email').trim();
    if (!emailSchema.safeParse(email).success) {
      return html(
        reply,
        <ForgotPage ctx={ctx} email={email} errors={[{ field: 'email', message: identityMessages[ctx.locale].errorEmail }]} />,
        400,
      );
    }
    await platform((c) => service.requestPasswordReset(c, app.outbox, email, baseUrl, ctx.locale));
    return reply.redirect('/wachtwoord-vergeten/verstuurd', 303);
  });

  app.get('/wachtwoord-vergeten/verstuurd', { schema: { hide: true } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = identityMessages[ctx.locale];
    return html(reply, <MessagePage ctx={ctx} title={m.forgotSentTitle} lines={[m.forgotSentLead, m.linkSentNothing]} />);
  });

  app.get('/wachtwoord-herstellen/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = identityMessages[ctx.locale];
    const valid = await platform((c) => service.passwordResetIsValid(c, request.params.token));
    if (!valid)
      return html(
        reply,
        <MessagePage
          ctx={ctx}
          title={m.linkInvalidTitle}
          lines={[m.linkInvalidLead]}
          link={{ href: '/wachtwoord-vergeten', label: m.linkInvalidAgain }}
        />,
        410,
      );
    return html(reply.header('referrer-policy', 'no-referrer'), <ResetPage ctx={ctx} token={request.params.token} errors={[]} />);
  });

  app.post('/wachtwoord-herstellen/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = identityMessages[ctx.locale];
    const result = await platform((c) => service.resetPassword(c, request.params.token, field(request.body, 'password', 200)));
    if (!result.ok && result.reason === 'weak') {
      return html(
        reply,
        <ResetPage
          ctx={ctx}
          token={request.params.token}
          errors={[{ field: 'password', message: passwordMessage(ctx, result.problem) }]}
        />,
        400,
      );
    }
    if (!result.ok)
      return html(
        reply,
        <MessagePage
          ctx={ctx}
          title={m.linkInvalidTitle}
          lines={[m.linkInvalidLead]}
          link={{ href: '/wachtwoord-vergeten', label: m.linkInvalidAgain }}
        />,
        410,
      );
    clearSessionCookie(reply, cookie);
    return html(
      reply,
      <MessagePage
        ctx={ctx}
        title={m.resetDoneTitle}
        lines={[m.resetDoneLead]}
        link={{ href: '/inloggen/medewerker', label: m.professionalLink }}
      />,
    );
  });

  // ---- signed in -------------------------------------------------------------------------------
  app.get(
    '/mijn-account',
    {
      config: { access: 'signedIn' },
      schema: { hide: true, querystring: z.object({ herstelcodes: z.coerce.number().int().min(0).max(10).optional() }) },
    },
    async (request, reply) => {
      const session = pageSession(request, reply);
      if (!session) return reply;
      const ctx = buildPageContext(request, reply);
      const memberships = await platform((c) => service.memberships(c, session.account.id));
      const left = request.query.herstelcodes;
      const notice = left === undefined ? undefined : format(identityMessages[ctx.locale].recoveryLow, { n: left });
      return html(reply, <AccountPage ctx={ctx} account={session.account} memberships={memberships} notice={notice} />);
    },
  );

  app.post('/uitloggen', { schema: { hide: true } }, async (request, reply) => {
    const session = request.session;
    if (session) await platform((c) => service.signOut(c, session));
    clearSessionCookie(reply, cookie);
    return reply.redirect('/uitgelogd', 303);
  });

  app.post('/uitloggen/overal', { schema: { hide: true } }, async (request, reply) => {
    const session = request.session;
    if (session) await platform((c) => service.signOutEverywhere(c, session));
    clearSessionCookie(reply, cookie);
    return reply.redirect('/uitgelogd?overal=ja', 303);
  });

  app.get(
    '/uitgelogd',
    { schema: { hide: true, querystring: z.object({ overal: z.string().max(5).optional() }) } },
    async (request, reply) => {
      const ctx = buildPageContext(request, reply);
      const m = identityMessages[ctx.locale];
      const lines = request.query.overal === 'ja' ? [m.signedOutEverywhereLead, m.signedOutLead] : [m.signedOutLead];
      return html(
        reply,
        <MessagePage ctx={ctx} title={m.signedOutTitle} lines={lines} link={{ href: '/inloggen', label: m.signInTitle }} />,
      );
    },
  );

  // ---- API --------------------------------------------------------------------------------------
  app.get(
    `${API_PREFIX}/me`,
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'The signed-in person',
        description: 'Who is signed in, and their memberships. 401 without a session; 403 for staff who have not passed the second factor.',
        operationId: 'getMe',
        tags: ['Identity'],
        security: [{ session: [] }],
        response: {
          200: z
            .object({
              id: z.uuid(),
              email: z.string(),
              displayName: z.string(),
              kind: z.enum(['resident', 'professional']),
              platformAdmin: z.boolean(),
              memberships: z.array(
                z.object({
                  municipalityCode: z.string(),
                  municipalityName: z.string(),
                  organisationId: z.uuid().nullable(),
                  organisationName: z.string().nullable(),
                  roles: z.array(z.string()),
                }),
              ),
            })
            .meta({ id: 'Me' }),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      const memberships = await platform((c) => service.memberships(c, session.account.id));
      reply.header('cache-control', 'no-store');
      const { id, email, displayName, kind, platformAdmin } = session.account;
      return {
        id,
        email,
        displayName,
        kind,
        platformAdmin,
        memberships: memberships.map(({ municipalityCode, municipalityName, organisationId, organisationName, roles }) => ({
          municipalityCode,
          municipalityName,
          organisationId,
          organisationName,
          roles,
        })),
      };
    },
  );
}
