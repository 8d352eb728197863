import type { Sql } from '../../platform/db/database.ts';

/**
 * Plain SQL for the caregiver's own area. Every query names the tenant and, where it reads a care
 * relationship, the caregiver: a relationship of someone else is simply not found (row-level
 * security keeps other municipalities out on top of that).
 */

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

export const AGE_BANDS = ['under12', '12to17', '18to39', '40to64', '65to79', '80plus'] as const;
export const RELATIONS = ['partner', 'parent', 'child', 'otherFamily', 'friend', 'neighbour', 'other'] as const;
export const TASKS = ['household', 'personalCare', 'nursing', 'arranging', 'companionship', 'transport', 'finances'] as const;
export const COMBINES = ['work', 'school', 'children'] as const;
export const NETWORK_KINDS = ['family', 'friend', 'neighbour', 'volunteer', 'professional', 'other'] as const;
export const CHANGE_KINDS = ['illnessProgress', 'caregiverHealth', 'work', 'moving', 'other'] as const;

export type AgeBand = (typeof AGE_BANDS)[number];
export type Relation = (typeof RELATIONS)[number];

export type RelationshipRow = {
  id: string;
  tenantId: string;
  caregiverId: string;
  caredForName: string;
  ageBand: AgeBand;
  relation: Relation;
  conditionText: string | null;
  tasks: string[];
  hoursPerWeek: number | null;
  caringSince: string | null;
  livingTogether: boolean | null;
  combinesWith: string[];
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

const relationshipColumns = `r.id, r.tenant_id as "tenantId", r.caregiver_id as "caregiverId", r.cared_for_name as "caredForName",
  r.cared_for_age_band as "ageBand", r.relation, r.condition_text as "conditionText", r.tasks, r.hours_per_week as "hoursPerWeek",
  ${day('r.caring_since')} as "caringSince", r.living_together as "livingTogether", r.combines_with as "combinesWith",
  ${iso('r.ended_at')} as "endedAt", ${iso('r.created_at')} as "createdAt", ${iso('r.updated_at')} as "updatedAt"`;

export type RelationshipFields = {
  caredForName: string;
  ageBand: AgeBand;
  relation: Relation;
  conditionText: string | null;
  tasks: string[];
  hoursPerWeek: number | null;
  caringSince: string | null;
  livingTogether: boolean | null;
  combinesWith: string[];
};

/** The caregiver's relationships in one municipality: running ones first, newest first. */
export async function relationshipsOf(
  sql: Sql,
  tenantId: string,
  caregiverId: string,
  limit: number | null = 50,
): Promise<RelationshipRow[]> {
  const { rows } = await sql.query<RelationshipRow>(
    `select ${relationshipColumns} from care_relationships r
     where r.tenant_id = $1 and r.caregiver_id = $2
     order by (r.ended_at is null) desc, r.created_at desc, r.id
     limit $3`,
    [tenantId, caregiverId, limit],
  );
  return rows;
}

/** One relationship, only when it is this caregiver's. */
export async function relationshipOf(sql: Sql, tenantId: string, caregiverId: string, id: string): Promise<RelationshipRow | null> {
  const { rows } = await sql.query<RelationshipRow>(
    `select ${relationshipColumns} from care_relationships r where r.tenant_id = $1 and r.caregiver_id = $2 and r.id = $3`,
    [tenantId, caregiverId, id],
  );
  return rows[0] ?? null;
}

export async function insertRelationship(sql: Sql, tenantId: string, caregiverId: string, f: RelationshipFields): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into care_relationships (tenant_id, caregiver_id, cared_for_name, cared_for_age_band, relation, condition_text, tasks,
       hours_per_week, caring_since, living_together, combines_with)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      tenantId,
      caregiverId,
      f.caredForName,
      f.ageBand,
      f.relation,
      f.conditionText,
      f.tasks,
      f.hoursPerWeek,
      f.caringSince,
      f.livingTogether,
      f.combinesWith,
    ],
  );
  return (rows[0] as { id: string }).id;
}

