import { type FieldError, Paragraph } from '../../../ui/components.tsx';
import { Form, SubmitButton, TextField } from '../../../ui/forms.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { ssoMessages } from '../sso.messages.ts';

/** The field of the single sign-on form; its own name, so its errors never land on the password form. */
export const SSO_EMAIL_FIELD = 'ssoEmail';

/** "Sign in through your organisation" on the staff sign-in page: one address, then to the organisation's provider. */
export function SsoSection({
  ctx,
  email,
  errors,
  next,
}: {
  ctx: PageContext;
  email: string;
  errors: FieldError[];
  next?: string | undefined;
}) {
  const m = ssoMessages[ctx.locale];
  return (
    <section aria-labelledby="sso-title">
      <h2 class="utrecht-heading-2" id="sso-title">
        {m.sectionTitle}
      </h2>
      <Paragraph>{m.sectionLead}</Paragraph>
      <Form ctx={ctx} action={next ? `/inloggen/sso?terug=${encodeURIComponent(next)}` : '/inloggen/sso'}>
        <TextField
          name={SSO_EMAIL_FIELD}
          type="email"
          label={m.emailLabel}
          value={email}
          errors={errors}
          autocomplete="email"
          maxLength={254}
          required
        />
        <SubmitButton>{m.button}</SubmitButton>
      </Form>
    </section>
  );
}
