import { parseArgs } from 'node:util';
import { seedDemo } from '../../db/seed/demo.ts';
import { balanceCheckCommands } from '../capabilities/balance-check/balance-check.commands.ts';
import { directoryCommands } from '../capabilities/directory/directory.commands.ts';
import { hsdsCommands } from '../capabilities/hsds/hsds.commands.ts';
import { feedbackCommands } from '../capabilities/feedback/feedback.commands.ts';
import { organisationCommands } from '../capabilities/organisations/organisations.commands.ts';
import { ssoCommands } from '../capabilities/identity/sso.commands.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { type Command, type CommandEnvironment, CommandError } from '../platform/cli/command.ts';
import { listMunicipalities } from '../capabilities/organisations/organisations.service.ts';
import { verifyAccessLog } from '../platform/audit/access-log.ts';
import { inContext } from '../platform/db/context.ts';
import { setUpDatabase } from './database-setup.ts';

const platformCommands: Command[] = [
  {
    name: 'db:migrate',
    summary: 'Apply the database migrations that have not run yet.',
    usage: 'db:migrate',
    options: {},
    // setUpDatabase migrates; nothing more to do.
    run: async (_args, env) => env.print('migrations are up to date'),
  },
  {
    name: 'seed:demo',
    summary: 'Add the demo municipality Demodam (GM9999) with its organisations; safe to run again.',
    usage: 'seed:demo',
    options: {},
    run: async (_args, env) => {
      const accounts = env.config.env !== 'production';
      const result = await inContext(env.db, { tenantId: null, actor: env.actor }, (ctx) => seedDemo(ctx, { accounts }));
      env.print(`Demodam ready; ${result.organisationsCreated} organisations and ${result.accountsCreated} demo accounts added`);
    },
  },
];

platformCommands.push({
  name: 'access-log:verify',
  summary: 'Check that no line of the access log was changed or removed (per municipality, or --municipality GM0150).',
  usage: 'access-log:verify [--municipality GM0150]',
  options: { municipality: { type: 'string' } },
  run: async (args, env) => {
    const only = typeof args.municipality === 'string' ? args.municipality.toUpperCase() : undefined;
    const networks = await inContext(env.db, { tenantId: null, actor: env.actor, readOnly: true }, (ctx) =>
      listMunicipalities(ctx, { search: only, active: true, page: 1, pageSize: 1000 }),
    );
    const targets = networks.items.filter((m) => !only || m.code === only);
    if (only && targets.length === 0) throw new CommandError(`There is no Naaste network with code "${only}".`);
    let broken = 0;
    for (const m of targets) {
      const result = await inContext(env.db, { tenantId: m.id, actor: env.actor, readOnly: true }, (ctx) => verifyAccessLog(ctx.sql, m.id));
      if (result.broken) {
        broken += 1;
        env.print(
          `${m.code} ${m.name}: BROKEN at line ${result.broken.seq} (${result.broken.reason}); ${result.lines} lines before it are intact`,
        );
      } else {
        env.print(`${m.code} ${m.name}: ${result.lines} lines, intact`);
      }
    }
    if (broken) throw new CommandError(`The access log of ${broken} municipality(ies) was tampered with.`);
  },
});

const commands: Command[] = [
  ...platformCommands,
  ...organisationCommands,
  ...ssoCommands,
  ...feedbackCommands,
  ...balanceCheckCommands,
  ...directoryCommands,
  ...hsdsCommands,
];

function help(print: (line: string) => void): void {
  print('Usage: npm run naaste -- <command> [options]\n');
  print('Commands:');
  const width = Math.max(...commands.map((c) => c.name.length), 4) + 2;
  print(`  ${'help'.padEnd(width)}Show this list.`);
  for (const c of commands) print(`  ${c.name.padEnd(width)}${c.summary}`);
  print('\nAdd --help after a command for its options.');
}

export async function runCli(argv: string[], print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(print);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    print(`Unknown command "${name}".\n`);
    help(print);
    return 2;
  }
  if (rest.includes('--help')) {
    print(`Usage: npm run naaste -- ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  let args: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    args = parsed.values as typeof args;
    positionals = parsed.positionals;
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\nUsage: npm run naaste -- ${command.usage}`);
    return 2;
  }
  const config = loadConfig();
  const database = await setUpDatabase(config, () => {});
  const env: CommandEnvironment = { db: database.db, config, print, actor: { kind: 'operator', name: process.env.USER ?? 'operator' } };
  try {
    await command.run({ ...args, _: positionals }, env);
    return 0;
  } catch (error) {
    if (error instanceof CommandError) {
      print(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
      process.stderr.write(`naaste: ${message}\n`);
      process.exit(1);
    });
}
