import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request from a browser form must carry the token from its page
 * (double-submit with a signed, HttpOnly cookie). The token travels in the form field `_csrf`.
 */
export async function registerCsrf(app: FastifyInstance, options: { secureCookie: boolean }): Promise<void> {
  await app.register(csrf, {
    cookieKey: options.secureCookie ? '__Host-naaste-csrf' : 'naaste-csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.secureCookie, signed: true },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      const header = request.headers['x-csrf-token'];
      return fromBody ?? (typeof header === 'string' ? header : undefined);
    },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set to false only for endpoints that no browser session can reach (e.g. token-authenticated API). */
    csrf?: boolean;
  }
}
