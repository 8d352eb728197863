import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/platform/db/embedded.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runNaaste, waitForServing } from '../support/process.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'naaste-start-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

/** One clear sentence: a single line, no stack trace. */
function expectOneSentence(output: string, pattern: RegExp): void {
  const lines = output
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('(node:') && !l.includes('--trace-warnings'));
  expect(lines.at(-1)).toMatch(pattern);
  expect(output).not.toMatch(/^\s+at /m);
}

describe('bad configuration fails at start with one clear sentence', () => {
  it('names an unreachable DATABASE_URL', async () => {
    const port = await freePort();
    const run = runNaaste('src/server/main.ts', [], { DATABASE_URL: `postgresql://naaste:secret@127.0.0.1:${port}/naaste`, PORT: '0' });
    expect(await run.exited).toBe(1);
    expectOneSentence(run.output(), /^naaste: Naaste cannot reach the database at 127\.0\.0\.1:\d+\/naaste/);
  });

  it('refuses a DATABASE_URL that is not a postgres URL', async () => {
    const run = runNaaste('src/server/main.ts', [], { DATABASE_URL: 'mysql://x@y/z' });
    expect(await run.exited).toBe(1);
    expectOneSentence(run.output(), /^naaste: The setting DATABASE_URL must be a postgres:\/\/ connection string\.$/);
  });

  it('names an invalid PORT', async () => {
    const run = runNaaste('src/server/main.ts', [], { PORT: 'drieduizend' });
    expect(await run.exited).toBe(1);
    expectOneSentence(run.output(), /^naaste: The setting PORT is not valid/);
  });

  it('names an unwritable data directory', async () => {
    const file = path.join(await tempDir(), 'not-a-directory');
    await fs.writeFile(file, 'x');
    const run = runNaaste('src/server/main.ts', [], { DATA_DIR: path.join(file, 'data'), PORT: '0' });
    expect(await run.exited).toBe(1);
    expectOneSentence(run.output(), /^naaste: The data directory .* cannot be created or written to; set DATA_DIR to a writable folder\.$/);
  });

  it('names a port that is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const run = runNaaste('src/server/main.ts', [], { DATA_DIR: await tempDir(), PORT: String(port), DEV_SMTP_PORT: '0' });
      expect(await run.exited).toBe(1);
      expectOneSentence(run.output(), new RegExp(`^naaste: Port ${port} is already in use; stop the other program or set PORT\\.$`));
    } finally {
      blocker.close();
    }
  });
});

describe('with an external PostgreSQL (DATABASE_URL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('serves on the restricted role and is ready', async () => {
    const port = await freePort();
    const run = runNaaste('src/server/main.ts', [], {
      DATABASE_URL: t.appUrl,
      DATABASE_OWNER_URL: t.ownerUrl,
      PORT: String(port),
      DEV_SMTP_PORT: '0',
      DEMO_SEED: 'false',
    });
    try {
      await waitForServing(run);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      const list = await fetch(`http://127.0.0.1:${port}/api/v1/municipalities?search=Deventer`);
      const body = (await list.json()) as { items: { code: string }[] };
      expect(body.items.map((m) => m.code)).toEqual(['GM0150']);
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  });

  it('refuses to run as a role that can bypass row-level security', async () => {
    const run = runNaaste('src/server/main.ts', [], { DATABASE_URL: t.ownerUrl, PORT: '0', DEMO_SEED: 'false' });
    expect(await run.exited).toBe(1);
    expectOneSentence(run.output(), /can bypass row-level security; give Naaste a role without SUPERUSER and BYPASSRLS\.$/);
  });
});

describe('the embedded PostgreSQL', () => {
  it('keeps data across a stop and a start, and stops cleanly on SIGTERM', async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), DEV_SMTP_PORT: '0', BASE_URL: `http://localhost:${port}` };

    const first = runNaaste('src/server/main.ts', [], env);
    await waitForServing(first);
    expect(first.output()).toContain('demo municipality Demodam (GM9999) seeded with');
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/<html lang="nl"/);

    // An operator adds an organisation while the server runs (the CLI shares the running cluster).
    const cli = runNaaste(
      'src/server/cli.ts',
      ['organisation:add', '--name', 'Buurtkamer De Linde', '--kind', 'welfare', '--municipality', 'GM9999', '--postcode', '9991 XY'],
      env,
    );
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/Added Buurtkamer De Linde .* joined the network of GM9999/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('naaste: stopped');

    const second = runNaaste('src/server/main.ts', [], env);
    try {
      await waitForServing(second);
      expect(second.output()).not.toContain('seeded with');
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/municipalities/GM9999/organisations?search=Linde`);
      const body = (await res.json()) as { items: { name: string }[] };
      expect(body.items.map((o) => o.name)).toEqual(['Buurtkamer De Linde']);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
    // Two full starts, the first one seeding the whole demo municipality.
  }, 120_000);
});
