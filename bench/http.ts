// HTTP benchmark: starts a real Naaste server (or uses BENCH_URL), then measures a fixed set of
// public pages and API calls with autocannon. Run with `npm run bench -- --help` for the options.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { markdownTable, percentile, round, wholeNumber } from './measure.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');

// The demo municipality from db/seed/demo.ts (DEMO_MUNICIPALITY): code GM9999, name Demodam,
// whose slug is slugify('Demodam').
const DEMO_CODE = 'GM9999';
const DEMO_SLUG = 'demodam';

const TARGETS = [
  { name: 'Home page', path: '/' },
  { name: 'Search municipalities', path: '/gemeenten?q=dam' },
  { name: 'Municipality page', path: `/gemeenten/${DEMO_SLUG}` },
  { name: 'API: municipalities', path: '/api/v1/municipalities' },
  { name: 'API: organisations of a municipality', path: `/api/v1/municipalities/${DEMO_CODE}/organisations` },
  { name: 'Readiness check', path: '/health/ready' },
] as const;

const HELP = `Usage: npm run bench -- [options]

Measures Naaste's public pages and API with autocannon, one target after the other.

Options (each also as an environment variable):
  -d, --duration <s>     seconds per target              BENCH_DURATION     (default 10)
  -c, --connections <n>  concurrent connections          BENCH_CONNECTIONS  (default 10)
  -w, --warmup <s>       warm-up seconds per target, 0 = none  BENCH_WARMUP (default 3)
      --url <url>        measure a server that already runs     BENCH_URL
                         (without it a server with its own embedded PostgreSQL and the
                         demo municipality is started in a temporary folder and removed after)
  -h, --help             show this text
`;

type Settings = { duration: number; connections: number; warmup: number; url: string | undefined };

function readSettings(): Settings | undefined {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', short: 'd' },
      connections: { type: 'string', short: 'c' },
      warmup: { type: 'string', short: 'w' },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return undefined;
  const url = (values.url ?? process.env.BENCH_URL ?? '').replace(/\/+$/, '') || undefined;
  if (url && !/^https?:\/\//.test(url)) throw new Error(`The URL must start with http:// or https://, not '${url}'.`);
  return {
    duration: wholeNumber('--duration', values.duration ?? process.env.BENCH_DURATION, 10, 1),
    connections: wholeNumber('--connections', values.connections ?? process.env.BENCH_CONNECTIONS, 10, 1),
    warmup: wholeNumber('--warmup', values.warmup ?? process.env.BENCH_WARMUP, 3, 0),
    url,
  };
}

const rateLimitHint = 'the server limits requests per client: start it with a high RATE_LIMIT_PER_MINUTE to measure it';

const note = (message: string) => process.stderr.write(`bench: ${message}\n`);

// ---- the server under test ------------------------------------------------------------------

type Server = { baseUrl: string; exited: Promise<void>; stop: () => Promise<void>; recentOutput: () => string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function startServer(): Promise<Server> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'naaste-bench-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  let child: ChildProcess | undefined;

  const removeDataDir = async () => {
    // If the server could not stop its embedded PostgreSQL, stop that cluster (fast shutdown) before removing its files.
    const pidFile = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '');
    const postgresPid = Number(pidFile.split('\n')[0]);
    if (postgresPid > 0) {
      try {
        process.kill(postgresPid, 'SIGINT');
        for (let i = 0; i < 50; i++) {
          process.kill(postgresPid, 0);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } catch {
        // Gone (or never there): nothing left to stop.
      }
    }
    await fs.rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };

  try {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // Production refuses plain http without a real database and mail server; development with
        // quiet logging and the limit per client out of the way is what can be measured on one machine.
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: baseUrl,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '10000000',
        DATA_DIR: dataDir,
        DEMO_SEED: 'true',
        DEV_SMTP_PORT: String(await freePort()),
        // Empty means unset: the server starts its own embedded PostgreSQL in DATA_DIR.
        DATABASE_URL: '',
        DATABASE_OWNER_URL: '',
        SMTP_URL: '',
      },
    });
  } catch (error) {
    await removeDataDir();
    throw error;
  }
  const started = child;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 40) output.shift();
      process.stderr.write(`  server | ${line}\n`);
    }
  };
  started.stdout?.on('data', keep);
  started.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      if (started.exitCode === null && started.signalCode === null) {
        started.kill('SIGTERM');
        if (!(await waitForExit(started, 20_000))) {
          note('the server did not stop within 20 s after SIGTERM; killing it');
          started.kill('SIGKILL');
          await waitForExit(started, 5_000);
        }
      }
      await removeDataDir();
    })();
    return stopped;
  };
  return { baseUrl, exited, stop, recentOutput: () => output.join('\n') };
}

async function waitForReady(baseUrl: string, server: Server | undefined): Promise<void> {
  const deadline = Date.now() + 180_000;
  let gone = false;
  void server?.exited.then(() => {
    gone = true;
  });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The server stopped before it was ready.\n${server?.recentOutput() ?? ''}`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${baseUrl}/health/ready did not answer 200 within 180 s (last: ${last}).`);
}

// ---- measuring --------------------------------------------------------------------------------

type Measurement = {
  target: string;
  path: string;
  requestsPerSecond: number;
  requests: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  warmup: { requests: number; non2xx: number; errors: number; timeouts: number } | null;
};

