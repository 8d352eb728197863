import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { inContext } from '../../platform/db/context.ts';
import { addMunicipality } from '../organisations/organisations.service.ts';
import { type SearchInput, searchServices } from './directory.search.ts';
import { loadReferenceData, PROFILE, placeOf, saveServiceEntry } from './directory.service.ts';
import { fixtureEntry, QUALITY_FIXTURES } from './search-quality.fixtures.ts';

/**
 * Search quality: plain-language questions and the services that must come first, through the
 * real search SQL on a fixed set of services (search-quality.fixtures.ts).
 */
type Case = { q: string; top: 1 | 3; expect: string[]; filters?: Omit<SearchInput, 'text'>; postcode?: string };

const F = PROFILE.supportForms;
const G = PROFILE.targetGroups;

const CASES: Case[] = [
  // Plain Dutch questions
  { q: 'hulp bij boodschappen', top: 1, expect: ['boodschappen'] },
  { q: 'iemand die even oppast bij mijn moeder', top: 1, expect: ['oppasDementie'] },
  { q: 'praten met lotgenoten', top: 1, expect: ['lotgenoten'] },
  { q: 'vervoer naar het ziekenhuis', top: 1, expect: ['vervoer'] },
  { q: 'iemand die mij naar de huisarts rijdt', top: 1, expect: ['vervoer'] },
  { q: 'hulp bij kleine klusjes', top: 1, expect: ['klussen'] },
  { q: 'warm eten thuis', top: 1, expect: ['maaltijden'] },
  { q: 'logeren', top: 3, expect: ['logeerhuis', 'logeerweekendKind'] },
  { q: 'even vrij van de zorg voor mijn vader', top: 3, expect: ['oppasDementie'] },
  { q: 'dagbesteding', top: 1, expect: ['dagbesteding'] },
  { q: 'cursus omgaan met overbelasting', top: 1, expect: ['cursusStress'] },
  { q: 'een luisterend oor', top: 3, expect: ['maatje'] },
  { q: 'mijn zoon van 14 zorgt voor zijn zus', top: 3, expect: ['jongeMantelzorgers'] },
  { q: 'jonge mantelzorger', top: 1, expect: ['jongeMantelzorgers'] },
  { q: 'zorgverlof aanvragen bij mijn werkgever', top: 1, expect: ['werk'] },
  { q: 'werk en zorg combineren', top: 1, expect: ['werk'] },
  { q: 'hulp bij het keukentafelgesprek', top: 1, expect: ['clientondersteuning'] },
  { q: 'mantelzorgwaardering', top: 1, expect: ['waardering'] },
  { q: 'rouw na overlijden', top: 1, expect: ['rouw'] },
  { q: 'waken bij iemand die terminaal ziek is', top: 1, expect: ['palliatief'] },
  { q: 'mijn vrouw is depressief', top: 1, expect: ['ggz'] },
  { q: 'uitleg in het Turks', top: 1, expect: ['turks'] },
  { q: 'formulieren invullen', top: 1, expect: ['administratie'] },
  { q: 'rolstoel lenen', top: 1, expect: ['hulpmiddelen'] },
  { q: 'koffie drinken in de wijk', top: 1, expect: ['buurthuis'] },
  { q: 'parkinson', top: 1, expect: ['parkinson'] },
  { q: 'mijn man had een beroerte', top: 1, expect: ['beroerte'] },
  { q: 'kanker', top: 1, expect: ['kanker'] },
  { q: 'kind met autisme', top: 1, expect: ['autisme'] },
  { q: 'dementie', top: 3, expect: ['alzheimercafe', 'oppasDementie', 'dagbesteding'] },
  // Word forms
  { q: 'boodschap', top: 1, expect: ['boodschappen'] },
  { q: 'boodschappen doen', top: 1, expect: ['boodschappen'] },
  { q: 'maaltijd', top: 1, expect: ['maaltijden'] },
  { q: 'lotgenoot', top: 1, expect: ['lotgenoten'] },
  { q: 'vrijwilliger rijdt', top: 1, expect: ['vervoer'] },
  { q: 'logeerweekend', top: 1, expect: ['logeerweekendKind'] },
  // Small typos
  { q: 'mantelzorgondersteuing', top: 1, expect: ['mantelzorgondersteuning'] },
  { q: 'mantelzorgonderstuening', top: 1, expect: ['mantelzorgondersteuning'] },
  { q: 'bootschappen', top: 1, expect: ['boodschappen'] },
  { q: 'alzheimer cafe', top: 1, expect: ['alzheimercafe'] },
  { q: 'demensie', top: 3, expect: ['alzheimercafe'] },
  { q: 'dagbesteeding', top: 1, expect: ['dagbesteding'] },
  // English questions
  { q: 'help with shopping', top: 1, expect: ['boodschappen'] },
  { q: 'someone to sit with my mother so I can have a break', top: 3, expect: ['oppasDementie'] },
  { q: 'respite care', top: 1, expect: ['oppasDementie'] },
  { q: 'dementia support', top: 3, expect: ['alzheimercafe'] },
  { q: 'talk to other carers', top: 1, expect: ['lotgenoten'] },
  { q: 'young carers', top: 1, expect: ['jongeMantelzorgers'] },
  { q: 'transport to the hospital', top: 1, expect: ['vervoer'] },
  { q: 'borrow a wheelchair', top: 1, expect: ['hulpmiddelen'] },
  // Filters
  { q: '', top: 3, expect: ['oppasDementie', 'dagbesteding'], filters: { forms: [F.respite], groups: [G.dementia] } },
  { q: 'advies', top: 1, expect: ['turks'], filters: { language: 'tr' } },
  { q: 'respijt', top: 1, expect: ['oppasDementie'], filters: { free: true } },
  { q: 'lotgenoten', top: 1, expect: ['beroerte'], filters: { groups: [G.brainInjury] } },
  // Distance: nearest first from a postcode
  { q: 'tuinhulp', top: 3, expect: ['tuinNabij', 'tuinMidden', 'tuinVer'], postcode: '3512' },
];

