import { ConfigError } from '../config.js';
import { SourcesFileError } from '../documents/sources.js';
import { KnowledgeStoreError } from '../knowledge/index.js';
import { EXIT_FAILURE, EXIT_USAGE, MissingDatabaseError, OutputFileError, UsageError } from './commands/command.js';
import { overview } from './commands/help.js';
import { COMMANDS } from './commands/index.js';
import { processIo, type CliIo } from './io.js';

export type { CliIo } from './io.js';

/**
 * Runs the `balises` command line: `argv` is what follows the program name (`['ingest', 'docs/']`).
 * Never throws: usage errors print the command's usage on stderr (exit 2); configuration, database and unexpected
 * errors print one line on stderr (exit 1, or 2 for an invalid environment).
 * @returns the exit code
 */
export async function run(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(overview(COMMANDS));
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') return run(['help'], io);
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`balises: unknown command "${name}"\n\n${overview(COMMANDS)}`);
    return EXIT_USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) return run(['help', name], io);
  try {
    return await command.run(args, { io, commands: COMMANDS });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`balises ${name}: ${error.message}\nusage: balises ${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`balises ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    // A sources file an admin edited (data/sources.json, --sources) is theirs to fix, as the message says: no bug to report.
    const expected =
      error instanceof KnowledgeStoreError || error instanceof MissingDatabaseError || error instanceof OutputFileError || error instanceof SourcesFileError;
    const hint = expected ? '' : ' (unexpected error; please report it)';
    io.stderr.write(`balises ${name}: ${message}${hint}\n`);
    return EXIT_FAILURE;
  }
}
