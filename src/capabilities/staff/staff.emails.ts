import type { Locale } from '../../platform/i18n/i18n.ts';

type Invite = { to: string; name: string; organisation: string; inviter: string; url: string; days: number };
type Added = { to: string; name: string; organisation: string; inviter: string; url: string };

export function invitationEmail(locale: Locale, m: Invite) {
  return locale === 'en'
    ? {
        to: m.to,
        subject: `Invitation to work in Naaste for ${m.organisation}`,
        text: `Dear ${m.name},\n\n${m.inviter} invites you to work in Naaste for ${m.organisation}. Choose your password with this link within ${m.days} days:\n\n${m.url}\n\nAfter that you set up two-step sign-in with an app on your phone.\n\nDid you not expect this invitation? Then you can ignore this email.\n\nNaaste`,
      }
    : {
        to: m.to,
        subject: `Uitnodiging om in Naaste te werken voor ${m.organisation}`,
        text: `Beste ${m.name},\n\n${m.inviter} nodigt u uit om in Naaste te werken voor ${m.organisation}. Kies uw wachtwoord met deze link, binnen ${m.days} dagen:\n\n${m.url}\n\nDaarna stelt u inloggen in twee stappen in, met een app op uw telefoon.\n\nVerwachtte u deze uitnodiging niet? Dan kunt u deze e-mail negeren.\n\nNaaste`,
      };
}

export function addedEmail(locale: Locale, m: Added) {
  return locale === 'en'
    ? {
        to: m.to,
        subject: `You now also work in Naaste for ${m.organisation}`,
        text: `Dear ${m.name},\n\n${m.inviter} has added you to ${m.organisation} in Naaste. Sign in as usual:\n\n${m.url}\n\nNaaste`,
      }
    : {
        to: m.to,
        subject: `U werkt in Naaste nu ook voor ${m.organisation}`,
        text: `Beste ${m.name},\n\n${m.inviter} heeft u toegevoegd aan ${m.organisation} in Naaste. Log in zoals altijd:\n\n${m.url}\n\nNaaste`,
      };
}
