import { format } from '../../../platform/i18n/i18n.ts';
import type { StoredMessage } from '../../../platform/mail/dev-smtp.ts';
import { Heading1, Paragraph } from '../../../ui/components.tsx';
import { Form } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { mailboxMessages } from '../dev-mailbox.messages.ts';

export function MailboxPage({ ctx, messages }: { ctx: PageContext; messages: StoredMessage[] }) {
  const m = mailboxMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.title}>
      <Heading1>{m.title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>
      {messages.length === 0 ? (
        <Paragraph>{m.empty}</Paragraph>
      ) : (
        <>
          <Paragraph>{format(m.count, { n: messages.length })}</Paragraph>
          <ul class="naaste-plain-list naaste-mailbox">
            {messages.map((msg) => (
              <li key={msg.id}>
                <a class="utrecht-link" href={`/dev/mailbox/${msg.id}`}>
                  {msg.subject || '(—)'}
                </a>
                <br />
                <span class="naaste-muted">
                  {m.to}: {msg.to.join(', ')} · {m.received}: {msg.receivedAt}
                </span>
              </li>
            ))}
          </ul>
          <Form ctx={ctx} action="/dev/mailbox/leegmaken">
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">
              {m.clear}
            </button>
          </Form>
        </>
      )}
    </Layout>
  );
}

/** Links in the text become clickable, so a sign-in link can be followed from here. */
function linkify(text: string) {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a class="utrecht-link" href={part} key={i}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export function MessagePage({ ctx, message }: { ctx: PageContext; message: StoredMessage }) {
  const m = mailboxMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={message.subject || m.title}>
      <Heading1>{message.subject || '(—)'}</Heading1>
      <dl class="naaste-facts">
        <dt>{m.from}</dt>
        <dd>{message.from}</dd>
        <dt>{m.to}</dt>
        <dd>{message.to.join(', ')}</dd>
        <dt>{m.received}</dt>
        <dd>{message.receivedAt}</dd>
      </dl>
      <pre class="naaste-mail-text">{linkify(message.text)}</pre>
      <Paragraph>
        <a class="utrecht-link" href="/dev/mailbox">
          {m.back}
        </a>
      </Paragraph>
    </Layout>
  );
}
