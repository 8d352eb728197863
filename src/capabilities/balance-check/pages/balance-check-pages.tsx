import { format, type Locale } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Paragraph } from '../../../ui/components.tsx';
import { Form, Notice, RadioGroup, SubmitButton } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { type Answers, type InstrumentDefinition, optionsOf, type Score } from '../balance-check.definition.ts';
import { balanceMessages } from '../balance-check.messages.ts';
import type { BalanceResult, InstrumentEntry } from '../balance-check.service.ts';
import { BalanceChart } from './balance-chart.tsx';

export const BALANCE_PATH = '/balanscheck';
export const MY_BALANCE_PATH = '/mijn-zorg/balans';

const formPath = (d: InstrumentDefinition) => `${BALANCE_PATH}/${d.key}`;

function Source({ definition, locale }: { definition: InstrumentDefinition; locale: Locale }) {
  const m = balanceMessages[locale];
  return (
    <div class="naaste-note naaste-source">
      <Paragraph>
        <strong>{m.sourceLabel}: </strong>
        <cite lang={definition.language}>{definition.source.citation}</cite>
        {definition.source.url ? (
          <>
            {' '}
            <a class="utrecht-link" href={definition.source.url}>
              {definition.source.url}
            </a>
          </>
        ) : null}
      </Paragraph>
      {definition.source.note ? <Paragraph>{definition.source.note[locale]}</Paragraph> : null}
    </div>
  );
}

function LanguageNote({ definition, locale }: { definition: InstrumentDefinition; locale: Locale }) {
  if (definition.language === locale) return null;
  const m = balanceMessages[locale];
  return (
    <div class="naaste-note">
      <Paragraph>{format(m.languageNote, { language: m[`language_${definition.language}`] })}</Paragraph>
    </div>
  );
}

