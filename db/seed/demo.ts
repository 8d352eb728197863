import type { ServiceContext } from '../../src/platform/db/context.ts';
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

/** Idempotent: running it again finds what is there and adds nothing twice. */
export async function seedDemo(ctx: ServiceContext): Promise<{ organisationsCreated: number }> {
  await addMunicipality(ctx, { ...DEMO_MUNICIPALITY, theme: { primaryColor: '#1f5c99', primaryTextColor: '#ffffff' } });
  let organisationsCreated = 0;
  for (const o of DEMO_ORGANISATIONS) {
    const { created } = await addOrganisation(ctx, { ...o, municipalityCodes: [DEMO_MUNICIPALITY.code] });
    if (created) organisationsCreated += 1;
  }
  return { organisationsCreated };
}
