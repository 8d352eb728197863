import type { Sql } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/sql-text.ts';
import type {
  ActionWho,
  AgreementRow,
  BurdenLevel,
  CaseEvent,
  CaseHeader,
  CaseloadFilters,
  CaseloadRow,
  CaseStatus,
  Colleague,
  FollowUpRow,
  GoalRow,
  GoalStatus,
  NetworkMember,
  NoteRow,
  Outcome,
  PreparationRow,
  Relationship,
  SignalRow,
  SituationChangeRow,
  SupportForm,
  ActionRow,
} from './support.schemas.ts';
import { PREPARATION_CONSENT, SUPPORT_CONSENT } from './support.policy.ts';

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** An active consent of the caregiver for the case's organisation (the same rule as requireConsent). */
export const activeConsentSql = (caseAlias: string, relAlias: string, category: string = SUPPORT_CONSENT.dataCategory) =>
  `exists (select 1 from consents c
     where c.tenant_id = ${caseAlias}.tenant_id and c.person_id = ${relAlias}.caregiver_id
       and c.recipient_organisation_id = ${caseAlias}.organisation_id
       and c.data_category = '${category}' and c.purpose = '${SUPPORT_CONSENT.purpose}'
       and c.withdrawn_at is null and c.valid_from <= now() and c.valid_until > now())`;

const BURDEN_RANK = `array_position(array['high', 'moderate', 'low', 'unknown']::text[], sc.burden_level)`;
const ORDERS = {
  next: { inner: 'sc.next_action_on asc nulls last, sc.id', outer: 'p.next_action_on asc nulls last, p.id' },
  burden: {
    inner: `${BURDEN_RANK}, sc.next_action_on asc nulls last, sc.id`,
    outer: 'p.burden_rank, p.next_action_on asc nulls last, p.id',
  },
  newest: { inner: 'sc.opened_at desc, sc.id desc', outer: 'p.opened_at desc, p.id desc' },
} as const;

