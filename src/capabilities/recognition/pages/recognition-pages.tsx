import { ErrorSummary, type FieldError, Heading1, Paragraph } from '../../../ui/components.tsx';
import { CheckboxGroup, Form, RadioGroup, SubmitButton } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import {
  AGES,
  COMBINES,
  COPING,
  FOR_WHOM,
  HOURS,
  type RecognitionValues,
  SINCE,
  type StepKind,
  TASKS,
  type Variant,
} from '../recognition.advice.ts';
import { formMessages, recognitionMessages } from '../recognition.messages.ts';

export const START_PATH = '/zorgt-u-voor-iemand';

export type MunicipalityChoice = { slug: string; name: string };

const voiceOf = (variant: string) => (variant === 'jong' ? 'je' : 'u');

function variantTexts(ctx: PageContext, variant: Variant | null): { title: string; lead: string; more: string } {
  const m = recognitionMessages[ctx.locale];
  if (variant === 'jong') return { title: m.jongTitle, lead: m.jongLead, more: m.jongMore };
  if (variant === 'werk') return { title: m.werkTitle, lead: m.werkLead, more: m.werkMore };
  if (variant === 'kind') return { title: m.kindTitle, lead: m.kindLead, more: m.kindMore };
  if (variant === 'ouder') return { title: m.ouderTitle, lead: m.ouderLead, more: m.ouderMore };
  return { title: m.title, lead: m.lead, more: m.doing };
}

