import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import type { Principal } from '../auth/roles.ts';
import { type Actor, inContext } from '../db/context.ts';
import { HttpProblem } from '../http/problem.ts';
import { ConsentError, giveConsent, listConsents, requireConsent, withdrawConsent } from './consent.ts';

let t: TestDatabase;
const ids = { a: '', b: '', steunpunt: '', wijkteam: '', resident: '', child: '', consultant: '' };
const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600 * 1000);

const consultant = (): Actor => {
  const principal: Principal = {
    accountId: ids.consultant,
    kind: 'professional',
    platformAdmin: false,
    secondFactor: true,
    tenantId: ids.a,
    memberships: [
      {
        tenantId: ids.a,
        municipalityCode: 'GM9101',
        municipalityName: 'Aadorp',
        organisationId: ids.steunpunt,
        organisationName: 'Steunpunt',
        roles: ['supportConsultant'],
      },
    ],
  };
  return { kind: 'person', principal, ip: '192.0.2.10', userAgent: 'test browser' };
};
const residentActor = (accountId: string): Actor => ({
  kind: 'person',
  principal: { accountId, kind: 'resident', platformAdmin: false, secondFactor: true, tenantId: null, memberships: [] },
  ip: '192.0.2.20',
  userAgent: 'resident browser',
});
const inTenant = <T>(tenantId: string, actor: Actor, work: Parameters<typeof inContext<T>>[2]) =>
  inContext(t.db, { tenantId, actor }, work);
const logLines = (personId: string) =>
  asOwner(
    t.ownerUrl,
    async (c) =>
      (
        await c.query(
          `select tenant_id, event_code, action, outcome, user_id, organisation_id, purpose, access_point_ip
           from access_log where person_id = $1 order by id`,
          [personId],
        )
      ).rows,
  );

beforeAll(async () => {
  t = await createTestDatabase();
  await asOwner(t.ownerUrl, async (c) => {
    const mun = async (code: string, name: string) =>
      (
        await c.query<{ id: string }>(
          `insert into municipalities (code, name, slug, active) values ($1, $2, lower($2), true) returning id`,
          [code, name],
        )
      ).rows[0]?.id as string;
    ids.a = await mun('GM9101', 'Aadorp');
    ids.b = await mun('GM9102', 'Beedorp');
    const org = async (name: string) =>
      (await c.query<{ id: string }>(`insert into organisations (name, kind) values ($1, 'supportCentre') returning id`, [name])).rows[0]
        ?.id as string;
    ids.steunpunt = await org('Steunpunt Mantelzorg Aadorp');
    ids.wijkteam = await org('Wijkteam Beedorp');
    await c.query('insert into network_members (tenant_id, organisation_id) values ($1, $2), ($1, $3), ($4, $3)', [
      ids.a,
      ids.steunpunt,
      ids.wijkteam,
      ids.b,
    ]);
    const account = async (email: string, birthDate: string | null, kind = 'resident') =>
      (
        await c.query<{ id: string }>(
          `insert into accounts (email, display_name, kind, birth_date) values ($1, $2, $3, $4::date) returning id`,
          [email, email.split('@')[0], kind, birthDate],
        )
      ).rows[0]?.id as string;
    ids.resident = await account('mantelzorger@thuis.example', '1970-05-01');
    // Fifteen years old today: under 16.
    const fifteen = new Date();
    fifteen.setFullYear(fifteen.getFullYear() - 15);
    ids.child = await account('jonge.mantelzorger@thuis.example', fifteen.toISOString().slice(0, 10));
    ids.consultant = await account('consulent@steunpunt.example', null, 'professional');
  });
});

afterAll(async () => {
  await t?.drop();
});