export function InstrumentListPage({ ctx, entries }: { ctx: PageContext; entries: InstrumentEntry[] }) {
  const m = balanceMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.listTitle}>
      <Heading1>{m.listTitle}</Heading1>
      <Paragraph lead>{m.listLead}</Paragraph>
      <Paragraph>{m.listPrivacy}</Paragraph>
      {ctx.signedIn?.kind === 'resident' ? (
        <Paragraph>
          <a class="utrecht-link" href={MY_BALANCE_PATH}>
            {m.myResultsLink}
          </a>
        </Paragraph>
      ) : null}
      <h2 class="utrecht-heading-2">{m.listChoose}</h2>
      <ul class="naaste-card-list">
        {entries.map(({ definition: d, organisationId }) => (
          <li key={d.key} class="naaste-card">
            <h3 class="utrecht-heading-3">{d.title[ctx.locale]}</h3>
            <Paragraph>{d.description[ctx.locale]}</Paragraph>
            <Paragraph>
              {format(m.itemCount, { n: d.items.length })}
              {organisationId ? ` · ${m.ofOrganisation}` : ''}
            </Paragraph>
            <Paragraph>
              <span class="naaste-muted">
                {m.sourceLabel}: <cite lang={d.language}>{d.source.citation}</cite>
              </span>
            </Paragraph>
            <Paragraph>
              <a class="utrecht-link" href={formPath(d)}>
                {format(m.start, { title: d.title[ctx.locale] })}
              </a>
            </Paragraph>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/**
 * One item: its text as the legend, its answers as radio buttons, in the instrument's language.
 * `required` (the default) asks the browser to insist on an answer; the consultant's re-measurement
 * leaves that to the server's error summary.
 */
export function ItemQuestion({
  definition,
  index,
  value,
  error,
  locale,
  required = true,
}: {
  definition: InstrumentDefinition;
  index: number;
  value: string;
  error: string | undefined;
  locale: Locale;
  required?: boolean;
}) {
  const m = balanceMessages[locale];
  const item = definition.items[index];
  if (!item) return null;
  const name = item.key;
  return (
    <fieldset
      class={`utrecht-form-fieldset naaste-fieldset${error ? ' naaste-field--invalid' : ''}`}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-label">
        <span class="naaste-visually-hidden">{format(m.questionNumber, { n: index + 1 })}: </span>
        <span aria-hidden="true">{index + 1}. </span>
        <span lang={definition.language}>{item.text}</span>
      </legend>
      {error ? (
        <p class="utrecht-form-field-error-message naaste-field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {optionsOf(definition, item).map((option, i) => {
        const id = i === 0 ? name : `${name}-${option.value}`;
        return (
          <div class="utrecht-form-field utrecht-form-field--radio naaste-choice" key={option.value}>
            <input
              class="utrecht-radio-button"
              type="radio"
              id={id}
              name={name}
              value={option.value}
              checked={value === option.value}
              required={required}
              aria-invalid={error ? 'true' : undefined}
            />
            <label class="utrecht-form-label utrecht-form-label--radio" for={id} lang={definition.language}>
              {option.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The error summary lines for unanswered or wrong items, in item order. */
export function answerErrors(definition: InstrumentDefinition, keys: string[], locale: Locale): FieldError[] {
  const m = balanceMessages[locale];
  return definition.items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => keys.includes(item.key))
    .map(({ item, i }) => ({ field: item.key, message: format(m.errorUnanswered, { n: i + 1 }) }));
}

export function CheckFormPage({
  ctx,
  definition,
  values,
  errors,
}: {
  ctx: PageContext;
  definition: InstrumentDefinition;
  values: Answers;
  errors: FieldError[];
}) {
  const m = balanceMessages[ctx.locale];
  const title = definition.title[ctx.locale];
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${m.errorTitlePrefix}: ${title}` : title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{title}</Heading1>
      <Paragraph lead>{definition.description[ctx.locale]}</Paragraph>
      <Paragraph>{m.listPrivacy}</Paragraph>
      <LanguageNote definition={definition} locale={ctx.locale} />
      <Form ctx={ctx} action={formPath(definition)}>
        <input type="hidden" name="versie" value={definition.version} />
        {definition.instruction ? (
          <p class="utrecht-paragraph naaste-instruction" lang={definition.language}>
            <strong>{definition.instruction}</strong>
          </p>
        ) : (
          <Paragraph>{m.formInstructionOwn}</Paragraph>
        )}
        {definition.items.map((item, index) => (
          <ItemQuestion
            key={item.key}
            definition={definition}
            index={index}
            value={values[item.key] ?? ''}
            error={errors.find((e) => e.field === item.key)?.message}
            locale={ctx.locale}
          />
        ))}
        <SubmitButton>{m.showResult}</SubmitButton>
      </Form>
      <Source definition={definition} locale={ctx.locale} />
    </Layout>
  );
}

export type SaveOption =
  | { kind: 'anonymous' }
  | { kind: 'professional' }
  | { kind: 'noRelationship' }
  | { kind: 'choose'; relationships: { id: string; caredForName: string }[]; value: string; errors: FieldError[] };

export function ResultPage({
  ctx,
  definition,
  score,
  answers,
  save,
}: {
  ctx: PageContext;
  definition: InstrumentDefinition;
  score: Score;
  answers: Answers;
  save: SaveOption;
}) {
  const m = balanceMessages[ctx.locale];
  const title = definition.title[ctx.locale];
  const errors = save.kind === 'choose' ? save.errors : [];
  const urgent = score.aboveThreshold || score.band.burdenLevel === 'high';
  return (
    <Layout ctx={ctx} title={`${errors.length > 0 ? `${m.errorTitlePrefix}: ` : ''}${m.resultTitle} · ${title}`}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.resultTitle}</Heading1>
      <Paragraph lead>{format(m.resultIntro, { title })}</Paragraph>
      <div class="naaste-result" id="uitkomst">
        <p class="utrecht-paragraph naaste-result__score">
          <strong>{format(m.resultScore, { score: score.score, max: score.maxScore })}</strong>
        </p>
        {definition.bands.length > 1 ? <h2 class="utrecht-heading-2">{score.band.label[ctx.locale]}</h2> : null}
        <Paragraph>{score.band.explanation[ctx.locale]}</Paragraph>
        {definition.threshold ? (
          <Paragraph>
            {format(score.aboveThreshold ? m.thresholdReached : m.thresholdNotReached, {
              threshold: definition.threshold.score,
              label: definition.threshold.label[ctx.locale],
            })}
          </Paragraph>
        ) : null}
        <Paragraph>{definition.scoring.description[ctx.locale]}</Paragraph>
      </div>
      <div class="naaste-note">
        <Paragraph>{m.notADiagnosis}</Paragraph>
      </div>
      <h2 class="utrecht-heading-2">{m.helpTitle}</h2>
      {urgent ? <Paragraph>{m.helpUrgentLead}</Paragraph> : null}
      <ul class="utrecht-unordered-list naaste-next-steps">
        <li>
          {m.helpSupportCentre}{' '}
          <a class="utrecht-link" href="/gemeenten">
            {m.helpSupportCentreLink}
          </a>
        </li>
        <li>
          {m.helpLocal}{' '}
          <a class="utrecht-link" href="/sociale-kaart">
            {m.helpLocalLink}
          </a>
        </li>
        <li>{m.helpRespite}</li>
        <li>{m.helpGp}</li>
        <li>{m.helpAgain}</li>
      </ul>
      <Paragraph>{m.urgent}</Paragraph>
      <SaveSection ctx={ctx} definition={definition} answers={answers} save={save} />
      <h2 class="utrecht-heading-2">{m.answersTitle}</h2>
      <div class="naaste-table-scroll">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption naaste-visually-hidden">{m.answersTitle}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                {m.answersQuestion}
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                {m.answersAnswer}
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {definition.items.map((item, i) => (
              <tr class="utrecht-table__row" key={item.key}>
                <td class="utrecht-table__cell">
                  {i + 1}. <span lang={definition.language}>{item.text}</span>
                </td>
                <td class="utrecht-table__cell" lang={definition.language}>
                  {optionsOf(definition, item).find((o) => o.value === answers[item.key])?.label ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Source definition={definition} locale={ctx.locale} />
    </Layout>
  );
}

function SaveSection({
  ctx,
  definition,
  answers,
  save,
}: {
  ctx: PageContext;
  definition: InstrumentDefinition;
  answers: Answers;
  save: SaveOption;
}) {
  const m = balanceMessages[ctx.locale];
  if (save.kind === 'professional') return <Paragraph>{m.nothingStored}</Paragraph>;
  return (
    <section aria-labelledby="bewaren">
      <h2 class="utrecht-heading-2" id="bewaren">
        {m.saveTitle}
      </h2>
      {save.kind === 'anonymous' ? (
        <>
          <Paragraph>{m.nothingStored}</Paragraph>
          <Paragraph>
            {m.saveSignIn}{' '}
            <a class="utrecht-link" href={`/inloggen?terug=${encodeURIComponent(formPath(definition))}`}>
              {m.saveSignInLink}
            </a>
          </Paragraph>
        </>
      ) : null}
      {save.kind === 'noRelationship' ? (
        <Paragraph>
          {m.saveNoRelationship}{' '}
          <a class="utrecht-link" href="/mijn-zorg">
            {m.saveNoRelationshipLink}
          </a>
        </Paragraph>
      ) : null}
      {save.kind === 'choose' ? (
        <Form ctx={ctx} action={`${formPath(definition)}/bewaren`}>
          <input type="hidden" name="versie" value={definition.version} />
          {definition.items.map((item) => (
            <input key={item.key} type="hidden" name={item.key} value={answers[item.key] ?? ''} />
          ))}
          <RadioGroup
            name="relatie"
            label={m.saveWho}
            hint={m.saveWhoHint}
            value={save.value}
            errors={save.errors}
            required
            options={save.relationships.map((r) => ({ value: r.id, label: r.caredForName }))}
          />
          <SubmitButton>{m.save}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

export function InstrumentNotFoundPage({ ctx }: { ctx: PageContext }) {
  const m = balanceMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.notFoundTitle}>
      <Heading1>{m.notFoundTitle}</Heading1>
      <Paragraph lead>{m.notFoundLead}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={BALANCE_PATH}>
          {m.backToList}
        </a>
      </Paragraph>
    </Layout>
  );
}

export type BalanceGroup = { relationshipId: string | null; caredForName: string | null; ended: boolean; results: BalanceResult[] };

export function MyBalancePage({
  ctx,
  groups,
  saved,
  registered,
}: {
  ctx: PageContext;
  groups: BalanceGroup[];
  saved: boolean;
  registered: boolean;
}) {
  const m = balanceMessages[ctx.locale];
  const withResults = groups.filter((g) => g.results.length > 0);
  return (
    <Layout ctx={ctx} title={m.myTitle}>
      {saved ? (
        <Notice>
          <Paragraph>{m.mySaved}</Paragraph>
        </Notice>
      ) : null}
      <Heading1>{m.myTitle}</Heading1>
      <Paragraph lead>{m.myLead}</Paragraph>
      {!registered ? (
        <Paragraph>
          {m.myNoMunicipality}{' '}
          <a class="utrecht-link" href="/mijn-zorg">
            {m.saveNoRelationshipLink}
          </a>
        </Paragraph>
      ) : null}
      {withResults.length === 0 ? <Paragraph>{m.myEmpty}</Paragraph> : null}
      {withResults.map((g, i) => (
        <section key={g.relationshipId ?? 'none'} aria-labelledby={`relatie-${i}`}>
          <h2 class="utrecht-heading-2" id={`relatie-${i}`}>
            {g.caredForName ? format(m.myCareFor, { name: g.caredForName }) : m.myNoRelationship}
            {g.ended ? ` (${m.myEnded})` : ''}
          </h2>
          <BalanceChart results={g.results} locale={ctx.locale} idPrefix={`relatie-${i}`} headingLevel={3} />
        </section>
      ))}
      <Paragraph>
        <a class="utrecht-link" href={BALANCE_PATH}>
          {withResults.length === 0 ? m.myStart : m.myAgain}
        </a>
      </Paragraph>
    </Layout>
  );
}
