import { hasRole, type Principal } from '../../platform/auth/roles.ts';

/**
 * Who manages the tenants and their networks. Both need a passed second factor.
 * - Platform administrators start a municipality's network and invite its first administrator.
 * - Municipality administrators add organisations to their own municipality's network.
 */
export function canManageMunicipalities(p: Principal): boolean {
  return p.platformAdmin && p.secondFactor;
}

export function canManageNetwork(p: Principal): boolean {
  return p.kind === 'professional' && p.secondFactor && p.tenantId !== null && hasRole(p, 'municipalityAdmin');
}
