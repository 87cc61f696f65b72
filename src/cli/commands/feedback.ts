import { z } from 'zod';
import { loadConfig } from '../../config.js';
import { createFeedbackService, FeedbackStoreError, formatFeedbackReport, openSqliteFeedbackRepository, type FeedbackRepository } from '../../feedback/index.js';
import { EXIT_FAILURE, EXIT_OK, writeOutput, type Command } from './command.js';
import { DEFAULT_DB, existingDatabase, parseCommandArgs } from './options.js';

const Args = z.object({
  positionals: z.array(z.string()).max(0, 'feedback takes no arguments'),
  format: z.enum(['csv', 'json'], { errorMap: () => ({ message: 'expected csv or json' }) }),
  view: z.enum(['ratings', 'passages'], { errorMap: () => ({ message: 'expected ratings or passages' }) }).default('ratings'),
  db: z.string().min(1).optional(),
  output: z.string().min(1).optional(),
});

/**
 * `balises feedback`: the 👍/👎 ratings of the bot's answers (one per message and person, with the answer's outcome,
 * passages and document versions, and the masked question when kept) and the passages most often disliked.
 * JSON holds both; CSV holds one view. Reads the feedback tables of the configured SQLite file, or of `--db`.
 */
export const feedbackCommand: Command = {
  summary: 'the ratings (👍/👎) of answers and the passages most often disliked, as CSV or JSON',
  usage: [
    'feedback --format csv|json [--view ratings|passages] [--db FILE] [--output FILE]',
    '  --format F       json: { ratings, dislikedPassages }; csv: one view, UTF-8 with BOM',
    '  --view V         csv only: ratings (one row per rating, default) or passages (most disliked first)',
    `  --db FILE        SQLite file holding the feedback (default: ${DEFAULT_DB})`,
    '  --output FILE    write to FILE instead of standard output',
  ].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(
      argv,
      { format: { type: 'string' }, view: { type: 'string' }, db: { type: 'string' }, output: { type: 'string' } },
      Args,
    );
    const config = loadConfig(io.env);
    const file = existingDatabase(args.db, () => config.databaseFile, io.env);
    let repository: FeedbackRepository;
    try {
      repository = openSqliteFeedbackRepository(file);
    } catch (error) {
      if (!(error instanceof FeedbackStoreError)) throw error;
      io.stderr.write(`balises feedback: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    try {
      const report = await createFeedbackService(repository, config.feedback).report();
      const text = formatFeedbackReport(report, args.format, args.view);
      writeOutput(io, args.output, text);
      return EXIT_OK;
    } finally {
      await repository.close();
    }
  },
};
