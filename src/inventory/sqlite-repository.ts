import { randomUUID } from 'node:crypto';
import type { Language } from '../answers/types.js';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { SQLITE_MIGRATIONS } from './migrations/sqlite.js';
import {
  DeclarationNotFoundError,
  EDITABLE_STATES,
  LEAVABLE_STATES,
  savable,
  InventoryStoreError,
  SubmissionKeyConflictError,
  TRANSITIONS,
  WrongStateError,
} from './repository-errors.js';
import type { AttemptRecord, GivenUpNotification, NotificationAttempt, NotificationItem } from './outbox.js';
import { AccessEventRow, ATTEMPT_COLUMNS, AttemptRow, canonicalTime, givenUpQuery, GivenUpRow, changedFieldsColumn, Timestamp, DeclarationRow, DeletedDraftRow, EventRow, formatPublicId, LeaseOwnerRow, NO_EARLIER_UNDELIVERED, NotificationRow, postedReviewCardRow, storedAttempt, storedData, yearOf } from './repository-rows.js';
import { SCHEMA_VERSION, type DeclarationDraft } from './schema.js';
import {
  StaleRevisionError,
  type Actor,
  type Assessment,
  type AccessEvent,
  type DeclarationEvent,
  type DeclarationRecord,
  type DeclarationState,
  type DeletedDraft,
  type InventoryRepository,
  type PostedReviewCard,
} from './types.js';
import { messageOf, openMigratedSqliteFile, SQLITE_BUSY_TIMEOUT_MS } from '../storage/sqlite.js';
import { exportInventoryBytes, type ExportOptions, type ExportSource, type InventoryBytes } from './export.js';
import { exportSqliteOffThread } from './export-off-thread.js';


/** Declaration columns with the collaborators aggregated (in the order they were added) as a JSON array. */
const RECORD_COLUMNS = `d.id, d.public_id, d.schema_version, d.data, d.submitted_data, d.state, d.declarant_id, d.declarant_name, d.revision,
  d.assessment, d.created_at, d.updated_at, d.submitted_at, d.set_aside_at, d.language, d.changed_fields,
  (SELECT json_group_array(c.user_id ORDER BY c.added_at, c.user_id) FROM inventory_declaration_collaborators c
    WHERE c.declaration_id = d.id) AS collaborators`;

/** Most recently updated first; creation and id break ties so the order is stable. */
const RECENT_FIRST = 'ORDER BY d.updated_at DESC, d.created_at DESC, d.id DESC';

const ConversationRow = z.object({ reference: z.string() });
const RevisionRow = z.object({ last_number: z.number().int() });
const MigrationRow = z.object({ version: z.number().int().nullable() });
const IdRow = z.object({ id: z.string() });
const DeclarantRow = z.object({ declarant_id: z.string() });
const SeqRow = z.object({ seq: z.number().int() });
const AttemptsRow = z.object({ attempts: z.number().int() });
const DeliveredRow = z.object({ delivered_at: Timestamp.nullable() });
/** The states `decide` moves to. */
const DECISIONS: readonly DeclarationState[] = ['approved', 'changes_requested', 'rejected'];

/**
 * Opens the inventory in a SQLite file (by default the knowledge base's own file: the inventory has its own
 * `inventory_*` tables and its own migration table, so the two never touch each other's schema). WAL, a busy
 * timeout and foreign keys, like the knowledge store; pending migrations are applied.
 * @param busyTimeoutMs how long a write waits for another process's lock (see openSqliteFile)
 * @throws InventoryStoreError when the file cannot be opened or its inventory schema is newer than this code
 */
export function openSqliteInventoryRepository(file: string, busyTimeoutMs: number = SQLITE_BUSY_TIMEOUT_MS): InventoryRepository {
  const db = openMigratedSqliteFile(file, { migrate: (opened) => migrate(opened, file), errorClass: InventoryStoreError, what: 'the inventory schema', busyTimeoutMs });
  return new SqliteInventoryRepository(db);
}

/**
 * A read-only connection to the inventory in an existing SQLite file, for what an export reads (list, events, access
 * events): the export worker's own (exportSqliteOffThread). WAL lets it read while the bot writes; it never
 * migrates, as the bot's own connection did when it opened the file.
 * @param busyTimeoutMs how long a read waits for a lock (see openSqliteFile)
 * @throws InventoryStoreError when the file does not exist or cannot be read as the inventory
 */