/** The where clause of the caseload, with its parameters from $3 on ($1 is the tenant, $2 the organisation). */
function caseloadWhere(f: CaseloadFilters): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length + 2}`;
  };
  const parts = ['sc.tenant_id = $1', 'cr.tenant_id = $1', 'sc.organisation_id = $2', activeConsentSql('sc', 'cr')];
  if (f.status === 'open') parts.push(`sc.status <> 'closed'`);
  else if (f.status !== 'all') parts.push(`sc.status = ${add(f.status)}`);
  if (f.burden) parts.push(`sc.burden_level = ${add(f.burden)}`);
  if (f.due === 'overdue') parts.push(`sc.next_action_on < ${add(f.today)}::date`);
  else if (f.due === 'week') {
    const today = add(f.today);
    // From today up to and including Sunday of this week (ISO weeks start on Monday).
    parts.push(`sc.next_action_on between ${today}::date and ${today}::date + (7 - extract(isodow from ${today}::date))::int`);
  }
  if (f.assigned === 'mine') parts.push(`sc.consultant_id = ${add(f.me)}`);
  else if (f.assigned === 'unassigned') parts.push('sc.consultant_id is null');
  if (f.relationshipIds) parts.push(`sc.care_relationship_id = any(${add(f.relationshipIds)}::uuid[])`);
  return { sql: parts.join(' and '), params };
}

/**
 * The care relationships in this municipality whose caregiver's name contains the text, or whose
 * cared-for person's name starts with it; at most `cap`. Both parts use an index: the caregiver's
 * name the trigram index on accounts (a platform table), the cared-for name the C-collated
 * lowercase column with starts_with, which row-level security lets an index serve (migration
 * 0014). The caseload then joins these ids, which the planner can estimate, instead of an OR over
 * two tables.
 */
export async function searchRelationships(sql: Sql, tenantId: string, text: string, cap: number): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `(select r.id from care_relationships r
      where r.tenant_id = $1 and r.caregiver_id = any (array(select a.id from accounts a where a.display_name ilike $2)))
     union
     (select r.id from care_relationships r where r.tenant_id = $1 and r.cared_for_key ^@ $3)
     limit $4`,
    [tenantId, containsPattern(text), text.toLowerCase(), cap],
  );
  return rows.map((r) => r.id);
}

/** One page of the caseload, newest state of each case, with the number of open signals. */
export async function caseload(
  sql: Sql,
  tenantId: string,
  organisationId: string,
  f: CaseloadFilters,
  limit: number,
  offset: number,
): Promise<CaseloadRow[]> {
  const where = caseloadWhere(f);
  const order = ORDERS[f.sort];
  const n = where.params.length + 3;
  const { rows } = await sql.query<CaseloadRow>(
    `with p as (
       select sc.id, sc.status, sc.burden_level, ${BURDEN_RANK} as burden_rank, sc.next_action_on, sc.opened_at, sc.consultant_id,
              sc.consultant_change_requested_at, cr.caregiver_id, cr.cared_for_name
       from support_cases sc join care_relationships cr on cr.id = sc.care_relationship_id
       where ${where.sql}
       order by ${order.inner}
       limit $${n} offset $${n + 1})
     select p.id, p.status, p.burden_level as "burdenLevel", ${day('p.next_action_on')} as "nextActionOn", ${iso('p.opened_at')} as "openedAt",
            a.display_name as "caregiverName", p.cared_for_name as "caredForName", p.consultant_id as "consultantId",
            c.display_name as "consultantName", p.consultant_change_requested_at is not null as "changeRequested",
            (select count(*)::int from support_signals s where s.tenant_id = $1 and s.case_id = p.id and s.seen_at is null)
              as "openSignals"
     from p join accounts a on a.id = p.caregiver_id left join accounts c on c.id = p.consultant_id
     order by ${order.outer}`,
    [tenantId, organisationId, ...where.params, limit, offset],
  );
  return rows;
}

/** How many cases match, counted up to `cap` (a larger caseload says "more than"). */
export async function caseloadCount(sql: Sql, tenantId: string, organisationId: string, f: CaseloadFilters, cap: number): Promise<number> {
  const where = caseloadWhere(f);
  const { rows } = await sql.query<{ n: number }>(
    `select count(*)::int as n from (
       select 1 from support_cases sc join care_relationships cr on cr.id = sc.care_relationship_id
       where ${where.sql} limit $${where.params.length + 3}) x`,
    [tenantId, organisationId, ...where.params, cap],
  );
  return rows[0]?.n ?? 0;
}

/** The case itself, without the consent check (the service checks it). Null when not in this tenant. */
export async function findCase(sql: Sql, caseId: string): Promise<CaseHeader | null> {
  const { rows } = await sql.query<CaseHeader>(
    `select sc.id, sc.organisation_id as "organisationId", o.name as "organisationName", sc.status, sc.burden_level as "burdenLevel",
            ${day('sc.next_action_on')} as "nextActionOn", sc.consultant_id as "consultantId", c.display_name as "consultantName",
            sc.care_relationship_id as "careRelationshipId", cr.caregiver_id as "caregiverId", a.display_name as "caregiverName",
            a.email as "caregiverEmail", cr.cared_for_name as "caredForName",
            sc.situation, sc.wishes, sc.possibilities, sc.limits, ${day('sc.intake_on')} as "intakeOn",
            ${iso('sc.consultant_change_requested_at')} as "changeRequestedAt", sc.consultant_change_reason as "changeReason",
            sc.outcome, sc.outcome_note as "outcomeNote", ${iso('sc.opened_at')} as "openedAt", ${iso('sc.closed_at')} as "closedAt"
     from support_cases sc
     join care_relationships cr on cr.id = sc.care_relationship_id
     join organisations o on o.id = sc.organisation_id
     join accounts a on a.id = cr.caregiver_id
     left join accounts c on c.id = sc.consultant_id
     where sc.id = $1`,
    [caseId],
  );
  return rows[0] ?? null;
}

export async function relationship(sql: Sql, relationshipId: string): Promise<Relationship | null> {
  const { rows } = await sql.query<Relationship>(
    `select id, cared_for_name as "caredForName", cared_for_age_band as "ageBand", relation, condition_text as "condition", tasks,
            hours_per_week as "hoursPerWeek", ${day('caring_since')} as "caringSince", living_together as "livingTogether",
            combines_with as "combinesWith", ${iso('ended_at')} as "endedAt"
     from care_relationships where id = $1`,
    [relationshipId],
  );
  return rows[0] ?? null;
}

export async function network(sql: Sql, relationshipId: string): Promise<NetworkMember[]> {
  const { rows } = await sql.query<NetworkMember>(
    `select id, kind, name, helps_with as "helpsWith" from care_network_members
     where tenant_id = current_tenant_id() and care_relationship_id = $1 order by created_at, id`,
    [relationshipId],
  );
  return rows;
}

export async function goals(sql: Sql, caseId: string): Promise<GoalRow[]> {
  const { rows } = await sql.query<GoalRow>(
    `select id, form, goal, status, ${iso('created_at')} as "createdAt", ${iso('updated_at')} as "updatedAt"
     from support_goals where tenant_id = current_tenant_id() and case_id = $1
     order by array_position(array['information', 'emotional', 'respite', 'practical']::text[], form), created_at, id`,
    [caseId],
  );
  return rows;
}

export async function actions(sql: Sql, caseId: string): Promise<ActionRow[]> {
  const { rows } = await sql.query<ActionRow>(
    `select id, goal_id as "goalId", description, who, who_name as "whoName", ${day('due_on')} as "dueOn", ${iso('done_at')} as "doneAt",
            ${iso('created_at')} as "createdAt"
     from support_actions where tenant_id = current_tenant_id() and case_id = $1
     order by done_at is not null, due_on nulls last, created_at, id`,
    [caseId],
  );
  return rows;
}

export async function notes(sql: Sql, caseId: string): Promise<NoteRow[]> {
  const { rows } = await sql.query<NoteRow>(
    `select n.id, n.visibility, n.body, a.display_name as "authorName", ${iso('n.created_at')} as "createdAt"
     from case_notes n left join accounts a on a.id = n.author_id
     where n.tenant_id = current_tenant_id() and n.case_id = $1 order by n.created_at desc, n.id limit 200`,
    [caseId],
  );
  return rows;
}

export async function followUps(sql: Sql, caseId: string): Promise<FollowUpRow[]> {
  const { rows } = await sql.query<FollowUpRow>(
    `select id, ${day('due_on')} as "dueOn", purpose, ${iso('reminder_sent_at')} as "reminderSentAt", ${iso('done_at')} as "doneAt"
     from follow_ups where tenant_id = current_tenant_id() and case_id = $1
     order by done_at is not null, due_on, id`,
    [caseId],
  );
  return rows;
}

export async function openSignals(sql: Sql, caseId: string): Promise<SignalRow[]> {
  const { rows } = await sql.query<SignalRow>(
    `select id, kind, ${iso('created_at')} as "createdAt" from support_signals
     where tenant_id = current_tenant_id() and case_id = $1 and seen_at is null order by created_at desc, id`,
    [caseId],
  );
  return rows;
}

export async function situationChanges(sql: Sql, relationshipId: string): Promise<SituationChangeRow[]> {
  const { rows } = await sql.query<SituationChangeRow>(
    `select id, reporter_role as "reporterRole", kind, description, ${iso('reported_at')} as "reportedAt", ${iso('handled_at')} as "handledAt"
     from situation_changes where tenant_id = current_tenant_id() and care_relationship_id = $1
     order by reported_at desc, id limit 100`,
    [relationshipId],
  );
  return rows;
}

/** The keukentafelgesprek preparation; `shared` says whether the caregiver shared it with this organisation. */
export async function preparation(sql: Sql, relationshipId: string, organisationId: string): Promise<PreparationRow | null> {
  const { rows } = await sql.query<PreparationRow>(
    `select p.id, p.what_i_do as "whatIDo", p.can_and_want as "canAndWant", p.limits, p.needs,
            ${iso('p.support_requested_at')} as "supportRequestedAt", ${day('p.conversation_on')} as "conversationOn",
            exists (select 1 from consents c where c.tenant_id = p.tenant_id and c.person_id = cr.caregiver_id
                      and c.recipient_organisation_id = $2 and c.data_category = '${PREPARATION_CONSENT.dataCategory}'
                      and c.purpose = '${PREPARATION_CONSENT.purpose}'
                      and c.withdrawn_at is null and c.valid_from <= now() and c.valid_until > now()) as shared
     from kitchen_table_preparations p join care_relationships cr on cr.id = p.care_relationship_id
     where p.tenant_id = current_tenant_id() and p.care_relationship_id = $1`,
    [relationshipId, organisationId],
  );
  return rows[0] ?? null;
}

export async function agreements(sql: Sql, preparationId: string): Promise<AgreementRow[]> {
  const { rows } = await sql.query<AgreementRow>(
    `select id, who, who_name as "whoName", contribution, evaluation, evaluation_note as "evaluationNote",
            ${iso('evaluated_at')} as "evaluatedAt", ${iso('created_at')} as "createdAt"
     from kitchen_table_agreements where tenant_id = current_tenant_id() and preparation_id = $1 order by created_at, id`,
    [preparationId],
  );
  return rows;
}

export async function findAgreement(sql: Sql, relationshipId: string, agreementId: string): Promise<AgreementRow | null> {
  const { rows } = await sql.query<AgreementRow>(
    `select g.id, g.who, g.who_name as "whoName", g.contribution, g.evaluation, g.evaluation_note as "evaluationNote",
            ${iso('g.evaluated_at')} as "evaluatedAt", ${iso('g.created_at')} as "createdAt"
     from kitchen_table_agreements g join kitchen_table_preparations p on p.id = g.preparation_id
     where g.tenant_id = current_tenant_id() and g.id = $1 and p.care_relationship_id = $2`,
    [agreementId, relationshipId],
  );
  return rows[0] ?? null;
}

export async function events(sql: Sql, caseId: string): Promise<CaseEvent[]> {
  const { rows } = await sql.query<CaseEvent>(
    `select e.id, e.kind, a.display_name as "actorName", s.display_name as "subjectName", ${iso('e.created_at')} as "createdAt"
     from support_case_events e left join accounts a on a.id = e.actor_id left join accounts s on s.id = e.subject_id
     where e.tenant_id = current_tenant_id() and e.case_id = $1 order by e.created_at desc, e.id limit 200`,
    [caseId],
  );
  return rows;
}

/** The support consultants of an organisation in this municipality whose work there is not switched off. */
export async function colleagues(sql: Sql, organisationId: string): Promise<Colleague[]> {
  const { rows } = await sql.query<Colleague>(
    `select a.id, a.display_name as name from memberships m join accounts a on a.id = m.account_id
     where m.tenant_id = current_tenant_id() and m.organisation_id = $1 and 'supportConsultant' = any (m.roles)
       and m.disabled_at is null and a.disabled_at is null
     order by lower(a.display_name), a.id`,
    [organisationId],
  );
  return rows;
}

// ---- changes ---------------------------------------------------------------------------------

export async function addEvent(
  sql: Sql,
  e: { tenantId: string; caseId: string; actorId: string | null; kind: CaseEvent['kind']; subjectId?: string | null },
): Promise<void> {
  await sql.query('insert into support_case_events (tenant_id, case_id, actor_id, kind, subject_id) values ($1, $2, $3, $4, $5)', [
    e.tenantId,
    e.caseId,
    e.actorId,
    e.kind,
    e.subjectId ?? null,
  ]);
}

export async function assign(sql: Sql, caseId: string, consultantId: string): Promise<void> {
  await sql.query(
    `update support_cases set consultant_id = $2, status = case when status = 'new' then 'intake' else status end,
       consultant_change_requested_at = case when consultant_id is distinct from $2 then null else consultant_change_requested_at end,
       consultant_change_reason = case when consultant_id is distinct from $2 then null else consultant_change_reason end,
       updated_at = now()
     where id = $1`,
    [caseId, consultantId],
  );
  // A handled request for another consultant leaves no open signal behind.
  await sql.query(
    `update support_signals set seen_at = now() where tenant_id = current_tenant_id() and case_id = $1
       and kind = 'consultantChangeRequested' and seen_at is null`,
    [caseId],
  );
}

export async function saveIntake(
  sql: Sql,
  caseId: string,
  i: { situation: string; wishes: string; possibilities: string; limits: string; intakeOn: string; consultantId: string },
): Promise<void> {
  await sql.query(
    `update support_cases set situation = $2, wishes = $3, possibilities = $4, limits = $5, intake_on = $6,
       consultant_id = coalesce(consultant_id, $7), status = case when status in ('new', 'intake') then 'active' else status end,
       updated_at = now()
     where id = $1`,
    [caseId, i.situation || null, i.wishes || null, i.possibilities || null, i.limits || null, i.intakeOn, i.consultantId],
  );
}

export async function insertGoal(
  sql: Sql,
  g: { tenantId: string; caseId: string; form: SupportForm; goal: string; status: GoalStatus },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    'insert into support_goals (tenant_id, case_id, form, goal, status) values ($1, $2, $3, $4, $5) returning id',
    [g.tenantId, g.caseId, g.form, g.goal, g.status],
  );
  return rows[0]?.id as string;
}

export async function setGoalStatus(sql: Sql, caseId: string, goalId: string, status: GoalStatus): Promise<boolean> {
  const r = await sql.query(
    'update support_goals set status = $3, updated_at = now() where tenant_id = current_tenant_id() and case_id = $1 and id = $2',
    [caseId, goalId, status],
  );
  return (r.rowCount ?? 0) === 1;
}

export async function goalBelongs(sql: Sql, caseId: string, goalId: string): Promise<boolean> {
  const { rows } = await sql.query('select 1 from support_goals where tenant_id = current_tenant_id() and case_id = $1 and id = $2', [
    caseId,
    goalId,
  ]);
  return rows.length > 0;
}

export async function insertAction(
  sql: Sql,
  a: { tenantId: string; caseId: string; goalId: string | null; description: string; who: ActionWho; whoName: string; dueOn: string },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into support_actions (tenant_id, case_id, goal_id, description, who, who_name, due_on)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [a.tenantId, a.caseId, a.goalId, a.description, a.who, a.whoName || null, a.dueOn || null],
  );
  return rows[0]?.id as string;
}

export async function setActionDone(sql: Sql, caseId: string, actionId: string, done: boolean): Promise<boolean> {
  const r = await sql.query(
    `update support_actions set done_at = case when $3 then coalesce(done_at, now()) end
     where tenant_id = current_tenant_id() and case_id = $1 and id = $2`,
    [caseId, actionId, done],
  );
  return (r.rowCount ?? 0) === 1;
}

export async function insertNote(
  sql: Sql,
  n: { tenantId: string; caseId: string; authorId: string; visibility: 'team' | 'shared'; body: string },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    'insert into case_notes (tenant_id, case_id, author_id, visibility, body) values ($1, $2, $3, $4, $5) returning id',
    [n.tenantId, n.caseId, n.authorId, n.visibility, n.body],
  );
  return rows[0]?.id as string;
}

export async function insertFollowUp(
  sql: Sql,
  f: { tenantId: string; caseId: string; dueOn: string; purpose: string; createdBy: string },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    'insert into follow_ups (tenant_id, case_id, due_on, purpose, created_by) values ($1, $2, $3, $4, $5) returning id',
    [f.tenantId, f.caseId, f.dueOn, f.purpose, f.createdBy],
  );
  return rows[0]?.id as string;
}

export async function setFollowUpDone(sql: Sql, caseId: string, followUpId: string): Promise<boolean> {
  const r = await sql.query(
    `update follow_ups set done_at = coalesce(done_at, now()) where tenant_id = current_tenant_id() and case_id = $1 and id = $2`,
    [caseId, followUpId],
  );
  return (r.rowCount ?? 0) === 1;
}

/** The next action of an open case is its earliest follow-up that is not done yet. */
export async function refreshNextAction(sql: Sql, caseId: string): Promise<void> {
  await sql.query(
    `update support_cases set next_action_on = (select min(due_on) from follow_ups f
        where f.tenant_id = current_tenant_id() and f.case_id = $1 and f.done_at is null), updated_at = now()
     where id = $1 and status <> 'closed'`,
    [caseId],
  );
}

export async function markSignalSeen(sql: Sql, caseId: string, signalId: string): Promise<boolean> {
  const r = await sql.query(
    `update support_signals set seen_at = coalesce(seen_at, now()) where tenant_id = current_tenant_id() and case_id = $1 and id = $2`,
    [caseId, signalId],
  );
  return (r.rowCount ?? 0) === 1;
}

export async function close(sql: Sql, caseId: string, outcome: Outcome, note: string): Promise<void> {
  await sql.query(
    `update support_cases set status = 'closed', closed_at = now(), outcome = $2, outcome_note = $3, next_action_on = null, updated_at = now()
     where id = $1 and status <> 'closed'`,
    [caseId, outcome, note || null],
  );
}

export async function reopen(sql: Sql, caseId: string): Promise<void> {
  await sql.query(
    `update support_cases set status = case when intake_on is null then 'intake' else 'active' end, closed_at = null, outcome = null,
       outcome_note = null, updated_at = now()
     where id = $1 and status = 'closed'`,
    [caseId],
  );
}

export async function insertSituationChange(
  sql: Sql,
  s: { tenantId: string; relationshipId: string; reportedBy: string; kind: SituationChangeRow['kind']; description: string },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into situation_changes (tenant_id, care_relationship_id, reported_by, reporter_role, kind, description, handled_at)
     values ($1, $2, $3, 'consultant', $4, $5, now()) returning id`,
    [s.tenantId, s.relationshipId, s.reportedBy, s.kind, s.description || null],
  );
  return rows[0]?.id as string;
}

