import { PROFILE } from '../../src/capabilities/directory/directory.profile.ts';
import { loadReferenceData, type ServiceEntryInput, saveServiceEntry } from '../../src/capabilities/directory/directory.service.ts';
import type { ServiceContext } from '../../src/platform/db/context.ts';

const F = PROFILE.supportForms;
const G = PROFILE.targetGroups;

/** Neighbourhoods of Demodam, on the PC4 areas the demo organisations use (points from pc4.csv). */
const WIJKEN = [
  { name: 'Centrum', pc4: '9991', lat: 53.3457, lon: 6.6423, street: 'Marktplein' },
  { name: 'Noord', pc4: '9994', lat: 53.354, lon: 6.6381, street: 'Noorderplein' },
  { name: 'Oost', pc4: '9992', lat: 53.3466, lon: 6.6747, street: 'Oosterlaan' },
  { name: 'Zuid', pc4: '9993', lat: 53.3327, lon: 6.6458, street: 'Zuidsingel' },
  { name: 'Haven', pc4: '9995', lat: 53.3652, lon: 6.6337, street: 'Havenkade' },
  { name: 'Buitenwijk', pc4: '9996', lat: 53.3796, lon: 6.6959, street: 'Dorpsstraat' },
  { name: 'Binnenstad', pc4: '9991', lat: 53.3481, lon: 6.6389, street: 'Kerkstraat' },
  { name: 'Vijverhof', pc4: '9994', lat: 53.3571, lon: 6.6412, street: 'Vijverweg' },
  { name: 'Oosterkwartier', pc4: '9992', lat: 53.3439, lon: 6.6781, street: 'Oosterweg' },
  { name: 'Parkwijk', pc4: '9993', lat: 53.3302, lon: 6.6427, street: 'Parkstraat' },
  { name: 'Kanaalzijde', pc4: '9995', lat: 53.3627, lon: 6.6369, street: 'Kanaalweg' },
  { name: 'Dorpsrand', pc4: '9996', lat: 53.3771, lon: 6.6925, street: 'Molenweg' },
] as const;

type Org = { name: string; network?: string; email?: string; website?: string };

/** Directory organisations; `network` names the Naaste network organisation that owns the entry. */
const ORGS: Record<string, Org> = {
  steunpunt: { name: 'Steunpunt Mantelzorg Demodam', network: 'Steunpunt Mantelzorg Demodam', email: 'info@steunpunt.demodam.example' },
  welzijn: { name: 'Welzijn Demodam en Omstreken', network: 'Welzijn Demodam en Omstreken', email: 'welkom@welzijn.demodam.example' },
  schakel: {
    name: 'Vrijwilligerscentrale De Schakel',
    network: 'Vrijwilligerscentrale De Schakel',
    email: 'contact@deschakel.demodam.example',
  },
  gemeente: {
    name: 'Gemeente Demodam',
    network: 'Gemeente Demodam, Wmo-loket',
    email: 'wmo@demodam.example',
    website: 'https://www.demodam.example',
  },
  wijkteam: { name: 'Wijkteams Demodam', network: 'Wijkteam Demodam-Noord', email: 'noord@wijkteam.demodam.example' },
  thuiszorg: { name: 'Thuiszorg Samen Verder', network: 'Thuiszorg Samen Verder' },
  moskee: { name: 'Moskee Al-Amal', network: 'Moskee Al-Amal' },
  ark: { name: 'Protestantse Gemeente De Ark', network: 'Protestantse Gemeente De Ark' },
  college: { name: 'Demodam College', network: 'Demodam College' },
  klaver: { name: 'Zorgboerderij De Klaver', email: 'info@deklaver.demodam.example' },
  anker: { name: 'Logeerhuis Het Anker', email: 'logeren@hetanker.demodam.example' },
  geheugen: { name: 'Stichting Geheugensteun Demoland', email: 'info@geheugensteun.demoland.example' },
  vlinder: { name: 'Hospice De Vlinder', email: 'info@devlinder.demodam.example' },
  jong: { name: 'Stichting Jong en Zorgzaam', email: 'hallo@jongenzorgzaam.demoland.example' },
  naasten: { name: 'Naastenpunt GGZ Demoland', email: 'naasten@ggz.demoland.example' },
  horizon: { name: 'Inloophuis De Horizon', email: 'welkom@dehorizon.demodam.example' },
  uitleen: { name: 'Uitleenpunt Hulpmiddelen Demodam' },
  maaltijd: { name: 'Maaltijdservice Smakelijk', website: 'https://smakelijk.demodam.example' },
  kind: { name: 'Stichting Kind in Zorg Demoland', email: 'info@kindinzorg.demoland.example' },
  werkzorg: { name: 'Werk & Zorg Loket Demoland', email: 'spreekuur@werkenzorg.demoland.example' },
};

