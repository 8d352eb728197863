import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { APP_ROLE } from '../../src/platform/db/roles.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgAppPassword: string;
    pgTemplate: string;
    /** Prefix of this run's databases, so runs on one server never touch each other's. */
    pgRunPrefix: string;
    pgServerVersion: string;
  }
}

const APP_PASSWORD_FOR_EXTERNAL = 'naaste-test-only';

/**
 * One PostgreSQL for the whole run: the embedded one by default, or the server named by
 * TEST_DATABASE_ADMIN_URL (a superuser connection). A migrated template database is made once;
 * every test file clones it.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  let appPassword = APP_PASSWORD_FOR_EXTERNAL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    // A cluster of this run's own: test runs side by side (or a browser-test server) never share one.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naaste-test-pg-'));
    const embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', ephemeralSettings: true });
    adminUrl = embedded.ownerUrl;
    appPassword = decodeURIComponent(new URL(embedded.appUrl).password);
    stop = async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  } else {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    await admin.query(
      `${exists.rowCount ? 'alter' : 'create'} role ${APP_ROLE} login nosuperuser nobypassrls password ${pg.escapeLiteral(appPassword)}`,
    );
    await admin.end();
  }

  const template = `naaste_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const version = (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? 'unknown';
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await migrate(templateUrl.toString());

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgAppPassword', appPassword);
  project.provide('pgTemplate', template);
  const runPrefix = `naaste_t_${process.pid}_`;
  project.provide('pgRunPrefix', runPrefix);
  project.provide('pgServerVersion', version);
  process.stdout.write(`test database: PostgreSQL ${version}\n`);

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const leftovers = await cleanup.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $2) or datname = $1`,
      [template, runPrefix],
    );
    for (const row of leftovers.rows) await cleanup.query(`drop database if exists ${pg.escapeIdentifier(row.datname)} with (force)`);
    await cleanup.end();
    if (stop) await stop();
  };
}
