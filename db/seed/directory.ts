import type { ServiceContext } from '../../src/platform/db/context.ts';

/** Demo data of the directory capability for Demodam; idempotent. Called by seedDemo. */
export async function seedDirectory(
  _ctx: ServiceContext,
  _demo: { tenantId: string; organisationIds: ReadonlyMap<string, string>; accounts: boolean },
): Promise<void> {}
