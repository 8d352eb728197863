import type { Locale } from '../../platform/i18n/i18n.ts';

type LinkMail = { to: string; name: string; url: string; minutes: number };

/** Plain-text mails in plain words; the link is on a line of its own so every mail program shows it whole. */
export function signInLinkEmail(locale: Locale, m: LinkMail) {
  return locale === 'en'
    ? {
        to: m.to,
        subject: 'Your link to sign in to Naaste',
        text: `Dear ${m.name},\n\nYou asked to sign in to Naaste. Use this link within ${m.minutes} minutes. It works once.\n\n${m.url}\n\nDid you not ask for this? Then you can ignore this email. Nobody can sign in without this link.\n\nNaaste`,
      }
    : {
        to: m.to,
        subject: 'Uw link om in te loggen bij Naaste',
        text: `Beste ${m.name},\n\nU wilde inloggen bij Naaste. Gebruik deze link binnen ${m.minutes} minuten. De link werkt één keer.\n\n${m.url}\n\nHeeft u dit niet gevraagd? Dan kunt u deze e-mail negeren. Zonder deze link kan niemand inloggen.\n\nNaaste`,
      };
}

export function passwordResetEmail(locale: Locale, m: LinkMail) {
  return locale === 'en'
    ? {
        to: m.to,
        subject: 'Set a new password for Naaste',
        text: `Dear ${m.name},\n\nYou asked for a new password for Naaste. Use this link within ${m.minutes} minutes. It works once.\n\n${m.url}\n\nDid you not ask for this? Then you can ignore this email; your password stays the same.\n\nNaaste`,
      }
    : {
        to: m.to,
        subject: 'Nieuw wachtwoord voor Naaste',
        text: `Beste ${m.name},\n\nU vroeg om een nieuw wachtwoord voor Naaste. Gebruik deze link binnen ${m.minutes} minuten. De link werkt één keer.\n\n${m.url}\n\nHeeft u dit niet gevraagd? Dan kunt u deze e-mail negeren. Uw wachtwoord blijft dan hetzelfde.\n\nNaaste`,
      };
}
