import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../../config.js';
import { auditedKnowledgeStore } from '../../documents/audited-store.js';
import { COMMAND_LINE_ACTOR } from '../../documents/audit-detail.js';
import { openDocumentAdminStore } from '../../documents/store.js';
import { KnowledgeStoreError, openKnowledgeStore, type KnowledgeStore } from '../../knowledge/index.js';
import { messageOf } from '../../storage/sqlite.js';
import type { CliIo } from '../io.js';
import { MissingDatabaseError, UsageError } from './command.js';

/** The `--db FILE` option every command touching the knowledge store accepts. */
export const DB_OPTION = { db: { type: 'string' } } as const;
/**
 * Where a command's database is when `--db` is absent (src/config.ts): BALISES_DATA_DIR is unset on a new machine,
 * where `$BALISES_DATA_DIR/balises.db` alone read as `/balises.db`.
 */
export const DEFAULT_DB = 'balises.db in $BALISES_DATA_DIR, else in .data in the project folder';
/** The `--db FILE` line of the usage of the commands that read or write the knowledge store. */
export const DB_USAGE = `  --db FILE        SQLite knowledge store (default: ${DEFAULT_DB})`;

/**
 * Parses a command's arguments with node:util parseArgs, then validates them with `schema`.
 * @returns the schema's output, with positionals under `positionals`
 * @throws UsageError naming the bad option or value, or an option taking a value given more than once without being
 *   repeatable (`--format csv --format json`: parseArgs would keep the last one silently)
 */
export function parseCommandArgs<S extends z.ZodTypeAny>(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: S,
): z.infer<S> {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(parseArgsProblem(error));
  }
  const repeated = repeatedOption(parsed.tokens, options);
  if (repeated) throw new UsageError(repeated);
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    const issue = result.error.issues[0];
    // The option's name only: the index of a repeated option's value (`status.0`) means nothing to the person typing it.
    const where = issue?.path[0] === 'positionals' ? '' : issue?.path.length ? `--${String(issue.path[0])}` : '';
    // A required option left out is not a wrong value: « --format: expected csv or json » read as one.
    const missing = where !== '' && issue?.code === 'invalid_type' && issue.received === 'undefined';
    if (missing) throw new UsageError(`${where} is required (${issue.message})`);
    throw new UsageError(`${where ? `${where}: ` : ''}${issue?.message ?? 'invalid arguments'}`);
  }
  return result.data;
}

/**
 * The usage error for the first option taking one value that `tokens` (parseArgs' tokens) give more than once, with
 * the values given, or null. A flag (`--verbose` twice) means the same once or twice, and a `multiple` option
 * (`--status`) is meant to be repeated: neither is refused.
 */
function repeatedOption(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string | undefined }>, options: NonNullable<ParseArgsConfig['options']>): string | null {
  const values = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const option = options[token.name];
    if (!option || option.type !== 'string' || option.multiple) continue;
    const seen = [...(values.get(token.name) ?? []), token.value ?? ''];
    if (seen.length > 1) return `--${token.name} given more than once (${seen.join(', ')}): give it once`;
    values.set(token.name, seen);
  }
  return null;
}

/**
 * What node:util parseArgs refused, in the words of the other usage errors. A mistyped option (`--verison`) is named
 * alone: Node's own message goes on about positional arguments starting with a dash (and its quotes do not pair),
 * which reads as if the option had been taken for a file or a question.
 */
function parseArgsProblem(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const unknownOption = (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec(error.message)?.[1] : undefined;
  return unknownOption === undefined ? error.message : `unknown option ${unknownOption}`;
}

/** An ISO calendar date that exists (2024-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const date = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
  }, 'not a real calendar date');

/**
 * The database file a command that only reads uses: `db` (from `--db`), or `configured` (the data directory's, from
 * `env`'s BALISES_DATA_DIR, else the project's `.data`; `env` only tells the error which of them to name).
 * @throws MissingDatabaseError when no file is there: reading must not create an empty database; KnowledgeStoreError
 *   when whether it is there cannot be told (a folder on its path this user may not read): « no database » would
 *   send the operator looking for lost data, or ingesting anew, when only a permission is missing
 */
export function existingDatabase(db: string | undefined, configured: () => string, env: NodeJS.ProcessEnv): string {
  const file = db ?? configured();
  let found: boolean;
  try {
    found = fs.statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOTDIR') found = false;
    else throw new KnowledgeStoreError(file, `cannot be reached: a folder on its path may not be read by this user (${typeof code === 'string' ? code : messageOf(error)}); check its permissions`, { cause: error });
  }
  if (!found) throw new MissingDatabaseError(file, db !== undefined ? '--db' : env.BALISES_DATA_DIR ? 'BALISES_DATA_DIR' : 'default');
  return file;
}

/**
 * Opens the existing knowledge store at `--db`, or at the configured data directory's database.
 * @throws MissingDatabaseError when there is no such file; ConfigError when the environment is invalid;
 *   KnowledgeStoreError when the file cannot be used
 */
export function openStore(io: CliIo, db: string | undefined): KnowledgeStore {
  return openKnowledgeStore(existingDatabase(db, () => loadConfig(io.env).databaseFile, io.env));
}

/**
 * Opens the knowledge store as {@link openStore} does (or, with `create`, creates it, and its folder, when absent:
 * for `ingest`, which fills it), with the document administration tables beside it, so that the command's publications and withdrawals are recorded in the
 * audit trail the governance team reads in Teams (`audit`), each in the transaction of its change.
 * @param command the command, stored on each event (`balises ingest`)
 * @param by who runs it (`--by`, else the user name), or null when no one is named: the events' actor is then
 *   COMMAND_LINE_ACTOR, which `audit` and `historique` call « la ligne de commande »
 * @throws MissingDatabaseError (without `create`) when there is no such file; ConfigError when the environment is
 *   invalid; KnowledgeStoreError when the file cannot be used
 */
export function openAuditedStore(io: CliIo, db: string | undefined, options: { command: string; by: string | null; create: boolean }): KnowledgeStore {
  const configured = () => loadConfig(io.env).databaseFile;
  const file = options.create ? (db ?? configured()) : existingDatabase(db, configured, io.env);
  const actor = options.by === null ? COMMAND_LINE_ACTOR : { id: `cli:${options.by}`, name: options.by };
  return auditedKnowledgeStore(openDocumentAdminStore(file), actor, options.command);
}

/** Who runs a command, for the audit trail: `--by`, else the system user name, else null (no name is made up). */
export function commandUser(io: CliIo, by: string | undefined): string | null {
  return by ?? (io.env.USER || io.env.USERNAME || null);
}
