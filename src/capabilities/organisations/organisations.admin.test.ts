import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { openForm } from '../../../tests/support/forms.ts';
import { signedInPerson } from '../../../tests/support/people.ts';
import type { Principal, Role } from '../../platform/auth/roles.ts';
import { inContext } from '../../platform/db/context.ts';
import { canManageMunicipalities, canManageNetwork } from './organisations.policy.ts';
import * as service from './organisations.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const system = { kind: 'system', name: 'test' } as const;
let demodam = '';
let gemeenteOrg = '';

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    await service.loadOfficialMunicipalities(ctx);
    demodam = (await service.addMunicipality(ctx, { code: 'GM9999', name: 'Demodam' })).municipality.id;
    gemeenteOrg = (await service.addOrganisation(ctx, { name: 'Gemeente Demodam', kind: 'municipality', municipalityCodes: ['GM9999'] }))
      .organisation.id;
  });
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const principal = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({
  accountId: 'p',
  kind: 'professional',
  platformAdmin: false,
  secondFactor: true,
  tenantId: 't',
  memberships: [
    { tenantId: 't', municipalityCode: 'GM9999', municipalityName: 'Demodam', organisationId: 'o', organisationName: null, roles },
  ],
  ...extra,
});

describe('the organisations policy', () => {
  it('lets platform administrators start networks and municipality administrators manage theirs, nobody else', () => {
    expect(canManageMunicipalities(principal([], { platformAdmin: true }))).toBe(true);
    expect(canManageMunicipalities(principal([], { platformAdmin: true, secondFactor: false }))).toBe(false);
    expect(canManageMunicipalities(principal(['municipalityAdmin']))).toBe(false);
    expect(canManageNetwork(principal(['municipalityAdmin']))).toBe(true);
    expect(canManageNetwork(principal(['municipalityAdmin'], { tenantId: null }))).toBe(false);
    for (const role of [
      'organisationAdmin',
      'networkCoordinator',
      'policyOfficer',
      'supportConsultant',
      'generalist',
      'volunteerCoordinator',
    ] as Role[]) {
      expect(canManageNetwork(principal([role])), role).toBe(false);
    }
    expect(canManageNetwork(principal([], { platformAdmin: true }))).toBe(false);
  });
});

describe('administration pages', () => {
  it('let a platform administrator start a municipality network and invite its first administrator', async () => {
    const platformAdmin = await signedInPerson(t, { platformAdmin: true, name: 'Platformbeheer' });
    const form = await openForm(app, '/beheer/gemeenten', platformAdmin.cookie);
    expect(form.page.statusCode).toBe(200);
    const bad = await form.submit('/beheer/gemeenten', { code: 'GM12', adminName: '', adminEmail: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="GM12"');
    const res = await form.submit('/beheer/gemeenten', {
      code: 'gm0150',
      adminName: 'Beheerder Deventer',
      adminEmail: 'beheer@deventer.example',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/beheer/gemeenten?gestart=GM0150');
    const state = await asOwner(t.ownerUrl, async (c) => ({
      active: (await c.query(`select active from municipalities where code = 'GM0150'`)).rows[0].active,
      roles: (
        await c.query(`select m.roles from memberships m join accounts a on a.id = m.account_id where a.email = 'beheer@deventer.example'`)
      ).rows[0].roles,
      mail: (await c.query(`select payload->>'subject' as s from jobs where payload->>'to' = 'beheer@deventer.example'`)).rows[0].s,
    }));
    expect(state).toEqual({
      active: true,
      roles: ['municipalityAdmin'],
      mail: 'Uitnodiging om in Naaste te werken voor Gemeente Deventer',
    });
  });

  it('refuse the municipality administration to everyone but platform administrators', async () => {
    const municipalityAdmin = await signedInPerson(t, {
      memberships: [{ tenantId: demodam, organisationId: gemeenteOrg, roles: ['municipalityAdmin'] }],
    });
    expect((await app.inject({ url: '/beheer/gemeenten', headers: { cookie: municipalityAdmin.cookie } })).statusCode).toBe(404);
    const resident = await signedInPerson(t, { kind: 'resident' });
    expect((await app.inject({ url: '/beheer/gemeenten', headers: { cookie: resident.cookie } })).statusCode).toBe(404);
  });

  it('let a municipality administrator add an organisation to their own network, with errors shown per field', async () => {
    const municipalityAdmin = await signedInPerson(t, {
      memberships: [{ tenantId: demodam, organisationId: gemeenteOrg, roles: ['municipalityAdmin'] }],
    });
    const form = await openForm(app, '/beheer/netwerk', municipalityAdmin.cookie);
    expect(form.page.body).toContain('Gemeente Demodam');
    const bad = await form.submit('/beheer/netwerk', { name: 'Buurthuis De Linde', kind: 'castle', postcode: '12345', website: 'ftp://x' });
    expect(bad.statusCode).toBe(400);
    const summary = bad.body.slice(bad.body.indexOf('error-summary-title'));
    expect([...summary.slice(0, summary.indexOf('</ul>')).matchAll(/href="#(\w+)"/g)].map((m) => m[1])).toEqual([
      'kind',
      'website',
      'postcode',
    ]);
    expect(bad.body).toContain('value="Buurthuis De Linde"');
    const ok = await form.submit('/beheer/netwerk', {
      name: 'Buurthuis De Linde',
      kind: 'welfare',
      isFindingPlace: 'ja',
      postcode: '9991 ab',
      city: 'Demodam',
    });
    expect(ok.statusCode).toBe(303);
    const page = await app.inject({ url: '/gemeenten/demodam' });
    expect(page.body).toContain('Buurthuis De Linde');
  });

  it('refuse the network administration to other roles', async () => {
    for (const role of ['organisationAdmin', 'policyOfficer', 'supportConsultant'] as Role[]) {
      const person = await signedInPerson(t, { memberships: [{ tenantId: demodam, organisationId: gemeenteOrg, roles: [role] }] });
      const res = await app.inject({ url: '/beheer/netwerk', headers: { cookie: person.cookie } });
      expect(res.statusCode, role).toBe(404);
    }
  });
});
