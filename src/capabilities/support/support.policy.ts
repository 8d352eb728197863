import { type Principal, rolesIn } from '../../platform/auth/roles.ts';

/**
 * Who may work on support cases (R1). Everything requires a professional with a passed second
 * factor and a chosen municipality.
 * - A support consultant works on the cases of their own organisation in that municipality, and
 *   only while the caregiver's consent for that organisation is active (data category
 *   'careRelationship', purpose 'support'): the caseload filters on it in SQL, and every case read
 *   checks it again with requireConsent.
 * - Nobody else: organisation administrators manage staff, not caregivers' support; policy
 *   officers see anonymous figures only; platform administrators manage municipalities.
 */
export const SUPPORT_CONSENT = { dataCategory: 'careRelationship', purpose: 'support' } as const;
/** The consent under which a caregiver shares their keukentafelgesprek preparation with the organisation. */
export const PREPARATION_CONSENT = { dataCategory: 'kitchenTablePreparation', purpose: 'support' } as const;

function ready(p: Principal): boolean {
  return p.kind === 'professional' && p.secondFactor && p.tenantId !== null;
}

/** The organisations (in the municipality worked in now) whose caseload this person works on. */
export function caseloadOrganisations(p: Principal): string[] {
  if (!ready(p)) return [];
  return [
    ...new Set(
      p.memberships
        .filter((m) => m.tenantId === p.tenantId && m.organisationId !== null && m.roles.includes('supportConsultant'))
        .map((m) => m.organisationId as string),
    ),
  ];
}

/** Whether this person may work on a case of this organisation (the consent is checked separately). */
export function canWorkOnCases(p: Principal, organisationId: string): boolean {
  return ready(p) && rolesIn(p, organisationId).has('supportConsultant');
}
