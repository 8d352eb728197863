import { type AccessAction, logAccess } from '../../platform/audit/access-log.ts';
import { staffActorFields } from '../../platform/audit/actor.ts';
import type { Principal } from '../../platform/auth/roles.ts';
import { requireConsent } from '../../platform/consent/consent.ts';
import type { ServiceContext } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import type { Answers } from '../balance-check/balance-check.definition.ts';
import {
  type BalanceResult,
  type InstrumentEntry,
  listInstruments,
  listResults,
  networkOrganisationIds,
  offeredInstrument,
  recordBalanceCheck,
  scoreWith,
} from '../balance-check/balance-check.service.ts';
import { organisationName } from '../staff/staff.queries.ts';
import { caseloadOrganisations, canWorkOnCases, SUPPORT_CONSENT } from './support.policy.ts';
import * as q from './support.queries.ts';
import {
  ACTION_WHO,
  AGREEMENT_WHO,
  type ActionWho,
  type AgreementWho,
  type CaseFile,
  type CaseHeader,
  type CaseloadFilters,
  type CaseloadRow,
  EVALUATIONS,
  type Evaluation,
  GOAL_STATUSES,
  type GoalStatus,
  NOTE_VISIBILITY,
  type NoteVisibility,
  OUTCOMES,
  type Outcome,
  SITUATION_KINDS,
  type SituationKind,
  SUPPORT_FORMS,
  type SupportForm,
} from './support.schemas.ts';

/** How many cases the caseload counts before it says "more than"; also the deepest page it offers. */
export const COUNT_CAP = 1000;
export const PAGE_SIZE = 25;
export const MAX_PAGE = COUNT_CAP / PAGE_SIZE;
/** A search looks at no more than this many matching care relationships (a name that common needs a second word). */
export const SEARCH_CAP = 20_000;
/** A change in the situation asks for a new look at the plan within this many days. */
export const NEW_LOOK_DAYS = 3;
export const TIME_ZONE = 'Europe/Amsterdam';

/** A field that cannot be stored as typed; `code` says why, pages say it in their own words. */
export type Problem = { field: string; code: 'required' | 'invalid' | 'tooLong' };

export type Page = {
  organisations: { id: string; name: string }[];
  organisationId: string;
  items: CaseloadRow[];
  total: number;
  capped: boolean;
  page: number;
  pageSize: number;
};

