// Caseload benchmark: one municipality with 100,000 caregivers (care relationships, consents and
// support cases), the support consultant's workspace measured over HTTP with autocannon. Run with
// `node --import tsx bench/caseload.ts --help` for the options.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import * as organisations from '../src/capabilities/organisations/organisations.service.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { loadConfig } from '../src/platform/config.ts';
import { inContext } from '../src/platform/db/context.ts';
import { freePort } from '../src/platform/db/embedded.ts';
import { buildApp } from '../src/server/app.ts';
import { setUpDatabase } from '../src/server/database-setup.ts';
import { markdownTable, percentile, round, wholeNumber } from './measure.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');

const HELP = `Usage: node --import tsx bench/caseload.ts [options]

Generates one municipality with many caregivers in a temporary embedded PostgreSQL, then measures
the support consultant's caseload and case page with autocannon, in the same process as the server.

Options (each also as an environment variable):
  -n, --caregivers <n>   caregivers in the municipality       BENCH_CAREGIVERS   (default 100000)
  -d, --duration <s>     seconds per target                    BENCH_DURATION     (default 10)
  -c, --connections <n>  concurrent connections                BENCH_CONNECTIONS  (default 4)
  -w, --warmup <s>       warm-up seconds per target, 0 = none  BENCH_WARMUP       (default 2)
  -h, --help             show this text
`;

type Settings = { caregivers: number; duration: number; connections: number; warmup: number };

