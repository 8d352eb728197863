import type { Principal, Role } from '../auth/roles.ts';
import type { ServiceContext } from '../db/context.ts';
import type { AccessEvent } from './access-log.ts';

/** Who acted and from where, as one access-log line records it. */
export type ActorFields = Pick<AccessEvent, 'userId' | 'role' | 'ip' | 'userAgent'>;

/** The roles an account holds in one municipality, each once, across its memberships there. */
export function tenantRoles(principal: Principal, tenantId: string | null): Role[] {
  return [...new Set(principal.memberships.filter((m) => m.tenantId === tenantId).flatMap((m) => m.roles))];
}

/**
 * The actor's fields for an access-log line (who, role, access point). The role is the person's
 * roles in this municipality, or the kind of account when they hold none here (a resident using
 * their own pages); an operator or the system is named by its kind; an anonymous visitor has none.
 */
export function actorFields(ctx: ServiceContext): ActorFields {
  const actor = ctx.actor;
  if (actor.kind !== 'person') return { userId: null, role: actor.kind === 'anonymous' ? null : actor.kind, ip: null, userAgent: null };
  const roles = tenantRoles(actor.principal, ctx.tenantId);
  return {
    userId: actor.principal.accountId,
    role: roles.length > 0 ? roles.join(',') : actor.principal.kind,
    ip: actor.ip,
    userAgent: actor.userAgent,
  };
}

/**
 * The actor's fields for staff work (staff administration, support cases, the social map's
 * editing): the role is only the roles held in this municipality (empty when none), and every
 * field is empty when the actor is not a signed-in person.
 */
export function staffActorFields(ctx: ServiceContext): ActorFields {
  const actor = ctx.actor.kind === 'person' ? ctx.actor : null;
  return {
    userId: actor?.principal.accountId ?? null,
    role: actor ? tenantRoles(actor.principal, ctx.tenantId).join(',') : null,
    ip: actor?.ip ?? null,
    userAgent: actor?.userAgent ?? null,
  };
}
