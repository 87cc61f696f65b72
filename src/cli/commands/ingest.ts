import { z } from 'zod';
import { DOC_ID_PATTERN, ingestPaths, MAX_DOC_ID_CHARS, VERSION_LABEL_FORBIDDEN, type FileOutcome } from '../../knowledge/index.js';
import { OfficialUrl } from '../../documents/sources.js';
import { COMMAND_LINE_ACTOR } from '../../documents/audit-detail.js';
import { counted } from '../../plural.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, passageCount, type Command } from './command.js';
import { commandUser, DB_OPTION, DB_USAGE, isoDate, openAuditedStore, parseCommandArgs } from './options.js';

const OPTIONS = {
  ...DB_OPTION,
  doc: { type: 'string' },
  title: { type: 'string' },
  version: { type: 'string' },
  date: { type: 'string' },
  url: { type: 'string' },
  by: { type: 'string' },
} as const;

const Args = z.object({
  positionals: z.array(z.string().min(1)).min(1, 'give at least one file or folder to ingest'),
  doc: z
    .string()
    .max(MAX_DOC_ID_CHARS, `at most ${MAX_DOC_ID_CHARS} characters`)
    .regex(DOC_ID_PATTERN, 'use lower-case letters, digits and dashes, e.g. enonce-principes-ia').optional(),
  title: z.string().trim().min(1, 'must not be empty').optional(),
  version: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'at most 64 characters')
    .refine((v) => !VERSION_LABEL_FORBIDDEN.test(v), 'must not contain @, #, control or invisible characters')
    .optional(),
  date: isoDate.optional(),
  url: OfficialUrl.optional(),
  by: z.string().trim().min(1, 'must not be empty').optional(),
  db: z.string().min(1).optional(),
});

/**
 * `balises ingest`: one line per file, a summary, exit 1 if any file failed (a folder with no supported file
 * counts as failed).
 */
export const ingestCommand: Command = {
  summary: 'ingest documents (PDF, DOCX, HTML, Markdown, text) or folders of them',
  usage: [
    'ingest PATH... [--doc ID] [--title T] [--version LABEL] [--date YYYY-MM-DD] [--url URL] [--by NAME] [--db FILE]',
    `  --doc ID         document id, at most ${MAX_DOC_ID_CHARS} characters (default: the file name as a slug, shortened when longer);`,
    '                   one file only',
    '  --title T        document title (default: the one found in the file); one file only',
    '  --version LABEL  version label (default: --date, else today in Quebec); a taken default gets " (2)"',
    '                   a file identical to a stored version publishes that version again; of the options, only --url applies to it',
    '  --date DATE      official publication date, YYYY-MM-DD',
    '  --url URL        official link to the document; one file only',
    '  --by NAME        who ingests (default: $USER, else cli); recorded with the version and in the audit trail',
    DB_USAGE,
  ].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, OPTIONS, Args);
    const by = commandUser(io, args.by);
    const store = openAuditedStore(io, args.db, { command: 'balises ingest', by, create: true });
    try {
      const report = await ingestPaths({ store }, args.positionals, {
        ...(args.doc !== undefined ? { docId: args.doc } : {}),
        ...(args.title !== undefined ? { title: args.title } : {}),
        ...(args.version !== undefined ? { versionLabel: args.version } : {}),
        ...(args.date !== undefined ? { publishedOn: args.date } : {}),
        ...(args.url !== undefined ? { url: args.url } : {}),
        ingestedBy: by ?? COMMAND_LINE_ACTOR.id,
      });
      if (report.kind === 'rejected') {
        io.stderr.write(`balises ingest: ${report.reason}\n`);
        return EXIT_USAGE;
      }
      const notApplied = (['title', 'version', 'date'] as const).filter((option) => args[option] !== undefined).map((option) => `--${option}`);
      for (const outcome of report.outcomes) {
        // The same command run again, or by two terminals at once, names the label the stored version has: saying
        // that --version was not applied would read as a conflict.
        const sameLabel = (option: string) => option === '--version' && 'versionLabel' in outcome && outcome.versionLabel === args.version;
        const note = ignoredNote(outcome, notApplied.filter((option) => !sameLabel(option)));
        (outcome.kind === 'failed' ? io.stderr : io.stdout).write(`${describe(outcome)}${note}\n`);
      }
      io.stdout.write(`${summarise(report.outcomes)}\n`);
      return report.outcomes.some((o) => o.kind === 'failed') ? EXIT_FAILURE : EXIT_OK;
    } finally {
      store.close();
    }
  },
};

function describe(outcome: FileOutcome): string {
  switch (outcome.kind) {
    case 'ingested':
      return `ingested   ${outcome.file} → ${outcome.docId}, version ${outcome.versionLabel} (${passageCount(outcome.passageCount)})`;
    case 'restored':
      return `restored   ${outcome.file} → ${outcome.docId}, version ${outcome.versionLabel} is published again (same content as this file)${linkNote(outcome.linkSet)}`;
    case 'unchanged':
      return `unchanged  ${outcome.file} → ${outcome.docId}, same content as version ${outcome.versionLabel}${linkNote(outcome.linkSet)}`;
    case 'skipped':
      return `skipped    ${outcome.file}: ${outcome.reason}`;
    case 'failed':
      return `failed     ${outcome.file}: ${outcome.reason}`;
  }
}

/** `; official link set to URL` when --url was recorded on a stored version: « unchanged » alone reads as if it had
 *  been ignored. */
function linkNote(linkSet: string | undefined): string {
  return linkSet !== undefined ? `; official link set to ${linkSet}` : '';
}

/**
 * `; --title not applied: …` when the file is a stored version (unchanged or published again) and options that only
 * describe a new version were given: without it, someone fixing a title with --title reads « unchanged » as done.
 */
function ignoredNote(outcome: FileOutcome, options: string[]): string {
  if ((outcome.kind !== 'unchanged' && outcome.kind !== 'restored') || options.length === 0) return '';
  const list = options.length === 1 ? options[0] : `${options.slice(0, -1).join(', ')} and ${options.at(-1)}`;
  return `; ${list} not applied: a stored version keeps its title, label and date`;
}

/**
 * The summary line; `restored` is counted only when some file was (the usual line stays as it always was). Folders
 * are counted apart whenever a line is about one: `ingest ../shared/corpus` (a README beside three subfolders) must
 * not report « 5 files » for one file.
 */
function summarise(outcomes: FileOutcome[]): string {
  const count = (kind: FileOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const restored = count('restored') ? `${count('restored')} restored, ` : '';
  const folders = outcomes.filter((o) => 'folder' in o && o.folder).length;
  const files = counted(outcomes.length - folders, 'en', { one: 'file', other: 'files' });
  const paths = folders ? `${files}, ${counted(folders, 'en', { one: 'folder', other: 'folders' })}` : files;
  return `${paths}: ${count('ingested')} ingested, ${restored}${count('unchanged')} unchanged, ${count('skipped')} skipped, ${count('failed')} failed`;
}