let t: TestDatabase;
let tenantId: string;
let otherTenantId: string;
const keyOf = new Map<string, string>();
const system = { kind: 'system', name: 'test' } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    await loadReferenceData(ctx.sql);
    tenantId = (await addMunicipality(ctx, { code: 'GM9999', name: 'Demodam' })).municipality.id;
    otherTenantId = (await addMunicipality(ctx, { code: 'GM0150', name: 'Deventer' })).municipality.id;
  });
  await inContext(t.db, { tenantId, actor: system }, async (ctx) => {
    for (const [key, f] of Object.entries(QUALITY_FIXTURES))
      keyOf.set((await saveServiceEntry(ctx.sql, tenantId, fixtureEntry(key, f))).id, key);
  });
  // Another municipality has a service that answers the first question word for word.
  await inContext(t.db, { tenantId: otherTenantId, actor: system }, (ctx) =>
    saveServiceEntry(ctx.sql, otherTenantId, fixtureEntry('elders', { name: 'Hulp bij boodschappen', terms: [F.practicalHelp] })),
  );
});
afterAll(async () => {
  await t?.drop();
});

async function search(c: Case) {
  return inContext(t.db, { tenantId, actor: system, readOnly: true }, async (ctx) => {
    const place = c.postcode ? await placeOf(ctx.sql, c.postcode) : null;
    return searchServices(ctx, { text: c.q, ...c.filters, place, now: new Date('2026-03-02T10:00:00Z') });
  });
}

