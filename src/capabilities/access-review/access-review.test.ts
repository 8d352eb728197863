import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { signedInPerson, type TestPerson } from '../../../tests/support/people.ts';
import { logAccess, verifyAccessLog } from '../../platform/audit/access-log.ts';
import type { Principal, Role } from '../../platform/auth/roles.ts';
import { inContext } from '../../platform/db/context.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { canReviewAccess } from './access-review.policy.ts';
import { classifyMoments } from './access-review.queries.ts';
import {
  csvCell,
  flagManyPersons,
  isOutsideOfficeHours,
  localIso,
  MANY_PERSONS_THRESHOLD,
  monthOf,
  previousMonth,
  recentMonths,
  type UserCount,
} from './access-review.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
const system = { kind: 'system', name: 'test' } as const;
const ids = { a: '', b: '', x: '', y: '', z: '', w: '' };
const users = { heavy: '', almost: '', light1: '', light2: '', light3: '', formula: '', consented: '' };
const FORMULA_NAME = '=HYPERLINK("https://example.org","klik")';
/** Every fixture line written in organisation X, with its user and moment. */
const fixture: { userId: string; occurredAt: string }[] = [];
let month = '';
let adminX: TestPerson;

const reviewUrl = (org: string, m?: string) => `/beheer/organisaties/${org}/toegangscontrole${m ? `?maand=${m}` : ''}`;
const csvUrl = (org: string, m: string) => `/beheer/organisaties/${org}/toegangscontrole.csv?maand=${m}`;
const get = (url: string, person?: TestPerson) => app.inject({ url, headers: person ? { cookie: person.cookie } : {} });

async function account(name: string, kind: 'resident' | 'professional'): Promise<string> {
  return asOwner(t.ownerUrl, async (c) => {
    const { rows } = await c.query<{ id: string }>('insert into accounts (email, display_name, kind) values ($1, $2, $3) returning id', [
      `${randomUUID()}@test.example`,
      name,
      kind,
    ]);
    return rows[0]?.id as string;
  });
}

async function consent(personId: string, organisationId: string, from: string, until: string, withdrawnAt: string | null = null) {
  await asOwner(t.ownerUrl, (c) =>
    c.query(
      `insert into consents (tenant_id, person_id, data_category, purpose, recipient_organisation_id, given_how, valid_from, valid_until, withdrawn_at)
       values ($1, $2, 'supportPlan', 'caregiverSupport', $3, 'online', $4, $5, $6)`,
      [ids.a, personId, organisationId, from, until, withdrawnAt],
    ),
  );
}

/** Writes access-log lines the way the app does (logAccess, now), in municipality A. */
async function lines(organisationId: string, entries: { userId: string; personId: string }[]) {
  await t.db.transaction({ tenantId: ids.a }, async (sql) => {
    for (const e of entries) {
      const line = await logAccess(sql, ids.a, {
        eventCode: 'careRecord.read',
        action: 'read',
        outcome: 'success',
        userId: e.userId,
        personId: e.personId,
        organisationId,
      });
      if (organisationId === ids.x) fixture.push({ userId: e.userId, occurredAt: line.occurredAt });
    }
  });
}

const distinctPersons = (userId: string, n: number) => Array.from({ length: n }, () => ({ userId, personId: randomUUID() }));

const reviewLines = (action: string) =>
  asOwner(
    t.ownerUrl,
    async (c) =>
      (
        await c.query(
          `select user_id, organisation_id, tenant_id, record_part from access_log where event_code = 'accessLog.review' and action = $1 order by seq`,
          [action],
        )
      ).rows,
  );

