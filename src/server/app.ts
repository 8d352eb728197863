import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { aboutRoutes } from '../capabilities/about/about.routes.tsx';
import { apiDocsRoutes } from '../capabilities/api-docs/api-docs.routes.tsx';
import { feedbackRoutes } from '../capabilities/feedback/feedback.routes.tsx';
import { identityRoutes } from '../capabilities/identity/identity.routes.tsx';
import { ssoRoutes } from '../capabilities/identity/sso.routes.tsx';
import { staffRoutes } from '../capabilities/staff/staff.routes.tsx';
import { accessReviewRoutes } from '../capabilities/access-review/access-review.routes.tsx';
import { organisationAdminRoutes } from '../capabilities/organisations/organisations.admin.routes.tsx';
import { devMailboxRoutes } from '../capabilities/dev-mailbox/dev-mailbox.routes.tsx';
import { healthRoutes } from '../capabilities/health/health.routes.ts';
import { homeRoutes } from '../capabilities/home/home.routes.tsx';
import { organisationsRoutes } from '../capabilities/organisations/organisations.routes.tsx';
import { privacyRoutes } from '../capabilities/privacy/privacy.routes.tsx';
import { recognitionRoutes } from '../capabilities/recognition/recognition.routes.tsx';
import { balanceCheckRoutes } from '../capabilities/balance-check/balance-check.routes.tsx';
import { caregiverRoutes } from '../capabilities/caregivers/caregivers.routes.tsx';
import { supportRoutes } from '../capabilities/support/support.routes.tsx';
import { directoryRoutes } from '../capabilities/directory/directory.routes.tsx';
import { hsdsRoutes } from '../capabilities/hsds/hsds.routes.tsx';
import { directoryAdminRoutes } from '../capabilities/directory-admin/directory-admin.routes.tsx';
import { type Config, isLocalHttp } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import '../platform/http/decorations.ts';
import { registerSessions, sessionCookie } from '../platform/http/auth.ts';
import { registerCsrf } from '../platform/http/csrf.ts';
import { collectRoutes } from '../platform/http/route-table.ts';
import type { Outbox } from '../platform/http/decorations.ts';
import type { DevMailbox } from '../platform/mail/dev-smtp.ts';
import { queueEmail } from '../platform/mail/email-job.ts';
import { API_PREFIX, API_VERSION, registerOpenApi } from '../platform/http/openapi.ts';
import { registerRateLimit, registerSecurityHeaders, requestId } from '../platform/http/security.ts';
import { registerAssets } from '../ui/assets.ts';
import { isApiRequest, registerErrorHandling } from './errors.tsx';

export type AppDependencies = {
  config: Config;
  db: Database;
  /** Secret for signed cookies; the same on every node (kept in the database). */
  cookieSecret: string;
  logger?: boolean | { level: string };
  /** Where services put outgoing mail; by default the job queue (kind email.send), in the caller's transaction. */
  outbox?: Outbox;
  /** The development SMTP server's store; when given (never in production), /dev/mailbox shows it. */
  mailbox?: DevMailbox | undefined;
};

const queueEmailJob: Outbox = async (ctx, message) => {
  await queueEmail(ctx.sql, message);
};

/** Builds the whole HTTP application: platform plugins first, then each capability. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    genReqId: (request) => requestId(request.headers['x-request-id']),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('db', deps.db);
  app.decorate('outbox', deps.outbox ?? queueEmailJob);
  collectRoutes(app);

  const secure = !isLocalHttp(config);
  await registerSecurityHeaders(app, { hsts: secure });
  await registerRateLimit(app, { perMinute: config.rateLimitPerMinute });
  await app.register(cookie, { secret: deps.cookieSecret });
  await app.register(formbody);
  await registerCsrf(app, { secureCookie: secure });
  app.decorate('sessionCookie', sessionCookie(secure));
  registerSessions(app, { db: deps.db, cookie: app.sessionCookie });
  await registerOpenApi(app, { baseUrl: config.baseUrl });
  registerErrorHandling(app);

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    // Nothing shown to a signed-in person is kept in a shared or back-button cache.
    if (request.session) reply.header('cache-control', 'no-store');
    if (isApiRequest(request)) {
      reply.header('api-version', API_VERSION);
      // The API's data is public or bearer-protected: any origin may read it, never with cookies.
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'API-Version, X-Request-Id');
    }
    return payload;
  });

  await registerAssets(app);
  await app.register(healthRoutes);
  if (deps.mailbox && config.env !== 'production') await app.register(devMailboxRoutes(deps.mailbox));
  await app.register(homeRoutes);
  await app.register(organisationsRoutes);
  await app.register(apiDocsRoutes);
  await app.register(aboutRoutes);
  await app.register(feedbackRoutes);
  await app.register(identityRoutes);
  await app.register(ssoRoutes);
  await app.register(staffRoutes);
  await app.register(accessReviewRoutes);
  await app.register(organisationAdminRoutes);
  await app.register(privacyRoutes);
  await app.register(recognitionRoutes);
  await app.register(balanceCheckRoutes);
  await app.register(caregiverRoutes);
  await app.register(supportRoutes);
  await app.register(directoryRoutes);
  await app.register(hsdsRoutes);
  await app.register(directoryAdminRoutes);

  app.log.debug({ api: API_PREFIX }, 'routes registered');
  return app;
}
