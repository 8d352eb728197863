import type { ComponentChildren } from 'preact';
import { Fragment } from 'preact';
import { format } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Paragraph } from '../../../ui/components.tsx';
import { Checkbox, CheckboxGroup, Form, Notice, RadioGroup, SubmitButton, TextArea, TextField } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { dateWords } from '../../privacy/pages/privacy-pages.tsx';
import { caregiverMessages, word } from '../caregivers.messages.ts';
import * as q from '../caregivers.queries.ts';
import type {
  CaseView,
  ChangeLine,
  Home,
  KitchenTable,
  Own,
  PreparationForm,
  RegistrationForm,
  RelationshipDetail,
  RelationshipForm,
  RelationshipSummary,
  ShareOptions,
  SupportView,
} from '../caregivers.service.ts';

const msg = (ctx: PageContext) => caregiverMessages[ctx.locale];
/** A stored day (YYYY-MM-DD) in words. */
export const dayWords = (ctx: PageContext, day: string) => dateWords(ctx, `${day}T12:00:00Z`);
const titleOf = (ctx: PageContext, title: string, errors: FieldError[]) =>
  errors.length > 0 ? `${msg(ctx).errorTitlePrefix}: ${title}` : title;
const base = (id: string) => `/mijn-zorg/${id}`;

