import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymous, inContext } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import * as organisations from '../organisations/organisations.service.ts';
import {
  emptyValues,
  invalidFields,
  nextSteps,
  type RecognitionValues,
  recognitionSchema,
  VARIANTS,
  type Variant,
} from './recognition.advice.ts';
import { formMessages } from './recognition.messages.ts';
import { type MunicipalityChoice, NextStepsPage, RecognitionPage, START_PATH } from './pages/recognition-pages.tsx';

/** At most this many networks in the select; beyond it the person finds their municipality on /gemeenten. */
const MAX_MUNICIPALITIES = 400;

const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => text(v, 40)).slice(0, 20);

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}

/** Entry in plain words (F1): "Zorgt u voor iemand?" and the recognition check. Public, and nothing is stored. */
export async function recognitionRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  const municipalities = async (): Promise<MunicipalityChoice[]> => {
    const page = await inContext(app.db, { tenantId: null, actor: anonymous, readOnly: true }, (ctx) =>
      organisations.listMunicipalities(ctx, { active: true, page: 1, pageSize: MAX_MUNICIPALITIES }),
    );
    return page.items.map((m) => ({ slug: m.slug, name: m.name }));
  };

  const show = async (request: Parameters<typeof buildPageContext>[0], reply: FastifyReply, variant: Variant | null) => {
    const ctx = buildPageContext(request, reply);
    return html(
      reply,
      <RecognitionPage
        ctx={ctx}
        variant={variant}
        values={emptyValues(variant ?? '')}
        errors={[]}
        municipalities={await municipalities()}
      />,
    );
  };

  app.get(START_PATH, { schema: { hide: true } }, async (request, reply) => show(request, reply, null));

  app.get(
    `${START_PATH}/:variant`,
    { schema: { hide: true, params: z.object({ variant: z.string().max(40) }) } },
    async (request, reply) => {
      const variant = VARIANTS.find((v) => v === request.params.variant);
      if (!variant) throw new HttpProblem(404, 'There is no such page.');
      return show(request, reply, variant);
    },
  );

  // The answers come back in the answer to the post (never in an address): nothing is kept.
  app.post(START_PATH, { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values: RecognitionValues = {
      forWhom: text(body.forWhom, 40),
      tasks: list(body.tasks),
      hours: text(body.hours, 40),
      since: text(body.since, 40),
      combines: list(body.combines),
      coping: text(body.coping, 40),
      age: text(body.age, 40),
      municipality: text(body.municipality, 80),
      variant: text(body.variant, 20),
    };
    const ctx = buildPageContext(request, reply);
    const variant = (VARIANTS as readonly string[]).includes(values.variant) ? (values.variant as Variant) : null;
    const all = await municipalities();
    const invalid = invalidFields(values);
    const chosen = all.find((m) => m.slug === values.municipality) ?? null;
    if (values.municipality !== '' && !chosen && !invalid.includes('municipality')) invalid.push('municipality');
    if (invalid.length > 0) {
      const f = formMessages[values.variant === 'jong' ? 'je' : 'u'][ctx.locale];
      const words: Record<string, string> = { forWhom: f.errorForWhom, tasks: f.errorTasks, hours: f.errorHours, since: f.errorSince };
      const errors: FieldError[] = invalid.map((field) => ({ field, message: words[field] ?? f.errorOther }));
      return html(reply, <RecognitionPage ctx={ctx} variant={variant} values={values} errors={errors} municipalities={all} />, 400);
    }
    const answers = recognitionSchema.parse(values);
    reply.header('cache-control', 'no-store');
    return html(reply, <NextStepsPage ctx={ctx} steps={nextSteps(answers)} municipality={chosen} variant={answers.variant} />);
  });
}
