import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../../src/platform/db/embedded.ts';
import { runNaaste } from '../../support/process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** The server's data directory (empty with TEST_E2E_DATABASE_URL), for operator commands in journeys. */
    e2eDataDir: string;
  }
}

const READY_TIMEOUT_MS = 120_000;

async function isReady(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts one real Naaste server for the whole browser run, as an operator would: its own process,
 * a fresh data directory with the embedded PostgreSQL (or TEST_E2E_DATABASE_URL), the demo seed.
 */
export async function setup(project: TestProject) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'naaste-e2e-'));
  const external = process.env.TEST_E2E_DATABASE_URL;
  const server = runNaaste('src/server/main.ts', [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: baseUrl,
    NODE_ENV: 'development',
    DEV_SMTP_PORT: '0',
    LOG_LEVEL: 'warn',
    // A browser fetches a page and its stylesheets; the journeys together go past the default limit.
    RATE_LIMIT_PER_MINUTE: '100000',
    ...(external ? { DATABASE_URL: external } : { DATA_DIR: dataDir }),
  });

  const stop = async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      const killer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
      await server.exited;
      clearTimeout(killer);
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await isReady(baseUrl))) {
    if (server.child.exitCode !== null) {
      await stop();
      throw new Error(`Naaste stopped before it was ready:\n${server.output()}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Naaste was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${server.output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  project.provide('e2eBaseUrl', baseUrl);
  project.provide('e2eDataDir', external ? '' : dataDir);
  return stop;
}