async function run(url: string, seconds: number, connections: number, times?: number[]): Promise<autocannon.Result> {
  const instance = autocannon({ url, duration: seconds, connections, timeout: 10 });
  if (times) {
    // autocannon keeps whole milliseconds and no p95; keep every response time for exact percentiles.
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      times.push(ms);
    });
  }
  return await instance;
}

async function measure(baseUrl: string, target: (typeof TARGETS)[number], settings: Settings): Promise<Measurement> {
  const url = `${baseUrl}${target.path}`;
  const warm = settings.warmup > 0 ? await run(url, settings.warmup, settings.connections) : undefined;
  const times: number[] = [];
  const result = await run(url, settings.duration, settings.connections, times);
  const sorted = Float64Array.from(times).sort();
  return {
    target: target.name,
    path: target.path,
    requestsPerSecond: round(result.requests.mean, 1),
    requests: result.requests.total ?? times.length,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length)),
      max: round(sorted[sorted.length - 1] ?? Number.NaN),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    warmup: warm ? { requests: warm.requests.total ?? 0, non2xx: warm.non2xx, errors: warm.errors, timeouts: warm.timeouts } : null,
  };
}

/** One plain request per target first, so a wrong path fails in a second with its status instead of after a full run. */
async function checkTargets(baseUrl: string): Promise<void> {
  const problems: string[] = [];
  for (const target of TARGETS) {
    try {
      const response = await fetch(`${baseUrl}${target.path}`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status < 200 || response.status > 299)
        problems.push(`GET ${target.path} answered ${response.status}${response.status === 429 ? ` (${rateLimitHint})` : ''}`);
    } catch (error) {
      problems.push(`GET ${target.path} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length) throw new Error(`Not every target answers 2xx:\n  ${problems.join('\n  ')}`);
}

function failures(m: Measurement): string[] {
  const found: string[] = [];
  if (m.non2xx) found.push(`${m.non2xx} non-2xx responses (${JSON.stringify(m.statusCodes)})`);
  if (m.errors) found.push(`${m.errors} connection errors`);
  if (m.timeouts) found.push(`${m.timeouts} timeouts`);
  if (m.warmup && (m.warmup.non2xx || m.warmup.errors || m.warmup.timeouts)) {
    found.push(`during warm-up ${m.warmup.non2xx} non-2xx, ${m.warmup.errors} errors, ${m.warmup.timeouts} timeouts`);
  }
  if (!m.requests) found.push('no responses at all');
  return found.map((f) => `${m.path}: ${f}`);
}

/** A Markdown table with aligned columns (as the formatter writes it), ready to paste into bench/README.md. */
function table(measurements: Measurement[]): string {
  const header = ['Target', 'Path', 'Requests/s (mean)', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'Non-2xx', 'Errors + timeouts'];
  const body = measurements.map((m) => [
    m.target,
    `\`${m.path}\``,
    m.requestsPerSecond.toFixed(1),
    m.latencyMs.p50.toFixed(2),
    m.latencyMs.p95.toFixed(2),
    m.latencyMs.p99.toFixed(2),
    String(m.non2xx),
    String(m.errors + m.timeouts),
  ]);
  return markdownTable(header, body);
}

async function resultsFile(date: string): Promise<string> {
  await fs.mkdir(resultsDir, { recursive: true });
  for (let n = 1; ; n++) {
    const file = path.join(resultsDir, n === 1 ? `http-${date}.json` : `http-${date}-${n}.json`);
    const taken = await fs
      .access(file)
      .then(() => true)
      .catch(() => false);
    if (!taken) return file;
  }
}

// ---- main -------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const settings = readSettings();
  if (!settings) {
    process.stdout.write(HELP);
    return 0;
  }

  let server: Server | undefined;
  const interrupted = (signal: NodeJS.Signals) => {
    note(`${signal} received, stopping`);
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    if (!settings.url) {
      note('starting a Naaste server with its own embedded PostgreSQL (the first start takes a while)');
      server = await startServer();
    }
    const baseUrl = settings.url ?? server?.baseUrl ?? '';
    await waitForReady(baseUrl, server);
    await checkTargets(baseUrl);
    note(`measuring ${baseUrl}: ${settings.duration} s per target, ${settings.connections} connections, ${settings.warmup} s warm-up`);

    const started = new Date();
    const measurements: Measurement[] = [];
    for (const target of TARGETS) {
      note(`${target.path} ...`);
      measurements.push(await measure(baseUrl, target, settings));
    }
    const problems = measurements.flatMap(failures);

    const machine = {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    };
    const text = table(measurements);
    process.stdout.write(
      `\nNaaste HTTP benchmark, ${started.toISOString()}: ${settings.duration} s per target, ${settings.connections} connections, ` +
        `${machine.cpus} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}\n\n${text}\n\n` +
        'Latency is client-observed on the same machine (autocannon and the server share the CPUs).\n',
    );

    const file = await resultsFile(started.toISOString().slice(0, 10));
    const report = {
      date: started.toISOString(),
      settings: { ...settings, url: baseUrl, serverStartedByBench: !settings.url },
      machine,
      ok: problems.length === 0,
      problems,
      results: measurements,
    };
    await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    note(`results written to ${path.relative(process.cwd(), file)}`);

    if (problems.length) {
      note(`FAILED: not every response was 2xx:\n  ${problems.join('\n  ')}`);
      if (measurements.some((m) => m.statusCodes['429'])) note(rateLimitHint);
      return 1;
    }
    return 0;
  } finally {
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    note(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
