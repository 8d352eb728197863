import { readFile } from 'node:fs/promises';
import { type Command, CommandError } from '../../platform/cli/command.ts';
import { inContext } from '../../platform/db/context.ts';
import { scoreRange } from './balance-check.definition.ts';
import * as service from './balance-check.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const balanceCheckCommands: Command[] = [
  {
    name: 'instrument:add',
    summary: 'Load another burden instrument definition (JSON) for an organisation, or for everyone; it is checked in full first.',
    usage: 'instrument:add <file.json> [--organisation <organisation id>]',
    options: { organisation: { type: 'string' } },
    run: async (args, env) => {
      const file = args._[0];
      if (!file || args._.length > 1) throw new CommandError('Give one file: instrument:add <file.json> [--organisation <id>]');
      const organisation = typeof args.organisation === 'string' ? args.organisation.trim() : null;
      if (organisation !== null && !UUID.test(organisation)) {
        throw new CommandError(`"${organisation}" is not an organisation id (a UUID, as organisation:list shows).`);
      }
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CommandError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new CommandError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      }
      const added = await inContext(env.db, { tenantId: null, actor: env.actor }, (ctx) => service.addInstrument(ctx, json, organisation));
      if (!added.ok) {
        throw new CommandError(
          `${file} was not loaded; fix ${added.problems.length === 1 ? 'this' : `these ${added.problems.length} problems`}:\n${added.problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      }
      const d = added.entry.definition;
      const { min, max } = scoreRange(d);
      env.print(
        `Loaded ${d.key} version ${d.version} (${d.items.length} items, score ${min}–${max}, ${d.bands.length} bands${d.threshold ? `, threshold ${d.threshold.score}` : ''}) ` +
          (added.organisationName ? `for ${added.organisationName}: offered to residents in its networks.` : 'for everyone.'),
      );
    },
  },
  {
    name: 'instrument:list',
    summary: 'Show the burden instruments: shipped ones and those loaded, with their versions.',
    usage: 'instrument:list',
    options: {},
    run: async (_args, env) => {
      const rows = await inContext(env.db, { tenantId: null, actor: env.actor, readOnly: true }, async (ctx) => {
        const shipped = await service.listInstruments(ctx);
        const loaded = await ctx.sql.query<{ key: string; version: string; organisation: string | null }>(
          `select d.key, d.version, o.name as organisation from instrument_definitions d
           left join organisations o on o.id = d.organisation_id order by d.key, d.created_at`,
        );
        return { shipped, loaded: loaded.rows };
      });
      for (const e of rows.shipped.filter((x) => x.shipped)) env.print(`${e.definition.key} ${e.definition.version}  shipped`);
      for (const r of rows.loaded) {
        if (rows.shipped.some((e) => e.shipped && e.definition.key === r.key && e.definition.version === r.version)) continue;
        env.print(`${r.key} ${r.version}  ${r.organisation ? `loaded for ${r.organisation}` : 'loaded for everyone'}`);
      }
    },
  },
];
