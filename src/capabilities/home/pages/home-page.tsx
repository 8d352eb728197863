import { catalogue } from '../../../platform/i18n/i18n.ts';
import { Heading1, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';

const messages = catalogue(
  {
    title: 'Zorgt u voor iemand?',
    lead: 'Misschien helpt u uw moeder met boodschappen, zorgt u voor uw partner of kind, of let u op een buurman. Naaste helpt u om het vol te houden.',
    municipalities: 'Kijk wat er in uw gemeente is',
  },
  {
    title: 'Do you look after someone?',
    lead: 'Perhaps you help your mother with shopping, care for your partner or child, or keep an eye on a neighbour. Naaste helps you keep going.',
    municipalities: 'See what your municipality offers',
  },
);

export function HomePage({ ctx }: { ctx: PageContext }) {
  const m = messages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.title}>
      <Heading1>{m.title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href="/gemeenten">
          {m.municipalities}
        </a>
      </Paragraph>
    </Layout>
  );
}