export async function updateRelationship(sql: Sql, tenantId: string, caregiverId: string, id: string, f: RelationshipFields) {
  const result = await sql.query(
    `update care_relationships set cared_for_name = $4, cared_for_age_band = $5, relation = $6, condition_text = $7, tasks = $8,
       hours_per_week = $9, caring_since = $10, living_together = $11, combines_with = $12, updated_at = now()
     where tenant_id = $1 and caregiver_id = $2 and id = $3`,
    [
      tenantId,
      caregiverId,
      id,
      f.caredForName,
      f.ageBand,
      f.relation,
      f.conditionText,
      f.tasks,
      f.hoursPerWeek,
      f.caringSince,
      f.livingTogether,
      f.combinesWith,
    ],
  );
  return (result.rowCount ?? 0) === 1;
}

/** Ends (or, with `ended` false, resumes) a relationship; nothing is deleted. */
export async function setEnded(sql: Sql, tenantId: string, caregiverId: string, id: string, ended: boolean): Promise<boolean> {
  const result = await sql.query(
    `update care_relationships set ended_at = case when $4 then coalesce(ended_at, now()) else null end, updated_at = now()
     where tenant_id = $1 and caregiver_id = $2 and id = $3`,
    [tenantId, caregiverId, id, ended],
  );
  return (result.rowCount ?? 0) === 1;
}

// ---- the care network --------------------------------------------------------------------------

export type NetworkMember = { id: string; relationshipId: string; kind: string; name: string; helpsWith: string | null };

export async function networkOf(sql: Sql, tenantId: string, relationshipIds: string[]): Promise<NetworkMember[]> {
  if (relationshipIds.length === 0) return [];
  const { rows } = await sql.query<NetworkMember>(
    `select id, care_relationship_id as "relationshipId", kind, name, helps_with as "helpsWith"
     from care_network_members where tenant_id = $1 and care_relationship_id = any($2::uuid[])
     order by created_at, id`,
    [tenantId, relationshipIds],
  );
  return rows;
}

