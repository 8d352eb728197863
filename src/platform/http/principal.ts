import type { FastifyRequest } from 'fastify';
import { membershipsOf } from '../auth/memberships.ts';
import type { Principal } from '../auth/roles.ts';
import type { Actor } from '../db/context.ts';
import { requireSession } from './auth.ts';
import './decorations.ts';

const cache = new WeakMap<FastifyRequest, Promise<Principal>>();

/**
 * The signed-in person of this request, with the memberships of the municipality they work in now
 * (the one chosen in the session, or the only one they have). Throws 401/403 as requireSession.
 */
export function principalOf(request: FastifyRequest): Promise<Principal> {
  const known = cache.get(request);
  if (known) return known;
  const session = requireSession(request);
  const loading = request.server.db
    .platform((sql) => membershipsOf(sql, session.account.id))
    .then((all) => {
      const tenants = [...new Set(all.map((m) => m.tenantId))];
      const chosen =
        session.tenantId && tenants.includes(session.tenantId) ? session.tenantId : tenants.length === 1 ? (tenants[0] ?? null) : null;
      return {
        accountId: session.account.id,
        kind: session.account.kind,
        platformAdmin: session.account.platformAdmin,
        secondFactor: session.account.kind === 'resident' || session.secondFactorAt !== null,
        tenantId: chosen,
        memberships: all,
      } satisfies Principal;
    });
  cache.set(request, loading);
  return loading;
}

/** The actor for a service call made on behalf of this person, with the access point for the access log. */
export function personActor(request: FastifyRequest, principal: Principal): Actor {
  const ua = request.headers['user-agent'];
  return { kind: 'person', principal, ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null };
}

/** Context options for a service call on behalf of the signed-in person, in the municipality they work in now. */
export async function personContext(
  request: FastifyRequest,
): Promise<{ principal: Principal; options: { tenantId: string | null; actor: Actor } }> {
  const principal = await principalOf(request);
  return { principal, options: { tenantId: principal.tenantId, actor: personActor(request, principal) } };
}
