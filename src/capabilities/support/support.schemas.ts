import { z } from 'zod';
import type { BalanceResult } from '../balance-check/balance-check.service.ts';

/** The words of the support workspace as code names (GLOSSARY.md), shared by pages, API and queries. */
export const CASE_STATUSES = ['new', 'intake', 'active', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const BURDEN_LEVELS = ['high', 'moderate', 'low', 'unknown'] as const;
export type BurdenLevel = (typeof BURDEN_LEVELS)[number];
export const SUPPORT_FORMS = ['information', 'emotional', 'respite', 'practical'] as const;
export type SupportForm = (typeof SUPPORT_FORMS)[number];
export const GOAL_STATUSES = ['planned', 'inProgress', 'reached', 'stopped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const ACTION_WHO = ['caregiver', 'consultant', 'network', 'volunteer', 'professional', 'other'] as const;
export type ActionWho = (typeof ACTION_WHO)[number];
export const AGREEMENT_WHO = ['caregiver', 'network', 'municipality', 'volunteer', 'professional', 'other'] as const;
export type AgreementWho = (typeof AGREEMENT_WHO)[number];
export const EVALUATIONS = ['kept', 'partlyKept', 'notKept'] as const;
export type Evaluation = (typeof EVALUATIONS)[number];
export const OUTCOMES = ['goalsReached', 'partlyReached', 'notReached', 'noLongerNeeded', 'movedAway', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const SITUATION_KINDS = ['illnessProgress', 'caregiverHealth', 'work', 'moving', 'other'] as const;
export type SituationKind = (typeof SITUATION_KINDS)[number];
export const NOTE_VISIBILITY = ['team', 'shared'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITY)[number];

export const CASELOAD_SORTS = ['next', 'burden', 'newest'] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];
export const CASELOAD_STATUS = ['open', 'new', 'intake', 'active', 'closed', 'all'] as const;
export const CASELOAD_DUE = ['overdue', 'week'] as const;
export const CASELOAD_ASSIGNED = ['all', 'mine', 'unassigned'] as const;

export type CaseloadFilters = {
  search?: string | undefined;
  status: (typeof CASELOAD_STATUS)[number];
  burden?: BurdenLevel | undefined;
  due?: (typeof CASELOAD_DUE)[number] | undefined;
  assigned: (typeof CASELOAD_ASSIGNED)[number];
  sort: CaseloadSort;
  /** Today in Amsterdam, YYYY-MM-DD: "overdue" and "this week" count from it. */
  today: string;
  /** The asking consultant, for "mine". */
  me: string;
  /** Set when searching: the care relationships whose names match (see searchRelationships). */
  relationshipIds?: string[] | undefined;
};

export type CaseloadRow = {
  id: string;
  status: CaseStatus;
  burdenLevel: BurdenLevel;
  nextActionOn: string | null;
  openedAt: string;
  caregiverName: string;
  caredForName: string;
  consultantId: string | null;
  consultantName: string | null;
  changeRequested: boolean;
  openSignals: number;
};

export type CaseHeader = {
  id: string;
  organisationId: string;
  organisationName: string;
  status: CaseStatus;
  burdenLevel: BurdenLevel;
  nextActionOn: string | null;
  consultantId: string | null;
  consultantName: string | null;
  careRelationshipId: string;
  caregiverId: string;
  caregiverName: string;
  caregiverEmail: string;
  caredForName: string;
  situation: string | null;
  wishes: string | null;
  possibilities: string | null;
  limits: string | null;
  intakeOn: string | null;
  changeRequestedAt: string | null;
  changeReason: string | null;
  outcome: Outcome | null;
  outcomeNote: string | null;
  openedAt: string;
  closedAt: string | null;
};

export type Relationship = {
  id: string;
  caredForName: string;
  ageBand: string;
  relation: string;
  condition: string | null;
  tasks: string[];
  hoursPerWeek: number | null;
  caringSince: string | null;
  livingTogether: boolean | null;
  combinesWith: string[];
  endedAt: string | null;
};
export type NetworkMember = { id: string; kind: string; name: string; helpsWith: string | null };
export type GoalRow = { id: string; form: SupportForm; goal: string; status: GoalStatus; createdAt: string; updatedAt: string };
export type ActionRow = {
  id: string;
  goalId: string | null;
  description: string;
  who: ActionWho;
  whoName: string | null;
  dueOn: string | null;
  doneAt: string | null;
  createdAt: string;
};
export type NoteRow = { id: string; visibility: NoteVisibility; body: string; authorName: string | null; createdAt: string };
export type FollowUpRow = { id: string; dueOn: string; purpose: string; reminderSentAt: string | null; doneAt: string | null };
export type SignalRow = {
  id: string;
  kind: 'aboveThreshold' | 'clearRise' | 'situationChanged' | 'consultantChangeRequested';
  createdAt: string;
};
export type SituationChangeRow = {
  id: string;
  reporterRole: 'caregiver' | 'consultant';
  kind: SituationKind;
  description: string | null;
  reportedAt: string;
  handledAt: string | null;
};
export type PreparationRow = {
  id: string;
  whatIDo: string | null;
  canAndWant: string | null;
  limits: string | null;
  needs: string | null;
  supportRequestedAt: string | null;
  conversationOn: string | null;
  shared: boolean;
};
export type AgreementRow = {
  id: string;
  who: AgreementWho;
  whoName: string | null;
  contribution: string;
  evaluation: Evaluation | null;
  evaluationNote: string | null;
  evaluatedAt: string | null;
  createdAt: string;
};
export type CaseEvent = {
  id: string;
  kind: 'taken' | 'reassigned' | 'intakeSaved' | 'closed' | 'reopened' | 'remeasured' | 'situationReported' | 'agreementsRecorded';
  actorName: string | null;
  subjectName: string | null;
  createdAt: string;
};
export type Colleague = { id: string; name: string };

/** Everything on the case page. */
export type CaseFile = {
  header: CaseHeader;
  /** The balance check's results of this relationship, oldest first, for its chart and table. */
  balanceResults: BalanceResult[];
  relationship: Relationship | null;
  network: NetworkMember[];
  goals: GoalRow[];
  actions: ActionRow[];
  notes: NoteRow[];
  followUps: FollowUpRow[];
  signals: SignalRow[];
  situationChanges: SituationChangeRow[];
  preparation: PreparationRow | null;
  agreements: AgreementRow[];
  events: CaseEvent[];
};

// ---- API resources ---------------------------------------------------------------------------

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(CASE_STATUSES),
    burdenLevel: z.enum(BURDEN_LEVELS).describe('The latest burden band from a balance check; unknown before the first.'),
    nextActionOn: date.nullable().describe('The earliest follow-up that is not done yet.'),
    openedAt: z.string(),
    caregiverName: z.string(),
    caredForName: z.string().describe('The first name or nickname of the person cared for.'),
    consultant: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    consultantChangeRequested: z.boolean(),
    openSignals: z.number().int().describe('Early warnings not yet seen.'),
  })
  .meta({ id: 'SupportCaseSummary' });

