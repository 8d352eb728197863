import { recordBalanceCheck } from '../../src/capabilities/balance-check/balance-check.service.ts';
import { createAccount } from '../../src/capabilities/identity/identity.service.ts';
import { findAccountByEmail } from '../../src/capabilities/identity/identity.queries.ts';
import { upsertMembership } from '../../src/capabilities/staff/staff.queries.ts';
import { giveConsent } from '../../src/platform/consent/consent.ts';
import type { ServiceContext } from '../../src/platform/db/context.ts';

/**
 * Demo caregivers for Demodam, all invented: a living caseload for the support centre, with
 * caregivers in every burden band and support in every state (new, intake, active, closed), goals
 * in the four forms of support, shared and team notes, follow-ups due and overdue, early warnings,
 * situation changes and keukentafelgesprek preparations. Only with the demo accounts (never in
 * production). Idempotent: nothing is added when the first demo caregiver already exists.
 */

const SUPPORT_CENTRE = 'Steunpunt Mantelzorg Demodam';
const CONSULTANT_EMAIL = 'consulent@steunpunt.demodam.example';
const DEMO_CAREGIVER_EMAIL = 'mantelzorger@demodam.example';

const FIRST_NAMES = [
  'Anouk',
  'Bas',
  'Carla',
  'Dirk',
  'Esra',
  'Femke',
  'Gerrit',
  'Hatice',
  'Ingrid',
  'Joost',
  'Karin',
  'Lars',
  'Marieke',
  'Nabil',
  'Olivia',
  'Pieter',
  'Quinty',
  'Rob',
  'Sanne',
  'Tom',
  'Ursula',
  'Vincent',
  'Wendy',
  'Yusuf',
  'Zoë',
  'Aylin',
  'Bart',
  'Chantal',
  'Daan',
  'Elif',
  'Frank',
  'Gonnie',
  'Hans',
  'Ilse',
  'Jan',
  'Kim',
  'Lotte',
  'Mohamed',
  'Nora',
  'Otto',
];
const LAST_NAMES = [
  'de Vries',
  'Jansen',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
];

type Situation = {
  relation: 'partner' | 'parent' | 'child' | 'otherFamily' | 'friend' | 'neighbour';
  caredFor: string;
  ageBand: 'under12' | '12to17' | '18to39' | '40to64' | '65to79' | '80plus';
  condition: string;
  tasks: string[];
  hours: number;
  livingTogether: boolean;
  combines: string[];
  network: { kind: string; name: string; helpsWith: string }[];
};

const SITUATIONS: Situation[] = [
  {
    relation: 'parent',
    caredFor: 'mama',
    ageBand: '80plus',
    condition: 'Mijn moeder vergeet steeds meer. Ze woont nog thuis, maar kan niet meer goed alleen zijn.',
    tasks: ['household', 'arranging', 'companionship', 'transport'],
    hours: 14,
    livingTogether: false,
    combines: ['work'],
    network: [
      { kind: 'family', name: 'mijn broer', helpsWith: 'boodschappen op zaterdag' },
      { kind: 'professional', name: 'thuiszorg', helpsWith: 'wassen en aankleden in de ochtend' },
    ],
  },
  {
    relation: 'partner',
    caredFor: 'Henk',
    ageBand: '65to79',
    condition: 'Mijn man heeft de ziekte van Parkinson. Lopen en aankleden gaan moeilijk.',
    tasks: ['household', 'personalCare', 'nursing', 'arranging', 'transport'],
    hours: 40,
    livingTogether: true,
    combines: [],
    network: [{ kind: 'neighbour', name: 'buurvrouw', helpsWith: 'even oppassen als ik naar de dokter moet' }],
  },
  {
    relation: 'child',
    caredFor: 'Sem',
    ageBand: 'under12',
    condition: 'Onze zoon heeft een ernstige vorm van epilepsie en heeft ’s nachts vaak aanvallen.',
    tasks: ['personalCare', 'nursing', 'arranging', 'companionship'],
    hours: 30,
    livingTogether: true,
    combines: ['work', 'children'],
    network: [
      { kind: 'family', name: 'opa en oma', helpsWith: 'één middag in de week' },
      { kind: 'professional', name: 'kinderneuroloog', helpsWith: 'medische zorg' },
    ],
  },
  {
    relation: 'parent',
    caredFor: 'pap',
    ageBand: '40to64',
    condition: 'Mijn vader heeft een depressie en komt zijn bed bijna niet uit.',
    tasks: ['household', 'companionship', 'finances'],
    hours: 10,
    livingTogether: true,
    combines: ['school'],
    network: [],
  },
  {
    relation: 'friend',
    caredFor: 'Ria',
    ageBand: '65to79',
    condition: 'Mijn vriendin is herstellende van een beroerte en woont alleen.',
    tasks: ['household', 'transport', 'companionship'],
    hours: 6,
    livingTogether: false,
    combines: ['work'],
    network: [{ kind: 'volunteer', name: 'vrijwilliger van De Schakel', helpsWith: 'wandelen op dinsdag' }],
  },
  {
    relation: 'otherFamily',
    caredFor: 'tante Jo',
    ageBand: '80plus',
    condition: 'Mijn tante is slechtziend en heeft hulp nodig bij post en geldzaken.',
    tasks: ['arranging', 'finances', 'transport'],
    hours: 4,
    livingTogether: false,
    combines: ['work'],
    network: [],
  },
  {
    relation: 'partner',
    caredFor: 'Marco',
    ageBand: '40to64',
    condition: 'Mijn partner heeft kanker en krijgt chemotherapie.',
    tasks: ['household', 'nursing', 'arranging', 'transport', 'companionship'],
    hours: 25,
    livingTogether: true,
    combines: ['work', 'children'],
    network: [{ kind: 'friend', name: 'vriendinnen van de sportclub', helpsWith: 'koken op woensdag' }],
  },
  {
    relation: 'neighbour',
    caredFor: 'meneer Kok',
    ageBand: '80plus',
    condition: 'Mijn buurman is erg vergeetachtig en heeft geen familie in de buurt.',
    tasks: ['household', 'companionship'],
    hours: 3,
    livingTogether: false,
    combines: [],
    network: [{ kind: 'professional', name: 'wijkteam', helpsWith: 'kijkt mee' }],
  },
];

