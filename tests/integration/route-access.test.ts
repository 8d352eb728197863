import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as organisations from '../../src/capabilities/organisations/organisations.service.ts';
import { insertCaregiverCase } from '../../src/capabilities/support/support.fixtures.ts';
import { inContext } from '../../src/platform/db/context.ts';
import { createTestApp } from '../support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../support/database.ts';
import { signedInPerson, type TestPerson } from '../support/people.ts';

/**
 * Walks every route of the application and holds it to its declared access (src/platform/http/
 * route-table.ts): routes in the signed-in areas must declare one; none of those answers without a
 * session or, for staff, without the second factor; every personal-data page writes a log line.
 */
const SIGNED_IN_AREAS = [
  /^\/beheer(\/|$)/,
  /^\/mijn-/,
  /^\/kies-gemeente/,
  /^\/api\/v1\/me(\/|$)/,
  /^\/werkplek(\/|$)/,
  /^\/api\/v1\/support-cases(\/|$)/,
];
/** The support consultant's workspace is walked as a consultant with a case; the rest as the administrator. */
const CONSULTANT_AREAS = [/^\/werkplek(\/|$)/, /^\/api\/v1\/support-cases(\/|$)/];

let t: TestDatabase;
let app: FastifyInstance;
const ids = { tenant: '', organisation: '', membership: '', case: '', agreement: '' };
let admin: TestPerson;
let consultant: TestPerson;
let halfSignedIn: TestPerson;
let resident: TestPerson;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  await inContext(t.db, { tenantId: null, actor: { kind: 'system', name: 'test' } }, async (ctx) => {
    ids.tenant = (await organisations.addMunicipality(ctx, { code: 'GM9003', name: 'Routedorp' })).municipality.id;
    ids.organisation = (
      await organisations.addOrganisation(ctx, { name: 'Steunpunt Routedorp', kind: 'supportCentre', municipalityCodes: ['GM9003'] })
    ).organisation.id;
  });
  const memberships = [
    { tenantId: ids.tenant, organisationId: ids.organisation, roles: ['organisationAdmin' as const, 'municipalityAdmin' as const] },
  ];
  admin = await signedInPerson(t, { memberships, platformAdmin: true });
  halfSignedIn = await signedInPerson(t, { memberships, secondFactor: false });
  resident = await signedInPerson(t, {
    kind: 'resident',
    memberships: [{ tenantId: ids.tenant, organisationId: null, roles: ['caregiver'] }],
  });
  consultant = await signedInPerson(t, {
    memberships: [{ tenantId: ids.tenant, organisationId: ids.organisation, roles: ['supportConsultant'] }],
  });
  await asOwner(t.ownerUrl, async (c) => {
    const fixture = await insertCaregiverCase(c, {
      tenantId: ids.tenant,
      organisationId: ids.organisation,
      caregiverName: 'Route Mantelzorger',
      caredForName: 'Naaste',
      status: 'active',
      consultantId: consultant.accountId,
    });
    ids.case = fixture.caseId;
    const preparation = await c.query(
      'insert into kitchen_table_preparations (tenant_id, care_relationship_id) values ($1, $2) returning id',
      [ids.tenant, fixture.relationshipId],
    );
    ids.agreement = (
      await c.query(
        `insert into kitchen_table_agreements (tenant_id, preparation_id, who, contribution) values ($1, $2, 'caregiver', 'Boodschappen') returning id`,
        [ids.tenant, preparation.rows[0].id],
      )
    ).rows[0].id;
  });
  ids.membership = await asOwner(
    t.ownerUrl,
    async (c) => (await c.query('select id from memberships where account_id = $1', [admin.accountId])).rows[0].id,
  );
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/**
 * Fills the path parameters with records the signed-in administrator may see. For visitors who are
 * refused anyway (`strict` false) a parameter without a record here gets a random id.
 */
function fill(url: string, strict = true): string {
  return url.replace(/:(\w+)/g, (_whole, name: string) => {
    // :id is a consent on /mijn-gegevens; any id will do for a visitor who is refused anyway.
    const value = {
      organisationId: ids.organisation,
      membershipId: ids.membership,
      id: ids.organisation,
      caseId: ids.case,
      agreementId: ids.agreement,
    }[name];
    if (value) return value;
    if (!strict) return randomUUID();
    throw new Error(`The route walk has no value for :${name} in ${url}; add one.`);
  });
}

const logCount = () => asOwner(t.ownerUrl, async (c) => Number((await c.query('select count(*) as n from access_log')).rows[0].n));
const inSignedInArea = (url: string) => SIGNED_IN_AREAS.some((area) => area.test(url));
const walkerFor = (url: string) => (CONSULTANT_AREAS.some((area) => area.test(url)) ? consultant : admin);

describe('every route', () => {
  it('in a signed-in area declares how it treats personal data', () => {
    const undeclared = app.routeTable.filter((r) => inSignedInArea(r.url) && r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(app.routeTable.filter((r) => r.access === 'personalData').length).toBeGreaterThanOrEqual(5);
  });

  it('that needs a session refuses without one', async () => {
    for (const route of app.routeTable.filter((r) => r.access !== 'public')) {
      const res = await app.inject({ method: route.method as 'GET', url: fill(route.url, false) });
      const label = `${route.method} ${route.url}`;
      if (res.statusCode === 303) expect(res.headers.location, label).toMatch(/^\/inloggen/);
      else expect([401, 403], label).toContain(res.statusCode);
    }
  });

  it('with personal data refuses staff who have not passed the second factor', async () => {
    for (const route of app.routeTable.filter((r) => r.access === 'personalData' && r.method === 'GET')) {
      const res = await app.inject({ url: fill(route.url, false), headers: { cookie: halfSignedIn.cookie } });
      const label = `${route.method} ${route.url}`;
      if (res.statusCode === 303) expect(res.headers.location, label).toMatch(/^\/inloggen\/(code|tweestaps-instellen)/);
      else expect(res.statusCode, label).toBe(403);
    }
  });

  it('with personal data refuses a resident', async () => {
    const staffAreas = (url: string) => url.startsWith('/beheer') || url.startsWith('/werkplek');
    for (const route of app.routeTable.filter((r) => r.access === 'personalData' && r.method === 'GET' && staffAreas(r.url))) {
      const res = await app.inject({ url: fill(route.url, false), headers: { cookie: resident.cookie } });
      expect(res.statusCode, route.url).toBe(404);
    }
  });

  it('with personal data writes an access-log line each time it is used', async () => {
    const routes = app.routeTable.filter((r) => r.access === 'personalData' && r.method === 'GET');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const before = await logCount();
      const res = await app.inject({ url: fill(route.url), headers: { cookie: walkerFor(route.url).cookie } });
      expect(res.statusCode, route.url).toBe(200);
      expect(await logCount(), route.url).toBeGreaterThan(before);
    }
  });
});
