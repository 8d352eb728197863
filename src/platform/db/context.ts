import type { Principal } from '../auth/roles.ts';
import type { Database, Sql } from './database.ts';
import { TENANT_SETTING } from './roles.ts';

/** Who acts: nobody signed in, an operator at the command line, the system, or a signed-in person. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'operator'; name: string }
  | { kind: 'system'; name: string }
  | { kind: 'person'; principal: Principal; ip: string | null; userAgent: string | null };

/** What every service function receives first: the transaction, the tenant, the actor and the purpose. */
export type ServiceContext = {
  sql: Sql;
  tenantId: string | null;
  actor: Actor;
  purpose: string | null;
};

export type ContextOptions = {
  tenantId: string | null;
  actor: Actor;
  purpose?: string;
  readOnly?: boolean;
};

export const anonymous: Actor = { kind: 'anonymous' };

/** Opens one transaction with the tenant set for row-level security and hands its context to the work. */
export function inContext<T>(db: Database, options: ContextOptions, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return db.transaction({ tenantId: options.tenantId, readOnly: options.readOnly ?? false }, (sql) =>
    work({ sql, tenantId: options.tenantId, actor: options.actor, purpose: options.purpose ?? null }),
  );
}

/**
 * Moves an open transaction to another tenant, for work that legitimately spans municipalities
 * (an organisation joining several networks). Row-level security follows the new tenant.
 */
export async function switchTenant(ctx: ServiceContext, tenantId: string): Promise<ServiceContext> {
  await ctx.sql.query('select set_config($1, $2, true)', [TENANT_SETTING, tenantId]);
  return { ...ctx, tenantId };
}
