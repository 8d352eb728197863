import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { asOwner, createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { openForm } from '../../../tests/support/forms.ts';
import { signedInPerson, type TestPerson } from '../../../tests/support/people.ts';
import { inContext } from '../../platform/db/context.ts';
import { startWorker } from '../../platform/jobs/queue.ts';
import { type DevMailbox, startDevMailbox } from '../../platform/mail/dev-smtp.ts';
import { EMAIL_JOB, emailJobHandler } from '../../platform/mail/email-job.ts';
import { createMailer, type Mailer } from '../../platform/mail/mailer.ts';
import * as organisations from '../organisations/organisations.service.ts';
import { type CaseFixture, insertCaregiverCase } from './support.fixtures.ts';
import { FOLLOW_UP_REMINDERS_JOB, followUpRemindersHandler } from './support.jobs.ts';
import { addDays, amsterdamDate } from './support.service.ts';

let t: TestDatabase;
let app: FastifyInstance;
let mailbox: DevMailbox;
let mailer: Mailer;
const ids = { tenant: '', otherTenant: '', centre: '', welfare: '', otherCentre: '' };
let consultant: TestPerson;
let colleague: TestPerson;
let welfareConsultant: TestPerson;
let policyOfficer: TestPerson;
let orgAdmin: TestPerson;
let halfSignedIn: TestPerson;
let mine: CaseFixture;
let noConsent: CaseFixture;
let welfareCase: CaseFixture;
let otherTenantCase: CaseFixture;
const BASE = 'http://localhost:3000';

const owner = <T>(work: Parameters<typeof asOwner<T>>[1]) => asOwner(t.ownerUrl, work);
const get = (url: string, who: TestPerson) => app.inject({ url, headers: { cookie: who.cookie } });
const logLines = (where: string, params: unknown[] = []) =>
  owner(async (c) => (await c.query(`select * from access_log where ${where} order by seq`, params)).rows);

beforeAll(async () => {
  t = await createTestDatabase();
  mailbox = await startDevMailbox(0);
  mailer = createMailer(`smtp://127.0.0.1:${mailbox.port}`, 'Naaste <noreply@naaste.localhost>');
  app = await createTestApp(t, { baseUrl: BASE });
  await inContext(t.db, { tenantId: null, actor: { kind: 'system', name: 'test' } }, async (ctx) => {
    ids.tenant = (await organisations.addMunicipality(ctx, { code: 'GM9021', name: 'Steundorp' })).municipality.id;
    ids.otherTenant = (await organisations.addMunicipality(ctx, { code: 'GM9022', name: 'Verredorp' })).municipality.id;
    ids.centre = (
      await organisations.addOrganisation(ctx, { name: 'Steunpunt Steundorp', kind: 'supportCentre', municipalityCodes: ['GM9021'] })
    ).organisation.id;
    ids.welfare = (
      await organisations.addOrganisation(ctx, { name: 'Welzijn Steundorp', kind: 'welfare', municipalityCodes: ['GM9021'] })
    ).organisation.id;
    ids.otherCentre = (
      await organisations.addOrganisation(ctx, { name: 'Steunpunt Verredorp', kind: 'supportCentre', municipalityCodes: ['GM9022'] })
    ).organisation.id;
  });
  consultant = await signedInPerson(t, {
    name: 'Sanne Consulent',
    memberships: [{ tenantId: ids.tenant, organisationId: ids.centre, roles: ['supportConsultant'] }],
  });
  colleague = await signedInPerson(t, {
    name: 'Karim Collega',
    memberships: [{ tenantId: ids.tenant, organisationId: ids.centre, roles: ['supportConsultant'] }],
  });
  welfareConsultant = await signedInPerson(t, {
    name: 'Welzijn Consulent',
    memberships: [{ tenantId: ids.tenant, organisationId: ids.welfare, roles: ['supportConsultant'] }],
  });
  policyOfficer = await signedInPerson(t, {
    memberships: [{ tenantId: ids.tenant, organisationId: null, roles: ['policyOfficer', 'municipalityAdmin'] }],
  });
  orgAdmin = await signedInPerson(t, { memberships: [{ tenantId: ids.tenant, organisationId: ids.centre, roles: ['organisationAdmin'] }] });
  halfSignedIn = await signedInPerson(t, {
    secondFactor: false,
    memberships: [{ tenantId: ids.tenant, organisationId: ids.centre, roles: ['supportConsultant'] }],
  });
  await owner(async (c) => {
    mine = await insertCaregiverCase(c, {
      tenantId: ids.tenant,
      organisationId: ids.centre,
      caregiverName: 'Fatima Bakker',
      caredForName: 'Mama Aïcha',
      status: 'active',
      burden: 'high',
      consultantId: consultant.accountId,
      nextActionOn: addDays(amsterdamDate(), -2),
    });
    await insertCaregiverCase(c, {
      tenantId: ids.tenant,
      organisationId: ids.centre,
      caregiverName: 'Gerrit Visser',
      caredForName: 'Tineke',
      burden: 'low',
    });
    noConsent = await insertCaregiverCase(c, {
      tenantId: ids.tenant,
      organisationId: ids.centre,
      caregiverName: 'Zonder Toestemming',
      caredForName: 'Opa',
      consent: false,
    });
    welfareCase = await insertCaregiverCase(c, {
      tenantId: ids.tenant,
      organisationId: ids.welfare,
      caregiverName: 'Welzijn Mantelzorger',
      caredForName: 'Broer',
    });
    otherTenantCase = await insertCaregiverCase(c, {
      tenantId: ids.otherTenant,
      organisationId: ids.otherCentre,
      caregiverName: 'Verre Mantelzorger',
      caredForName: 'Zus',
    });
    await c.query(`insert into support_signals (tenant_id, case_id, kind) values ($1, $2, 'aboveThreshold'), ($1, $2, 'clearRise')`, [
      ids.tenant,
      mine.caseId,
    ]);
  });
});

afterAll(async () => {
  await app?.close();
  mailer?.close();
  await mailbox?.close();
  await t?.drop();
});

describe('the caseload', () => {
  it('shows a consultant the consented cases of their own organisation only, with open signals', async () => {
    const res = await get('/werkplek', consultant);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Fatima Bakker');
    expect(res.body).toContain('Mama Aïcha');
    expect(res.body).toContain('Gerrit Visser');
    expect(res.body).toContain('2 nieuw');
    expect(res.body).toContain('(te laat)');
    expect(res.body).not.toContain('Zonder Toestemming');
    expect(res.body).not.toContain('Welzijn Mantelzorger');
    expect(res.body).not.toContain('Verre Mantelzorger');
    expect(res.body).toContain('2 dossiers');
  });

  it('writes one search line without a person for each view', async () => {
    const before = (await logLines(`event_code = 'supportCase.caseload'`)).length;
    await get('/werkplek?q=Fatima', consultant);
    const lines = await logLines(`event_code = 'supportCase.caseload'`);
    expect(lines.length).toBe(before + 1);
    expect(lines.at(-1)).toMatchObject({
      action: 'search',
      outcome: 'success',
      person_id: null,
      user_id: consultant.accountId,
      purpose: 'support',
      organisation_id: ids.centre,
    });
  });

  it('searches by the caregiver’s name and the cared-for person’s first name, and filters', async () => {
    const byName = await get('/werkplek?q=bakker', consultant);
    expect(byName.body).toContain('Fatima Bakker');
    expect(byName.body).not.toContain('Gerrit Visser');
    const byCaredFor = await get('/werkplek?q=tine', consultant);
    expect(byCaredFor.body).toContain('Gerrit Visser');
    expect(byCaredFor.body).not.toContain('Fatima Bakker');
    const none = await get('/werkplek?q=niemand', consultant);
    expect(none.body).toContain('Geen dossiers gevonden voor “niemand”.');
    const heavy = await get('/werkplek?burden=high', consultant);
    expect(heavy.body).toContain('Fatima Bakker');
    expect(heavy.body).not.toContain('Gerrit Visser');
    const overdue = await get('/werkplek?due=overdue', consultant);
    expect(overdue.body).toContain('Fatima Bakker');
    expect(overdue.body).not.toContain('Gerrit Visser');
    const fresh = await get('/werkplek?status=new', consultant);
    expect(fresh.body).toContain('Gerrit Visser');
    expect(fresh.body).not.toContain('Fatima Bakker');
    const mineOnly = await get('/werkplek?assigned=mine', consultant);
    expect(mineOnly.body).toContain('Fatima Bakker');
    expect(mineOnly.body).not.toContain('Gerrit Visser');
    const nobody = await get('/werkplek?assigned=unassigned', consultant);
    expect(nobody.body).toContain('Gerrit Visser');
    expect(nobody.body).not.toContain('Fatima Bakker');
    const emptyFilter = await get('/werkplek?assigned=mine&burden=low', consultant);
    expect(emptyFilter.body).toContain('Geen dossiers gevonden met deze keuzes.');
  });

  it('sorts by burden, by next step and by newest', async () => {
    const order = (body: string) => [body.indexOf('Fatima Bakker'), body.indexOf('Gerrit Visser')];
    const [heavyFirst, light] = order((await get('/werkplek?sort=burden', consultant)).body);
    expect(heavyFirst).toBeLessThan(light as number);
    // Next step: the overdue case first; a case without a date last.
    const [due, undated] = order((await get('/werkplek?sort=next', consultant)).body);
    expect(due).toBeLessThan(undated as number);
    const [older, newer] = order((await get('/werkplek?sort=newest', consultant)).body);
    expect(newer).toBeLessThan(older as number);
  });

  it('pages through a long caseload', async () => {
    await owner(async (c) => {
      for (let i = 0; i < 30; i++) {
        await insertCaregiverCase(c, {
          tenantId: ids.tenant,
          organisationId: ids.welfare,
          caregiverName: `Pagina Mantelzorger ${String(i).padStart(2, '0')}`,
          caredForName: 'Naaste',
        });
      }
    });
    const first = await get('/werkplek?sort=newest', welfareConsultant);
    expect(first.body).toContain('31 dossiers');
    expect(first.body).toContain('Pagina 1 van 2');
    expect(first.body).toContain('href="/werkplek?status=open&amp;assigned=all&amp;sort=newest&amp;page=2"');
    const second = await get('/werkplek?sort=newest&page=2', welfareConsultant);
    expect(second.body).toContain('Pagina 2 van 2');
    expect(second.body).toContain('Welzijn Mantelzorger');
    expect(first.body).not.toContain('Welzijn Mantelzorger');
  });

  it('is not there for a policy officer, an organisation administrator, a resident or without the second factor', async () => {
    expect((await get('/werkplek', policyOfficer)).statusCode).toBe(404);
    expect((await get('/werkplek', orgAdmin)).statusCode).toBe(404);
    const half = await get('/werkplek', halfSignedIn);
    expect(half.statusCode).toBe(303);
    expect(half.headers.location).toMatch(/^\/inloggen\/code/);
    const anonymous = await app.inject({ url: '/werkplek' });
    expect(anonymous.statusCode).toBe(303);
  });
});

describe('the case page', () => {
  it('shows the care relationship, signals and plan, and logs the read with the caregiver as the person', async () => {
    const res = await get(`/werkplek/dossiers/${mine.caseId}`, consultant);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Dossier van Fatima Bakker');
    expect(res.body).toContain('Vergeetachtig, valt soms.');
    expect(res.body).toContain('De balansmeting is zwaar uitgevallen');
    const [line] = (await logLines(`event_code = 'supportCase.read' and person_id = $1`, [mine.caregiverId])).slice(-1);
    expect(line).toMatchObject({
      action: 'read',
      outcome: 'success',
      user_id: consultant.accountId,
      purpose: 'support',
      record_part: 'supportCase',
    });
  });

  it('is refused for another organisation, another municipality, a policy officer and a guessed id', async () => {
    expect((await get(`/werkplek/dossiers/${welfareCase.caseId}`, consultant)).statusCode).toBe(404);
    expect((await get(`/werkplek/dossiers/${otherTenantCase.caseId}`, consultant)).statusCode).toBe(404);
    expect((await get(`/werkplek/dossiers/${mine.caseId}`, policyOfficer)).statusCode).toBe(404);
    expect((await get(`/werkplek/dossiers/${mine.caseId}`, orgAdmin)).statusCode).toBe(404);
    expect((await get(`/werkplek/dossiers/${crypto.randomUUID()}`, consultant)).statusCode).toBe(404);
    const refused = await get(`/werkplek/dossiers/${noConsent.caseId}`, consultant);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('Zonder Toestemming');
    const [denied] = (await logLines(`person_id = $1`, [noConsent.caregiverId])).slice(-1);
    expect(denied).toMatchObject({ event_code: 'consent.check', outcome: 'denied', user_id: consultant.accountId });
  });

  it('lets a signal be marked as seen', async () => {
    const page = await openForm(app, `/werkplek/dossiers/${mine.caseId}`, consultant.cookie);
    const signal = /\/signalen\/([0-9a-f-]{36})\/gezien/.exec(page.page.body)?.[1] as string;
    const res = await page.submit(`/werkplek/dossiers/${mine.caseId}/signalen/${signal}/gezien`, {});
    expect(res.statusCode).toBe(303);
    const after = await get(`/werkplek/dossiers/${mine.caseId}`, consultant);
    expect(after.body).not.toContain(`/signalen/${signal}/gezien`);
    expect((await get('/werkplek', consultant)).body).toContain('1 nieuw');
  });
});

describe('working on a case', () => {
  let fresh: CaseFixture;
  beforeAll(async () => {
    fresh = await owner((c) =>
      insertCaregiverCase(c, { tenantId: ids.tenant, organisationId: ids.centre, caregiverName: 'Petra de Vries', caredForName: 'Jan' }),
    );
  });
  const url = (path = '') => `/werkplek/dossiers/${fresh.caseId}${path}`;
  const caseRow = () => owner(async (c) => (await c.query('select * from support_cases where id = $1', [fresh.caseId])).rows[0]);

  it('takes a case, and the intake form keeps what was typed with an error summary', async () => {
    const page = await openForm(app, url(), consultant.cookie);
    expect(page.page.body).toContain('Pak dit dossier op');
    expect((await page.submit(url('/oppakken'), {})).headers.location).toBe(url('?klaar=opgepakt'));
    expect(await caseRow()).toMatchObject({ consultant_id: consultant.accountId, status: 'intake' });

    const form = await openForm(app, url('/intake'), consultant.cookie);
    expect(form.page.statusCode).toBe(200);
    const bad = await form.submit(url('/intake'), {
      intakeOn: '2026-02-31',
      situation: '',
      wishes: 'Weer eens naar koor',
      possibilities: '',
      limits: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<title>Fout: ');
    expect(bad.body).toContain('href="#intakeOn"');
    expect(bad.body).toContain('Datum van het gesprek: vul een datum in, zoals 2026-03-31');
    expect(bad.body).toContain('De situatie: vul dit in');
    expect(bad.body.indexOf('href="#intakeOn"')).toBeLessThan(bad.body.indexOf('href="#situation"'));
    expect(bad.body).toContain('Weer eens naar koor');
    expect(bad.body).toContain('value="2026-02-31"');
    const good = await form.submit(url('/intake'), {
      intakeOn: amsterdamDate(),
      situation: 'Zorgt elke dag voor Jan.',
      wishes: 'Weer eens naar koor',
      possibilities: 'Overdag gaat het goed',
      limits: 'De nachten',
    });
    expect(good.statusCode).toBe(303);
    expect(await caseRow()).toMatchObject({ status: 'active', situation: 'Zorgt elke dag voor Jan.', limits: 'De nachten' });
  });

  it('builds a plan: a goal in one of the four forms, an action under it, a shared note, a follow-up', async () => {
    const goalForm = await openForm(app, url('/doelen'), consultant.cookie);
    const badGoal = await goalForm.submit(url('/doelen'), { form: '', goal: 'Een middag per week vrij' });
    expect(badGoal.statusCode).toBe(400);
    expect(badGoal.body).toContain('Vorm van ondersteuning: kies er één');
    expect(badGoal.body).toContain('Een middag per week vrij');
    expect((await goalForm.submit(url('/doelen'), { form: 'respite', goal: 'Een middag per week vrij' })).statusCode).toBe(303);
    const goal = await owner(async (c) => (await c.query('select * from support_goals where case_id = $1', [fresh.caseId])).rows[0]);
    expect(goal).toMatchObject({ form: 'respite', goal: 'Een middag per week vrij', status: 'planned' });

    const actionForm = await openForm(app, url('/acties'), consultant.cookie);
    expect(actionForm.page.body).toContain('Tijdelijke vervanging van de zorg: Een middag per week vrij');
    const badAction = await actionForm.submit(url('/acties'), {
      description: '',
      who: 'volunteer',
      whoName: 'De Schakel',
      dueOn: 'morgen',
      goalId: goal.id,
    });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.body).toContain('Wat moet er gebeuren: vul dit in');
    expect(badAction.body).toContain('Klaar op: vul een datum in');
    expect(badAction.body).toContain('value="De Schakel"');
    const due = addDays(amsterdamDate(), 14);
    const okAction = await actionForm.submit(url('/acties'), {
      description: 'Kennismaken met een vrijwilliger',
      who: 'volunteer',
      whoName: 'De Schakel',
      dueOn: due,
      goalId: goal.id,
    });
    expect(okAction.statusCode).toBe(303);
    const action = await owner(async (c) => (await c.query('select * from support_actions where case_id = $1', [fresh.caseId])).rows[0]);
    expect(action).toMatchObject({ goal_id: goal.id, who: 'volunteer', who_name: 'De Schakel', done_at: null });

    const page = await openForm(app, url(), consultant.cookie);
    expect((await page.submit(url(`/doelen/${goal.id}`), { status: 'inProgress' })).statusCode).toBe(303);
    expect((await page.submit(url(`/acties/${action.id}/klaar`), {})).statusCode).toBe(303);
    const after = await owner(async (c) => ({
      goal: (await c.query('select status from support_goals where id = $1', [goal.id])).rows[0],
      action: (await c.query('select done_at from support_actions where id = $1', [action.id])).rows[0],
    }));
    expect(after.goal.status).toBe('inProgress');
    expect(after.action.done_at).not.toBeNull();

    const noteForm = await openForm(app, url('/notities'), consultant.cookie);
    expect((await noteForm.submit(url('/notities'), { body: '', visibility: 'shared' })).statusCode).toBe(400);
    expect((await noteForm.submit(url('/notities'), { body: 'Fijn gesprek gehad.', visibility: 'shared' })).statusCode).toBe(303);
    const note = await owner(async (c) => (await c.query('select * from case_notes where case_id = $1', [fresh.caseId])).rows[0]);
    expect(note).toMatchObject({ visibility: 'shared', body: 'Fijn gesprek gehad.', author_id: consultant.accountId });

    const followForm = await openForm(app, url('/vervolg'), consultant.cookie);
    const past = await followForm.submit(url('/vervolg'), { dueOn: addDays(amsterdamDate(), -1), purpose: 'Bellen' });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('Datum: kies vandaag of een latere datum');
    const next = addDays(amsterdamDate(), 10);
    expect((await followForm.submit(url('/vervolg'), { dueOn: next, purpose: 'Bellen hoe het gaat' })).statusCode).toBe(303);
    expect(String((await caseRow()).next_action_on).slice(0, 10)).toBe(next);

    const shown = await get(url(), consultant);
    for (const text of ['Een middag per week vrij', 'Kennismaken met een vrijwilliger', 'Fijn gesprek gehad.', 'Bellen hoe het gaat']) {
      expect(shown.body).toContain(text);
    }
  });

  it('reports a change in the situation, which plans a new look at the plan within three days', async () => {
    const form = await openForm(app, url('/situatie'), consultant.cookie);
    expect((await form.submit(url('/situatie'), { kind: '', description: '' })).statusCode).toBe(400);
    expect((await form.submit(url('/situatie'), { kind: 'caregiverHealth', description: 'Zelf geopereerd aan de knie.' })).statusCode).toBe(
      303,
    );
    const change = await owner(
      async (c) => (await c.query('select * from situation_changes where care_relationship_id = $1', [fresh.relationshipId])).rows[0],
    );
    expect(change).toMatchObject({ reporter_role: 'consultant', kind: 'caregiverHealth', reported_by: consultant.accountId });
    expect(String((await caseRow()).next_action_on).slice(0, 10)).toBe(addDays(amsterdamDate(), 3));
    expect((await get(url(), consultant)).body).toContain('Het plan opnieuw bekijken: de situatie is veranderd');
  });

  it('records keukentafelgesprek agreements and evaluates them', async () => {
    const form = await openForm(app, url('/afspraken'), consultant.cookie);
    expect((await form.submit(url('/afspraken'), { who: 'municipality', whoName: 'Wmo', contribution: '' })).statusCode).toBe(400);
    expect(
      (await form.submit(url('/afspraken'), { who: 'municipality', whoName: 'Wmo', contribution: 'Huishoudelijke hulp, 3 uur' }))
        .statusCode,
    ).toBe(303);
    const agreement = await owner(
      async (c) =>
        (
          await c.query(
            `select g.* from kitchen_table_agreements g join kitchen_table_preparations p on p.id = g.preparation_id
             where p.care_relationship_id = $1`,
            [fresh.relationshipId],
          )
        ).rows[0],
    );
    expect(agreement).toMatchObject({ who: 'municipality', contribution: 'Huishoudelijke hulp, 3 uur', evaluation: null });
    const evaluate = await openForm(app, url(`/afspraken/${agreement.id}`), consultant.cookie);
    const missing = await evaluate.submit(url(`/afspraken/${agreement.id}`), { evaluation: 'partlyKept', evaluationNote: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Toelichting: vul dit in');
    expect(
      (await evaluate.submit(url(`/afspraken/${agreement.id}`), { evaluation: 'partlyKept', evaluationNote: 'Pas na vier weken begonnen' }))
        .statusCode,
    ).toBe(303);
    const row = await owner(async (c) => (await c.query('select * from kitchen_table_agreements where id = $1', [agreement.id])).rows[0]);
    expect(row).toMatchObject({ evaluation: 'partlyKept', evaluation_note: 'Pas na vier weken begonnen' });
    expect(row.evaluated_at).not.toBeNull();
  });

  it('hands the case over when the caregiver asks for another consultant', async () => {
    await owner(async (c) => {
      await c.query(
        `update support_cases set consultant_change_requested_at = now(), consultant_change_reason = 'Het klikt niet' where id = $1`,
        [fresh.caseId],
      );
      await c.query(`insert into support_signals (tenant_id, case_id, kind) values ($1, $2, 'consultantChangeRequested')`, [
        ids.tenant,
        fresh.caseId,
      ]);
    });
    const form = await openForm(app, url('/overdragen'), consultant.cookie);
    expect(form.page.body).toContain('Het klikt niet');
    expect(form.page.body).toContain('Karim Collega');
    expect((await form.submit(url('/overdragen'), { consultantId: welfareConsultant.accountId })).statusCode).toBe(400);
    expect((await form.submit(url('/overdragen'), { consultantId: colleague.accountId })).statusCode).toBe(303);
    expect(await caseRow()).toMatchObject({ consultant_id: colleague.accountId, consultant_change_requested_at: null });
    const open = await owner(
      async (c) =>
        (await c.query('select count(*)::int as n from support_signals where case_id = $1 and seen_at is null', [fresh.caseId])).rows[0].n,
    );
    expect(open).toBe(0);
    expect((await get(url(), consultant)).body).toContain('Sanne Consulent heeft het dossier overgedragen aan Karim Collega');
  });

  it('measures the balance again with the caregiver present: recorded by the consultant, burden and warning on the case', async () => {
    const form = await openForm(app, url('/meting?instrument=csi'), consultant.cookie);
    expect(form.page.statusCode).toBe(200);
    expect(form.page.body).toContain('Mijn nachtrust is verstoord.');
    const some = { instrument: 'csi', versie: '1', q1: 'ja', q2: 'ja' };
    const bad = await form.submit(url('/meting'), some);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Kies een antwoord bij vraag 3');
    expect(bad.body).toContain('href="#q3"');
    expect(bad.body).toMatch(/id="q1"[^>]*value="ja"[^>]*checked|checked[^>]*id="q1"/);
    const all = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`q${i + 1}`, i < 8 ? 'ja' : 'nee']));
    const ok = await form.submit(url('/meting'), { instrument: 'csi', versie: '1', ...all });
    expect(ok.statusCode).toBe(303);
    const result = await owner(
      async (c) => (await c.query('select * from balance_check_results where care_relationship_id = $1', [fresh.relationshipId])).rows[0],
    );
    expect(result).toMatchObject({ person_id: fresh.caregiverId, recorded_by: consultant.accountId, score: 8, above_threshold: true });
    expect((await caseRow()).burden_level).toBe('high');
    const page = await get(url(), consultant);
    expect(page.body).toContain('De balansmeting is zwaar uitgevallen');
    expect(page.body).toContain('heeft de balans opnieuw gemeten');
    expect(page.body).toContain('<svg');
  });

  it('closes a case only after confirmation, with an outcome, and reopens it', async () => {
    const form = await openForm(app, url('/afsluiten'), consultant.cookie);
    const bad = await form.submit(url('/afsluiten'), { outcome: 'other', outcomeNote: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Toelichting: vul dit in');
    const confirm = await form.submit(url('/afsluiten'), { outcome: 'goalsReached', outcomeNote: 'Het gaat weer goed.' });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Weet u zeker dat u het dossier afsluit?');
    expect(confirm.body).toContain('name="bevestigd" value="ja"');
    expect((await caseRow()).status).toBe('active');
    const done = await form.submit(url('/afsluiten'), { outcome: 'goalsReached', outcomeNote: 'Het gaat weer goed.', bevestigd: 'ja' });
    expect(done.statusCode).toBe(303);
    expect(await caseRow()).toMatchObject({
      status: 'closed',
      outcome: 'goalsReached',
      outcome_note: 'Het gaat weer goed.',
      next_action_on: null,
    });
    const page = await openForm(app, url(), consultant.cookie);
    expect(page.page.body).toContain('Uitkomst: De doelen zijn bereikt.');
    expect((await page.submit(url('/heropenen'), {})).statusCode).toBe(303);
    expect(await caseRow()).toMatchObject({ status: 'active', closed_at: null, outcome: null });
  });

  it('is no longer open to the consultant from the next request after the caregiver withdraws consent', async () => {
    expect((await get(url(), consultant)).statusCode).toBe(200);
    await owner((c) => c.query('update consents set withdrawn_at = now() where person_id = $1', [fresh.caregiverId]));
    expect((await get(url(), consultant)).statusCode).toBe(403);
    expect((await get(url('/intake'), consultant)).statusCode).toBe(403);
    expect((await get('/werkplek?q=Petra', consultant)).body).not.toContain('Petra de Vries');
    const form = await openForm(app, '/mijn-account', consultant.cookie);
    expect((await form.submit(url('/notities'), { body: 'Nog een notitie', visibility: 'team' })).statusCode).toBe(403);
    const notes = await owner(
      async (c) => (await c.query(`select count(*)::int as n from case_notes where body = 'Nog een notitie'`)).rows[0].n,
    );
    expect(notes).toBe(0);
  });
});

describe('the support API', () => {
  it('lists the caseload and gets one case with the same policy', async () => {
    const list = await get('/api/v1/support-cases?sort=burden', consultant);
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.items[0]).toMatchObject({ caregiverName: 'Fatima Bakker', burdenLevel: 'high', openSignals: 1 });
    expect(body.items.map((i: { caregiverName: string }) => i.caregiverName)).not.toContain('Zonder Toestemming');
    expect(body.totalCap).toBe(1000);
    const one = await get(`/api/v1/support-cases/${mine.caseId}`, consultant);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id: mine.caseId,
      caregiver: { name: 'Fatima Bakker' },
      careRelationship: { caredForName: 'Mama Aïcha' },
    });
    const other = await get(`/api/v1/support-cases/${welfareCase.caseId}`, consultant);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect((await get(`/api/v1/support-cases/${noConsent.caseId}`, consultant)).statusCode).toBe(403);
    expect((await get('/api/v1/support-cases', policyOfficer)).statusCode).toBe(404);
    expect((await get('/api/v1/support-cases', halfSignedIn)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/support-cases' })).statusCode).toBe(401);
  });

  it('adds goals, actions and notes, with every invalid field at once', async () => {
    const { cookies, page } = await openForm(app, '/mijn-account', consultant.cookie);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const post = (path: string, payload: unknown) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/support-cases/${mine.caseId}${path}`,
        headers: { cookie: cookies, 'x-csrf-token': token, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
    const bad = await post('/goals', { form: 'holiday', goal: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['body.form', 'body.goal']);
    const goal = await post('/goals', { form: 'information', goal: 'Weten welke hulp er is' });
    expect(goal.statusCode).toBe(201);
    expect(goal.json()).toMatchObject({ form: 'information', goal: 'Weten welke hulp er is', status: 'planned' });
    const action = await post('/actions', {
      goalId: goal.json().id,
      description: 'Folder sturen',
      who: 'consultant',
      dueOn: amsterdamDate(),
    });
    expect(action.statusCode).toBe(201);
    expect(action.json()).toMatchObject({ goalId: goal.json().id, who: 'consultant' });
    const wrongGoal = await post('/actions', { goalId: crypto.randomUUID(), description: 'x', who: 'consultant' });
    expect(wrongGoal.statusCode).toBe(400);
    expect(wrongGoal.json().invalidParams[0].name).toBe('body.goalId');
    const note = await post('/notes', { visibility: 'team', body: 'Via de API' });
    expect(note.statusCode).toBe(201);
    const goals = await get(`/api/v1/support-cases/${mine.caseId}/goals`, consultant);
    expect(goals.json().items.map((g: { goal: string }) => g.goal)).toContain('Weten welke hulp er is');
    const withoutToken = await app.inject({
      method: 'POST',
      url: `/api/v1/support-cases/${mine.caseId}/notes`,
      headers: { cookie: cookies, 'content-type': 'application/json' },
      payload: JSON.stringify({ visibility: 'team', body: 'Zonder token' }),
    });
    expect(withoutToken.statusCode).toBe(403);
    const lines = await logLines(`person_id = $1 and event_code in ('supportCase.goal', 'supportCase.action', 'supportCase.note')`, [
      mine.caregiverId,
    ]);
    expect(lines.map((l) => l.action)).toEqual(['create', 'create', 'create']);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/support-cases',
        '/support-cases/{caseId}',
        '/support-cases/{caseId}/goals',
        '/support-cases/{caseId}/actions',
        '/support-cases/{caseId}/notes',
      ]),
    );
  });
});

describe('follow-up reminders', () => {
  it('email the consultant a link to the case once, through real SMTP', async () => {
    const fx = await owner(async (c) => {
      const f = await insertCaregiverCase(c, {
        tenantId: ids.tenant,
        organisationId: ids.centre,
        caregiverName: 'Herinnering Mantelzorger',
        caredForName: 'Geheimenaam',
        status: 'active',
        consultantId: colleague.accountId,
      });
      const closed = await insertCaregiverCase(c, {
        tenantId: ids.tenant,
        organisationId: ids.centre,
        caregiverName: 'Afgesloten Mantelzorger',
        caredForName: 'Oom',
        status: 'closed',
        consultantId: colleague.accountId,
      });
      await c.query(
        `insert into follow_ups (tenant_id, case_id, due_on, purpose) values
           ($1, $2, $4::date, 'Bellen'), ($1, $2, $4::date + 5, 'Later'), ($1, $3, $4::date, 'Dicht')`,
        [ids.tenant, f.caseId, closed.caseId, amsterdamDate()],
      );
      return f;
    });
    mailbox.clear();
    await owner((c) => c.query(`update municipalities set active = true where id = $1`, [ids.tenant]));
    const worker = startWorker({
      db: t.db,
      handlers: { [FOLLOW_UP_REMINDERS_JOB]: followUpRemindersHandler({ db: t.db, baseUrl: BASE }), [EMAIL_JOB]: emailJobHandler(mailer) },
      poll: false,
    });
    await t.db.platform((sql) => sql.query(`insert into jobs (kind, payload) values ($1, '{}')`, [FOLLOW_UP_REMINDERS_JOB]));
    await worker.runOnce();
    await worker.runOnce();
    const messages = mailbox.list().filter((m) => m.to.includes(colleague.email));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.subject).toBe('Herinnering: vervolgafspraak in Naaste');
    expect(messages[0]?.text).toContain(`${BASE}/werkplek/dossiers/${fx.caseId}`);
    expect(messages[0]?.text).not.toContain('Geheimenaam');
    expect(messages[0]?.text).not.toContain('Herinnering Mantelzorger');
    const reminded = await owner(
      async (c) =>
        (
          await c.query('select purpose, reminder_sent_at is not null as sent from follow_ups where case_id = $1 order by due_on', [
            fx.caseId,
          ])
        ).rows,
    );
    expect(reminded).toEqual([
      { purpose: 'Bellen', sent: true },
      { purpose: 'Later', sent: false },
    ]);
    // A second round sends nothing new.
    await t.db.platform((sql) => sql.query(`insert into jobs (kind, payload) values ($1, '{}')`, [FOLLOW_UP_REMINDERS_JOB]));
    await worker.runOnce();
    await worker.runOnce();
    expect(mailbox.list().filter((m) => m.to.includes(colleague.email))).toHaveLength(1);
  });
});