/** Today's date in Amsterdam as YYYY-MM-DD (or a given moment's). */
export function amsterdamDate(moment = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(moment);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function principalOf(ctx: ServiceContext): Principal {
  if (ctx.actor.kind !== 'person') throw new HttpProblem(401, 'Sign in first.');
  return ctx.actor.principal;
}

function tenantOf(ctx: ServiceContext): string {
  if (!ctx.tenantId) throw new HttpProblem(409, 'Choose the municipality you work in first.');
  return ctx.tenantId;
}

async function log(
  ctx: ServiceContext,
  event: { eventCode: string; action: AccessAction; personId: string | null; organisationId: string; recordPart: string },
): Promise<void> {
  await logAccess(ctx.sql, tenantOf(ctx), {
    ...event,
    outcome: 'success',
    ...staffActorFields(ctx),
    purpose: SUPPORT_CONSENT.purpose,
  });
}

/**
 * The case if this person may work on it: 404 when it is not of their organisation (or not in this
 * municipality), 403 with a 'denied' access-log line when the caregiver's consent is not active.
 */
async function authoriseCase(ctx: ServiceContext, caseId: string): Promise<{ p: Principal; header: CaseHeader; tenantId: string }> {
  const p = principalOf(ctx);
  const tenantId = tenantOf(ctx);
  const header = await q.findCase(ctx.sql, caseId);
  if (!header || !canWorkOnCases(p, header.organisationId)) throw new HttpProblem(404, 'There is no support case with this id for you.');
  await requireConsent(ctx, { personId: header.caregiverId, ...SUPPORT_CONSENT, organisationId: header.organisationId });
  return { p, header, tenantId };
}

const caseLog = (ctx: ServiceContext, header: CaseHeader, eventCode: string, action: AccessAction, recordPart: string) =>
  log(ctx, { eventCode, action, personId: header.caregiverId, organisationId: header.organisationId, recordPart });

// ---- reading -----------------------------------------------------------------------------------

/** The caseload of one of the consultant's organisations; one 'search' line in the access log per view. */
export async function listCaseload(
  ctx: ServiceContext,
  input: Omit<CaseloadFilters, 'today' | 'me'> & { organisationId?: string | undefined; page: number; pageSize?: number },
): Promise<Page> {
  const p = principalOf(ctx);
  const tenantId = tenantOf(ctx);
  const mine = caseloadOrganisations(p);
  if (mine.length === 0) throw new HttpProblem(404, 'You have no caseload in this municipality.');
  const organisationId = input.organisationId && mine.includes(input.organisationId) ? input.organisationId : (mine[0] as string);
  const pageSize = input.pageSize ?? PAGE_SIZE;
  const page = Math.min(Math.max(1, input.page), Math.max(1, Math.floor(COUNT_CAP / pageSize)));
  const search = input.search?.trim() || undefined;
  const relationshipIds = search ? await q.searchRelationships(ctx.sql, tenantId, search, SEARCH_CAP) : undefined;
  const filters: CaseloadFilters = { ...input, search, relationshipIds, today: amsterdamDate(), me: p.accountId };
  const items = await q.caseload(ctx.sql, tenantId, organisationId, filters, pageSize, (page - 1) * pageSize);
  const total = await q.caseloadCount(ctx.sql, tenantId, organisationId, filters, COUNT_CAP);
  const organisations: { id: string; name: string }[] = [];
  for (const id of mine) organisations.push({ id, name: (await organisationName(ctx.sql, id)) ?? '' });
  // A list of several persons: one line for the search, without a person (as the staff list does).
  await log(ctx, {
    eventCode: 'supportCase.caseload',
    action: 'search',
    personId: null,
    organisationId,
    recordPart: 'supportCase.caseload',
  });
  return { organisations, organisationId, items, total, capped: total >= COUNT_CAP, page, pageSize };
}

/** The case's header for a form page; logs the read of that part. */
export async function openCase(ctx: ServiceContext, caseId: string, recordPart: string): Promise<CaseHeader> {
  const { header } = await authoriseCase(ctx, caseId);
  await caseLog(ctx, header, 'supportCase.read', 'read', recordPart);
  return header;
}

/** Everything on the case page, in one read with one access-log line. */
export async function caseFile(ctx: ServiceContext, caseId: string): Promise<CaseFile> {
  const { header } = await authoriseCase(ctx, caseId);
  // One query after another on the transaction's connection (one connection runs one query at a time).
  const relationship = await q.relationship(ctx.sql, header.careRelationshipId);
  const network = await q.network(ctx.sql, header.careRelationshipId);
  const goals = await q.goals(ctx.sql, caseId);
  const actions = await q.actions(ctx.sql, caseId);
  const notes = await q.notes(ctx.sql, caseId);
  const followUps = await q.followUps(ctx.sql, caseId);
  const signals = await q.openSignals(ctx.sql, caseId);
  const situationChanges = await q.situationChanges(ctx.sql, header.careRelationshipId);
  const preparation = await q.preparation(ctx.sql, header.careRelationshipId, header.organisationId);
  const events = await q.events(ctx.sql, caseId);
  const agreements = preparation ? await q.agreements(ctx.sql, preparation.id) : [];
  const balanceResults = await listResults(ctx, { personId: header.caregiverId, careRelationshipId: header.careRelationshipId });
  await caseLog(ctx, header, 'supportCase.read', 'read', 'supportCase');
  return {
    header,
    balanceResults,
    relationship,
    network,
    goals,
    actions,
    notes,
    followUps,
    signals,
    situationChanges,
    preparation,
    agreements,
    events,
  };
}

/** Parts of a case already opened (and logged) in the same transaction. */
export const goalsOf = (ctx: ServiceContext, header: CaseHeader) => q.goals(ctx.sql, header.id);
export const goalsForApi = (ctx: ServiceContext, caseId: string) => q.goals(ctx.sql, caseId);
export const actionsForApi = (ctx: ServiceContext, caseId: string) => q.actions(ctx.sql, caseId);
export const notesForApi = (ctx: ServiceContext, caseId: string) => q.notes(ctx.sql, caseId);

export async function listGoals(ctx: ServiceContext, caseId: string) {
  const { header } = await authoriseCase(ctx, caseId);
  const goals = await q.goals(ctx.sql, caseId);
  await caseLog(ctx, header, 'supportCase.goals', 'read', 'supportPlan.goals');
  return goals;
}

export async function colleaguesFor(ctx: ServiceContext, caseId: string) {
  const { header } = await authoriseCase(ctx, caseId);
  await caseLog(ctx, header, 'supportCase.read', 'read', 'supportCase.consultant');
  return { header, colleagues: await q.colleagues(ctx.sql, header.organisationId) };
}

export async function agreementFor(ctx: ServiceContext, caseId: string, agreementId: string) {
  const { header } = await authoriseCase(ctx, caseId);
  const agreement = await q.findAgreement(ctx.sql, header.careRelationshipId, agreementId);
  if (!agreement) throw new HttpProblem(404, 'There is no such agreement in this case.');
  await caseLog(ctx, header, 'supportCase.read', 'read', 'kitchenTable.agreements');
  return { header, agreement };
}

// ---- checking what was typed ---------------------------------------------------------------

const oneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

function text(problems: Problem[], field: string, value: string, max: number, required: boolean): string {
  const v = value.trim();
  if (required && v === '') problems.push({ field, code: 'required' });
  else if (v.length > max) problems.push({ field, code: 'tooLong' });
  return v;
}

function choice<T extends string>(problems: Problem[], field: string, list: readonly T[], value: string): T {
  if (!oneOf(list, value)) problems.push({ field, code: value === '' ? 'required' : 'invalid' });
  return value as T;
}

function dateField(problems: Problem[], field: string, value: string, required: boolean): string {
  const v = value.trim();
  if (v === '') {
    if (required) problems.push({ field, code: 'required' });
  } else if (!isDate(v)) problems.push({ field, code: 'invalid' });
  return v;
}

type Result<T = string> = { ok: true; id: T } | { ok: false; problems: Problem[] };

// ---- changing ----------------------------------------------------------------------------------

/** The consultant takes a case: it becomes theirs, and a new case moves on to intake. */
export async function takeCase(ctx: ServiceContext, caseId: string): Promise<void> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  if (header.status === 'closed') throw new HttpProblem(409, 'A closed case cannot be taken; reopen it first.');
  await q.assign(ctx.sql, caseId, p.accountId);
  await q.addEvent(ctx.sql, { tenantId, caseId, actorId: p.accountId, kind: 'taken', subjectId: p.accountId });
  await caseLog(ctx, header, 'supportCase.assign', 'update', 'supportCase.consultant');
}

