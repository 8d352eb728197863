import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { format } from '../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Paragraph } from '../../ui/components.tsx';
import { Form, SubmitButton } from '../../ui/forms.tsx';
import { Layout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import type { Answers } from '../balance-check/balance-check.definition.ts';
import type { InstrumentEntry } from '../balance-check/balance-check.service.ts';
import { ItemQuestion } from '../balance-check/pages/balance-check-pages.tsx';
import { buildPageContext } from '../../ui/page-context.ts';
import { asConsultant, field, html } from './support.http.ts';
import { supportMessages } from './support.messages.ts';
import type { CaseHeader } from './support.schemas.ts';
import * as service from './support.service.ts';

const params = z.object({ caseId: z.uuid() });
const query = z.object({ instrument: z.string().max(41).optional() });

const remeasureMessages = {
  nl: {
    title: 'Balans opnieuw meten met {name}',
    lead: 'Vul de vragenlijst samen met de mantelzorger in. Lees de vragen voor zoals ze er staan: de woorden mogen niet veranderen.',
    choose: 'Andere vragenlijst',
    save: 'Bewaar de meting',
    unanswered: 'Kies een antwoord bij vraag {n}',
    none: 'Er is hier geen vragenlijst beschikbaar.',
    source: 'Bron: {citation}',
  },
  en: {
    title: 'Measure the balance again with {name}',
    lead: 'Fill in the questionnaire together with the caregiver. Read the questions out as they are: the words may not change.',
    choose: 'Another questionnaire',
    save: 'Save the measurement',
    unanswered: 'Choose an answer to question {n}',
    none: 'No questionnaire is available here.',
    source: 'Source: {citation}',
  },
} as const;

function RemeasurePage({
  ctx,
  header,
  instruments,
  chosen,
  values,
  errors,
}: {
  ctx: PageContext;
  header: CaseHeader;
  instruments: InstrumentEntry[];
  chosen: InstrumentEntry | null;
  values: Answers;
  errors: FieldError[];
}) {
  const t = remeasureMessages[ctx.locale];
  const m = supportMessages[ctx.locale];
  const base = `/werkplek/dossiers/${header.id}`;
  const title = format(t.title, { name: header.caregiverName });
  const d = chosen?.definition;
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${m.errorTitlePrefix}: ${title}` : title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Paragraph>
        <a class="utrecht-link" href={base}>
          {m.backToCase}
        </a>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{t.lead}</Paragraph>
      {!d ? (
        <Paragraph>{t.none}</Paragraph>
      ) : (
        <>
          <h2 class="utrecht-heading-2">{d.title[ctx.locale]}</h2>
          <Paragraph>{d.description[ctx.locale]}</Paragraph>
          <Form ctx={ctx} action={`${base}/meting`}>
            <input type="hidden" name="instrument" value={d.key} />
            <input type="hidden" name="versie" value={d.version} />
            {d.instruction ? (
              <p class="utrecht-paragraph" lang={d.language}>
                <strong>{d.instruction}</strong>
              </p>
            ) : null}
            {d.items.map((item, index) => (
              <ItemQuestion
                key={item.key}
                definition={d}
                index={index}
                value={values[item.key] ?? ''}
                error={errors.find((e) => e.field === item.key)?.message}
                locale={ctx.locale}
                required={false}
              />
            ))}
            <SubmitButton>{t.save}</SubmitButton>
          </Form>
          <Paragraph>{format(t.source, { citation: d.source.citation })}</Paragraph>
        </>
      )}
      {instruments.length > 1 ? (
        <nav aria-label={t.choose}>
          <h2 class="utrecht-heading-2">{t.choose}</h2>
          <ul class="utrecht-unordered-list">
            {instruments
              .filter((e) => e.definition.key !== d?.key)
              .map((e) => (
                <li key={e.definition.key}>
                  <a class="utrecht-link" href={`${base}/meting?instrument=${encodeURIComponent(e.definition.key)}`}>
                    {e.definition.title[ctx.locale]}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

/** Re-measurement of balance with the caregiver present (R2), on the balance check's instruments. */
export async function remeasureRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const path = '/werkplek/dossiers/:caseId/meting';

  typed.get(path, { config: { access: 'personalData' }, schema: { hide: true, params, querystring: query } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const ctx = buildPageContext(request, reply);
    const form = await asConsultant(app, request, (c) => service.remeasureForm(c, request.params.caseId, request.query.instrument));
    return html(reply, <RemeasurePage ctx={ctx} {...form} values={{}} errors={[]} />);
  });

  typed.post(path, { config: { access: 'personalData' }, schema: { hide: true, params } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const ctx = buildPageContext(request, reply);
    const { caseId } = request.params;
    const instrumentKey = field(request.body, 'instrument', 41);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const answers: Answers = Object.fromEntries(
      Object.entries(body)
        .filter(([k, v]) => /^[a-zA-Z][a-zA-Z0-9]{0,30}$/.test(k) && typeof v === 'string' && !['instrument', 'versie'].includes(k))
        .map(([k, v]) => [k, (v as string).slice(0, 40)]),
    );
    const result = await asConsultant(app, request, (c) =>
      service.remeasure(c, caseId, { instrumentKey, version: field(request.body, 'versie', 20), answers }),
    );
    if (result.ok) return reply.redirect(`/werkplek/dossiers/${caseId}?klaar=meting#balans`, 303);
    const form = await asConsultant(app, request, (c) => service.remeasureForm(c, caseId, instrumentKey));
    const t = remeasureMessages[ctx.locale];
    const errors =
      form.chosen?.definition.items
        .map((item, i) => ({ item, i }))
        .filter(({ item }) => result.unanswered.includes(item.key))
        .map(({ item, i }) => ({ field: item.key, message: format(t.unanswered, { n: i + 1 }) })) ?? [];
    return html(reply, <RemeasurePage ctx={ctx} {...form} values={answers} errors={errors} />, 400);
  });
}
