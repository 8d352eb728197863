import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as organisations from '../../src/capabilities/organisations/organisations.service.ts';
import { PROFESSIONAL_ROLES, type Role } from '../../src/platform/auth/roles.ts';
import { inContext } from '../../src/platform/db/context.ts';
import { createTestApp } from '../support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openForm } from '../support/forms.ts';
import { signedInPerson } from '../support/people.ts';

/**
 * Property: whatever roles a person holds in municipality A and organisation X, no route gives them
 * anything of municipality B or organisation Y, and guessing ids does not help. Users, their roles
 * and the ids they try are generated; every signed-in route of the route table is tried with them.
 */

let t: TestDatabase;
let app: FastifyInstance;
/** Records of the person's own world (A, X) and of the other one (B, Y). */
const own = { tenant: '', organisation: '', membership: '', consent: '', supportCase: '', agreement: '' };
const other = { tenant: '', organisation: '', membership: '', consent: '', supportCase: '', agreement: '' };
/** A name that appears only in municipality B's records; it must never appear on a page for A. */
const SECRET = 'Verborgenvan Anderdorp';
let ownResident = '';

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  await inContext(t.db, { tenantId: null, actor: { kind: 'system', name: 'test' } }, async (ctx) => {
    own.tenant = (await organisations.addMunicipality(ctx, { code: 'GM9011', name: 'Eigendorp' })).municipality.id;
    other.tenant = (await organisations.addMunicipality(ctx, { code: 'GM9012', name: 'Anderdorp' })).municipality.id;
    own.organisation = (
      await organisations.addOrganisation(ctx, { name: 'Steunpunt Eigendorp', kind: 'supportCentre', municipalityCodes: ['GM9011'] })
    ).organisation.id;
    other.organisation = (
      await organisations.addOrganisation(ctx, { name: 'Steunpunt Anderdorp', kind: 'supportCentre', municipalityCodes: ['GM9012'] })
    ).organisation.id;
  });
  // Staff and a resident with a consent in each world.
  for (const [world, name] of [
    [own, 'Medewerker Eigendorp'],
    [other, SECRET],
  ] as const) {
    const staff = await signedInPerson(t, {
      name,
      memberships: [{ tenantId: world.tenant, organisationId: world.organisation, roles: ['supportConsultant'] }],
    });
    const resident = await signedInPerson(t, {
      kind: 'resident',
      name: `${name} bewoner`,
      memberships: [{ tenantId: world.tenant, organisationId: null, roles: ['caregiver'] }],
    });
    if (world === own) ownResident = resident.cookie;
    await asOwner(t.ownerUrl, async (c) => {
      world.membership = (
        await c.query('select id from memberships where account_id = $1 and organisation_id = $2', [staff.accountId, world.organisation])
      ).rows[0].id;
      world.consent = (
        await c.query(
          `insert into consents (tenant_id, person_id, data_category, purpose, recipient_organisation_id, given_how, valid_until)
           values ($1, $2, 'careRelationship', 'support', $3, 'online', now() + interval '1 year') returning id`,
          [world.tenant, resident.accountId, world.organisation],
        )
      ).rows[0].id;
      // The resident's care relationship, shared with the organisation: a support case and a keukentafelgesprek agreement.
      const relationship = (
        await c.query(
          `insert into care_relationships (tenant_id, caregiver_id, cared_for_name, cared_for_age_band, relation)
           values ($1, $2, $3, '80plus', 'parent') returning id`,
          [world.tenant, resident.accountId, `${name} naaste`.slice(0, 60)],
        )
      ).rows[0].id;
      world.supportCase = (
        await c.query(
          `insert into support_cases (tenant_id, care_relationship_id, organisation_id, consultant_id, status)
           values ($1, $2, $3, $4, 'active') returning id`,
          [world.tenant, relationship, world.organisation, staff.accountId],
        )
      ).rows[0].id;
      const preparation = (
        await c.query('insert into kitchen_table_preparations (tenant_id, care_relationship_id) values ($1, $2) returning id', [
          world.tenant,
          relationship,
        ])
      ).rows[0].id;
      world.agreement = (
        await c.query(
          `insert into kitchen_table_agreements (tenant_id, preparation_id, who, contribution)
           values ($1, $2, 'caregiver', $3) returning id`,
          [world.tenant, preparation, `Afspraak van ${name}`],
        )
      ).rows[0].id;
    });
  }
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** What a path parameter is filled with: the person's own record, the other world's, or a guess. */
type Pick = 'own' | 'other' | 'guess';
const PARAM_RECORD: Record<string, keyof typeof own> = {
  organisationId: 'organisation',
  membershipId: 'membership',
  id: 'consent',
  caseId: 'supportCase',
  agreementId: 'agreement',
};

