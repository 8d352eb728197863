import type { Role } from '../../../platform/auth/roles.ts';
import { format } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Pagination, Paragraph } from '../../../ui/components.tsx';
import { CheckboxGroup, Form, Notice, SubmitButton, TextField } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { accessReviewMessages } from '../../access-review/access-review.messages.ts';
import { identityMessages } from '../../identity/identity.messages.ts';
import type { StaffMember } from '../staff.schemas.ts';
import { roleLabels, staffMessages } from '../staff.messages.ts';

export type AdminLink = { href: string; label: string };

export function AdminHomePage({ ctx, links, needsChoice }: { ctx: PageContext; links: AdminLink[]; needsChoice: boolean }) {
  const m = staffMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.adminTitle}>
      <Heading1>{m.adminTitle}</Heading1>
      {needsChoice ? (
        <Notice>
          <Paragraph>
            <a class="utrecht-link" href="/kies-gemeente?terug=/beheer">
              {m.chooseNeeded}
            </a>
          </Paragraph>
        </Notice>
      ) : null}
      {links.length === 0 ? (
        <Paragraph>{m.adminNothing}</Paragraph>
      ) : (
        <>
          <Paragraph lead>{m.adminLead}</Paragraph>
          <ul class="utrecht-unordered-list">
            {links.map((l) => (
              <li key={l.href}>
                <a class="utrecht-link" href={l.href}>
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export function ChooseMunicipalityPage({
  ctx,
  options,
  next,
}: {
  ctx: PageContext;
  options: { tenantId: string; name: string }[];
  next: string;
}) {
  const m = staffMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.chooseTitle}>
      <Heading1>{m.chooseTitle}</Heading1>
      <Paragraph lead>{m.chooseLead}</Paragraph>
      <ul class="naaste-plain-list">
        {options.map((o) => (
          <li key={o.tenantId}>
            <Form ctx={ctx} action={`/kies-gemeente?terug=${encodeURIComponent(next)}`}>
              <input type="hidden" name="tenant" value={o.tenantId} />
              <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                {o.name}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function statusOf(ctx: PageContext, s: StaffMember): string {
  const m = staffMessages[ctx.locale];
  if (s.membershipDisabled || s.accountDisabled) return m.statusDisabled;
  return s.invitationPending ? m.statusInvited : m.statusActive;
}

export type StaffListProps = {
  ctx: PageContext;
  organisationId: string;
  organisationName: string;
  result: { items: StaffMember[]; total: number; page: number; pageSize: number };
  search: string;
  sort: 'name' | 'email';
  assignable: Role[];
  invite: { email: string; displayName: string; roles: string[] };
  errors: FieldError[];
  notice?: string | undefined;
};

export function StaffListPage(p: StaffListProps) {
  const { ctx } = p;
  const m = staffMessages[ctx.locale];
  const roles = roleLabels[ctx.locale];
  const title = format(m.staffTitle, { organisation: p.organisationName });
  const base = `/beheer/organisaties/${p.organisationId}/medewerkers`;
  return (
    <Layout ctx={ctx} title={p.errors.length > 0 ? `${m.errorTitlePrefix}: ${title}` : title}>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <Heading1>{title}</Heading1>
      {p.notice ? (
        <Notice>
          <Paragraph>{p.notice}</Paragraph>
        </Notice>
      ) : null}
      <Paragraph lead>{m.staffLead}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={`/beheer/organisaties/${p.organisationId}/toegangscontrole`}>
          {accessReviewMessages[ctx.locale].linkFromStaff}
        </a>
      </Paragraph>
      <search>
        <form method="get" action={base} class="naaste-search">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="q">
              {m.searchLabel}
            </label>
            <input class="utrecht-textbox" type="search" id="q" name="q" value={p.search} maxLength={100} />
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="sort">
              {m.sortLabel}
            </label>
            <select class="utrecht-select" id="sort" name="sort">
              <option value="name" selected={p.sort === 'name'}>
                {m.sortName}
              </option>
              <option value="email" selected={p.sort === 'email'}>
                {m.sortEmail}
              </option>
            </select>
          </div>
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {m.searchButton}
          </button>
        </form>
      </search>
      <p class="utrecht-paragraph" aria-live="polite">
        {format(m.count, { n: p.result.total })}
      </p>
      {p.result.items.length === 0 ? (
        <Paragraph>{p.search ? format(m.noneFound, { q: p.search }) : m.none}</Paragraph>
      ) : (
        <div class="naaste-table-scroll">
          <table class="utrecht-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  {m.name}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {m.email}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {m.roles}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {m.status}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  <span class="naaste-visually-hidden">{m.change}</span>
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {p.result.items.map((s) => (
                <tr class="utrecht-table__row" key={s.membershipId}>
                  <td class="utrecht-table__cell">{s.displayName}</td>
                  <td class="utrecht-table__cell">{s.email}</td>
                  <td class="utrecht-table__cell">{s.roles.map((r) => roles[r]).join(', ')}</td>
                  <td class="utrecht-table__cell">{statusOf(ctx, s)}</td>
                  <td class="utrecht-table__cell">
                    <a class="utrecht-link" href={`${base}/${s.membershipId}`} aria-label={format(m.changeFor, { name: s.displayName })}>
                      {m.change}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        ctx={ctx}
        page={p.result.page}
        pageSize={p.result.pageSize}
        total={p.result.total}
        query={{ q: p.search, sort: p.sort }}
      />
      <section aria-labelledby="uitnodigen">
        <h2 class="utrecht-heading-2" id="uitnodigen">
          {m.inviteTitle}
        </h2>
        <Form ctx={ctx} action={base}>
          <TextField
            name="displayName"
            label={m.inviteName}
            value={p.invite.displayName}
            errors={p.errors}
            autocomplete="off"
            maxLength={200}
            required
          />
          <TextField
            name="email"
            type="email"
            label={m.inviteEmail}
            value={p.invite.email}
            errors={p.errors}
            autocomplete="off"
            maxLength={254}
            required
          />
          <CheckboxGroup
            name="roles"
            label={m.inviteRoles}
            hint={m.inviteRolesHint}
            values={p.invite.roles}
            errors={p.errors}
            options={p.assignable.map((r) => ({ value: r, label: roles[r] }))}
          />
          <SubmitButton>{m.inviteButton}</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}

export function StaffMemberPage({
  ctx,
  organisationId,
  member,
  assignable,
  errors,
  notice,
  undo,
}: {
  ctx: PageContext;
  organisationId: string;
  member: StaffMember;
  assignable: Role[];
  errors: FieldError[];
  notice?: string | undefined;
  undo?: 'enable' | 'disable' | undefined;
}) {
  const m = staffMessages[ctx.locale];
  const roles = roleLabels[ctx.locale];
  const base = `/beheer/organisaties/${organisationId}/medewerkers`;
  const disabled = member.membershipDisabled || member.accountDisabled;
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${m.errorTitlePrefix}: ${member.displayName}` : member.displayName}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{member.displayName}</Heading1>
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
          {undo ? (
            <Form ctx={ctx} action={`${base}/${member.membershipId}/${undo === 'enable' ? 'inschakelen' : 'uitschakelen'}`}>
              <button class="utrecht-button utrecht-button--subtle" type="submit">
                {m.undo}
              </button>
            </Form>
          ) : null}
        </Notice>
      ) : null}
      <Paragraph lead>{format(m.memberLead, { email: member.email, status: statusOf(ctx, member) })}</Paragraph>
      <Form ctx={ctx} action={`${base}/${member.membershipId}/rollen`}>
        <CheckboxGroup
          name="roles"
          label={m.roles}
          values={member.roles}
          errors={errors}
          options={assignable.map((r) => ({ value: r, label: roles[r] }))}
        />
        <SubmitButton>{m.rolesButton}</SubmitButton>
      </Form>
      <h2 class="utrecht-heading-2">{m.disableTitle}</h2>
      <Paragraph>{disabled ? m.enableLead : m.disableLead}</Paragraph>
      <Form ctx={ctx} action={`${base}/${member.membershipId}/${disabled ? 'inschakelen' : 'uitschakelen'}`}>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {disabled ? m.enableButton : m.disableButton}
        </button>
      </Form>
      <Paragraph>
        <a class="utrecht-link" href={base}>
          {m.back}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function AcceptInvitationPage({ ctx, token, errors }: { ctx: PageContext; token: string; errors: FieldError[] }) {
  const m = staffMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${m.errorTitlePrefix}: ${m.inviteAcceptTitle}` : m.inviteAcceptTitle}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.inviteAcceptTitle}</Heading1>
      <Paragraph lead>{m.inviteAcceptLead}</Paragraph>
      <Form ctx={ctx} action={`/uitnodiging/${token}`}>
        <TextField
          name="password"
          type="password"
          label={identityMessages[ctx.locale].newPasswordLabel}
          value=""
          errors={errors}
          autocomplete="new-password"
          maxLength={200}
          required
        />
        <SubmitButton>{m.inviteAcceptButton}</SubmitButton>
      </Form>
    </Layout>
  );
}
