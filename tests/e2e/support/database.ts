import pg from 'pg';
import { inject } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../../db/seed/demo.ts';
import { hashPassword } from '../../../src/platform/auth/passwords.ts';
import type { Role } from '../../../src/platform/auth/roles.ts';
import { startEmbeddedPostgres } from '../../../src/platform/db/embedded.ts';

/** Work on the running server's database as its owner (the embedded cluster is shared, not started again). */
export async function withServerDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const external = process.env.TEST_E2E_DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres({ dataDir: inject('e2eDataDir') });
  const client = new pg.Client({ connectionString: external ?? embedded?.ownerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

let demoPasswordHash: Promise<string> | undefined;

/**
 * A professional account of a journey's own, with the demo password and authenticator secret and
 * one role in the municipality (for an organisation, or for the municipality itself); its id.
 * Each sign-in wants an account of its own: an authenticator code is accepted once per account.
 */
export async function insertStaffAccount(
  client: pg.Client,
  account: { tenantId: string; organisationId: string | null; email: string; name: string; role: Role },
): Promise<string> {
  demoPasswordHash ??= hashPassword(DEMO_PASSWORD);
  const id = (
    await client.query<{ id: string }>(
      `insert into accounts (email, display_name, kind, password_hash, totp_secret, totp_enrolled_at)
       values ($1, $2, 'professional', $3, $4, now()) returning id`,
      [account.email, account.name, await demoPasswordHash, DEMO_TOTP_SECRET],
    )
  ).rows[0]?.id;
  if (!id) throw new Error(`The account ${account.email} was not stored.`);
  await client.query('insert into memberships (tenant_id, account_id, organisation_id, roles) values ($1, $2, $3, $4)', [
    account.tenantId,
    id,
    account.organisationId,
    [account.role],
  ]);
  return id;
}
