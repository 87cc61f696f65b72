import type { Command } from './command.js';
import { askCommand } from './ask.js';
import { evalCommand } from './eval.js';
import { exportCommand } from './export.js';
import { feedbackCommand } from './feedback.js';
import { helpCommand } from './help.js';
import { ingestCommand } from './ingest.js';
import { retrieveCommand } from './retrieve.js';
import { sourcesCommand } from './sources.js';
import { syncCommand } from './sync.js';
import { versionsCommand } from './versions.js';
import { withdrawCommand } from './withdraw.js';

export type { Command, CommandContext } from './command.js';

/** Every CLI command by name, in the order `help` lists them. Adding a command is one line here. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  ingest: ingestCommand,
  sources: sourcesCommand,
  sync: syncCommand,
  versions: versionsCommand,
  withdraw: withdrawCommand,
  ask: askCommand,
  retrieve: retrieveCommand,
  eval: evalCommand,
  export: exportCommand,
  feedback: feedbackCommand,
  help: helpCommand,
};
