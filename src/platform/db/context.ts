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

/**
 * Marks an error whose record must outlive the work it stops: a refused access is logged even
 * though the request fails. `inContext` undoes the work, runs the record, commits, then throws.
 * The record sets its own tenant (the work's tenant switches are undone with the work).
 */
export const RECORD_ON_FAILURE = Symbol('recordOnFailure');
export type RecordedFailure = Error & { [RECORD_ON_FAILURE]: (sql: Sql) => Promise<void> };

function isRecordedFailure(error: unknown): error is RecordedFailure {
  return error instanceof Error && typeof (error as Partial<RecordedFailure>)[RECORD_ON_FAILURE] === 'function';
}

/** Opens one transaction with the tenant set for row-level security and hands its context to the work. */
export async function inContext<T>(db: Database, options: ContextOptions, work: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  let failure: RecordedFailure | null = null;
  const result = await db.transaction({ tenantId: options.tenantId, readOnly: options.readOnly ?? false }, async (sql) => {
    // A read-only transaction cannot record anything, so it needs no way back either.
    if (!options.readOnly) await sql.query('savepoint work');
    try {
      return await work({ sql, tenantId: options.tenantId, actor: options.actor, purpose: options.purpose ?? null });
    } catch (error) {
      if (options.readOnly || !isRecordedFailure(error)) throw error;
      await sql.query('rollback to savepoint work');
      await error[RECORD_ON_FAILURE](sql);
      failure = error;
      return undefined as T;
    }
  });
  if (failure) throw failure;
  return result;
}

/**
 * Moves an open transaction to another tenant, for work that legitimately spans municipalities
 * (an organisation joining several networks). Row-level security follows the new tenant.
 */
export async function switchTenant(ctx: ServiceContext, tenantId: string): Promise<ServiceContext> {
  await ctx.sql.query('select set_config($1, $2, true)', [TENANT_SETTING, tenantId]);
  return { ...ctx, tenantId };
}