function readSettings(): Settings | undefined {
  const { values } = parseArgs({
    options: {
      caregivers: { type: 'string', short: 'n' },
      duration: { type: 'string', short: 'd' },
      connections: { type: 'string', short: 'c' },
      warmup: { type: 'string', short: 'w' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return undefined;
  return {
    caregivers: wholeNumber('--caregivers', values.caregivers ?? process.env.BENCH_CAREGIVERS, 100_000, 100),
    duration: wholeNumber('--duration', values.duration ?? process.env.BENCH_DURATION, 10, 1),
    connections: wholeNumber('--connections', values.connections ?? process.env.BENCH_CONNECTIONS, 4, 1),
    warmup: wholeNumber('--warmup', values.warmup ?? process.env.BENCH_WARMUP, 2, 0),
  };
}

const note = (message: string) => process.stderr.write(`bench: ${message}\n`);

// ---- data -------------------------------------------------------------------------------------

const FIRST = [
  'Anna',
  'Bram',
  'Carla',
  'Daan',
  'Esra',
  'Fatima',
  'Gerrit',
  'Hanna',
  'Ilse',
  'Joost',
  'Karin',
  'Lars',
  'Mila',
  'Noah',
  'Olga',
  'Pieter',
  'Rachid',
  'Sanne',
  'Tom',
  'Ursula',
  'Vera',
  'Willem',
  'Yara',
  'Zeynep',
  'Ahmed',
  'Bea',
  'Chantal',
  'Dirk',
  'Elif',
  'Frank',
  'Greet',
  'Hasan',
  'Ingrid',
  'Jan',
  'Kees',
  'Lotte',
  'Mohamed',
  'Nora',
  'Omar',
  'Petra',
];
const LAST = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'van Dijk',
  'Bakker',
  'Janssen',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
  'van der Meer',
  'van der Linden',
  'Kok',
  'Jacobs',
  'de Haan',
  'Vermeulen',
  'van den Heuvel',
  'van der Veen',
  'van den Broek',
  'de Bruijn',
  'de Bruin',
  'van der Heijden',
  'Schouten',
  'van Beek',
  'Willems',
  'van Vliet',
  'Yilmaz',
  'El Amrani',
  'Kaya',
];
const CARED_FOR = [
  'mama',
  'papa',
  'Wim',
  'Truus',
  'opa Henk',
  'oma Riet',
  'Johan',
  'Marja',
  'Fenna',
  'Luuk',
  'Aïcha',
  'Mustafa',
  'Ria',
  'Koos',
  'tante Lies',
  'Bep',
  'Gijs',
  'Noor',
  'Sem',
  'Daan',
  'Hennie',
  'Toos',
  'Kees',
  'Ans',
  'Joke',
  'Ali',
  'Emine',
  'Sjaak',
  'Corrie',
];
const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** Everything in one municipality, in set-based SQL (generate_series), as the owner. */
export async function generate(
  ownerUrl: string,
  tenantId: string,
  organisationId: string,
  consultants: string[],
  n: number,
): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query('begin');
    await c.query(
      `create temp table gen on commit drop as
       select i, gen_random_uuid() as account_id, gen_random_uuid() as rel_id, gen_random_uuid() as case_id,
              ($2::uuid[])[1 + (i / 10) % array_length($2::uuid[], 1)] as consultant_id,
              -- Independent pseudo-random numbers per caregiver, so status, burden, dates and consent do not line up.
              abs(hashint4(i)) as r1, abs(hashint4(i + 10000000)) as r2, abs(hashint4(i + 20000000)) as r3,
              abs(hashint4(i + 30000000)) as r4
       from generate_series(1, $1::int) i`,
      [n, consultants],
    );
    await c.query(
      `insert into accounts (id, email, display_name, kind, created_at)
       select account_id, 'mantelzorger' || i || '@bench.example',
              (${sqlArray(FIRST)})[1 + i % ${FIRST.length}] || ' ' || (${sqlArray(LAST)})[1 + (i / ${FIRST.length}) % ${LAST.length}],
              'resident', now() - make_interval(days => i % 900)
       from gen`,
    );
    await c.query(
      `insert into memberships (tenant_id, account_id, organisation_id, roles) select $1, account_id, null, '{caregiver}' from gen`,
      [tenantId],
    );
    await c.query(
      `insert into care_relationships (id, tenant_id, caregiver_id, cared_for_name, cared_for_age_band, relation, condition_text, tasks,
         hours_per_week, living_together, combines_with)
       select rel_id, $1, account_id, (${sqlArray(CARED_FOR)})[1 + i % ${CARED_FOR.length}],
              (array['under12','12to17','18to39','40to64','65to79','80plus'])[1 + i % 6],
              (array['partner','parent','child','otherFamily','friend','neighbour','other'])[1 + i % 7],
              'Heeft steeds meer hulp nodig bij het huishouden en de persoonlijke verzorging.',
              '{household,personalCare,companionship}', 4 + i % 40, i % 3 = 0, case when i % 2 = 0 then '{work}'::text[] else '{}' end
       from gen`,
      [tenantId],
    );
    // Five in a hundred have withdrawn the consent; two in a hundred gave none (they never appear).
    await c.query(
      `insert into consents (tenant_id, person_id, data_category, purpose, recipient_organisation_id, given_how, valid_from, valid_until,
         withdrawn_at)
       select $1, account_id, 'careRelationship', 'support', $2, 'online', now() - interval '400 days', now() + interval '330 days',
              case when r4 % 100 < 7 then now() - interval '3 days' end
       from gen where r4 % 100 >= 2`,
      [tenantId, organisationId],
    );
    await c.query(
      `insert into support_cases (id, tenant_id, care_relationship_id, organisation_id, consultant_id, status, burden_level, next_action_on,
         situation, intake_on, opened_at, closed_at, outcome)
       select case_id, $1, rel_id, $2,
              case when r1 % 10 < 2 then null else consultant_id end,
              case when r1 % 10 < 2 then 'new' when r1 % 10 = 2 then 'intake' when r1 % 10 = 9 then 'closed' else 'active' end,
              (array['unknown','low','low','moderate','moderate','high'])[1 + r2 % 6],
              case when r1 % 10 = 9 then null else current_date + r3 % 150 - 40 end,
              case when r1 % 10 > 2 then 'Zorgt elke dag; de nachten zijn zwaar.' end,
              case when r1 % 10 > 2 then current_date - (r3 % 300) end,
              now() - make_interval(hours => r2 % 20000),
              case when r1 % 10 = 9 then now() - make_interval(days => r3 % 100) end,
              case when r1 % 10 = 9 then 'goalsReached' end
       from gen`,
      [tenantId, organisationId],
    );
    await c.query(
      `insert into support_signals (tenant_id, case_id, kind, created_at)
       select $1, case_id, (array['aboveThreshold','clearRise','situationChanged'])[1 + i % 3], now() - make_interval(days => i % 30)
       from gen where i % 9 = 0`,
      [tenantId],
    );
    await c.query(
      `insert into follow_ups (tenant_id, case_id, due_on, purpose, created_by, reminder_sent_at, done_at)
       select $1, case_id, current_date + r3 % 150 - 40, 'Bellen hoe het gaat', consultant_id,
              case when r3 % 150 < 40 then now() end, case when r1 % 10 = 9 then now() end
       from gen where r1 % 10 > 1`,
      [tenantId],
    );
    // A full plan for one in ten: a goal in each form with an action, notes, network members, a change.
    await c.query(
      `insert into support_goals (tenant_id, case_id, form, goal, status)
       select $1, case_id, f.form, 'Doel: ' || f.form, (array['planned','inProgress','reached','stopped'])[1 + (i + f.n) % 4]
       from gen, unnest(array['information','emotional','respite','practical']) with ordinality as f(form, n)
       where i % 10 = 3`,
      [tenantId],
    );
    await c.query(
      `insert into support_actions (tenant_id, case_id, goal_id, description, who, due_on)
       select g.tenant_id, g.case_id, g.id, 'Actie bij ' || g.form, 'consultant', current_date + 14 from support_goals g where g.tenant_id = $1`,
      [tenantId],
    );
    await c.query(
      `insert into case_notes (tenant_id, case_id, author_id, visibility, body)
       select $1, case_id, consultant_id, v, 'Gesprek gehad; afspraken gemaakt over de komende weken.'
       from gen, unnest(array['team','shared']) v where i % 10 = 3`,
      [tenantId],
    );
    await c.query(
      `insert into care_network_members (tenant_id, care_relationship_id, kind, name, helps_with)
       select $1, rel_id, k, 'Helper ' || k, 'Boodschappen en bezoek'
       from gen, unnest(array['family','neighbour','volunteer']) k where i % 10 = 3`,
      [tenantId],
    );
    await c.query(
      `insert into situation_changes (tenant_id, care_relationship_id, reported_by, reporter_role, kind, description)
       select $1, rel_id, account_id, 'caregiver', 'illnessProgress', 'Het gaat slechter.' from gen where i % 20 = 3`,
      [tenantId],
    );
    await c.query('commit');
    await c.query('analyze');
  } finally {
    await c.end();
  }
}

// ---- measuring --------------------------------------------------------------------------------

type Target = { name: string; path: string };
type Measurement = {
  target: string;
  path: string;
  requestsPerSecond: number;
  requests: number;
  serverMs: { p50: number; p95: number; p99: number };
  clientMs: { p50: number; p99: number };
  non2xx: number;
  errors: number;
};

const stats = (values: number[]) => {
  const sorted = Float64Array.from(values).sort();
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)) };
};

