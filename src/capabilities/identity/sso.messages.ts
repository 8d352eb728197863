import { catalogue } from '../../platform/i18n/i18n.ts';

export const ssoMessages = catalogue(
  {
    sectionTitle: 'Inloggen via uw organisatie',
    sectionLead:
      'Logt u bij uw organisatie in met één account? Vul uw werk-e-mailadres in. U gaat dan naar de inlogpagina van uw organisatie.',
    emailLabel: 'Uw werk-e-mailadres',
    button: 'Verder naar mijn organisatie',
    errorEmail: 'Vul een e-mailadres in zoals naam@organisatie.nl',
    errorUnknownDomain: 'Uw organisatie logt niet in via Naaste met dit e-mailadres. Log hierboven in met uw wachtwoord',
    failedTitle: 'Inloggen via uw organisatie is niet gelukt',
    failedBadState: 'Het inloggen duurde te lang of is op een andere manier gestart. U bent niet ingelogd. Probeer het opnieuw.',
    failedProvider:
      'Uw organisatie heeft het inloggen niet goedgekeurd. U bent niet ingelogd. Probeer het opnieuw of vraag hulp aan uw organisatie.',
    failedUnavailable: 'De inlogpagina van uw organisatie is nu niet bereikbaar. Probeer het later opnieuw, of log in met uw wachtwoord.',
    failedUnknownPerson:
      'Wij kennen u niet als medewerker van deze organisatie in Naaste. U bent niet ingelogd. Vraag de beheerder van uw organisatie om u uit te nodigen.',
    failedDisabled: 'Uw organisatie logt niet meer in via Naaste. U bent niet ingelogd. Log in met uw wachtwoord.',
    tryAgain: 'Terug naar inloggen als medewerker',
  },
  {
    sectionTitle: 'Sign in through your organisation',
    sectionLead:
      'Does your organisation give you one account for everything? Enter your work email address. You will go to the sign-in page of your organisation.',
    emailLabel: 'Your work email address',
    button: 'Continue to my organisation',
    errorEmail: 'Enter an email address like name@organisation.nl',
    errorUnknownDomain: 'Your organisation does not sign in to Naaste with this email address. Sign in with your password above',
    failedTitle: 'Signing in through your organisation did not work',
    failedBadState: 'Signing in took too long or was started in another way. You are not signed in. Please try again.',
    failedProvider: 'Your organisation did not approve the sign-in. You are not signed in. Try again or ask your organisation for help.',
    failedUnavailable: 'The sign-in page of your organisation cannot be reached now. Try again later, or sign in with your password.',
    failedUnknownPerson:
      'We do not know you as a staff member of this organisation in Naaste. You are not signed in. Ask the administrator of your organisation to invite you.',
    failedDisabled: 'Your organisation no longer signs in to Naaste this way. You are not signed in. Sign in with your password.',
    tryAgain: 'Back to staff sign-in',
  },
);