type Template = {
  key: string;
  name: string;
  description: string;
  org: keyof typeof ORGS;
  forms: string[];
  groups?: string[];
  free?: boolean;
  fee?: { option: string; amount: number };
  days?: string;
  hours?: [string, string];
  monthly?: string;
  languages?: [string, string][];
  /** In how many neighbourhoods the service runs (one entry each). */
  wijken: number;
  eligibility?: string;
  apply?: string;
  ages?: [number | null, number | null];
};

// Invented services of Demodam's social map: every form of support and every target group.
const TEMPLATES: Template[] = [
  {
    key: 'consulent',
    name: 'Mantelzorgconsulent',
    description: 'Een consulent komt bij u thuis en denkt mee over de zorg voor uw naaste en wat u zelf nodig heeft om het vol te houden.',
    org: 'steunpunt',
    forms: [F.informationAdvice, F.emotionalSupport],
    free: true,
    days: 'MO,TU,WE,TH,FR',
    hours: ['09:00', '17:00'],
    wijken: 6,
    apply: 'Bel of mail het Steunpunt; u krijgt binnen een week een afspraak.',
  },
  {
    key: 'spreekuur',
    name: 'Inloopspreekuur mantelzorg',
    description: 'Zonder afspraak binnenlopen met uw vragen over zorg, regelingen en steun. Wij helpen u op weg.',
    org: 'steunpunt',
    forms: [F.informationAdvice],
    free: true,
    days: 'TU',
    hours: ['10:00', '12:00'],
    wijken: 6,
  },
  {
    key: 'clientondersteuning',
    name: 'Onafhankelijke cliëntondersteuning',
    description: 'Iemand die naast u staat bij het keukentafelgesprek met de gemeente en helpt uw wensen duidelijk te maken.',
    org: 'welzijn',
    forms: [F.informationAdvice],
    free: true,
    days: 'MO,WE,FR',
    hours: ['09:00', '16:30'],
    wijken: 2,
  },
  {
    key: 'wmoloket',
    name: 'Wmo-loket: hulp thuis aanvragen',
    description: 'Voor een aanvraag voor hulp en ondersteuning thuis, en het keukentafelgesprek. Ook voor vragen over respijtzorg.',
    org: 'gemeente',
    forms: [F.informationAdvice],
    free: true,
    days: 'MO,TU,WE,TH,FR',
    hours: ['08:30', '17:00'],
    wijken: 1,
  },
  {
    key: 'waardering',
    name: 'Mantelzorgwaardering aanvragen',
    description:
      'Zorgt u al langer voor iemand in Demodam? Vraag elk jaar de mantelzorgwaardering aan: een bedrag of een cadeaubon als dank.',
    org: 'gemeente',
    forms: [F.practicalHelp],
    free: true,
    wijken: 1,
    apply: 'Aanvragen kan online of telefonisch, ook door de persoon voor wie u zorgt.',
  },
  {
    key: 'lotgenoten',
    name: 'Lotgenotengroep mantelzorgers',
    description: 'Eens per maand praten met andere mantelzorgers die hetzelfde meemaken, met koffie en een gespreksleider.',
    org: 'steunpunt',
    forms: [F.emotionalSupport],
    free: true,
    monthly: '2TH',
    hours: ['19:30', '21:30'],
    wijken: 4,
  },
  {
    key: 'cursus',
    name: 'Cursus Goed voor jezelf zorgen',
    description: 'Vier avonden over grenzen stellen, hulp vragen en overbelasting voorkomen.',
    org: 'steunpunt',
    forms: [F.emotionalSupport],
    fee: { option: 'Eigen bijdrage', amount: 15 },
    days: 'WE',
    hours: ['19:00', '21:00'],
    wijken: 2,
  },
  {
    key: 'maatje',
    name: 'Maatje voor mantelzorgers',
    description: 'Een vaste vrijwilliger die regelmatig langskomt voor een luisterend oor, een wandeling of een kop koffie.',
    org: 'schakel',
    forms: [F.emotionalSupport],
    free: true,
    wijken: 6,
  },
  {
    key: 'koffie',
    name: 'Koffie-inloop voor mantelzorgers',
    description: 'Even weg, een praatje en koffie met anderen die ook voor iemand zorgen.',
    org: 'welzijn',
    forms: [F.emotionalSupport, F.generalServices],
    free: true,
    days: 'FR',
    hours: ['10:00', '11:30'],
    wijken: 6,
  },
  {
    key: 'oppas',
    name: 'Respijt aan huis',
    description:
      'Een getrainde vrijwilliger past een dagdeel op bij uw naaste, zodat u even weg kunt: boodschappen doen, sporten of uitrusten.',
    org: 'schakel',
    forms: [F.respite],
    groups: [G.elderly],
    free: true,
    wijken: 6,
  },
  {
    key: 'oppasdementie',
    name: 'Oppas bij dementie',
    description: 'Vrijwilligers met scholing over dementie nemen de zorg een middag of avond van u over.',
    org: 'geheugen',
    forms: [F.respite],
    groups: [G.dementia],
    free: true,
    wijken: 4,
  },
  {
    key: 'logeerhuis',
    name: 'Logeerhuis Het Anker',
    description: 'Uw naaste logeert een weekend of een week bij ons, met zorg dag en nacht, zodat u op adem kunt komen.',
    org: 'anker',
    forms: [F.respite],
    groups: [G.elderly, G.dementia, G.brainInjury],
    fee: { option: 'Eigen bijdrage per etmaal', amount: 25 },
    wijken: 1,
    apply: 'Aanmelden via het Wmo-loket of de huisarts.',
  },
  {
    key: 'dagbesteding',
    name: 'Dagbesteding op de zorgboerderij',
    description: 'Een zinvolle dag tussen de dieren en in de moestuin, voor mensen met dementie, hersenletsel of een beperking.',
    org: 'klaver',
    forms: [F.respite],
    groups: [G.dementia, G.brainInjury, G.disability],
    days: 'MO,TU,WE,TH,FR',
    hours: ['09:30', '16:00'],
    wijken: 2,
    apply: 'Met een indicatie van de gemeente (Wmo).',
  },
  {
    key: 'logeerkind',
    name: 'Logeerweekend voor kinderen met een beperking',
    description: 'Uw kind logeert een weekend met begeleiding; u heeft tijd voor uzelf en de andere kinderen.',
    org: 'kind',
    forms: [F.respite],
    groups: [G.childrenWithDisability],
    fee: { option: 'Eigen bijdrage per weekend', amount: 40 },
    wijken: 1,
    ages: [4, 18],
  },
  {
    key: 'nachtwaak',
    name: 'Vrijwillige nachtwacht',
    description: 'Een vrijwilliger waakt een nacht bij uw naaste in de laatste levensfase, thuis, zodat u kunt slapen.',
    org: 'vlinder',
    forms: [F.respite],
    groups: [G.endOfLife],
    free: true,
    wijken: 2,
  },
  {
    key: 'hospice',
    name: 'Hospice De Vlinder',
    description: 'Een huiselijke plek voor de laatste levensfase, met ruimte voor familie en vrienden.',
    org: 'vlinder',
    forms: [F.respite, F.emotionalSupport],
    groups: [G.endOfLife],
    wijken: 1,
  },
  {
    key: 'rouw',
    name: 'Rouwgroep na verlies',
    description: 'Steun na het overlijden van uw partner, ouder of kind, samen met anderen die dit kennen.',
    org: 'horizon',
    forms: [F.emotionalSupport],
    groups: [G.endOfLife],
    free: true,
    monthly: '1MO',
    hours: ['14:00', '16:00'],
    wijken: 2,
  },
  {
    key: 'boodschappen',
    name: 'Boodschappenhulp',
    description: 'Een vrijwilliger doet wekelijks de boodschappen voor u of uw naaste, of gaat mee naar de winkel.',
    org: 'schakel',
    forms: [F.practicalHelp],
    groups: [G.elderly],
    free: true,
    wijken: 6,
  },
  {
    key: 'vervoer',
    name: 'Vrijwillige vervoersdienst',
    description:
      'Vrijwilligers rijden u of uw naaste naar het ziekenhuis, de huisarts of familie. U betaalt een kleine vergoeding per kilometer.',
    org: 'schakel',
    forms: [F.practicalHelp],
    fee: { option: 'Vergoeding per kilometer', amount: 0.35 },
    days: 'MO,TU,WE,TH,FR',
    hours: ['09:00', '12:00'],
    wijken: 6,
  },
  {
    key: 'klussen',
    name: 'Klussendienst',
    description: 'Kleine klusjes in en om het huis: een lamp ophangen, een kraan repareren, een kast in elkaar zetten.',
    org: 'welzijn',
    forms: [F.practicalHelp],
    fee: { option: 'Materiaalkosten', amount: 5 },
    wijken: 6,
  },
  {
    key: 'tuin',
    name: 'Tuinhulp',
    description: 'Vrijwilligers helpen in de tuin: gras maaien, heg knippen, onkruid wieden.',
    org: 'schakel',
    forms: [F.practicalHelp],
    free: true,
    wijken: 6,
  },
  {
    key: 'maaltijd',
    name: 'Maaltijdservice aan huis',
    description: 'Elke dag een warme maaltijd thuisbezorgd, ook dieetmaaltijden.',
    org: 'maaltijd',
    forms: [F.practicalHelp],
    groups: [G.elderly, G.chronicIllness],
    fee: { option: 'Per maaltijd', amount: 7.5 },
    days: 'MO,TU,WE,TH,FR,SA,SU',
    hours: ['11:00', '13:00'],
    wijken: 1,
  },
  {
    key: 'administratie',
    name: 'Hulp bij administratie',
    description: 'Vrijwilligers helpen met post, rekeningen, toeslagen en het invullen van formulieren.',
    org: 'welzijn',
    forms: [F.practicalHelp, F.informationAdvice],
    free: true,
    days: 'TH',
    hours: ['13:30', '16:00'],
    wijken: 4,
  },
  {
    key: 'hulpmiddelen',
    name: 'Uitleen van hulpmiddelen',
    description: 'Leen een rolstoel, rollator, douchestoel of hoog-laagbed voor korte tijd.',
    org: 'uitleen',
    forms: [F.practicalHelp],
    groups: [G.disability, G.elderly],
    free: true,
    days: 'MO,WE,FR',
    hours: ['09:00', '12:30'],
    wijken: 1,
  },
  {
    key: 'huishouden',
    name: 'Huishoudelijke hulp',
    description: 'Hulp bij schoonmaken en de was, via een indicatie van de gemeente of als particuliere dienst.',
    org: 'thuiszorg',
    forms: [F.practicalHelp],
    groups: [G.elderly, G.chronicIllness],
    fee: { option: 'Per uur (particulier)', amount: 27.5 },
    wijken: 3,
  },
  {
    key: 'jongemz',
    name: 'Club voor jonge mantelzorgers',
    description: 'Uitjes, een luisterend oor en lotgenoten voor kinderen en jongeren die thuis zorgen voor een ouder, broer of zus.',
    org: 'jong',
    forms: [F.emotionalSupport],
    groups: [G.youngCarers],
    free: true,
    monthly: '1WE',
    hours: ['15:00', '17:30'],
    wijken: 2,
    ages: [8, 24],
  },
  {
    key: 'jongemzschool',
    name: 'Steun op school voor jonge mantelzorgers',
    description: 'De zorgcoördinator op school kijkt met je mee als het thuis zwaar is: huiswerk, rooster en even praten.',
    org: 'college',
    forms: [F.emotionalSupport, F.informationAdvice],
    groups: [G.youngCarers],
    free: true,
    days: 'MO,TU,WE,TH,FR',
    hours: ['08:30', '16:00'],
    wijken: 1,
    ages: [12, 18],
  },
  {
    key: 'werkzorg',
    name: 'Spreekuur werk en mantelzorg',
    description: 'Advies over zorgverlof, flexibel werken en het gesprek met uw werkgever als u zorg en werk combineert.',
    org: 'werkzorg',
    forms: [F.informationAdvice],
    groups: [G.workingCarers],
    free: true,
    days: 'TH',
    hours: ['17:00', '20:00'],
    wijken: 1,
  },
  {
    key: 'werkcoach',
    name: 'Coaching voor werkende mantelzorgers',
    description: 'Drie gesprekken met een coach over balans tussen werk, zorg en uzelf; vaak betaalt de werkgever.',
    org: 'werkzorg',
    forms: [F.emotionalSupport],
    groups: [G.workingCarers],
    fee: { option: 'Per traject', amount: 180 },
    wijken: 1,
  },
  {
    key: 'alzheimercafe',
    name: 'Alzheimer Café',
    description: 'Informatie en ontmoeting voor mensen met dementie en hun naasten, elke derde dinsdag van de maand.',
    org: 'geheugen',
    forms: [F.emotionalSupport, F.informationAdvice],
    groups: [G.dementia],
    free: true,
    monthly: '3TU',
    hours: ['19:30', '21:30'],
    wijken: 2,
  },
  {
    key: 'casemanager',
    name: 'Casemanager dementie',
    description: 'Een vaste casemanager begeleidt u en uw naaste met dementie, van de diagnose tot opname.',
    org: 'thuiszorg',
    forms: [F.informationAdvice, F.emotionalSupport],
    groups: [G.dementia],
    free: true,
    days: 'MO,TU,WE,TH,FR',
    hours: ['08:30', '17:00'],
    wijken: 1,
    apply: 'Via de huisarts.',
  },
  {
    key: 'parkinson',
    name: 'Parkinson Café',
    description: 'Ontmoeting en uitleg voor mensen met parkinson en hun partners.',
    org: 'horizon',
    forms: [F.emotionalSupport],
    groups: [G.chronicIllness],
    free: true,
    monthly: '2WE',
    hours: ['14:00', '16:00'],
    wijken: 1,
  },
  {
    key: 'kanker',
    name: 'Inloophuis bij kanker',
    description: 'Een plek voor mensen met kanker en hun naasten om op verhaal te komen, met activiteiten en gesprekken.',
    org: 'horizon',
    forms: [F.emotionalSupport],
    groups: [G.chronicIllness],
    free: true,
    days: 'TU,TH',
    hours: ['10:00', '16:00'],
    wijken: 1,
  },
  {
    key: 'nah',
    name: 'Lotgenoten na een beroerte',
    description: 'Voor partners en kinderen van mensen met hersenletsel na een beroerte of ongeluk.',
    org: 'steunpunt',
    forms: [F.emotionalSupport],
    groups: [G.brainInjury],
    free: true,
    monthly: '4MO',
    hours: ['19:30', '21:00'],
    wijken: 1,
  },
  {
    key: 'ggz',
    name: 'Naastensteun bij psychische problemen',
    description: 'Gespreksgroep en advies voor familie en vrienden van iemand met psychische problemen of een verslaving.',
    org: 'naasten',
    forms: [F.emotionalSupport, F.informationAdvice],
    groups: [G.mentalHealth],
    free: true,
    monthly: '2MO',
    hours: ['19:00', '21:00'],
    wijken: 2,
  },
  {
    key: 'autisme',
    name: 'Oudergroep autisme',
    description: 'Ouders van kinderen met autisme wisselen ervaringen en tips uit.',
    org: 'kind',
    forms: [F.emotionalSupport],
    groups: [G.childrenWithDisability],
    free: true,
    monthly: '1TH',
    hours: ['20:00', '22:00'],
    wijken: 1,
  },
  {
    key: 'ouderadvies',
    name: 'Advies voor ouders van een zorgintensief kind',
    description: 'Uitleg over regelingen, het pgb en school, en wie u kan helpen als uw kind veel zorg nodig heeft.',
    org: 'kind',
    forms: [F.informationAdvice],
    groups: [G.childrenWithDisability],
    free: true,
    days: 'WE',
    hours: ['09:00', '12:00'],
    wijken: 1,
  },
  {
    key: 'eigentaal',
    name: 'Mantelzorgsteun in eigen taal',
    description: 'Uitleg en advies over zorg en steun in het Turks, Arabisch of Tamazight, met aandacht voor cultuur en geloof.',
    org: 'moskee',
    forms: [F.informationAdvice, F.emotionalSupport],
    groups: [G.migrantsLanguage],
    free: true,
    days: 'SA',
    hours: ['13:00', '15:00'],
    languages: [
      ['tr', 'Turks'],
      ['ar', 'Arabisch'],
      ['zgh', 'Tamazight'],
    ],
    wijken: 1,
  },
  {
    key: 'taalmaatje',
    name: 'Taalmaatje voor zorgvragen',
    description: 'Een vrijwilliger gaat mee naar de dokter of het loket en helpt met de taal.',
    org: 'schakel',
    forms: [F.practicalHelp],
    groups: [G.migrantsLanguage],
    free: true,
    languages: [
      ['en', 'Engels'],
      ['pl', 'Pools'],
      ['uk', 'Oekraïens'],
      ['ar', 'Arabisch'],
    ],
    wijken: 2,
  },
  {
    key: 'bezoek',
    name: 'Bezoekdienst',
    description: 'Een vrijwilliger komt op bezoek bij uw naaste voor een praatje, een spelletje of een wandeling.',
    org: 'ark',
    forms: [F.respite, F.generalServices],
    groups: [G.elderly],
    free: true,
    wijken: 3,
  },
  {
    key: 'buurthuis',
    name: 'Buurthuis',
    description: 'Koffie-inloop, spelletjes, een warme maaltijd en activiteiten in de wijk, voor iedereen.',
    org: 'welzijn',
    forms: [F.generalServices],
    free: true,
    days: 'MO,TU,WE,TH,FR',
    hours: ['09:00', '17:00'],
    wijken: 6,
  },
  {
    key: 'wijkteam',
    name: 'Wijkteam',
    description: 'Voor vragen over zorg, geld, opvoeden of eenzaamheid. Het wijkteam kijkt samen met u wat nodig is.',
    org: 'wijkteam',
    forms: [F.generalServices, F.informationAdvice],
    free: true,
    days: 'MO,TU,WE,TH,FR',
    hours: ['08:30', '17:00'],
    wijken: 6,
  },
  {
    key: 'beweeg',
    name: 'Samen bewegen',
    description: 'Wandelen, stoelyoga en fietsen in de buurt, ook samen met uw naaste.',
    org: 'welzijn',
    forms: [F.generalServices],
    groups: [G.elderly, G.disability],
    fee: { option: 'Per keer', amount: 2 },
    days: 'WE',
    hours: ['10:00', '11:00'],
    wijken: 4,
  },
  {
    key: 'wandelmaatje',
    name: 'Wandelmaatje',
    description: 'Samen wandelen met een vrijwilliger: even uw hoofd leegmaken terwijl iemand anders bij uw naaste is.',
    org: 'schakel',
    forms: [F.emotionalSupport, F.respite],
    free: true,
    wijken: 4,
  },
  {
    key: 'ontspanning',
    name: 'Ontspanningsmiddag voor mantelzorgers',
    description: 'Een middag voor uzelf met massage, muziek of een workshop, terwijl vrijwilligers voor uw naaste zorgen.',
    org: 'steunpunt',
    forms: [F.emotionalSupport, F.respite],
    fee: { option: 'Eigen bijdrage', amount: 5 },
    monthly: '-1SA',
    hours: ['13:00', '17:00'],
    wijken: 3,
  },
  {
    key: 'verpleging',
    name: 'Wijkverpleging',
    description:
      'Verpleging en persoonlijke verzorging thuis, ook in het weekend, op verwijzing of na een gesprek met de wijkverpleegkundige.',
    org: 'thuiszorg',
    forms: [F.practicalHelp],
    groups: [G.chronicIllness, G.elderly, G.endOfLife],
    wijken: 3,
    eligibility: 'Vergoed uit de basisverzekering (zonder eigen risico).',
  },
];