export async function insertNetworkMember(
  sql: Sql,
  tenantId: string,
  relationshipId: string,
  m: { kind: string; name: string; helpsWith: string | null },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into care_network_members (tenant_id, care_relationship_id, kind, name, helps_with) values ($1, $2, $3, $4, $5) returning id`,
    [tenantId, relationshipId, m.kind, m.name, m.helpsWith],
  );
  return (rows[0] as { id: string }).id;
}

export async function deleteNetworkMember(
  sql: Sql,
  tenantId: string,
  relationshipId: string,
  memberId: string,
): Promise<NetworkMember | null> {
  const { rows } = await sql.query<NetworkMember>(
    `delete from care_network_members where tenant_id = $1 and care_relationship_id = $2 and id = $3
     returning id, care_relationship_id as "relationshipId", kind, name, helps_with as "helpsWith"`,
    [tenantId, relationshipId, memberId],
  );
  return rows[0] ?? null;
}

export async function countNetworkMembers(sql: Sql, tenantId: string, relationshipId: string): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(
    'select count(*) as n from care_network_members where tenant_id = $1 and care_relationship_id = $2',
    [tenantId, relationshipId],
  );
  return Number(rows[0]?.n ?? 0);
}

// ---- balance ------------------------------------------------------------------------------------

export type LatestBalance = {
  relationshipId: string | null;
  instrumentKey: string;
  score: number;
  band: string;
  aboveThreshold: boolean;
  takenAt: string;
};

/** The newest balance-check result of the person, per relationship (and one without a relationship). */
export async function latestBalances(sql: Sql, tenantId: string, personId: string): Promise<LatestBalance[]> {
  const { rows } = await sql.query<LatestBalance>(
    `select distinct on (care_relationship_id) care_relationship_id as "relationshipId", instrument_key as "instrumentKey", score, band,
       above_threshold as "aboveThreshold", ${iso('taken_at')} as "takenAt"
     from balance_check_results where tenant_id = $1 and person_id = $2
     order by care_relationship_id, taken_at desc`,
    [tenantId, personId],
  );
  return rows;
}

export type BalanceResult = LatestBalance & { id: string; instrumentVersion: string; answers: unknown };

export async function balanceResults(sql: Sql, tenantId: string, personId: string): Promise<BalanceResult[]> {
  const { rows } = await sql.query<BalanceResult>(
    `select id, care_relationship_id as "relationshipId", instrument_key as "instrumentKey", instrument_version as "instrumentVersion",
       answers, score, band, above_threshold as "aboveThreshold", ${iso('taken_at')} as "takenAt"
     from balance_check_results where tenant_id = $1 and person_id = $2 order by taken_at desc`,
    [tenantId, personId],
  );
  return rows;
}

// ---- support, the caregiver's side ---------------------------------------------------------------

export type CaseRow = {
  id: string;
  relationshipId: string;
  organisationId: string;
  organisationName: string;
  consultantName: string | null;
  status: 'new' | 'intake' | 'active' | 'closed';
  consultantChangeRequestedAt: string | null;
  consultantChangeReason: string | null;
  outcome: string | null;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
};

export async function casesOf(sql: Sql, tenantId: string, relationshipIds: string[]): Promise<CaseRow[]> {
  if (relationshipIds.length === 0) return [];
  const { rows } = await sql.query<CaseRow>(
    `select c.id, c.care_relationship_id as "relationshipId", c.organisation_id as "organisationId", o.name as "organisationName",
       a.display_name as "consultantName", c.status, ${iso('c.consultant_change_requested_at')} as "consultantChangeRequestedAt",
       c.consultant_change_reason as "consultantChangeReason", c.outcome, ${iso('c.opened_at')} as "openedAt",
       ${iso('c.closed_at')} as "closedAt", ${iso('c.updated_at')} as "updatedAt"
     from support_cases c join organisations o on o.id = c.organisation_id
       left join accounts a on a.id = c.consultant_id and a.erased_at is null
     where c.tenant_id = $1 and c.care_relationship_id = any($2::uuid[])
     order by (c.status <> 'closed') desc, c.opened_at desc`,
    [tenantId, relationshipIds],
  );
  return rows;
}

/** A support case for the relationship and organisation, made when the caregiver shares; none twice. */
export async function ensureCase(sql: Sql, tenantId: string, relationshipId: string, organisationId: string): Promise<boolean> {
  const result = await sql.query(
    `insert into support_cases (tenant_id, care_relationship_id, organisation_id, status) values ($1, $2, $3, 'new')
     on conflict (tenant_id, care_relationship_id, organisation_id) do nothing`,
    [tenantId, relationshipId, organisationId],
  );
  return (result.rowCount ?? 0) === 1;
}

export type GoalRow = { id: string; caseId: string; form: string; goal: string; status: string; createdAt: string; updatedAt: string };
export type ActionRow = {
  id: string;
  caseId: string;
  goalId: string | null;
  description: string;
  who: string;
  whoName: string | null;
  dueOn: string | null;
  doneAt: string | null;
  createdAt: string;
};
export type NoteRow = {
  id: string;
  caseId: string;
  visibility: 'team' | 'shared';
  authorName: string | null;
  body: string;
  createdAt: string;
};
export type FollowUpRow = { id: string; caseId: string; dueOn: string; purpose: string; doneAt: string | null; createdAt: string };

export async function goalsOf(sql: Sql, tenantId: string, caseIds: string[]): Promise<GoalRow[]> {
  if (caseIds.length === 0) return [];
  const { rows } = await sql.query<GoalRow>(
    `select id, case_id as "caseId", form, goal, status, ${iso('created_at')} as "createdAt", ${iso('updated_at')} as "updatedAt"
     from support_goals where tenant_id = $1 and case_id = any($2::uuid[])
     order by array_position(array['information', 'emotional', 'respite', 'practical']::text[], form), created_at, id`,
    [tenantId, caseIds],
  );
  return rows;
}

export async function actionsOf(sql: Sql, tenantId: string, caseIds: string[]): Promise<ActionRow[]> {
  if (caseIds.length === 0) return [];
  const { rows } = await sql.query<ActionRow>(
    `select id, case_id as "caseId", goal_id as "goalId", description, who, who_name as "whoName", ${day('due_on')} as "dueOn",
       ${iso('done_at')} as "doneAt", ${iso('created_at')} as "createdAt"
     from support_actions where tenant_id = $1 and case_id = any($2::uuid[])
     order by (done_at is null) desc, due_on nulls last, created_at, id`,
    [tenantId, caseIds],
  );
  return rows;
}

/** Only notes the organisation shared with the caregiver; team notes never leave the team. */
export async function sharedNotesOf(sql: Sql, tenantId: string, caseIds: string[], perCase = 20): Promise<NoteRow[]> {
  if (caseIds.length === 0) return [];
  const { rows } = await sql.query<NoteRow>(
    `select id, "caseId", visibility, "authorName", body, "createdAt" from (
       select n.id, n.case_id as "caseId", n.visibility, a.display_name as "authorName", n.body, ${iso('n.created_at')} as "createdAt",
         row_number() over (partition by n.case_id order by n.created_at desc, n.id) as k, n.created_at
       from case_notes n left join accounts a on a.id = n.author_id and a.erased_at is null
       where n.tenant_id = $1 and n.case_id = any($2::uuid[]) and n.visibility = 'shared'
     ) x where k <= $3 order by created_at desc`,
    [tenantId, caseIds, perCase],
  );
  return rows;
}

export async function followUpsOf(sql: Sql, tenantId: string, caseIds: string[]): Promise<FollowUpRow[]> {
  if (caseIds.length === 0) return [];
  const { rows } = await sql.query<FollowUpRow>(
    `select id, case_id as "caseId", ${day('due_on')} as "dueOn", purpose, ${iso('done_at')} as "doneAt", ${iso('created_at')} as "createdAt"
     from follow_ups where tenant_id = $1 and case_id = any($2::uuid[])
     order by (done_at is null) desc, due_on, id`,
    [tenantId, caseIds],
  );
  return rows;
}

export async function requestOtherConsultant(sql: Sql, tenantId: string, caseId: string, reason: string | null): Promise<boolean> {
  const result = await sql.query(
    `update support_cases set consultant_change_requested_at = now(), consultant_change_reason = $3, updated_at = now()
     where tenant_id = $1 and id = $2 and status <> 'closed'`,
    [tenantId, caseId, reason],
  );
  return (result.rowCount ?? 0) === 1;
}

export async function insertSignal(sql: Sql, tenantId: string, caseId: string, kind: 'situationChanged' | 'consultantChangeRequested') {
  await sql.query('insert into support_signals (tenant_id, case_id, kind) values ($1, $2, $3)', [tenantId, caseId, kind]);
}

export type SituationChangeRow = {
  id: string;
  relationshipId: string;
  kind: string;
  description: string | null;
  reporterRole: string;
  reportedAt: string;
};

export async function insertSituationChange(
  sql: Sql,
  tenantId: string,
  relationshipId: string,
  reportedBy: string,
  change: { kind: string; description: string | null },
): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into situation_changes (tenant_id, care_relationship_id, reported_by, reporter_role, kind, description)
     values ($1, $2, $3, 'caregiver', $4, $5) returning id`,
    [tenantId, relationshipId, reportedBy, change.kind, change.description],
  );
  return (rows[0] as { id: string }).id;
}