/** Hands a case over to a colleague (for example when the caregiver asked for another consultant). */
export async function reassign(ctx: ServiceContext, caseId: string, input: { consultantId: string }): Promise<Result> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  const colleagues = await q.colleagues(ctx.sql, header.organisationId);
  if (!colleagues.some((c) => c.id === input.consultantId)) return { ok: false, problems: [{ field: 'consultantId', code: 'required' }] };
  await q.assign(ctx.sql, caseId, input.consultantId);
  await q.addEvent(ctx.sql, { tenantId, caseId, actorId: p.accountId, kind: 'reassigned', subjectId: input.consultantId });
  await caseLog(ctx, header, 'supportCase.assign', 'update', 'supportCase.consultant');
  return { ok: true, id: caseId };
}

export type IntakeInput = { situation: string; wishes: string; possibilities: string; limits: string; intakeOn: string };

export function checkIntake(input: IntakeInput): { problems: Problem[]; value: IntakeInput } {
  const problems: Problem[] = [];
  const value = {
    situation: text(problems, 'situation', input.situation, 4000, true),
    wishes: text(problems, 'wishes', input.wishes, 4000, false),
    possibilities: text(problems, 'possibilities', input.possibilities, 4000, false),
    limits: text(problems, 'limits', input.limits, 4000, false),
    intakeOn: dateField(problems, 'intakeOn', input.intakeOn, true),
  };
  return { problems, value };
}

export async function saveIntake(ctx: ServiceContext, caseId: string, input: IntakeInput): Promise<Result> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  const { problems, value } = checkIntake(input);
  if (problems.length > 0) return { ok: false, problems };
  await q.saveIntake(ctx.sql, caseId, { ...value, consultantId: p.accountId });
  await q.addEvent(ctx.sql, { tenantId, caseId, actorId: p.accountId, kind: 'intakeSaved' });
  await caseLog(ctx, header, 'supportCase.intake', 'update', 'supportCase.intake');
  return { ok: true, id: caseId };
}

export type GoalInput = { form: string; goal: string; status?: string };

