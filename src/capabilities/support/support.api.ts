import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/db/context.ts';
import { findSession } from '../../platform/auth/sessions.ts';
import { requireSession } from '../../platform/http/auth.ts';
import { API_PREFIX } from '../../platform/http/openapi.ts';
import { HttpProblem, problemSchema } from '../../platform/http/problem.ts';
import { asConsultant } from './support.http.ts';
import {
  actionSchema,
  BURDEN_LEVELS,
  CASELOAD_ASSIGNED,
  CASELOAD_DUE,
  CASELOAD_SORTS,
  CASELOAD_STATUS,
  type CaseFile,
  type CaseloadRow,
  type ActionRow,
  type GoalRow,
  type NoteRow,
  caseloadSchema,
  caseSchema,
  goalSchema,
  newActionSchema,
  newGoalSchema,
  newNoteSchema,
  noteSchema,
} from './support.schemas.ts';
import * as service from './support.service.ts';

const TAG = 'Support';
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema } as const;
const caseParams = z.object({ caseId: z.uuid().describe('The id of the support case.') });
const security = [{ session: [] }];

/**
 * Changes carry a body that Fastify checks before the session is loaded (preHandler); without this
 * a visitor with no session would learn which fields are wrong before being told to sign in.
 */
async function signedInFirst(request: FastifyRequest): Promise<void> {
  const id = request.cookies[request.server.sessionCookie.name];
  if (!id) throw new HttpProblem(401, 'Sign in first.');
  request.session = await request.server.db.platform((sql) => findSession(sql, id));
  requireSession(request);
}

function toSummary(r: CaseloadRow) {
  return {
    id: r.id,
    status: r.status,
    burdenLevel: r.burdenLevel,
    nextActionOn: r.nextActionOn,
    openedAt: r.openedAt,
    caregiverName: r.caregiverName,
    caredForName: r.caredForName,
    consultant: r.consultantId ? { id: r.consultantId, name: r.consultantName ?? '' } : null,
    consultantChangeRequested: r.changeRequested,
    openSignals: r.openSignals,
  };
}

function toCase(f: CaseFile) {
  const h = f.header;
  return {
    id: h.id,
    status: h.status,
    burdenLevel: h.burdenLevel,
    nextActionOn: h.nextActionOn,
    openedAt: h.openedAt,
    closedAt: h.closedAt,
    outcome: h.outcome,
    organisation: { id: h.organisationId, name: h.organisationName },
    consultant: h.consultantId ? { id: h.consultantId, name: h.consultantName ?? '' } : null,
    caregiver: { id: h.caregiverId, name: h.caregiverName },
    careRelationship: {
      id: h.careRelationshipId,
      caredForName: h.caredForName,
      ageBand: f.relationship?.ageBand ?? '',
      relation: f.relationship?.relation ?? '',
      hoursPerWeek: f.relationship?.hoursPerWeek ?? null,
    },
    intake: { situation: h.situation, wishes: h.wishes, possibilities: h.possibilities, limits: h.limits, intakeOn: h.intakeOn },
    goals: f.goals,
    actions: f.actions,
    notes: f.notes,
    followUps: f.followUps.map(({ reminderSentAt: _r, ...rest }) => rest),
  };
}

/** A service's field problems as a 400 problem+json with every invalid field. */
function invalid(problems: service.Problem[]): HttpProblem {
  return new HttpProblem(400, 'One or more fields are not valid; see invalidParams.', {
    invalidParams: problems.map((p) => ({ name: `body.${p.field}`, code: p.code, reason: `The field ${p.field} is ${p.code}.` })),
  });
}

/**
 * The support plan for integrations (R1, X5): the same policy, consent check and access logging as
 * the consultant's pages. Signed in with the session cookie; changes need the CSRF token of a Naaste
 * page in the X-CSRF-Token header.
 */
