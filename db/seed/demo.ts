import { seedCaregivers } from './caregivers.ts';
import { seedDirectory } from './directory.ts';
import { createAccount } from '../../src/capabilities/identity/identity.service.ts';
import { findAccountByEmail } from '../../src/capabilities/identity/identity.queries.ts';
import { upsertMembership } from '../../src/capabilities/staff/staff.queries.ts';
import type { Role } from '../../src/platform/auth/roles.ts';
import { type ServiceContext, switchTenant } from '../../src/platform/db/context.ts';
import type { NewOrganisation } from '../../src/capabilities/organisations/organisations.schemas.ts';
import { addMunicipality, addOrganisation } from '../../src/capabilities/organisations/organisations.service.ts';

/** The demo municipality: clearly fictional, with a CBS-style code outside the official range. */
export const DEMO_MUNICIPALITY = { code: 'GM9999', name: 'Demodam', province: 'Demoland' } as const;

type DemoOrganisation = Omit<NewOrganisation, 'municipalityCodes'>;

// Every name, address, phone number and address below is invented for the demo.
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Steunpunt Mantelzorg Demodam',
    kind: 'supportCentre',
    isFindingPlace: true,
    description: 'Voor iedereen die voor een ander zorgt: advies, een luisterend oor, lotgenoten en tijdelijke vervanging.',
    email: 'info@steunpunt.demodam.example',
    phone: '0599 100 200',
    website: 'https://steunpunt.demodam.example',
    street: 'Lindelaan 12',
    postcode: '9991 AB',
    city: 'Demodam',
  },
  {
    name: 'Welzijn Demodam en Omstreken',
    kind: 'welfare',
    isFindingPlace: true,
    description: 'Buurtwerk, ouderenadvies, maatjes en activiteiten in alle wijken.',
    email: 'welkom@welzijn.demodam.example',
    phone: '0599 100 300',
    street: 'Marktplein 3',
    postcode: '9991 CD',
    city: 'Demodam',
  },
  {
    name: 'Vrijwilligerscentrale De Schakel',
    kind: 'volunteerOrganisation',
    description: 'Vrijwilligers voor boodschappen, vervoer, een wandeling of een kop koffie.',
    email: 'contact@deschakel.demodam.example',
    phone: '0599 100 400',
    street: 'Kerkstraat 40',
    postcode: '9992 EF',
    city: 'Demodam',
  },
  {
    name: 'Huisartsenpraktijk De Vijverhof',
    kind: 'gpPractice',
    isFindingPlace: true,
    phone: '0599 200 100',
    street: 'Vijverweg 8',
    postcode: '9992 GH',
    city: 'Demodam',
  },
  {
    name: 'Gezondheidscentrum Oosterkwartier',
    kind: 'gpPractice',
    isFindingPlace: true,
    phone: '0599 200 200',
    street: 'Oosterlaan 55',
    postcode: '9993 JK',
    city: 'Demodam',
  },
  {
    name: 'Wijkteam Demodam-Noord',
    kind: 'districtTeam',
    isFindingPlace: true,
    description: 'Voor vragen over zorg, geld, opvoeden of eenzaamheid in Demodam-Noord.',
    email: 'noord@wijkteam.demodam.example',
    phone: '0599 300 100',
    street: 'Noorderplein 1',
    postcode: '9994 LM',
    city: 'Demodam',
  },
  {
    name: 'Wijkteam Demodam-Zuid',
    kind: 'districtTeam',
    isFindingPlace: true,
    email: 'zuid@wijkteam.demodam.example',
    phone: '0599 300 200',
    street: 'Zuidsingel 20',
    postcode: '9995 NP',
    city: 'Demodam',
  },
  {
    name: 'Gemeente Demodam, Wmo-loket',
    kind: 'municipality',
    isFindingPlace: true,
    description: 'Voor hulp en ondersteuning thuis, en het keukentafelgesprek.',
    email: 'wmo@demodam.example',
    phone: '14 0599',
    website: 'https://www.demodam.example',
    street: 'Raadhuisplein 1',
    postcode: '9991 AA',
    city: 'Demodam',
  },
  {
    name: 'Basisschool De Regenboog',
    kind: 'school',
    isFindingPlace: true,
    phone: '0599 400 100',
    street: 'Schoolstraat 2',
    postcode: '9993 RS',
    city: 'Demodam',
  },
  {
    name: 'Demodam College',
    kind: 'school',
    isFindingPlace: true,
    description: 'Middelbare school met een zorgteam dat ook jonge mantelzorgers helpt.',
    phone: '0599 400 200',
    street: 'Collegeweg 15',
    postcode: '9994 TV',
    city: 'Demodam',
  },
  {
    name: 'Bakkerij Van Dalen & Zonen',
    kind: 'employer',
    isFindingPlace: true,
    description: 'Werkgever met 80 medewerkers en aandacht voor werkende mantelzorgers.',
    phone: '0599 500 100',
    street: 'Industrieweg 7',
    postcode: '9995 WX',
    city: 'Demodam',
  },
  {
    name: 'Moskee Al-Amal',
    kind: 'religious',
    isFindingPlace: true,
    phone: '0599 600 100',
    street: 'Parkstraat 31',
    postcode: '9992 YZ',
    city: 'Demodam',
  },
  {
    name: 'Protestantse Gemeente De Ark',
    kind: 'religious',
    isFindingPlace: true,
    phone: '0599 600 200',
    street: 'Kerkplein 4',
    postcode: '9991 BC',
    city: 'Demodam',
  },
  {
    name: 'Sportvereniging DVV Demodam',
    kind: 'sportsClub',
    isFindingPlace: true,
    description: 'Voetbal, tennis en wandelvoetbal voor alle leeftijden.',
    email: 'secretariaat@dvv.demodam.example',
    street: 'Sportlaan 10',
    postcode: '9996 AB',
    city: 'Demodam',
  },
  {
    name: 'Thuiszorg Samen Verder',
    kind: 'careProvider',
    phone: '0599 700 100',
    street: 'Zorgpad 3',
    postcode: '9993 CD',
    city: 'Demodam',
  },
  {
    name: 'Adviesraad Sociaal Domein Demodam',
    kind: 'advocacy',
    email: 'adviesraad@demodam.example',
    street: 'Raadhuisplein 1',
    postcode: '9991 AA',
    city: 'Demodam',
  },
];

