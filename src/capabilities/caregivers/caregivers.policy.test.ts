import { describe, expect, it } from 'vitest';
import type { Membership, Principal } from '../../platform/auth/roles.ts';
import {
  canChangeRelationship,
  canRegisterIn,
  canSeeRelationship,
  canUseCareArea,
  caregiverSeesNote,
  caregiverTenants,
} from './caregivers.policy.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const ORG = '00000000-0000-4000-8000-0000000000f1';
const me = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';

const membership = (tenantId: string, roles: Membership['roles'], organisationId: string | null = null): Membership => ({
  tenantId,
  municipalityCode: tenantId === A ? 'GM9001' : 'GM9002',
  municipalityName: tenantId === A ? 'Adorp' : 'Bedorp',
  organisationId,
  organisationName: organisationId ? 'Steunpunt' : null,
  roles,
});

const person = (kind: Principal['kind'], memberships: Membership[]): Principal => ({
  accountId: me,
  kind,
  platformAdmin: false,
  secondFactor: true,
  tenantId: memberships[0]?.tenantId ?? null,
  memberships,
});

const caregiverInA = person('resident', [membership(A, ['caregiver'])]);
const mine = { tenantId: A, caregiverId: me, endedAt: null };

describe('the caregiver’s own area', () => {
  it('is for residents, not for staff', () => {
    expect(canUseCareArea(caregiverInA)).toBe(true);
    expect(canUseCareArea(person('resident', []))).toBe(true);
    expect(canUseCareArea(person('professional', [membership(A, ['supportConsultant'], ORG)]))).toBe(false);
  });

  it('knows where a resident is a caregiver: only their own caregiver memberships count', () => {
    expect(caregiverTenants(caregiverInA)).toEqual([A]);
    expect(caregiverTenants(person('resident', [membership(A, ['volunteer'])]))).toEqual([]);
    expect(caregiverTenants(person('resident', [membership(A, ['caregiver']), membership(B, ['caregiver', 'volunteer'])]))).toEqual([A, B]);
    // Staff never have a caregiver's area, whatever their memberships say.
    expect(caregiverTenants(person('professional', [membership(A, ['caregiver'])]))).toEqual([]);
  });

  it('lets a resident register where they are not a caregiver yet', () => {
    expect(canRegisterIn(caregiverInA, B)).toBe(true);
    expect(canRegisterIn(caregiverInA, A)).toBe(false);
    expect(canRegisterIn(person('professional', []), A)).toBe(false);
  });
});

describe('a care relationship', () => {
  it('is seen and changed by its caregiver, in a municipality where they are a caregiver', () => {
    expect(canSeeRelationship(caregiverInA, mine)).toBe(true);
    expect(canChangeRelationship(caregiverInA, mine)).toBe(true);
  });

  it('is never seen by another resident, by the same person in another municipality, or by staff', () => {
    expect(canSeeRelationship(caregiverInA, { ...mine, caregiverId: other })).toBe(false);
    expect(canSeeRelationship(caregiverInA, { ...mine, tenantId: B })).toBe(false);
    expect(canSeeRelationship(person('resident', [membership(A, ['volunteer'])]), mine)).toBe(false);
    expect(canSeeRelationship(person('professional', [membership(A, ['caregiver', 'supportConsultant'], ORG)]), mine)).toBe(false);
    expect(canChangeRelationship(caregiverInA, { ...mine, caregiverId: other })).toBe(false);
  });

  it('can no longer be changed once ended, but is still seen (to resume it)', () => {
    const ended = { ...mine, endedAt: '2026-01-01T00:00:00.000Z' };
    expect(canSeeRelationship(caregiverInA, ended)).toBe(true);
    expect(canChangeRelationship(caregiverInA, ended)).toBe(false);
  });

  it('shows the caregiver the organisation’s shared notes, never the team’s own notes', () => {
    expect(caregiverSeesNote({ visibility: 'shared' })).toBe(true);
    expect(caregiverSeesNote({ visibility: 'team' })).toBe(false);
  });
});
