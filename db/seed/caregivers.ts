import type { ServiceContext } from '../../src/platform/db/context.ts';

/** Demo data of the caregivers capability for Demodam; idempotent. Called by seedDemo. */
export async function seedCaregivers(
  _ctx: ServiceContext,
  _demo: { tenantId: string; organisationIds: ReadonlyMap<string, string>; accounts: boolean },
): Promise<void> {}
