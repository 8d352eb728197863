import path from 'node:path';
import type { Config } from '../platform/config.ts';
import { connectOrExplain, Database, describeUrl } from '../platform/db/database.ts';
import { startEmbeddedPostgres } from '../platform/db/embedded.ts';
import { migrate } from '../platform/db/migrate.ts';

export type DatabaseSetup = {
  db: Database;
  ownerUrl: string;
  appUrl: string;
  embedded: boolean;
  /** Closes the pool and, when embedded, stops PostgreSQL. */
  close: () => Promise<void>;
};

/**
 * Without DATABASE_URL: start the embedded PostgreSQL in the data directory. With it: use that
 * server. Either way: migrate as the owner, then connect as the restricted app role.
 */
export async function setUpDatabase(config: Config, log: (message: string) => void): Promise<DatabaseSetup> {
  let ownerUrl = config.databaseOwnerUrl;
  let appUrl = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!appUrl || !ownerUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
    log(`embedded PostgreSQL started on port ${embedded.port} with data in ${path.join(config.dataDir, 'postgres')}`);
    ownerUrl = embedded.ownerUrl;
    appUrl = embedded.appUrl;
    stopEmbedded = embedded.stop;
  }
  const stop = async () => {
    if (stopEmbedded) await stopEmbedded();
  };
  try {
    const owner = new Database(ownerUrl, { max: 1, applicationName: 'naaste-owner-check' });
    await connectOrExplain(owner, describeUrl(ownerUrl)).finally(() => owner.close());
    const result = await migrate(ownerUrl, { runtimeUrl: appUrl });
    if (result.applied.length) log(`applied migrations: ${result.applied.join(', ')}`);
    const db = new Database(appUrl);
    await connectOrExplain(db, describeUrl(appUrl));
    await db.assertRestrictedRole();
    return {
      db,
      ownerUrl,
      appUrl,
      embedded: Boolean(stopEmbedded),
      close: async () => {
        await db.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