describe('requireConsent', () => {
  it('lets a read through under an active consent, and blocks the very next one after withdrawal, logging it as denied', async () => {
    const question = { personId: ids.resident, dataCategory: 'careNeeds', purpose: 'support', organisationId: ids.steunpunt };
    const given = await inTenant(ids.a, residentActor(ids.resident), (ctx) =>
      giveConsent(ctx, {
        personId: ids.resident,
        dataCategory: 'careNeeds',
        purpose: 'support',
        organisationId: ids.steunpunt,
        givenHow: 'online',
        validUntil: inAWeek(),
      }),
    );
    expect(given.active).toBe(true);

    const found = await inTenant(ids.a, consultant(), (ctx) => requireConsent(ctx, question));
    expect(found.id).toBe(given.id);

    const withdrawn = await inTenant(ids.a, residentActor(ids.resident), (ctx) =>
      withdrawConsent(ctx, { consentId: given.id, personId: ids.resident }),
    );
    expect(withdrawn?.changed).toBe(true);

    const refused = await inTenant(ids.a, consultant(), (ctx) => requireConsent(ctx, question)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpProblem);
    expect((refused as HttpProblem).status).toBe(403);

    const lines = await logLines(ids.resident);
    expect(lines.map((l) => [l.event_code, l.action, l.outcome])).toEqual([
      ['consent.give', 'create', 'success'],
      ['consent.withdraw', 'update', 'success'],
      ['consent.check', 'read', 'denied'],
    ]);
    expect(lines[2]).toMatchObject({
      tenant_id: ids.a,
      user_id: ids.consultant,
      organisation_id: ids.steunpunt,
      purpose: 'support',
      access_point_ip: '192.0.2.10',
    });
  });

  it('keeps the denied line but undoes the rest of the refused work', async () => {
    const refused = await inTenant(ids.a, consultant(), async (ctx) => {
      await ctx.sql.query(`insert into organisations (name, kind) values ('Written before the refusal', 'other')`);
      return requireConsent(ctx, {
        personId: ids.resident,
        dataCategory: 'contactDetails',
        purpose: 'referral',
        organisationId: ids.steunpunt,
      });
    }).catch((e: unknown) => e);
    expect((refused as HttpProblem).status).toBe(403);
    const kept = await asOwner(t.ownerUrl, async (c) => ({
      written: (await c.query(`select 1 from organisations where name = 'Written before the refusal'`)).rowCount,
      denied: (
        await c.query(`select 1 from access_log where person_id = $1 and purpose = 'referral' and outcome = 'denied'`, [ids.resident])
      ).rowCount,
    }));
    expect(kept).toEqual({ written: 0, denied: 1 });
  });

  it('does not count a consent that has not begun or has ended', async () => {
    await asOwner(t.ownerUrl, (c) =>
      c.query(
        `insert into consents (tenant_id, person_id, data_category, purpose, recipient_organisation_id, given_how, valid_from, valid_until)
         values ($1, $2, 'burdenCheck', 'support', $3, 'online', now() - interval '10 days', now() - interval '1 day'),
                ($1, $2, 'burdenCheck', 'support', $3, 'online', now() + interval '1 day', now() + interval '10 days')`,
        [ids.a, ids.resident, ids.steunpunt],
      ),
    );
    const refused = await inTenant(ids.a, consultant(), (ctx) =>
      requireConsent(ctx, { personId: ids.resident, dataCategory: 'burdenCheck', purpose: 'support', organisationId: ids.steunpunt }),
    ).catch((e: unknown) => e);
    expect((refused as HttpProblem).status).toBe(403);
  });
});

describe('consents per municipality', () => {
  it('keeps a consent of municipality A invisible under municipality B', async () => {
    const given = await inTenant(ids.a, residentActor(ids.resident), (ctx) =>
      giveConsent(ctx, {
        personId: ids.resident,
        dataCategory: 'contactDetails',
        purpose: 'support',
        organisationId: ids.wijkteam,
        givenHow: 'online',
        validUntil: inAWeek(),
      }),
    );
    const inA = await inTenant(ids.a, residentActor(ids.resident), (ctx) => listConsents(ctx, { personId: ids.resident }));
    const inB = await inTenant(ids.b, residentActor(ids.resident), (ctx) => listConsents(ctx, { personId: ids.resident }));
    expect(inA.map((c) => c.id)).toContain(given.id);
    expect(inB).toEqual([]);
    // The same organisation works in B too, but the consent given in A does not open B's door.
    const refused = await inTenant(ids.b, consultant(), (ctx) =>
      requireConsent(ctx, { personId: ids.resident, dataCategory: 'contactDetails', purpose: 'support', organisationId: ids.wijkteam }),
    ).catch((e: unknown) => e);
    expect((refused as HttpProblem).status).toBe(403);
    // Nor can it be withdrawn from B.
    const fromB = await inTenant(ids.b, residentActor(ids.resident), (ctx) =>
      withdrawConsent(ctx, { consentId: given.id, personId: ids.resident }),
    );
    expect(fromB).toBeNull();
  });

  it('refuses a consent without a municipality in the context', async () => {
    const refused = await inContext(t.db, { tenantId: null, actor: residentActor(ids.resident) }, (ctx) =>
      giveConsent(ctx, {
        personId: ids.resident,
        dataCategory: 'careNeeds',
        purpose: 'support',
        organisationId: ids.steunpunt,
        givenHow: 'online',
        validUntil: inAWeek(),
      }),
    ).catch((e: unknown) => e);
    expect((refused as ConsentError).code).toBe('noTenant');
  });

  it('lets only the person withdraw their own consent', async () => {
    const given = await inTenant(ids.a, residentActor(ids.resident), (ctx) =>
      giveConsent(ctx, {
        personId: ids.resident,
        dataCategory: 'supportPlan',
        purpose: 'support',
        organisationId: ids.steunpunt,
        givenHow: 'online',
        validUntil: inAWeek(),
      }),
    );
    const byOther = await inTenant(ids.a, residentActor(ids.child), (ctx) =>
      withdrawConsent(ctx, { consentId: given.id, personId: ids.child }),
    );
    expect(byOther).toBeNull();
    const still = await inTenant(ids.a, consultant(), (ctx) =>
      requireConsent(ctx, { personId: ids.resident, dataCategory: 'supportPlan', purpose: 'support', organisationId: ids.steunpunt }),
    );
    expect(still.id).toBe(given.id);
  });
});

