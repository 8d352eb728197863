import { catalogue } from '../../../platform/i18n/i18n.ts';
import { Heading1, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';

const messages = catalogue(
  {
    title: 'Zorgt u voor iemand?',
    lead: 'Misschien doet u boodschappen voor uw moeder. Of u zorgt voor uw partner of uw kind. Of u let op een buurman die ziek is. Dan bent u niet de enige: in Nederland zorgen ruim 4 miljoen mensen voor iemand.',
    checkLink: 'Zorgt u voor iemand? Kijk in 2 minuten wat u kan helpen',
    balanceLink: 'Hoe zwaar is de zorg voor u? Doe de balanscheck',
    registerLink: 'Wilt u steun van het steunpunt mantelzorg? Meld u aan',
    whatTitle: 'Wat is Naaste?',
    what: 'Naaste is een website van uw gemeente en de organisaties bij u in de buurt. Hier vindt u hulp en steun, zodat u het zorgen goed kunt volhouden.',
    findTitle: 'Hulp vinden in uw gemeente',
    find: 'Kijk welke organisaties in uw gemeente meedoen. Bijvoorbeeld het steunpunt mantelzorg, het wijkteam of een vrijwilligersorganisatie.',
    findLabel: 'Uw gemeente',
    findButton: 'Zoek',
    helpTitle: 'Waarmee kunnen zij u helpen?',
    help1: 'Informatie en advies: wat kunt u regelen, en waar moet u zijn?',
    help2: 'Iemand om mee te praten, of mensen in dezelfde situatie.',
    help3: 'Even vrij: iemand neemt de zorg een tijdje van u over.',
    help4: 'Praktische hulp: bijvoorbeeld bij vervoer, het huishouden of de papieren.',
    tiredTitle: 'Wordt het u te veel?',
    tired:
      'Zorgen voor iemand kan zwaar zijn. Het is normaal om soms moe of boos te zijn. Wacht niet te lang met hulp vragen. Het steunpunt mantelzorg in uw gemeente denkt met u mee. Dat kost niets.',
    urgent: 'Is er nu gevaar, of is er spoed? Bel 112. Maakt u zich zorgen over uw eigen gezondheid? Praat erover met uw huisarts.',
    volunteerTitle: 'Wilt u helpen als vrijwilliger?',
    volunteer:
      'Er zijn veel mensen die graag wat hulp willen. Een uur oppassen, samen wandelen of een klus in huis. De vrijwilligersorganisatie in uw gemeente brengt u in contact.',
    proTitle: 'Werkt u bij een organisatie?',
    pro: 'Organisaties in het netwerk van een gemeente gebruiken Naaste om samen te werken. Systemen kunnen gegevens ophalen via de open API.',
    proLink: 'Lees over de open API',
  },
  {
    title: 'Do you look after someone?',
    lead: 'Perhaps you do the shopping for your mother. Or you care for your partner or your child. Or you keep an eye on a neighbour who is ill. Then you are not alone: more than 4 million people in the Netherlands look after someone.',
    checkLink: 'Do you look after someone? See in 2 minutes what could help you',
    balanceLink: 'How heavy is caring for you? Take the balance check',
    registerLink: 'Would you like support from the caregiver support centre? Register',
    whatTitle: 'What is Naaste?',
    what: 'Naaste is a website of your municipality and the organisations near you. Here you find help and support, so that you can keep going.',
    findTitle: 'Find help in your municipality',
    find: 'See which organisations take part in your municipality. For example the caregiver support centre, the district team or a volunteer organisation.',
    findLabel: 'Your municipality',
    findButton: 'Search',
    helpTitle: 'How can they help you?',
    help1: 'Information and advice: what can you arrange, and where do you go?',
    help2: 'Someone to talk to, or people in the same situation.',
    help3: 'A break: someone takes over the care for a while.',
    help4: 'Practical help: for example with transport, the household or paperwork.',
    tiredTitle: 'Is it getting too much?',
    tired:
      'Caring for someone can be hard. It is normal to feel tired or angry at times. Do not wait too long to ask for help. The caregiver support centre in your municipality will think along with you, free of charge.',
    urgent: 'Is there danger now, or an emergency? Call 112. Are you worried about your own health? Talk to your GP about it.',
    volunteerTitle: 'Would you like to help as a volunteer?',
    volunteer:
      'Many people would welcome a little help. An hour of sitting in, a walk together or a small job at home. The volunteer organisation in your municipality puts you in touch.',
    proTitle: 'Do you work for an organisation?',
    pro: 'Organisations in a municipality’s network use Naaste to work together. Other systems can fetch data through the open API.',
    proLink: 'Read about the open API',
  },
);

export function HomePage({ ctx }: { ctx: PageContext }) {
  const m = messages[ctx.locale];
  return (
    <Layout ctx={ctx} title={m.title}>
      <Heading1>{m.title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>
      <ul class="utrecht-unordered-list naaste-next-steps">
        <li>
          <a class="utrecht-link" href="/zorgt-u-voor-iemand">
            {m.checkLink}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href="/balanscheck">
            {m.balanceLink}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href="/aanmelden">
            {m.registerLink}
          </a>
        </li>
      </ul>
      <h2 class="utrecht-heading-2">{m.whatTitle}</h2>
      <Paragraph>{m.what}</Paragraph>
      <section aria-labelledby="vind-hulp">
        <h2 class="utrecht-heading-2" id="vind-hulp">
          {m.findTitle}
        </h2>
        <Paragraph>{m.find}</Paragraph>
        <search>
          <form method="get" action="/gemeenten" class="naaste-search">
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="gemeente">
                {m.findLabel}
              </label>
              <input class="utrecht-textbox" type="search" id="gemeente" name="q" maxLength={100} autocomplete="address-level2" />
            </div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {m.findButton}
            </button>
          </form>
        </search>
      </section>
      <h2 class="utrecht-heading-2">{m.helpTitle}</h2>
      <ul class="utrecht-unordered-list">
        <li>{m.help1}</li>
        <li>{m.help2}</li>
        <li>{m.help3}</li>
        <li>{m.help4}</li>
      </ul>
      <h2 class="utrecht-heading-2">{m.tiredTitle}</h2>
      <Paragraph>{m.tired}</Paragraph>
      <div class="naaste-note">
        <Paragraph>{m.urgent}</Paragraph>
      </div>
      <h2 class="utrecht-heading-2">{m.volunteerTitle}</h2>
      <Paragraph>{m.volunteer}</Paragraph>
      <h2 class="utrecht-heading-2">{m.proTitle}</h2>
      <Paragraph>{m.pro}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href="/api/v1/docs">
          {m.proLink}
        </a>
      </Paragraph>
    </Layout>
  );
}