export const caseloadSchema = z
  .object({
    items: z.array(caseSummarySchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().describe('Number of matching cases, counted up to `totalCap`.'),
    totalCap: z.number().int().describe('Counting stops here: a total equal to it means this many or more.'),
  })
  .meta({ id: 'SupportCasePage' });

export const goalSchema = z
  .object({
    id: z.uuid(),
    form: z
      .enum(SUPPORT_FORMS)
      .describe('The form of support: information and advice, emotional support and education, respite, practical and material help.'),
    goal: z.string(),
    status: z.enum(GOAL_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SupportGoal' });

export const actionSchema = z
  .object({
    id: z.uuid(),
    goalId: z.uuid().nullable(),
    description: z.string(),
    who: z.enum(ACTION_WHO),
    whoName: z.string().nullable(),
    dueOn: date.nullable(),
    doneAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'SupportAction' });

export const noteSchema = z
  .object({
    id: z.uuid(),
    visibility: z.enum(NOTE_VISIBILITY).describe('team: only the organisation; shared: the caregiver sees it too.'),
    body: z.string(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CaseNote' });

export const followUpSchema = z
  .object({ id: z.uuid(), dueOn: date, purpose: z.string(), doneAt: z.string().nullable() })
  .meta({ id: 'FollowUp' });

export const caseSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(CASE_STATUSES),
    burdenLevel: z.enum(BURDEN_LEVELS),
    nextActionOn: date.nullable(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    outcome: z.enum(OUTCOMES).nullable(),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    consultant: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    caregiver: z.object({ id: z.uuid(), name: z.string() }),
    careRelationship: z.object({
      id: z.uuid(),
      caredForName: z.string(),
      ageBand: z.string(),
      relation: z.string(),
      hoursPerWeek: z.number().int().nullable(),
    }),
    intake: z.object({
      situation: z.string().nullable(),
      wishes: z.string().nullable(),
      possibilities: z.string().nullable(),
      limits: z.string().nullable(),
      intakeOn: date.nullable(),
    }),
    goals: z.array(goalSchema),
    actions: z.array(actionSchema),
    notes: z.array(noteSchema),
    followUps: z.array(followUpSchema),
  })
  .meta({ id: 'SupportCase' });

export const newGoalSchema = z
  .object({
    form: z.enum(SUPPORT_FORMS),
    goal: z.string().trim().min(1).max(1000),
    status: z.enum(GOAL_STATUSES).default('planned'),
  })
  .meta({ id: 'NewSupportGoal' });

export const newActionSchema = z
  .object({
    goalId: z.uuid().optional().describe('The goal this action serves, if any.'),
    description: z.string().trim().min(1).max(1000),
    who: z.enum(ACTION_WHO),
    whoName: z.string().trim().max(100).optional(),
    dueOn: date.optional(),
  })
  .meta({ id: 'NewSupportAction' });

export const newNoteSchema = z
  .object({ visibility: z.enum(NOTE_VISIBILITY), body: z.string().trim().min(1).max(4000) })
  .meta({ id: 'NewCaseNote' });