describe('giving consent', () => {
  const childConsent = (guardian?: { name: string; confirmed: boolean }) =>
    inTenant(ids.a, residentActor(ids.child), (ctx) =>
      giveConsent(ctx, {
        personId: ids.child,
        dataCategory: 'careNeeds',
        purpose: 'support',
        organisationId: ids.steunpunt,
        givenHow: 'online',
        validUntil: inAWeek(),
        guardian: guardian ?? null,
      }),
    );

  it('refuses an online consent of a resident under 16 without a parent or guardian, and stores nothing', async () => {
    const none = await childConsent().catch((e: unknown) => e);
    expect(none).toBeInstanceOf(ConsentError);
    expect((none as ConsentError).code).toBe('guardianNameRequired');
    expect((none as ConsentError).status).toBe(422);
    const unconfirmed = await childConsent({ name: 'Ouder van de jonge mantelzorger', confirmed: false }).catch((e: unknown) => e);
    expect((unconfirmed as ConsentError).code).toBe('guardianConfirmationRequired');
    const stored = await inTenant(ids.a, residentActor(ids.child), (ctx) => listConsents(ctx, { personId: ids.child }));
    expect(stored).toEqual([]);
  });

  it('stores an online consent of a resident under 16 with the guardian’s name and confirmation', async () => {
    const given = await childConsent({ name: 'Ouder van de jonge mantelzorger', confirmed: true });
    expect(given).toMatchObject({ guardianName: 'Ouder van de jonge mantelzorger', givenHow: 'online', active: true });
    expect(given.guardianConfirmedAt).not.toBeNull();
  });

  it('records a consent given in person with the professional who recorded it', async () => {
    const missing = await inTenant(ids.a, consultant(), (ctx) =>
      giveConsent(ctx, {
        personId: ids.child,
        dataCategory: 'contactDetails',
        purpose: 'referral',
        organisationId: ids.steunpunt,
        givenHow: 'recordedInPerson',
        validUntil: inAWeek(),
      }),
    ).catch((e: unknown) => e);
    expect((missing as ConsentError).code).toBe('recorderRequired');
    const given = await inTenant(ids.a, consultant(), (ctx) =>
      giveConsent(ctx, {
        personId: ids.child,
        dataCategory: 'contactDetails',
        purpose: 'referral',
        organisationId: ids.steunpunt,
        givenHow: 'recordedInPerson',
        recordedBy: ids.consultant,
        validUntil: inAWeek(),
      }),
    );
    expect(given).toMatchObject({ recordedBy: ids.consultant, recordedByName: 'consulent' });
  });

  it('refuses an end date in the past and an organisation outside the network', async () => {
    const past = await inTenant(ids.a, residentActor(ids.resident), (ctx) =>
      giveConsent(ctx, {
        personId: ids.resident,
        dataCategory: 'careNeeds',
        purpose: 'support',
        organisationId: ids.steunpunt,
        givenHow: 'online',
        validUntil: new Date(Date.now() - 1000),
      }),
    ).catch((e: unknown) => e);
    expect((past as ConsentError).code).toBe('invalidPeriod');
    const outside = await inTenant(ids.b, residentActor(ids.resident), (ctx) =>
      giveConsent(ctx, {
        personId: ids.resident,
        dataCategory: 'careNeeds',
        purpose: 'support',
        organisationId: ids.steunpunt,
        givenHow: 'online',
        validUntil: inAWeek(),
      }),
    ).catch((e: unknown) => e);
    expect((outside as ConsentError).code).toBe('organisationNotInNetwork');
  });
});
