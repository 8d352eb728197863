import { catalogue } from '../../platform/i18n/i18n.ts';

export const mailboxMessages = catalogue(
  {
    title: 'Ontwikkel-mailbox',
    lead: 'Alle e-mail die Naaste in ontwikkeling verstuurt, komt hier binnen via een echte SMTP-server op deze computer. Deze pagina bestaat niet in productie.',
    empty: 'Er is nog geen e-mail verstuurd.',
    count: '{n} berichten (de nieuwste eerst)',
    from: 'Van',
    to: 'Aan',
    subject: 'Onderwerp',
    received: 'Ontvangen',
    open: 'Open',
    back: 'Terug naar de mailbox',
    clear: 'Maak de mailbox leeg',
  },
  {
    title: 'Development mailbox',
    lead: 'Every email Naaste sends in development arrives here through a real SMTP server on this computer. This page does not exist in production.',
    empty: 'No email has been sent yet.',
    count: '{n} messages (newest first)',
    from: 'From',
    to: 'To',
    subject: 'Subject',
    received: 'Received',
    open: 'Open',
    back: 'Back to the mailbox',
    clear: 'Empty the mailbox',
  },
);
