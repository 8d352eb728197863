import { randomBytes } from 'node:crypto';
import type { Database } from './database.ts';

/** Returns the named secret, creating it on first use; all nodes then read the same value. */
export async function sharedSecret(db: Database, name: string): Promise<string> {
  return db.platform(async (sql) => {
    await sql.query('insert into platform_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [
      name,
      randomBytes(32).toString('base64url'),
    ]);
    const { rows } = await sql.query<{ value: string }>('select value from platform_secrets where name = $1', [name]);
    const value = rows[0]?.value;
    if (!value) throw new Error(`Secret ${name} could not be read.`);
    return value;
  });
}