export async function addGoal(ctx: ServiceContext, caseId: string, input: GoalInput): Promise<Result> {
  const { header, tenantId } = await authoriseCase(ctx, caseId);
  const problems: Problem[] = [];
  const form = choice<SupportForm>(problems, 'form', SUPPORT_FORMS, input.form);
  const goal = text(problems, 'goal', input.goal, 1000, true);
  const status = choice<GoalStatus>(problems, 'status', GOAL_STATUSES, input.status || 'planned');
  if (problems.length > 0) return { ok: false, problems };
  const id = await q.insertGoal(ctx.sql, { tenantId, caseId, form, goal, status });
  await caseLog(ctx, header, 'supportCase.goal', 'create', 'supportPlan.goals');
  return { ok: true, id };
}

export async function changeGoalStatus(ctx: ServiceContext, caseId: string, goalId: string, status: string): Promise<void> {
  const { header } = await authoriseCase(ctx, caseId);
  if (!oneOf(GOAL_STATUSES, status)) throw new HttpProblem(400, 'Choose a goal status.');
  if (!(await q.setGoalStatus(ctx.sql, caseId, goalId, status))) throw new HttpProblem(404, 'There is no such goal in this case.');
  await caseLog(ctx, header, 'supportCase.goal', 'update', 'supportPlan.goals');
}

export type ActionInput = { goalId: string; description: string; who: string; whoName: string; dueOn: string };

export async function addAction(ctx: ServiceContext, caseId: string, input: ActionInput): Promise<Result> {
  const { header, tenantId } = await authoriseCase(ctx, caseId);
  const problems: Problem[] = [];
  const description = text(problems, 'description', input.description, 1000, true);
  const who = choice<ActionWho>(problems, 'who', ACTION_WHO, input.who);
  const whoName = text(problems, 'whoName', input.whoName, 100, false);
  const dueOn = dateField(problems, 'dueOn', input.dueOn, false);
  const goalId = input.goalId.trim() || null;
  if (goalId && !(/^[0-9a-f-]{36}$/i.test(goalId) && (await q.goalBelongs(ctx.sql, caseId, goalId))))
    problems.push({ field: 'goalId', code: 'invalid' });
  if (problems.length > 0) return { ok: false, problems };
  const id = await q.insertAction(ctx.sql, { tenantId, caseId, goalId, description, who, whoName, dueOn });
  await caseLog(ctx, header, 'supportCase.action', 'create', 'supportPlan.actions');
  return { ok: true, id };
}

export async function setActionDone(ctx: ServiceContext, caseId: string, actionId: string, done: boolean): Promise<void> {
  const { header } = await authoriseCase(ctx, caseId);
  if (!(await q.setActionDone(ctx.sql, caseId, actionId, done))) throw new HttpProblem(404, 'There is no such action in this case.');
  await caseLog(ctx, header, 'supportCase.action', 'update', 'supportPlan.actions');
}

export type NoteInput = { visibility: string; body: string };

export async function addNote(ctx: ServiceContext, caseId: string, input: NoteInput): Promise<Result> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  const problems: Problem[] = [];
  const visibility = choice<NoteVisibility>(problems, 'visibility', NOTE_VISIBILITY, input.visibility);
  const body = text(problems, 'body', input.body, 4000, true);
  if (problems.length > 0) return { ok: false, problems };
  const id = await q.insertNote(ctx.sql, { tenantId, caseId, authorId: p.accountId, visibility, body });
  await caseLog(ctx, header, 'supportCase.note', 'create', `caseNotes.${visibility}`);
  return { ok: true, id };
}

export type FollowUpInput = { dueOn: string; purpose: string };

export async function addFollowUp(ctx: ServiceContext, caseId: string, input: FollowUpInput): Promise<Result> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  const problems: Problem[] = [];
  const dueOn = dateField(problems, 'dueOn', input.dueOn, true);
  const purpose = text(problems, 'purpose', input.purpose, 500, true);
  if (dueOn && isDate(dueOn) && dueOn < amsterdamDate()) problems.push({ field: 'dueOn', code: 'invalid' });
  if (header.status === 'closed') throw new HttpProblem(409, 'A closed case has no follow-up; reopen it first.');
  if (problems.length > 0) return { ok: false, problems };
  const id = await q.insertFollowUp(ctx.sql, { tenantId, caseId, dueOn, purpose, createdBy: p.accountId });
  await q.refreshNextAction(ctx.sql, caseId);
  await caseLog(ctx, header, 'supportCase.followUp', 'create', 'supportPlan.followUps');
  return { ok: true, id };
}

