import type { ServiceEntryInput } from './directory.entries.ts';
import { PROFILE } from './directory.profile.ts';

const F = PROFILE.supportForms;
const G = PROFILE.targetGroups;

type Fixture = Omit<ServiceEntryInput, 'organization' | 'sourceId' | 'locations'> & { pc4?: string; org?: string };

/**
 * A fixed, small social map for the search-quality table: each service stands for one kind of
 * question residents ask. Invented; the postcodes are real PC4 areas so distances are real.
 */
export const QUALITY_FIXTURES: Record<string, Fixture> = {
  boodschappen: {
    name: 'Boodschappenhulp',
    description: 'Een vrijwilliger doet elke week de boodschappen voor u, of gaat met u mee naar de winkel.',
    terms: [F.practicalHelp, G.elderly],
    isFree: true,
    pc4: '3511',
  },
  vervoer: {
    name: 'Vrijwillige vervoersdienst',
    description: 'Vrijwilligers rijden u naar het ziekenhuis, de huisarts of uw familie. U betaalt een kleine vergoeding per kilometer.',
    terms: [F.practicalHelp],
    isFree: false,
    pc4: '3511',
  },
  klussen: {
    name: 'Klussendienst',
    description: 'Kleine klusjes in en om het huis: een lamp ophangen, een kraan repareren, een kast in elkaar zetten.',
    terms: [F.practicalHelp],
    isFree: true,
  },
  maaltijden: {
    name: 'Maaltijdservice aan huis',
    description: 'Elke dag een warme maaltijd thuisbezorgd, ook dieetmaaltijden.',
    terms: [F.practicalHelp, G.elderly],
    isFree: false,
  },
  oppasDementie: {
    name: 'Respijt thuis bij dementie',
    description: 'Een getrainde vrijwilliger past een dagdeel op bij uw vader, moeder of partner met dementie, zodat u even weg kunt.',
    terms: [F.respite, G.dementia, G.elderly],
    isFree: true,
  },
  logeerhuis: {
    name: 'Logeerhuis De Linde',
    description: 'Uw naaste logeert een weekend of een week bij ons, zodat u op adem kunt komen.',
    terms: [F.respite, G.elderly],
    isFree: false,
  },
  dagbesteding: {
    name: 'Dagbesteding Het Anker',
    description: 'Een fijne dag voor mensen met dementie of hersenletsel, op werkdagen van 9 tot 16 uur.',
    terms: [F.respite, G.dementia, G.brainInjury],
    isFree: false,
  },
  logeerweekendKind: {
    name: 'Logeerweekend voor kinderen met een beperking',
    description: 'Uw kind logeert een weekend met begeleiding; u heeft even tijd voor uzelf en de andere kinderen.',
    terms: [F.respite, G.childrenWithDisability],
  },
  lotgenoten: {
    name: 'Lotgenotengroep mantelzorgers',
    description: 'Eens per maand praten met andere mantelzorgers die hetzelfde meemaken. Met koffie en een gespreksleider.',
    terms: [F.emotionalSupport],
    isFree: true,
  },
  alzheimercafe: {
    name: 'Alzheimer Café',
    description: 'Informatie en ontmoeting voor mensen met dementie en hun naasten, elke derde dinsdag van de maand.',
    terms: [F.emotionalSupport, F.informationAdvice, G.dementia],
    isFree: true,
  },
  cursusStress: {
    name: 'Cursus Goed voor jezelf zorgen',
    description: 'Training in vier avonden: grenzen stellen, hulp vragen en overbelasting voorkomen.',
    terms: [F.emotionalSupport],
  },
  maatje: {
    name: 'Maatje voor mantelzorgers',
    description: 'Een vaste vrijwilliger die regelmatig langskomt voor een luisterend oor en een wandeling.',
    terms: [F.emotionalSupport],
  },
  jongeMantelzorgers: {
    name: 'Club voor jonge mantelzorgers',
    description: 'Uitjes en steun voor kinderen en jongeren die thuis zorgen voor een ouder, broer of zus.',
    terms: [F.emotionalSupport, G.youngCarers],
    isFree: true,
  },
  werk: {
    name: 'Spreekuur werk en mantelzorg',
    description: 'Advies over zorgverlof en over het gesprek met uw werkgever, als u zorg en werk combineert.',
    terms: [F.informationAdvice, G.workingCarers],
  },
  mantelzorgondersteuning: {
    name: 'Mantelzorgondersteuning',
    description: 'Een consulent denkt met u mee over de zorg voor uw naaste en wat u zelf nodig heeft.',
    terms: [F.informationAdvice],
    org: 'Steunpunt Mantelzorg',
  },
  clientondersteuning: {
    name: 'Onafhankelijke cliëntondersteuning',
    description: 'Iemand die naast u staat bij het keukentafelgesprek met de gemeente.',
    terms: [F.informationAdvice],
  },
  waardering: {
    name: 'Mantelzorgwaardering aanvragen',
    description: 'Elk jaar een blijk van waardering van de gemeente voor wie voor een ander zorgt.',
    terms: [F.practicalHelp],
  },
  rouw: {
    name: 'Rouwgroep',
    description: 'Steun na het overlijden van uw partner, ouder of kind, samen met anderen.',
    terms: [F.emotionalSupport, G.endOfLife],
  },
  palliatief: {
    name: 'Vrijwilligers Palliatieve Terminale Zorg',
    description: 'Vrijwilligers waken bij uw naaste in de laatste levensfase, thuis, zodat u kunt slapen.',
    terms: [F.respite, G.endOfLife],
  },
  ggz: {
    name: 'Naastensteun bij psychische problemen',
    description: 'Gespreksgroep voor familie en vrienden van iemand met psychische problemen.',
    terms: [F.emotionalSupport, G.mentalHealth],
  },
  turks: {
    name: 'Mantelzorgsteun in eigen taal',
    description: 'Uitleg en advies in het Turks en Arabisch over zorg en steun.',
    terms: [F.informationAdvice, G.migrantsLanguage],
    languages: [
      { code: 'tr', name: 'Turks' },
      { code: 'ar', name: 'Arabisch' },
    ],
  },
  administratie: {
    name: 'Hulp bij administratie',
    description: 'Vrijwilligers helpen met post, rekeningen en het invullen van formulieren.',
    terms: [F.practicalHelp, F.informationAdvice],
  },
  hulpmiddelen: {
    name: 'Uitleen van hulpmiddelen',
    description: 'Leen een rolstoel, rollator of douchestoel voor korte tijd.',
    terms: [F.practicalHelp],
  },
  buurthuis: {
    name: 'Buurthuis De Ontmoeting',
    description: 'Koffie-inloop, spelletjes en activiteiten in de wijk.',
    terms: [F.generalServices],
  },
  parkinson: {
    name: 'Parkinson Café',
    description: 'Ontmoeting en uitleg voor mensen met parkinson en hun partners.',
    terms: [F.emotionalSupport, G.chronicIllness],
  },
  beroerte: {
    name: 'Lotgenoten na een beroerte',
    description: 'Voor partners van mensen met hersenletsel na een beroerte of ongeluk.',
    terms: [F.emotionalSupport, G.brainInjury],
  },
  kanker: {
    name: 'Inloophuis bij kanker',
    description: 'Een plek voor mensen met kanker en hun naasten om op verhaal te komen.',
    terms: [F.emotionalSupport, G.chronicIllness],
  },
  autisme: {
    name: 'Oudergroep autisme',
    description: 'Ouders van kinderen met autisme wisselen ervaringen uit.',
    terms: [F.emotionalSupport, G.childrenWithDisability],
  },
  tuinNabij: { name: 'Tuinhulp Binnenstad', description: 'Vrijwilligers helpen in uw tuin.', terms: [F.practicalHelp], pc4: '3511' },
  tuinMidden: { name: 'Tuinhulp Oost', description: 'Vrijwilligers helpen in uw tuin.', terms: [F.practicalHelp], pc4: '3811' },
  tuinVer: { name: 'Tuinhulp Noord', description: 'Vrijwilligers helpen in uw tuin.', terms: [F.practicalHelp], pc4: '8011' },
  verborgen: {
    name: 'Geheime boodschappenclub',
    description: 'Nog niet goedgekeurd: wacht op de netwerkcoördinator.',
    terms: [F.practicalHelp],
    reviewStatus: 'pending',
  },
  gesloten: {
    name: 'Gesloten boodschappenpunt',
    description: 'Bestaat niet meer.',
    terms: [F.practicalHelp],
    status: 'inactive',
  },
};

/** The fixture as a full entry: each service gets its own organisation and one location. */
export function fixtureEntry(key: string, f: Fixture): ServiceEntryInput {
  const { pc4 = '3572', org, ...rest } = f;
  return {
    ...rest,
    sourceId: `quality-${key}`,
    organization: { sourceId: `quality-org-${org ?? key}`, name: org ?? `Organisatie ${key}` },
    assuredDate: rest.assuredDate ?? '2026-01-15',
    locations: [
      { sourceId: `quality-loc-${key}`, pc4, address: { address1: 'Voorbeeldstraat 1', city: 'Proefstad', postalCode: `${pc4} AA` } },
    ],
  };
}