/**
 * Demo accounts, one per kind of user, all invented. Staff sign in with DEMO_PASSWORD and a code
 * from an authenticator app set up with DEMO_TOTP_SECRET (both are in the README); residents sign
 * in by email link, read from the development mailbox. Never seeded in production.
 */
export const DEMO_PASSWORD = 'demodam demo wachtwoord';
export const DEMO_TOTP_SECRET = 'NAASTEDEMODAMDEMOTOTPSECRETAAAAA';
export const DEMO_ACCOUNTS: {
  email: string;
  name: string;
  kind: 'resident' | 'professional';
  platformAdmin?: boolean;
  organisation: string | null;
  roles: Role[];
}[] = [
  {
    email: 'platformbeheer@demodam.example',
    name: 'Pim Platformbeheer',
    kind: 'professional',
    platformAdmin: true,
    organisation: null,
    roles: [],
  },
  {
    email: 'gemeentebeheer@demodam.example',
    name: 'Greet Gemeentebeheer',
    kind: 'professional',
    organisation: 'Gemeente Demodam, Wmo-loket',
    roles: ['municipalityAdmin'],
  },
  {
    email: 'beleid@demodam.example',
    name: 'Bram Beleid',
    kind: 'professional',
    organisation: 'Gemeente Demodam, Wmo-loket',
    roles: ['policyOfficer'],
  },
  {
    email: 'netwerk@demodam.example',
    name: 'Nadia Netwerk',
    kind: 'professional',
    organisation: 'Gemeente Demodam, Wmo-loket',
    roles: ['networkCoordinator'],
  },
  {
    email: 'beheer@steunpunt.demodam.example',
    name: 'Olga Organisatiebeheer',
    kind: 'professional',
    organisation: 'Steunpunt Mantelzorg Demodam',
    roles: ['organisationAdmin'],
  },
  {
    email: 'consulent@steunpunt.demodam.example',
    name: 'Chris Consulent',
    kind: 'professional',
    organisation: 'Steunpunt Mantelzorg Demodam',
    roles: ['supportConsultant'],
  },
  {
    email: 'coordinator@schakel.demodam.example',
    name: 'Vera Vrijwilligerswerk',
    kind: 'professional',
    organisation: 'Vrijwilligerscentrale De Schakel',
    roles: ['volunteerCoordinator'],
  },
  {
    email: 'huisarts@vijverhof.demodam.example',
    name: 'Hanna Huisartsenpraktijk',
    kind: 'professional',
    organisation: 'Huisartsenpraktijk De Vijverhof',
    roles: ['generalist'],
  },
  {
    email: 'redactie@welzijn.demodam.example',
    name: 'Rik Redactie',
    kind: 'professional',
    organisation: 'Welzijn Demodam en Omstreken',
    roles: ['directoryEditor'],
  },
  { email: 'mantelzorger@demodam.example', name: 'Mira Mantelzorger', kind: 'resident', organisation: null, roles: ['caregiver'] },
  { email: 'vrijwilliger@demodam.example', name: 'Victor Vrijwilliger', kind: 'resident', organisation: null, roles: ['volunteer'] },
];

