import { describe, expect, it } from 'vitest';
import type { Membership, Principal } from '../auth/roles.ts';
import type { Actor, ServiceContext } from '../db/context.ts';
import { actorFields, staffActorFields, tenantRoles } from './actor.ts';

const TENANT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const OTHER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const membership = (tenantId: string, roles: Membership['roles']): Membership => ({
  tenantId,
  municipalityCode: 'GM9001',
  municipalityName: 'Testdorp',
  organisationId: null,
  organisationName: null,
  roles,
});

const principal = (kind: Principal['kind'], memberships: Membership[]): Principal => ({
  accountId: '11111111-1111-4111-8111-111111111111',
  kind,
  platformAdmin: false,
  secondFactor: true,
  tenantId: TENANT,
  memberships,
});

// The helpers read only the actor and the municipality; no transaction is needed.
const ctx = (actor: Actor): ServiceContext => ({ sql: undefined as never, tenantId: TENANT, actor, purpose: null });
const person = (p: Principal): Actor => ({ kind: 'person', principal: p, ip: '192.0.2.1', userAgent: 'browser' });

describe('tenantRoles', () => {
  it('lists the roles held in this municipality once each, and none of another', () => {
    const p = principal('professional', [
      membership(TENANT, ['supportConsultant', 'generalist']),
      membership(TENANT, ['supportConsultant']),
      membership(OTHER, ['municipalityAdmin']),
    ]);
    expect(tenantRoles(p, TENANT)).toEqual(['supportConsultant', 'generalist']);
    expect(tenantRoles(p, null)).toEqual([]);
  });
});

describe('actorFields', () => {
  it('names a person by account, roles here and access point', () => {
    const p = principal('professional', [membership(TENANT, ['supportConsultant']), membership(OTHER, ['municipalityAdmin'])]);
    expect(actorFields(ctx(person(p)))).toEqual({ userId: p.accountId, role: 'supportConsultant', ip: '192.0.2.1', userAgent: 'browser' });
  });

  it('falls back to the kind of account when the person holds no role here', () => {
    expect(actorFields(ctx(person(principal('resident', [membership(OTHER, ['caregiver'])])))).role).toBe('resident');
  });

  it('names an operator or the system by kind, and nobody for an anonymous visitor', () => {
    expect(actorFields(ctx({ kind: 'system', name: 'jobs' }))).toEqual({ userId: null, role: 'system', ip: null, userAgent: null });
    expect(actorFields(ctx({ kind: 'operator', name: 'cli' })).role).toBe('operator');
    expect(actorFields(ctx({ kind: 'anonymous' }))).toEqual({ userId: null, role: null, ip: null, userAgent: null });
  });
});

describe('staffActorFields', () => {
  it('gives only the roles held here, empty when there are none', () => {
    const p = principal('professional', [membership(TENANT, ['organisationAdmin', 'directoryEditor'])]);
    expect(staffActorFields(ctx(person(p)))).toEqual({
      userId: p.accountId,
      role: 'organisationAdmin,directoryEditor',
      ip: '192.0.2.1',
      userAgent: 'browser',
    });
    expect(staffActorFields(ctx(person(principal('professional', [membership(OTHER, ['generalist'])])))).role).toBe('');
  });

  it('leaves every field empty for an actor that is not a person', () => {
    expect(staffActorFields(ctx({ kind: 'system', name: 'jobs' }))).toEqual({ userId: null, role: null, ip: null, userAgent: null });
  });
});
