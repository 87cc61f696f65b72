import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Language } from '../answers/types.js';
import { openPostgresTable } from './postgres-table.js';

/**
 * Where the language each person last wrote in, per conversation, is kept across restarts and shared by the
 * instances (see bot/language-memory.ts): one row per speakerKey (conversation id NUL user id), stored as its
 * SHA-256, with the language only (`fr` or `en`), never a word of the messages. Beside the turn claims: the SQLite file, or the
 * inventory's PostgreSQL database.
 */
export interface SpeakerLanguageStore {
  /**
   * The language stored for `key`, or null (none stored, none written within SPEAKER_LANGUAGE_RETENTION_MS, or a
   * value this code does not know).
   * @throws the store's error when it cannot be reached
   */
  recall(key: string): Promise<Language | null>;
  /**
   * Stores `language` as `key`'s, replacing any.
   * @throws the store's error when it cannot be reached
   */
  save(key: string, language: Language): Promise<void>;
}

/**
 * How long a stored language is kept after it was last written (ms): a year. The rows name a person only through a
 * hash, but nothing needs them once the person has stopped writing to Balises, and data kept without need is what
 * Quebec's privacy law (Loi 25, principle of minimisation) asks public bodies not to keep. A language older than this
 * is not recalled, and is deleted when the store is opened.
 */
export const SPEAKER_LANGUAGE_RETENTION_MS = 365 * 24 * 3600 * 1000;

/**
 * The row key of a speaker key: its SHA-256, hex. A speaker key holds a NUL, which PostgreSQL text refuses, and
 * names a conversation and a person, which the table then does not spell out.
 */
function rowKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A stored language read back: anything but `fr` or `en` (a row written by hand, a later version) counts as none. */
const LanguageRow = z.object({ language: z.enum(['fr', 'en']) });

function languageOf(row: unknown): Language | null {
  const parsed = LanguageRow.safeParse(row);
  return parsed.success ? parsed.data.language : null;
}

/**
 * Speaker languages in a table `speaker_languages` of a Balises SQLite file (the knowledge base's by default, which
 * every process on the data folder opens).
 * Rows older than SPEAKER_LANGUAGE_RETENTION_MS are deleted here.
 * @param db an open database (see `openSqliteFile`); the caller closes it
 * @param now clock in ms since the epoch, recorded with each row (tests pass a fake one)
 */
export function sqliteSpeakerLanguages(db: Database.Database, now: () => number = Date.now): SpeakerLanguageStore {
  db.exec(`CREATE TABLE IF NOT EXISTS speaker_languages (
    key TEXT PRIMARY KEY,
    language TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
  ) WITHOUT ROWID`);
  db.prepare('DELETE FROM speaker_languages WHERE updated_ms < ?').run(now() - SPEAKER_LANGUAGE_RETENTION_MS);
  const select = db.prepare<[string, number]>('SELECT language FROM speaker_languages WHERE key = ? AND updated_ms >= ?');
  const upsert = db.prepare('INSERT OR REPLACE INTO speaker_languages (key, language, updated_ms) VALUES (?, ?, ?)');
  return {
    async recall(key) {
      return languageOf(select.get(rowKey(key), now() - SPEAKER_LANGUAGE_RETENTION_MS));
    },
    async save(key, language) {
      upsert.run(rowKey(key), language, now());
    },
  };
}

/** Speaker languages in PostgreSQL, and how to release the connections they hold. */
export interface PostgresSpeakerLanguages extends SpeakerLanguageStore {
  close(): Promise<void>;
}

/**
 * Speaker languages in a table `speaker_languages` of a PostgreSQL database (the inventory's,
 * INVENTORY_DATABASE_URL), so instances on separate hosts share them; same rows and retention as
 * {@link sqliteSpeakerLanguages}.
 * @param url `postgres://user:password@host:port/database`
 * @throws the driver's error when the server cannot be reached or the table cannot be created
 */
export async function openPostgresSpeakerLanguages(url: string, now: () => number = Date.now): Promise<PostgresSpeakerLanguages> {
  const pool = await openPostgresTable(
    url,
    `CREATE TABLE IF NOT EXISTS speaker_languages (
      key TEXT PRIMARY KEY,
      language TEXT NOT NULL,
      updated_ms BIGINT NOT NULL
    )`,
  );
  await pool.query('DELETE FROM speaker_languages WHERE updated_ms < $1', [now() - SPEAKER_LANGUAGE_RETENTION_MS]);
  return {
    async recall(key) {
      const { rows } = await pool.query('SELECT language FROM speaker_languages WHERE key = $1 AND updated_ms >= $2', [
        rowKey(key),
        now() - SPEAKER_LANGUAGE_RETENTION_MS,
      ]);
      return languageOf(rows[0]);
    },
    async save(key, language) {
      await pool.query(
        `INSERT INTO speaker_languages (key, language, updated_ms) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET language = EXCLUDED.language, updated_ms = EXCLUDED.updated_ms`,
        [rowKey(key), language, now()],
      );
    },
    close: () => pool.end(),
  };
}
