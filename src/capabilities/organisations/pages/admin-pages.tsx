import { format } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Paragraph } from '../../../ui/components.tsx';
import { Checkbox, Form, Notice, SubmitButton, TextArea, TextField } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { adminMessages } from '../organisations.admin.messages.ts';
import { kindLabels } from '../organisations.messages.ts';
import { ORGANISATION_KINDS, type Municipality, type Organisation } from '../organisations.schemas.ts';

const titled = (ctx: PageContext, title: string, errors: FieldError[]) =>
  errors.length > 0 ? `${adminMessages[ctx.locale].errorTitlePrefix}: ${title}` : title;

export function MunicipalitiesAdminPage({
  ctx,
  active,
  form,
  errors,
  notice,
}: {
  ctx: PageContext;
  active: Municipality[];
  form: { code: string; adminName: string; adminEmail: string };
  errors: FieldError[];
  notice?: string | undefined;
}) {
  const m = adminMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={titled(ctx, m.municipalitiesTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.municipalitiesTitle}</Heading1>
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
        </Notice>
      ) : null}
      <Paragraph lead>{m.municipalitiesLead}</Paragraph>
      <h2 class="utrecht-heading-2">{m.activeTitle}</h2>
      {active.length === 0 ? (
        <Paragraph>{m.activeNone}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {active.map((mun) => (
            <li key={mun.code}>
              <a class="utrecht-link" href={`/gemeenten/${mun.slug}`}>
                {mun.name}
              </a>{' '}
              ({mun.code})
            </li>
          ))}
        </ul>
      )}
      <h2 class="utrecht-heading-2">{m.startTitle}</h2>
      <Form ctx={ctx} action="/beheer/gemeenten">
        <TextField
          name="code"
          label={m.codeLabel}
          hint={m.codeHint}
          value={form.code}
          errors={errors}
          maxLength={6}
          width="short"
          required
        />
        <TextField
          name="adminName"
          label={m.adminNameLabel}
          value={form.adminName}
          errors={errors}
          maxLength={200}
          autocomplete="off"
          required
        />
        <TextField
          name="adminEmail"
          type="email"
          label={m.adminEmailLabel}
          value={form.adminEmail}
          errors={errors}
          maxLength={254}
          autocomplete="off"
          required
        />
        <SubmitButton>{m.startButton}</SubmitButton>
      </Form>
    </Layout>
  );
}

export type OrganisationForm = {
  name: string;
  kind: string;
  isFindingPlace: boolean;
  description: string;
  email: string;
  phone: string;
  website: string;
  street: string;
  postcode: string;
  city: string;
};

export function NetworkAdminPage({
  ctx,
  municipalityName,
  organisations,
  form,
  errors,
  notice,
}: {
  ctx: PageContext;
  municipalityName: string;
  organisations: Organisation[];
  form: OrganisationForm;
  errors: FieldError[];
  notice?: string | undefined;
}) {
  const m = adminMessages[ctx.locale];
  const kinds = kindLabels[ctx.locale];
  const title = format(m.networkTitle, { municipality: municipalityName });
  return (
    <Layout ctx={ctx} title={titled(ctx, title, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{title}</Heading1>
      {notice ? (
        <Notice>
          <Paragraph>{notice}</Paragraph>
        </Notice>
      ) : null}
      <Paragraph lead>{m.networkLead}</Paragraph>
      <ul class="utrecht-unordered-list">
        {organisations.map((o) => (
          <li key={o.id}>
            {o.name} <span class="naaste-muted">({kinds[o.kind]})</span> ·{' '}
            <a class="utrecht-link" href={`/beheer/organisaties/${o.id}/medewerkers`}>
              {m.staffLink}
              <span class="naaste-visually-hidden"> {o.name}</span>
            </a>
          </li>
        ))}
      </ul>
      <h2 class="utrecht-heading-2">{m.addTitle}</h2>
      <Form ctx={ctx} action="/beheer/netwerk">
        <TextField name="name" label={m.nameLabel} value={form.name} errors={errors} maxLength={200} autocomplete="organization" required />
        <div class={`utrecht-form-field naaste-field${errors.some((e) => e.field === 'kind') ? ' naaste-field--invalid' : ''}`}>
          <label class="utrecht-form-label" for="kind">
            {m.kindLabel}
          </label>
          {errors.some((e) => e.field === 'kind') ? (
            <p class="utrecht-form-field-error-message naaste-field-error" id="kind-error">
              {m.errorKind}
            </p>
          ) : null}
          <select
            class="utrecht-select"
            id="kind"
            name="kind"
            aria-describedby={errors.some((e) => e.field === 'kind') ? 'kind-error' : undefined}
          >
            <option value="">—</option>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k} selected={form.kind === k}>
                {kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <Checkbox name="isFindingPlace" label={m.findingPlaceLabel} checked={form.isFindingPlace} errors={errors} />
        <TextArea
          name="description"
          label={m.descriptionLabel}
          optionalLabel={m.optional}
          value={form.description}
          errors={errors}
          rows={3}
          maxLength={2000}
        />
        <TextField
          name="email"
          type="email"
          label={m.emailLabel}
          optionalLabel={m.optional}
          value={form.email}
          errors={errors}
          maxLength={254}
        />
        <TextField
          name="phone"
          type="tel"
          label={m.phoneLabel}
          optionalLabel={m.optional}
          value={form.phone}
          errors={errors}
          maxLength={40}
        />
        <TextField
          name="website"
          type="url"
          label={m.websiteLabel}
          optionalLabel={m.optional}
          value={form.website}
          errors={errors}
          maxLength={500}
        />
        <TextField name="street" label={m.streetLabel} optionalLabel={m.optional} value={form.street} errors={errors} maxLength={200} />
        <TextField
          name="postcode"
          label={m.postcodeLabel}
          optionalLabel={m.optional}
          value={form.postcode}
          errors={errors}
          maxLength={7}
          width="short"
        />
        <TextField name="city" label={m.cityLabel} optionalLabel={m.optional} value={form.city} errors={errors} maxLength={100} />
        <SubmitButton>{m.addButton}</SubmitButton>
      </Form>
    </Layout>
  );
}
