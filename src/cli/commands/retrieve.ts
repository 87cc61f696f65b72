import fs from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import type { KnowledgeStore } from '../../knowledge/index.js';
import { loadLexicon } from '../../retrieval/lexicon.js';
import { LocalPassageIndex } from '../../retrieval/local-index.js';
import { ingestIntoTempStore } from '../temp-store.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from './command.js';
import { DB_OPTION, DB_USAGE, openStore, parseCommandArgs } from './options.js';

const Args = z.object({
  positionals: z.array(z.string()).max(0, 'retrieve reads its questions on standard input'),
  k: z.coerce.number({ invalid_type_error: 'must be a whole number, 1 to 50' }).int('must be a whole number').min(1, 'must be at least 1').max(50, 'at most 50').default(10),
  corpus: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
});

/** One input line: a question and its id. */
const QuestionLine = z.object({ id: z.union([z.string(), z.number()]), question: z.string() });

/**
 * `balises retrieve`: the evaluation contract. Reads JSON lines `{"id", "question"}` on standard input and writes,
 * for each, `{"id", "abstained", "passages": [{"docId", "version", "section", "pages", "score", "text"}]}` best
 * first; `section` is the section path joined with " › ", `pages` is `{from, to}` or null, `text` is the passage
 * exactly as stored. An abstained question still lists the passages found (empty when nothing matched). A
 * malformed line gets `{"id": <its id or null>, "error": …}` and the rest go on (exit 1 at the end). A UTF-8 byte
 * order mark before the first line is ignored. `--corpus` and `--db` together are a usage error.
 */
export const retrieveCommand: Command = {
  summary: 'answer JSON-lines questions on stdin with the top passages (evaluation contract)',
  usage: [
    'retrieve [--k 10] [--corpus DIR] [--db FILE] < questions.jsonl',
    '  --k N            passages per question (1–50, default 10)',
    '  --corpus DIR     ingest DIR into a temporary database first and search that instead (not with --db)',
    DB_USAGE,
  ].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, { ...DB_OPTION, k: { type: 'string' }, corpus: { type: 'string' } }, Args);
    if (args.corpus !== undefined && args.db !== undefined) {
      throw new UsageError('--corpus searches a temporary database and --db an existing one: give one or the other');
    }
    let store: KnowledgeStore;
    let dispose: () => void;
    if (args.corpus) {
      if (!fs.existsSync(args.corpus)) throw new UsageError(`corpus ${args.corpus} not found`);
      const temp = await ingestIntoTempStore([args.corpus]);
      for (const o of temp.outcomes) if (o.kind === 'failed') io.stderr.write(`${o.file}: ${o.reason}\n`);
      ({ store, dispose } = temp);
    } else {
      store = openStore(io, args.db);
      dispose = () => store.close();
    }
    try {
      const index = new LocalPassageIndex(store.publishedPassages(), loadLexicon());
      let failures = 0;
      let first = true;
      for await (const raw of readline.createInterface({ input: io.stdin, crlfDelay: Infinity })) {
        // Windows tools (PowerShell's Out-File, Notepad) start UTF-8 files with a byte order mark.
        const line = first ? raw.replace(/^\uFEFF/, '') : raw;
        first = false;
        if (!line.trim()) continue;
        const parsed = parseLine(line);
        if (!parsed.success) {
          failures++;
          io.stdout.write(`${JSON.stringify({ id: parsed.id, error: parsed.error })}\n`);
          continue;
        }
        const result = index.searchSync(parsed.data.question, { k: args.k });
        const passages = result.passages.map(({ passage: p, score }) => ({
          docId: p.docId,
          version: p.versionLabel,
          section: p.section.path.join(' › '),
          pages: p.pages,
          score: Number(score.toFixed(4)),
          text: p.text,
        }));
        io.stdout.write(`${JSON.stringify({ id: parsed.data.id, abstained: result.abstained, passages })}\n`);
      }
      return failures ? EXIT_FAILURE : EXIT_OK;
    } finally {
      dispose();
    }
  },
};

type ParsedLine =
  | { success: true; data: z.infer<typeof QuestionLine> }
  | { success: false; id: string | number | null; error: string };

function parseLine(line: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { success: false, id: null, error: 'not a JSON line' };
  }
  const result = QuestionLine.safeParse(json);
  if (result.success) return { success: true, data: result.data };
  const id = QuestionLine.shape.id.safeParse((json as { id?: unknown } | null)?.id);
  return { success: false, id: id.success ? id.data : null, error: 'expected {"id": string|number, "question": string}' };
}