/** The HTML of one finding's section. */
function section(body: string, id: string): string {
  const start = body.indexOf(`data-finding="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  return body.slice(start, body.indexOf('</section>', start));
}

/** Rows of a finding's table as [name, email, ...numbers and moments]. */
function tableRows(html: string): string[][] {
  const body = html.slice(html.indexOf('<tbody'));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((row) =>
    [...(row[1] as string).matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => cell[1] as string),
  );
}

/** A small RFC 4180 reader for the download (every cell is quoted). */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => (m[1] as string).replace(/""/g, '"')));
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { baseUrl: 'http://localhost:3000' });
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    ids.a = (await organisations.addMunicipality(ctx, { code: 'GM9001', name: 'Aadorp' })).municipality.id;
    ids.b = (await organisations.addMunicipality(ctx, { code: 'GM9002', name: 'Beedorp' })).municipality.id;
    const add = async (name: string, codes: string[]) =>
      (await organisations.addOrganisation(ctx, { name, kind: 'supportCentre', municipalityCodes: codes })).organisation.id;
    ids.x = await add('Steunpunt X', ['GM9001']);
    ids.y = await add('Welzijn Y', ['GM9001']);
    ids.w = await add('Buurtteam W', ['GM9001']);
    ids.z = await add('Steunpunt Z', ['GM9002']);
  });
  adminX = await signedInPerson(t, {
    name: 'Beheerder X',
    memberships: [{ tenantId: ids.a, organisationId: ids.x, roles: ['organisationAdmin'] }],
  });

  users.heavy = await account('Harde Werker', 'professional');
  users.almost = await account('Net Niet', 'professional');
  users.light1 = await account('Lichte Een', 'professional');
  users.light2 = await account('Lichte Twee', 'professional');
  users.light3 = await account('Lichte Drie', 'professional');
  users.formula = await account(FORMULA_NAME, 'professional');
  users.consented = await account('Met Toestemming', 'professional');

  const day = 24 * 3600 * 1000;
  const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
  const ahead = (days: number) => new Date(Date.now() + days * day).toISOString();
  const noConsent = await account('Inwoner Zonder', 'resident');
  const withConsent = await account('Inwoner Met', 'resident');
  const withdrawn = await account('Inwoner Ingetrokken', 'resident');
  const otherOrganisation = await account('Inwoner Andere Organisatie', 'resident');
  const notYet = await account('Inwoner Nog Niet', 'resident');
  const expired = await account('Inwoner Verlopen', 'resident');
  const colleague = await account('Collega Professional', 'professional');
  await consent(withConsent, ids.x, ago(30), ahead(300));
  await consent(withdrawn, ids.x, ago(30), ahead(300), ago(1));
  await consent(otherOrganisation, ids.y, ago(30), ahead(300));
  await consent(notYet, ids.x, ahead(1), ahead(300));
  await consent(expired, ids.x, ago(60), ago(2));

  await lines(ids.x, [
    ...distinctPersons(users.heavy, MANY_PERSONS_THRESHOLD + 1),
    ...distinctPersons(users.almost, MANY_PERSONS_THRESHOLD),
    ...distinctPersons(users.light1, 1),
    ...distinctPersons(users.light2, 1),
    ...distinctPersons(users.light3, 1),
    // Six lines about five residents without an active consent for X, and one about a professional.
    ...[noConsent, noConsent, withdrawn, otherOrganisation, notYet, expired, colleague].map((personId) => ({
      userId: users.formula,
      personId,
    })),
    { userId: users.consented, personId: withConsent },
  ]);
  // Lines of another organisation do not count for X.
  await lines(ids.y, [...distinctPersons(users.heavy, 5), { userId: users.light1, personId: noConsent }]);
  // W: three users, two above the threshold, but not above three times the median (55).
  const u1 = await account('W Een', 'professional');
  const u2 = await account('W Twee', 'professional');
  const u3 = await account('W Drie', 'professional');
  await lines(ids.w, [...distinctPersons(u1, 60), ...distinctPersons(u2, 55), ...distinctPersons(u3, 25)]);

  const months = new Set(fixture.map((f) => monthOf(new Date(f.occurredAt))));
  expect(months.size, 'the fixture was written across a month boundary; run again').toBe(1);
  month = [...months][0] as string;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

function principal(memberships: { tenant: 'a' | 'b'; org: 'x' | 'y' | null; roles: Role[] }[], extra: Partial<Principal> = {}): Principal {
  return {
    accountId: 'p',
    kind: 'professional',
    platformAdmin: false,
    secondFactor: true,
    tenantId: ids.a,
    memberships: memberships.map((m) => ({
      tenantId: ids[m.tenant],
      municipalityCode: '',
      municipalityName: '',
      organisationId: m.org ? ids[m.org] : null,
      organisationName: null,
      roles: m.roles,
    })),
    ...extra,
  };
}

describe('the access review policy', () => {
  it('lets organisation administrators review their own organisation and municipality administrators any, nobody else', () => {
    const orgAdmin = principal([{ tenant: 'a', org: 'x', roles: ['organisationAdmin'] }]);
    expect(canReviewAccess(orgAdmin, ids.x)).toBe(true);
    expect(canReviewAccess(orgAdmin, ids.y)).toBe(false);
    const munAdmin = principal([{ tenant: 'a', org: null, roles: ['municipalityAdmin'] }]);
    expect(canReviewAccess(munAdmin, ids.x)).toBe(true);
    expect(canReviewAccess(munAdmin, ids.y)).toBe(true);
    for (const role of ['generalist', 'supportConsultant', 'volunteerCoordinator', 'networkCoordinator', 'policyOfficer'] as Role[]) {
      expect(canReviewAccess(principal([{ tenant: 'a', org: 'x', roles: [role] }]), ids.x), role).toBe(false);
    }
    expect(canReviewAccess(principal([], { platformAdmin: true }), ids.x)).toBe(false);
    expect(canReviewAccess({ ...orgAdmin, secondFactor: false }, ids.x)).toBe(false);
    expect(canReviewAccess({ ...orgAdmin, tenantId: null }, ids.x)).toBe(false);
    // Roles held in the other municipality do not count in this one.
    expect(canReviewAccess(principal([{ tenant: 'b', org: null, roles: ['municipalityAdmin'] }]), ids.x)).toBe(false);
  });
});

describe('time and counting rules', () => {
  it('office hours are 07:00 up to 19:00 on working days, Amsterdam time, in winter and in summer', () => {
    expect(isOutsideOfficeHours(new Date('2025-03-03T05:59:59Z'))).toBe(true); // Monday 06:59:59 CET
    expect(isOutsideOfficeHours(new Date('2025-03-03T06:00:00Z'))).toBe(false); // Monday 07:00 CET
    expect(isOutsideOfficeHours(new Date('2025-03-03T17:59:59Z'))).toBe(false); // 18:59:59 CET
    expect(isOutsideOfficeHours(new Date('2025-03-03T18:00:00Z'))).toBe(true); // 19:00 CET
    expect(isOutsideOfficeHours(new Date('2025-07-07T05:00:00Z'))).toBe(false); // Monday 07:00 CEST
    expect(isOutsideOfficeHours(new Date('2025-07-07T04:59:00Z'))).toBe(true); // 06:59 CEST
    expect(isOutsideOfficeHours(new Date('2025-07-07T17:30:00Z'))).toBe(true); // 19:30 CEST
    expect(isOutsideOfficeHours(new Date('2025-03-08T11:00:00Z'))).toBe(true); // Saturday noon
    expect(isOutsideOfficeHours(new Date('2025-03-09T11:00:00Z'))).toBe(true); // Sunday noon
    expect(isOutsideOfficeHours(new Date('2025-03-07T22:30:00Z'))).toBe(true); // Friday 23:30
  });

  it('the default month is the previous calendar month in Amsterdam', () => {
    expect(previousMonth(new Date('2025-02-28T23:30:00Z'))).toBe('2025-02'); // already 1 March in Amsterdam
    expect(previousMonth(new Date('2025-02-28T22:30:00Z'))).toBe('2025-01');
    expect(previousMonth(new Date('2025-01-15T12:00:00Z'))).toBe('2024-12');
    expect(recentMonths(new Date('2025-02-10T12:00:00Z'), 3)).toEqual(['2025-02', '2025-01', '2024-12']);
  });

  it('the SQL agrees with these rules on chosen moments, at month edges and for any moment', async () => {
    const edges = [
      '2025-02-28T22:59:59.999Z',
      '2025-02-28T23:00:00.000Z',
      '2025-03-31T21:59:59.999Z',
      '2025-03-31T22:00:00.000Z',
      '2025-03-03T05:59:59.000Z',
      '2025-03-03T06:00:00.000Z',
      '2025-03-03T18:00:00.000Z',
      '2025-03-08T11:00:00.000Z',
    ];
    const rows = await t.db.transaction({ tenantId: ids.a }, (sql) => classifyMoments(sql, edges, '2025-03-01'));
    expect(rows.map((r) => r.inMonth)).toEqual([false, true, true, false, true, true, true, true]);
    expect(rows.map((r) => r.outsideOfficeHours)).toEqual([true, true, true, true, true, false, true, true]);

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }), {
          minLength: 1,
          maxLength: 50,
        }),
        async (dates) => {
          const found = await t.db.transaction({ tenantId: ids.a }, (sql) =>
            classifyMoments(
              sql,
              dates.map((d) => d.toISOString()),
              `${monthOf(dates[0] as Date)}-01`,
            ),
          );
          found.forEach((row, i) => {
            const date = dates[i] as Date;
            expect(row.outsideOfficeHours, date.toISOString()).toBe(isOutsideOfficeHours(date));
            expect(row.inMonth, date.toISOString()).toBe(monthOf(date) === monthOf(dates[0] as Date));
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('many records: above the threshold, and above three times the median once three users touched persons', () => {
    const user = (persons: number): UserCount => ({
      userId: `u${persons}-${Math.random()}`,
      displayName: null,
      email: null,
      count: persons,
      persons,
      first: '',
      last: '',
    });
    const flagged = (counts: number[]) => flagManyPersons(counts.map(user)).users.map((u) => u.persons);
    expect(flagged([51, 1])).toEqual([51]); // two users: only the threshold
    expect(flagged([50, 1])).toEqual([]);
    expect(flagged([51, 1, 1])).toEqual([51]);
    expect(flagged([60, 55, 25])).toEqual([]); // median 55: 60 is not above 165
    expect(flagged([200, 60, 30, 10])).toEqual([200]); // median 45: 60 is not above 135, 200 is
    expect(flagManyPersons([user(60), user(55), user(25)]).median).toBe(55);
  });

  it('CSV cells are quoted and formula-like values stay text', () => {
    expect(csvCell('Jan')).toBe('"Jan"');
    expect(csvCell('Zeg "hoi", ja')).toBe('"Zeg ""hoi"", ja"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell(51)).toBe('"51"');
    expect(localIso('2025-03-04T20:15:02.345Z')).toBe('2025-03-04T21:15:02+01:00');
    expect(localIso('2025-07-04T20:15:02.000Z')).toBe('2025-07-04T22:15:02+02:00');
  });
});

describe('the access review page', () => {
  it('shows the totals and the three findings of the month for the organisation’s own administrator', async () => {
    const res = await get(reviewUrl(ids.x, month), adminX);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body;
    expect(body).toContain('Toegangscontrole Steunpunt X');
    // Totals: 112 lines by 7 users about 111 persons (the review's own line is written after reading).
    expect(body).toContain('data-total="lines">112<');
    expect(body).toContain('data-total="users">7<');
    expect(body).toContain('data-total="persons">111<');

    const many = tableRows(section(body, 'veel-dossiers'));
    expect(many.map((r) => r[0])).toEqual(['Harde Werker']);
    expect(many[0]?.[2]).toBe(String(MANY_PERSONS_THRESHOLD + 1));
    expect(section(body, 'veel-dossiers')).toContain('Aantal personen bij de middelste medewerker: 1.');

    const consent = tableRows(section(body, 'zonder-toestemming'));
    expect(consent).toHaveLength(1);
    expect(consent[0]?.[0]).toBe('=HYPERLINK(&quot;https://example.org&quot;,&quot;klik&quot;)');
    expect(consent[0]?.slice(2, 4)).toEqual(['6', '5']);

    // Outside office hours: whatever the moments of the fixture lines were, the page counts exactly those.
    const hours = section(body, 'buiten-kantoortijd');
    const expected = new Map<string, number>();
    for (const f of fixture) if (isOutsideOfficeHours(new Date(f.occurredAt))) expected.set(f.userId, (expected.get(f.userId) ?? 0) + 1);
    const names: Record<string, string> = {
      [users.heavy]: 'Harde Werker',
      [users.almost]: 'Net Niet',
      [users.light1]: 'Lichte Een',
      [users.light2]: 'Lichte Twee',
      [users.light3]: 'Lichte Drie',
      [users.consented]: 'Met Toestemming',
    };
    const shown = new Map(tableRows(hours).map((r) => [r[0], Number(r[2])]));
    for (const [id, name] of Object.entries(names)) expect(shown.get(name), name).toBe(expected.get(id));
    if (expected.size === 0) expect(hours).toContain('Deze maand was er geen toegang buiten kantoortijd.');

    // The month picker (a GET form) with this month chosen, and the CSV link.
    expect(body).toMatch(/<form method="get" action="\/beheer\/organisaties\/[0-9a-f-]+\/toegangscontrole"/);
    expect(body).toContain(`<option value="${month}" selected`);
    expect(body).toContain(`href="/beheer/organisaties/${ids.x}/toegangscontrole.csv?maand=${month}"`);
  });

  it('does not flag users above the threshold when they are not far above the median', async () => {
    const munAdmin = await signedInPerson(t, { memberships: [{ tenantId: ids.a, organisationId: null, roles: ['municipalityAdmin'] }] });
    const res = await get(reviewUrl(ids.w, month), munAdmin);
    expect(res.statusCode).toBe(200);
    const many = section(res.body, 'veel-dossiers');
    expect(many).toContain('Niemand gebruikte deze maand opvallend veel dossiers.');
    expect(many).toContain('Aantal personen bij de middelste medewerker: 55.');
    expect(section(res.body, 'zonder-toestemming')).toContain('Deze maand was er geen toegang zonder toestemming.');
  });

  it('shows the previous month by default, with empty states, and English on request', async () => {
    const res = await get(reviewUrl(ids.x), adminX);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<option value="${previousMonth(new Date())}" selected`);
    expect(res.body).toContain('data-total="lines">0<');
    expect(section(res.body, 'veel-dossiers')).toContain('Niemand gebruikte deze maand opvallend veel dossiers.');
    expect(section(res.body, 'buiten-kantoortijd')).toContain('Deze maand was er geen toegang buiten kantoortijd.');
    expect(section(res.body, 'zonder-toestemming')).toContain('Deze maand was er geen toegang zonder toestemming.');
    const en = await get(`${reviewUrl(ids.x, month)}&lang=en`, adminX);
    expect(en.body).toContain('Access review Steunpunt X');
    expect(en.body).toContain('Access without the resident’s consent');
    expect((await get(reviewUrl(ids.x, '2025-13'), adminX)).statusCode).toBe(400);
  });

  it('is linked from the staff list of the organisation', async () => {
    const res = await get(`/beheer/organisaties/${ids.x}/medewerkers`, adminX);
    expect(res.body).toContain(`href="/beheer/organisaties/${ids.x}/toegangscontrole"`);
  });

  it('is refused to other organisations’ administrators, policy officers, residents and without the second factor', async () => {
    for (const url of [reviewUrl(ids.y, month), csvUrl(ids.y, month), reviewUrl(ids.z, month), reviewUrl(randomUUID(), month)]) {
      const res = await get(url, adminX);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('Harde Werker');
    }
    const munAdmin = await signedInPerson(t, { memberships: [{ tenantId: ids.a, organisationId: null, roles: ['municipalityAdmin'] }] });
    expect((await get(reviewUrl(ids.y, month), munAdmin)).statusCode).toBe(200);
    expect((await get(reviewUrl(ids.z, month), munAdmin)).statusCode).toBe(404);

    const officer = await signedInPerson(t, { memberships: [{ tenantId: ids.a, organisationId: ids.x, roles: ['policyOfficer'] }] });
    expect((await get(reviewUrl(ids.x, month), officer)).statusCode).toBe(404);
    expect((await get(csvUrl(ids.x, month), officer)).statusCode).toBe(404);
    const resident = await signedInPerson(t, {
      kind: 'resident',
      memberships: [{ tenantId: ids.a, organisationId: null, roles: ['caregiver'] }],
    });
    expect((await get(reviewUrl(ids.x, month), resident)).statusCode).toBe(404);

    const half = await signedInPerson(t, {
      secondFactor: false,
      memberships: [{ tenantId: ids.a, organisationId: ids.x, roles: ['organisationAdmin'] }],
    });
    for (const url of [reviewUrl(ids.x, month), csvUrl(ids.x, month)]) {
      const res = await get(url, half);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/inloggen\/code\?terug=/);
    }
    const anonymous = await get(reviewUrl(ids.x, month));
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/inloggen\?terug=/);
  });
});