/** How the demo caregiver's balance goes: not measured, fine, clearly rising (still below the CSI threshold), overloaded. */
type Burden = 'unknown' | 'low' | 'rising' | 'high';
type Status = 'new' | 'intake' | 'active' | 'closed';
const BURDENS: Burden[] = ['unknown', 'low', 'rising', 'high'];
const STATUSES: Status[] = ['new', 'intake', 'active', 'closed'];

const FORMS = ['information', 'emotional', 'respite', 'practical'] as const;
const GOALS: Record<(typeof FORMS)[number], string> = {
  information: 'Weten welke hulp er is en hoe ik die aanvraag',
  emotional: 'Met iemand kunnen praten die het begrijpt',
  respite: 'Eén dagdeel per week vrij, terwijl iemand anders de zorg overneemt',
  practical: 'Hulp bij het huishouden zodat ik tijd overhoud voor mezelf',
};
const GOAL_STATES = ['planned', 'inProgress', 'reached', 'stopped'] as const;
const OUTCOMES = ['goalsReached', 'partlyReached', 'noLongerNeeded', 'movedAway'] as const;

const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export async function seedCaregivers(
  ctx: ServiceContext,
  demo: { tenantId: string; organisationIds: ReadonlyMap<string, string>; accounts: boolean },
): Promise<void> {
  if (!demo.accounts) return;
  const organisationId = demo.organisationIds.get(SUPPORT_CENTRE);
  const consultant = await findAccountByEmail(ctx.sql, CONSULTANT_EMAIL);
  if (!organisationId || !consultant) return;
  const first = caregiverEmail(0);
  if (await findAccountByEmail(ctx.sql, first)) return;
  const sql = ctx.sql;
  const tenantId = demo.tenantId;

  const people: { email: string; name: string; situation: Situation; burden: Burden; status: Status }[] = [];
  const demoCaregiver = await findAccountByEmail(ctx.sql, DEMO_CAREGIVER_EMAIL);
  for (let i = 0; i < 40; i++) {
    people.push({
      email: caregiverEmail(i),
      name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`,
      situation: SITUATIONS[i % SITUATIONS.length] as Situation,
      burden: BURDENS[i % 4] as Burden,
      status: STATUSES[Math.floor(i / 4) % 4] as Status,
    });
  }

  const runs: { accountId: string; person: (typeof people)[number]; index: number }[] = [];
  for (const [index, person] of people.entries()) {
    const account = await createAccount(ctx, { email: person.email, displayName: person.name, kind: 'resident' });
    await upsertMembership(sql, { tenantId, accountId: account.id, organisationId: null, roles: ['caregiver'] });
    runs.push({ accountId: account.id, person, index });
  }
  // The demo caregiver who signs in (README) has an active, shared plan with the demo consultant.
  if (demoCaregiver) {
    runs.push({
      accountId: demoCaregiver.id,
      person: {
        email: DEMO_CAREGIVER_EMAIL,
        name: demoCaregiver.displayName,
        situation: SITUATIONS[0] as Situation,
        burden: 'high',
        status: 'active',
      },
      index: 2,
    });
  }

  for (const { accountId, person, index } of runs) {
    const s = person.situation;
    const since = days(-365 * (1 + (index % 6)) - index * 11);
    const { rows } = await sql.query<{ id: string }>(
      `insert into care_relationships (tenant_id, caregiver_id, cared_for_name, cared_for_age_band, relation, condition_text, tasks,
         hours_per_week, caring_since, living_together, combines_with)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [tenantId, accountId, s.caredFor, s.ageBand, s.relation, s.condition, s.tasks, s.hours, isoDate(since), s.livingTogether, s.combines],
    );
    const relationshipId = rows[0]?.id as string;
    for (const member of s.network) {
      await sql.query(
        'insert into care_network_members (tenant_id, care_relationship_id, kind, name, helps_with) values ($1, $2, $3, $4, $5)',
        [tenantId, relationshipId, member.kind, member.name, member.helpsWith],
      );
    }
    await giveConsent(ctx, {
      personId: accountId,
      dataCategory: 'careRelationship',
      purpose: 'support',
      organisationId,
      givenHow: 'online',
      validUntil: days(730),
    });
    const opened = days(-20 - index * 9);
    const closed = person.status === 'closed';
    const withIntake = person.status === 'active' || closed;
    const { rows: cases } = await sql.query<{ id: string }>(
      `insert into support_cases (tenant_id, care_relationship_id, organisation_id, consultant_id, status, burden_level, next_action_on,
         situation, wishes, possibilities, limits, intake_on, outcome, outcome_note, opened_at, closed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning id`,
      [
        tenantId,
        relationshipId,
        organisationId,
        person.status === 'new' ? null : consultant.id,
        person.status,
        'unknown',
        closed ? null : isoDate(days((index % 5) - 2)),
        withIntake ? `${s.condition} Ik doe dit nu ${s.hours} uur per week.` : null,
        withIntake ? 'Ik wil het volhouden, maar ook weer tijd voor mezelf hebben.' : null,
        withIntake ? 'Ik kan de zorg overdag goed aan en heb een fijne band met mijn naaste.' : null,
        withIntake ? 'De nachten en het regelwerk worden me te veel.' : null,
        withIntake ? isoDate(days(-10 - index * 8)) : null,
        closed ? OUTCOMES[index % OUTCOMES.length] : null,
        closed ? 'Afgesloten na een goed evaluatiegesprek.' : null,
        opened.toISOString(),
        closed ? days(-3 - index).toISOString() : null,
      ],
    );
    const caseId = cases[0]?.id as string;
    if (withIntake) {
      for (const [g, form] of FORMS.entries()) {
        if ((index + g) % 3 === 2) continue;
        const state = closed ? (g % 2 === 0 ? 'reached' : 'stopped') : GOAL_STATES[(index + g) % GOAL_STATES.length];
        const { rows: goals } = await sql.query<{ id: string }>(
          'insert into support_goals (tenant_id, case_id, form, goal, status) values ($1, $2, $3, $4, $5) returning id',
          [tenantId, caseId, form, GOALS[form], state],
        );
        await sql.query(
          `insert into support_actions (tenant_id, case_id, goal_id, description, who, who_name, due_on, done_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            tenantId,
            caseId,
            goals[0]?.id,
            form === 'respite'
              ? 'Kennismaken met een vrijwilliger die een middag de zorg overneemt'
              : 'Informatie opsturen en samen doornemen',
            form === 'respite' ? 'volunteer' : 'consultant',
            form === 'respite' ? 'Vrijwilligerscentrale De Schakel' : null,
            isoDate(days(7 + g * 7 - (index % 3) * 10)),
            state === 'reached' ? days(-2).toISOString() : null,
          ],
        );
      }
      await sql.query(
        `insert into case_notes (tenant_id, case_id, author_id, visibility, body, created_at) values
           ($1, $2, $3, 'shared', $4, now() - interval '9 days'),
           ($1, $2, $3, 'team', $5, now() - interval '8 days')`,
        [
          tenantId,
          caseId,
          consultant.id,
          'Fijn dat we elkaar gesproken hebben. Zoals afgesproken zoek ik uit wie een middag per week de zorg kan overnemen.',
          'Zware nachten; bij het volgende gesprek vragen naar slaap en eigen gezondheid.',
        ],
      );
      if (!closed) {
        await sql.query(
          `insert into follow_ups (tenant_id, case_id, due_on, purpose, created_by) values ($1, $2, $3, $4, $5), ($1, $2, $6, $7, $5)`,
          [
            tenantId,
            caseId,
            isoDate(days((index % 4) - 1)),
            'Bellen hoe het gaat met de nieuwe afspraken',
            consultant.id,
            isoDate(days(42 + index)),
            'Balans opnieuw meten en het plan samen bekijken',
          ],
        );
      }
    } else if (person.status === 'intake') {
      await sql.query('insert into follow_ups (tenant_id, case_id, due_on, purpose, created_by) values ($1, $2, $3, $4, $5)', [
        tenantId,
        caseId,
        isoDate(days(index % 6)),
        'Kennismakingsgesprek (intake) bij de mantelzorger thuis',
        consultant.id,
      ]);
    }
    if (index % 5 === 1) {
      await sql.query(
        `insert into situation_changes (tenant_id, care_relationship_id, reported_by, reporter_role, kind, description, reported_at)
         values ($1, $2, $3, 'caregiver', $4, $5, now() - interval '2 days')`,
        [
          tenantId,
          relationshipId,
          accountId,
          index % 2 ? 'illnessProgress' : 'work',
          'Het gaat de laatste weken slechter; ik heb meer uren nodig.',
        ],
      );
      if (!closed) {
        await sql.query("insert into support_signals (tenant_id, case_id, kind) values ($1, $2, 'situationChanged')", [tenantId, caseId]);
      }
    }
    if (person.burden !== 'unknown') await seedBalance(ctx, { accountId, relationshipId, burden: person.burden, index });
    if (index % 6 === 0) {
      const { rows: preps } = await sql.query<{ id: string }>(
        `insert into kitchen_table_preparations (tenant_id, care_relationship_id, what_i_do, can_and_want, limits, needs,
           support_requested_at, conversation_on)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [
          tenantId,
          relationshipId,
          `Ik help met ${s.tasks.length} soorten taken, ongeveer ${s.hours} uur per week.`,
          'Boodschappen en gezelschap wil ik blijven doen.',
          'Persoonlijke verzorging en de nachten lukken niet meer.',
          'Iemand die twee ochtenden per week helpt met wassen en aankleden.',
          index % 12 === 0 ? days(-5).toISOString() : null,
          isoDate(days(index % 12 === 0 ? -3 : 14)),
        ],
      );
      if (index % 12 === 0) {
        await sql.query(
          `insert into kitchen_table_agreements (tenant_id, preparation_id, who, who_name, contribution, evaluation, evaluated_at) values
             ($1, $2, 'caregiver', null, 'Blijft boodschappen doen en gaat twee keer per week op bezoek', 'kept', now() - interval '1 day'),
             ($1, $2, 'municipality', 'Wmo', 'Huishoudelijke hulp, drie uur per week', 'partlyKept', now() - interval '1 day'),
             ($1, $2, 'volunteer', 'De Schakel', 'Maatje voor een wandeling op dinsdag', null, null)`,
          [tenantId, preps[0]?.id],
        );
      }
    }
  }
}

function caregiverEmail(i: number): string {
  const first = (FIRST_NAMES[i % FIRST_NAMES.length] as string)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
  return `${first}.${i + 1}@bewoner.demodam.example`;
}

/**
 * CSI scores some months ago and now (CSI: 7 or more means overload; a rise of 3 or more is a clear
 * rise by Naaste's rule, ADR 0014). The service sets the case's burden level from the latest one.
 */
const CSI_HISTORY: Record<Exclude<Burden, 'unknown'>, number[]> = { low: [3, 2], rising: [2, 6], high: [5, 9] };
const CSI_ITEMS = 13;

/**
 * Balance over time through the real service, so the support case gets its burden level and, for
 * a result above the threshold or a clear rise, an early warning, as it would in use.
 */
async function seedBalance(
  ctx: ServiceContext,
  input: { accountId: string; relationshipId: string; burden: Exclude<Burden, 'unknown'>; index: number },
): Promise<void> {
  const history = CSI_HISTORY[input.burden];
  for (const [n, score] of history.entries()) {
    const answers = Object.fromEntries(Array.from({ length: CSI_ITEMS }, (_, i) => [`q${i + 1}`, i < score ? 'ja' : 'nee']));
    const monthsAgo = (history.length - 1 - n) * 4;
    await recordBalanceCheck(ctx, {
      personId: input.accountId,
      careRelationshipId: input.relationshipId,
      instrumentKey: 'csi',
      answers,
      recordedBy: null,
      takenAt: days(-monthsAgo * 30 - (input.index % 7)).toISOString(),
    });
  }
}
