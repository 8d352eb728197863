import type { Command } from '../../platform/cli/command.ts';

export const directoryCommands: Command[] = [];