/** Idempotent: running it again finds what is there and adds nothing twice. */
export async function seedDemo(
  ctx: ServiceContext,
  options: { accounts?: boolean } = {},
): Promise<{ organisationsCreated: number; accountsCreated: number }> {
  const { municipality } = await addMunicipality(ctx, {
    ...DEMO_MUNICIPALITY,
    theme: { primaryColor: '#1f5c99', primaryTextColor: '#ffffff' },
  });
  let organisationsCreated = 0;
  const ids = new Map<string, string>();
  for (const o of DEMO_ORGANISATIONS) {
    const { created, organisation } = await addOrganisation(ctx, { ...o, municipalityCodes: [DEMO_MUNICIPALITY.code] });
    ids.set(o.name, organisation.id);
    if (created) organisationsCreated += 1;
  }
  let accountsCreated = 0;
  if (options.accounts) {
    const inDemodam = await switchTenant(ctx, municipality.id);
    for (const a of DEMO_ACCOUNTS) {
      let account = await findAccountByEmail(ctx.sql, a.email);
      if (!account) {
        account = await createAccount(ctx, {
          email: a.email,
          displayName: a.name,
          kind: a.kind,
          platformAdmin: a.platformAdmin ?? false,
          password: a.kind === 'professional' ? DEMO_PASSWORD : undefined,
          totpSecret: a.kind === 'professional' ? DEMO_TOTP_SECRET : undefined,
        });
        accountsCreated += 1;
      }
      if (a.roles.length > 0) {
        const organisationId = a.organisation ? (ids.get(a.organisation) ?? null) : null;
        if (a.kind === 'resident' || organisationId) {
          await upsertMembership(inDemodam.sql, { tenantId: municipality.id, accountId: account.id, organisationId, roles: a.roles });
        }
      }
    }
  }
  const demo = { tenantId: municipality.id, organisationIds: ids, accounts: options.accounts ?? false };
  await seedDirectory(await switchTenant(ctx, municipality.id), demo);
  await seedCaregivers(await switchTenant(ctx, municipality.id), demo);
  return { organisationsCreated, accountsCreated };
}
