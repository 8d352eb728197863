import { hasRole, type Principal } from '../../platform/auth/roles.ts';

/**
 * Who may import a dataset into a municipality's social map and download it as CSV: its network
 * coordinator or a municipality administrator, working in that municipality, with a passed second
 * factor. What they import is published at once (the network coordinator is the one who reviews
 * entries anyway; docs/decisions/0018).
 */
export function canExchangeDirectory(p: Principal): boolean {
  return (
    p.kind === 'professional' &&
    p.secondFactor &&
    p.tenantId !== null &&
    (hasRole(p, 'networkCoordinator') || hasRole(p, 'municipalityAdmin'))
  );
}
