import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { inContext } from '../../platform/db/context.ts';
import { addMunicipality } from '../organisations/organisations.service.ts';
import { loadReferenceData, PROFILE, saveServiceEntry } from './directory.service.ts';
import { fixtureEntry, QUALITY_FIXTURES } from './search-quality.fixtures.ts';

let t: TestDatabase;
let app: FastifyInstance;
let demodam: string;
let deventer: string;
const ids = new Map<string, string>();
const system = { kind: 'system', name: 'test' } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
  await inContext(t.db, { tenantId: null, actor: system }, async (ctx) => {
    await loadReferenceData(ctx.sql);
    demodam = (await addMunicipality(ctx, { code: 'GM9999', name: 'Demodam' })).municipality.id;
    deventer = (await addMunicipality(ctx, { code: 'GM0150', name: 'Deventer' })).municipality.id;
  });
  await inContext(t.db, { tenantId: demodam, actor: system }, async (ctx) => {
    for (const [key, f] of Object.entries(QUALITY_FIXTURES))
      ids.set(key, (await saveServiceEntry(ctx.sql, demodam, fixtureEntry(key, f))).id);
    const stale = fixtureEntry('oud', {
      name: 'Oude wandelgroep',
      description: 'Samen wandelen op zondag.',
      terms: [PROFILE.supportForms.generalServices],
      assuredDate: '2023-05-01',
      phones: [{ number: '0599 123 456' }],
      schedules: [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '00:00', closesAt: '23:59' }],
    });
    ids.set('oud', (await saveServiceEntry(ctx.sql, demodam, stale)).id);
    const marked = fixtureEntry('html', {
      name: '<b>Vet</b> koffie-uurtje',
      description: '<script>alert(1)</script> Koffie voor mantelzorgers.',
      terms: [PROFILE.supportForms.generalServices],
    });
    ids.set('html', (await saveServiceEntry(ctx.sql, demodam, marked)).id);
  });
  await inContext(t.db, { tenantId: deventer, actor: system }, async (ctx) => {
    const elders = fixtureEntry('deventer', { name: 'Boodschappenhulp Deventer', terms: [PROFILE.supportForms.practicalHelp] });
    ids.set('deventer', (await saveServiceEntry(ctx.sql, deventer, elders)).id);
  });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const get = (url: string) => app.inject({ method: 'GET', url });
const page = (query: string) => get(`/gemeenten/demodam/sociale-kaart${query}`);

