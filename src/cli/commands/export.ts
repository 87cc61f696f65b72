import { z } from 'zod';
import { loadConfig } from '../../config.js';
import { exportInventory, InventoryStoreError, openInventoryRepository, STATES, type InventoryRepository } from '../../inventory/index.js';
import { EXIT_FAILURE, EXIT_OK, writeOutput, type Command } from './command.js';
import { existingDatabase, parseCommandArgs } from './options.js';

/** States that can be exported: drafts never submitted stay private to their authors. */
const EXPORTABLE_STATES = STATES.filter((s) => s !== 'draft') as [Exclude<(typeof STATES)[number], 'draft'>, ...Exclude<(typeof STATES)[number], 'draft'>[]];

const Args = z.object({
  positionals: z.array(z.string()).max(0, 'export takes no arguments'),
  format: z.enum(['csv', 'json'], { errorMap: () => ({ message: 'expected csv or json' }) }),
  status: z
    .array(z.enum(EXPORTABLE_STATES, { errorMap: () => ({ message: `expected one of ${EXPORTABLE_STATES.join(', ')}` }) }))
    .optional(),
  db: z.string().min(1).optional(),
  output: z.string().min(1).optional(),
});

/**
 * `balises export`: the declarations submitted at least once, most recent first, as CSV (the Portrait's columns
 * first, French labels, UTF-8 with a byte order mark so Excel shows the accents) or as complete JSON (records with
 * their assessment and events). Reads the configured inventory (SQLite or PostgreSQL), or the SQLite file `--db`.
 */
export const exportCommand: Command = {
  summary: 'export the inventory of declared AI use cases as CSV (for Excel) or complete JSON',
  usage: [
    'export --format csv|json [--status STATE]... [--db FILE] [--output FILE]',
    `  --format F       csv: the Portrait's columns then ours, UTF-8 with BOM; json: complete, with events`,
    `  --status STATE   only declarations in this state (repeatable): ${EXPORTABLE_STATES.join(', ')}`,
    '  --db FILE        SQLite file holding the inventory (default: the configured inventory)',
    '  --output FILE    write to FILE instead of standard output',
  ].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(
      argv,
      { format: { type: 'string' }, status: { type: 'string', multiple: true }, db: { type: 'string' }, output: { type: 'string' } },
      Args,
    );
    const config = args.db !== undefined ? { databaseFile: args.db, inventory: { kind: 'sqlite' as const } } : loadConfig(io.env);
    if (config.inventory.kind === 'sqlite') existingDatabase(args.db, () => config.databaseFile, io.env);
    let repository: InventoryRepository;
    try {
      repository = await openInventoryRepository(config);
    } catch (error) {
      if (!(error instanceof InventoryStoreError)) throw error;
      io.stderr.write(`balises export: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    try {
      const text = await exportInventory(repository, {
        format: args.format,
        ...(args.status ? { states: args.status } : {}),
        now: new Date().toISOString(),
      });
      writeOutput(io, args.output, text);
      return EXIT_OK;
    } finally {
      await repository.close();
    }
  },
};
