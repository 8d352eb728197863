import { type FieldError, ErrorSummary, Heading1, Paragraph } from '../../../ui/components.tsx';
import { Form, RadioGroup, SubmitButton, TextArea, TextField } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { feedbackMessages } from '../feedback.messages.ts';
import type { FeedbackValues } from '../feedback.schemas.ts';

export function FeedbackPage({ ctx, values, errors }: { ctx: PageContext; values: FeedbackValues; errors: FieldError[] }) {
  const m = feedbackMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${m.errorTitlePrefix}: ${m.title}` : m.title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{m.title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>
      <div class="naaste-note">
        <Paragraph>{m.notForCare}</Paragraph>
      </div>
      <Form ctx={ctx} action="/reactie">
        <input type="hidden" name="page" value={values.page} />
        <RadioGroup
          name="topic"
          label={m.topicLabel}
          value={values.topic}
          errors={errors}
          required
          options={[
            { value: 'question', label: m.topicQuestion },
            { value: 'problem', label: m.topicProblem },
            { value: 'accessibility', label: m.topicAccessibility },
            { value: 'idea', label: m.topicIdea },
          ]}
        />
        <TextArea
          name="message"
          label={m.messageLabel}
          hint={m.messageHint}
          value={values.message}
          errors={errors}
          required
          maxLength={4000}
        />
        <TextField
          name="email"
          type="email"
          label={m.emailLabel}
          hint={m.emailHint}
          optionalLabel={m.optional}
          value={values.email}
          errors={errors}
          autocomplete="email"
          maxLength={254}
        />
        <SubmitButton>{m.send}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function FeedbackThanksPage({ ctx, withEmail }: { ctx: PageContext; withEmail: boolean }) {
  const m = feedbackMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.thanksTitle}>
      <Heading1>{m.thanksTitle}</Heading1>
      <Paragraph lead>{m.thanksLead}</Paragraph>
      <Paragraph>{withEmail ? m.thanksWithEmail : m.thanksWithoutEmail}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href="/">
          {m.thanksBack}
        </a>
      </Paragraph>
    </Layout>
  );
}
