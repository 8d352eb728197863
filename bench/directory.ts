// Social map search benchmark: 100,000 generated services in one municipality, searched through the
// real public page (routing, validation, the search SQL, rendering) with app.inject, so the time is
// the server's time without the network. Run: node --import tsx bench/directory.ts [--services 100000]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadReferenceData, refreshSearchFields } from '../src/capabilities/directory/directory.service.ts';
import { addMunicipality } from '../src/capabilities/organisations/organisations.service.ts';
import { loadConfig } from '../src/platform/config.ts';
import { inContext } from '../src/platform/db/context.ts';
import { Database } from '../src/platform/db/database.ts';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';

const { values } = parseArgs({
  options: {
    services: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '300' },
    connections: { type: 'string', default: '10' },
    // Keep the generated database here and use it again next time (for repeated runs).
    'data-dir': { type: 'string' },
  },
});
const SERVICES = Number(values.services);
const REQUESTS = Number(values.requests);
const CONNECTIONS = Number(values.connections);
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);

// Words to build invented services from.
const NAMES = [
  'Boodschappenhulp',
  'Vervoersdienst',
  'Klussendienst',
  'Lotgenotengroep',
  'Maatje',
  'Logeerhuis',
  'Dagbesteding',
  'Oppasdienst',
  'Spreekuur mantelzorg',
  'Cursus omgaan met stress',
  'Koffie-inloop',
  'Tuinhulp',
  'Maaltijdservice',
  'Rouwgroep',
  'Alzheimer Café',
  'Bezoekdienst',
  'Wandelgroep',
  'Uitleenpunt hulpmiddelen',
  'Hulp bij administratie',
  'Taalmaatje',
  'Mantelzorgconsulent',
  'Cliëntondersteuning',
  'Nachtwacht',
  'Parkinson Café',
  'Jonge mantelzorgers club',
  'Werk en zorg spreekuur',
  'Buurthuis',
  'Wijkteam',
];
const PLACES = ['Centrum', 'Noord', 'Oost', 'Zuid', 'West', 'Haven', 'Dorp', 'Park', 'Molenwijk', 'Vijverhof', 'Kanaalzijde', 'Hoogland'];
const PHRASES = [
  'Een vrijwilliger doet wekelijks de boodschappen voor u.',
  'Vrijwilligers rijden u naar het ziekenhuis of de huisarts.',
  'Kleine klusjes in en om het huis.',
  'Praten met andere mantelzorgers die hetzelfde meemaken.',
  'Een vaste vrijwilliger met een luisterend oor.',
  'Uw naaste logeert een weekend bij ons, zodat u op adem komt.',
  'Een zinvolle dag voor mensen met dementie.',
  'Iemand past een dagdeel op bij uw naaste, zodat u even weg kunt.',
  'Advies over regelingen en het keukentafelgesprek.',
  'Training over grenzen stellen en overbelasting voorkomen.',
  'Koffie en een praatje in de wijk.',
  'Hulp in de tuin: gras maaien en heg knippen.',
  'Elke dag een warme maaltijd thuisbezorgd.',
  'Steun na het overlijden van uw naaste.',
  'Informatie en ontmoeting bij dementie.',
  'Een vrijwilliger komt op bezoek voor een praatje.',
  'Samen wandelen in de buurt.',
  'Leen een rolstoel of rollator.',
  'Hulp met post, rekeningen en formulieren.',
  'Een vrijwilliger helpt met de taal bij de dokter.',
  'Voor jongeren die thuis zorgen voor een ouder.',
  'Advies over zorgverlof en uw werkgever.',
  'Waken in de laatste levensfase, thuis.',
  'Gratis, zonder verwijzing.',
  'Aanmelden via de huisarts.',
];
const FORMS = ['informatie-en-advies', 'emotionele-steun-en-scholing', 'respijt', 'praktische-en-materiele-hulp', 'algemene-voorzieningen'];
const GROUPS = [
  'jonge-mantelzorgers',
  'werkende-mantelzorgers',
  'dementie',
  'kinderen-met-een-beperking',
  'ouderen',
  'chronische-ziekte',
  'psychische-problemen',
  'levenseinde',
  'migranten-en-taal',
  'beperking',
  'hersenletsel',
];

