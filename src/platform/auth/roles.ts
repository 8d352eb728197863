/** The roles of the Mezzo model's network (X1). Residents hold resident roles; staff hold professional roles. */
export const RESIDENT_ROLES = ['caregiver', 'volunteer'] as const;
export const PROFESSIONAL_ROLES = [
  'generalist',
  'supportConsultant',
  'volunteerCoordinator',
  /** Edits its organisation's entries on the social map (C2), without managing staff. */
  'directoryEditor',
  'networkCoordinator',
  'policyOfficer',
  'organisationAdmin',
  'municipalityAdmin',
] as const;
export const ROLES = [...RESIDENT_ROLES, ...PROFESSIONAL_ROLES] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** One membership: roles in a municipality, for an organisation (or for the municipality itself). */
export type Membership = {
  tenantId: string;
  municipalityCode: string;
  municipalityName: string;
  organisationId: string | null;
  organisationName: string | null;
  roles: Role[];
};

/**
 * Who is asking, as every policy sees it: the account, whether it is a platform administrator,
 * and its memberships in the municipality of this request (none when no municipality is chosen).
 */
export type Principal = {
  accountId: string;
  kind: 'resident' | 'professional';
  platformAdmin: boolean;
  secondFactor: boolean;
  tenantId: string | null;
  memberships: Membership[];
};

export function rolesIn(principal: Principal, organisationId?: string | null): Set<Role> {
  const roles = new Set<Role>();
  for (const m of principal.memberships) {
    if (m.tenantId !== principal.tenantId) continue;
    if (organisationId !== undefined && m.organisationId !== organisationId) continue;
    for (const r of m.roles) roles.add(r);
  }
  return roles;
}

export function hasRole(principal: Principal, role: Role, organisationId?: string | null): boolean {
  return rolesIn(principal, organisationId).has(role);
}