export async function completeFollowUp(ctx: ServiceContext, caseId: string, followUpId: string): Promise<void> {
  const { header } = await authoriseCase(ctx, caseId);
  if (!(await q.setFollowUpDone(ctx.sql, caseId, followUpId))) throw new HttpProblem(404, 'There is no such follow-up in this case.');
  await q.refreshNextAction(ctx.sql, caseId);
  await caseLog(ctx, header, 'supportCase.followUp', 'update', 'supportPlan.followUps');
}

export async function markSignalSeen(ctx: ServiceContext, caseId: string, signalId: string): Promise<void> {
  const { header } = await authoriseCase(ctx, caseId);
  if (!(await q.markSignalSeen(ctx.sql, caseId, signalId))) throw new HttpProblem(404, 'There is no such signal in this case.');
  await caseLog(ctx, header, 'supportCase.signal', 'update', 'supportCase.signals');
}

export type CloseInput = { outcome: string; outcomeNote: string };

export function checkClose(input: CloseInput): { problems: Problem[]; value: { outcome: Outcome; outcomeNote: string } } {
  const problems: Problem[] = [];
  const outcome = choice<Outcome>(problems, 'outcome', OUTCOMES, input.outcome);
  const outcomeNote = text(problems, 'outcomeNote', input.outcomeNote, 2000, input.outcome === 'other');
  return { problems, value: { outcome, outcomeNote } };
}

/** Closes a case with its outcome (after the page asked for confirmation). */
export async function closeCase(ctx: ServiceContext, caseId: string, input: CloseInput): Promise<Result> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  const { problems, value } = checkClose(input);
  if (problems.length > 0) return { ok: false, problems };
  if (header.status === 'closed') return { ok: true, id: caseId };
  await q.close(ctx.sql, caseId, value.outcome, value.outcomeNote);
  await q.addEvent(ctx.sql, { tenantId, caseId, actorId: p.accountId, kind: 'closed' });
  await caseLog(ctx, header, 'supportCase.close', 'update', 'supportCase.outcome');
  return { ok: true, id: caseId };
}

export async function reopenCase(ctx: ServiceContext, caseId: string): Promise<void> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  if (header.status !== 'closed') return;
  await q.reopen(ctx.sql, caseId);
  await q.addEvent(ctx.sql, { tenantId, caseId, actorId: p.accountId, kind: 'reopened' });
  await caseLog(ctx, header, 'supportCase.reopen', 'update', 'supportCase.outcome');
}

export type SituationInput = { kind: string; description: string };

/**
 * The consultant reports a change in the situation (R7). It asks for a new look at the plan: a
 * follow-up within NEW_LOOK_DAYS days, which also brings the case's next action forward.
 */
export async function reportSituationChange(ctx: ServiceContext, caseId: string, input: SituationInput, purpose: string): Promise<Result> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  const problems: Problem[] = [];
  const kind = choice<SituationKind>(problems, 'kind', SITUATION_KINDS, input.kind);
  const description = text(problems, 'description', input.description, 2000, true);
  if (problems.length > 0) return { ok: false, problems };
  const id = await q.insertSituationChange(ctx.sql, {
    tenantId,
    relationshipId: header.careRelationshipId,
    reportedBy: p.accountId,
    kind,
    description,
  });
  if (header.status !== 'closed') {
    await q.insertFollowUp(ctx.sql, { tenantId, caseId, dueOn: addDays(amsterdamDate(), NEW_LOOK_DAYS), purpose, createdBy: p.accountId });
    await q.refreshNextAction(ctx.sql, caseId);
  }
  await q.addEvent(ctx.sql, { tenantId, caseId, actorId: p.accountId, kind: 'situationReported' });
  await caseLog(ctx, header, 'supportCase.situation', 'create', 'careRelationship.situationChanges');
  return { ok: true, id };
}

export async function markSituationHandled(ctx: ServiceContext, caseId: string, changeId: string): Promise<void> {
  const { header } = await authoriseCase(ctx, caseId);
  if (!(await q.markSituationHandled(ctx.sql, header.careRelationshipId, changeId)))
    throw new HttpProblem(404, 'There is no such change in this case.');
  await caseLog(ctx, header, 'supportCase.situation', 'update', 'careRelationship.situationChanges');
}