export function openSqliteInventoryReader(file: string, busyTimeoutMs: number = SQLITE_BUSY_TIMEOUT_MS): ExportSource & { close(): void } {
  let db: Database.Database | undefined;
  let repository: SqliteInventoryRepository;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    repository = new SqliteInventoryRepository(db);
  } catch (error) {
    db?.close();
    throw new InventoryStoreError(file, `cannot read the inventory (${messageOf(error)})`, { cause: error });
  }
  const opened = db;
  return {
    list: (filter) => repository.list(filter),
    events: (id) => repository.events(id),
    accessEvents: (id) => repository.accessEvents(id),
    close: () => opened.close(),
  };
}

function migrate(db: Database.Database, file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS inventory_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = (): number => MigrationRow.parse(db.prepare('SELECT MAX(version) AS version FROM inventory_migrations').get()).version ?? 0;
  const current = applied();
  if (current > SQLITE_MIGRATIONS.length) {
    throw new InventoryStoreError(file, `inventory schema version ${current} is newer than this Balises knows (${SQLITE_MIGRATIONS.length})`);
  }
  SQLITE_MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    db.transaction(() => {
      // Another process may have applied it between our read and our write lock.
      if (applied() >= version) return;
      db.exec(sql);
      db.prepare('INSERT INTO inventory_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
    }).immediate();
  });
}


function isUniqueViolation(error: unknown, column: string): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes(`inventory_declarations.${column}`)
  );
}

