import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { APP_ROLE } from './roles.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/migrations/', import.meta.url));

// Any constant works; it only has to be the same on every node so that two nodes starting
// together run each migration once.
const MIGRATION_LOCK = 724_311_001;

export type MigrationResult = { applied: string[]; alreadyApplied: number };

async function migrationFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir);
  return names.filter((n) => /^\d{4}_[a-z0-9_]+\.sql$/.test(n)).sort();
}

/**
 * Runs every migration not yet applied, each in its own transaction, under an advisory lock.
 * Forward-only: a file that changed after it was applied stops the run.
 */
export async function migrate(ownerUrl: string, options: { runtimeUrl?: string; dir?: string } = {}): Promise<MigrationResult> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'naaste-migrate' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`create table if not exists schema_migrations (
      version text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const done = new Map(
      (await client.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations')).rows.map((r) => [
        r.version,
        r.checksum,
      ]),
    );
    const applied: string[] = [];
    for (const name of await migrationFiles(dir)) {
      const text = await fs.readFile(`${dir}/${name}`, 'utf8');
      const checksum = createHash('sha256').update(text).digest('hex');
      const version = name.replace(/\.sql$/, '');
      const known = done.get(version);
      if (known) {
        if (known !== checksum) throw new Error(`Migration ${name} changed after it was applied; add a new migration instead.`);
        continue;
      }
      await client.query('begin');
      try {
        await client.query(text);
        await client.query('insert into schema_migrations (version, checksum) values ($1, $2)', [version, checksum]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Migration ${name} failed: ${reason}`);
      }
      applied.push(version);
    }
    if (options.runtimeUrl) await grantAppRole(client, options.runtimeUrl);
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/** The runtime login gets the app role's privileges when it is a different user than the owner. */
async function grantAppRole(client: pg.Client, runtimeUrl: string): Promise<void> {
  const runtimeUser = decodeURIComponent(new URL(runtimeUrl).username);
  const owner = (await client.query<{ u: string }>('select current_user as u')).rows[0]?.u;
  if (!runtimeUser || runtimeUser === owner || runtimeUser === APP_ROLE) return;
  const member = await client.query('select pg_has_role($1, $2, $3) as m', [runtimeUser, APP_ROLE, 'member']);
  if (!member.rows[0]?.m) await client.query(`grant ${APP_ROLE} to ${pg.escapeIdentifier(runtimeUser)}`);
}