describe('search quality', () => {
  it('has at least 40 questions', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    for (const c of CASES) for (const key of c.expect) expect(QUALITY_FIXTURES[key], key).toBeDefined();
  });

  it.each(CASES)('"$q" puts $expect in the top $top', async (c) => {
    const result = await search(c);
    const keys = result.items.map((i) => keyOf.get(i.id) ?? `elsewhere:${i.name}`);
    const top = keys.slice(0, Math.max(c.top, c.expect.length));
    if (c.postcode) expect(top).toEqual(c.expect);
    else for (const key of c.expect) expect(top, `top of ${JSON.stringify(keys)}`).toContain(key);
    // Nothing unpublished, inactive or of another municipality is ever found.
    expect(keys).not.toContain('verborgen');
    expect(keys).not.toContain('gesloten');
    expect(keys.filter((k) => k.startsWith('elsewhere:'))).toEqual([]);
  });

  it('applies filters to every result, not just the first', async () => {
    const both = await search({ q: '', top: 3, expect: [], filters: { forms: [F.respite], groups: [G.dementia] } });
    expect(both.items.length).toBeGreaterThan(0);
    for (const item of both.items) {
      const codes = item.terms.map((term) => term.code);
      expect(codes).toContain(F.respite);
      expect(codes).toContain(G.dementia);
    }
    const free = await search({ q: 'hulp', top: 1, expect: [], filters: { free: true } });
    expect(free.items.every((i) => i.isFree === true)).toBe(true);
    const paid = await search({ q: '', top: 1, expect: [], filters: { free: false } });
    expect(paid.items.map((i) => keyOf.get(i.id)).sort()).toEqual(['dagbesteding', 'logeerhuis', 'maaltijden', 'vervoer']);
  });

  it('shows distance from the postcode, nearest first, and sorts by relevance or name when asked', async () => {
    const near = await search({ q: 'tuinhulp', top: 3, expect: [], postcode: '3512 AB' });
    expect(near.sort).toBe('distance');
    const distances = near.items.map((i) => i.distanceKm ?? Number.NaN);
    expect(distances[0]).toBeLessThan(1);
    expect(distances[1]).toBeGreaterThan(15);
    expect(distances[1]).toBeLessThan(25);
    expect(distances[2]).toBeGreaterThan(60);
    const byName = await search({ q: 'tuinhulp', top: 3, expect: [], postcode: '3512', filters: { sort: 'name' } });
    expect(byName.items.map((i) => i.name)).toEqual(['Tuinhulp Binnenstad', 'Tuinhulp Noord', 'Tuinhulp Oost']);
  });

  it('says why a service matched: in the name, through a term, a similar word or a translation', async () => {
    const named = await search({ q: 'boodschappen', top: 1, expect: [] });
    expect(named.items[0]?.reasons).toEqual([{ kind: 'name', word: 'boodschappen' }]);
    const term = await search({ q: 'oppas', top: 1, expect: [] });
    expect(term.items[0]?.reasons[0]).toMatchObject({ kind: 'term', word: 'oppas', term: 'Respijtzorg: tijdelijke vervanging' });
    const typo = await search({ q: 'bootschappen', top: 1, expect: [] });
    expect(typo.corrections).toEqual([{ word: 'bootschappen', similar: expect.arrayContaining(['boodschappen']) }]);
    expect(typo.items[0]?.reasons[0]).toMatchObject({ kind: 'similar', word: 'bootschappen', similar: 'boodschappen' });
    const english = await search({ q: 'shopping', top: 1, expect: [] });
    expect(english.items[0]?.reasons[0]).toEqual({ kind: 'translation', word: 'shopping', translation: 'boodschappen' });
  });

  it('says whether a service is open now, how to reach it and when it was checked', async () => {
    const r = await search({ q: 'boodschappen', top: 1, expect: [] });
    expect(r.items[0]).toMatchObject({ assuredDate: '2026-01-15', checkWarning: false, openNow: null });
    expect(r.items[0]?.address).toEqual({ address1: 'Voorbeeldstraat 1', postalCode: '3511 AA', city: 'Proefstad' });
  });
});
