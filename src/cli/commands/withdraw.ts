import { z } from 'zod';
import { DOC_ID_PATTERN } from '../../knowledge/index.js';
import { EXIT_FAILURE, EXIT_OK, type Command } from './command.js';
import { commandUser, DB_OPTION, DB_USAGE, openAuditedStore, parseCommandArgs } from './options.js';

const OPTIONS = { ...DB_OPTION, by: { type: 'string' } } as const;

const Args = z.object({
  positionals: z
    .array(z.string())
    .length(1, 'give the id of one document to withdraw (see balises sources)')
    .refine(([docId]) => docId !== undefined && DOC_ID_PATTERN.test(docId), 'a document id is lower-case letters, digits and dashes (see balises sources)'),
  by: z.string().trim().min(1, 'must not be empty').optional(),
  db: z.string().min(1).optional(),
});

/**
 * `balises withdraw DOC_ID`: the document is no longer published. `sources` stops listing it and answers stop
 * quoting it (a running bot notices within its publication check interval); its versions stay in the database,
 * and ingesting one of them again publishes it again. The withdrawal is recorded in the audit trail. Exit 1 for an unknown document; withdrawing a document
 * already withdrawn changes nothing (exit 0).
 */
export const withdrawCommand: Command = {
  summary: 'stop publishing a document (its versions stay on record)',
  usage: ['withdraw DOC_ID [--by NAME] [--db FILE]', '  --by NAME        who withdraws, for the audit trail (default: $USER, else recorded as the command line)', DB_USAGE].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, OPTIONS, Args);
    const docId = args.positionals[0] ?? '';
    const store = openAuditedStore(io, args.db, { command: 'balises withdraw', by: commandUser(io, args.by), create: false });
    try {
      const result = store.withdraw(docId);
      switch (result.kind) {
        case 'unknown':
          io.stderr.write(`balises withdraw: no document "${docId}" in the knowledge store; "balises sources" lists the published ones\n`);
          return EXIT_FAILURE;
        case 'not_published':
          io.stdout.write(`${docId} is already withdrawn; nothing changed\n`);
          return EXIT_OK;
        case 'withdrawn':
          io.stdout.write(
            `withdrawn  ${docId} (${result.version.title}, version ${result.version.label}): no longer published\n` +
              `Its versions stay on record ("balises versions ${docId}"); ingest a version's file again to publish it again.\n`,
          );
          return EXIT_OK;
      }
    } finally {
      store.close();
    }
  },
};
