import { hasRole, PROFESSIONAL_ROLES, type Principal, type Role } from '../../platform/auth/roles.ts';

/**
 * Who may manage the staff of an organisation, and which roles they may hand out. Everything
 * requires a passed second factor and a chosen municipality.
 * - An organisation administrator manages the staff of their own organisation, with the roles that
 *   belong to an organisation's work.
 * - A municipality administrator manages staff of every organisation in the municipality's
 *   network, and also hands out the municipality-wide roles (network coordinator, policy officer,
 *   municipality administrator).
 * - Nobody else, platform administrators included: they manage municipalities, not people's work.
 */
export const ORGANISATION_ROLES: Role[] = [
  'generalist',
  'supportConsultant',
  'volunteerCoordinator',
  'directoryEditor',
  'organisationAdmin',
];
export const MUNICIPALITY_ROLES: Role[] = ['networkCoordinator', 'policyOfficer', 'municipalityAdmin'];

function ready(p: Principal): boolean {
  return p.kind === 'professional' && p.secondFactor && p.tenantId !== null;
}

export function canManageStaff(p: Principal, organisationId: string): boolean {
  return ready(p) && (hasRole(p, 'organisationAdmin', organisationId) || hasRole(p, 'municipalityAdmin'));
}

export function assignableRoles(p: Principal, organisationId: string): Role[] {
  if (!ready(p)) return [];
  if (hasRole(p, 'municipalityAdmin')) return [...PROFESSIONAL_ROLES];
  if (hasRole(p, 'organisationAdmin', organisationId)) return [...ORGANISATION_ROLES];
  return [];
}

/** The organisations whose staff this person manages, within their municipality. */
export function managedOrganisations(p: Principal): 'all' | string[] {
  if (!ready(p)) return [];
  if (hasRole(p, 'municipalityAdmin')) return 'all';
  return p.memberships
    .filter((m) => m.tenantId === p.tenantId && m.organisationId && m.roles.includes('organisationAdmin'))
    .map((m) => m.organisationId as string);
}
