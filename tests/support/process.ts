import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type Started = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
};

/** Runs a Naaste entry point (server or CLI) as its own process, as an operator would. */
export function runNaaste(entry: 'src/server/main.ts' | 'src/server/cli.ts', args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Waits until the server says it serves, or fails with what it printed. */
export async function waitForServing(started: Started, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.output().includes('naaste: serving')) return;
    if (started.child.exitCode !== null) throw new Error(`Naaste exited early:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  started.child.kill('SIGKILL');
  throw new Error(`Naaste did not start in time:\n${started.output()}`);
}