describe('the CSV download', () => {
  it('has one row per finding and user, escapes formula-like names, and is an attachment', async () => {
    const res = await get(csvUrl(ids.x, month), adminX);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="toegangscontrole-${month}.csv"`);
    expect(res.body.startsWith('\uFEFF"Bevinding","Naam","E-mailadres","Aantal","Eerste keer","Laatste keer"\r\n')).toBe(true);
    const rows = parseCsv(res.body);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    const many = rows.filter((r) => r[0] === 'Veel dossiers');
    expect(many.map((r) => [r[1], r[3]])).toEqual([['Harde Werker', String(MANY_PERSONS_THRESHOLD + 1)]]);
    const consent = rows.filter((r) => r[0] === 'Zonder toestemming');
    expect(consent.map((r) => [r[1], r[3]])).toEqual([[`'${FORMULA_NAME}`, '6']]);
    expect(res.body).toContain(`"'=HYPERLINK(""https://example.org"",""klik"")"`);
    expect(consent[0]?.[4]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    const outside = rows.filter((r) => r[0] === 'Buiten kantoortijd').map((r) => r[1]);
    const heavyOutside = fixture.some((f) => f.userId === users.heavy && isOutsideOfficeHours(new Date(f.occurredAt)));
    expect(outside.includes('Harde Werker')).toBe(heavyOutside);
  });
});

describe('reading the log', () => {
  it('is itself logged: a read line for the page and an export line for the CSV, and the chain still verifies', async () => {
    const readsBefore = (await reviewLines('read')).length;
    const exportsBefore = (await reviewLines('export')).length;
    expect((await get(reviewUrl(ids.x, month), adminX)).statusCode).toBe(200);
    const reads = await reviewLines('read');
    expect(reads).toHaveLength(readsBefore + 1);
    expect(reads.at(-1)).toEqual({
      user_id: adminX.accountId,
      organisation_id: ids.x,
      tenant_id: ids.a,
      record_part: `accessLog.${month}`,
    });
    expect(await reviewLines('export')).toHaveLength(exportsBefore);

    expect((await get(csvUrl(ids.x, month), adminX)).statusCode).toBe(200);
    const exports = await reviewLines('export');
    expect(exports).toHaveLength(exportsBefore + 1);
    expect(exports.at(-1)).toMatchObject({ user_id: adminX.accountId, organisation_id: ids.x, tenant_id: ids.a });
    expect(await reviewLines('read')).toHaveLength(readsBefore + 1);

    // A refused review writes nothing of its own.
    await get(reviewUrl(ids.y, month), adminX);
    expect(await reviewLines('read')).toHaveLength(readsBefore + 1);

    // The review lines show up in the next review of the month as lines of the administrator.
    const again = await get(reviewUrl(ids.x, month), adminX);
    expect(again.body).toContain('data-total="users">8<');

    for (const tenant of [ids.a, ids.b]) {
      const result = await t.db.transaction({ tenantId: tenant }, (sql) => verifyAccessLog(sql, tenant));
      expect(result.broken, tenant).toBeNull();
    }
    const a = await t.db.transaction({ tenantId: ids.a }, (sql) => verifyAccessLog(sql, ids.a));
    expect(a.lines).toBeGreaterThan(fixture.length);
  });
});
