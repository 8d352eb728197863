import type { Principal } from '../../platform/auth/roles.ts';

/**
 * Who may do what in the caregiver's own area. The caregiver is the only person who sees or
 * changes their care relationships here; professionals see them only in their own workspace, under
 * consent. A relationship of someone else is answered as "not found", never as "forbidden".
 */

/** Only residents have a caregiver's area; staff accounts work in their workspace. */
export function canUseCareArea(p: Principal): boolean {
  return p.kind === 'resident';
}

/** The municipalities where this resident registered as a caregiver. */
export function caregiverTenants(p: Principal): string[] {
  if (!canUseCareArea(p)) return [];
  return [...new Set(p.memberships.filter((m) => m.organisationId === null && m.roles.includes('caregiver')).map((m) => m.tenantId))];
}

/** A resident may register as a caregiver in a municipality where they are not one yet. */
export function canRegisterIn(p: Principal, tenantId: string): boolean {
  return canUseCareArea(p) && !caregiverTenants(p).includes(tenantId);
}

export type RelationshipRef = { tenantId: string; caregiverId: string; endedAt: string | null };

/** Only the caregiver, in a municipality where they are a caregiver, sees their relationship. */
export function canSeeRelationship(p: Principal, r: RelationshipRef): boolean {
  return canUseCareArea(p) && r.caregiverId === p.accountId && caregiverTenants(p).includes(r.tenantId);
}

/** Changing follows seeing; an ended relationship can only be resumed, not changed. */
export function canChangeRelationship(p: Principal, r: RelationshipRef): boolean {
  return canSeeRelationship(p, r) && r.endedAt === null;
}

/** The caregiver sees notes the organisation shared with them, never the team's own notes. */
export function caregiverSeesNote(note: { visibility: 'team' | 'shared' }): boolean {
  return note.visibility === 'shared';
}
