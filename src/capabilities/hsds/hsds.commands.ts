import fs from 'node:fs/promises';
import path from 'node:path';
import { type Command, type CommandArgs, type CommandEnvironment, CommandError } from '../../platform/cli/command.ts';
import { inContext } from '../../platform/db/context.ts';
import { findMunicipalityByCode } from '../organisations/organisations.service.ts';
import { exportCsv } from './hsds.export.ts';
import { IMPORT_LIMITS, importServices, readDataset, summarise } from './hsds.import.ts';

async function network(env: CommandEnvironment, args: CommandArgs) {
  const code = typeof args.municipality === 'string' ? args.municipality.trim().toUpperCase() : '';
  if (!/^GM\d{4}$/.test(code)) throw new CommandError('Give the municipality with --municipality and its CBS code, such as GM0150.');
  const municipality = await inContext(env.db, { tenantId: null, actor: env.actor, readOnly: true }, (ctx) =>
    findMunicipalityByCode(ctx, code),
  );
  if (!municipality?.active) throw new CommandError(`There is no Naaste network with code "${code}".`);
  return municipality;
}

export const hsdsCommands: Command[] = [
  {
    name: 'directory:import',
    summary: 'Import an HSDS 3.0 dataset (JSON) into a municipality’s social map; importing the same file again changes nothing.',
    usage: 'directory:import <file.json> --municipality GM0150',
    options: { municipality: { type: 'string' } },
    run: async (args, env) => {
      const file = args._[0];
      if (!file) throw new CommandError('Give the JSON file to import, such as: directory:import kaart.json --municipality GM0150');
      const municipality = await network(env, args);
      let text: string;
      try {
        const stat = await fs.stat(file);
        if (stat.size > IMPORT_LIMITS.bytes) {
          throw new CommandError(
            `${file} is ${(stat.size / 1048576).toFixed(1)} MB; at most 5 MB can be imported at once. Split it into smaller files.`,
          );
        }
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        if (error instanceof CommandError) throw error;
        throw new CommandError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const dataset = readDataset(text);
      const report = dataset.ok
        ? await inContext(env.db, { tenantId: municipality.id, actor: env.actor }, (ctx) => importServices(ctx, dataset.services))
        : dataset.report;
      for (const line of summarise(report)) env.print(line);
      if (!report.ok) throw new CommandError(`Nothing was imported into ${municipality.code} ${municipality.name}.`);
      env.print(`imported into ${municipality.code} ${municipality.name}`);
    },
  },
  {
    name: 'directory:export',
    summary: 'Write a municipality’s social map as CSV (every entry, with its review status), to a file or to the screen.',
    usage: 'directory:export --municipality GM0150 [--out sociale-kaart.csv]',
    options: { municipality: { type: 'string' }, out: { type: 'string' } },
    run: async (args, env) => {
      const municipality = await network(env, args);
      const { csv, rows } = await inContext(env.db, { tenantId: municipality.id, actor: env.actor, readOnly: true }, (ctx) =>
        exportCsv(ctx, municipality.id),
      );
      if (typeof args.out === 'string' && args.out !== '') {
        await fs.writeFile(path.resolve(args.out), csv, 'utf8');
        env.print(`${rows} services of ${municipality.code} ${municipality.name} written to ${args.out}`);
      } else {
        env.print(csv.replace(/\r\n$/, ''));
      }
    },
  },
];
