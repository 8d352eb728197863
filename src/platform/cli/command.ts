import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';
import type { Actor } from '../db/context.ts';
import type { Database } from '../db/database.ts';

export type CommandArgs = Record<string, string | boolean | string[] | undefined> & { _: string[] };

export type CommandEnvironment = {
  db: Database;
  config: Config;
  actor: Actor;
  print: (line: string) => void;
};

/** One operator command of `npm run naaste -- <name>`; capabilities contribute their own. */
export type Command = {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run: (args: CommandArgs, env: CommandEnvironment) => Promise<void>;
};

/** A failure the operator can fix; printed as one sentence, exit code 1. */
export class CommandError extends Error {}
