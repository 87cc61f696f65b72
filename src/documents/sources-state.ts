import type Database from 'better-sqlite3';
import { z } from 'zod';
import { openMigratedSqliteFile } from '../storage/sqlite.js';
import type { SourceUrlOverride } from './sources.js';

/**
 * Schema of the official-sources state, in the knowledge database file, applied in order and recorded in
 * `official_sources_migrations` (the knowledge store owns `PRAGMA user_version`). Append only. Dates are ISO 8601 UTC.
 * - `official_source_urls`: addresses set by admins with `/source DOC URL` (they win over data/sources.json);
 * - `official_source_seen`: per source, the SHA-256 of the last download handed to the admins (proposed, or
 *   published as the initial state), so the same bytes are never proposed twice, even after an admin cancelled.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE official_source_urls (
    doc_id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
  );
  CREATE TABLE official_source_seen (
    doc_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    outcome TEXT NOT NULL,
    seen_at TEXT NOT NULL
  );
  `,
];

/** Thrown when the state tables cannot be opened or prepared; the message names the file. */
export class SourcesStateError extends Error {
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`official sources state ${file}: ${reason}`, options);
    this.name = 'SourcesStateError';
  }
}

/** The last download of a source handed to the admins. */
export interface SeenDownload {
  sha256: string;
  /** What was done with it: `proposed` (a pending proposal) or `published_initial` (first load of an empty base). */
  outcome: 'proposed' | 'published_initial';
  seenAt: string;
}

/** Admin-set addresses and hash-based change detection of the official sources. Synchronous (better-sqlite3). */
export interface SourcesState {
  /** Every admin-set address, by document id. */
  urls(): SourceUrlOverride[];
  /** Records (or replaces) an admin-set address. */
  setUrl(override: SourceUrlOverride): void;
  /** The last download handed to the admins for `docId`, or null. */
  seen(docId: string): SeenDownload | null;
  /** Records that a download of `docId` with this SHA-256 was handed to the admins. */
  markSeen(docId: string, seen: SeenDownload): void;
  /** Closes the database connection. Idempotent. */
  close(): void;
}

const UrlRow = z.object({ doc_id: z.string(), url: z.string(), set_by: z.string(), set_at: z.string() });
const SeenRow = z.object({ sha256: z.string(), outcome: z.enum(['proposed', 'published_initial']), seen_at: z.string() });
const MigrationRow = z.object({ version: z.number().int().nullable() });

/**
 * Opens the official-sources state in the SQLite file `file` (the knowledge database), creating its tables.
 * @throws SourcesStateError when the file cannot be opened or was written by a newer Balises
 */
export function openSourcesState(file: string): SourcesState {
  const db = openMigratedSqliteFile(file, { migrate: (opened) => migrate(opened, file), errorClass: SourcesStateError, what: 'the tables' });
  const statements = {
    urls: db.prepare('SELECT doc_id, url, set_by, set_at FROM official_source_urls ORDER BY doc_id'),
    setUrl: db.prepare(`INSERT INTO official_source_urls (doc_id, url, set_by, set_at) VALUES (@docId, @url, @setBy, @setAt)
      ON CONFLICT (doc_id) DO UPDATE SET url = excluded.url, set_by = excluded.set_by, set_at = excluded.set_at`),
    seen: db.prepare('SELECT sha256, outcome, seen_at FROM official_source_seen WHERE doc_id = ?'),
    markSeen: db.prepare(`INSERT INTO official_source_seen (doc_id, sha256, outcome, seen_at) VALUES (@docId, @sha256, @outcome, @seenAt)
      ON CONFLICT (doc_id) DO UPDATE SET sha256 = excluded.sha256, outcome = excluded.outcome, seen_at = excluded.seen_at`),
  };
  return {
    urls: () =>
      statements.urls.all().map((raw) => {
        const row = UrlRow.parse(raw);
        return { docId: row.doc_id, url: row.url, setBy: row.set_by, setAt: row.set_at };
      }),
    setUrl: (override) => void statements.setUrl.run(override),
    seen: (docId) => {
      const raw = statements.seen.get(docId);
      if (raw === undefined) return null;
      const row = SeenRow.parse(raw);
      return { sha256: row.sha256, outcome: row.outcome, seenAt: row.seen_at };
    },
    markSeen: (docId, seen) => void statements.markSeen.run({ docId, ...seen }),
    close: () => {
      if (db.open) db.close();
    },
  };
}

function migrate(db: Database.Database, file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS official_sources_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = (): number => MigrationRow.parse(db.prepare('SELECT MAX(version) AS version FROM official_sources_migrations').get()).version ?? 0;
  if (applied() > MIGRATIONS.length) {
    throw new SourcesStateError(file, `schema version ${applied()} is newer than this Balises knows (${MIGRATIONS.length})`);
  }
  MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    db.transaction(() => {
      // Another process may have applied it between our read and our write lock.
      if (applied() >= version) return;
      db.exec(sql);
      db.prepare('INSERT INTO official_sources_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
    }).immediate();
  });
}