/** A select of the municipalities with a Naaste network; optional. */
function MunicipalitySelect({
  ctx,
  value,
  municipalities,
  voice,
}: {
  ctx: PageContext;
  value: string;
  municipalities: MunicipalityChoice[];
  voice: 'u' | 'je';
}) {
  const f = formMessages[voice][ctx.locale];
  return (
    <div class="utrecht-form-field naaste-field">
      <label class="utrecht-form-label" for="municipality">
        {f.municipality}
        <span class="naaste-muted"> ({f.optional})</span>
      </label>
      <p class="utrecht-form-field-description naaste-hint" id="municipality-hint">
        {f.municipalityHint}
      </p>
      <select class="utrecht-select" id="municipality" name="municipality" aria-describedby="municipality-hint">
        <option value="">{f.municipalityNone}</option>
        {municipalities.map((m) => (
          <option key={m.slug} value={m.slug} selected={value === m.slug}>
            {m.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RecognitionPage({
  ctx,
  variant,
  values,
  errors,
  municipalities,
}: {
  ctx: PageContext;
  variant: Variant | null;
  values: RecognitionValues;
  errors: FieldError[];
  municipalities: MunicipalityChoice[];
}) {
  const m = recognitionMessages[ctx.locale];
  const voice = voiceOf(values.variant);
  const f = formMessages[voice][ctx.locale];
  const texts = variantTexts(ctx, variant);
  const options = <T extends string>(list: readonly T[], prefix: string) =>
    list.map((value) => ({ value, label: (f as Record<string, string>)[`${prefix}_${value}`] ?? value }));
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${f.errorTitlePrefix}: ${texts.title}` : texts.title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{texts.title}</Heading1>
      <Paragraph lead>{texts.lead}</Paragraph>
      <Paragraph>{texts.more}</Paragraph>
      {variant === null ? (
        <nav aria-labelledby="herkent-u">
          <h2 class="utrecht-heading-2" id="herkent-u">
            {m.variantsTitle}
          </h2>
          <ul class="utrecht-unordered-list">
            <li>
              <a class="utrecht-link" href={`${START_PATH}/jong`}>
                {m.variantJong}
              </a>
            </li>
            <li>
              <a class="utrecht-link" href={`${START_PATH}/werk`}>
                {m.variantWerk}
              </a>
            </li>
            <li>
              <a class="utrecht-link" href={`${START_PATH}/kind`}>
                {m.variantKind}
              </a>
            </li>
            <li>
              <a class="utrecht-link" href={`${START_PATH}/ouder`}>
                {m.variantOuder}
              </a>
            </li>
          </ul>
        </nav>
      ) : null}
      <section aria-labelledby="vragen">
        <h2 class="utrecht-heading-2" id="vragen">
          {m.checkTitle}
        </h2>
        <Paragraph>{m.checkIntro}</Paragraph>
        <Form ctx={ctx} action={START_PATH}>
          <input type="hidden" name="variant" value={values.variant} />
          <RadioGroup
            name="forWhom"
            label={f.forWhom}
            hint={f.forWhomHint}
            value={values.forWhom}
            errors={errors}
            required
            options={options(FOR_WHOM, 'forWhom')}
          />
          <CheckboxGroup
            name="tasks"
            label={f.tasks}
            hint={f.tasksHint}
            values={values.tasks}
            errors={errors}
            required
            options={options(TASKS, 'tasks')}
          />
          <RadioGroup name="hours" label={f.hours} value={values.hours} errors={errors} required options={options(HOURS, 'hours')} />
          <RadioGroup name="since" label={f.since} value={values.since} errors={errors} required options={options(SINCE, 'since')} />
          <CheckboxGroup
            name="combines"
            label={`${f.combines} (${f.optional})`}
            hint={f.combinesHint}
            values={values.combines}
            errors={errors}
            options={options(COMBINES, 'combines')}
          />
          <RadioGroup
            name="coping"
            label={`${f.coping} (${f.optional})`}
            value={values.coping}
            errors={errors}
            options={options(COPING, 'coping')}
          />
          <RadioGroup name="age" label={`${f.age} (${f.optional})`} value={values.age} errors={errors} options={options(AGES, 'age')} />
          {municipalities.length > 0 ? (
            <MunicipalitySelect ctx={ctx} value={values.municipality} municipalities={municipalities} voice={voice} />
          ) : null}
          <SubmitButton>{f.submit}</SubmitButton>
        </Form>
      </section>
      <div class="naaste-note">
        <Paragraph>{m.urgent}</Paragraph>
      </div>
    </Layout>
  );
}

function stepLink(step: StepKind, municipality: MunicipalityChoice | null): string {
  const town = municipality ? `/gemeenten/${municipality.slug}` : '/gemeenten';
  if (step === 'balanceCheck') return '/balanscheck';
  if (step === 'supportCentre' || step === 'information') return town;
  return '/sociale-kaart';
}

export function NextStepsPage({
  ctx,
  steps,
  municipality,
  variant,
}: {
  ctx: PageContext;
  steps: StepKind[];
  municipality: MunicipalityChoice | null;
  variant: string;
}) {
  const m = recognitionMessages[ctx.locale] as Record<string, string> & (typeof recognitionMessages)['nl'];
  return (
    <Layout ctx={ctx} title={m.resultTitle}>
      <Heading1>{m.resultTitle}</Heading1>
      <Paragraph lead>{m.resultLead}</Paragraph>
      <ol class="naaste-next-steps">
        {steps.map((step) => (
          <li key={step} class="naaste-next-step" id={`stap-${step}`}>
            <h2 class="utrecht-heading-2">{m[`step_${step}_title`]}</h2>
            <Paragraph>{m[`step_${step}_text`]}</Paragraph>
            <Paragraph>
              <a class="utrecht-link" href={stepLink(step, municipality)}>
                {m[`step_${step}_link`]}
                {(step === 'supportCentre' || step === 'information') && municipality ? `: ${municipality.name}` : ''}
              </a>
            </Paragraph>
          </li>
        ))}
      </ol>
      <div class="naaste-note">
        <Paragraph>{m.resultWord}</Paragraph>
        <Paragraph>{m.nothingStored}</Paragraph>
      </div>
      <h2 class="utrecht-heading-2">{m.registerTitle}</h2>
      <Paragraph>{m.register}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href="/inloggen">
          {m.registerLink}
        </a>
      </Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={variant ? `${START_PATH}/${variant}` : START_PATH}>
          {m.again}
        </a>
      </Paragraph>
      <Paragraph>{m.urgent}</Paragraph>
    </Layout>
  );
}