export async function supportApiRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const run = <T>(request: FastifyRequest, work: (ctx: ServiceContext) => Promise<T>) => {
    requireSession(request);
    return asConsultant(app, request, work);
  };

  app.get(
    `${API_PREFIX}/support-cases`,
    {
      config: { access: 'personalData' },
      schema: {
        summary: 'List the caseload',
        description:
          'The support cases of the consultant’s organisation whose caregiver has an active consent for it (careRelationship, support). Filter, search and sort as on the workspace page; the total is counted up to totalCap. One access-log line (search) per call. 404 when the signed-in person has no caseload here.',
        operationId: 'listSupportCases',
        tags: [TAG],
        security,
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(service.MAX_PAGE).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(25),
          search: z.string().max(100).optional().describe('Part of the caregiver’s name or the cared-for person’s first name.'),
          status: z.enum(CASELOAD_STATUS).default('open'),
          burdenLevel: z.enum(BURDEN_LEVELS).optional(),
          due: z.enum(CASELOAD_DUE).optional().describe('overdue: next action before today; week: from today to Sunday.'),
          assigned: z.enum(CASELOAD_ASSIGNED).default('all'),
          sort: z.enum(CASELOAD_SORTS).default('next'),
          organisationId: z.uuid().optional().describe('For a consultant of several organisations; the first one otherwise.'),
        }),
        response: { 200: caseloadSchema, ...errors },
      },
    },
    async (request, reply) => {
      const qy = request.query;
      const result = await run(request, (c) =>
        service.listCaseload(c, {
          organisationId: qy.organisationId,
          search: qy.search,
          status: qy.status,
          burden: qy.burdenLevel,
          due: qy.due,
          assigned: qy.assigned,
          sort: qy.sort,
          page: qy.page,
          pageSize: qy.pageSize,
        }),
      );
      reply.header('cache-control', 'no-store');
      return {
        items: result.items.map(toSummary),
        page: result.page,
        pageSize: result.pageSize,
        total: result.total,
        totalCap: service.COUNT_CAP,
      };
    },
  );

  app.get(
    `${API_PREFIX}/support-cases/:caseId`,
    {
      config: { access: 'personalData' },
      schema: {
        summary: 'Get one support case',
        description:
          'The case with its care relationship, intake, goals, actions, notes (team and shared) and follow-ups. 404 when it is not a case of the consultant’s organisation; 403 when the caregiver’s consent is not active (that refusal is logged too).',
        operationId: 'getSupportCase',
        tags: [TAG],
        security,
        params: caseParams,
        response: { 200: caseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const file = await run(request, (c) => service.caseFile(c, request.params.caseId));
      reply.header('cache-control', 'no-store');
      return toCase(file);
    },
  );

  app.get(
    `${API_PREFIX}/support-cases/:caseId/goals`,
    {
      config: { access: 'personalData' },
      schema: {
        summary: 'List the goals of a support plan',
        description: 'The goals in the four forms of support, with their state.',
        operationId: 'listSupportGoals',
        tags: [TAG],
        security,
        params: caseParams,
        response: { 200: z.object({ items: z.array(goalSchema) }).meta({ id: 'SupportGoalList' }), ...errors },
      },
    },
    async (request, reply) => {
      const goals = await run(request, (c) => service.listGoals(c, request.params.caseId));
      reply.header('cache-control', 'no-store');
      return { items: goals };
    },
  );

  app.post(
    `${API_PREFIX}/support-cases/:caseId/goals`,
    {
      config: { access: 'personalData' },
      preValidation: signedInFirst,
      schema: {
        summary: 'Add a goal to a support plan',
        description: 'The caregiver sees the goal in their own view. Needs the X-CSRF-Token header.',
        operationId: 'createSupportGoal',
        tags: [TAG],
        security,
        params: caseParams,
        body: newGoalSchema,
        response: { 201: goalSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params;
      const goal = await run(request, async (c) => {
        const result = await service.addGoal(c, caseId, request.body);
        if (!result.ok) throw invalid(result.problems);
        return (await service.goalsForApi(c, caseId)).find((g) => g.id === result.id) as GoalRow;
      });
      return reply.status(201).header('cache-control', 'no-store').send(goal);
    },
  );

  app.post(
    `${API_PREFIX}/support-cases/:caseId/actions`,
    {
      config: { access: 'personalData' },
      preValidation: signedInFirst,
      schema: {
        summary: 'Add an action to a support plan',
        description: 'Who does what, by when, optionally under a goal of the same case. Needs the X-CSRF-Token header.',
        operationId: 'createSupportAction',
        tags: [TAG],
        security,
        params: caseParams,
        body: newActionSchema,
        response: { 201: actionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params;
      const b = request.body;
      const action = await run(request, async (c) => {
        const result = await service.addAction(c, caseId, {
          goalId: b.goalId ?? '',
          description: b.description,
          who: b.who,
          whoName: b.whoName ?? '',
          dueOn: b.dueOn ?? '',
        });
        if (!result.ok) throw invalid(result.problems);
        return (await service.actionsForApi(c, caseId)).find((a) => a.id === result.id) as ActionRow;
      });
      return reply.status(201).header('cache-control', 'no-store').send(action);
    },
  );

  app.post(
    `${API_PREFIX}/support-cases/:caseId/notes`,
    {
      config: { access: 'personalData' },
      preValidation: signedInFirst,
      schema: {
        summary: 'Add a note to a support case',
        description: 'A team note, or a note shared with the caregiver (who then sees it). Needs the X-CSRF-Token header.',
        operationId: 'createCaseNote',
        tags: [TAG],
        security,
        params: caseParams,
        body: newNoteSchema,
        response: { 201: noteSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { caseId } = request.params;
      const note = await run(request, async (c) => {
        const result = await service.addNote(c, caseId, request.body);
        if (!result.ok) throw invalid(result.problems);
        return (await service.notesForApi(c, caseId)).find((n) => n.id === result.id) as NoteRow;
      });
      return reply.status(201).header('cache-control', 'no-store').send(note);
    },
  );
}