class SqliteInventoryRepository implements InventoryRepository {
  private closed = false;
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      byId: db.prepare(`SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.id = ?`),
      byPublicId: db.prepare(`SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.public_id = ?`),
      bySubmissionKey: db.prepare('SELECT id FROM inventory_declarations WHERE submission_key = ?'),
      openDraft: db.prepare(
        `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d
         WHERE d.declarant_id = ? AND d.state IN ('draft', 'changes_requested') AND d.set_aside_at IS NULL ${RECENT_FIRST} LIMIT 1`,
      ),
      forUser: db.prepare(
        `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d
         WHERE d.declarant_id = ?
            OR d.id IN (SELECT declaration_id FROM inventory_declaration_collaborators WHERE user_id = ?)
         ${RECENT_FIRST}`,
      ),
      insert: db.prepare(
        `INSERT INTO inventory_declarations (id, public_id, schema_version, data, state, declarant_id, declarant_name,
           revision, assessment, submission_key, created_at, updated_at, submitted_at)
         VALUES (?, NULL, ?, ?, 'draft', ?, ?, 1, NULL, NULL, ?, ?, NULL)`,
      ),
      saveData: db.prepare(
        'UPDATE inventory_declarations SET data = ?, schema_version = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?',
      ),
      // Values that change nothing as shown (see InventoryRepository.saveData `unchanged`): same revision, same time.
      saveUnchangedData: db.prepare('UPDATE inventory_declarations SET data = ?, schema_version = ? WHERE id = ? AND revision = ?'),
      submit: db.prepare(
        `UPDATE inventory_declarations SET public_id = ?, assessment = ?, state = 'submitted', submission_key = ?,
           submitted_at = ?, submitted_data = data, language = COALESCE(?, language), changed_fields = ?, revision = revision + 1,
           updated_at = ?
         WHERE id = ? AND revision = ?`,
      ),
      setState: db.prepare(
        'UPDATE inventory_declarations SET state = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?',
      ),
      touch: db.prepare('UPDATE inventory_declarations SET revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?'),
      nextNumber: db.prepare(
        `INSERT INTO inventory_declaration_counters (year, last_number) VALUES (?, 1)
         ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
      ),
      addCollaborator: db.prepare(
        'INSERT INTO inventory_declaration_collaborators (declaration_id, user_id, added_at) VALUES (?, ?, ?)',
      ),
      isCollaborator: db.prepare('SELECT 1 FROM inventory_declaration_collaborators WHERE declaration_id = ? AND user_id = ?'),
      removeCollaborator: db.prepare('DELETE FROM inventory_declaration_collaborators WHERE declaration_id = ? AND user_id = ?'),
      insertAccessEvent: db.prepare(
        `INSERT INTO inventory_access_events (declaration_id, seq, at, actor_id, actor_name, change, user_id)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM inventory_access_events WHERE declaration_id = ?), ?, ?, ?, ?, ?)`,
      ),
      lastAccessSeq: db.prepare('SELECT MAX(seq) AS seq FROM inventory_access_events WHERE declaration_id = ?'),
      reviewCardPosted: db.prepare(
        `SELECT 1 FROM inventory_outbox o JOIN inventory_declarations d ON d.id = o.declaration_id
         WHERE o.declaration_id = ? AND o.kind = 'review_card' AND o.created_at >= d.submitted_at
           AND (o.delivered_at IS NOT NULL OR o.lease_owner IS NOT NULL) LIMIT 1`,
      ),
      accessEvents: db.prepare(
        'SELECT declaration_id, at, actor_id, actor_name, change, user_id FROM inventory_access_events WHERE declaration_id = ? ORDER BY seq',
      ),
      insertEvent: db.prepare(
        `INSERT INTO inventory_declaration_events (declaration_id, seq, at, actor_id, actor_name, from_state, to_state, comment)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM inventory_declaration_events WHERE declaration_id = ?), ?, ?, ?, ?, ?, ?)`,
      ),
      events: db.prepare(
        `SELECT declaration_id, at, actor_id, actor_name, from_state, to_state, comment
         FROM inventory_declaration_events WHERE declaration_id = ? ORDER BY seq`,
      ),
      saveConversation: db.prepare(
        `INSERT INTO inventory_conversations (key, reference, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
      ),
      conversation: db.prepare('SELECT reference FROM inventory_conversations WHERE key = ?'),
      draftOf: db.prepare(
        `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.declarant_id = ? AND d.state = 'draft' AND d.set_aside_at IS NULL`,
      ),
      setAsideEditedDraftOf: db.prepare(
        `UPDATE inventory_declarations SET set_aside_at = ?, revision = revision + 1, updated_at = ?
         WHERE declarant_id = ? AND state = 'draft' AND set_aside_at IS NULL AND revision > 1`,
      ),
      setAsideDraftOf: db.prepare(
        `UPDATE inventory_declarations SET set_aside_at = ?, revision = revision + 1, updated_at = ?
         WHERE declarant_id = ? AND state = 'draft' AND set_aside_at IS NULL AND id <> ?`,
      ),
      restore: db.prepare('UPDATE inventory_declarations SET set_aside_at = NULL, revision = revision + 1, updated_at = ? WHERE id = ?'),
      deleteDraft: db.prepare(
        "DELETE FROM inventory_declarations WHERE id = ? AND state = 'draft' AND public_id IS NULL AND revision = COALESCE(?, revision) RETURNING declarant_id",
      ),
      buryDraft: db.prepare('INSERT OR REPLACE INTO inventory_deleted_drafts (id, declarant_id, deleted_at) VALUES (?, ?, ?)'),
      deletedDraft: db.prepare('SELECT id, declarant_id, deleted_at FROM inventory_deleted_drafts WHERE id = ?'),
      lastSeq: db.prepare('SELECT MAX(seq) AS seq FROM inventory_declaration_events WHERE declaration_id = ?'),
      saveReviewCard: db.prepare(
        `INSERT INTO inventory_review_cards (declaration_id, reference, activity_id, posted_at) SELECT id, ?, ?, ? FROM inventory_declarations WHERE id = ?
         ON CONFLICT (declaration_id) DO UPDATE SET reference = excluded.reference, activity_id = excluded.activity_id, posted_at = excluded.posted_at`,
      ),
      reviewCardOf: db.prepare('SELECT reference, activity_id FROM inventory_review_cards WHERE declaration_id = ?'),
      forgetReviewCard: db.prepare('DELETE FROM inventory_review_cards WHERE declaration_id = ? AND activity_id = COALESCE(?, activity_id)'),
      queueCardUpdate: db.prepare(
        `INSERT INTO inventory_outbox (declaration_id, kind, event_seq, created_at, next_attempt_at)
         SELECT c.declaration_id, 'card_update', (SELECT MAX(seq) FROM inventory_declaration_events e WHERE e.declaration_id = c.declaration_id), ?, ?
         FROM inventory_review_cards c WHERE c.declaration_id = ?`,
      ),
      enqueue: db.prepare(
        `INSERT INTO inventory_outbox (declaration_id, kind, event_seq, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      enqueueFor: db.prepare(
        `INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, event_seq, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      enqueueTakenBack: db.prepare(
        `INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, event_seq, created_at, next_attempt_at)
         SELECT id, 'taken_back_notice', person, ?, ?, ? FROM (
           SELECT id, lower(declarant_id) AS person, 0 AS rank, '' AS added_at FROM inventory_declarations WHERE id = ?
           UNION ALL SELECT declaration_id, user_id, 1, added_at FROM inventory_declaration_collaborators WHERE declaration_id = ?
         ) WHERE person <> lower(?) ORDER BY rank, added_at, person`,
      ),
      enqueueCopies: db.prepare(
        `INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, event_seq, created_at, next_attempt_at)
         SELECT declaration_id, 'decision_copy', user_id, ?, ?, ? FROM inventory_declaration_collaborators WHERE declaration_id = ?
         ORDER BY added_at, user_id`,
      ),
      due: db.prepare(
        `SELECT id, declaration_id, kind, recipient_id, event_seq, attempts, created_at FROM inventory_outbox o
         WHERE delivered_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
           AND ${NO_EARLIER_UNDELIVERED}
         ORDER BY id LIMIT ?`,
      ),
      lease: db.prepare('UPDATE inventory_outbox SET lease_owner = ?, lease_until = ? WHERE id = ?'),
      leaseOwners: db.prepare('SELECT DISTINCT lease_owner FROM inventory_outbox WHERE delivered_at IS NULL AND lease_owner IS NOT NULL AND lease_until > ?'),
      releaseLeasesOf: db.prepare('UPDATE inventory_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND delivered_at IS NULL'),
      recordAttempt: db.prepare('INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail, last_at) VALUES (?, ?, ?, ?, ?, ?)'),
      repeatAttempt: db.prepare('UPDATE inventory_outbox_attempts SET repeats = repeats + 1, last_at = ? WHERE outbox_id = ? AND attempt = ?'),
      latestAttempt: db.prepare(`SELECT ${ATTEMPT_COLUMNS} FROM inventory_outbox_attempts WHERE outbox_id = ? ORDER BY attempt DESC LIMIT 1`),
      afterAttempt: db.prepare(
        `UPDATE inventory_outbox SET attempts = attempts + 1, lease_owner = NULL, lease_until = NULL,
           delivered_at = ?, next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?`,
      ),
      attemptsOf: db.prepare('SELECT attempts FROM inventory_outbox WHERE id = ?'),
      expediteDeclaration: db.prepare('UPDATE inventory_outbox SET next_attempt_at = ? WHERE declaration_id = ? AND delivered_at IS NULL'),
      expediteKind: db.prepare('UPDATE inventory_outbox SET next_attempt_at = ? WHERE kind = ? AND delivered_at IS NULL'),
      queueMissingReviews: db.prepare(
        `INSERT INTO inventory_outbox (declaration_id, kind, event_seq, created_at, next_attempt_at)
         SELECT d.id, 'review_card', NULL, ?, ? FROM inventory_declarations d
         WHERE d.state IN ('submitted', 'in_review') AND NOT EXISTS (
           SELECT 1 FROM inventory_outbox o WHERE o.declaration_id = d.id AND o.kind = 'review_card' AND o.delivered_at IS NULL)
         ORDER BY d.submitted_at, d.id`,
      ),
      notificationsOf: db.prepare(
        `SELECT id, declaration_id, kind, recipient_id, event_seq, attempts, created_at, delivered_at FROM inventory_outbox WHERE declaration_id = ? ORDER BY id`,
      ),
      givenUp: db.prepare(givenUpQuery((column) => column)),
      attemptLog: db.prepare(`SELECT ${ATTEMPT_COLUMNS} FROM inventory_outbox_attempts WHERE outbox_id = ? ORDER BY attempt`),
    };
  }

  async createDraft(declarant: Actor, data: DeclarationDraft, now: string, options: { setAsideEdited?: boolean } = {}): Promise<DeclarationRecord> {
    const id = randomUUID();
    const at = canonicalTime(now);
    const stored = JSON.stringify(storedData(data));
    try {
      this.db.transaction(() => {
        if (options.setAsideEdited) this.statements.setAsideEditedDraftOf.run(at, at, declarant.id);
        this.statements.insert.run(id, SCHEMA_VERSION, stored, declarant.id, declarant.name, at, at);
        this.addEvent(id, at, declarant, null, 'draft', null);
      }).immediate();
    } catch (error) {
      // The declarant has a draft already (inventory_declarations_one_draft): that one is theirs to resume.
      const existing = isUniqueViolation(error, 'declarant_id') ? this.read(this.statements.draftOf.get(declarant.id)) : null;
      if (!existing) throw error;
      return existing;
    }
    return this.mustGet(id);
  }

  async get(id: string): Promise<DeclarationRecord | null> {
    return this.read(this.statements.byId.get(id));
  }

  async getByPublicId(publicId: string): Promise<DeclarationRecord | null> {
    return this.read(this.statements.byPublicId.get(publicId));
  }

  async findOpenDraft(declarantId: string): Promise<DeclarationRecord | null> {
    return this.read(this.statements.openDraft.get(declarantId));
  }

  async restoreDraft(id: string, now: string): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    this.db.transaction(() => {
      const current = this.mustGet(id);
      if (current.state !== 'draft') throw new WrongStateError('restoreDraft', current);
      if (!current.setAsideAt) return;
      // The current draft steps aside first: the one-draft index never sees two. One never edited too: its step card
      // may hold what the person is typing (« Reprendre » pressed on the list above it), which their « Suivant » then
      // saves there; « mes déclarations » leaves it out while it stays blank (isUntouchedDraft).
      this.statements.setAsideDraftOf.run(at, at, current.declarant.id, id);
      this.statements.restore.run(at, id);
    }).immediate();
    return this.mustGet(id);
  }

  async deleteDraft(id: string, now: string, expectedRevision?: number): Promise<boolean> {
    const at = canonicalTime(now);
    return this.db
      .transaction(() => {
        const gone = DeclarantRow.optional().parse(this.statements.deleteDraft.get(id, expectedRevision ?? null));
        if (!gone) return false;
        this.statements.buryDraft.run(id, gone.declarant_id, at);
        return true;
      })
      .immediate();
  }

  async deletedDraft(id: string): Promise<DeletedDraft | null> {
    const row: unknown = this.statements.deletedDraft.get(id);
    return row === undefined ? null : DeletedDraftRow.parse(row);
  }

  async saveData(
    id: string,
    expectedRevision: number,
    data: DeclarationDraft,
    now: string,
    options: { setAside?: boolean; unchanged?: boolean } = {},
  ): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    const stored = JSON.stringify(storedData(data));
    this.db.transaction(() => {
      const current = this.current(id, expectedRevision);
      if (!savable(current, options)) throw new WrongStateError('saveData', current);
      const run = options.unchanged
        ? this.statements.saveUnchangedData.run(stored, SCHEMA_VERSION, id, expectedRevision)
        : this.statements.saveData.run(stored, SCHEMA_VERSION, at, id, expectedRevision);
      this.updated(id, expectedRevision, run.changes);
    }).immediate();
    return this.mustGet(id);
  }

  async submit(
    id: string,
    expectedRevision: number,
    submission: { assessment: Assessment; actor: Actor; key: string; now: string; language?: Language },
  ): Promise<DeclarationRecord> {
    const at = canonicalTime(submission.now);
    const year = yearOf(submission.now);
    try {
      this.db.transaction(() => {
        // The same key again (a double click, a redelivered invoke): the stored record, unchanged.
        if (this.submittedWith(id, submission.key)) return;
        const current = this.current(id, expectedRevision);
        if (!EDITABLE_STATES.includes(current.state) || current.setAsideAt) throw new WrongStateError('submit', current);
        // A resubmission after changes_requested keeps its id; numbers are taken inside this transaction, so a
        // failure rolls the counter back with the rest (no gaps).
        const publicId = current.publicId ?? formatPublicId(year, RevisionRow.parse(this.statements.nextNumber.get(year)).last_number);
        const changes = this.statements.submit.run(
          publicId,
          JSON.stringify(submission.assessment),
          submission.key,
          at,
          submission.language ?? null,
          changedFieldsColumn(current),
          at,
          id,
          expectedRevision,
        ).changes;
        this.updated(id, expectedRevision, changes);
        this.addEvent(id, at, submission.actor, current.state, 'submitted', null);
        // The card of an earlier submission showed its outcome; the card this one queues replaces it.
        this.statements.forgetReviewCard.run(id, null);
        this.statements.enqueue.run(id, 'review_card', null, at, at);
      }).immediate();
    } catch (error) {
      // Another connection stored the key between our check and our write: that submission is the answer.
      if (!isUniqueViolation(error, 'submission_key')) throw error;
      if (!this.submittedWith(id, submission.key)) throw error;
    }
    return this.mustGet(id);
  }

  async transition(
    id: string,
    expectedRevision: number,
    to: DeclarationState,
    actor: Actor,
    comment: string | null,
    now: string,
  ): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    this.db.transaction(() => {
      const current = this.current(id, expectedRevision);
      if (!TRANSITIONS[current.state].includes(to)) throw new WrongStateError('transition', current, to);
      this.updated(id, expectedRevision, this.statements.setState.run(to, at, id, expectedRevision).changes);
      this.addEvent(id, at, actor, current.state, to, comment);
      this.statements.queueCardUpdate.run(at, at, id);
    }).immediate();
    return this.mustGet(id);
  }

  async takeForReview(id: string, expectedRevision: number, actor: Actor, now: string): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    this.db.transaction(() => {
      const current = this.current(id, expectedRevision);
      if (current.state !== 'submitted') throw new WrongStateError('takeForReview', current, 'in_review');
      this.updated(id, expectedRevision, this.statements.setState.run('in_review', at, id, expectedRevision).changes);
      this.addEvent(id, at, actor, 'submitted', 'in_review', null);
      const seq = SeqRow.parse(this.statements.lastSeq.get(id)).seq;
      this.statements.enqueue.run(id, 'decision_notice', seq, at, at);
      this.statements.enqueueCopies.run(seq, at, at, id);
      this.statements.queueCardUpdate.run(at, at, id);
    }).immediate();
    return this.mustGet(id);
  }

  async decide(id: string, expectedRevision: number, to: DeclarationState, actor: Actor, comment: string | null, now: string): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    this.db.transaction(() => {
      const current = this.current(id, expectedRevision);
      if (!DECISIONS.includes(to) || !TRANSITIONS[current.state].includes(to)) throw new WrongStateError('transition', current, to);
      if (current.state === 'submitted') this.addEvent(id, at, actor, 'submitted', 'in_review', null);
      this.updated(id, expectedRevision, this.statements.setState.run(to, at, id, expectedRevision).changes);
      this.addEvent(id, at, actor, current.state === 'submitted' ? 'in_review' : current.state, to, comment);
      const seq = SeqRow.parse(this.statements.lastSeq.get(id)).seq;
      this.statements.enqueue.run(id, 'decision_notice', seq, at, at);
      this.statements.enqueueCopies.run(seq, at, at, id);
      this.statements.queueCardUpdate.run(at, at, id);
    }).immediate();
    return this.mustGet(id);
  }

  async claimNotifications(owner: string, now: string, leaseMs: number, limit: number): Promise<NotificationItem[]> {
    const at = canonicalTime(now);
    const until = new Date(new Date(at).getTime() + leaseMs).toISOString();
    // Nothing due, no write lock: the worker asks every second, and with the lock held elsewhere (another process's
    // long transaction) each IMMEDIATE waited the busy timeout, holding up every conversation of this synchronous
    // driver for five seconds out of six. A read never waits (WAL).
    if (this.statements.due.all(at, at, 1).length === 0) return [];
    // One writer at a time (IMMEDIATE): two processes on the same file never claim the same row.
    return this.db.transaction(() => {
      const items = this.statements.due.all(at, at, limit).map((row) => NotificationRow.parse(row));
      for (const item of items) this.statements.lease.run(owner, until, item.id);
      return items;
    }).immediate();
  }

  async notificationLeaseOwners(now: string): Promise<string[]> {
    return this.statements.leaseOwners.all(canonicalTime(now)).map((row) => LeaseOwnerRow.parse(row).lease_owner);
  }

  async releaseNotificationLeases(owners: readonly string[]): Promise<number> {
    return this.db.transaction(() => owners.reduce((ended, owner) => ended + this.statements.releaseLeasesOf.run(owner).changes, 0)).immediate();
  }

  async recordNotificationAttempt(id: string, attempt: AttemptRecord): Promise<NotificationAttempt['outcome'] | null> {
    const at = canonicalTime(attempt.at);
    return this.db.transaction(() => {
      const row = this.statements.attemptsOf.get(id);
      if (row === undefined) return null;
      const number = AttemptsRow.parse(row).attempts + 1;
      const latestRow = this.statements.latestAttempt.get(id);
      const latest = latestRow === undefined ? null : AttemptRow.parse(latestRow);
      const stored = storedAttempt(latest, attempt);
      if (stored.repeat) this.statements.repeatAttempt.run(at, id, latest!.attempt);
      else this.statements.recordAttempt.run(id, number, at, stored.outcome, attempt.detail, at);
      this.statements.afterAttempt.run(stored.closes ? at : null, attempt.nextAttemptAt ? canonicalTime(attempt.nextAttemptAt) : null, id);
      return stored.outcome;
    }).immediate();
  }

  async expediteNotifications(filter: { declarationId: string } | { kind: 'review_card' }, now: string): Promise<number> {
    const at = canonicalTime(now);
    return 'declarationId' in filter
      ? this.statements.expediteDeclaration.run(at, filter.declarationId).changes
      : this.statements.expediteKind.run(at, filter.kind).changes;
  }

  async requeueReviewCards(now: string): Promise<number> {
    const at = canonicalTime(now);
    return this.db.transaction(() => {
      this.statements.queueMissingReviews.run(at, at);
      return this.statements.expediteKind.run(at, 'review_card').changes;
    }).immediate();
  }

  async givenUpNotifications(): Promise<GivenUpNotification[]> {
    return this.statements.givenUp.all().map((row) => GivenUpRow.parse(row));
  }

  async notifications(declarationId: string): Promise<Array<NotificationItem & { deliveredAt: string | null; attemptLog: NotificationAttempt[] }>> {
    return this.statements.notificationsOf.all(declarationId).map((row) => {
      const item = NotificationRow.parse(row);
      const deliveredAt = DeliveredRow.parse(row).delivered_at;
      return { ...item, deliveredAt, attemptLog: this.statements.attemptLog.all(item.id).map((a) => AttemptRow.parse(a)) };
    });
  }

  async addCollaborator(id: string, userId: string, now: string, actor: Actor): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    this.db.transaction(() => {
      const existing = this.read(this.statements.byId.get(id));
      if (!existing) throw new DeclarationNotFoundError(id);
      if (existing.declarant.id === userId || this.statements.isCollaborator.get(id, userId)) return;
      this.statements.addCollaborator.run(id, userId, at);
      this.statements.insertAccessEvent.run(id, id, at, actor.id, actor.name, 'added', userId);
      this.statements.enqueueFor.run(id, 'shared_notice', userId, null, at, at);
    }).immediate();
    return this.mustGet(id);
  }

  async removeCollaborator(id: string, userId: string, now: string, actor: Actor): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    this.db.transaction(() => {
      if (this.statements.removeCollaborator.run(id, userId).changes > 0) {
        this.statements.insertAccessEvent.run(id, id, at, actor.id, actor.name, 'removed', userId);
      }
    }).immediate();
    return this.mustGet(id);
  }

  async withdraw(id: string, expectedRevision: number, actor: Actor, now: string): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    this.db.transaction(() => {
      const current = this.current(id, expectedRevision);
      if (current.state !== 'submitted' || current.setAsideAt) throw new WrongStateError('withdraw', current, 'draft');
      // Read before the state changes: the channel is told only about a card it was shown.
      const posted = this.statements.reviewCardPosted.get(id) !== undefined;
      // One draft per declarant (the one-draft index): theirs steps aside first, as restoreDraft does, a blank one
      // too: its step card may hold what the declarant is typing (« Reprendre en brouillon » pressed on the list
      // above it, or by a colleague), which their « Suivant » then saves there. « mes déclarations » leaves it out
      // while it stays blank (isUntouchedDraft).
      this.statements.setAsideDraftOf.run(at, at, current.declarant.id, id);
      this.updated(id, expectedRevision, this.statements.setState.run('draft', at, id, expectedRevision).changes);
      this.addEvent(id, at, actor, 'submitted', 'draft', null);
      // A card whose id is known is updated in place; one posted before ids were kept gets a notice under it.
      if (this.statements.queueCardUpdate.run(at, at, id).changes === 0 && posted) {
        this.statements.enqueue.run(id, 'withdrawn_notice', SeqRow.parse(this.statements.lastSeq.get(id)).seq, at, at);
      }
      this.statements.enqueueTakenBack.run(SeqRow.parse(this.statements.lastSeq.get(id)).seq, at, at, id, id, actor.id);
    }).immediate();
    return this.mustGet(id);
  }

  async leave(id: string, actor: Actor, now: string): Promise<{ record: DeclarationRecord; left: boolean }> {
    const at = canonicalTime(now);
    const left = this.db
      .transaction(() => {
        const current = this.mustGet(id);
        if (!current.collaborators.includes(actor.id)) return false;
        if (!LEAVABLE_STATES.includes(current.state)) throw new WrongStateError('leave', current);
        this.statements.removeCollaborator.run(id, actor.id);
        this.statements.insertAccessEvent.run(id, id, at, actor.id, actor.name, 'removed', actor.id);
        this.statements.enqueue.run(id, 'left_notice', SeqRow.parse(this.statements.lastAccessSeq.get(id)).seq, at, at);
        return true;
      })
      .immediate();
    return { record: this.mustGet(id), left };
  }

  async saveReviewCard(id: string, card: PostedReviewCard, shownEvents: number, now: string): Promise<void> {
    const at = canonicalTime(now);
    const reference = JSON.stringify(card.reference);
    if (reference === undefined) throw new Error(`review card reference of ${id} is not JSON`);
    this.db.transaction(() => {
      if (this.statements.saveReviewCard.run(reference, card.activityId, at, id).changes === 0) return;
      const last = SeqRow.parse(this.statements.lastSeq.get(id)).seq;
      if (last > shownEvents) this.statements.queueCardUpdate.run(at, at, id);
    }).immediate();
  }

  async postedReviewCard(id: string): Promise<PostedReviewCard | null> {
    const row = this.statements.reviewCardOf.get(id);
    return row === undefined ? null : postedReviewCardRow(row);
  }

  async forgetReviewCard(id: string, activityId: string): Promise<void> {
    this.statements.forgetReviewCard.run(id, activityId);
  }

  async accessEvents(id: string): Promise<AccessEvent[]> {
    return this.statements.accessEvents.all(id).map((row) => AccessEventRow.parse(row));
  }

  async listForUser(userId: string): Promise<DeclarationRecord[]> {
    return this.statements.forUser.all(userId, userId).map((row) => DeclarationRow.parse(row));
  }

  async list(filter?: { states?: DeclarationState[] }): Promise<DeclarationRecord[]> {
    const states = filter?.states;
    if (states && states.length === 0) return [];
    const where = states ? `AND d.state IN (${states.map(() => '?').join(', ')})` : '';
    return this.db
      .prepare(`SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.public_id IS NOT NULL ${where} ${RECENT_FIRST}`)
      .all(...(states ?? []))
      .map((row) => DeclarationRow.parse(row));
  }

  async events(id: string): Promise<DeclarationEvent[]> {
    return this.statements.events.all(id).map((row) => EventRow.parse(row));
  }

  /**
   * In a worker thread with its own read-only connection (exportSqliteOffThread); on this thread, sliced, for a
   * database in memory, which no other connection can open.
   */
  async exportFile(options: ExportOptions): Promise<InventoryBytes> {
    const onThisThread = () => exportInventoryBytes(this, options);
    return this.db.memory ? onThisThread() : exportSqliteOffThread(this.db.name, options, onThisThread);
  }

  async saveConversation(key: string, reference: unknown): Promise<void> {
    const text = JSON.stringify(reference);
    if (text === undefined) throw new Error(`conversation reference for ${key} is not JSON`);
    this.statements.saveConversation.run(key, text, new Date().toISOString());
  }

  async getConversation(key: string): Promise<unknown | null> {
    const row = this.statements.conversation.get(key);
    return row === undefined ? null : (JSON.parse(ConversationRow.parse(row).reference) as unknown);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private read(row: unknown): DeclarationRecord | null {
    return row === undefined ? null : DeclarationRow.parse(row);
  }

  private mustGet(id: string): DeclarationRecord {
    const record = this.read(this.statements.byId.get(id));
    if (!record) throw new DeclarationNotFoundError(id);
    return record;
  }

  /** The stored record, checked to exist and to be at `expectedRevision` (inside the caller's transaction). */
  private current(id: string, expectedRevision: number): DeclarationRecord {
    const record = this.mustGet(id);
    if (record.revision !== expectedRevision) throw new StaleRevisionError(id, expectedRevision, record.revision);
    return record;
  }

  /** After an `UPDATE … WHERE id = ? AND revision = ?`: no row means someone else changed it first. */
  private updated(id: string, expectedRevision: number, changes: number): void {
    if (changes === 1) return;
    throw new StaleRevisionError(id, expectedRevision, this.mustGet(id).revision);
  }

  /** True when this declaration was already submitted with this key; a key used by another one is refused. */
  private submittedWith(id: string, key: string): boolean {
    const row = this.statements.bySubmissionKey.get(key);
    if (row === undefined) return false;
    if (IdRow.parse(row).id !== id) throw new SubmissionKeyConflictError(id, key);
    return true;
  }

  private addEvent(id: string, at: string, actor: Actor, from: DeclarationState | null, to: DeclarationState, comment: string | null): void {
    this.statements.insertEvent.run(id, id, at, actor.id, actor.name, from, to, comment);
  }
}
