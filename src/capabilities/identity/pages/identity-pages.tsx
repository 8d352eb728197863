import type { Membership } from '../../../platform/auth/roles.ts';
import type { SessionAccount } from '../../../platform/auth/sessions.ts';
import { format } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FieldError, Heading1, Paragraph } from '../../../ui/components.tsx';
import { Form, SubmitButton, TextField } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import type { Enrolment } from '../identity.service.ts';
import { identityMessages } from '../identity.messages.ts';
import { SsoSection } from './sso-pages.tsx';

const msg = (ctx: PageContext) => identityMessages[ctx.locale];
const titled = (ctx: PageContext, title: string, errors: FieldError[]) =>
  errors.length > 0 ? `${msg(ctx).errorTitlePrefix}: ${title}` : title;
const withNext = (path: string, next: string | undefined) => (next ? `${path}?terug=${encodeURIComponent(next)}` : path);

export function SignInPage({ ctx, email, errors }: { ctx: PageContext; email: string; errors: FieldError[] }) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={titled(ctx, m.signInTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.signInTitle}</Heading1>
      <Paragraph lead>{m.signInLead}</Paragraph>
      <section aria-labelledby="inwoners">
        <h2 class="utrecht-heading-2" id="inwoners">
          {m.residentTitle}
        </h2>
        <Paragraph>{m.residentLead}</Paragraph>
        <Form ctx={ctx} action="/inloggen/link">
          <TextField
            name="email"
            type="email"
            label={m.emailLabel}
            value={email}
            errors={errors}
            autocomplete="email"
            maxLength={254}
            required
          />
          <SubmitButton>{m.sendLink}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="medewerkers">
        <h2 class="utrecht-heading-2" id="medewerkers">
          {m.professionalTitle}
        </h2>
        <Paragraph>{m.professionalLead}</Paragraph>
        <Paragraph>
          <a class="utrecht-link" href="/inloggen/medewerker">
            {m.professionalLink}
          </a>
        </Paragraph>
      </section>
    </Layout>
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
  link?: { href: string; label: string };
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      {lines.map((line, i) => (
        <Paragraph key={line} lead={i === 0}>
          {line}
        </Paragraph>
      ))}
      {link ? (
        <Paragraph>
          <a class="utrecht-link" href={link.href}>
            {link.label}
          </a>
        </Paragraph>
      ) : null}
    </Layout>
  );
}

/** Asks for a press of the button: mail scanners that open links must not use up the sign-in. */
export function LinkConfirmPage({ ctx, token }: { ctx: PageContext; token: string }) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={m.linkConfirmTitle}>
      <Heading1>{m.linkConfirmTitle}</Heading1>
      <Paragraph lead>{m.linkConfirmLead}</Paragraph>
      <Form ctx={ctx} action={`/inloggen/link/${token}`}>
        <SubmitButton>{m.linkConfirmButton}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function ProfessionalSignInPage({
  ctx,
  email,
  errors,
  next,
  ssoEmail = '',
}: {
  ctx: PageContext;
  email: string;
  errors: FieldError[];
  next?: string | undefined;
  ssoEmail?: string;
}) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={titled(ctx, m.professionalLink, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.professionalLink}</Heading1>
      <Paragraph lead>{m.professionalLead}</Paragraph>
      <Form ctx={ctx} action={withNext('/inloggen/medewerker', next)}>
        <TextField
          name="email"
          type="email"
          label={m.emailLabel}
          value={email}
          errors={errors}
          autocomplete="username"
          maxLength={254}
          required
        />
        <TextField
          name="password"
          type="password"
          label={m.passwordLabel}
          value=""
          errors={errors}
          autocomplete="current-password"
          maxLength={200}
          required
        />
        <SubmitButton>{m.signInButton}</SubmitButton>
      </Form>
      <Paragraph>
        <a class="utrecht-link" href="/wachtwoord-vergeten">
          {m.forgotPassword}
        </a>
      </Paragraph>
      <SsoSection ctx={ctx} email={ssoEmail} errors={errors} next={next} />
    </Layout>
  );
}

