import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/auth.ts';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { safeNext } from './identity.routes.tsx';
import { MessagePage, ProfessionalSignInPage } from './pages/identity-pages.tsx';
import { SSO_EMAIL_FIELD } from './pages/sso-pages.tsx';
import { ssoMessages } from './sso.messages.ts';
import * as service from './sso.service.ts';

const AFTER_SIGN_IN = '/mijn-account';
const CALLBACK_PATH = '/inloggen/sso/terug';
const nextQuery = z.object({ terug: z.string().max(500).optional() });
// The provider's answer: code, state and iss, or error with a description. Lengths bound what we read.
const callbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  session_state: z.string().max(500).optional(),
});

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

/** The started sign-in travels in a signed, HttpOnly, SameSite=Lax cookie: Lax lets it come back on the provider's redirect. */
function pendingCookieName(secure: boolean): string {
  return secure ? '__Host-naaste-sso' : 'naaste-sso';
}

function readPending(request: FastifyRequest, name: string): service.PendingSignIn | null {
  const raw = request.cookies[name];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const parsed = service.pendingSignInSchema.safeParse(JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Browsers apply the page's CSP form-action to where a form's answer redirects: this one answer may
 * send the browser on to the organisation's provider (and nowhere else).
 */
function allowFormRedirectTo(reply: FastifyReply, origin: string): void {
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp !== 'string') return;
  reply.header(
    'content-security-policy',
    csp.replace(/form-action ([^;]*)/, (_whole, sources: string) => `form-action ${sources} ${origin}`),
  );
}

export async function ssoRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const cookie = app.sessionCookie;
  const pendingCookie = {
    name: pendingCookieName(cookie.secure),
    options: { path: '/', httpOnly: true, secure: cookie.secure, sameSite: 'lax' as const },
  };
  const transact: service.Transact = (work) => inContext(app.db, { tenantId: null, actor: anonymous }, work);
  const redirectUri = `${app.config.baseUrl}${CALLBACK_PATH}`;

  app.post('/inloggen/sso', { schema: { hide: true, querystring: nextQuery } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = ssoMessages[ctx.locale];
    const next = safeNext(request.query.terug);
    const value = (request.body as Record<string, unknown> | undefined)?.[SSO_EMAIL_FIELD];
    const email = typeof value === 'string' ? value.slice(0, 300).trim() : '';
    const again = (message: string, status: number) =>
      html(
        reply,
        <ProfessionalSignInPage ctx={ctx} email="" ssoEmail={email} errors={[{ field: SSO_EMAIL_FIELD, message }]} next={next} />,
        status,
      );
    if (!z.email().max(254).safeParse(email).success) return again(m.errorEmail, 400);

    const result = await service.startSignIn(transact, { email, redirectUri, next });
    if (!result.ok && result.reason === 'unknownDomain') return again(m.errorUnknownDomain, 400);
    if (!result.ok) {
      request.log.warn({ err: result.error }, 'single sign-on: the identity provider could not be reached');
      return failure(reply, ctx, m.failedUnavailable, 502);
    }
    const value64 = Buffer.from(JSON.stringify(result.pending)).toString('base64url');
    reply.setCookie(pendingCookie.name, value64, { ...pendingCookie.options, signed: true, maxAge: service.SSO_REQUEST_MINUTES * 60 });
    allowFormRedirectTo(reply, new URL(result.url).origin);
    return reply.redirect(result.url, 303);
  });

  app.get(CALLBACK_PATH, { schema: { hide: true, querystring: callbackQuery } }, async (request, reply) => {
    const ctx = buildPageContext(request, reply);
    const m = ssoMessages[ctx.locale];
    const pending = readPending(request, pendingCookie.name);
    // Single use: the started sign-in is gone whatever the outcome.
    reply.clearCookie(pendingCookie.name, pendingCookie.options);
    const ua = request.headers['user-agent'];
    const result = await service.finishSignIn(transact, {
      pending,
      // The URL the provider redirected to, as the public address of this site (behind any proxy).
      callbackUrl: new URL(request.url, app.config.baseUrl),
      previous: request.session,
      ip: request.ip ?? null,
      userAgent: typeof ua === 'string' ? ua : null,
    });
    if (!result.ok) {
      if (request.session) clearSessionCookie(reply, cookie);
      request.log.info({ reason: result.reason, err: result.error }, 'single sign-on refused');
      const messages: Record<service.FinishFailure, [string, number]> = {
        badState: [m.failedBadState, 400],
        providerError: [m.failedProvider, 400],
        providerUnavailable: [m.failedUnavailable, 502],
        disabled: [m.failedDisabled, 403],
        unknownPerson: [m.failedUnknownPerson, 403],
      };
      const [message, status] = messages[result.reason];
      return failure(reply, ctx, message, status);
    }
    setSessionCookie(reply, cookie, result.sessionId);
    const next = safeNext(pending?.next);
    if (result.next === 'done') return reply.redirect(next ?? AFTER_SIGN_IN, 303);
    const step = result.next === 'enrol' ? '/inloggen/tweestaps-instellen' : '/inloggen/code';
    return reply.redirect(next ? `${step}?terug=${encodeURIComponent(next)}` : step, 303);
  });

  function failure(reply: FastifyReply, ctx: ReturnType<typeof buildPageContext>, line: string, status: number): FastifyReply {
    const m = ssoMessages[ctx.locale];
    return html(
      reply,
      <MessagePage ctx={ctx} title={m.failedTitle} lines={[line]} link={{ href: '/inloggen/medewerker', label: m.tryAgain }} />,
      status,
    );
  }
}
