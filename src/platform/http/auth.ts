import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findSession, type Session, SESSION_LIMITS } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { HttpProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, or null. Loaded once per request from PostgreSQL (shared by all nodes). */
    session: Session | null;
  }
}

export type SessionCookie = { name: string; secure: boolean };

export function sessionCookie(secure: boolean): SessionCookie {
  // __Host- binds the cookie to this exact host, path / and https; plain-http localhost cannot use it.
  return { name: secure ? '__Host-naaste-session' : 'naaste-session', secure };
}

export function registerSessions(app: FastifyInstance, options: { db: Database; cookie: SessionCookie }): void {
  app.decorateRequest('session', null);
  app.addHook('preHandler', async (request) => {
    const id = request.cookies[options.cookie.name];
    if (!id || request.url.startsWith('/assets/')) return;
    request.session = await options.db.platform((sql) => findSession(sql, id));
  });
}

export function setSessionCookie(reply: FastifyReply, cookie: SessionCookie, id: string): void {
  reply.setCookie(cookie.name, id, {
    path: '/',
    httpOnly: true,
    secure: cookie.secure,
    sameSite: 'lax',
    maxAge: SESSION_LIMITS.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, cookie: SessionCookie): void {
  reply.clearCookie(cookie.name, { path: '/', httpOnly: true, secure: cookie.secure, sameSite: 'lax' });
}

/**
 * The session of a signed-in person; professionals must also have passed their second factor
 * before anything with personal data is shown.
 */
export function requireSession(request: FastifyRequest, options: { secondFactor?: boolean } = {}): Session {
  const session = request.session;
  if (!session) throw new HttpProblem(401, 'Sign in first.');
  const needsSecondFactor = options.secondFactor ?? session.account.kind === 'professional';
  if (needsSecondFactor && !session.secondFactorAt) {
    throw new HttpProblem(403, 'Confirm your sign-in with the code from your authenticator app first.');
  }
  return session;
}