const QUERIES = [
  { name: 'Plain words', path: '?q=hulp+bij+boodschappen' },
  { name: 'A sentence', path: '?q=iemand+die+even+oppast+bij+mijn+moeder' },
  { name: 'A typo', path: '?q=mantelzorgondersteuing' },
  { name: 'English', path: '?q=respite+care+for+my+mother' },
  { name: 'Words + postcode (nearest first)', path: '?q=boodschappen&waar=9712' },
  { name: 'Words + three filters + postcode', path: '?q=oppas&vorm=respijt&voor=dementie&kosten=gratis&waar=9745' },
  { name: 'Form of support + postcode, no words', path: '?vorm=praktische-en-materiele-hulp&waar=9712' },
  { name: 'Words + cost + postcode (many matches)', path: '?q=boodschappen&kosten=gratis&waar=9712' },
  { name: 'Words + language + postcode (2,000 matches)', path: '?q=advies&taal=tr&waar=9712' },
  { name: 'Language filter + words, page 3', path: '?q=advies&taal=tr&page=3' },
  { name: 'Words + sort by name', path: '?q=lotgenoten&sortering=name' },
];

async function generate(ownerUrl: string, tenantId: string): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query('begin');
    await c.query(
      `insert into directory_organizations (tenant_id, source_id, name)
       select $1, 'bench-org-' || g, 'Organisatie ' || ($2::text[])[1 + g % array_length($2::text[], 1)] || ' ' || g
       from generate_series(0, 1999) g`,
      [tenantId, PLACES],
    );
    await c.query(
      `with orgs as (select id, row_number() over (order by source_id) - 1 as rn from directory_organizations where tenant_id = $1)
       insert into directory_services (tenant_id, organization_id, source_id, name, description, review_status, status, is_free, assured_date)
       select $1, o.id, 'bench-' || g,
         ($2::text[])[1 + g % array_length($2::text[], 1)] || ' ' || ($3::text[])[1 + (g / 7) % array_length($3::text[], 1)] || ' ' || g,
         ($4::text[])[1 + g % array_length($4::text[], 1)] || ' ' || ($4::text[])[1 + (g * 7) % array_length($4::text[], 1)] || ' '
           || ($4::text[])[1 + (g * 13) % array_length($4::text[], 1)],
         case when g % 20 = 0 then 'pending' else 'published' end, case when g % 50 = 0 then 'inactive' else 'active' end,
         g % 3 <> 0, current_date - (g % 500)
       from generate_series(0, $5::int - 1) g join orgs o on o.rn = g % 2000`,
      [tenantId, NAMES, PLACES, PHRASES, SERVICES],
    );
    // Locations spread over the PC4 points of the north of the country, a few hundred metres around each.
    await c.query(
      `with pcs as (select pc4, latitude, longitude, row_number() over (order by pc4) - 1 as rn from postcode_areas where pc4 >= '9000'),
            n as (select count(*) as n from pcs),
            svc as (select id, organization_id, source_id, (substring(source_id from 7))::int as g from directory_services where tenant_id = $1)
       insert into directory_locations (tenant_id, organization_id, source_id, name, latitude, longitude, pc4)
       select $1, s.organization_id, 'bench-loc-' || s.g, 'Locatie ' || s.g,
         p.latitude + ((s.g * 37) % 100 - 50) / 20000.0, p.longitude + ((s.g * 53) % 100 - 50) / 20000.0, p.pc4
       from svc s join pcs p on p.rn = (s.g * 7919) % (select n from n)`,
      [tenantId],
    );
    await c.query(
      `insert into directory_service_at_locations (tenant_id, service_id, location_id)
       select $1, s.id, l.id from directory_services s join directory_locations l on l.source_id = 'bench-loc-' || substring(s.source_id from 7)
       where s.tenant_id = $1 and l.tenant_id = $1`,
      [tenantId],
    );
    await c.query(
      `insert into directory_addresses (tenant_id, location_id, address_1, city, postal_code)
       select $1, l.id, 'Voorbeeldstraat ' || (1 + length(l.source_id) * 3), 'Plaats', l.pc4 || ' AB' from directory_locations l where l.tenant_id = $1`,
      [tenantId],
    );
    await c.query(
      `insert into directory_attributes (tenant_id, link_id, link_type, taxonomy_term_id)
       select $1, s.id, 'service', t.id
       from directory_services s, lateral (select (substring(s.source_id from 7))::int as g) x
       join taxonomy_terms t on t.code = ($2::text[])[1 + x.g % 5] or (x.g % 3 <> 0 and t.code = ($3::text[])[1 + (x.g / 3) % 11])
       where s.tenant_id = $1`,
      [tenantId, FORMS, GROUPS],
    );
    await c.query(
      `insert into directory_languages (tenant_id, service_id, code, name)
       select $1, s.id, 'nl', 'Nederlands' from directory_services s where s.tenant_id = $1
       union all
       select $1, s.id, 'tr', 'Turks' from directory_services s where s.tenant_id = $1 and (substring(s.source_id from 7))::int % 20 = 3`,
      [tenantId],
    );
    await c.query(
      `insert into directory_schedules (tenant_id, service_id, freq, byday, opens_at, closes_at)
       select $1, s.id, 'WEEKLY', 'MO,TU,WE,TH,FR', '09:00', '17:00' from directory_services s where s.tenant_id = $1`,
      [tenantId],
    );
    await c.query('commit');
  } finally {
    await c.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function fill(db: Database, ownerUrl: string, tenantId: string): Promise<void> {
  const system = { kind: 'system', name: 'bench' } as const;
  let start = performance.now();
  await generate(ownerUrl, tenantId);
  say(`generated ${SERVICES} services in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  start = performance.now();
  const ids = await inContext(db, { tenantId, actor: system, readOnly: true }, async (ctx) =>
    (await ctx.sql.query<{ id: string }>('select id from directory_services')).rows.map((r) => r.id),
  );
  for (let i = 0; i < ids.length; i += 5000) {
    await inContext(db, { tenantId, actor: system }, (ctx) => refreshSearchFields(ctx.sql, tenantId, ids.slice(i, i + 5000)));
  }
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query('vacuum analyze');
  await owner.end();
  say(`search fields of ${ids.length} services in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const keep = values['data-dir'];
  const dataDir = keep ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'naaste-bench-directory-')));
  const embedded = await startEmbeddedPostgres({ dataDir, ephemeralSettings: true });
  let db: Database | undefined;
  try {
    await migrate(embedded.ownerUrl, { runtimeUrl: embedded.appUrl });
    db = new Database(embedded.appUrl, { max: 10 });
    const system = { kind: 'system', name: 'bench' } as const;
    const existing = await inContext(
      db,
      { tenantId: null, actor: system },
      async (ctx) => (await ctx.sql.query<{ id: string }>(`select id from municipalities where code = 'GM9999' and active`)).rows[0]?.id,
    );
    const tenantId =
      existing ??
      (await inContext(db, { tenantId: null, actor: system }, async (ctx) => {
        await loadReferenceData(ctx.sql);
        return (await addMunicipality(ctx, { code: 'GM9999', name: 'Demodam' })).municipality.id;
      }));
    if (!existing) await fill(db, embedded.ownerUrl, tenantId);
    else {
      // A kept database may just have had a migration: statistics and visibility maps (for
      // index-only scans) as autovacuum would soon have them.
      const owner = new pg.Client({ connectionString: embedded.ownerUrl });
      await owner.connect();
      await owner.query('vacuum analyze');
      await owner.end();
    }
    say(`database: ${embedded.ownerUrl}`);

    const app = await buildApp({
      config: { ...loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '100000000' }) },
      db,
      cookieSecret: 'bench-cookie-secret-that-is-long-enough',
      logger: false,
    });
    await app.ready();
    const rows: string[] = [];
    for (const q of QUERIES) {
      const url = `/gemeenten/demodam/sociale-kaart${q.path}`;
      const check = await app.inject({ method: 'GET', url });
      if (check.statusCode !== 200) throw new Error(`${url} answered ${check.statusCode}`);
      const total = /(\d+) resultaten/.exec(check.body)?.[1] ?? '?';
      for (let i = 0; i < 20; i++) await app.inject({ method: 'GET', url });
      const times: number[] = [];
      let next = 0;
      const began = performance.now();
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (next < REQUESTS) {
            next += 1;
            const t0 = performance.now();
            const res = await app.inject({ method: 'GET', url });
            times.push(performance.now() - t0);
            if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
          }
        }),
      );
      const seconds = (performance.now() - began) / 1000;
      const sequential: number[] = [];
      for (let i = 0; i < Math.min(100, REQUESTS); i++) {
        const t0 = performance.now();
        await app.inject({ method: 'GET', url });
        sequential.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      sequential.sort((a, b) => a - b);
      const f = (n: number) => n.toFixed(1);
      rows.push(
        `| ${q.name} | \`${q.path}\` | ${total} | ${f(percentile(sequential, 50))} | ${f(percentile(sequential, 95))} | ${f(percentile(sequential, 99))} | ${f(times.length / seconds)} | ${f(percentile(times, 50))} | ${f(percentile(times, 95))} | ${f(percentile(times, 99))} |`,
      );
      say(rows.at(-1) ?? '');
    }
    await app.close();
    process.stdout.write(
      [
        `${SERVICES} services; ${REQUESTS} requests per row with ${CONNECTIONS} at a time, after 20 warm-up requests; one at a time: 100 requests.`,
        '',
        '| Search | Query | Results | p50 one at a time (ms) | p95 | p99 | Requests/s (10 at a time) | p50 (ms) | p95 | p99 |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    await db?.close();
    await embedded.stop();
    if (!keep) await fs.rm(dataDir, { recursive: true, force: true });
  }
}

await main();
