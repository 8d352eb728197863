import pg from 'pg';
import { ConfigError } from '../config.ts';
import { TENANT_SETTING } from './roles.ts';

// Dates stay strings ('2026-11-23') instead of becoming midnight-UTC Date objects.
pg.types.setTypeParser(1082, (value) => value);
// bigint counts fit easily in a JS number for everything Naaste counts.
pg.types.setTypeParser(20, (value) => Number(value));

export type Sql = Pick<pg.PoolClient, 'query'>;

export type TransactionOptions = {
  /** The municipality whose rows this transaction may see and change; null sees no tenant rows. */
  tenantId: string | null;
  readOnly?: boolean;
};

/** The app's connection pool. Every query runs in a transaction that carries its tenant. */
export class Database {
  readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number; applicationName?: string } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      application_name: options.applicationName ?? 'naaste',
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    });
    // An idle connection that dies (database restart) must not take the process with it.
    this.pool.on('error', () => {});
  }

  async transaction<T>(options: TransactionOptions, work: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(options.readOnly ? 'begin read only' : 'begin');
      await client.query('select set_config($1, $2, true)', [TENANT_SETTING, options.tenantId ?? '']);
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Work on platform tables only (no tenant context). */
  platform<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.transaction({ tenantId: null }, work);
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Refuses a role that could see past row-level security. */
  async assertRestrictedRole(): Promise<void> {
    const { rows } = await this.pool.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      'select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user',
    );
    const role = rows[0];
    if (role && (role.rolsuper || role.rolbypassrls)) {
      throw new ConfigError(
        `The database user ${role.rolname} can bypass row-level security; give Naaste a role without SUPERUSER and BYPASSRLS.`,
      );
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Turns a failed first connection into one sentence for the person starting Naaste. */
export async function connectOrExplain(db: Database, label: string): Promise<void> {
  try {
    const client = await db.pool.connect();
    client.release();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Naaste cannot reach the database at ${label} (${reason}).`);
  }
}

export function describeUrl(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}