function fill(url: string, picks: Record<string, Pick>): string {
  return url.replace(/:(\w+)/g, (_whole, name: string) => {
    const record = PARAM_RECORD[name];
    // A parameter without a record of its own here is always a guess: it can never be the person's own.
    if (!record) return randomUUID();
    const pick = picks[name] ?? 'own';
    return pick === 'guess' ? randomUUID() : (pick === 'own' ? own : other)[record];
  });
}

const signedInRoutes = () =>
  (app?.routeTable ?? []).filter((r) => r.access !== 'public' && !r.url.includes(':token') && !r.url.startsWith('/dev/'));
const paramsOf = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);

const staffRoles = fc.subarray([...PROFESSIONAL_ROLES] as Role[], { minLength: 1 });
const pick = fc.constantFrom<Pick>('own', 'other', 'guess');

const memberState = () =>
  asOwner(t.ownerUrl, async (c) => (await c.query('select roles, disabled_at from memberships where id = $1', [other.membership])).rows[0]);
const consentState = () =>
  asOwner(
    t.ownerUrl,
    async (c) => (await c.query('select withdrawn_at, valid_until from consents where id = $1', [other.consent])).rows[0],
  );

describe('a person of municipality A and organisation X', () => {
  it('never reads a record of B or Y, whatever their roles and whatever ids they try', async () => {
    const routes = signedInRoutes().filter((r) => r.method === 'GET');
    expect(routes.some((r) => paramsOf(r.url).length > 0)).toBe(true);
    await fc.assert(
      fc.asyncProperty(staffRoles, fc.boolean(), fc.array(pick, { minLength: 3, maxLength: 3 }), async (roles, inOwnOrg, picks) => {
        const person = await signedInPerson(t, {
          memberships: [{ tenantId: own.tenant, organisationId: inOwnOrg ? own.organisation : null, roles }],
          activeTenantId: own.tenant,
        });
        for (const route of routes) {
          const params = paramsOf(route.url);
          const chosen = Object.fromEntries(params.map((p, i) => [p, picks[i % picks.length] as Pick]));
          const res = await app.inject({ url: fill(route.url, chosen), headers: { cookie: person.cookie } });
          const label = `${route.url} ${JSON.stringify(chosen)} as ${roles.join(',')}`;
          if (params.some((p) => !PARAM_RECORD[p] || chosen[p] !== 'own')) expect(res.statusCode, label).not.toBe(200);
          expect(res.body, label).not.toContain(SECRET);
          expect(res.body, label).not.toContain('Anderdorp');
        }
      }),
      { numRuns: 25 },
    );
  });

  it('never changes a membership of Y, whatever their roles and whatever ids they try', async () => {
    const before = await memberState();
    await fc.assert(
      fc.asyncProperty(staffRoles, fc.constantFrom<Pick>('other', 'guess'), pick, async (roles, orgPick, memberPick) => {
        const person = await signedInPerson(t, {
          memberships: [{ tenantId: own.tenant, organisationId: own.organisation, roles: [...roles, 'organisationAdmin'] }],
          activeTenantId: own.tenant,
        });
        const form = await openForm(app, '/mijn-account', person.cookie);
        for (const action of ['rollen', 'uitschakelen', 'inschakelen']) {
          const url = fill(`/beheer/organisaties/:organisationId/medewerkers/:membershipId/${action}`, {
            organisationId: orgPick,
            membershipId: memberPick === 'own' ? 'other' : memberPick,
          });
          const res = await form.submit(url, { roles: 'organisationAdmin' });
          expect([403, 404], url).toContain(res.statusCode);
        }
      }),
      { numRuns: 15 },
    );
    expect(await memberState()).toEqual(before);
    // The same form with the person's own organisation and colleague goes through, so the refusals
    // above are about whose records they are, not about the form.
    const admin = await signedInPerson(t, {
      memberships: [{ tenantId: own.tenant, organisationId: own.organisation, roles: ['organisationAdmin'] }],
      activeTenantId: own.tenant,
    });
    const form = await openForm(app, '/mijn-account', admin.cookie);
    const res = await form.submit(`/beheer/organisaties/${own.organisation}/medewerkers/${own.membership}/uitschakelen`, {});
    expect(res.statusCode).toBe(303);
  });

  it('as a resident of A never withdraws or renews a consent of B', async () => {
    const before = await consentState();
    const form = await openForm(app, '/mijn-gegevens', ownResident);
    for (const action of ['intrekken', 'opnieuw']) {
      for (const target of [other.consent, randomUUID()]) {
        const res = await form.submit(`/mijn-gegevens/toestemmingen/${target}/${action}`, {});
        expect([403, 404], `${action} ${target}`).toContain(res.statusCode);
      }
    }
    expect(await consentState()).toEqual(before);
    // The resident's own consent can be withdrawn the same way, so the refusal above is about ownership.
    const mine = await form.submit(`/mijn-gegevens/toestemmingen/${own.consent}/intrekken`, {});
    expect(mine.statusCode).toBe(303);
  });
});