const ORG_SOURCE = 'demo-directory-org';
const DAY_MS = 86_400_000;

/** All demo entries: each template once per neighbourhood it runs in; some waiting for review, some not checked for long. */
export function demoDirectoryEntries(organisationIds: ReadonlyMap<string, string>, today: Date): ServiceEntryInput[] {
  const entries: ServiceEntryInput[] = [];
  let n = 0;
  for (const t of TEMPLATES) {
    // Services that run in several neighbourhoods run in up to all twelve.
    const count = t.wijken === 1 ? 1 : Math.min(WIJKEN.length, t.wijken * 3);
    for (let w = 0; w < count; w += 1) {
      const wijk = WIJKEN[w] as (typeof WIJKEN)[number];
      const org = ORGS[t.org] as Org;
      n += 1;
      // Spread the "last checked" dates: most recent, some 7-11 months, some over a year ago.
      const monthsAgo = n % 23 === 4 ? 14 + (n % 5) : n % 11 === 3 ? 7 + (n % 4) : n % 5;
      const assured = new Date(today.getTime() - (monthsAgo * 30 + (n % 20)) * DAY_MS).toISOString().slice(0, 10);
      const offset = ((n * 37) % 100) / 10_000 - 0.005;
      const houseNumber = 1 + ((n * 7) % 80);
      const suffix = count > 1 ? ` ${wijk.name}` : '';
      entries.push({
        sourceId: `demo-${t.key}-${w + 1}`,
        organization: {
          sourceId: `${ORG_SOURCE}-${t.org}`,
          name: org.name,
          email: org.email ?? null,
          website: org.website ?? null,
          ownerOrganisationId: org.network ? (organisationIds.get(org.network) ?? null) : null,
        },
        name: `${t.name}${suffix}`,
        description: t.description,
        email: org.email ?? null,
        url: org.website ?? null,
        reviewStatus: n % 37 === 5 ? 'pending' : n % 53 === 8 ? 'draft' : 'published',
        isFree: t.free ?? (t.fee ? false : null),
        costOptions: t.fee ? [{ option: t.fee.option, amount: t.fee.amount }] : t.free ? [{ option: 'Gratis', amount: 0 }] : [],
        eligibilityDescription: t.eligibility ?? null,
        applicationProcess: t.apply ?? null,
        minimumAge: t.ages?.[0] ?? null,
        maximumAge: t.ages?.[1] ?? null,
        assuredDate: assured,
        locations: [
          {
            sourceId: `demo-loc-${t.key}-${w + 1}`,
            name: `${org.name}${suffix ? `, ${wijk.name}` : ''}`,
            latitude: Math.round((wijk.lat + offset) * 10_000) / 10_000,
            longitude: Math.round((wijk.lon - offset) * 10_000) / 10_000,
            pc4: wijk.pc4,
            address: {
              address1: `${wijk.street} ${houseNumber}`,
              city: 'Demodam',
              postalCode: `${wijk.pc4} ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n * 3) % 26))}`,
            },
          },
        ],
        phones: [{ number: `0599 ${String(100 + ((n * 13) % 800)).padStart(3, '0')} ${String(100 + ((n * 29) % 900)).padStart(3, '0')}` }],
        schedules: t.hours
          ? t.monthly
            ? [{ freq: 'MONTHLY', byday: t.monthly, opensAt: t.hours[0], closesAt: t.hours[1] }]
            : [{ freq: 'WEEKLY', byday: t.days ?? 'MO,TU,WE,TH,FR', opensAt: t.hours[0], closesAt: t.hours[1] }]
          : [],
        languages: [{ code: 'nl', name: 'Nederlands' }, ...(t.languages ?? []).map(([code, name]) => ({ code, name }))],
        terms: [...t.forms, ...(t.groups ?? [])],
        serviceAreaMunicipalityCode: 'GM9999',
      });
    }
  }
  return entries;
}

/** Demo data of the directory capability for Demodam; idempotent. Called by seedDemo. */
export async function seedDirectory(
  ctx: ServiceContext,
  demo: { tenantId: string; organisationIds: ReadonlyMap<string, string>; accounts: boolean },
): Promise<void> {
  await loadReferenceData(ctx.sql);
  const { rows } = await ctx.sql.query<{ source_id: string }>(
    `select source_id from directory_services where tenant_id = $1 and source_id like 'demo-%'`,
    [demo.tenantId],
  );
  const present = new Set(rows.map((r) => r.source_id));
  for (const entry of demoDirectoryEntries(demo.organisationIds, new Date())) {
    if (!present.has(entry.sourceId)) await saveServiceEntry(ctx.sql, demo.tenantId, entry);
  }
}
