import type { Command } from '../../platform/cli/command.ts';
import { inContext } from '../../platform/db/context.ts';
import * as queries from './feedback.queries.ts';
import * as service from './feedback.service.ts';

export const feedbackCommands: Command[] = [
  {
    name: 'feedback:list',
    summary: 'Show the newest reactions sent through the website form.',
    usage: 'feedback:list [--limit 20]',
    options: { limit: { type: 'string' } },
    run: async (args, env) => {
      const limit = Math.min(500, Math.max(1, Number(args.limit ?? 20) || 20));
      const rows = await inContext(env.db, { tenantId: null, actor: env.actor, readOnly: true }, (ctx) =>
        queries.listFeedback(ctx.sql, limit),
      );
      if (rows.length === 0) env.print('No reactions.');
      for (const row of rows) {
        env.print(`${row.createdAt.toISOString()}  ${row.topic}  ${row.email ?? '(no email)'}`);
        env.print(`  ${row.message.replace(/\s+/g, ' ')}`);
      }
    },
  },
  {
    name: 'feedback:purge',
    summary: `Remove reactions older than ${service.FEEDBACK_RETENTION_MONTHS} months.`,
    usage: 'feedback:purge',
    options: {},
    run: async (_args, env) => {
      const removed = await inContext(env.db, { tenantId: null, actor: env.actor }, (ctx) => service.purgeFeedback(ctx));
      env.print(`Removed ${removed} reactions older than ${service.FEEDBACK_RETENTION_MONTHS} months.`);
    },
  },
];
