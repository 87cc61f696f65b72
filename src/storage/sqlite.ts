import { mkdirSync } from 'node:fs';
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
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** An error's message, for one-line reports. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
