import type { ComponentChildren } from 'preact';
import { format } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Pagination, Paragraph } from '../../../ui/components.tsx';
import { CheckboxGroup, Form, Notice, RadioGroup, SubmitButton, TextArea, TextField } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { adminMessages } from '../directory-admin.messages.ts';
import { type EntryDraft, LANGUAGES, type ReviewStatus, WEEKDAYS, type Weekday } from '../directory-admin.schemas.ts';
import type { EntryRecord, EntryRow, Freshness, FreshnessFilter, FreshnessRow, QueueRow, ReportRow } from '../directory-admin.service.ts';

type M = (typeof adminMessages)['nl'];
export type TermOption = { value: string; label: string };
export type FormOptions = { supportForms: TermOption[]; targetGroups: TermOption[]; languages: TermOption[] };

const BASE = '/beheer/sociale-kaart';
export const OWN = `${BASE}/mijn-aanbod`;
export const QUEUE = `${BASE}/beoordelen`;
export const OVERVIEW = `${BASE}/actualiteit`;
export const COORDINATOR_LIST = `${BASE}/actualiteit/aanbod`;
export const REPORTS = `${BASE}/meldingen`;

/** Dutch words in addresses for the freshness filters. */
export const FRESHNESS_PARAM: Record<string, FreshnessFilter> = {
  actueel: 'fresh',
  'ouder-dan-6-maanden': 'stale',
  'ouder-dan-12-maanden': 'old',
  nooit: 'never',
  verouderd: 'due',
};
export const paramOfFreshness = (f: FreshnessFilter | undefined): string | undefined =>
  Object.entries(FRESHNESS_PARAM).find(([, v]) => v === f)?.[0];

export function statusLabel(m: M, s: ReviewStatus): string {
  return {
    draft: m.statusDraft,
    pending: m.statusPending,
    published: m.statusPublished,
    rejected: m.statusRejected,
    withdrawn: m.statusWithdrawn,
  }[s];
}

/** The flag an entry carries in staff lists: nothing when checked in the last 6 months. */
function FreshnessFlag({ m, freshness }: { m: M; freshness: Freshness }) {
  if (freshness === 'fresh') return null;
  const text = freshness === 'old' ? m.flagOld : freshness === 'stale' ? m.flagStale : m.flagNever;
  return (
    <>
      <br />
      <strong>{text}</strong>
    </>
  );
}