function Select({
  name,
  label,
  value,
  options,
  errors,
  placeholder,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  errors: FieldError[];
  placeholder: string;
}) {
  const error = errors.find((e) => e.field === name)?.message;
  return (
    <div class={`utrecht-form-field naaste-field${error ? ' utrecht-form-field--invalid naaste-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={name}>
        {label}
      </label>
      {error ? (
        <p class="utrecht-form-field-error-message naaste-field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      <select
        class={`utrecht-select${error ? ' utrecht-select--invalid' : ''}`}
        id={name}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="naaste-facts">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Paragraph>
      <a class="utrecht-link naaste-no-print" href={href}>
        {label}
      </a>
    </Paragraph>
  );
}

export function MessagePage({
  ctx,
  title,
  lines,
  link,
}: {
  ctx: PageContext;
  title: string;
  lines: string[];
  link: { href: string; label: string };
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      {lines.map((line, i) => (
        <Paragraph key={line} lead={i === 0}>
          {line}
        </Paragraph>
      ))}
      <BackLink href={link.href} label={link.label} />
    </Layout>
  );
}

function GuardianFields({ ctx, name, confirmed, errors }: { ctx: PageContext; name: string; confirmed: boolean; errors: FieldError[] }) {
  const m = msg(ctx);
  return (
    <>
      <Paragraph>{m.guardianIntro}</Paragraph>
      <TextField name="guardianName" label={m.guardianNameLabel} value={name} errors={errors} autocomplete="off" maxLength={200} />
      <Checkbox name="guardianConfirmed" label={m.guardianConfirmLabel} checked={confirmed} errors={errors} />
    </>
  );
}

// ---- registration -----------------------------------------------------------------------------------

export function RegisterPage({
  ctx,
  form,
  errors,
  municipalities,
  fixed,
}: {
  ctx: PageContext;
  form: RegistrationForm;
  errors: FieldError[];
  municipalities: q.MunicipalityChoice[];
  fixed: q.MunicipalityChoice | null;
}) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={titleOf(ctx, m.registerTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.registerTitle}</Heading1>
      <Paragraph lead>{m.registerLead}</Paragraph>
      {municipalities.length === 0 ? (
        <Paragraph>{m.registerNoMunicipalities}</Paragraph>
      ) : (
        <Form ctx={ctx} action={fixed ? `/aanmelden?gemeente=${fixed.slug}` : '/aanmelden'}>
          <TextField
            name="displayName"
            label={m.registerNameLabel}
            hint={m.registerNameHint}
            value={form.displayName}
            errors={errors}
            autocomplete="nickname"
            maxLength={100}
          />
          <TextField
            name="email"
            type="email"
            label={m.registerEmailLabel}
            hint={m.registerEmailHint}
            value={form.email}
            errors={errors}
            autocomplete="email"
            inputMode="email"
            maxLength={254}
          />
          {fixed ? (
            <>
              <input type="hidden" name="municipality" value={fixed.id} />
              <Paragraph>{format(m.registerMunicipalityFixed, { name: fixed.name })}</Paragraph>
            </>
          ) : (
            <Select
              name="municipality"
              label={m.registerMunicipalityLabel}
              value={form.municipality}
              options={municipalities.map((x) => ({ value: x.id, label: x.name }))}
              errors={errors}
              placeholder={m.registerMunicipalityChoose}
            />
          )}
          <RadioGroup
            name="age"
            label={m.registerAgeLabel}
            value={form.age}
            errors={errors}
            options={[
              { value: 'adult', label: m.registerAgeAdult },
              { value: 'under16', label: m.registerAgeUnder16 },
            ]}
          />
          <TextField
            name="birthYear"
            label={m.registerBirthYearLabel}
            hint={`${m.registerBirthYearHint} (${m.registerAgeUnder16.toLowerCase()})`}
            value={form.birthYear}
            errors={errors}
            inputMode="numeric"
            maxLength={4}
            width="short"
            optionalLabel={m.optional}
          />
          <GuardianFields ctx={ctx} name={form.guardianName} confirmed={form.guardianConfirmed} errors={errors} />
          <Paragraph>{m.registerPrivacy}</Paragraph>
          <SubmitButton>{m.registerButton}</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}

export function JoinPage({
  ctx,
  municipalities,
  form,
  errors,
  under16,
}: {
  ctx: PageContext;
  municipalities: q.MunicipalityChoice[];
  form: { municipality: string; guardianName: string; guardianConfirmed: boolean };
  errors: FieldError[];
  under16: boolean;
}) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={titleOf(ctx, m.joinTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.joinTitle}</Heading1>
      <Paragraph lead>{m.joinLead}</Paragraph>
      <Form ctx={ctx} action="/mijn-zorg/aanmelden">
        <Select
          name="municipality"
          label={m.registerMunicipalityLabel}
          value={form.municipality}
          options={municipalities.map((x) => ({ value: x.id, label: x.name }))}
          errors={errors}
          placeholder={m.registerMunicipalityChoose}
        />
        {under16 ? <GuardianFields ctx={ctx} name={form.guardianName} confirmed={form.guardianConfirmed} errors={errors} /> : null}
        <SubmitButton>{m.joinButton}</SubmitButton>
      </Form>
    </Layout>
  );
}

// ---- home ----------------------------------------------------------------------------------------------

function BalanceLine({ ctx, balance }: { ctx: PageContext; balance: q.LatestBalance | null }) {
  const m = msg(ctx);
  return (
    <>
      {balance ? (
        <>
          <Paragraph>
            {format(m.balanceLatest, {
              instrument: balance.instrumentKey.toUpperCase(),
              date: dateWords(ctx, balance.takenAt),
              score: balance.score,
            })}
          </Paragraph>
          {balance.aboveThreshold ? (
            <Paragraph>
              <strong>{m.balanceHigh}</strong>
            </Paragraph>
          ) : null}
        </>
      ) : (
        <Paragraph>{m.balanceNone}</Paragraph>
      )}
      <ul class="utrecht-unordered-list">
        {balance ? (
          <li>
            <a class="utrecht-link" href="/mijn-zorg/balans">
              {m.balanceLinkChart}
            </a>
          </li>
        ) : null}
        <li>
          <a class="utrecht-link" href="/balanscheck">
            {m.balanceLinkCheck}
          </a>
        </li>
      </ul>
    </>
  );
}

function whoText(ctx: PageContext, who: string, whoName: string | null): string {
  return whoName ? `${word(ctx.locale, 'who', who)} (${whoName})` : word(ctx.locale, 'who', who);
}

/** "Since" in prose: the year alone when only the year was given, otherwise the date in words. */
function sinceWords(ctx: PageContext, day: string): string {
  return day.endsWith('-01-01') ? day.slice(0, 4) : dayWords(ctx, day);
}

function RelationshipCard({ ctx, s, withBalance }: { ctx: PageContext; s: RelationshipSummary; withBalance: boolean }) {
  const m = msg(ctx);
  const r = s.relationship;
  const name = r.caredForName;
  const headingId = `zorg-${r.id}`;
  const bits = [word(ctx.locale, 'relation', r.relation), word(ctx.locale, 'age', r.ageBand)];
  if (r.hoursPerWeek !== null) bits.push(format(m.hoursSince, { hours: r.hoursPerWeek }));
  if (r.caringSince) bits.push(format(m.sinceYear, { since: sinceWords(ctx, r.caringSince) }));
  return (
    <section class="naaste-operation" aria-labelledby={headingId}>
      <h3 class="utrecht-heading-3" id={headingId}>
        {format(m.youCareFor, { name })}
      </h3>
      {r.endedAt ? <Paragraph>{format(m.relationEnded, { name, date: dateWords(ctx, r.endedAt) })}</Paragraph> : null}
      <Paragraph>{bits.join(' · ')}</Paragraph>
      {s.network.length > 0 ? (
        <Paragraph>
          {m.networkTitle} {s.network.map((n) => n.name).join(', ')}
        </Paragraph>
      ) : null}
      {withBalance && s.balance ? <BalanceLine ctx={ctx} balance={s.balance} /> : null}
      <Paragraph>{s.sharedWith.length > 0 ? format(m.sharedWith, { names: s.sharedWith.join(', ') }) : m.sharedWithNone}</Paragraph>
      {s.sharedWith.length > 0 ? (
        <>
          <h4 class="utrecht-heading-4">{m.plannedTitle}</h4>
          {s.planned.length === 0 ? (
            <Paragraph>{m.plannedNone}</Paragraph>
          ) : (
            <ul class="utrecht-unordered-list">
              {s.planned.map((a) => (
                <li key={a.id}>
                  {format(m.actionLine, { what: a.description, who: whoText(ctx, a.who, a.whoName) })}
                  {a.dueOn ? ` · ${dayWords(ctx, a.dueOn)}` : ''}
                </li>
              ))}
            </ul>
          )}
          {s.nextFollowUp ? <Paragraph>{format(m.nextLook, { date: dayWords(ctx, s.nextFollowUp) })}</Paragraph> : null}
          {s.latestNote ? (
            <>
              <Paragraph>
                {s.latestNote.authorName
                  ? format(m.latestNote, { name: s.latestNote.authorName, date: dateWords(ctx, s.latestNote.createdAt) })
                  : format(m.latestNoteNoName, { date: dateWords(ctx, s.latestNote.createdAt) })}
              </Paragraph>
              <blockquote class="utrecht-blockquote">
                <p class="utrecht-paragraph">{s.latestNote.body}</p>
              </blockquote>
            </>
          ) : null}
        </>
      ) : null}
      <ul class="utrecht-unordered-list">
        <li>
          <a class="utrecht-link" href={base(r.id)}>
            {format(m.openRelationship, { name })}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href={`${base(r.id)}/ondersteuning`}>
            {format(m.linkSupport, { name })}
          </a>
        </li>
        {r.endedAt ? null : (
          <>
            <li>
              <a class="utrecht-link" href={`${base(r.id)}/delen`}>
                {m.linkShare}
              </a>
            </li>
            <li>
              <a class="utrecht-link" href={`${base(r.id)}/keukentafel`}>
                {m.linkKitchen}
              </a>
            </li>
          </>
        )}
      </ul>
    </section>
  );
}

export function HomePage({ ctx, home, notice }: { ctx: PageContext; home: Home; notice?: string | undefined }) {
  const m = msg(ctx);
  const many = home.municipalities.length > 1;
  const balances = home.municipalities
    .flatMap((x) => [x.balance, ...x.relationships.map((r) => r.balance)])
    .filter((b): b is q.LatestBalance => b !== null)
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : -1));
  const anyBalance = balances[0] ?? null;
  // With one relationship the balance above says it all; with more, each card shows its own.
  const perRelationship = home.municipalities.reduce((n, x) => n + x.relationships.length, 0) > 1;
  return (
    <Layout ctx={ctx} title={m.homeTitle}>
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
        </Notice>
      ) : null}
      <Heading1>{m.homeTitle}</Heading1>
      <Paragraph lead>{m.homeLead}</Paragraph>
      <h2 class="utrecht-heading-2">{m.homeHowAreYou}</h2>
      <BalanceLine ctx={ctx} balance={anyBalance} />
      {home.municipalities.map((mun) => (
        <section key={mun.tenantId} aria-label={many ? format(m.homeMunicipality, { name: mun.name }) : m.homeTitle}>
          {many ? <h2 class="utrecht-heading-2">{format(m.homeMunicipality, { name: mun.name })}</h2> : null}
          {mun.relationships.length === 0 ? <Paragraph>{m.homeNoRelationships}</Paragraph> : null}
          {mun.relationships.map((s) => (
            <RelationshipCard key={s.relationship.id} ctx={ctx} s={s} withBalance={perRelationship} />
          ))}
        </section>
      ))}
      <Paragraph>
        <a class="utrecht-link" href="/mijn-zorg/nieuw">
          {home.municipalities.some((x) => x.relationships.length > 0) ? m.homeAddAnother : m.homeAdd}
        </a>
      </Paragraph>
      <Paragraph>
        <a class="utrecht-link" href="/mijn-gegevens">
          {m.myDataLink}
        </a>
      </Paragraph>
    </Layout>
  );
}

// ---- the relationship form ----------------------------------------------------------------------------------

export function RelationshipFormPage({
  ctx,
  form,
  errors,
  edit,
  municipalities,
  municipality,
}: {
  ctx: PageContext;
  form: RelationshipForm;
  errors: FieldError[];
  edit: { id: string; name: string } | null;
  municipalities: { tenantId: string; name: string }[];
  municipality: string;
}) {
  const m = msg(ctx);
  const title = edit ? format(m.editTitle, { name: edit.name }) : m.newTitle;
  const opts = (prefix: string, codes: readonly string[]) => codes.map((c) => ({ value: c, label: word(ctx.locale, prefix, c) }));
  return (
    <Layout ctx={ctx} title={titleOf(ctx, title, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{title}</Heading1>
      <Paragraph lead>{m.formLead}</Paragraph>
      <Form ctx={ctx} action={edit ? `${base(edit.id)}/wijzigen` : '/mijn-zorg/nieuw'}>
        {!edit && municipalities.length > 1 ? (
          <Select
            name="municipality"
            label={m.registerMunicipalityLabel}
            value={municipality}
            options={municipalities.map((x) => ({ value: x.tenantId, label: x.name }))}
            errors={errors}
            placeholder={m.registerMunicipalityChoose}
          />
        ) : null}
        <TextField
          name="caredForName"
          label={m.caredForNameLabel}
          hint={m.caredForNameHint}
          value={form.caredForName}
          errors={errors}
          autocomplete="off"
          maxLength={60}
        />
        <RadioGroup name="ageBand" label={m.ageBandLabel} value={form.ageBand} errors={errors} options={opts('age', q.AGE_BANDS)} />
        <RadioGroup name="relation" label={m.relationLabel} value={form.relation} errors={errors} options={opts('relation', q.RELATIONS)} />
        <TextArea
          name="conditionText"
          label={m.conditionLabel}
          hint={m.conditionHint}
          value={form.conditionText}
          errors={errors}
          rows={4}
          maxLength={2000}
          optionalLabel={m.optional}
        />
        <CheckboxGroup
          name="tasks"
          label={m.tasksLabel}
          hint={m.tasksHint}
          values={form.tasks}
          errors={errors}
          options={opts('task', q.TASKS)}
        />
        <TextField
          name="hoursPerWeek"
          label={m.hoursLabel}
          hint={m.hoursHint}
          value={form.hoursPerWeek}
          errors={errors}
          inputMode="numeric"
          maxLength={3}
          width="short"
          optionalLabel={m.optional}
        />
        <TextField
          name="caringSince"
          label={m.sinceLabel}
          hint={m.sinceHint}
          value={form.caringSince}
          errors={errors}
          maxLength={10}
          width="short"
          optionalLabel={m.optional}
        />
        <RadioGroup
          name="livingTogether"
          label={m.livingLabel}
          value={form.livingTogether}
          errors={errors}
          options={[
            { value: 'ja', label: m.yes },
            { value: 'nee', label: m.no },
            { value: '', label: m.notSaid },
          ]}
        />
        <CheckboxGroup
          name="combinesWith"
          label={m.combinesLabel}
          hint={m.combinesHint}
          values={form.combinesWith}
          errors={errors}
          options={opts('combines', q.COMBINES)}
        />
        <SubmitButton>{m.saveButton}</SubmitButton>
      </Form>
      <BackLink href={edit ? base(edit.id) : '/mijn-zorg'} label={m.cancelLink} />
    </Layout>
  );
}

// ---- one relationship ----------------------------------------------------------------------------------

export type MemberNotice = { kind: 'added' | 'removed'; member: { kind: string; name: string; helpsWith: string | null } };

export function RelationshipPage({
  ctx,
  d,
  notice,
  member,
  errors,
  memberNotice,
}: {
  ctx: PageContext;
  d: RelationshipDetail;
  notice?: string | undefined;
  member: { kind: string; name: string; helpsWith: string };
  errors: FieldError[];
  memberNotice?: MemberNotice | undefined;
}) {
  const m = msg(ctx);
  const r = d.relationship;
  const name = r.caredForName;
  const ended = r.endedAt !== null;
  const filled = (v: string | null | undefined) => (v && v.length > 0 ? v : m.notFilled);
  const title = format(m.youCareFor, { name });
  return (
    <Layout ctx={ctx} title={titleOf(ctx, title, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
          {ended ? (
            <Form ctx={ctx} action={`${base(r.id)}/hervatten`}>
              <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                {format(m.resumeButton, { name })}
              </button>
            </Form>
          ) : null}
        </Notice>
      ) : null}
      {memberNotice ? (
        <Notice>
          <Paragraph>
            {format(memberNotice.kind === 'added' ? m.networkAdded : m.networkRemoved, { name: memberNotice.member.name })}
          </Paragraph>
          {memberNotice.kind === 'removed' ? (
            <Form ctx={ctx} action={`${base(r.id)}/netwerk`}>
              <input type="hidden" name="kind" value={memberNotice.member.kind} />
              <input type="hidden" name="name" value={memberNotice.member.name} />
              <input type="hidden" name="helpsWith" value={memberNotice.member.helpsWith ?? ''} />
              <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                {m.undoButton}
              </button>
            </Form>
          ) : null}
        </Notice>
      ) : null}
      <Heading1>{title}</Heading1>
      {ended ? (
        <>
          <Paragraph lead>{format(m.relationEnded, { name, date: dateWords(ctx, r.endedAt as string) })}</Paragraph>
          {notice ? null : (
            <Form ctx={ctx} action={`${base(r.id)}/hervatten`}>
              <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                {format(m.resumeButton, { name })}
              </button>
            </Form>
          )}
        </>
      ) : null}
      <Facts
        rows={[
          [m.detailRelation, word(ctx.locale, 'relation', r.relation)],
          [m.detailAge, word(ctx.locale, 'age', r.ageBand)],
          [m.detailWhat, filled(r.conditionText)],
          [m.detailTasks, filled(r.tasks.map((t) => word(ctx.locale, 'task', t)).join(', '))],
          [m.detailHours, r.hoursPerWeek === null ? m.notFilled : String(r.hoursPerWeek)],
          [m.detailSince, r.caringSince ? sinceWords(ctx, r.caringSince) : m.notFilled],
          [m.detailLiving, r.livingTogether === null ? m.notFilled : r.livingTogether ? m.yes : m.no],
          [m.detailCombines, filled(r.combinesWith.map((c) => word(ctx.locale, 'combines', c)).join(', '))],
        ]}
      />
      {ended ? null : (
        <Paragraph>
          <a class="utrecht-link" href={`${base(r.id)}/wijzigen`}>
            {m.editLink}
          </a>
        </Paragraph>
      )}

      <h2 class="utrecht-heading-2">{m.networkTitle}</h2>
      <Paragraph>{m.networkLead}</Paragraph>
      {d.network.length === 0 ? (
        <Paragraph>{m.networkNone}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {d.network.map((n) => (
            <li key={n.id}>
              {n.name} ({word(ctx.locale, 'kind', n.kind)}){n.helpsWith ? `, ${format(m.networkHelpsWith, { what: n.helpsWith })}` : ''}
              {ended ? null : (
                <Form ctx={ctx} action={`${base(r.id)}/netwerk/${n.id}/verwijderen`}>
                  <button
                    class="utrecht-button utrecht-button--secondary-action"
                    type="submit"
                    aria-label={format(m.networkRemoveLabel, { name: n.name })}
                  >
                    {m.networkRemove}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {ended ? null : (
        <>
          <h3 class="utrecht-heading-3">{m.networkAddTitle}</h3>
          <Form ctx={ctx} action={`${base(r.id)}/netwerk`}>
            <RadioGroup
              name="kind"
              label={m.networkKindLabel}
              value={member.kind}
              errors={errors}
              options={q.NETWORK_KINDS.map((k) => ({ value: k, label: word(ctx.locale, 'kind', k) }))}
            />
            <TextField
              name="name"
              label={m.networkNameLabel}
              hint={m.networkNameHint}
              value={member.name}
              errors={errors}
              maxLength={100}
              autocomplete="off"
            />
            <TextField
              name="helpsWith"
              label={m.networkHelpsLabel}
              value={member.helpsWith}
              errors={errors}
              maxLength={500}
              optionalLabel={m.optional}
            />
            <SubmitButton>{m.networkAddButton}</SubmitButton>
          </Form>
        </>
      )}

      <h2 class="utrecht-heading-2">{m.homeHowAreYou}</h2>
      <BalanceLine ctx={ctx} balance={d.balance} />

      <h2 class="utrecht-heading-2">{m.linkShare}</h2>
      <Paragraph>
        {d.cases.some((k) => k.shared)
          ? format(m.sharedWith, {
              names: d.cases
                .filter((k) => k.shared)
                .map((k) => k.organisationName)
                .join(', '),
            })
          : m.sharedWithNone}
      </Paragraph>
      <ul class="utrecht-unordered-list">
        {ended ? null : (
          <li>
            <a class="utrecht-link" href={`${base(r.id)}/delen`}>
              {m.linkShare}
            </a>
          </li>
        )}
        <li>
          <a class="utrecht-link" href={`${base(r.id)}/ondersteuning`}>
            {format(m.linkSupport, { name })}
          </a>
        </li>
        {ended ? null : (
          <li>
            <a class="utrecht-link" href={`${base(r.id)}/keukentafel`}>
              {m.linkKitchen}
            </a>
          </li>
        )}
        {ended ? null : (
          <li>
            <a class="utrecht-link" href={`${base(r.id)}/beeindigen`}>
              {format(m.endLink, { name })}
            </a>
          </li>
        )}
      </ul>
      <BackLink href="/mijn-zorg" label={m.backHome} />
    </Layout>
  );
}

export function EndPage({ ctx, own }: { ctx: PageContext; own: Own }) {
  const m = msg(ctx);
  const name = own.relationship.caredForName;
  return (
    <Layout ctx={ctx} title={format(m.endTitle, { name })}>
      <Heading1>{format(m.endTitle, { name })}</Heading1>
      <Paragraph lead>{format(m.endLead, { name })}</Paragraph>
      <Paragraph>{m.endWhat}</Paragraph>
      <Form ctx={ctx} action={`${base(own.relationship.id)}/beeindigen`}>
        <SubmitButton>{m.endButton}</SubmitButton>
      </Form>
      <BackLink href={base(own.relationship.id)} label={format(m.backToRelationship, { name })} />
    </Layout>
  );
}

// ---- sharing -------------------------------------------------------------------------------------------------

export type ConsentFormValues = { organisationId: string; validUntil: string; guardianName: string; guardianConfirmed: boolean };

export function SharePage({
  ctx,
  own,
  options,
  form,
  errors,
  notice,
}: {
  ctx: PageContext;
  own: Own;
  options: ShareOptions;
  form: ConsentFormValues;
  errors: FieldError[];
  notice?: string | undefined;
}) {
  const m = msg(ctx);
  const name = own.relationship.caredForName;
  const title = format(m.shareTitle, { name });
  return (
    <Layout ctx={ctx} title={titleOf(ctx, title, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
        </Notice>
      ) : null}
      <Heading1>{title}</Heading1>
      <Paragraph lead>{m.shareLead}</Paragraph>
      <Paragraph>{m.shareWhat}</Paragraph>
      <h2 class="utrecht-heading-2">{options.consents.length > 0 ? m.sharedNow : m.sharedNowNone}</h2>
      {options.consents.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {options.consents.map((c) => (
            <li key={c.id}>{format(m.sharedUntil, { organisation: c.recipientOrganisationName, until: dateWords(ctx, c.validUntil) })}</li>
          ))}
        </ul>
      ) : null}
      <Paragraph>
        {m.withdrawHint}{' '}
        <a class="utrecht-link" href="/mijn-gegevens">
          {m.myDataLink}
        </a>
      </Paragraph>
      {options.organisations.length === 0 ? (
        <Paragraph>{m.noOrganisations}</Paragraph>
      ) : (
        <Form ctx={ctx} action={`${base(own.relationship.id)}/delen`}>
          <RadioGroup
            name="organisationId"
            label={m.shareOrganisationLabel}
            value={form.organisationId}
            errors={errors}
            options={options.organisations.map((o) => ({
              value: o.id,
              label: o.kind === 'supportCentre' ? `${o.name} (${m.shareSupportCentre})` : o.name,
            }))}
          />
          <TextField
            name="validUntil"
            type="date"
            label={m.shareUntilLabel}
            hint={format(m.shareUntilHint, { example: dayWords(ctx, options.defaultUntil) })}
            value={form.validUntil}
            errors={errors}
            width="short"
          />
          {options.under16 ? (
            <GuardianFields ctx={ctx} name={form.guardianName} confirmed={form.guardianConfirmed} errors={errors} />
          ) : null}
          <SubmitButton>{m.shareButton}</SubmitButton>
        </Form>
      )}
      <BackLink href={base(own.relationship.id)} label={format(m.backToRelationship, { name })} />
    </Layout>
  );
}

// ---- the support plan -----------------------------------------------------------------------------------------

function changeText(ctx: PageContext, line: ChangeLine): string {
  const m = msg(ctx);
  let extra = line.extra ?? '';
  if (line.kind === 'goalChanged') extra = word(ctx.locale, 'goalStatus', extra);
  if (line.kind === 'followUpPlanned' && extra) extra = dayWords(ctx, extra);
  const text = format(word(ctx.locale, 'change', line.kind), { text: line.text, extra });
  return format(m.changeOn, { date: dateWords(ctx, line.at), text });
}

function CaseSection({
  ctx,
  k,
  relationshipId,
  errors,
  reason,
}: {
  ctx: PageContext;
  k: CaseView;
  relationshipId: string;
  errors: FieldError[];
  reason: string;
}) {
  const m = msg(ctx);
  const headingId = `ondersteuning-${k.id}`;
  if (!k.shared) {
    return (
      <section aria-labelledby={headingId}>
        <h2 class="utrecht-heading-2" id={headingId}>
          {k.organisationName}
        </h2>
        <Paragraph>{format(m.supportNotShared, { organisation: k.organisationName })}</Paragraph>
        <Paragraph>
          <a class="utrecht-link" href={`${base(relationshipId)}/delen`}>
            {m.supportShareAgain}
          </a>
        </Paragraph>
      </section>
    );
  }
  const forms = ['information', 'emotional', 'respite', 'practical'].filter((f) => k.goals.some((g) => g.form === f));
  const loose = k.actions.filter((a) => a.goalId === null);
  const ActionItem = ({ a }: { a: q.ActionRow }) => (
    <li>
      {format(m.actionLine, { what: a.description, who: whoText(ctx, a.who, a.whoName) })}
      {a.dueOn ? ` ${format(m.actionDue, { date: dayWords(ctx, a.dueOn) })}` : ''}
      {a.doneAt ? ` ${m.actionDone}` : ''}
    </li>
  );
  return (
    <section aria-labelledby={headingId}>
      <h2 class="utrecht-heading-2" id={headingId}>
        {k.organisationName}
      </h2>
      <Paragraph>{word(ctx.locale, 'caseStatus', k.status)}</Paragraph>
      <Paragraph>{k.consultantName ? format(m.consultant, { name: k.consultantName }) : m.consultantNone}</Paragraph>
      <h3 class="utrecht-heading-3">{m.goalsTitle}</h3>
      {k.goals.length === 0 && loose.length === 0 ? <Paragraph>{m.goalsNone}</Paragraph> : null}
      {forms.map((f) => (
        <Fragment key={f}>
          <h4 class="utrecht-heading-4">{word(ctx.locale, 'form', f)}</h4>
          <ul class="utrecht-unordered-list">
            {k.goals
              .filter((g) => g.form === f)
              .map((g) => (
                <li key={g.id}>
                  {format(m.goalLine, { goal: g.goal, status: word(ctx.locale, 'goalStatus', g.status) })}
                  {k.actions.some((a) => a.goalId === g.id) ? (
                    <ul class="utrecht-unordered-list">
                      {k.actions
                        .filter((a) => a.goalId === g.id)
                        .map((a) => (
                          <ActionItem key={a.id} a={a} />
                        ))}
                    </ul>
                  ) : null}
                </li>
              ))}
          </ul>
        </Fragment>
      ))}
      {loose.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {loose.map((a) => (
            <ActionItem key={a.id} a={a} />
          ))}
        </ul>
      ) : null}
      <h3 class="utrecht-heading-3">{m.followUpsTitle}</h3>
      {k.followUps.filter((f) => !f.doneAt).length === 0 ? (
        <Paragraph>{m.followUpsNone}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {k.followUps
            .filter((f) => !f.doneAt)
            .map((f) => (
              <li key={f.id}>{format(m.followUpLine, { date: dayWords(ctx, f.dueOn), purpose: f.purpose })}</li>
            ))}
        </ul>
      )}
      <h3 class="utrecht-heading-3">{m.notesTitle}</h3>
      {k.notes.length === 0 ? (
        <Paragraph>{m.notesNone}</Paragraph>
      ) : (
        k.notes.map((n) => (
          <div key={n.id} class="naaste-note">
            <Paragraph>
              {n.authorName
                ? format(m.latestNote, { name: n.authorName, date: dateWords(ctx, n.createdAt) })
                : format(m.latestNoteNoName, { date: dateWords(ctx, n.createdAt) })}
            </Paragraph>
            <Paragraph>{n.body}</Paragraph>
          </div>
        ))
      )}
      <h3 class="utrecht-heading-3">{m.changesTitle}</h3>
      {k.changes.length === 0 ? (
        <Paragraph>{m.changesNone}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {k.changes.map((c) => (
            <li key={`${c.kind}-${c.at}-${c.text}`}>{changeText(ctx, c)}</li>
          ))}
        </ul>
      )}
      {k.status !== 'closed' ? (
        <>
          <h3 class="utrecht-heading-3">{m.otherConsultantTitle}</h3>
          {k.consultantChangeRequestedAt ? (
            <Paragraph>{format(m.otherConsultantAsked, { date: dateWords(ctx, k.consultantChangeRequestedAt) })}</Paragraph>
          ) : (
            <>
              <Paragraph>{m.otherConsultantLead}</Paragraph>
              <Form ctx={ctx} action={`${base(relationshipId)}/ondersteuning/${k.id}/andere-consulent`}>
                <TextArea
                  name="reason"
                  label={m.otherConsultantReason}
                  value={reason}
                  errors={errors}
                  rows={3}
                  maxLength={1000}
                  optionalLabel={m.optional}
                />
                <SubmitButton>{m.otherConsultantButton}</SubmitButton>
              </Form>
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

export function SupportPage({
  ctx,
  view,
  errors,
  notice,
  change,
  reason,
}: {
  ctx: PageContext;
  view: SupportView;
  errors: FieldError[];
  notice?: string | undefined;
  change: { kind: string; description: string };
  reason: string;
}) {
  const m = msg(ctx);
  const r = view.relationship;
  const name = r.caredForName;
  const title = format(m.supportTitle, { name });
  return (
    <Layout ctx={ctx} title={titleOf(ctx, title, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
        </Notice>
      ) : null}
      <Heading1>{title}</Heading1>
      <Paragraph lead>{m.supportLead}</Paragraph>
      {view.cases.length === 0 ? (
        <>
          <Paragraph>{format(m.supportNone, { name })}</Paragraph>
          {r.endedAt ? null : (
            <Paragraph>
              <a class="utrecht-link" href={`${base(r.id)}/delen`}>
                {m.linkShare}
              </a>
            </Paragraph>
          )}
        </>
      ) : null}
      {view.cases.map((k) => (
        <CaseSection key={k.id} ctx={ctx} k={k} relationshipId={r.id} errors={errors.filter((e) => e.field === 'reason')} reason={reason} />
      ))}
      {r.endedAt ? null : (
        <section aria-labelledby="verandering">
          <h2 class="utrecht-heading-2" id="verandering">
            {m.changeTitle}
          </h2>
          <Paragraph>{format(m.changeLead, { name })}</Paragraph>
          <Form ctx={ctx} action={`${base(r.id)}/verandering`}>
            <RadioGroup
              name="kind"
              label={m.changeKindLabel}
              value={change.kind}
              errors={errors}
              options={q.CHANGE_KINDS.map((k) => ({ value: k, label: format(word(ctx.locale, 'changeKind', k), { name }) }))}
            />
            <TextArea
              name="description"
              label={m.changeDescriptionLabel}
              value={change.description}
              errors={errors}
              rows={4}
              maxLength={2000}
            />
            <SubmitButton>{m.changeButton}</SubmitButton>
          </Form>
        </section>
      )}
      {view.situationChanges.length > 0 ? (
        <>
          <h2 class="utrecht-heading-2">{m.changesReported}</h2>
          <ul class="utrecht-unordered-list">
            {view.situationChanges.map((s) => (
              <li key={s.id}>
                {format(m.changeOn, {
                  date: dateWords(ctx, s.reportedAt),
                  text: format(word(ctx.locale, 'changeKind', s.kind), { name }) + (s.description ? `: ${s.description}` : ''),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <BackLink href={base(r.id)} label={format(m.backToRelationship, { name })} />
    </Layout>
  );
}

// ---- keukentafelgesprek ---------------------------------------------------------------------------------------------

function Agreements({ ctx, table }: { ctx: PageContext; table: KitchenTable }) {
  const m = msg(ctx);
  return (
    <>
      <h2 class="utrecht-heading-2">{m.agreementsTitle}</h2>
      {table.agreements.length === 0 ? (
        <Paragraph>{m.agreementsNone}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {table.agreements.map((a) => (
            <li key={a.id}>
              {format(m.agreementLine, {
                who: whoText(ctx, a.who, a.whoName),
                what: a.contribution,
              })}
              {a.evaluation ? ` ${word(ctx.locale, 'evaluation', a.evaluation)}` : ''}
              {a.evaluationNote ? ` ${a.evaluationNote}` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * Sharing the preparation: the active shares of both kinds with their end dates, then one form
 * with the choice of who may see it (the Wmo desk, or the consultant of an organisation that
 * supports this care relationship). With only the Wmo desk to choose, the form asks no choice.
 */
function PreparationShare({
  ctx,
  table,
  share,
  errors,
}: {
  ctx: PageContext;
  table: KitchenTable;
  share: ConsentFormValues;
  errors: FieldError[];
}) {
  const m = msg(ctx);
  const id = table.relationship.id;
  const shares = [
    ...table.consents.map((c) => ({
      id: c.id,
      text: format(m.assessorShared, { organisation: c.recipientOrganisationName, until: dateWords(ctx, c.validUntil) }),
    })),
    ...table.supportConsents.map((c) => ({
      id: c.id,
      text: format(m.consultantShared, { organisation: c.recipientOrganisationName, until: dateWords(ctx, c.validUntil) }),
    })),
  ];
  const choices = [
    ...(table.assessor ? [{ value: table.assessor.id, label: format(m.recipientAssessor, { organisation: table.assessor.name }) }] : []),
    ...table.supporters.map((o) => ({ value: o.id, label: format(m.recipientConsultant, { organisation: o.name }) })),
  ];
  const askChoice = table.supporters.length > 0 || errors.some((e) => e.field === 'organisationId');
  return (
    <>
      <h2 class="utrecht-heading-2">{m.preparationShareTitle}</h2>
      <Paragraph>{m.preparationShareLead}</Paragraph>
      <Paragraph>{shares.length > 0 ? m.preparationSharedNow : m.preparationSharedNone}</Paragraph>
      {shares.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {shares.map((s) => (
            <li key={s.id}>{s.text}</li>
          ))}
        </ul>
      ) : null}
      {choices.length === 0 ? (
        <Paragraph>{m.assessorNone}</Paragraph>
      ) : (
        <>
          {!askChoice && table.assessor ? <Paragraph>{format(m.assessorLead, { organisation: table.assessor.name })}</Paragraph> : null}
          <Form ctx={ctx} action={`${base(id)}/keukentafel/delen`}>
            {askChoice ? (
              <RadioGroup
                name="organisationId"
                label={m.recipientLabel}
                hint={choices.length > 1 ? m.recipientHint : undefined}
                value={share.organisationId}
                errors={errors}
                options={choices}
              />
            ) : (
              <input type="hidden" name="organisationId" value={choices[0]?.value ?? ''} />
            )}
            <TextField
              name="validUntil"
              type="date"
              label={m.shareUntilLabel}
              hint={format(m.shareUntilHint, { example: dayWords(ctx, table.defaultUntil) })}
              value={share.validUntil}
              errors={errors}
              width="short"
            />
            {table.under16 ? (
              <GuardianFields ctx={ctx} name={share.guardianName} confirmed={share.guardianConfirmed} errors={errors} />
            ) : null}
            <SubmitButton>{askChoice ? m.preparationShareButton : m.assessorButton}</SubmitButton>
          </Form>
        </>
      )}
      {table.supporters.length === 0 ? (
        <Paragraph>
          {m.consultantHowTo}{' '}
          <a class="utrecht-link" href={`${base(id)}/delen`}>
            {m.linkShare}
          </a>
        </Paragraph>
      ) : null}
      <Paragraph>
        {m.withdrawHint}{' '}
        <a class="utrecht-link" href="/mijn-gegevens">
          {m.myDataLink}
        </a>
      </Paragraph>
    </>
  );
}

export function KitchenPage({
  ctx,
  table,
  form,
  errors,
  share,
  notice,
}: {
  ctx: PageContext;
  table: KitchenTable;
  form: PreparationForm;
  errors: FieldError[];
  share: ConsentFormValues;
  notice?: string | undefined;
}) {
  const m = msg(ctx);
  const r = table.relationship;
  const name = r.caredForName;
  const id = r.id;
  const requested = table.preparation?.supportRequestedAt ?? null;
  return (
    <Layout ctx={ctx} title={titleOf(ctx, m.kitchenTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
        </Notice>
      ) : null}
      <Heading1>{m.kitchenTitle}</Heading1>
      <Paragraph lead>{format(m.kitchenLead, { name })}</Paragraph>
      <Form ctx={ctx} action={`${base(id)}/keukentafel`}>
        <TextArea name="whatIDo" label={format(m.whatIDoLabel, { name })} value={form.whatIDo} errors={errors} rows={5} maxLength={4000} />
        <TextArea name="canAndWant" label={m.canAndWantLabel} value={form.canAndWant} errors={errors} rows={5} maxLength={4000} />
        <TextArea name="limits" label={m.limitsLabel} value={form.limits} errors={errors} rows={5} maxLength={4000} />
        <TextArea name="needs" label={m.needsLabel} value={form.needs} errors={errors} rows={5} maxLength={4000} />
        <TextField
          name="conversationOn"
          type="date"
          label={m.conversationOnLabel}
          hint={m.conversationOnHint}
          value={form.conversationOn}
          errors={errors}
          width="short"
          optionalLabel={m.optional}
        />
        <SubmitButton>{m.kitchenSave}</SubmitButton>
      </Form>
      {table.preparation ? (
        <Paragraph>
          <a class="utrecht-link" href={`${base(id)}/keukentafel/afdrukken`}>
            {m.printLink}
          </a>
        </Paragraph>
      ) : null}

      <h2 class="utrecht-heading-2">{m.independentTitle}</h2>
      <Paragraph>{m.independentLead}</Paragraph>
      {requested ? <Paragraph>{format(m.independentAsked, { date: dateWords(ctx, requested) })}</Paragraph> : null}
      <Form ctx={ctx} action={`${base(id)}/keukentafel/ondersteuning`}>
        <input type="hidden" name="gevraagd" value={requested ? 'nee' : 'ja'} />
        <button class={`utrecht-button ${requested ? 'utrecht-button--secondary-action' : 'utrecht-button--primary-action'}`} type="submit">
          {requested ? m.independentCancel : m.independentAsk}
        </button>
      </Form>

      <PreparationShare ctx={ctx} table={table} share={share} errors={errors} />
      <Agreements ctx={ctx} table={table} />
      <BackLink href={base(id)} label={format(m.backToRelationship, { name })} />
    </Layout>
  );
}

export function KitchenPrintPage({ ctx, table }: { ctx: PageContext; table: KitchenTable }) {
  const m = msg(ctx);
  const name = table.relationship.caredForName;
  const p = table.preparation;
  const block = (label: string, value: string | null | undefined) => (
    <section>
      <h2 class="utrecht-heading-2">{label}</h2>
      <Paragraph>{value && value.length > 0 ? value : m.printEmpty}</Paragraph>
    </section>
  );
  return (
    <Layout ctx={ctx} title={format(m.printTitle, { name })}>
      <Heading1>{format(m.printTitle, { name })}</Heading1>
      <Paragraph lead>{format(m.printLead, { date: dateWords(ctx, new Date().toISOString()) })}</Paragraph>
      {p?.conversationOn ? <Paragraph>{format(m.printConversation, { date: dayWords(ctx, p.conversationOn) })}</Paragraph> : null}
      {block(format(m.whatIDoLabel, { name }), p?.whatIDo)}
      {block(m.canAndWantLabel, p?.canAndWant)}
      {block(m.limitsLabel, p?.limits)}
      {block(m.needsLabel, p?.needs)}
      {p?.supportRequestedAt ? (
        <section>
          <h2 class="utrecht-heading-2">{m.independentTitle}</h2>
          <Paragraph>{format(m.independentAsked, { date: dateWords(ctx, p.supportRequestedAt) })}</Paragraph>
        </section>
      ) : null}
      {table.agreements.length > 0 ? <Agreements ctx={ctx} table={table} /> : null}
      <BackLink href={`${base(table.relationship.id)}/keukentafel`} label={m.kitchenTitle} />
    </Layout>
  );
}