export async function situationChangesOf(sql: Sql, tenantId: string, relationshipIds: string[]): Promise<SituationChangeRow[]> {
  if (relationshipIds.length === 0) return [];
  const { rows } = await sql.query<SituationChangeRow>(
    `select id, care_relationship_id as "relationshipId", kind, description, reporter_role as "reporterRole", ${iso('reported_at')} as "reportedAt"
     from situation_changes where tenant_id = $1 and care_relationship_id = any($2::uuid[]) order by reported_at desc limit 200`,
    [tenantId, relationshipIds],
  );
  return rows;
}

// ---- keukentafelgesprek ---------------------------------------------------------------------------

export type PreparationRow = {
  id: string;
  relationshipId: string;
  whatIDo: string | null;
  canAndWant: string | null;
  limits: string | null;
  needs: string | null;
  supportRequestedAt: string | null;
  conversationOn: string | null;
  updatedAt: string;
};

const preparationColumns = `id, care_relationship_id as "relationshipId", what_i_do as "whatIDo", can_and_want as "canAndWant", limits, needs,
  ${iso('support_requested_at')} as "supportRequestedAt", ${day('conversation_on')} as "conversationOn", ${iso('updated_at')} as "updatedAt"`;

export async function preparationsOf(sql: Sql, tenantId: string, relationshipIds: string[]): Promise<PreparationRow[]> {
  if (relationshipIds.length === 0) return [];
  const { rows } = await sql.query<PreparationRow>(
    `select ${preparationColumns} from kitchen_table_preparations where tenant_id = $1 and care_relationship_id = any($2::uuid[])`,
    [tenantId, relationshipIds],
  );
  return rows;
}

