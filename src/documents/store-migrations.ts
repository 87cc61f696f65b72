import type Database from 'better-sqlite3';

/**
 * Schema of document administration (exported for the migration tests), in the knowledge database file beside the documents it administers. The table
 * `document_admin_migrations` records which entries have run (`PRAGMA user_version` belongs to the knowledge
 * store). Append only. Dates are ISO 8601 text in UTC; records are JSON checked with zod when read.
 */
export const DOCUMENT_ADMIN_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE document_proposals (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    status TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    record TEXT NOT NULL CHECK (json_valid(record)),
    source BLOB NOT NULL,
    proposed_at TEXT NOT NULL
  );
  CREATE INDEX document_proposals_by_doc ON document_proposals (doc_id, status);
  CREATE TABLE document_audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    doc_id TEXT,
    version_label TEXT,
    source_sha256 TEXT,
    proposal_id TEXT,
    detail TEXT
  );
  CREATE INDEX document_audit_by_doc ON document_audit (doc_id, id);
  CREATE TABLE assessment_flags (
    declaration_id TEXT NOT NULL,
    public_id TEXT,
    doc_id TEXT NOT NULL,
    quoted_version TEXT NOT NULL,
    section_path TEXT NOT NULL,
    new_version TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('changed', 'removed')),
    flagged_at TEXT NOT NULL,
    PRIMARY KEY (declaration_id, doc_id, quoted_version, section_path, new_version)
  );
  `,
  // A flag marked handled by a governance admin (`signalement traité`): who and when; null while open.
  `
  ALTER TABLE assessment_flags ADD COLUMN handled_at TEXT;
  ALTER TABLE assessment_flags ADD COLUMN handled_by_id TEXT;
  ALTER TABLE assessment_flags ADD COLUMN handled_by_name TEXT;
  `,
  // How far the publications (`published`, `republished` audit events; `withdrawn` too since the next entry) have
  // been checked for flags: the last audit id looked at. A database made before starts at its last event:
  // publications already there are not judged again against today's declarations, which may quote newer versions
  // than they did then.
  `
  CREATE TABLE flag_progress (id INTEGER PRIMARY KEY CHECK (id = 1), through_audit_id INTEGER NOT NULL);
  INSERT INTO flag_progress (id, through_audit_id) SELECT 1, COALESCE(MAX(id), 0) FROM document_audit;
  `,
  // A withdrawal (`withdrawn` audit event) flags the assessments quoting the document: a third kind of change, in
  // the key too, so that the withdrawal of version v2 is recorded beside the flag v2's publication raised on the same
  // quote (and still raised when that one was handled). SQLite cannot alter a CHECK constraint: the table is rebuilt,
  // its rows, handled ones included, copied as they are. Withdrawals after the progress mark (it only ever stopped
  // at publications) are judged at the next check: a document withdrawn before this version and still withdrawn is
  // flagged then, which governance was never told.
  `
  CREATE TABLE assessment_flags_next (
    declaration_id TEXT NOT NULL,
    public_id TEXT,
    doc_id TEXT NOT NULL,
    quoted_version TEXT NOT NULL,
    section_path TEXT NOT NULL,
    new_version TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('changed', 'removed', 'withdrawn')),
    flagged_at TEXT NOT NULL,
    handled_at TEXT,
    handled_by_id TEXT,
    handled_by_name TEXT,
    PRIMARY KEY (declaration_id, doc_id, quoted_version, section_path, new_version, change)
  );
  INSERT INTO assessment_flags_next
    (declaration_id, public_id, doc_id, quoted_version, section_path, new_version, change, flagged_at, handled_at, handled_by_id, handled_by_name)
    SELECT declaration_id, public_id, doc_id, quoted_version, section_path, new_version, change, flagged_at, handled_at, handled_by_id, handled_by_name
    FROM assessment_flags;
  DROP TABLE assessment_flags;
  ALTER TABLE assessment_flags_next RENAME TO assessment_flags;
  `,
  // 5. The preview card a person's proposal owes its proposer, written with the proposal: the turn's reply delivers
  // it and marks it delivered; a process killed before (or a reply the connector refused) leaves it for the outbox
  // worker to post in the proposer's personal chat (src/documents/announcements.ts). `failing_since` and
  // `last_detail` tell a conversation refused as gone for long enough (outbox.ts GIVE_UP_AFTER_MS).
  `
  CREATE TABLE proposal_announcements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id TEXT NOT NULL UNIQUE,
    recipient_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    delivered_at TEXT,
    last_outcome TEXT,
    last_detail TEXT,
    failing_since TEXT
  );
  CREATE INDEX proposal_announcements_due ON proposal_announcements (next_attempt_at) WHERE delivered_at IS NULL;
  `,
  // 6. The copies of a proposal's card for the other admins (`admin`, one row each, `recipient_id` their Entra id)
  // and the governance channel (`channel`, `recipient_id` empty) are owed durably too, queued with the proposal;
  // `proposer` is the card owed to whoever proposed it (migration 5's rows). One card per proposal, audience and
  // recipient: the table is rebuilt (no row refers to it), rows and the id counter kept.
  `
  CREATE TABLE proposal_announcements_6 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id TEXT NOT NULL,
    audience TEXT NOT NULL DEFAULT 'proposer' CHECK (audience IN ('proposer', 'admin', 'channel')),
    recipient_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    delivered_at TEXT,
    last_outcome TEXT,
    last_detail TEXT,
    failing_since TEXT,
    UNIQUE (proposal_id, audience, recipient_id)
  );
  INSERT INTO proposal_announcements_6 (id, proposal_id, audience, recipient_id, created_at, attempts, next_attempt_at, lease_owner, lease_until,
      delivered_at, last_outcome, last_detail, failing_since)
    SELECT id, proposal_id, 'proposer', recipient_id, created_at, attempts, next_attempt_at, lease_owner, lease_until,
      delivered_at, last_outcome, last_detail, failing_since FROM proposal_announcements;
  DELETE FROM sqlite_sequence WHERE name = 'proposal_announcements_6';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'proposal_announcements_6', seq FROM sqlite_sequence WHERE name = 'proposal_announcements';
  DROP TABLE proposal_announcements;
  ALTER TABLE proposal_announcements_6 RENAME TO proposal_announcements;
  CREATE INDEX proposal_announcements_due ON proposal_announcements (next_attempt_at) WHERE delivered_at IS NULL;
  `,
];

/**
 * Runs the entries of DOCUMENT_ADMIN_MIGRATIONS not yet recorded in `document_admin_migrations`, each in its own
 * transaction with its record.
 * @throws the driver's error when an entry fails (that entry is then not recorded)
 */
export function migrateDocumentAdmin(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS document_admin_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM document_admin_migrations').pluck().all() as number[]);
  DOCUMENT_ADMIN_MIGRATIONS.forEach((sql, i) => {
    if (applied.has(i + 1)) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO document_admin_migrations (version, applied_at) VALUES (?, ?)').run(i + 1, new Date().toISOString());
    }).immediate();
  });
}
