import { describe, expect, it } from 'vitest';
import { PROFESSIONAL_ROLES, type Principal, type Role } from '../../platform/auth/roles.ts';
import { caseloadOrganisations, canWorkOnCases } from './support.policy.ts';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const ORG = 'cccccccc-0000-4000-8000-000000000003';
const OTHER = 'dddddddd-0000-4000-8000-000000000004';

function person(roles: Role[], options: Partial<Principal> & { organisationId?: string | null; tenantId?: string } = {}): Principal {
  const tenantId = options.tenantId ?? A;
  return {
    accountId: 'eeeeeeee-0000-4000-8000-000000000005',
    kind: options.kind ?? 'professional',
    platformAdmin: options.platformAdmin ?? false,
    secondFactor: options.secondFactor ?? true,
    tenantId: options.tenantId === undefined ? A : options.tenantId,
    memberships: [
      {
        tenantId,
        municipalityCode: 'GM9999',
        municipalityName: 'Demodam',
        organisationId: options.organisationId === undefined ? ORG : options.organisationId,
        organisationName: 'Steunpunt',
        roles,
      },
    ],
  };
}

describe('the support policy', () => {
  it('lets a support consultant work on the cases of their own organisation', () => {
    const p = person(['supportConsultant']);
    expect(canWorkOnCases(p, ORG)).toBe(true);
    expect(caseloadOrganisations(p)).toEqual([ORG]);
  });

  it('refuses the cases of another organisation', () => {
    expect(canWorkOnCases(person(['supportConsultant']), OTHER)).toBe(false);
  });

  it('refuses every other role, alone or together, including administrators and policy officers', () => {
    const others = PROFESSIONAL_ROLES.filter((r) => r !== 'supportConsultant');
    for (const role of others) {
      expect(canWorkOnCases(person([role]), ORG), role).toBe(false);
      expect(caseloadOrganisations(person([role])), role).toEqual([]);
    }
    expect(canWorkOnCases(person([...others]), ORG)).toBe(false);
    expect(canWorkOnCases(person([...others], { platformAdmin: true }), ORG)).toBe(false);
  });

  it('refuses a consultant role held for the municipality instead of an organisation', () => {
    expect(caseloadOrganisations(person(['supportConsultant'], { organisationId: null }))).toEqual([]);
  });

  it('refuses without the second factor, without a chosen municipality, in another municipality, and for residents', () => {
    expect(canWorkOnCases(person(['supportConsultant'], { secondFactor: false }), ORG)).toBe(false);
    expect(canWorkOnCases(person(['supportConsultant'], { tenantId: null as unknown as string }), ORG)).toBe(false);
    const elsewhere: Principal = { ...person(['supportConsultant']), tenantId: B };
    expect(canWorkOnCases(elsewhere, ORG)).toBe(false);
    expect(caseloadOrganisations(elsewhere)).toEqual([]);
    expect(canWorkOnCases(person(['supportConsultant'], { kind: 'resident' }), ORG)).toBe(false);
  });
});
