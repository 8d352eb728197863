import { z } from 'zod';
import * as q from './caregivers.queries.ts';
import type { CaseView, RelationshipDetail } from './caregivers.service.ts';

/** The caregiver's own care relationships in the API (X5): the same data and rules as the pages. */

const networkMemberSchema = z
  .object({
    kind: z.enum(q.NETWORK_KINDS).describe('Who it is: family, friend, neighbour, volunteer, professional or other.'),
    name: z.string().trim().min(1).max(100).describe('A name or a description, such as "my brother" or "home care".'),
    helpsWith: z.string().trim().max(500).nullable().optional().describe('What this person helps with.'),
  })
  .describe('Someone else who helps around the care relationship (the care network).');

const relationshipFields = {
  caredForName: z.string().trim().min(1).max(60).describe('The person cared for: a first name or a nickname only, never a full name.'),
  ageBand: z.enum(q.AGE_BANDS).describe('The age band of the person cared for.'),
  relation: z.enum(q.RELATIONS).describe('Who the person cared for is to the caregiver.'),
  conditionText: z.string().max(2000).nullable().optional().describe('What is the matter, in the caregiver’s own words.'),
  tasks: z.array(z.enum(q.TASKS)).max(q.TASKS.length).default([]).describe('What the caregiver does.'),
  hoursPerWeek: z.number().int().min(0).max(168).nullable().optional().describe('About how many hours a week.'),
  caringSince: z.iso.date().nullable().optional().describe('Since when (a date; 1 January when only the year is known).'),
  livingTogether: z.boolean().nullable().optional().describe('Whether they live together; null when not said.'),
  combinesWith: z.array(z.enum(q.COMBINES)).max(q.COMBINES.length).default([]).describe('What the caregiver combines the care with.'),
};

export const careRelationshipInputSchema = z
  .object({
    ...relationshipFields,
    network: z.array(networkMemberSchema).max(30).default([]).describe('Who else helps; on PUT this replaces the whole network.'),
    municipalityCode: z
      .string()
      .regex(/^GM[0-9]{4}$/)
      .optional()
      .describe('The municipality (CBS code) to record it in; needed only for a caregiver registered in more than one.'),
  })
  .describe('A care relationship as the caregiver describes it.');

export const careRelationshipSchema = z
  .object({
    id: z.uuid(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    ...relationshipFields,
    conditionText: z.string().nullable(),
    hoursPerWeek: z.number().int().nullable(),
    caringSince: z.iso.date().nullable(),
    livingTogether: z.boolean().nullable(),
    tasks: z.array(z.string()),
    combinesWith: z.array(z.string()),
    network: z.array(networkMemberSchema.extend({ id: z.uuid(), helpsWith: z.string().nullable() })),
    sharedWith: z
      .array(z.object({ id: z.uuid(), name: z.string() }))
      .describe('Organisations that may see this relationship now (active consent and a support case).'),
    endedAt: z.iso.datetime().nullable().describe('When the caregiver ended the relationship; null while it runs.'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({
    id: 'CareRelationship',
    description: 'A care relationship of the signed-in caregiver: the person cared for, the care and the network.',
  });

export const careRelationshipListSchema = z
  .object({ items: z.array(careRelationshipSchema) })
  .meta({ id: 'CareRelationshipList', description: 'The signed-in caregiver’s care relationships, running ones first.' });

const supportCaseSchema = z
  .object({
    id: z.uuid(),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    status: z.enum(['new', 'intake', 'active', 'closed']),
    consultantName: z.string().nullable(),
    consultantChangeRequestedAt: z.iso.datetime().nullable(),
    goals: z.array(
      z.object({
        id: z.uuid(),
        form: z.enum(['information', 'emotional', 'respite', 'practical']).describe('Which of the four forms of support.'),
        goal: z.string(),
        status: z.enum(['planned', 'inProgress', 'reached', 'stopped']),
      }),
    ),
    actions: z.array(
      z.object({
        id: z.uuid(),
        goalId: z.uuid().nullable(),
        description: z.string(),
        who: z.string().describe('Who does it: caregiver, consultant, network, volunteer, professional or other.'),
        whoName: z.string().nullable(),
        dueOn: z.iso.date().nullable(),
        doneAt: z.iso.datetime().nullable(),
      }),
    ),
    sharedNotes: z
      .array(z.object({ id: z.uuid(), body: z.string(), createdAt: z.iso.datetime() }))
      .describe('Only notes shared with the caregiver.'),
    followUps: z.array(z.object({ id: z.uuid(), dueOn: z.iso.date(), purpose: z.string(), doneAt: z.iso.datetime().nullable() })),
  })
  .meta({ id: 'SharedSupportCase', description: 'The support of one organisation, as the caregiver sees it.' });

export const supportPlanSchema = z.object({ items: z.array(supportCaseSchema) }).meta({
  id: 'SharedSupportPlan',
  description:
    'The support plan of one care relationship as shared with the caregiver: only organisations that may see it now, never team notes.',
});

export function toResource(d: RelationshipDetail, municipalityCode: string): z.infer<typeof careRelationshipSchema> {
  const r = d.relationship;
  return {
    id: r.id,
    municipalityCode,
    municipalityName: d.municipalityName,
    caredForName: r.caredForName,
    ageBand: r.ageBand,
    relation: r.relation,
    conditionText: r.conditionText,
    tasks: r.tasks,
    hoursPerWeek: r.hoursPerWeek,
    caringSince: r.caringSince,
    livingTogether: r.livingTogether,
    combinesWith: r.combinesWith,
    network: d.network.map((n) => ({ id: n.id, kind: n.kind as (typeof q.NETWORK_KINDS)[number], name: n.name, helpsWith: n.helpsWith })),
    sharedWith: d.cases.filter((k) => k.shared).map((k) => ({ id: k.organisationId, name: k.organisationName })),
    endedAt: r.endedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toSupportCase(k: CaseView): z.infer<typeof supportCaseSchema> {
  return {
    id: k.id,
    organisation: { id: k.organisationId, name: k.organisationName },
    status: k.status,
    consultantName: k.consultantName,
    consultantChangeRequestedAt: k.consultantChangeRequestedAt,
    goals: k.goals.map((g) => ({
      id: g.id,
      form: g.form as 'information',
      goal: g.goal,
      status: g.status as 'planned',
    })),
    actions: k.actions.map((a) => ({
      id: a.id,
      goalId: a.goalId,
      description: a.description,
      who: a.who,
      whoName: a.whoName,
      dueOn: a.dueOn,
      doneAt: a.doneAt,
    })),
    sharedNotes: k.notes.map((n) => ({ id: n.id, body: n.body, createdAt: n.createdAt })),
    followUps: k.followUps.map((f) => ({ id: f.id, dueOn: f.dueOn, purpose: f.purpose, doneAt: f.doneAt })),
  };
}
