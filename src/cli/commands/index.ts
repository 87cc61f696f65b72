import type { Command } from './command.js';
import { helpCommand } from './help.js';
import { ingestCommand } from './ingest.js';
import { sourcesCommand } from './sources.js';

export type { Command, CommandContext } from './command.js';

/** Every CLI command by name, in the order `help` lists them. Adding a command is one line here. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  ingest: ingestCommand,
  sources: sourcesCommand,
  help: helpCommand,
};
