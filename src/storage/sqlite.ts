import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** Waits this long for another process's write lock (an ingest running beside the bot) before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating it and its folder if needed) a SQLite file the way every Balises store uses it: WAL, so readers
 * never wait for a writer; a busy timeout for writers from other processes; foreign keys on; NORMAL sync (safe
 * with WAL). The knowledge store and the inventory share the file and these settings, but for the busy timeout,
 * which the server shortens for its own writes (see src/server/main.ts).
 * @param busyTimeoutMs how long a write waits for another process's lock (ms, default SQLITE_BUSY_TIMEOUT_MS). The
 *   driver is synchronous: the whole process, every other conversation included, waits that long.
 * @throws the driver's error when the file cannot be opened or is not a SQLite database
 */
export function openSqliteFile(file: string, busyTimeoutMs: number = SQLITE_BUSY_TIMEOUT_MS): Database.Database {
  const folder = path.dirname(path.resolve(file));
  mkdirSync(folder, { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw explained(error, file, folder);
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw explained(error, file, folder);
  }
  return db;
}

/** What a file or folder's access error means for the operator who must fix it, by Node's error code. */
const ACCESS_PROBLEMS: Readonly<Record<string, string>> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'is not both readable and writable by this user (permission denied)',
  EPERM: 'is not both readable and writable by this user (permission denied)',
};

/**
 * The driver's error, its message completed with why when SQLite could not open the file: SQLite says only
 * « unable to open database file » or « attempt to write a readonly database », which, for a database that is
 * there and writable, read as a damaged or missing file. A
 * folder SQLite cannot write (read-only disk, permissions) is the usual cause: in WAL mode it creates its `-wal` and
 * `-shm` files beside the database, even to read. Other errors are returned as they are.
 */
function explained(error: unknown, file: string, folder: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !(code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY'))) return error;
  for (const [target, what] of [
    [folder, `the folder ${folder}`],
    [file, `the file ${file}`],
  ] as const) {
    try {
      accessSync(target, constants.R_OK | constants.W_OK);
    } catch (access) {
      const accessCode = (access as { code?: unknown }).code;
      const problem = typeof accessCode === 'string' ? ACCESS_PROBLEMS[accessCode] : undefined;
      if (problem === undefined) continue;
      error.message = `${error.message}: ${what} ${problem}; SQLite writes its -wal and -shm files beside the database, even to read it`;
      return error;
    }
  }
  return error;
}

/** An error's message, for one-line reports. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A store's error class: built from the file and the reason, the driver's error as its cause. */
export type StoreErrorClass = new (file: string, reason: string, options?: { cause?: unknown }) => Error;

/**
 * Opens `file` as openSqliteFile does, then runs the store's `migrate` on it, closing the connection when that fails.
 * Every failure is an `errorClass`: « cannot open the database (…) », « cannot prepare `what` (…) », or the one
 * `migrate` threw when it is already of that class (a schema newer than this code).
 * @param what what `migrate` prepares, for the message (`the inventory schema`)
 * @param busyTimeoutMs see openSqliteFile
 */
export function openMigratedSqliteFile(
  file: string,
  { migrate, errorClass, what, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS }: { migrate: (db: Database.Database) => void; errorClass: StoreErrorClass; what: string; busyTimeoutMs?: number },
): Database.Database {
  let db: Database.Database;
  try {
    db = openSqliteFile(file, busyTimeoutMs);
  } catch (error) {
    throw new errorClass(file, `cannot open the database (${messageOf(error)})`, { cause: error });
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof errorClass) throw error;
    throw new errorClass(file, `cannot prepare ${what} (${messageOf(error)})`, { cause: error });
  }
  return db;
}