export function CodePage({ ctx, errors, next }: { ctx: PageContext; errors: FieldError[]; next?: string | undefined }) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={titled(ctx, m.codeTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.codeTitle}</Heading1>
      <Paragraph lead>{m.codeLead}</Paragraph>
      <Form ctx={ctx} action={withNext('/inloggen/code', next)}>
        <TextField
          name="code"
          label={m.codeLabel}
          hint={m.codeHint}
          value=""
          errors={errors}
          autocomplete="one-time-code"
          inputMode="text"
          maxLength={20}
          width="short"
          required
        />
        <SubmitButton>{m.codeButton}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function EnrolPage({
  ctx,
  enrolment,
  errors,
  next,
}: {
  ctx: PageContext;
  enrolment: Enrolment;
  errors: FieldError[];
  next?: string | undefined;
}) {
  const m = msg(ctx);
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(' ') ?? enrolment.secret;
  return (
    <Layout ctx={ctx} title={titled(ctx, m.enrolTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.enrolTitle}</Heading1>
      <Paragraph lead>{m.enrolLead}</Paragraph>
      <ol class="utrecht-ordered-list naaste-steps">
        <li>{m.enrolStep1}</li>
        <li>
          {m.enrolStep2}
          {/* The SVG is made by the qrcode package from our own otpauth URI; it contains no script. */}
          <div class="naaste-qr" role="img" aria-label={m.enrolQrLabel} dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
        </li>
        <li>
          {m.enrolStep3}{' '}
          <code class="naaste-secret" data-secret={enrolment.secret}>
            {grouped}
          </code>
        </li>
        <li>{m.enrolStep4}</li>
      </ol>
      <Form ctx={ctx} action={withNext('/inloggen/tweestaps-instellen', next)}>
        <TextField
          name="code"
          label={m.codeLabel}
          value=""
          errors={errors}
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={10}
          width="short"
          required
        />
        <SubmitButton>{m.codeButton}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function RecoveryCodesPage({ ctx, codes, next }: { ctx: PageContext; codes: string[]; next: string }) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={m.recoveryTitle}>
      <Heading1>{m.recoveryTitle}</Heading1>
      <Paragraph lead>{m.recoveryLead}</Paragraph>
      <ul class="naaste-recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <Paragraph>
        <a class="utrecht-button-link utrecht-button-link--primary-action" href={next}>
          {m.recoveryContinue}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function ForgotPage({ ctx, email, errors }: { ctx: PageContext; email: string; errors: FieldError[] }) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={titled(ctx, m.forgotTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.forgotTitle}</Heading1>
      <Paragraph lead>{m.forgotLead}</Paragraph>
      <Form ctx={ctx} action="/wachtwoord-vergeten">
        <TextField
          name="email"
          type="email"
          label={m.emailLabel}
          value={email}
          errors={errors}
          autocomplete="email"
          maxLength={254}
          required
        />
        <SubmitButton>{m.forgotButton}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function ResetPage({ ctx, token, errors }: { ctx: PageContext; token: string; errors: FieldError[] }) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={titled(ctx, m.resetTitle, errors)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.resetTitle}</Heading1>
      <Paragraph lead>{m.resetLead}</Paragraph>
      <Form ctx={ctx} action={`/wachtwoord-herstellen/${token}`}>
        <TextField
          name="password"
          type="password"
          label={m.newPasswordLabel}
          value=""
          errors={errors}
          autocomplete="new-password"
          maxLength={200}
          required
        />
        <SubmitButton>{m.resetButton}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function AccountPage({
  ctx,
  account,
  memberships,
  notice,
}: {
  ctx: PageContext;
  account: SessionAccount;
  memberships: Membership[];
  notice?: string | undefined;
}) {
  const m = msg(ctx);
  return (
    <Layout ctx={ctx} title={m.accountTitle}>
      <Heading1>{m.accountTitle}</Heading1>
      {notice ? (
        <div class="naaste-note" role="status">
          <Paragraph>{notice}</Paragraph>
        </div>
      ) : null}
      <Paragraph lead>{format(m.accountLead, { name: account.displayName, email: account.email })}</Paragraph>
      <h2 class="utrecht-heading-2">{m.membershipsTitle}</h2>
      {memberships.length === 0 ? (
        <Paragraph>{m.membershipsNone}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {memberships.map((ms) => (
            <li key={`${ms.tenantId}-${ms.organisationId}`}>
              {ms.organisationName ?? ms.municipalityName} ({ms.municipalityName}): {ms.roles.join(', ')}
            </li>
          ))}
        </ul>
      )}
      <ul class="utrecht-unordered-list">
        {memberships.some((ms) => ms.roles.includes('caregiver')) ? (
          <li>
            <a class="utrecht-link" href="/mijn-zorg">
              {m.careLink}
            </a>
          </li>
        ) : null}
        {memberships.some((ms) => ms.roles.includes('supportConsultant')) ? (
          <li>
            <a class="utrecht-link" href="/werkplek">
              {m.workspaceLink}
            </a>
          </li>
        ) : null}
        {account.kind === 'professional' ? (
          <li>
            <a class="utrecht-link" href="/beheer">
              {m.adminLink}
            </a>
          </li>
        ) : null}
        <li>
          <a class="utrecht-link" href="/mijn-gegevens">
            {m.privacyLink}
          </a>
        </li>
      </ul>
      <div class="naaste-actions">
        <Form ctx={ctx} action="/uitloggen">
          <SubmitButton>{m.signOut}</SubmitButton>
        </Form>
        <Form ctx={ctx} action="/uitloggen/overal">
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {m.signOutEverywhere}
          </button>
        </Form>
      </div>
    </Layout>
  );
}