export async function savePreparation(
  sql: Sql,
  tenantId: string,
  relationshipId: string,
  p: { whatIDo: string | null; canAndWant: string | null; limits: string | null; needs: string | null; conversationOn: string | null },
): Promise<void> {
  await sql.query(
    `insert into kitchen_table_preparations (tenant_id, care_relationship_id, what_i_do, can_and_want, limits, needs, conversation_on)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (tenant_id, care_relationship_id) do update set what_i_do = excluded.what_i_do, can_and_want = excluded.can_and_want,
       limits = excluded.limits, needs = excluded.needs, conversation_on = excluded.conversation_on, updated_at = now()`,
    [tenantId, relationshipId, p.whatIDo, p.canAndWant, p.limits, p.needs, p.conversationOn],
  );
}

/** Asks (or stops asking) for independent support at the conversation; the preparation is made if there is none yet. */
export async function setSupportRequested(sql: Sql, tenantId: string, relationshipId: string, requested: boolean): Promise<void> {
  await sql.query(
    `insert into kitchen_table_preparations (tenant_id, care_relationship_id, support_requested_at)
     values ($1, $2, case when $3 then now() end)
     on conflict (tenant_id, care_relationship_id) do update
       set support_requested_at = case when $3 then coalesce(kitchen_table_preparations.support_requested_at, now()) end, updated_at = now()`,
    [tenantId, relationshipId, requested],
  );
}

export type AgreementRow = {
  id: string;
  preparationId: string;
  who: string;
  whoName: string | null;
  contribution: string;
  evaluation: string | null;
  evaluationNote: string | null;
  evaluatedAt: string | null;
  createdAt: string;
};

export async function agreementsOf(sql: Sql, tenantId: string, preparationIds: string[]): Promise<AgreementRow[]> {
  if (preparationIds.length === 0) return [];
  const { rows } = await sql.query<AgreementRow>(
    `select id, preparation_id as "preparationId", who, who_name as "whoName", contribution, evaluation, evaluation_note as "evaluationNote",
       ${iso('evaluated_at')} as "evaluatedAt", ${iso('created_at')} as "createdAt"
     from kitchen_table_agreements where tenant_id = $1 and preparation_id = any($2::uuid[]) order by created_at, id`,
    [tenantId, preparationIds],
  );
  return rows;
}

// ---- the network of organisations, registration ----------------------------------------------------

export type NetworkOrganisation = { id: string; name: string; kind: string };

