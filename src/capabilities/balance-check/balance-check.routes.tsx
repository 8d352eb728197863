import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/roles.ts';
import { type Actor, anonymous, inContext, type ServiceContext } from '../../platform/db/context.ts';
import { requireSession } from '../../platform/http/auth.ts';
import { API_PREFIX } from '../../platform/http/openapi.ts';
import { personActor, principalOf } from '../../platform/http/principal.ts';
import { HttpProblem, problemSchema } from '../../platform/http/problem.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext, type PageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import * as organisations from '../organisations/organisations.service.ts';
import { type Answers, scoreRange } from './balance-check.definition.ts';
import { balanceMessages } from './balance-check.messages.ts';
import {
  instrumentKeySchema,
  instrumentListSchema,
  instrumentResourceSchema,
  instrumentVersionSchema,
  resultListSchema,
  scoreRequestSchema,
  scoreResourceSchema,
  toResultResource,
  toSummary,
} from './balance-check.schemas.ts';
import * as service from './balance-check.service.ts';
import {
  answerErrors,
  BALANCE_PATH,
  type BalanceGroup,
  CheckFormPage,
  InstrumentListPage,
  InstrumentNotFoundPage,
  MY_BALANCE_PATH,
  MyBalancePage,
  ResultPage,
  type SaveOption,
} from './pages/balance-check-pages.tsx';

const PURPOSE = 'balanceCheck';
const keyParams = z.object({ key: z.string().max(60) });
const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}

/**
 * Who fills in the check: nobody signed in, a resident (who may keep results in the municipalities
 * they belong to), or a member of staff past the second factor (who may not keep anything here).
 */
type Visitor =
  | { kind: 'anonymous'; actor: Actor; tenantIds: string[] }
  | { kind: 'resident' | 'professional'; actor: Actor; principal: Principal; tenantIds: string[] };

async function visitorOf(request: FastifyRequest): Promise<Visitor> {
  const session = request.session;
  if (!session || (session.account.kind === 'professional' && !session.secondFactorAt)) {
    return { kind: 'anonymous', actor: anonymous, tenantIds: [] };
  }
  const principal = await principalOf(request);
  const tenantIds = [...new Set([principal.tenantId, ...principal.memberships.map((m) => m.tenantId)].filter((t): t is string => !!t))];
  return { kind: principal.kind, actor: personActor(request, principal), principal, tenantIds };
}

/** The answers as posted: only short text values under item-like names. */
function postedAnswers(body: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const [name, value] of Object.entries(body)) {
    if (/^[a-z][a-zA-Z0-9]{0,39}$/.test(name) && typeof value === 'string') answers[name] = value.slice(0, 40);
  }
  return answers;
}

