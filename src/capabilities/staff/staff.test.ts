import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { openForm } from '../../../tests/support/forms.ts';
import { signedInPerson, type TestPerson } from '../../../tests/support/people.ts';
import { PROFESSIONAL_ROLES, type Principal, type Role } from '../../platform/auth/roles.ts';
import { inContext } from '../../platform/db/context.ts';
import * as organisations from '../organisations/organisations.service.ts';
import * as identity from '../identity/identity.service.ts';
import { assignableRoles, canManageStaff } from './staff.policy.ts';

let t: TestDatabase;
let app: FastifyInstance;
const system = { kind: 'system', name: 'test' } as const;
const ids = { a: '', b: '', x: '', y: '', z: '' };

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    const a = await organisations.addMunicipality(ctx, { code: 'GM9001', name: 'Aadorp' });
    const b = await organisations.addMunicipality(ctx, { code: 'GM9002', name: 'Beedorp' });
    ids.a = a.municipality.id;
    ids.b = b.municipality.id;
    const add = async (name: string, codes: string[]) =>
      (await organisations.addOrganisation(ctx, { name, kind: 'supportCentre', municipalityCodes: codes })).organisation.id;
    ids.x = await add('Steunpunt X', ['GM9001']);
    ids.y = await add('Welzijn Y', ['GM9001']);
    ids.z = await add('Steunpunt Z', ['GM9002']);
  });
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const staffUrl = (org: string) => `/beheer/organisaties/${org}/medewerkers`;
const get = (url: string, person: TestPerson) => app.inject({ url, headers: { cookie: person.cookie } });
const logLines = (code: string) =>
  asOwner(
    t.ownerUrl,
    async (c) =>
      (await c.query('select person_id, user_id, organisation_id, tenant_id from access_log where event_code = $1', [code])).rows,
  );

function principal(roles: { tenant: 'a' | 'b'; org: 'x' | 'y' | 'z' | null; roles: Role[] }[], extra: Partial<Principal> = {}): Principal {
  return {
    accountId: 'p',
    kind: 'professional',
    platformAdmin: false,
    secondFactor: true,
    tenantId: ids.a,
    memberships: roles.map((r) => ({
      tenantId: ids[r.tenant],
      municipalityCode: '',
      municipalityName: '',
      organisationId: r.org ? ids[r.org] : null,
      organisationName: null,
      roles: r.roles,
    })),
    ...extra,
  };
}

describe('the staff policy', () => {
  it('lets each role do what it should, and nothing more', () => {
    const orgAdmin = principal([{ tenant: 'a', org: 'x', roles: ['organisationAdmin'] }]);
    expect(canManageStaff(orgAdmin, ids.x)).toBe(true);
    expect(canManageStaff(orgAdmin, ids.y)).toBe(false);
    expect(assignableRoles(orgAdmin, ids.x)).toEqual([
      'generalist',
      'supportConsultant',
      'volunteerCoordinator',
      'directoryEditor',
      'organisationAdmin',
    ]);
    expect(assignableRoles(orgAdmin, ids.y)).toEqual([]);

    const munAdmin = principal([{ tenant: 'a', org: 'x', roles: ['municipalityAdmin'] }]);
    expect(canManageStaff(munAdmin, ids.y)).toBe(true);
    expect(assignableRoles(munAdmin, ids.y)).toEqual([...PROFESSIONAL_ROLES]);

    for (const role of ['generalist', 'supportConsultant', 'volunteerCoordinator', 'networkCoordinator', 'policyOfficer'] as Role[]) {
      const p = principal([{ tenant: 'a', org: 'x', roles: [role] }]);
      expect(canManageStaff(p, ids.x), role).toBe(false);
      expect(assignableRoles(p, ids.x), role).toEqual([]);
    }
    // A platform administrator manages municipalities, not people's work.
    expect(canManageStaff(principal([], { platformAdmin: true }), ids.x)).toBe(false);
    // Without the second factor, or with the other municipality chosen, nothing.
    expect(canManageStaff(principal([{ tenant: 'a', org: 'x', roles: ['organisationAdmin'] }], { secondFactor: false }), ids.x)).toBe(
      false,
    );
    expect(canManageStaff(principal([{ tenant: 'a', org: 'x', roles: ['municipalityAdmin'] }], { tenantId: ids.b }), ids.z)).toBe(false);
  });
});

