import type { Locale } from '../../platform/i18n/i18n.ts';

type Mail = { to: string; subject: string; text: string };

export function reportEmail(locale: Locale, m: { to: string; name: string; service: string; message: string; url: string }): Mail {
  return locale === 'en'
    ? {
        to: m.to,
        subject: `Someone reports that your social map entry is not right: ${m.service}`,
        text: `Dear ${m.name},\n\nSomeone who read your entry "${m.service}" on the social map says something is not right:\n\n${m.message}\n\nPlease check the entry, correct it if needed and mark the report as handled:\n\n${m.url}\n\nNaaste`,
      }
    : {
        to: m.to,
        subject: `Melding: er klopt iets niet in uw aanbod op de sociale kaart: ${m.service}`,
        text: `Beste ${m.name},\n\nIemand die uw aanbod "${m.service}" op de sociale kaart las, meldt dat er iets niet klopt:\n\n${m.message}\n\nWilt u het aanbod nakijken, zo nodig verbeteren en de melding afhandelen?\n\n${m.url}\n\nNaaste`,
      };
}

export function reportAnswerEmail(m: { to: string; service: string; organisation: string; note: string }): Mail {
  // The reporter has no account and chose no language: Dutch first, then English.
  return {
    to: m.to,
    subject: `Antwoord op uw melding over ${m.service} / Answer to your report`,
    text: `Hallo,\n\nU meldde dat er iets niet klopte bij "${m.service}" op de sociale kaart. ${m.organisation} heeft uw melding bekeken en schrijft:\n\n${m.note}\n\nBedankt voor uw hulp.\n\n---\n\nYou reported that something was not right about "${m.service}" on the social map. ${m.organisation} has looked at it and writes (see above).\n\nThank you for your help.\n\nNaaste`,
  };
}

export function rejectedEmail(
  locale: Locale,
  m: { to: string; name: string; service: string; note: string; url: string; isNew: boolean },
): Mail {
  return locale === 'en'
    ? {
        to: m.to,
        subject: `${m.isNew ? 'Your new entry' : 'Your change'} on the social map was not accepted: ${m.service}`,
        text: `Dear ${m.name},\n\nThe network coordinator did not accept ${m.isNew ? 'the new entry' : 'the change to the entry'} "${m.service}" and writes:\n\n${m.note}\n\nYou can correct it and send it again:\n\n${m.url}\n\nNaaste`,
      }
    : {
        to: m.to,
        subject: `${m.isNew ? 'Uw nieuwe aanbod' : 'Uw wijziging'} op de sociale kaart is niet goedgekeurd: ${m.service}`,
        text: `Beste ${m.name},\n\nDe netwerkcoördinator heeft ${m.isNew ? 'het nieuwe aanbod' : 'de wijziging van het aanbod'} "${m.service}" niet goedgekeurd en schrijft:\n\n${m.note}\n\nU kunt het verbeteren en opnieuw insturen:\n\n${m.url}\n\nNaaste`,
      };
}

export function approvedEmail(locale: Locale, m: { to: string; name: string; service: string; url: string }): Mail {
  return locale === 'en'
    ? {
        to: m.to,
        subject: `Published on the social map: ${m.service}`,
        text: `Dear ${m.name},\n\nThe network coordinator has approved "${m.service}". Everyone can now find it on the social map:\n\n${m.url}\n\nNaaste`,
      }
    : {
        to: m.to,
        subject: `Gepubliceerd op de sociale kaart: ${m.service}`,
        text: `Beste ${m.name},\n\nDe netwerkcoördinator heeft "${m.service}" goedgekeurd. Iedereen kan het nu vinden op de sociale kaart:\n\n${m.url}\n\nNaaste`,
      };
}

export function staleReminderEmail(
  locale: Locale,
  m: {
    to: string;
    name: string;
    organisation: string;
    entries: { name: string; checked: string | null; url: string }[];
    more: number;
    listUrl: string;
  },
): Mail {
  const en = locale === 'en';
  const lines = m.entries
    .map((e) => `- ${e.name} (${en ? 'last checked' : 'laatst nagekeken'}: ${e.checked ?? (en ? 'never' : 'nooit')})\n  ${e.url}`)
    .join('\n');
  const more = m.more > 0 ? (en ? `\n\nAnd ${m.more} more:` : `\n\nEn nog ${m.more}:`) : '';
  return en
    ? {
        to: m.to,
        subject: `Please check your social map entries (${m.organisation})`,
        text: `Dear ${m.name},\n\nThese entries of ${m.organisation} on the social map have not been checked for more than 6 months. Is everything still right? Open each entry, correct what has changed, or press "Still right".\n\n${lines}${more}\n\n${m.listUrl}\n\nAfter 12 months without a check, residents see a warning with the entry.\n\nNaaste`,
      }
    : {
        to: m.to,
        subject: `Wilt u uw aanbod op de sociale kaart nakijken? (${m.organisation})`,
        text: `Beste ${m.name},\n\nDit aanbod van ${m.organisation} op de sociale kaart is meer dan 6 maanden niet nagekeken. Klopt alles nog? Open elk aanbod, verbeter wat veranderd is, of kies "Klopt nog steeds".\n\n${lines}${more}\n\n${m.listUrl}\n\nNa 12 maanden zonder controle zien inwoners een waarschuwing bij het aanbod.\n\nNaaste`,
      };
}