export async function balanceCheckRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const publicRead = <T,>(work: (ctx: ServiceContext) => Promise<T>) =>
    inContext(app.db, { tenantId: null, actor: anonymous, readOnly: true }, work);
  const inTenant = <T,>(visitor: Visitor, tenantId: string, work: (ctx: ServiceContext) => Promise<T>, readOnly = false) =>
    inContext(app.db, { tenantId, actor: visitor.actor, purpose: PURPOSE, readOnly }, work);

  /** The organisations whose loaded instruments this visitor is offered. */
  async function organisationIdsOf(visitor: Visitor): Promise<string[]> {
    if (visitor.kind === 'anonymous') return [];
    if (visitor.kind === 'professional') {
      return [...new Set(visitor.principal.memberships.map((m) => m.organisationId).filter((o): o is string => !!o))];
    }
    const ids = new Set<string>();
    for (const tenantId of visitor.tenantIds) {
      for (const id of await inTenant(visitor, tenantId, (ctx) => service.networkOrganisationIds(ctx), true)) ids.add(id);
    }
    return [...ids];
  }

  async function saveOption(visitor: Visitor, value: string, errors: FieldError[]): Promise<SaveOption> {
    if (visitor.kind === 'anonymous') return { kind: 'anonymous' } as const;
    if (visitor.kind === 'professional') return { kind: 'professional' } as const;
    const relationships: { id: string; caredForName: string }[] = [];
    for (const tenantId of visitor.tenantIds) {
      const own = await inTenant(visitor, tenantId, (ctx) => service.ownRelationships(ctx, visitor.principal.accountId), true);
      relationships.push(...own.filter((r) => !r.ended));
    }
    if (relationships.length === 0) return { kind: 'noRelationship' } as const;
    return { kind: 'choose', relationships, value, errors } as const;
  }

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    html(reply, <InstrumentNotFoundPage ctx={buildPageContext(request, reply)} />, 404);

  // ---- pages -------------------------------------------------------------------------------
  app.get(BALANCE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const visitor = await visitorOf(request);
    const organisationIds = await organisationIdsOf(visitor);
    const entries = await publicRead((ctx) => service.listInstruments(ctx, { organisationIds }));
    return html(reply, <InstrumentListPage ctx={buildPageContext(request, reply)} entries={entries} />);
  });

  app.get(
    `${BALANCE_PATH}/:key`,
    { schema: { hide: true, params: keyParams, querystring: z.object({ versie: z.string().max(20).optional().catch(undefined) }) } },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      const organisationIds = await organisationIdsOf(visitor);
      const entry = await publicRead((ctx) => service.offeredInstrument(ctx, request.params.key, request.query.versie, organisationIds));
      if (!entry) return notFound(request, reply);
      const ctx = buildPageContext(request, reply);
      return html(reply, <CheckFormPage ctx={ctx} definition={entry.definition} values={{}} errors={[]} />);
    },
  );

  // Scoring stores nothing: the result is shown in the answer to the post.
  app.post(`${BALANCE_PATH}/:key`, { schema: { hide: true, params: keyParams } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const visitor = await visitorOf(request);
    const organisationIds = await organisationIdsOf(visitor);
    const version = text(body.versie, 20) || undefined;
    const entry = await publicRead((ctx) => service.offeredInstrument(ctx, request.params.key, version, organisationIds));
    if (!entry) return notFound(request, reply);
    const ctx = buildPageContext(request, reply);
    const answers = postedAnswers(body);
    const checked = service.scoreWith(entry, answers);
    if (!checked.ok) {
      const errors = answerErrors(entry.definition, [...checked.unanswered, ...checked.invalid], ctx.locale);
      return html(reply, <CheckFormPage ctx={ctx} definition={entry.definition} values={answers} errors={errors} />, 400);
    }
    const save = await saveOption(visitor, '', []);
    return html(
      reply.header('cache-control', 'no-store'),
      <ResultPage ctx={ctx} definition={entry.definition} score={checked.score} answers={checked.answers} save={save} />,
    );
  });

  app.post(
    `${BALANCE_PATH}/:key/bewaren`,
    { config: { access: 'signedIn' }, schema: { hide: true, params: keyParams } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const visitor = await visitorOf(request);
      const ctx = buildPageContext(request, reply);
      const organisationIds = await organisationIdsOf(visitor);
      const version = text(body.versie, 20) || undefined;
      const entry = await publicRead((c) => service.offeredInstrument(c, request.params.key, version, organisationIds));
      if (!entry) return notFound(request, reply);
      const answers = postedAnswers(body);
      const checked = service.scoreWith(entry, answers);
      if (!checked.ok) {
        const errors = answerErrors(entry.definition, [...checked.unanswered, ...checked.invalid], ctx.locale);
        return html(reply, <CheckFormPage ctx={ctx} definition={entry.definition} values={answers} errors={errors} />, 400);
      }
      const relationshipId = text(body.relatie, 40);
      if (visitor.kind !== 'resident') {
        return html(
          reply,
          <ResultPage
            ctx={ctx}
            definition={entry.definition}
            score={checked.score}
            answers={checked.answers}
            save={{ kind: 'professional' }}
          />,
          403,
        );
      }
      if (!z.uuid().safeParse(relationshipId).success) {
        const m = balanceMessages[ctx.locale];
        const save = await saveOption(visitor, '', [{ field: 'relatie', message: m.saveWhoError }]);
        return html(
          reply,
          <ResultPage ctx={ctx} definition={entry.definition} score={checked.score} answers={checked.answers} save={save} />,
          400,
        );
      }
      for (const tenantId of visitor.tenantIds) {
        const saved = await inTenant(visitor, tenantId, async (c) => {
          if (!(await service.ownRelationship(c, visitor.principal.accountId, relationshipId))) return false;
          await service.recordBalanceCheck(c, {
            personId: visitor.principal.accountId,
            careRelationshipId: relationshipId,
            instrumentKey: entry.definition.key,
            instrumentVersion: entry.definition.version,
            answers: checked.answers,
            recordedBy: visitor.principal.accountId,
          });
          return true;
        });
        if (saved) return reply.redirect(`${MY_BALANCE_PATH}?bewaard=ja`, 303);
      }
      // Not one of this person's care relationships: nothing is stored, and nothing is said about it.
      return notFound(request, reply);
    },
  );

  app.get(
    MY_BALANCE_PATH,
    {
      config: { access: 'signedIn' },
      schema: { hide: true, querystring: z.object({ bewaard: z.literal('ja').optional().catch(undefined) }) },
    },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const visitor = await visitorOf(request);
      const ctx: PageContext = buildPageContext(request, reply);
      const groups: BalanceGroup[] = [];
      if (visitor.kind !== 'anonymous') {
        const personId = visitor.principal.accountId;
        for (const tenantId of visitor.tenantIds) {
          await inTenant(visitor, tenantId, async (c) => {
            const relationships = await service.ownRelationships(c, personId);
            const results = await service.listResults(c, { personId });
            await service.logOwnRead(c, personId);
            for (const r of relationships) {
              groups.push({
                relationshipId: r.id,
                caredForName: r.caredForName,
                ended: r.ended,
                results: results.filter((x) => x.careRelationshipId === r.id),
              });
            }
            const loose = results.filter((x) => x.careRelationshipId === null || !relationships.some((r) => r.id === x.careRelationshipId));
            if (loose.length > 0) groups.push({ relationshipId: null, caredForName: null, ended: false, results: loose });
          });
        }
      }
      reply.header('cache-control', 'no-store');
      return html(
        reply,
        <MyBalancePage ctx={ctx} groups={groups} saved={request.query.bewaard === 'ja'} registered={visitor.tenantIds.length > 0} />,
      );
    },
  );

  // ---- API ---------------------------------------------------------------------------------
  const tags = ['Balance check'];

  app.get(
    `${API_PREFIX}/instruments`,
    {
      schema: {
        summary: 'List the burden instruments',
        description:
          'The validated burden instruments on offer: EDIZ and CSI, those loaded for everyone and, with `municipality`, those loaded by organisations in that municipality’s network. One entry per key, its highest version.',
        operationId: 'listInstruments',
        tags,
        querystring: z.object({
          municipality: z
            .string()
            .regex(/^GM\d{4}$/)
            .optional()
            .describe('CBS code of a municipality: also its network organisations’ instruments.'),
        }),
        response: { 200: instrumentListSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      let organisationIds: string[] = [];
      const code = request.query.municipality;
      if (code) {
        const municipality = await publicRead((ctx) => organisations.findMunicipalityByCode(ctx, code));
        if (!municipality?.active) throw new HttpProblem(404, `There is no Naaste network in ${code}.`);
        organisationIds = await inContext(app.db, { tenantId: municipality.id, actor: anonymous, readOnly: true }, (ctx) =>
          service.networkOrganisationIds(ctx),
        );
      }
      const entries = await publicRead((ctx) => service.listInstruments(ctx, { organisationIds }));
      return { items: entries.map(toSummary) };
    },
  );

  app.get(
    `${API_PREFIX}/instruments/:key`,
    {
      schema: {
        summary: 'Get one burden instrument',
        description:
          'One instrument with its full definition: the items in the language they were validated in, the answer options with their points, the scoring rule, the bands with explanations, the threshold (only when the instrument has one) and the source to show.',
        operationId: 'getInstrument',
        tags,
        params: z.object({ key: instrumentKeySchema }),
        querystring: z.object({ version: instrumentVersionSchema.optional() }),
        response: { 200: instrumentResourceSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const entry = await publicRead((ctx) => service.getInstrument(ctx, request.params.key, request.query.version));
      if (!entry)
        throw new HttpProblem(
          404,
          `There is no instrument ${request.params.key}${request.query.version ? ` version ${request.query.version}` : ''}.`,
        );
      const { min, max } = scoreRange(entry.definition);
      return {
        key: entry.definition.key,
        version: entry.definition.version,
        organisationId: entry.organisationId,
        minScore: min,
        maxScore: max,
        definition: entry.definition,
      };
    },
  );

  app.post(
    `${API_PREFIX}/balance-checks/score`,
    {
      // Stores and changes nothing, and reads no session: a cross-site post can do no harm here.
      config: { csrf: false },
      schema: {
        summary: 'Score a filled-in questionnaire',
        description:
          'Scores the answers to one instrument exactly by its definition and returns the score, the band with its plain explanation and whether the instrument’s own threshold was reached. Nothing is stored. A 400 lists every unanswered item (`answers.q3`).',
        operationId: 'scoreBalanceCheck',
        tags,
        body: scoreRequestSchema,
        response: { 200: scoreResourceSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { instrumentKey, instrumentVersion, answers } = request.body;
      const entry = await publicRead((ctx) => service.getInstrument(ctx, instrumentKey, instrumentVersion));
      if (!entry)
        throw new HttpProblem(404, `There is no instrument ${instrumentKey}${instrumentVersion ? ` version ${instrumentVersion}` : ''}.`);
      const checked = service.scoreWith(entry, answers);
      if (!checked.ok) {
        throw new HttpProblem(400, 'Every item needs one of its answers; see invalidParams.', {
          invalidParams: [
            ...checked.unanswered.map((key) => ({ name: `body.answers.${key}`, code: 'required', reason: 'Not answered.' })),
            ...checked.invalid.map((key) => ({
              name: `body.answers.${key}`,
              code: 'invalid_value',
              reason: 'Not one of the answers of this item.',
            })),
          ],
        });
      }
      const d = entry.definition;
      const s = checked.score;
      return {
        instrumentKey: d.key,
        instrumentVersion: d.version,
        score: s.score,
        minScore: s.minScore,
        maxScore: s.maxScore,
        band: { code: s.band.code, label: s.band.label, explanation: s.band.explanation },
        aboveThreshold: s.aboveThreshold,
        threshold: d.threshold?.score ?? null,
        citation: d.source.citation,
      };
    },
  );

  app.get(
    `${API_PREFIX}/me/balance-checks`,
    {
      config: { access: 'signedIn' },
      schema: {
        summary: 'List my balance-check results',
        description:
          'The balance-check results the signed-in person kept, over all their municipalities, oldest first, each with the instrument key and version that produced it. Reading them is logged. 401 without a session.',
        operationId: 'listMyBalanceChecks',
        tags,
        security: [{ session: [] }],
        response: { 200: resultListSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      requireSession(request);
      const visitor = await visitorOf(request);
      const items = [];
      if (visitor.kind !== 'anonymous') {
        for (const tenantId of visitor.tenantIds) {
          const results = await inTenant(visitor, tenantId, async (c) => {
            const list = await service.listResults(c, { personId: visitor.principal.accountId });
            await service.logOwnRead(c, visitor.principal.accountId);
            return list;
          });
          items.push(...results.map(toResultResource));
        }
      }
      items.sort((a, b) => (a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : 0));
      reply.header('cache-control', 'no-store');
      return { items };
    },
  );
}
