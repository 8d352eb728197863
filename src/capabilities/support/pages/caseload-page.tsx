import { format, type Locale } from '../../../platform/i18n/i18n.ts';
import { Heading1, Pagination, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { burdenLabels, statusLabels, supportMessages } from '../support.messages.ts';
import {
  BURDEN_LEVELS,
  CASELOAD_ASSIGNED,
  CASELOAD_DUE,
  CASELOAD_SORTS,
  CASELOAD_STATUS,
  type CaseloadRow,
  type CaseloadSort,
} from '../support.schemas.ts';
import type { Page } from '../support.service.ts';

export type CaseloadQuery = {
  q: string;
  status: (typeof CASELOAD_STATUS)[number];
  burden: string;
  due: string;
  assigned: (typeof CASELOAD_ASSIGNED)[number];
  sort: CaseloadSort;
  org: string;
};

/** A calendar date (YYYY-MM-DD) or a moment, as people read it. */
export function showDate(locale: Locale, value: string | null | undefined): string {
  if (!value) return '';
  const moment = value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(moment);
}

function Select({ id, label, value, options }: { id: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="utrecht-form-field">
      <label class="utrecht-form-label" for={id}>
        {label}
      </label>
      <select class="utrecht-select" id={id} name={id}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CaseloadPage({ ctx, result, query, today }: { ctx: PageContext; result: Page; query: CaseloadQuery; today: string }) {
  const m = supportMessages[ctx.locale];
  const statuses = statusLabels[ctx.locale];
  const burdens = burdenLabels[ctx.locale];
  const organisation = result.organisations.find((o) => o.id === result.organisationId)?.name ?? '';
  const filtered = query.status !== 'open' || query.burden !== '' || query.due !== '' || query.assigned !== 'all';
  const statusOptions = CASELOAD_STATUS.map((s) => ({
    value: s,
    label: s === 'open' ? m.statusOpen : s === 'all' ? m.statusAll : statuses[s],
  }));
  const sortLabels: Record<CaseloadSort, string> = { next: m.sortNext, burden: m.sortBurden, newest: m.sortNewest };
  const dueLabels: Record<(typeof CASELOAD_DUE)[number], string> = { overdue: m.dueOverdue, week: m.dueWeek };
  const assignedLabels: Record<(typeof CASELOAD_ASSIGNED)[number], string> = {
    all: m.assignedAll,
    mine: m.assignedMine,
    unassigned: m.assignedUnassigned,
  };
  return (
    <Layout ctx={ctx} title={m.caseloadTitle}>
      <Heading1>{m.caseloadTitle}</Heading1>
      <Paragraph lead>{format(m.caseloadLead, { organisation })}</Paragraph>
      <search>
        <form method="get" action="/werkplek" class="naaste-search">
          {result.organisations.length > 1 ? (
            <Select
              id="org"
              label={m.organisationLabel}
              value={result.organisationId}
              options={result.organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
          ) : null}
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="q">
              {m.searchLabel}
            </label>
            <input class="utrecht-textbox" type="search" id="q" name="q" value={query.q} maxLength={100} />
          </div>
          <Select id="status" label={m.statusLabel} value={query.status} options={statusOptions} />
          <Select
            id="burden"
            label={m.burdenLabel}
            value={query.burden}
            options={[{ value: '', label: m.anyBurden }, ...BURDEN_LEVELS.map((b) => ({ value: b, label: burdens[b] }))]}
          />
          <Select
            id="due"
            label={m.dueLabel}
            value={query.due}
            options={[{ value: '', label: m.anyDue }, ...CASELOAD_DUE.map((d) => ({ value: d, label: dueLabels[d] }))]}
          />
          <Select
            id="assigned"
            label={m.assignedLabel}
            value={query.assigned}
            options={CASELOAD_ASSIGNED.map((a) => ({ value: a, label: assignedLabels[a] }))}
          />
          <Select
            id="sort"
            label={m.sortLabel}
            value={query.sort}
            options={CASELOAD_SORTS.map((s) => ({ value: s, label: sortLabels[s] }))}
          />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {m.filterButton}
          </button>
        </form>
      </search>
      <p class="utrecht-paragraph" aria-live="polite">
        {result.capped
          ? format(m.countCapped, { n: result.total })
          : result.total === 1
            ? m.countOne
            : format(m.count, { n: result.total })}
      </p>
      {result.items.length === 0 ? (
        <>
          <Paragraph>{query.q ? format(m.noneFound, { q: query.q }) : filtered ? m.noneFiltered : m.none}</Paragraph>
          {query.q || filtered ? (
            <Paragraph>
              <a class="utrecht-link" href="/werkplek">
                {m.clearFilters}
              </a>
            </Paragraph>
          ) : null}
        </>
      ) : (
        <CaseTable ctx={ctx} rows={result.items} today={today} />
      )}
      <Pagination
        ctx={ctx}
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        query={{
          q: query.q,
          status: query.status,
          burden: query.burden,
          due: query.due,
          assigned: query.assigned,
          sort: query.sort,
          org: query.org,
        }}
      />
    </Layout>
  );
}

function CaseTable({ ctx, rows, today }: { ctx: PageContext; rows: CaseloadRow[]; today: string }) {
  const m = supportMessages[ctx.locale];
  const statuses = statusLabels[ctx.locale];
  const burdens = burdenLabels[ctx.locale];
  return (
    <div class="naaste-table-scroll">
      <table class="utrecht-table">
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              {m.colCaregiver}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {m.colCaredFor}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {m.colStatus}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {m.colBurden}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {m.colNext}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {m.colConsultant}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              {m.colSignals}
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row" key={r.id}>
              <th class="utrecht-table__header-cell" scope="row">
                <a class="utrecht-link" href={`/werkplek/dossiers/${r.id}`} aria-label={format(m.openCase, { name: r.caregiverName })}>
                  {r.caregiverName}
                </a>
              </th>
              <td class="utrecht-table__cell">{r.caredForName}</td>
              <td class="utrecht-table__cell">{statuses[r.status]}</td>
              <td class="utrecht-table__cell">{burdens[r.burdenLevel]}</td>
              <td class="utrecht-table__cell">
                {r.nextActionOn === null
                  ? m.noDate
                  : r.nextActionOn < today
                    ? format(m.overdue, { date: showDate(ctx.locale, r.nextActionOn) })
                    : showDate(ctx.locale, r.nextActionOn)}
              </td>
              <td class="utrecht-table__cell">
                {r.consultantName ?? m.nobody}
                {r.changeRequested ? <span class="naaste-muted"> ({m.changeRequested})</span> : null}
              </td>
              <td class="utrecht-table__cell">{r.openSignals > 0 ? format(m.signalsCount, { n: r.openSignals }) : m.noSignals}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
