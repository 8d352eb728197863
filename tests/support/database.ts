import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { Database } from '../../src/platform/db/database.ts';
import { APP_ROLE } from '../../src/platform/db/roles.ts';

export type TestDatabase = {
  /** The app's pool, connected as the restricted app role. */
  db: Database;
  /** Superuser connection to this database, for set-up and inspection only. */
  ownerUrl: string;
  /** Connection string of the restricted app role. */
  appUrl: string;
  name: string;
  drop: () => Promise<void>;
};

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `${inject('pgRunPrefix')}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const ownerUrl = withDatabase(adminUrl, name);
  const app = new URL(ownerUrl);
  app.username = APP_ROLE;
  app.password = inject('pgAppPassword');
  const appUrl = app.toString();
  const db = new Database(appUrl, { max: 5 });
  return {
    db,
    ownerUrl,
    appUrl,
    name,
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs SQL as the superuser (to set up fixtures that bypass the app on purpose). */
export async function asOwner<T>(ownerUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