/** The organisations of the municipality's network: support centres first, then by name. */
export async function networkOrganisations(sql: Sql, tenantId: string): Promise<NetworkOrganisation[]> {
  const { rows } = await sql.query<NetworkOrganisation>(
    `select o.id, o.name, o.kind from network_members n join organisations o on o.id = n.organisation_id
     where n.tenant_id = $1 order by (o.kind = 'supportCentre') desc, o.name limit 500`,
    [tenantId],
  );
  return rows;
}

export type MunicipalityChoice = { id: string; name: string; slug: string; code: string };

export async function activeMunicipalities(sql: Sql): Promise<MunicipalityChoice[]> {
  const { rows } = await sql.query<MunicipalityChoice>('select id, name, slug, code from municipalities where active order by name');
  return rows;
}

export async function municipalityBySlug(sql: Sql, slug: string): Promise<MunicipalityChoice | null> {
  const { rows } = await sql.query<MunicipalityChoice>('select id, name, slug, code from municipalities where active and slug = $1', [
    slug,
  ]);
  return rows[0] ?? null;
}

export async function municipalityById(sql: Sql, id: string): Promise<MunicipalityChoice | null> {
  const { rows } = await sql.query<MunicipalityChoice>('select id, name, slug, code from municipalities where active and id = $1', [id]);
  return rows[0] ?? null;
}

/** Adds the caregiver role to the resident's own membership in the municipality (not to a disabled one). */
export async function addCaregiverMembership(sql: Sql, tenantId: string, accountId: string): Promise<void> {
  await sql.query(
    `insert into memberships (tenant_id, account_id, organisation_id, roles) values ($1, $2, null, array['caregiver'])
     on conflict (tenant_id, account_id, organisation_id)
       do update set roles = (select array_agg(distinct r order by r) from unnest(memberships.roles || array['caregiver']) r), updated_at = now()
       where memberships.disabled_at is null`,
    [tenantId, accountId],
  );
}

export async function setBirthDate(sql: Sql, accountId: string, birthDate: string): Promise<void> {
  await sql.query('update accounts set birth_date = $2, updated_at = now() where id = $1', [accountId, birthDate]);
}

export async function personUnder16(sql: Sql, accountId: string): Promise<boolean> {
  const { rows } = await sql.query<{ under16: boolean | null }>(
    `select birth_date > current_date - interval '16 years' as under16 from accounts where id = $1`,
    [accountId],
  );
  return rows[0]?.under16 === true;
}

export type Registration = { guardianName: string | null; guardianConfirmedAt: string | null; createdAt: string };

export async function insertRegistration(sql: Sql, tenantId: string, accountId: string, guardianName: string | null): Promise<void> {
  await sql.query(
    `insert into caregiver_registrations (tenant_id, account_id, guardian_name, guardian_confirmed_at)
     values ($1, $2, $3, case when $3::text is null then null else now() end)
     on conflict (tenant_id, account_id) do nothing`,
    [tenantId, accountId, guardianName],
  );
}

export async function registrationOf(sql: Sql, tenantId: string, accountId: string): Promise<Registration | null> {
  const { rows } = await sql.query<Registration>(
    `select guardian_name as "guardianName", ${iso('guardian_confirmed_at')} as "guardianConfirmedAt", ${iso('created_at')} as "createdAt"
     from caregiver_registrations where tenant_id = $1 and account_id = $2`,
    [tenantId, accountId],
  );
  return rows[0] ?? null;
}

// ---- erasure ---------------------------------------------------------------------------------------

/** Removes all care data of the person in one municipality; everything under a relationship goes with it. */
export async function eraseCareData(sql: Sql, tenantId: string, personId: string): Promise<{ relationships: number }> {
  await sql.query('delete from balance_check_results where tenant_id = $1 and person_id = $2', [tenantId, personId]);
  const result = await sql.query('delete from care_relationships where tenant_id = $1 and caregiver_id = $2', [tenantId, personId]);
  await sql.query('delete from caregiver_registrations where tenant_id = $1 and account_id = $2', [tenantId, personId]);
  return { relationships: result.rowCount ?? 0 };
}
