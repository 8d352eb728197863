import { format } from '../../../platform/i18n/i18n.ts';
import { Heading1, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { accessReviewMessages } from '../access-review.messages.ts';
import {
  MANY_PERSONS_THRESHOLD,
  MEDIAN_FACTOR,
  MEDIAN_MIN_USERS,
  type Month,
  type Review,
  TIME_ZONE,
  type UserCount,
} from '../access-review.service.ts';

const intl = (ctx: PageContext) => (ctx.locale === 'nl' ? 'nl-NL' : 'en-GB');

export function monthLabel(ctx: PageContext, month: Month): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString(intl(ctx), { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function moment(ctx: PageContext, iso: string): string {
  return new Date(iso).toLocaleString(intl(ctx), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  });
}

type Column = { label: string; value: (u: UserCount) => string | number; numeric?: boolean };

function FindingTable({ ctx, id, rows, columns }: { ctx: PageContext; id: string; rows: UserCount[]; columns: Column[] }) {
  const m = accessReviewMessages[ctx.locale];
  const all: Column[] = [
    { label: m.name, value: (u) => u.displayName ?? m.unknownUser },
    { label: m.email, value: (u) => u.email ?? '' },
    ...columns,
    { label: m.first, value: (u) => moment(ctx, u.first) },
    { label: m.last, value: (u) => moment(ctx, u.last) },
  ];
  return (
    <div class="naaste-table-scroll">
      <table class="utrecht-table" aria-labelledby={id}>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {all.map((c) => (
              <th
                class={`utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`}
                scope="col"
                key={c.label}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((u) => (
            <tr class="utrecht-table__row" key={u.userId}>
              {all.map((c) => (
                <td
                  class={`utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric-column utrecht-table__cell--numeric-data' : ''}`}
                  key={c.label}
                >
                  {c.value(u)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Finding({
  ctx,
  id,
  title,
  explain,
  extra,
  none,
  rows,
  columns,
}: {
  ctx: PageContext;
  id: string;
  title: string;
  explain: string;
  extra?: string | undefined;
  none: string;
  rows: UserCount[];
  columns: Column[];
}) {
  return (
    <section aria-labelledby={id} data-finding={id}>
      <h2 class="utrecht-heading-2" id={id}>
        {title}
      </h2>
      <Paragraph>{explain}</Paragraph>
      {extra ? <Paragraph>{extra}</Paragraph> : null}
      {rows.length === 0 ? <Paragraph>{none}</Paragraph> : <FindingTable ctx={ctx} id={id} rows={rows} columns={columns} />}
    </section>
  );
}

export function AccessReviewPage({ ctx, review, months }: { ctx: PageContext; review: Review; months: Month[] }) {
  const m = accessReviewMessages[ctx.locale];
  const organisation = review.organisationName;
  const title = format(m.title, { organisation });
  const base = `/beheer/organisaties/${review.organisationId}`;
  const choices = months.includes(review.month) ? months : [review.month, ...months];
  const { manyPersons } = review;
  return (
    <Layout ctx={ctx} title={`${title} · ${monthLabel(ctx, review.month)}`}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{format(m.lead, { organisation, month: monthLabel(ctx, review.month) })}</Paragraph>
      <form method="get" action={`${base}/toegangscontrole`} class="naaste-search naaste-no-print">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="maand">
            {m.monthLabel}
          </label>
          <select class="utrecht-select" id="maand" name="maand">
            {choices.map((month) => (
              <option value={month} selected={month === review.month} key={month}>
                {monthLabel(ctx, month)}
              </option>
            ))}
          </select>
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {m.show}
        </button>
      </form>
      <p class="utrecht-paragraph naaste-no-print">
        <a class="utrecht-link" href={`${base}/toegangscontrole.csv?maand=${review.month}`} download>
          {m.csvLink}
        </a>
      </p>
      <Paragraph>
        <span class="naaste-no-print">{m.printHint} </span>
        {m.loggedHint}
      </Paragraph>

      <section aria-labelledby="in-het-kort">
        <h2 class="utrecht-heading-2" id="in-het-kort">
          {m.totalsTitle}
        </h2>
        <dl class="utrecht-data-list utrecht-data-list--rows">
          {(
            [
              ['lines', m.totalLines],
              ['users', m.totalUsers],
              ['persons', m.totalPersons],
            ] as const
          ).map(([key, label]) => (
            <div class="utrecht-data-list__item" key={key}>
              <dt class="utrecht-data-list__item-key">{label}</dt>
              <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd" data-total={key}>
                {review.totals[key]}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <Finding
        ctx={ctx}
        id="veel-dossiers"
        title={m.manyTitle}
        explain={format(m.manyExplain, { threshold: MANY_PERSONS_THRESHOLD, users: MEDIAN_MIN_USERS, factor: MEDIAN_FACTOR })}
        extra={
          manyPersons.medianApplies && manyPersons.median !== null
            ? format(m.manyMedian, { median: manyPersons.median.toLocaleString(intl(ctx)) })
            : undefined
        }
        none={m.manyNone}
        rows={manyPersons.users}
        columns={[{ label: m.persons, value: (u) => u.persons, numeric: true }]}
      />
      <Finding
        ctx={ctx}
        id="buiten-kantoortijd"
        title={m.hoursTitle}
        explain={m.hoursExplain}
        none={m.hoursNone}
        rows={review.outsideOfficeHours}
        columns={[{ label: m.times, value: (u) => u.count, numeric: true }]}
      />
      <Finding
        ctx={ctx}
        id="zonder-toestemming"
        title={m.consentTitle}
        explain={format(m.consentExplain, { organisation })}
        none={m.consentNone}
        rows={review.withoutRelationship}
        columns={[
          { label: m.times, value: (u) => u.count, numeric: true },
          { label: m.residents, value: (u) => u.persons, numeric: true },
        ]}
      />
      <Paragraph>{m.whatNext}</Paragraph>
      <p class="utrecht-paragraph naaste-no-print">
        <a class="utrecht-link" href={`${base}/medewerkers`}>
          {m.back}
        </a>
      </p>
    </Layout>
  );
}
