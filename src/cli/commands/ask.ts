import { z } from 'zod';
import { createKnowledgeService } from '../../answers/open.js';
import { renderAnswerText } from '../render-answer.js';
import { EXIT_OK, type Command } from './command.js';
import { DB_OPTION, DB_USAGE, openStore, parseCommandArgs } from './options.js';

const Args = z.object({
  positionals: z
    .array(z.string())
    .refine((words) => words.join(' ').trim() !== '', 'give the question, e.g. balises ask "Doit-on faire une EFVP?"'),
  db: z.string().min(1).optional(),
});

/** `balises ask "question"`: the answer as a person reads it in a terminal (same use case as the Teams bot). */
export const askCommand: Command = {
  summary: 'ask a question and print the quoted, cited answer',
  usage: ['ask "QUESTION" [--db FILE]', DB_USAGE].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, DB_OPTION, Args);
    const service = createKnowledgeService(openStore(io, args.db));
    try {
      io.stdout.write(renderAnswerText(await service.ask(args.positionals.join(' '))));
      return EXIT_OK;
    } finally {
      service.close();
    }
  },
};