export async function markSituationHandled(sql: Sql, relationshipId: string, changeId: string): Promise<boolean> {
  const r = await sql.query(
    `update situation_changes set handled_at = coalesce(handled_at, now())
     where tenant_id = current_tenant_id() and care_relationship_id = $1 and id = $2`,
    [relationshipId, changeId],
  );
  return (r.rowCount ?? 0) === 1;
}

/** The preparation row agreements hang on; made empty when the caregiver has none yet. */
export async function ensurePreparation(sql: Sql, tenantId: string, relationshipId: string): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into kitchen_table_preparations (tenant_id, care_relationship_id) values ($1, $2)
     on conflict (tenant_id, care_relationship_id) do update set tenant_id = excluded.tenant_id
     returning id`,
    [tenantId, relationshipId],
  );
  return rows[0]?.id as string;
}

export async function insertAgreement(
  sql: Sql,
  a: { tenantId: string; preparationId: string; who: AgreementRow['who']; whoName: string; contribution: string },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into kitchen_table_agreements (tenant_id, preparation_id, who, who_name, contribution) values ($1, $2, $3, $4, $5) returning id`,
    [a.tenantId, a.preparationId, a.who, a.whoName || null, a.contribution],
  );
  return rows[0]?.id as string;
}

export async function evaluateAgreement(
  sql: Sql,
  agreementId: string,
  e: { evaluation: NonNullable<AgreementRow['evaluation']>; note: string },
): Promise<void> {
  await sql.query(
    `update kitchen_table_agreements set evaluation = $2, evaluation_note = $3, evaluated_at = now()
     where tenant_id = current_tenant_id() and id = $1`,
    [agreementId, e.evaluation, e.note || null],
  );
}

export async function setBurden(sql: Sql, caseId: string, burden: BurdenLevel): Promise<void> {
  await sql.query('update support_cases set burden_level = $2, updated_at = now() where id = $1', [caseId, burden]);
}

export type { CaseStatus };
