import type { Command } from '../../platform/cli/command.ts';
import { inContext } from '../../platform/db/context.ts';
import { loadReferenceData } from './directory.service.ts';

export const directoryCommands: Command[] = [
  {
    name: 'directory:load-reference',
    summary: 'Load the postcode areas and the Naaste HSDS profile taxonomies for the social map; safe to run again.',
    usage: 'directory:load-reference',
    options: {},
    run: async (_args, env) => {
      const result = await inContext(env.db, { tenantId: null, actor: env.actor }, (ctx) => loadReferenceData(ctx.sql));
      env.print(`reference data ready; ${result.postcodeAreas} postcode areas and ${result.taxonomyRows} taxonomy rows added or changed`);
    },
  },
];
