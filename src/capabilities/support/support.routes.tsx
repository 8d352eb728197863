import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/db/context.ts';
import { format } from '../../platform/i18n/i18n.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext, type PageContext } from '../../ui/page-context.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import { CasePage } from './pages/case-page.tsx';
import { type CaseloadQuery, CaseloadPage } from './pages/caseload-page.tsx';
import {
  ActionPage,
  AgreementPage,
  ClosePage,
  ConfirmClosePage,
  EvaluationPage,
  FollowUpPage,
  GoalPage,
  IntakePage,
  NotePage,
  ReassignPage,
  SituationPage,
  type Values,
} from './pages/form-pages.tsx';
import { supportApiRoutes } from './support.api.ts';
import { asConsultant, field, html } from './support.http.ts';
import { supportMessages } from './support.messages.ts';
import { BURDEN_LEVELS, type CaseHeader, CASELOAD_ASSIGNED, CASELOAD_DUE, CASELOAD_SORTS, CASELOAD_STATUS } from './support.schemas.ts';
import * as service from './support.service.ts';
import { remeasureRoutes } from './support.remeasure.tsx';

export const WORKSPACE = '/werkplek';
const caseParams = z.object({ caseId: z.uuid() });
const caseloadQuery = z.object({
  q: z.string().max(100).optional(),
  status: z.enum(CASELOAD_STATUS).default('open'),
  burden: z.enum(BURDEN_LEVELS).or(z.literal('')).default(''),
  due: z.enum(CASELOAD_DUE).or(z.literal('')).default(''),
  assigned: z.enum(CASELOAD_ASSIGNED).default('all'),
  sort: z.enum(CASELOAD_SORTS).default('next'),
  org: z.uuid().or(z.literal('')).default(''),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
const NOTICES = [
  'opgepakt',
  'overgedragen',
  'intake',
  'doel',
  'actie',
  'notitie',
  'vervolg',
  'afgesloten',
  'heropend',
  'situatie',
  'afspraak',
  'beoordeling',
  'meting',
  'bewaard',
] as const;
type NoticeKey = (typeof NOTICES)[number];
const caseQuery = z.object({ klaar: z.enum(NOTICES).optional() });

type FieldKind = 'text' | 'date' | 'futureDate' | 'choice';

/** The service's problems in the page's words, in the order of the form's fields. */
export function fieldErrors(ctx: PageContext, problems: service.Problem[], fields: [string, FieldKind, string][]): FieldError[] {
  const m = supportMessages[ctx.locale];
  const order = fields.map(([name]) => name);
  return problems
    .map((p) => {
      const [, kind, label] = fields.find(([name]) => name === p.field) ?? [p.field, 'text', p.field];
      let template = m.errorRequired;
      if (p.field === 'consultantId') template = m.errorColleague;
      else if (p.code === 'tooLong') template = m.errorTooLong;
      else if (kind === 'choice') template = m.errorChoose;
      else if (kind === 'date' && p.code === 'invalid') template = m.errorDate;
      else if (kind === 'futureDate' && p.code === 'invalid') template = m.errorFutureDate;
      return { field: p.field, message: format(template, { field: label }) };
    })
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

function noticeText(ctx: PageContext, key: NoticeKey | undefined): string | undefined {
  if (!key) return undefined;
  const m = supportMessages[ctx.locale];
  const texts: Record<NoticeKey, string> = {
    opgepakt: m.noticeTaken,
    overgedragen: m.noticeReassigned,
    intake: m.noticeIntake,
    doel: m.noticeGoal,
    actie: m.noticeAction,
    notitie: m.noticeNote,
    vervolg: m.noticeFollowUp,
    afgesloten: m.noticeClosed,
    heropend: m.noticeReopened,
    situatie: m.noticeSituation,
    afspraak: m.noticeAgreement,
    beoordeling: m.noticeEvaluation,
    meting: m.noticeMeasured,
    bewaard: m.noticeSaved,
  };
  return texts[key];
}

export const caseUrl = (caseId: string, notice?: NoticeKey, anchor?: string) =>
  `${WORKSPACE}/dossiers/${caseId}${notice ? `?klaar=${notice}` : ''}${anchor ? `#${anchor}` : ''}`;

/** One form about a case: GET shows it (a logged read), POST saves it or shows it again with the errors. */
type CaseForm<Extra> = {
  path: string;
  part: string;
  fields: (m: (typeof supportMessages)['nl']) => [string, FieldKind, string][];
  load?: (ctx: ServiceContext, caseId: string, params: Record<string, string>) => Promise<{ header: CaseHeader; extra: Extra }>;
  initial?: (header: CaseHeader, extra: Extra) => Values;
  render: (p: { ctx: PageContext; header: CaseHeader; values: Values; errors: FieldError[]; extra: Extra }) => VNode;
  save: (
    ctx: ServiceContext,
    caseId: string,
    values: Values,
    params: Record<string, string>,
    m: (typeof supportMessages)['nl'],
  ) => Promise<{ ok: true; id: string } | { ok: false; problems: service.Problem[] }>;
  done: NoticeKey;
  anchor: string;
};

export async function supportRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const run = <T,>(request: FastifyRequest, work: (ctx: ServiceContext) => Promise<T>) => asConsultant(app, request, work);

  app.get(WORKSPACE, { config: { access: 'personalData' }, schema: { hide: true, querystring: caseloadQuery } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const ctx = buildPageContext(request, reply);
    const qy = request.query;
    const result = await run(request, (c) =>
      service.listCaseload(c, {
        organisationId: qy.org || undefined,
        search: qy.q,
        status: qy.status,
        burden: qy.burden || undefined,
        due: qy.due || undefined,
        assigned: qy.assigned,
        sort: qy.sort,
        page: qy.page,
      }),
    );
    const query: CaseloadQuery = {
      q: qy.q ?? '',
      status: qy.status,
      burden: qy.burden,
      due: qy.due,
      assigned: qy.assigned,
      sort: qy.sort,
      org: qy.org,
    };
    return html(reply, <CaseloadPage ctx={ctx} result={result} query={query} today={service.amsterdamDate()} />);
  });

  app.get(
    `${WORKSPACE}/dossiers/:caseId`,
    { config: { access: 'personalData' }, schema: { hide: true, params: caseParams, querystring: caseQuery } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const file = await run(request, (c) => service.caseFile(c, request.params.caseId));
      return html(reply, <CasePage ctx={ctx} file={file} notice={noticeText(ctx, request.query.klaar)} today={service.amsterdamDate()} />);
    },
  );

  // ---- small changes from buttons on the case page ------------------------------------------------
  const button = (
    path: string,
    params: z.ZodObject,
    work: (ctx: ServiceContext, p: Record<string, string>, body: unknown) => Promise<void>,
    notice: NoticeKey,
    anchor?: string,
  ) =>
    app.post(
      `${WORKSPACE}/dossiers/:caseId${path}`,
      { config: { access: 'personalData' }, schema: { hide: true, params } },
      async (request, reply) => {
        if (!pageSession(request, reply)) return reply;
        const p = request.params as Record<string, string>;
        await run(request, (c) => work(c, p, request.body));
        return reply.redirect(caseUrl(p.caseId as string, notice, anchor), 303);
      },
    );

  const withId = (name: string) => caseParams.extend({ [name]: z.uuid() });
  const id = (p: Record<string, string>, name: string) => p[name] as string;
  button('/oppakken', caseParams, (c, p) => service.takeCase(c, id(p, 'caseId')), 'opgepakt');
  button('/heropenen', caseParams, (c, p) => service.reopenCase(c, id(p, 'caseId')), 'heropend', 'afsluiten');
  button(
    '/doelen/:goalId',
    withId('goalId'),
    (c, p, body) => service.changeGoalStatus(c, id(p, 'caseId'), id(p, 'goalId'), field(body, 'status', 20)),
    'bewaard',
    'plan',
  );
  button(
    '/acties/:actionId/klaar',
    withId('actionId'),
    (c, p) => service.setActionDone(c, id(p, 'caseId'), id(p, 'actionId'), true),
    'bewaard',
    'plan',
  );
  button(
    '/acties/:actionId/niet-klaar',
    withId('actionId'),
    (c, p) => service.setActionDone(c, id(p, 'caseId'), id(p, 'actionId'), false),
    'bewaard',
    'plan',
  );
  button(
    '/vervolg/:followUpId/klaar',
    withId('followUpId'),
    (c, p) => service.completeFollowUp(c, id(p, 'caseId'), id(p, 'followUpId')),
    'bewaard',
    'vervolg',
  );
  button(
    '/signalen/:signalId/gezien',
    withId('signalId'),
    (c, p) => service.markSignalSeen(c, id(p, 'caseId'), id(p, 'signalId')),
    'bewaard',
  );
  button(
    '/situaties/:changeId/afgehandeld',
    withId('changeId'),
    (c, p) => service.markSituationHandled(c, id(p, 'caseId'), id(p, 'changeId')),
    'bewaard',
    'situatie',
  );

  // ---- forms about a case -------------------------------------------------------------------------
  const form = <Extra,>(f: CaseForm<Extra>, params: z.ZodObject = caseParams) => {
    const url = `${WORKSPACE}/dossiers/:caseId${f.path}`;
    const load = (c: ServiceContext, p: Record<string, string>) =>
      f.load
        ? f.load(c, id(p, 'caseId'), p)
        : service.openCase(c, id(p, 'caseId'), f.part).then((header) => ({ header, extra: undefined as Extra }));
    app.get(url, { config: { access: 'personalData' }, schema: { hide: true, params } }, async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const p = request.params as Record<string, string>;
      const { header, extra } = await run(request, (c) => load(c, p));
      return html(reply, f.render({ ctx, header, values: f.initial?.(header, extra) ?? {}, errors: [], extra }));
    });
    app.post(url, { config: { access: 'personalData' }, schema: { hide: true, params } }, async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const ctx = buildPageContext(request, reply);
      const m = supportMessages[ctx.locale];
      const p = request.params as Record<string, string>;
      const fields = f.fields(m);
      const values: Values = Object.fromEntries(fields.map(([name]) => [name, field(request.body, name)]));
      for (const extraField of ['bevestigd']) values[extraField] = field(request.body, extraField, 10);
      const result = await run(request, (c) => f.save(c, id(p, 'caseId'), values, p, m));
      if (result.ok) return reply.redirect(caseUrl(id(p, 'caseId'), f.done, f.anchor), 303);
      if (result.problems.length === 0) {
        // Nothing wrong, but not done yet: the confirmation step of closing.
        const { header, extra } = await run(request, (c) => load(c, p));
        return html(reply, f.render({ ctx, header, values, errors: [], extra }));
      }
      const { header, extra } = await run(request, (c) => load(c, p));
      return html(reply, f.render({ ctx, header, values, errors: fieldErrors(ctx, result.problems, fields), extra }), 400);
    });
  };

  form({
    path: '/intake',
    part: 'supportCase.intake',
    fields: (m) => [
      ['intakeOn', 'date', m.intakeOn],
      ['situation', 'text', m.situation],
      ['wishes', 'text', m.wishes],
      ['possibilities', 'text', m.possibilities],
      ['limits', 'text', m.limits],
    ],
    initial: (h) => ({
      intakeOn: h.intakeOn ?? service.amsterdamDate(),
      situation: h.situation ?? '',
      wishes: h.wishes ?? '',
      possibilities: h.possibilities ?? '',
      limits: h.limits ?? '',
    }),
    render: (p) => <IntakePage {...p} />,
    save: (c, caseId, v) =>
      service.saveIntake(c, caseId, {
        situation: v.situation ?? '',
        wishes: v.wishes ?? '',
        possibilities: v.possibilities ?? '',
        limits: v.limits ?? '',
        intakeOn: v.intakeOn ?? '',
      }),
    done: 'intake',
    anchor: 'kennismaking',
  });

  form({
    path: '/doelen',
    part: 'supportPlan.goals',
    fields: (m) => [
      ['form', 'choice', m.goalForm],
      ['goal', 'text', m.goalText],
    ],
    render: (p) => <GoalPage {...p} />,
    save: (c, caseId, v) => service.addGoal(c, caseId, { form: v.form ?? '', goal: v.goal ?? '' }),
    done: 'doel',
    anchor: 'plan',
  });

  form({
    path: '/acties',
    part: 'supportPlan.actions',
    fields: (m) => [
      ['description', 'text', m.actionDescription],
      ['who', 'choice', m.actionWho],
      ['whoName', 'text', m.actionWhoName],
      ['dueOn', 'date', m.actionDueOn],
      ['goalId', 'choice', m.actionGoal],
    ],
    load: async (c, caseId) => {
      const header = await service.openCase(c, caseId, 'supportPlan.actions');
      return { header, extra: await service.goalsOf(c, header) };
    },
    render: (p) => <ActionPage {...p} goals={p.extra} />,
    save: (c, caseId, v) =>
      service.addAction(c, caseId, {
        description: v.description ?? '',
        who: v.who ?? '',
        whoName: v.whoName ?? '',
        dueOn: v.dueOn ?? '',
        goalId: v.goalId ?? '',
      }),
    done: 'actie',
    anchor: 'plan',
  });

  form({
    path: '/notities',
    part: 'caseNotes',
    fields: (m) => [
      ['body', 'text', m.noteBody],
      ['visibility', 'choice', m.noteVisibility],
    ],
    initial: () => ({ visibility: 'team' }),
    render: (p) => <NotePage {...p} />,
    save: (c, caseId, v) => service.addNote(c, caseId, { visibility: v.visibility ?? '', body: v.body ?? '' }),
    done: 'notitie',
    anchor: 'notities',
  });

  form({
    path: '/vervolg',
    part: 'supportPlan.followUps',
    fields: (m) => [
      ['dueOn', 'futureDate', m.followUpDueOn],
      ['purpose', 'text', m.followUpPurpose],
    ],
    render: (p) => <FollowUpPage {...p} />,
    save: (c, caseId, v) => service.addFollowUp(c, caseId, { dueOn: v.dueOn ?? '', purpose: v.purpose ?? '' }),
    done: 'vervolg',
    anchor: 'vervolg',
  });

  form({
    path: '/situatie',
    part: 'careRelationship.situationChanges',
    fields: (m) => [
      ['kind', 'choice', m.situationKind],
      ['description', 'text', m.situationDescription],
    ],
    render: (p) => <SituationPage {...p} />,
    save: (c, caseId, v, _p, m) =>
      service.reportSituationChange(c, caseId, { kind: v.kind ?? '', description: v.description ?? '' }, m.newLookPurpose),
    done: 'situatie',
    anchor: 'situatie',
  });

  form({
    path: '/afspraken',
    part: 'kitchenTable.agreements',
    fields: (m) => [
      ['who', 'choice', m.agreementWho],
      ['whoName', 'text', m.agreementWhoName],
      ['contribution', 'text', m.agreementContribution],
    ],
    render: (p) => <AgreementPage {...p} />,
    save: (c, caseId, v) =>
      service.addAgreement(c, caseId, { who: v.who ?? '', whoName: v.whoName ?? '', contribution: v.contribution ?? '' }),
    done: 'afspraak',
    anchor: 'keukentafel',
  });

  form(
    {
      path: '/afspraken/:agreementId',
      part: 'kitchenTable.agreements',
      fields: (m) => [
        ['evaluation', 'choice', m.evaluation],
        ['evaluationNote', 'text', m.evaluationNote],
      ],
      load: async (c, caseId, p) => {
        const { header, agreement } = await service.agreementFor(c, caseId, id(p, 'agreementId'));
        return { header, extra: agreement };
      },
      initial: (_h, a) => ({ evaluation: a.evaluation ?? '', evaluationNote: a.evaluationNote ?? '' }),
      render: (p) => <EvaluationPage {...p} agreement={p.extra} />,
      save: (c, caseId, v, p) =>
        service.evaluateAgreement(c, caseId, id(p, 'agreementId'), {
          evaluation: v.evaluation ?? '',
          evaluationNote: v.evaluationNote ?? '',
        }),
      done: 'beoordeling',
      anchor: 'keukentafel',
    },
    withId('agreementId'),
  );

  form({
    path: '/overdragen',
    part: 'supportCase.consultant',
    fields: (m) => [['consultantId', 'choice', m.reassignTo]],
    load: async (c, caseId) => {
      const { header, colleagues } = await service.colleaguesFor(c, caseId);
      return { header, extra: colleagues };
    },
    render: (p) => <ReassignPage {...p} colleagues={p.extra} />,
    save: (c, caseId, v) => service.reassign(c, caseId, { consultantId: v.consultantId ?? '' }),
    done: 'overgedragen',
    anchor: '',
  });

  form({
    path: '/afsluiten',
    part: 'supportCase.outcome',
    fields: (m) => [
      ['outcome', 'choice', m.outcome],
      ['outcomeNote', 'text', m.outcomeNote],
    ],
    render: (p) =>
      p.values.bevestigd === 'nog' ? (
        <ConfirmClosePage ctx={p.ctx} header={p.header} outcome={p.values.outcome as never} outcomeNote={p.values.outcomeNote ?? ''} />
      ) : (
        <ClosePage {...p} />
      ),
    save: async (c, caseId, v) => {
      const input = { outcome: v.outcome ?? '', outcomeNote: v.outcomeNote ?? '' };
      const { problems } = service.checkClose(input);
      if (problems.length > 0) return { ok: false, problems };
      // First the confirmation step; only a confirmed form closes the case.
      if (v.bevestigd !== 'ja') {
        v.bevestigd = 'nog';
        return { ok: false, problems: [] };
      }
      return service.closeCase(c, caseId, input);
    },
    done: 'afgesloten',
    anchor: 'afsluiten',
  });

  await remeasureRoutes(app);
  await supportApiRoutes(app);
}