function formatDate(ctx: PageContext, iso: string | null, m: M): string {
  if (!iso) return m.never;
  const [y, mo, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1)).toLocaleDateString(ctx.locale === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function titled(errors: FieldError[], m: M, title: string): string {
  return errors.length > 0 ? `${m.errorTitlePrefix}: ${title}` : title;
}

function Select({ id, label, value, options }: { id: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div class="utrecht-form-field">
      <label class="utrecht-form-label" for={id}>
        {label}
      </label>
      <select class="utrecht-select" id={id} name={id}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Table({ head, children }: { head: ComponentChildren[]; children: ComponentChildren }) {
  return (
    <div class="naaste-table-scroll">
      <table class="utrecht-table">
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {head.map((h, i) => (
              <th class="utrecht-table__header-cell" scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">{children}</tbody>
      </table>
    </div>
  );
}

const Cell = ({ children }: { children: ComponentChildren }) => <td class="utrecht-table__cell">{children}</td>;

function freshnessOptions(m: M) {
  return [
    { value: '', label: m.all },
    { value: 'actueel', label: m.freshFresh },
    { value: 'verouderd', label: m.freshDue },
    { value: 'ouder-dan-6-maanden', label: m.freshStale },
    { value: 'ouder-dan-12-maanden', label: m.freshOld },
    { value: 'nooit', label: m.freshNever },
  ];
}

// ---- the owner's list ---------------------------------------------------------------------------

export type OwnListFilters = { q: string; status: string; freshness: string; sort: 'name' | 'checked' | 'status' };

export function OwnListPage(p: {
  ctx: PageContext;
  result: { items: EntryRow[]; total: number; page: number; pageSize: number };
  filters: OwnListFilters;
  notice?: string | undefined;
}) {
  const { ctx } = p;
  const m = adminMessages[ctx.locale];
  const filtered = Boolean(p.filters.q || p.filters.status || p.filters.freshness);
  return (
    <Layout ctx={ctx} title={m.ownTitle}>
      <Heading1>{m.ownTitle}</Heading1>
      {p.notice ? (
        <Notice>
          <Paragraph>{p.notice}</Paragraph>
        </Notice>
      ) : null}
      <Paragraph lead>{m.ownLead}</Paragraph>
      <ul class="utrecht-unordered-list">
        <li>
          <a class="utrecht-link" href={`${OWN}/nieuw`}>
            {m.ownNew}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href={REPORTS}>
            {m.ownReports}
          </a>
        </li>
      </ul>
      <search>
        <form method="get" action={OWN} class="naaste-search">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="q">
              {m.ownSearch}
            </label>
            <input class="utrecht-textbox" type="search" id="q" name="q" value={p.filters.q} maxLength={100} />
          </div>
          <Select
            id="status"
            label={m.filterStatus}
            value={p.filters.status}
            options={[
              { value: '', label: m.all },
              ...(['pending', 'published', 'rejected', 'withdrawn'] as ReviewStatus[]).map((s) => ({ value: s, label: statusLabel(m, s) })),
            ]}
          />
          <Select id="actualiteit" label={m.filterFreshness} value={p.filters.freshness} options={freshnessOptions(m)} />
          <Select
            id="sort"
            label={m.sortLabel}
            value={p.filters.sort}
            options={[
              { value: 'name', label: m.sortName },
              { value: 'checked', label: m.sortChecked },
              { value: 'status', label: m.sortStatus },
            ]}
          />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {m.search}
          </button>
        </form>
      </search>
      <p class="utrecht-paragraph" aria-live="polite">
        {format(m.ownCount, { n: p.result.total })}
      </p>
      {p.result.items.length === 0 ? (
        <Paragraph>{filtered ? m.ownNoneFound : m.ownNone}</Paragraph>
      ) : (
        <Table head={[m.name, m.status, m.lastChecked, m.reports]}>
          {p.result.items.map((e) => (
            <tr class="utrecht-table__row" key={e.id}>
              <Cell>
                <a class="utrecht-link" href={`${OWN}/${e.id}`}>
                  {e.name}
                </a>
              </Cell>
              <Cell>
                {statusLabel(m, e.reviewStatus)}
                {e.pendingChange ? ` (${e.changeRejected ? m.changeRejected : m.changePending})` : ''}
              </Cell>
              <Cell>
                {formatDate(ctx, e.assuredDate, m)}
                {e.reviewStatus === 'published' ? <FreshnessFlag m={m} freshness={e.freshness} /> : null}
              </Cell>
              <Cell>{e.openReports}</Cell>
            </tr>
          ))}
        </Table>
      )}
      <Pagination
        ctx={ctx}
        page={p.result.page}
        pageSize={p.result.pageSize}
        total={p.result.total}
        query={{ q: p.filters.q, status: p.filters.status, actualiteit: p.filters.freshness, sort: p.filters.sort }}
      />
    </Layout>
  );
}

// ---- the entry form -----------------------------------------------------------------------------

function dayName(m: M, d: Weekday): string {
  return { MO: m.dayMO, TU: m.dayTU, WE: m.dayWE, TH: m.dayTH, FR: m.dayFR, SA: m.daySA, SU: m.daySU }[d];
}

function EntryFields({
  m,
  draft,
  errors,
  options,
  hoursEditable,
}: {
  m: M;
  draft: EntryDraft;
  errors: FieldError[];
  options: FormOptions;
  hoursEditable: boolean;
}) {
  return (
    <>
      <TextField name="name" label={m.fieldName} hint={m.fieldNameHint} value={draft.name} errors={errors} maxLength={300} required />
      <TextArea
        name="description"
        label={m.fieldDescription}
        hint={m.fieldDescriptionHint}
        value={draft.description}
        errors={errors}
        maxLength={5000}
        required
      />
      <CheckboxGroup
        name="supportForms"
        label={m.fieldSupportForms}
        hint={m.fieldSupportFormsHint}
        values={draft.supportForms}
        errors={errors}
        options={options.supportForms}
      />
      <CheckboxGroup
        name="targetGroups"
        label={m.fieldTargetGroups}
        hint={m.fieldTargetGroupsHint}
        values={draft.targetGroups}
        errors={errors}
        options={options.targetGroups}
      />
      <RadioGroup
        name="isFree"
        label={m.fieldIsFree}
        value={draft.isFree}
        errors={errors}
        options={[
          { value: 'ja', label: m.fieldFreeYes },
          { value: 'nee', label: m.fieldFreeNo },
        ]}
      />
      <TextField
        name="feesDescription"
        label={m.fieldFees}
        hint={m.fieldFeesHint}
        value={draft.feesDescription}
        errors={errors}
        maxLength={1000}
        optionalLabel={m.optional}
      />
      <TextArea
        name="eligibilityDescription"
        label={m.fieldEligibility}
        hint={m.fieldEligibilityHint}
        value={draft.eligibilityDescription}
        errors={errors}
        rows={3}
        maxLength={2000}
        optionalLabel={m.optional}
      />
      <TextArea
        name="applicationProcess"
        label={m.fieldApplication}
        value={draft.applicationProcess}
        errors={errors}
        rows={3}
        maxLength={2000}
        optionalLabel={m.optional}
      />
      <CheckboxGroup name="languages" label={m.fieldLanguages} values={draft.languages} errors={errors} options={options.languages} />
      <fieldset class="utrecht-form-fieldset naaste-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-label">{m.contactTitle}</legend>
        <p class="utrecht-form-field-description naaste-hint">{m.contactHint}</p>
        <TextField
          name="phone"
          type="tel"
          label={m.fieldPhone}
          value={draft.phone}
          errors={errors}
          autocomplete="off"
          maxLength={40}
          width="short"
        />
        <TextField name="email" type="email" label={m.fieldEmail} value={draft.email} errors={errors} autocomplete="off" maxLength={254} />
        <TextField
          name="url"
          type="url"
          label={m.fieldUrl}
          hint={m.fieldUrlHint}
          value={draft.url}
          errors={errors}
          autocomplete="off"
          maxLength={500}
        />
      </fieldset>
      <fieldset class="utrecht-form-fieldset naaste-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-label">{m.addressTitle}</legend>
        <p class="utrecht-form-field-description naaste-hint">{m.addressHint}</p>
        <TextField name="address1" label={m.fieldAddress1} value={draft.address1} errors={errors} autocomplete="off" maxLength={300} />
        <TextField
          name="postalCode"
          label={m.fieldPostalCode}
          value={draft.postalCode}
          errors={errors}
          autocomplete="off"
          maxLength={7}
          width="short"
        />
        <TextField name="city" label={m.fieldCity} value={draft.city} errors={errors} autocomplete="off" maxLength={100} />
      </fieldset>
      <fieldset class="utrecht-form-fieldset naaste-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-label">{m.hoursTitle}</legend>
        {hoursEditable ? (
          <>
            <p class="utrecht-form-field-description naaste-hint">{m.hoursHint}</p>
            {WEEKDAYS.map((d) => (
              <fieldset class="utrecht-form-fieldset naaste-fieldset" key={d}>
                <legend class="utrecht-form-fieldset__legend">{dayName(m, d)}</legend>
                <TextField name={`opens-${d}`} label={m.opens} value={draft.hours[d].opens} errors={errors} maxLength={5} width="short" />
                <TextField
                  name={`closes-${d}`}
                  label={m.closes}
                  value={draft.hours[d].closes}
                  errors={errors}
                  maxLength={5}
                  width="short"
                />
              </fieldset>
            ))}
          </>
        ) : (
          <Paragraph>{m.hoursFixed}</Paragraph>
        )}
      </fieldset>
    </>
  );
}

export function NewEntryPage(p: {
  ctx: PageContext;
  draft: EntryDraft;
  owner: string;
  owners: { id: string; name: string }[];
  options: FormOptions;
  errors: FieldError[];
}) {
  const { ctx } = p;
  const m = adminMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={titled(p.errors, m, m.newTitle)}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Heading1>{m.newTitle}</Heading1>
      <Form ctx={ctx} action={`${OWN}/nieuw`}>
        {p.owners.length > 1 ? (
          <RadioGroup
            name="owner"
            label={m.owner}
            value={p.owner}
            errors={p.errors}
            options={p.owners.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : (
          <input type="hidden" name="owner" value={p.owners[0]?.id ?? ''} />
        )}
        <EntryFields m={m} draft={p.draft} errors={p.errors} options={p.options} hoursEditable />
        <SubmitButton>{m.sendForReview}</SubmitButton>
      </Form>
      <Paragraph>
        <a class="utrecht-link" href={OWN}>
          {m.backToList}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function EditEntryPage(p: {
  ctx: PageContext;
  entry: EntryRecord;
  draft: EntryDraft;
  options: FormOptions;
  errors: FieldError[];
  notice?: string | undefined;
}) {
  const { ctx, entry } = p;
  const m = adminMessages[ctx.locale];
  const title = format(m.editTitle, { name: entry.name });
  const action = `${OWN}/${entry.id}`;
  const statusLead = {
    published: m.statusPublishedLead,
    pending: m.statusPendingLead,
    rejected: m.statusRejectedLead,
    withdrawn: m.statusWithdrawnLead,
    draft: m.statusDraftLead,
  }[entry.reviewStatus];
  const change = entry.pendingChange;
  return (
    <Layout ctx={ctx} title={titled(p.errors, m, title)}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Heading1>{title}</Heading1>
      {p.notice ? (
        <Notice>
          <Paragraph>{p.notice}</Paragraph>
        </Notice>
      ) : null}
      <h2 class="utrecht-heading-2">{m.statusTitle}</h2>
      <dl class="naaste-facts">
        <dt>{m.status}</dt>
        <dd>{statusLabel(m, entry.reviewStatus)}</dd>
        <dt>{m.organisation}</dt>
        <dd>{entry.ownerName ?? entry.organizationName}</dd>
        <dt>{m.lastChecked}</dt>
        <dd>
          {formatDate(ctx, entry.assuredDate, m)}
          {entry.reviewStatus === 'published' ? <FreshnessFlag m={m} freshness={entry.freshness} /> : null}
        </dd>
      </dl>
      <Paragraph>{statusLead}</Paragraph>
      {change && entry.reviewStatus === 'published' ? (
        <Paragraph>{change.rejectedAt ? m.rejectedChangeLead : m.pendingChangeLead}</Paragraph>
      ) : null}
      {entry.reviewNote ? (
        <div class="naaste-note">
          <Paragraph>
            <strong>{m.coordinatorNote}</strong> {entry.reviewNote}
          </Paragraph>
        </div>
      ) : null}
      {entry.reviewStatus === 'published' ? (
        <>
          <Paragraph>
            <a class="utrecht-link" href={`/sociale-kaart/diensten/${entry.id}`}>
              {m.viewPublic}
            </a>
          </Paragraph>
          <h2 class="utrecht-heading-2">{m.checkTitle}</h2>
          <Paragraph>{m.checkLead}</Paragraph>
          <Form ctx={ctx} action={`${action}/nog-steeds-juist`}>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">
              {m.confirm}
            </button>
          </Form>
        </>
      ) : null}
      <h2 class="utrecht-heading-2">{m.editTitle.replace(': {name}', '')}</h2>
      <Form ctx={ctx} action={action}>
        <EntryFields m={m} draft={p.draft} errors={p.errors} options={p.options} hoursEditable={entry.hoursEditable} />
        <SubmitButton>{m.sendForReview}</SubmitButton>
      </Form>
      {entry.reviewStatus !== 'withdrawn' ? (
        <>
          <h2 class="utrecht-heading-2">{m.withdrawTitle}</h2>
          <Paragraph>{m.withdrawLead}</Paragraph>
          <Paragraph>
            <a class="utrecht-link" href={`${action}/intrekken`}>
              {m.withdraw}
            </a>
          </Paragraph>
        </>
      ) : null}
      <Paragraph>
        <a class="utrecht-link" href={OWN}>
          {m.backToList}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function WithdrawPage({ ctx, entry }: { ctx: PageContext; entry: EntryRecord }) {
  const m = adminMessages[ctx.locale];
  const title = format(m.withdrawConfirmTitle, { name: entry.name });
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>{m.withdrawConfirmLead}</Paragraph>
      <Form ctx={ctx} action={`${OWN}/${entry.id}/intrekken`}>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {m.withdrawYes}
        </button>
      </Form>
      <Paragraph>
        <a class="utrecht-link" href={`${OWN}/${entry.id}`}>
          {m.withdrawNo}
        </a>
      </Paragraph>
    </Layout>
  );
}

// ---- review -------------------------------------------------------------------------------------

export function QueuePage(p: {
  ctx: PageContext;
  result: { items: QueueRow[]; total: number; page: number; pageSize: number };
  notice?: string | undefined;
}) {
  const { ctx } = p;
  const m = adminMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.queueTitle}>
      <Heading1>{m.queueTitle}</Heading1>
      {p.notice ? (
        <Notice>
          <Paragraph>{p.notice}</Paragraph>
        </Notice>
      ) : null}
      <Paragraph lead>{m.queueLead}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={OVERVIEW}>
          {m.linkOverview}
        </a>
      </Paragraph>
      <p class="utrecht-paragraph" aria-live="polite">
        {format(m.queueCount, { n: p.result.total })}
      </p>
      {p.result.items.length === 0 ? (
        <Paragraph>{m.queueNone}</Paragraph>
      ) : (
        <Table head={[m.name, m.organisation, m.queueKind, m.waitingSince]}>
          {p.result.items.map((e) => (
            <tr class="utrecht-table__row" key={e.id}>
              <Cell>
                <a class="utrecht-link" href={`${QUEUE}/${e.id}`}>
                  {e.name}
                </a>
              </Cell>
              <Cell>{e.ownerName ?? e.organizationName}</Cell>
              <Cell>{e.kind === 'new' ? m.kindNew : m.kindChange}</Cell>
              <Cell>{formatDate(ctx, e.waitingSince, m)}</Cell>
            </tr>
          ))}
        </Table>
      )}
      <Pagination ctx={ctx} page={p.result.page} pageSize={p.result.pageSize} total={p.result.total} query={{}} />
    </Layout>
  );
}

export type DiffRow = { field: string; before: string; after: string; changed: boolean };

/** The entry's parts in words, for comparing what is public with what is proposed. */
export function describeDraft(m: M, d: EntryDraft, options: FormOptions): { field: string; value: string }[] {
  const names = (values: string[], opts: TermOption[]) => values.map((v) => opts.find((o) => o.value === v)?.label ?? v).join(', ');
  const hours = WEEKDAYS.filter((day) => d.hours[day].opens)
    .map((day) => `${dayName(m, day)} ${d.hours[day].opens}–${d.hours[day].closes}`)
    .join('; ');
  return [
    { field: m.fieldName, value: d.name },
    { field: m.fieldDescription, value: d.description },
    { field: m.fieldSupportForms, value: names(d.supportForms, options.supportForms) },
    { field: m.fieldTargetGroups, value: names(d.targetGroups, options.targetGroups) },
    { field: m.fieldIsFree, value: d.isFree === 'ja' ? m.free : d.isFree === 'nee' ? m.paid : '' },
    { field: m.fieldFees, value: d.feesDescription },
    { field: m.fieldEligibility, value: d.eligibilityDescription },
    { field: m.fieldApplication, value: d.applicationProcess },
    { field: m.fieldLanguages, value: names(d.languages, options.languages) },
    { field: m.fieldPhone, value: d.phone },
    { field: m.fieldEmail, value: d.email },
    { field: m.fieldUrl, value: d.url },
    { field: m.addressTitle, value: [d.address1, [d.postalCode, d.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') },
    { field: m.hoursTitle, value: hours },
  ];
}

export function diffRows(m: M, before: EntryDraft, after: EntryDraft, options: FormOptions): DiffRow[] {
  const a = describeDraft(m, before, options);
  const b = describeDraft(m, after, options);
  return a.map((row, i) => {
    const next = b[i]?.value ?? '';
    return { field: row.field, before: row.value, after: next, changed: row.value !== next };
  });
}

export function ReviewPage(p: {
  ctx: PageContext;
  entry: EntryRecord;
  kind: 'new' | 'change';
  proposed: EntryDraft;
  options: FormOptions;
  note: string;
  errors: FieldError[];
}) {
  const { ctx, entry } = p;
  const m = adminMessages[ctx.locale];
  const title = format(p.kind === 'new' ? m.reviewTitleNew : m.reviewTitleChange, { name: p.proposed.name });
  const empty = (v: string) => (v ? v : <span class="naaste-muted">{m.empty}</span>);
  const rows = diffRows(m, entry.current, p.proposed, p.options);
  const changed = rows.filter((r) => r.changed);
  return (
    <Layout ctx={ctx} title={titled(p.errors, m, title)}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Heading1>{title}</Heading1>
      <Paragraph lead>{p.kind === 'new' ? m.reviewLeadNew : m.reviewLeadChange}</Paragraph>
      <Paragraph>{format(m.fromOrganisation, { organisation: entry.ownerName ?? entry.organizationName })}</Paragraph>
      {p.kind === 'new' ? (
        <Table head={[m.field, m.value]}>
          {describeDraft(m, p.proposed, p.options).map((r) => (
            <tr class="utrecht-table__row" key={r.field}>
              <th class="utrecht-table__header-cell" scope="row">
                {r.field}
              </th>
              <Cell>{empty(r.value)}</Cell>
            </tr>
          ))}
        </Table>
      ) : changed.length === 0 ? (
        <Paragraph>{m.unchanged}</Paragraph>
      ) : (
        <Table head={[m.field, m.before, m.after]}>
          {changed.map((r) => (
            <tr class="utrecht-table__row" key={r.field}>
              <th class="utrecht-table__header-cell" scope="row">
                {r.field}
              </th>
              <Cell>
                <del>{empty(r.before)}</del>
              </Cell>
              <Cell>
                <ins>{empty(r.after)}</ins>
              </Cell>
            </tr>
          ))}
        </Table>
      )}
      <Form ctx={ctx} action={`${QUEUE}/${entry.id}/goedkeuren`}>
        <SubmitButton>{m.approve}</SubmitButton>
      </Form>
      <h2 class="utrecht-heading-2">{m.rejectTitle}</h2>
      <Form ctx={ctx} action={`${QUEUE}/${entry.id}/terugsturen`}>
        <TextArea
          name="note"
          label={m.rejectNote}
          hint={m.rejectNoteHint}
          value={p.note}
          errors={p.errors}
          rows={4}
          maxLength={1000}
          required
        />
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {m.reject}
        </button>
      </Form>
      <Paragraph>
        <a class="utrecht-link" href={QUEUE}>
          {m.backToQueue}
        </a>
      </Paragraph>
    </Layout>
  );
}

// ---- freshness ----------------------------------------------------------------------------------

export function FreshnessPage(p: {
  ctx: PageContext;
  result: { items: FreshnessRow[]; total: number; page: number; pageSize: number };
  totals: { total: number; fresh: number; stale: number; old: number; never: number; openReports: number };
  waiting: number;
  sort: 'urgent' | 'name';
}) {
  const { ctx, totals } = p;
  const m = adminMessages[ctx.locale];
  const list = (owner: string | null, f?: string) => {
    const params = new URLSearchParams({ eigenaar: owner ?? 'geen' });
    if (f) params.set('actualiteit', f);
    return `${COORDINATOR_LIST}?${params.toString()}`;
  };
  const count = (n: number, href: string, label: string) =>
    n === 0 ? (
      '0'
    ) : (
      <a class="utrecht-link" href={href} aria-label={label}>
        {n}
      </a>
    );
  return (
    <Layout ctx={ctx} title={m.freshnessTitle}>
      <Heading1>{m.freshnessTitle}</Heading1>
      <Paragraph lead>{m.freshnessLead}</Paragraph>
      <Paragraph>
        {format(m.freshnessTotals, {
          total: totals.total,
          fresh: totals.fresh,
          stale: totals.stale,
          old: totals.old,
          never: totals.never,
          reports: totals.openReports,
        })}
      </Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={QUEUE}>
          {format(m.freshnessWaiting, { n: p.waiting })}
        </a>
      </Paragraph>
      <search>
        <form method="get" action={OVERVIEW} class="naaste-search">
          <Select
            id="sort"
            label={m.sortLabel}
            value={p.sort}
            options={[
              { value: 'urgent', label: m.sortUrgent },
              { value: 'name', label: m.sortName },
            ]}
          />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {m.search}
          </button>
        </form>
      </search>
      {p.result.items.length === 0 ? (
        <Paragraph>{m.freshnessNone}</Paragraph>
      ) : (
        <Table head={[m.organisation, m.colTotal, m.colFresh, m.colStale, m.colOld, m.colNever, m.colReports]}>
          {p.result.items.map((g) => {
            const name = g.ownerName ?? m.noOwner;
            return (
              <tr class="utrecht-table__row" key={g.ownerOrganisationId ?? 'none'}>
                <th class="utrecht-table__header-cell" scope="row">
                  <a class="utrecht-link" href={list(g.ownerOrganisationId)}>
                    {name}
                  </a>
                </th>
                <Cell>{g.total}</Cell>
                <Cell>{count(g.fresh, list(g.ownerOrganisationId, 'actueel'), `${name}: ${m.colFresh} ${g.fresh}`)}</Cell>
                <Cell>{count(g.stale, list(g.ownerOrganisationId, 'ouder-dan-6-maanden'), `${name}: ${m.colStale} ${g.stale}`)}</Cell>
                <Cell>
                  {g.old > 0 ? (
                    <strong>{count(g.old, list(g.ownerOrganisationId, 'ouder-dan-12-maanden'), `${name}: ${m.colOld} ${g.old}`)}</strong>
                  ) : (
                    '0'
                  )}
                </Cell>
                <Cell>{count(g.never, list(g.ownerOrganisationId, 'nooit'), `${name}: ${m.colNever} ${g.never}`)}</Cell>
                <Cell>{g.openReports}</Cell>
              </tr>
            );
          })}
        </Table>
      )}
      <Pagination ctx={ctx} page={p.result.page} pageSize={p.result.pageSize} total={p.result.total} query={{ sort: p.sort }} />
    </Layout>
  );
}

export function CoordinatorListPage(p: {
  ctx: PageContext;
  result: { items: EntryRow[]; total: number; page: number; pageSize: number };
  ownerName: string | null;
  filters: { owner: string; freshness: string; q: string; sort: 'name' | 'checked' | 'status' };
}) {
  const { ctx } = p;
  const m = adminMessages[ctx.locale];
  const title = p.ownerName ? format(m.listTitleOf, { organisation: p.ownerName }) : p.filters.owner === 'geen' ? m.noOwner : m.listTitle;
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      <search>
        <form method="get" action={COORDINATOR_LIST} class="naaste-search">
          <input type="hidden" name="eigenaar" value={p.filters.owner} />
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="q">
              {m.ownSearch}
            </label>
            <input class="utrecht-textbox" type="search" id="q" name="q" value={p.filters.q} maxLength={100} />
          </div>
          <Select id="actualiteit" label={m.filterFreshness} value={p.filters.freshness} options={freshnessOptions(m)} />
          <Select
            id="sort"
            label={m.sortLabel}
            value={p.filters.sort}
            options={[
              { value: 'checked', label: m.sortChecked },
              { value: 'name', label: m.sortName },
            ]}
          />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {m.search}
          </button>
        </form>
      </search>
      <p class="utrecht-paragraph" aria-live="polite">
        {format(m.listCount, { n: p.result.total })}
      </p>
      {p.result.items.length === 0 ? (
        <Paragraph>{m.ownNoneFound}</Paragraph>
      ) : (
        <Table head={[m.name, m.organisation, m.lastChecked, m.reports]}>
          {p.result.items.map((e) => (
            <tr class="utrecht-table__row" key={e.id}>
              <Cell>
                <a class="utrecht-link" href={`/sociale-kaart/diensten/${e.id}`}>
                  {e.name}
                </a>
                {e.pendingChange && !e.changeRejected ? (
                  <>
                    {' '}
                    (
                    <a class="utrecht-link" href={`${QUEUE}/${e.id}`}>
                      {m.changePending}
                    </a>
                    )
                  </>
                ) : null}
              </Cell>
              <Cell>{e.ownerName ?? e.organizationName}</Cell>
              <Cell>
                {formatDate(ctx, e.assuredDate, m)}
                <FreshnessFlag m={m} freshness={e.freshness} />
              </Cell>
              <Cell>{e.openReports}</Cell>
            </tr>
          ))}
        </Table>
      )}
      <Pagination
        ctx={ctx}
        page={p.result.page}
        pageSize={p.result.pageSize}
        total={p.result.total}
        query={{ eigenaar: p.filters.owner, actualiteit: p.filters.freshness, q: p.filters.q, sort: p.filters.sort }}
      />
      <Paragraph>
        <a class="utrecht-link" href={OVERVIEW}>
          {m.backToOverview}
        </a>
      </Paragraph>
    </Layout>
  );
}

// ---- reports --------------------------------------------------------------------------------------

export function ReportsPage(p: {
  ctx: PageContext;
  open: boolean;
  result: { items: ReportRow[]; total: number; page: number; pageSize: number };
  errors: FieldError[];
  notes: Record<string, string>;
  notice?: string | undefined;
}) {
  const { ctx } = p;
  const m = adminMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={titled(p.errors, m, m.reportsTitle)}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Heading1>{m.reportsTitle}</Heading1>
      {p.notice ? (
        <Notice>
          <Paragraph>{p.notice}</Paragraph>
        </Notice>
      ) : null}
      <Paragraph lead>{m.reportsLead}</Paragraph>
      <nav aria-label={m.reports}>
        <ul class="utrecht-unordered-list">
          <li>
            {p.open ? (
              <strong aria-current="page">{m.reportsOpen}</strong>
            ) : (
              <a class="utrecht-link" href={REPORTS}>
                {m.reportsOpen}
              </a>
            )}
          </li>
          <li>
            {!p.open ? (
              <strong aria-current="page">{m.reportsDone}</strong>
            ) : (
              <a class="utrecht-link" href={`${REPORTS}?afgehandeld=ja`}>
                {m.reportsDone}
              </a>
            )}
          </li>
        </ul>
      </nav>
      {p.result.items.length === 0 ? (
        <Paragraph>{p.open ? m.reportsNone : m.reportsNoneDone}</Paragraph>
      ) : (
        <ul class="naaste-plain-list">
          {p.result.items.map((r) => (
            <li key={r.id}>
              <section aria-labelledby={`report-${r.id}`} class="naaste-note">
                <h2 class="utrecht-heading-3" id={`report-${r.id}`}>
                  {format(m.reportAbout, { service: r.serviceName })}
                </h2>
                <Paragraph>{format(m.reportReceived, { date: r.createdAt })}</Paragraph>
                <blockquote class="utrecht-blockquote">
                  <p class="utrecht-paragraph">{r.message}</p>
                </blockquote>
                {r.resolvedAt ? (
                  <Paragraph>
                    {format(m.reportResolvedOn, { date: formatDate(ctx, r.resolvedAt, m), note: r.resolutionNote ?? '' })}
                  </Paragraph>
                ) : (
                  <>
                    <Paragraph>
                      <a class="utrecht-link" href={`${OWN}/${r.serviceId}`}>
                        {m.reportEditEntry}
                      </a>
                    </Paragraph>
                    {r.wantsAnswer ? <Paragraph>{m.reportWantsAnswer}</Paragraph> : null}
                    <Form ctx={ctx} action={`${REPORTS}/${r.id}/afhandelen`}>
                      <TextArea
                        name={`note-${r.id}`}
                        label={m.reportNote}
                        value={p.notes[r.id] ?? ''}
                        errors={p.errors}
                        rows={3}
                        maxLength={1000}
                        required
                      />
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                        {m.reportResolve}
                      </button>
                    </Form>
                  </>
                )}
              </section>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        ctx={ctx}
        page={p.result.page}
        pageSize={p.result.pageSize}
        total={p.result.total}
        query={{ afgehandeld: p.open ? undefined : 'ja' }}
      />
      <Paragraph>
        <a class="utrecht-link" href={OWN}>
          {m.backToList}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function ReportFormPage(p: {
  ctx: PageContext;
  serviceId: string;
  serviceName: string;
  values: { message: string; email: string };
  errors: FieldError[];
}) {
  const { ctx } = p;
  const m = adminMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={titled(p.errors, m, m.reportTitle)}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Heading1>{m.reportTitle}</Heading1>
      <Paragraph lead>{format(m.reportLead, { service: p.serviceName })}</Paragraph>
      <Form ctx={ctx} action={`/sociale-kaart/diensten/${p.serviceId}/melden`}>
        <TextArea
          name="message"
          label={m.reportMessage}
          hint={m.reportMessageHint}
          value={p.values.message}
          errors={p.errors}
          rows={5}
          maxLength={2000}
          required
        />
        <TextField
          name="email"
          type="email"
          label={m.reportEmail}
          hint={m.reportEmailHint}
          value={p.values.email}
          errors={p.errors}
          autocomplete="email"
          maxLength={254}
          optionalLabel={m.optional}
        />
        <SubmitButton>{m.reportSend}</SubmitButton>
      </Form>
      <Paragraph>
        <a class="utrecht-link" href={`/sociale-kaart/diensten/${p.serviceId}`}>
          {m.reportBack}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function ReportThanksPage({ ctx, serviceId }: { ctx: PageContext; serviceId: string }) {
  const m = adminMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.reportThanksTitle}>
      <Heading1>{m.reportThanksTitle}</Heading1>
      <Paragraph>{m.reportThanksLead}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={`/sociale-kaart/diensten/${serviceId}`}>
          {m.reportBack}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function languageOptions(locale: 'nl' | 'en', stored: { code: string; name: string | null }[]): TermOption[] {
  const known = LANGUAGES.map((l) => ({ value: l.code, label: l[locale] }));
  const extra = stored.filter((s) => !LANGUAGES.some((l) => l.code === s.code)).map((s) => ({ value: s.code, label: s.name ?? s.code }));
  return [...known, ...extra];
}
