import { Heading1, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { accessibilityMessages, privacyMessages } from '../about.messages.ts';

export function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  const m = accessibilityMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.title}>
      <Heading1>{m.title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>
      <h2 class="utrecht-heading-2">{m.standardTitle}</h2>
      <Paragraph>{m.standard}</Paragraph>
      <h2 class="utrecht-heading-2">{m.howTitle}</h2>
      <ul class="utrecht-unordered-list">
        <li>{m.how1}</li>
        <li>{m.how2}</li>
        <li>{m.how3}</li>
        <li>{m.how4}</li>
        <li>{m.how5}</li>
        <li>{m.how6}</li>
      </ul>
      <h2 class="utrecht-heading-2">{m.knownTitle}</h2>
      <Paragraph>{m.known}</Paragraph>
      <h2 class="utrecht-heading-2">{m.reportTitle}</h2>
      <Paragraph>{m.report}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href="/reactie?onderwerp=toegankelijkheid&amp;pagina=/toegankelijkheid">
          {m.reportLink}
        </a>
      </Paragraph>
    </Layout>
  );
}

export function PrivacyPage({ ctx }: { ctx: PageContext }) {
  const m = privacyMessages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.title}>
      <Heading1>{m.title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>
      <h2 class="utrecht-heading-2">{m.principlesTitle}</h2>
      <ul class="utrecht-unordered-list">
        <li>{m.principle1}</li>
        <li>{m.principle2}</li>
        <li>{m.principle3}</li>
        <li>{m.principle4}</li>
      </ul>
      <h2 class="utrecht-heading-2">{m.cookiesTitle}</h2>
      <Paragraph>{m.cookiesLead}</Paragraph>
      <ul class="utrecht-unordered-list">
        <li>{m.cookieLang}</li>
        <li>{m.cookieCsrf}</li>
        <li>{m.cookieSession}</li>
      </ul>
      <Paragraph>{m.cookiesNoConsent}</Paragraph>
      <h2 class="utrecht-heading-2">{m.feedbackTitle}</h2>
      <Paragraph>{m.feedback}</Paragraph>
      <h2 class="utrecht-heading-2">{m.logsTitle}</h2>
      <Paragraph>{m.logs}</Paragraph>
      <h2 class="utrecht-heading-2">{m.rightsTitle}</h2>
      <Paragraph>{m.rights}</Paragraph>
      <h2 class="utrecht-heading-2">{m.whoTitle}</h2>
      <Paragraph>{m.who}</Paragraph>
      <Paragraph>
        {m.contact}{' '}
        <a class="utrecht-link" href="/reactie?pagina=/privacy">
          {m.contactLink}
        </a>
      </Paragraph>
    </Layout>
  );
}
