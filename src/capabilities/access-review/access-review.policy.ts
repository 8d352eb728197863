import { hasRole, type Principal } from '../../platform/auth/roles.ts';

/**
 * Who may review the access log of an organisation (the monthly access review of NEN 7513).
 * Everything requires a passed second factor and a chosen municipality.
 * - An organisation administrator reviews their own organisation.
 * - A municipality administrator reviews every organisation in the municipality's network (the
 *   service checks that the organisation is in it).
 * - Nobody else: policy officers see figures, not who looked at whom; platform administrators
 *   manage municipalities, not people's work.
 */
export function canReviewAccess(p: Principal, organisationId: string): boolean {
  if (p.kind !== 'professional' || !p.secondFactor || p.tenantId === null) return false;
  return hasRole(p, 'organisationAdmin', organisationId) || hasRole(p, 'municipalityAdmin');
}