describe('staff pages', () => {
  it('show an organisation administrator their staff, and nothing of another organisation or municipality', async () => {
    const admin = await signedInPerson(t, {
      name: 'Beheerder X',
      memberships: [{ tenantId: ids.a, organisationId: ids.x, roles: ['organisationAdmin'] }],
    });
    const own = await get(staffUrl(ids.x), admin);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Beheerder X');
    expect(own.headers['cache-control']).toBe('no-store');
    for (const other of [ids.y, ids.z, '00000000-0000-4000-8000-000000000000']) {
      const res = await get(staffUrl(other), admin);
      expect(res.statusCode, other).toBe(404);
      expect(res.body).not.toContain('Beheerder X');
    }
    expect((await logLines('staff.list')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuse people without a session, staff without the second factor, and policy officers', async () => {
    const anonymous = await app.inject({ url: staffUrl(ids.x) });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/inloggen\?terug=/);
    const half = await signedInPerson(t, {
      secondFactor: false,
      memberships: [{ tenantId: ids.a, organisationId: ids.x, roles: ['organisationAdmin'] }],
    });
    const halfRes = await get(staffUrl(ids.x), half);
    expect(halfRes.statusCode).toBe(303);
    expect(halfRes.headers.location).toMatch(/^\/inloggen\/code\?terug=/);
    const officer = await signedInPerson(t, { memberships: [{ tenantId: ids.a, organisationId: ids.x, roles: ['policyOfficer'] }] });
    expect((await get(staffUrl(ids.x), officer)).statusCode).toBe(404);
  });

  it('invite a new colleague: account, membership, invitation mail and an access-log line; the link sets a password', async () => {
    const admin = await signedInPerson(t, { memberships: [{ tenantId: ids.a, organisationId: ids.x, roles: ['organisationAdmin'] }] });
    const form = await openForm(app, staffUrl(ids.x), admin.cookie);
    const res = await form.submit(staffUrl(ids.x), {
      displayName: 'Nieuwe Consulent',
      email: 'Nieuw@X.example',
      roles: 'supportConsultant',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${staffUrl(ids.x)}?klaar=uitgenodigd`);
    const list = await get(res.headers.location as string, admin);
    expect(list.body).toContain('De uitnodiging is verstuurd.');
    expect(list.body).toContain('Nieuwe Consulent');
    expect(list.body).toContain('Uitgenodigd');

    const mail = await asOwner(
      t.ownerUrl,
      async (c) => (await c.query(`select payload from jobs where payload->>'to' = 'nieuw@x.example'`)).rows[0]?.payload,
    );
    expect(mail.subject).toBe('Uitnodiging om in Naaste te werken voor Steunpunt X');
    const link = /http:\/\/localhost:3000(\/uitnodiging\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1] as string;
    const lines = await logLines('staff.invitation');
    expect(lines.at(-1)).toMatchObject({ user_id: admin.accountId, organisation_id: ids.x, tenant_id: ids.a });

    const accept = await openForm(app, link);
    expect((await accept.submit(link, { password: 'kort' })).statusCode).toBe(400);
    expect((await accept.submit(link, { password: 'een goed en lang wachtwoord' })).statusCode).toBe(200);
    const signIn = await inContext(t.db, { tenantId: null, actor: system }, (ctx) =>
      identity.signInWithPassword(ctx, { email: 'nieuw@x.example', password: 'een goed en lang wachtwoord', ip: null, userAgent: null }),
    );
    expect(signIn).toMatchObject({ ok: true, next: 'enrol' });
    expect((await app.inject({ url: link })).statusCode).toBe(410);
  });

  it('come back with the typed values and every error at once, storing nothing', async () => {
    const admin = await signedInPerson(t, { memberships: [{ tenantId: ids.a, organisationId: ids.x, roles: ['organisationAdmin'] }] });
    const form = await openForm(app, staffUrl(ids.x), admin.cookie);
    const before = await asOwner(t.ownerUrl, async (c) => Number((await c.query('select count(*) as n from accounts')).rows[0].n));
    const res = await form.submit(staffUrl(ids.x), { displayName: '', email: 'geen-adres', roles: 'municipalityAdmin' });
    expect(res.statusCode).toBe(400);
    const summary = res.body.slice(res.body.indexOf('error-summary-title'));
    expect([...summary.slice(0, summary.indexOf('</ul>')).matchAll(/href="#(\w+)"/g)].map((m) => m[1])).toEqual([
      'displayName',
      'email',
      'roles',
    ]);
    expect(res.body).toContain('value="geen-adres"');
    expect(res.body).toContain('U mag deze rol niet geven');
    expect(await asOwner(t.ownerUrl, async (c) => Number((await c.query('select count(*) as n from accounts')).rows[0].n))).toBe(before);
  });

  it('change roles, refuse removing one’s own administrator role, and turn access off with immediate effect', async () => {
    const admin = await signedInPerson(t, { memberships: [{ tenantId: ids.a, organisationId: ids.y, roles: ['organisationAdmin'] }] });
    const colleague = await signedInPerson(t, { memberships: [{ tenantId: ids.a, organisationId: ids.y, roles: ['generalist'] }] });
    const membership = async (accountId: string) =>
      asOwner(
        t.ownerUrl,
        async (c) => (await c.query('select id from memberships where account_id = $1', [accountId])).rows[0].id as string,
      );
    const colleagueUrl = `${staffUrl(ids.y)}/${await membership(colleague.accountId)}`;
    const form = await openForm(app, colleagueUrl, admin.cookie);
    const saved = await form.submit(`${colleagueUrl}/rollen`, { roles: 'supportConsultant' });
    expect(saved.headers.location).toBe(`${colleagueUrl}?klaar=rollen`);
    expect(
      await asOwner(
        t.ownerUrl,
        async (c) => (await c.query('select roles from memberships where account_id = $1', [colleague.accountId])).rows[0].roles,
      ),
    ).toEqual(['supportConsultant']);

    const selfUrl = `${staffUrl(ids.y)}/${await membership(admin.accountId)}`;
    const self = await form.submit(`${selfUrl}/rollen`, { roles: 'generalist' });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('U kunt uw eigen beheerrol niet weghalen');

    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: colleague.cookie } })).statusCode).toBe(200);
    const off = await form.submit(`${colleagueUrl}/uitschakelen`, {});
    expect(off.headers.location).toBe(`${colleagueUrl}?klaar=uit`);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: colleague.cookie } })).statusCode).toBe(401);
    const page = await get(`${colleagueUrl}?klaar=uit`, admin);
    expect(page.body).toContain('Ongedaan maken');
    expect(page.body).toContain('Uitgeschakeld');
    await form.submit(`${colleagueUrl}/inschakelen`, {});
    expect(
      await asOwner(
        t.ownerUrl,
        async (c) => (await c.query('select disabled_at from accounts where id = $1', [colleague.accountId])).rows[0].disabled_at,
      ),
    ).toBeNull();
    expect((await logLines('staff.disable')).some((l) => l.person_id === colleague.accountId)).toBe(true);
  });

  it('never show one organisation’s or municipality’s staff to a generated outsider (property)', async () => {
    const orgs = ['x', 'y', 'z'] as const;
    const tenantOf = { x: 'a', y: 'a', z: 'b' } as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ org: fc.constantFrom(...orgs), roles: fc.subarray([...PROFESSIONAL_ROLES], { minLength: 1 }) }), {
          maxLength: 2,
        }),
        fc.constantFrom(...orgs),
        fc.boolean(),
        async (work, target, secondFactor) => {
          const memberships = work
            .filter((w, i) => work.findIndex((o) => o.org === w.org) === i)
            .map((w) => ({ tenantId: ids[tenantOf[w.org]], organisationId: ids[w.org], roles: w.roles as Role[] }));
          const person = await signedInPerson(t, { secondFactor, memberships, activeTenantId: memberships[0]?.tenantId ?? null });
          const res = await get(staffUrl(ids[target]), person);
          const chosen = memberships[0]?.tenantId ?? null;
          const inTenant = memberships.filter((m) => m.tenantId === chosen);
          const allowed =
            secondFactor &&
            chosen === ids[tenantOf[target]] &&
            inTenant.some(
              (m) => m.roles.includes('municipalityAdmin') || (m.organisationId === ids[target] && m.roles.includes('organisationAdmin')),
            );
          if (allowed) expect(res.statusCode).toBe(200);
          else expect([303, 404]).toContain(res.statusCode);
        },
      ),
      { numRuns: 40 },
    );
  });
});
