import { catalogue } from '../platform/i18n/i18n.ts';
import { Heading1, Paragraph } from './components.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

const messages = catalogue(
  {
    title404: 'Deze pagina bestaat niet',
    body404: 'Misschien is het adres niet goed getypt, of is de pagina verplaatst.',
    title500: 'Er ging iets mis',
    body500: 'Dat ligt aan ons, niet aan u. Probeer het over een paar minuten opnieuw.',
    title400: 'Dit verzoek klopt niet',
    body400: 'Controleer het adres of het formulier en probeer het opnieuw.',
    title403: 'U mag deze pagina niet zien',
    body403: 'Log in met een account dat toegang heeft, of ga terug naar de startpagina.',
    title429: 'Even wachten',
    body429: 'Er kwamen te veel verzoeken tegelijk. Wacht een minuut en probeer het opnieuw.',
    title413: 'Dit is te groot',
    body413: 'Wat u stuurde is te groot. Maak het kleiner en probeer het opnieuw.',
    home: 'Naar de startpagina',
  },
  {
    title404: 'This page does not exist',
    body404: 'The address may be mistyped, or the page has moved.',
    title500: 'Something went wrong',
    body500: 'That is our fault, not yours. Please try again in a few minutes.',
    title400: 'This request is not right',
    body400: 'Check the address or the form and try again.',
    title403: 'You may not see this page',
    body403: 'Sign in with an account that has access, or go back to the home page.',
    title429: 'Please wait',
    body429: 'Too many requests came in at once. Wait a minute and try again.',
    title413: 'This is too large',
    body413: 'What you sent is too large. Make it smaller and try again.',
    home: 'Go to the home page',
  },
);

export function ErrorPage({ ctx, status }: { ctx: PageContext; status: 400 | 403 | 404 | 413 | 429 | 500 }) {
  const m = messages[ctx.locale];
  const title = m[`title${status}`];
  return (
    <Layout ctx={ctx} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{m[`body${status}`]}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href="/">
          {m.home}
        </a>
      </Paragraph>
    </Layout>
  );
}
