import fs from 'node:fs';
import type { CliIo } from '../io.js';

/** Exit codes: 0 success, 1 the work failed (some file, the database), 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** What a command handler receives besides its arguments. */
export interface CommandContext {
  io: CliIo;
  /** Every registered command, for `help`. */
  commands: Readonly<Record<string, Command>>;
}

/**
 * A passage count as the CLI prints it after a version: `1 passage`, `0 passages`, `30 passages` (English plural
 * rule: « 1 passages » read as a typo beside a freshly ingested one-passage file).
 * @param count a number of passages, ≥ 0
 */
export function passageCount(count: number): string {
  return `${count} ${count === 1 ? 'passage' : 'passages'}`;
}

/** A CLI command: one module in src/cli/commands, registered by name in commands/index.ts. */
export interface Command {
  /** One line shown by `balises help`. */
  summary: string;
  /** Synopsis after `balises `, e.g. `ingest PATH... [--doc ID]`, then option lines. */
  usage: string;
  /**
   * Runs the command.
   * @param args the arguments after the command name
   * @returns the exit code
   * @throws UsageError for a bad command line (the dispatcher prints it with the usage and exits 2)
   */
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** A bad command line: unknown option, missing argument, invalid value. The message is one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A command that only reads found no database file where it looked (a mistyped `--db` or BALISES_DATA_DIR would
 * otherwise create an empty one and report "nothing indexed"). The dispatcher prints the message and exits 1.
 * `from` says where the path came from: `default` (neither was given) is a fresh clone where nothing is ingested yet,
 * so the message gives the command that creates the file rather than send a newcomer after a variable never set.
 */
export class MissingDatabaseError extends Error {
  constructor(
    readonly file: string,
    from: '--db' | 'BALISES_DATA_DIR' | 'default',
  ) {
    super(
      from === 'default'
        ? `no database at ${file} yet: nothing is ingested; "balises ingest PATH" creates it (as does the server at its first start)`
        : `no database at ${file}: check ${from} (balises ingest, or the server at its first start, creates it)`,
    );
    this.name = 'MissingDatabaseError';
  }
}

/**
 * The `--output` file could not be written (a folder that does not exist, no permission): a mistake in the command
 * to correct, not a fault to report. The dispatcher prints the message and exits 1.
 */
export class OutputFileError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'OutputFileError';
  }
}

/** What an `--output` path's failure means for the person who typed it, by Node's error code. */
const OUTPUT_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
};

/**
 * How a SQLite database file, and its write-ahead log, begin (sqlite.org/fileformat.html, §1.3 and §4.1).
 */
const SQLITE_SIGNATURES = [Buffer.from('SQLite format 3\0', 'latin1'), Buffer.from([0x37, 0x7f, 0x06, 0x82]), Buffer.from([0x37, 0x7f, 0x06, 0x83])];

/** True when `file` exists and begins as a SQLite database or its write-ahead log does. Never throws. */
function isSqliteFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(16);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return SQLITE_SIGNATURES.some((signature) => read >= signature.length && head.subarray(0, signature.length).equals(signature));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Where an export goes: standard output without `--output`; else the file (see writeOutputFile), and a line on
 * standard error saying where, so that standard output stays the export alone.
 * @throws OutputFileError as writeOutputFile does
 */
export function writeOutput(io: CliIo, output: string | undefined, text: string): void {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  writeOutputFile(output, text);
  io.stderr.write(`written to ${output}\n`);
}

/**
 * Writes `text` (UTF-8) to the `--output` file, replacing it, unless that file is a SQLite database: `--output
 * .data/balises.db`, typed for `--db`, replaced the knowledge base, the declarations and the feedback with a CSV.
 * @throws OutputFileError when the file is a database or cannot be written, saying why in the person's terms (its
 *   folder does not exist, permission denied…) rather than as an unexpected error
 */
function writeOutputFile(file: string, text: string): void {
  if (isSqliteFile(file)) {
    throw new OutputFileError(`cannot write --output ${file}: it is a SQLite database (--db names the database to read); nothing was written`, {
      cause: null,
    });
  }
  try {
    fs.writeFileSync(file, text, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new OutputFileError(`cannot write --output ${file}: ${OUTPUT_PROBLEMS[code] ?? (error instanceof Error ? error.message : String(error))}`, { cause: error });
  }
}