describe('the public social map', () => {
  it('without a question offers browsing by form of support, with counts, no sign-in needed', async () => {
    const res = await page('');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Hulp en steun in Demodam');
    expect(res.body).toContain('Kijk per soort hulp');
    expect(res.body).toMatch(
      /href="\/gemeenten\/demodam\/sociale-kaart\?vorm=respijt">Respijtzorg: tijdelijke vervanging<\/a> <span class="naaste-muted">\(\d+ diensten\)/,
    );
    expect(res.body).not.toContain('naaste-result');
  });

  it('finds a service in plain words near a postcode, with distance, reasons, contact, last check and a link to its page', async () => {
    const res = await page('?q=hulp+bij+boodschappen&waar=3512+AB');
    expect(res.statusCode).toBe(200);
    const first = res.body.indexOf('class="naaste-result"');
    const firstResult = res.body.slice(first, res.body.indexOf('</li>', first));
    expect(firstResult).toContain(`href="/sociale-kaart/diensten/${ids.get('boodschappen')}"`);
    expect(firstResult).toMatch(/0,\d km/);
    expect(firstResult).toContain(
      'Gevonden omdat: &quot;hulp&quot; past bij praktische en materiële hulp; &quot;boodschappen&quot; in de naam staat.',
    );
    expect(firstResult).toContain('Laatst gecontroleerd: 15 januari 2026');
    expect(res.body).toContain('het dichtstbij eerst vanaf 3512 AB');
  });

  it('says so when the place is unknown, and searches without distance', async () => {
    const res = await page('?q=boodschappen&waar=Nergenshuizen');
    expect(res.body).toContain('We kennen de postcode of plaats &quot;Nergenshuizen&quot; niet');
    expect(res.body).toContain('Boodschappenhulp');
    expect(res.body).not.toMatch(/\d km/);
  });

  it('cuts a very long question with a message, and still answers', async () => {
    const res = await page(`?q=${'boodschappen '.repeat(400)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Uw vraag was erg lang. We hebben gezocht met de eerste 200 tekens.');
    expect(res.body).toContain('Boodschappenhulp');
  });

  it('shows HTML and SQL in a question as text, and HTML in an entry as text', async () => {
    const hostile = `<script>alert(1)</script>' OR 1=1; drop table directory_services; --`;
    const res = await page(`?q=${encodeURIComponent(hostile)}&vorm=${encodeURIComponent("' or 1=1")}&taal=${encodeURIComponent('<x>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('value="&lt;script>alert(1)&lt;/script>');
    const entry = await page('?q=koffie-uurtje');
    expect(entry.body).toContain('&lt;b>Vet&lt;/b> koffie-uurtje');
    expect(entry.body).not.toContain('<script>alert(1)</script>');
    // The table is still there.
    expect((await page('?q=boodschappen')).body).toContain('Boodschappenhulp');
  });

  it('never shows an unpublished or inactive entry, in search or by its address', async () => {
    const res = await page('?q=boodschappen');
    expect(res.body).not.toContain('Geheime boodschappenclub');
    expect(res.body).not.toContain('Gesloten boodschappenpunt');
    expect((await get(`/sociale-kaart/diensten/${ids.get('verborgen')}`)).statusCode).toBe(404);
    expect((await get(`/sociale-kaart/diensten/${ids.get('gesloten')}`)).statusCode).toBe(404);
    expect((await get('/sociale-kaart/diensten/not-an-id')).statusCode).toBe(404);
    expect((await get('/sociale-kaart/diensten/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it("never shows another municipality's services; each service page belongs to its own municipality", async () => {
    const res = await page('?q=boodschappenhulp');
    expect(res.body).toContain('Boodschappenhulp');
    expect(res.body).not.toContain('Boodschappenhulp Deventer');
    const there = await get(`/gemeenten/deventer/sociale-kaart?q=boodschappenhulp`);
    expect(there.body).toContain('Boodschappenhulp Deventer');
    expect(there.body).not.toContain(ids.get('boodschappen'));
    const detail = await get(`/sociale-kaart/diensten/${ids.get('deventer')}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('href="/gemeenten/deventer/sociale-kaart"');
    expect((await get('/gemeenten/nergenshuizen/sociale-kaart')).statusCode).toBe(404);
  });

  it('pages through many results, sorted by distance, name or relevance', async () => {
    const first = await page('?waar=3512');
    expect(first.body).toMatch(/3\d resultaten, het dichtstbij eerst vanaf 3512/);
    expect(first.body).toContain('Pagina 1 van 2');
    expect(first.body).toContain('rel="next" href="/gemeenten/demodam/sociale-kaart?waar=3512&amp;page=2"');
    const second = await page('?waar=3512&page=2');
    expect(second.body).toContain('Pagina 2 van 2');
    expect(second.body).toContain('Tuinhulp Noord');
    const byName = await page('?kosten=gratis&sortering=name');
    const names = [...byName.body.matchAll(/<h2 class="utrecht-heading-3"><a class="utrecht-link" href="[^"]+">([^<]+)<\/a>/g)].map(
      (x) => x[1],
    );
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual([...names].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'nl')));
    // A page far past the end, or nonsense, is forgiven.
    expect((await page('?waar=3512&page=999')).statusCode).toBe(200);
    expect((await page('?waar=3512&page=abc&sortering=evil')).statusCode).toBe(200);
  });

  it('shows an empty state with suggestions', async () => {
    const res = await page('?q=xyzzyqwv&vorm=respijt');
    expect(res.body).toContain('We hebben niets gevonden dat past.');
    expect(res.body).toContain('href="/gemeenten/demodam/sociale-kaart?q=xyzzyqwv">Zoek zonder filters</a>');
    expect(res.body).toContain('?vorm=informatie-en-advies');
  });

  it('warns when an entry was not checked for over a year, and says whether it is open now', async () => {
    const res = await page('?q=wandelgroep');
    expect(res.body).toContain('Oude wandelgroep');
    expect(res.body).toContain('meer dan een jaar niet gecontroleerd');
    expect(res.body).toContain('Nu open');
    const detail = await get(`/sociale-kaart/diensten/${ids.get('oud')}`);
    expect(detail.body).toContain('meer dan een jaar niet gecontroleerd');
    expect(detail.body).toContain('Maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag, zondag: 00:00 tot 23:59 uur');
  });

  it('has a printable service page with everything, and a link to report a mistake', async () => {
    const res = await get(`/sociale-kaart/diensten/${ids.get('turks')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="utrecht-heading-1">Mantelzorgsteun in eigen taal</h1>');
    expect(res.body).toContain('Arabisch, Turks');
    expect(res.body).toContain('Andere taal of cultuur');
    expect(res.body).toContain('Voorbeeldstraat 1');
    expect(res.body).toContain(`href="/sociale-kaart/diensten/${ids.get('turks')}/melden"`);
    expect(res.body).toContain('href="/assets/print.css" media="print"');
    expect(res.body).toContain('class="naaste-no-print"');
    expect(res.body).not.toContain('<script');
  });

  it('speaks English when asked', async () => {
    const res = await page('?q=help+with+shopping&lang=en');
    expect(res.body).toContain('Help and support in Demodam');
    expect(res.body).toContain('&quot;shopping&quot; is &quot;boodschappen&quot; in Dutch');
    const detail = await get(`/sociale-kaart/diensten/${ids.get('turks')}?lang=en`);
    expect(detail.body).toContain('Other language or culture');
    expect(detail.body).toContain('Arabic, Turkish');
  });

  it('/sociale-kaart lets people choose a municipality when several run Naaste', async () => {
    const res = await get('/sociale-kaart');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/gemeenten/demodam/sociale-kaart"');
    expect(res.body).toContain('href="/gemeenten/deventer/sociale-kaart"');
  });
});