export type AgreementInput = { who: string; whoName: string; contribution: string };

/** Records an agreement made at the keukentafelgesprek: who contributes what (R3). */
export async function addAgreement(ctx: ServiceContext, caseId: string, input: AgreementInput): Promise<Result> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  const problems: Problem[] = [];
  const who = choice<AgreementWho>(problems, 'who', AGREEMENT_WHO, input.who);
  const whoName = text(problems, 'whoName', input.whoName, 100, false);
  const contribution = text(problems, 'contribution', input.contribution, 1000, true);
  if (problems.length > 0) return { ok: false, problems };
  const preparationId = await q.ensurePreparation(ctx.sql, tenantId, header.careRelationshipId);
  const id = await q.insertAgreement(ctx.sql, { tenantId, preparationId, who, whoName, contribution });
  await q.addEvent(ctx.sql, { tenantId, caseId, actorId: p.accountId, kind: 'agreementsRecorded' });
  await caseLog(ctx, header, 'supportCase.agreement', 'create', 'kitchenTable.agreements');
  return { ok: true, id };
}

export type EvaluationInput = { evaluation: string; evaluationNote: string };

/** Evaluates an agreement at the follow-up: kept, partly kept or not kept, with a note. */
export async function evaluateAgreement(ctx: ServiceContext, caseId: string, agreementId: string, input: EvaluationInput): Promise<Result> {
  const { header } = await authoriseCase(ctx, caseId);
  const agreement = await q.findAgreement(ctx.sql, header.careRelationshipId, agreementId);
  if (!agreement) throw new HttpProblem(404, 'There is no such agreement in this case.');
  const problems: Problem[] = [];
  const evaluation = choice<Evaluation>(problems, 'evaluation', EVALUATIONS, input.evaluation);
  const note = text(problems, 'evaluationNote', input.evaluationNote, 1000, evaluation !== 'kept' && oneOf(EVALUATIONS, evaluation));
  if (problems.length > 0) return { ok: false, problems };
  await q.evaluateAgreement(ctx.sql, agreementId, { evaluation, note });
  await caseLog(ctx, header, 'supportCase.agreement', 'update', 'kitchenTable.agreements');
  return { ok: true, id: agreementId };
}

// ---- re-measurement with the caregiver present ----------------------------------------------------

/** The questionnaire for a re-measurement: the instruments on offer here, and the chosen one. */
export async function remeasureForm(
  ctx: ServiceContext,
  caseId: string,
  instrumentKey: string | undefined,
): Promise<{ header: CaseHeader; instruments: InstrumentEntry[]; chosen: InstrumentEntry | null }> {
  const { header } = await authoriseCase(ctx, caseId);
  const instruments = await listInstruments(ctx, { organisationIds: await networkOrganisationIds(ctx) });
  const chosen = instruments.find((e) => e.definition.key === instrumentKey) ?? instruments[0] ?? null;
  await caseLog(ctx, header, 'supportCase.read', 'read', 'balanceCheck');
  return { header, instruments, chosen };
}

/**
 * The consultant fills in the instrument together with the caregiver (R2: balance is measured again
 * as the outcome of support). Stored as the caregiver's result with the consultant as the one who
 * recorded it; the balance check raises the early warning and sets the case's burden level.
 */
export async function remeasure(
  ctx: ServiceContext,
  caseId: string,
  input: { instrumentKey: string; version: string; answers: Answers },
): Promise<{ ok: true; result: BalanceResult } | { ok: false; unanswered: string[] }> {
  const { p, header, tenantId } = await authoriseCase(ctx, caseId);
  const entry = await offeredInstrument(ctx, input.instrumentKey, input.version || undefined, await networkOrganisationIds(ctx));
  if (!entry) throw new HttpProblem(404, 'There is no such instrument on offer here.');
  const checked = scoreWith(entry, input.answers);
  if (!checked.ok) return { ok: false, unanswered: [...checked.unanswered, ...checked.invalid] };
  const recorded = await recordBalanceCheck(ctx, {
    personId: header.caregiverId,
    careRelationshipId: header.careRelationshipId,
    instrumentKey: entry.definition.key,
    instrumentVersion: entry.definition.version,
    answers: checked.answers,
    recordedBy: p.accountId,
  });
  await q.addEvent(ctx.sql, { tenantId, caseId, actorId: p.accountId, kind: 'remeasured' });
  return { ok: true, result: recorded.result };
}