type LoadResult = {
  requests: { mean: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};

/**
 * autocannon in its own process (its command-line tool), so the load generator does not share the
 * server's event loop and the server time measured in this process is the server's own.
 */
function run(url: string, cookie: string, seconds: number, connections: number): Promise<LoadResult> {
  const cli = path.join(root, 'node_modules', 'autocannon', 'autocannon.js');
  const args = [cli, '-j', '-c', String(connections), '-d', String(seconds), '-t', '20', '-H', `cookie=${cookie}`, url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      try {
        resolve(JSON.parse(out) as LoadResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}

function table(measurements: Measurement[]): string {
  const header = ['Target', 'Path', 'Requests/s', 'Server p50 (ms)', 'Server p95 (ms)', 'Server p99 (ms)', 'Client p50 (ms)', 'Non-2xx'];
  const body = measurements.map((m) => [
    m.target,
    `\`${m.path}\``,
    m.requestsPerSecond.toFixed(1),
    m.serverMs.p50.toFixed(2),
    m.serverMs.p95.toFixed(2),
    m.serverMs.p99.toFixed(2),
    m.clientMs.p50.toFixed(2),
    String(m.non2xx + m.errors),
  ]);
  return markdownTable(header, body);
}

// ---- main -------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const settings = readSettings();
  if (!settings) {
    process.stdout.write(HELP);
    return 0;
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'naaste-bench-caseload-'));
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  note(`starting an embedded PostgreSQL in ${dataDir}`);
  const database = await setUpDatabase(config, note);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    const system = { tenantId: null, actor: { kind: 'system', name: 'bench' } } as const;
    const ids = await inContext(database.db, system, async (ctx) => {
      const tenantId = (await organisations.addMunicipality(ctx, { code: 'GM9990', name: 'Bankdorp' })).municipality.id;
      const organisationId = (
        await organisations.addOrganisation(ctx, { name: 'Steunpunt Bankdorp', kind: 'supportCentre', municipalityCodes: ['GM9990'] })
      ).organisation.id;
      return { tenantId, organisationId };
    });
    // Twenty consultants share the caseload; the first one measures.
    const consultants: string[] = [];
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    for (let i = 1; i <= 20; i++) {
      const { rows } = await owner.query<{ id: string }>(
        `insert into accounts (email, display_name, kind, password_hash, totp_secret, totp_enrolled_at)
         values ($1, $2, 'professional', 'not-a-real-hash', 'JBSWY3DPEHPK3PXP', now()) returning id`,
        [`consulent${i}@steunpunt.bench.example`, `Consulent ${i}`],
      );
      consultants.push(rows[0]?.id as string);
      await owner.query(
        `insert into memberships (tenant_id, account_id, organisation_id, roles) values ($1, $2, $3, '{supportConsultant}')`,
        [ids.tenantId, rows[0]?.id, ids.organisationId],
      );
    }
    const started = Date.now();
    note(`generating ${settings.caregivers} caregivers with relationships, consents and cases`);
    await generate(database.ownerUrl, ids.tenantId, ids.organisationId, consultants, settings.caregivers);
    note(`generated in ${round((Date.now() - started) / 1000, 1)} s`);
    const measured = consultants[0] as string;
    const caseId = (
      await owner.query<{ id: string }>(
        `select sc.id from support_cases sc join care_relationships cr on cr.id = sc.care_relationship_id
         where sc.consultant_id = $1 and exists (select 1 from support_goals g where g.case_id = sc.id)
           and exists (select 1 from consents c where c.person_id = cr.caregiver_id and c.withdrawn_at is null)
         order by sc.id limit 1`,
        [measured],
      )
    ).rows[0]?.id as string;
    const counts = (
      await owner.query(
        `select (select count(*) from care_relationships)::int as relationships, (select count(*) from support_cases)::int as cases,
                (select count(*) from consents where withdrawn_at is null)::int as consents,
                (select count(*) from support_cases where consultant_id = $1)::int as mine`,
        [measured],
      )
    ).rows[0];
    await owner.end();
    note(`data: ${JSON.stringify(counts)}`);
    const sessionId = await database.db.platform((sql) =>
      createSession(sql, measured, { secondFactor: true, tenantId: ids.tenantId, ip: '127.0.0.1', userAgent: 'bench' }),
    );
    const cookie = `naaste-session=${sessionId}`;

    app = await buildApp({ config, db: database.db, cookieSecret: 'bench-cookie-secret-that-is-long-enough', logger: false });
    const serverTimes = new Map<string, number[]>();
    app.addHook('onResponse', async (request, reply) => {
      const list = serverTimes.get(request.url);
      if (list) list.push(reply.elapsedTime);
    });
    await app.listen({ port, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${port}`;

    const targets: Target[] = [
      { name: 'Caseload, first page', path: '/werkplek' },
      { name: 'Caseload, filter: heavy and overdue', path: '/werkplek?burden=high&due=overdue' },
      { name: 'Caseload, search a surname', path: '/werkplek?q=visser' },
      { name: 'Caseload, search a cared-for name', path: '/werkplek?q=truus' },
      { name: 'Caseload, mine, heaviest first, page 3', path: '/werkplek?assigned=mine&sort=burden&page=3' },
      { name: 'Caseload, all incl. closed, newest, page 40', path: '/werkplek?status=all&sort=newest&page=40' },
      { name: 'Case page', path: `/werkplek/dossiers/${caseId}` },
      { name: 'API: caseload search + filter', path: '/api/v1/support-cases?search=bakker&burdenLevel=moderate' },
    ];
    for (const t of targets) {
      const res = await fetch(`${baseUrl}${t.path}`, { headers: { cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${t.path} answered ${res.status}`);
    }
    note(`measuring: ${settings.duration} s per target, ${settings.connections} connections, ${settings.warmup} s warm-up`);
    const measurements: Measurement[] = [];
    for (const t of targets) {
      note(`${t.path} ...`);
      if (settings.warmup > 0) await run(`${baseUrl}${t.path}`, cookie, settings.warmup, settings.connections);
      const server: number[] = [];
      serverTimes.set(t.path, server);
      const result = await run(`${baseUrl}${t.path}`, cookie, settings.duration, settings.connections);
      serverTimes.delete(t.path);
      measurements.push({
        target: t.name,
        path: t.path.replace(caseId, ':caseId'),
        requestsPerSecond: round(result.requests.mean, 1),
        requests: server.length,
        serverMs: stats(server),
        clientMs: { p50: result.latency.p50, p99: result.latency.p99 },
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      });
    }
    const machine = {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
    };
    const date = new Date().toISOString();
    process.stdout.write(
      `\nNaaste caseload benchmark, ${date}: ${settings.caregivers} caregivers in one municipality, ${settings.duration} s per target, ` +
        `${settings.connections} connections, ${machine.cpus} CPUs\n\n${table(measurements)}\n\n` +
        'Server time: from the request arriving to the answer sent (Fastify elapsedTime), in the server process; the load comes\n' +
        'from autocannon in its own process on the same machine. Client p50: autocannon (whole milliseconds).\n',
    );
    await fs.mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `caseload-${date.slice(0, 19).replace(/:/g, '')}.json`);
    await fs.writeFile(file, `${JSON.stringify({ date, settings, machine, data: counts, results: measurements }, null, 2)}\n`);
    note(`results written to ${path.relative(process.cwd(), file)}`);
    return measurements.some((m) => m.non2xx || m.errors) ? 1 : 0;
  } finally {
    await app?.close();
    await database.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      note(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
