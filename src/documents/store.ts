import type Database from 'better-sqlite3';
import { z } from 'zod';
import { knowledgeStoreOver, openKnowledgeDatabase, type KnowledgeStore } from '../knowledge/store.js';
import type { AdminActor, AuditAction, AuditEvent, Proposal } from './types.js';
import { originDetail } from './audit-detail.js';
import type { AttemptRecord, NotificationAttempt } from '../inventory/outbox.js';

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
 * How a proposal's preview card is queued for its proposer (`recipientId`, an Entra id): due at once, but leased to
 * `leaseOwner` (the running process's announcement worker) until `leaseUntil` (ISO), the time its turn has to reply
 * with the card itself. Killed before that, the process's restarted worker takes the lease over and posts the card.
 */
export interface ProposalAnnouncementLease {
  recipientId: string;
  leaseOwner: string;
  leaseUntil: string;
}

/**
 * Who a proposal's preview card is owed to: `proposer` (the card the turn could not reply with), `admin` (the copy for
 * another governance admin's personal chat), `channel` (the governance channel's copy).
 */
export type AnnouncementAudience = 'proposer' | 'admin' | 'channel';

/**
 * The copies of a new proposal's card owed besides the proposer's (migration 6): one for each of `adminIds` (Entra
 * ids, the proposer left out by the caller) and one for the governance channel when `channel`. Due at once, unleased.
 */
export interface ProposalCopies {
  adminIds: readonly string[];
  channel: boolean;
}

/**
 * A proposal's preview card owed to someone (migrations 5, 6): `recipientId` is the proposer's or the admin's Entra
 * id, empty for the channel; ids are decimal strings, times ISO UTC.
 */
export interface ProposalAnnouncement {
  id: string;
  proposalId: string;
  audience: AnnouncementAudience;
  recipientId: string;
  /** Attempts made before this one. */
  attempts: number;
  createdAt: string;
}

/**
 * An assessment quoting a passage that a publication changed or removed, or a document that was withdrawn, for the
 * governance team to look at.
 */
export interface AssessmentFlag {
  declarationId: string;
  /** `IA-AAAA-NNNN`, as people know the declaration; null for one never submitted. */
  publicId: string | null;
  docId: string;
  /** The version the assessment quoted (its receipt keeps that quote). */
  quotedVersion: string;
  sectionPath: string[];
  /** The version whose publication changed or removed the quoted passage; for `withdrawn`, the one published when the document was withdrawn. */
  newVersion: string;
  change: FlagChange;
  flaggedAt: string;
  /** Set once a governance admin marked the flag handled (`signalement traité`); absent while open. */
  handled?: { by: AdminActor; at: string };
}

/**
 * What happened to a quoted passage: a publication `changed` its text (its section still exists) or `removed` it
 * (its section too), or the whole document was `withdrawn` (none of its versions is published).
 */
export type FlagChange = 'changed' | 'removed' | 'withdrawn';

/** The outcome of {@link DocumentAdminStore.decide}. */
export type DecideResult =
  | { kind: 'decided'; proposal: Proposal }
  | { kind: 'stale'; current: Proposal }
  | { kind: 'not_found' };

/**
 * Proposals, audit events and assessment flags, in the knowledge database file, on the same connection as
 * `knowledge`, so a publication, the proposal's new status and its audit event commit together.
 * Methods are synchronous (better-sqlite3); they throw only for broken storage or a programming error.
 */
export interface DocumentAdminStore {
  /** The knowledge store on the same connection. */
  readonly knowledge: KnowledgeStore;
  /**
   * Stores a new pending proposal with its source bytes and its `proposed` audit event; any other pending proposal
   * of the same document becomes `superseded` (its card then says so). With `announce`, the preview card owed to
   * the proposer is queued in the same transaction, leased to the turn's process (see ProposalAnnouncementLease);
   * with `copies`, the other admins' and the channel's copies too, due at once (see ProposalCopies).
   */
  addProposal(proposal: Proposal, source: Buffer, announce?: ProposalAnnouncementLease, copies?: ProposalCopies): void;
  /**
   * Records the proposal's preview card delivered to its proposer at `at` (the turn's reply), so the outbox does not
   * post it again. False when nothing was owed (none queued, or already delivered).
   */
  markAnnounced(proposalId: string, at: string): boolean;
  /** Leases up to `limit` due announcements to `owner` until `now` + `leaseMs` (see OutboxStore). */
  claimAnnouncements(owner: string, now: string, leaseMs: number, limit: number): ProposalAnnouncement[];
  /** Records one delivery attempt of an announcement and ends its lease (see OutboxStore.recordNotificationAttempt). */
  recordAnnouncementAttempt(id: string, attempt: AttemptRecord): NotificationAttempt['outcome'] | null;
  /** The owners of announcement leases still running at `now`. */
  announcementLeaseOwners(now: string): string[];
  /** Ends the leases of `owners` on undelivered announcements; how many. */
  releaseAnnouncementLeases(owners: readonly string[]): number;
  /**
   * The proposals whose preview card the outbox gave up posting to their proposer (their personal chat refused as
   * gone for GIVE_UP_AFTER_MS, outbox.ts): proposal id and when it was given up (ISO), oldest first, whatever the
   * proposal's status now.
   */
  givenUpAnnouncements(): Array<{ proposalId: string; at: string }>;
  /** A proposal and its source bytes; null when unknown. */
  getProposal(id: string): { proposal: Proposal; source: Buffer } | null;
  /** The pending proposal of `docId` with these source bytes, if any. */
  findPending(docId: string, sourceSha256: string): Proposal | null;
  /** Pending proposals, oldest first. */
  pending(): Proposal[];
  /**
   * Decides a pending proposal in one transaction: when it is still `pending` at `expectedRevision`, runs `apply`
   * (the publication; it may throw, then nothing is written), stores `update` with the next revision, and records
   * the audit event. Otherwise returns the current proposal as `stale`.
   */
  decide(
    id: string,
    expectedRevision: number,
    update: (current: Proposal) => Proposal,
    audit: Omit<AuditEvent, 'id'>,
    apply?: (current: Proposal) => void,
  ): DecideResult;
  /** Records one audit event. */
  audit(event: Omit<AuditEvent, 'id'>): void;
  /**
   * Runs `apply` (a change to the knowledge store on the same connection) and records the audit event `eventOf`
   * derives from its result (none when it returns null), in one transaction: a change is never left unaudited.
   * @returns what `apply` returned
   * @throws what `apply` throws (then nothing is written)
   */
  audited<T>(apply: () => T, eventOf: (result: T) => Omit<AuditEvent, 'id'> | null): T;
  /** Audit events, newest first, of one document or of all; at most `limit` (default 50). */
  auditEvents(filter?: { docId?: string; limit?: number }): AuditEvent[];
  /** Flags, newest first, optionally of one declaration; handled ones included (with `handled`). */
  flags(declarationId?: string): AssessmentFlag[];
  /**
   * The publications and withdrawals (`published`, `republished` and `withdrawn` audit events, whoever made them:
   * Teams, the command line, sync) recorded after `through`, the last audit id already checked for flags; oldest first.
   */
  unflaggedPublications(): { through: number; events: AuditEvent[] };
  /**
   * Stores `flags` (a flag already stored is kept as is) and records the publications up to audit id `to` as
   * checked, in one transaction, provided the mark is still `from`; false, writing nothing, when another caller (a
   * concurrent check, another process on the file) moved it first.
   */
  addFlagsThrough(flags: AssessmentFlag[], from: number, to: number): boolean;
  /**
   * Marks flags handled by `actor` at `at` (ISO), each with a `flag_handled` audit event, in one transaction. A flag
   * unknown or already handled is left as it is (no event).
   * @returns the flags this call marked, with `handled` set
   */
  markFlagsHandled(flags: readonly AssessmentFlag[], actor: AdminActor, at: string): AssessmentFlag[];
  /** Closes the connection (and so the knowledge store). Idempotent. */
  close(): void;
}

const Actor = z.object({ id: z.string(), name: z.string() });
const StoredProposal = z.object({
  id: z.string(),
  status: z.enum(['pending', 'published', 'cancelled', 'superseded', 'outdated']),
  revision: z.number().int().min(0),
  docId: z.string(),
  recognition: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('new_document') }),
    z.object({ kind: z.literal('new_version'), by: z.enum(['doc_id', 'url', 'title']), previousLabel: z.string().nullable(), previousTitle: z.string() }),
    z.object({ kind: z.literal('rollback'), previousLabel: z.string().nullable(), previousTitle: z.string() }),
  ]),
  title: z.string(),
  versionLabel: z.string(),
  publishedOn: z.string().nullable(),
  url: z.string().nullable(),
  fileName: z.string(),
  sourceSha256: z.string(),
  origin: z.object({ kind: z.enum(['file', 'url', 'sync', 'rollback']), url: z.string().optional() }),
  proposedBy: z.union([Actor, z.literal('system')]),
  proposedAt: z.string(),
  outline: z.array(z.array(z.string())),
  passageCount: z.number().int(),
  warnings: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('pages_without_text'), pages: z.array(z.number().int()) }),
      z.object({ kind: z.literal('furniture_removed'), blocks: z.number().int() }),
      z.object({ kind: z.literal('sections_lost'), titles: z.array(z.string()) }),
    ]),
  ),
  diff: z
    .object({
      added: z.array(z.array(z.string())),
      removed: z.array(z.array(z.string())),
      changed: z.array(z.array(z.string())),
      passageChanges: z.array(z.object({ sectionPath: z.array(z.string()), before: z.string(), after: z.string() })),
      moreChanges: z.number().int(),
      unchangedCount: z.number().int(),
    })
    .nullable(),
  rollbackVersionId: z.number().int().nullable(),
  decidedBy: Actor.nullable(),
  decidedAt: z.string().nullable(),
  outdated: z.object({ basedOn: z.string().nullable(), published: z.string().nullable() }).optional(),
  language: z.enum(['fr', 'en']).optional(),
});

const AnnouncementRow = z.object({
  id: z.number().int(),
  proposal_id: z.string(),
  audience: z.enum(['proposer', 'admin', 'channel']),
  recipient_id: z.string(),
  attempts: z.number().int(),
  created_at: z.string(),
});
/** A given-up announcement: closed (`delivered_at`, the time of its last attempt) with the `given_up` outcome. */
const GivenUpAnnouncementRow = z.object({ proposal_id: z.string(), delivered_at: z.string() });
const AnnouncementState = z.object({ last_outcome: z.string().nullable(), last_detail: z.string().nullable(), failing_since: z.string().nullable() });
const ProposalRow = z.object({ record: z.string(), source: z.instanceof(Buffer) });
const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.enum(['proposed', 'published', 'republished', 'cancelled', 'refused', 'source_set', 'withdrawn', 'flag_handled']),
  actor_id: z.string().nullable(),
  actor_name: z.string().nullable(),
  doc_id: z.string().nullable(),
  version_label: z.string().nullable(),
  source_sha256: z.string().nullable(),
  proposal_id: z.string().nullable(),
  detail: z.string().nullable(),
});
const FlagRow = z.object({
  declaration_id: z.string(),
  public_id: z.string().nullable(),
  doc_id: z.string(),
  quoted_version: z.string(),
  section_path: z.string(),
  new_version: z.string(),
  change: z.enum(['changed', 'removed', 'withdrawn']),
  flagged_at: z.string(),
  handled_at: z.string().nullable(),
  handled_by_id: z.string().nullable(),
  handled_by_name: z.string().nullable(),
});

/**
 * Opens the knowledge database `file` (see `openKnowledgeDatabase`) with the administration tables ready.
 * @throws KnowledgeStoreError when the file cannot be opened; the driver's error when a migration fails
 */
export function openDocumentAdminStore(file: string): DocumentAdminStore {
  const db = openKnowledgeDatabase(file);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteDocumentAdminStore(db);
}

function migrate(db: Database.Database): void {
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

class SqliteDocumentAdminStore implements DocumentAdminStore {
  readonly knowledge: KnowledgeStore;
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.knowledge = knowledgeStoreOver(db);
    this.s = {
      insertProposal: db.prepare(`INSERT INTO document_proposals (id, doc_id, status, source_sha256, record, source, proposed_at)
        VALUES (@id, @docId, @status, @sourceSha256, @record, @source, @proposedAt)`),
      pendingOf: db.prepare(`SELECT record, source FROM document_proposals WHERE doc_id = ? AND status = 'pending'`),
      updateProposal: db.prepare('UPDATE document_proposals SET status = @status, record = @record WHERE id = @id'),
      proposal: db.prepare('SELECT record, source FROM document_proposals WHERE id = ?'),
      pending: db.prepare(`SELECT record, source FROM document_proposals WHERE status = 'pending' ORDER BY proposed_at, id`),
      insertAudit: db.prepare(`INSERT INTO document_audit (at, action, actor_id, actor_name, doc_id, version_label, source_sha256, proposal_id, detail)
        VALUES (@at, @action, @actorId, @actorName, @docId, @versionLabel, @sourceSha256, @proposalId, @detail)`),
      auditAll: db.prepare('SELECT * FROM document_audit ORDER BY id DESC LIMIT ?'),
      auditOf: db.prepare('SELECT * FROM document_audit WHERE doc_id = ? ORDER BY id DESC LIMIT ?'),
      insertFlag: db.prepare(`INSERT OR IGNORE INTO assessment_flags
        (declaration_id, public_id, doc_id, quoted_version, section_path, new_version, change, flagged_at)
        VALUES (@declarationId, @publicId, @docId, @quotedVersion, @sectionPath, @newVersion, @change, @flaggedAt)`),
      flagProgress: db.prepare('SELECT through_audit_id FROM flag_progress WHERE id = 1').pluck(),
      moveFlagProgress: db.prepare('UPDATE flag_progress SET through_audit_id = @to WHERE id = 1 AND through_audit_id = @from'),
      publicationsAfter: db.prepare(`SELECT * FROM document_audit WHERE id > ? AND action IN ('published', 'republished', 'withdrawn') ORDER BY id`),
      flagsAll: db.prepare('SELECT * FROM assessment_flags ORDER BY flagged_at DESC, declaration_id'),
      flagsOf: db.prepare('SELECT * FROM assessment_flags WHERE declaration_id = ? ORDER BY flagged_at DESC'),
      announce: db.prepare(`INSERT INTO proposal_announcements (proposal_id, audience, recipient_id, created_at, next_attempt_at, lease_owner, lease_until)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (proposal_id, audience, recipient_id) DO NOTHING`),
      announced: db.prepare(`UPDATE proposal_announcements SET delivered_at = ?, last_outcome = 'delivered', lease_owner = NULL, lease_until = NULL
        WHERE proposal_id = ? AND audience = 'proposer' AND delivered_at IS NULL`),
      dueAnnouncements: db.prepare(`SELECT id, proposal_id, audience, recipient_id, attempts, created_at FROM proposal_announcements
        WHERE delivered_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ?`),
      leaseAnnouncement: db.prepare('UPDATE proposal_announcements SET lease_owner = ?, lease_until = ? WHERE id = ?'),
      announcement: db.prepare('SELECT last_outcome, last_detail, failing_since FROM proposal_announcements WHERE id = ?'),
      afterAnnouncement: db.prepare(`UPDATE proposal_announcements SET attempts = attempts + 1, lease_owner = NULL, lease_until = NULL,
        delivered_at = @deliveredAt, next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at), last_outcome = @outcome,
        last_detail = @detail, failing_since = @failingSince WHERE id = @id`),
      announcementLeaseOwners: db.prepare(`SELECT DISTINCT lease_owner FROM proposal_announcements
        WHERE delivered_at IS NULL AND lease_owner IS NOT NULL AND lease_until > ?`).pluck(),
      releaseAnnouncementLeases: db.prepare(`UPDATE proposal_announcements SET lease_owner = NULL, lease_until = NULL
        WHERE lease_owner = ? AND delivered_at IS NULL`),
      givenUpAnnouncements: db.prepare(
        `SELECT proposal_id, delivered_at FROM proposal_announcements WHERE audience = 'proposer' AND last_outcome = 'given_up' ORDER BY id`,
      ),
      handleFlag: db.prepare(`UPDATE assessment_flags SET handled_at = @at, handled_by_id = @actorId, handled_by_name = @actorName
        WHERE declaration_id = @declarationId AND doc_id = @docId AND quoted_version = @quotedVersion AND section_path = @sectionPath
          AND new_version = @newVersion AND change = @change AND handled_at IS NULL`),
    };
  }

  addProposal(proposal: Proposal, source: Buffer, announce?: ProposalAnnouncementLease, copies?: ProposalCopies): void {
    this.db
      .transaction(() => {
        for (const row of this.s.pendingOf.all(proposal.docId)) {
          const older = parseProposal(row).proposal;
          const superseded: Proposal = { ...older, status: 'superseded', revision: older.revision + 1 };
          this.s.updateProposal.run({ id: older.id, status: superseded.status, record: JSON.stringify(superseded) });
        }
        this.s.insertProposal.run({
          id: proposal.id,
          docId: proposal.docId,
          status: proposal.status,
          sourceSha256: proposal.sourceSha256,
          record: JSON.stringify(proposal),
          source,
          proposedAt: proposal.proposedAt,
        });
        this.audit({
          at: proposal.proposedAt,
          action: 'proposed',
          actor: proposal.proposedBy,
          docId: proposal.docId,
          versionLabel: proposal.versionLabel,
          sourceSha256: proposal.sourceSha256,
          proposalId: proposal.id,
          detail: originDetail(proposal.origin),
        });
        const at = proposal.proposedAt;
        if (announce) this.s.announce.run(proposal.id, 'proposer', announce.recipientId, at, at, announce.leaseOwner, announce.leaseUntil);
        for (const adminId of copies?.adminIds ?? []) this.s.announce.run(proposal.id, 'admin', adminId, at, at, null, null);
        if (copies?.channel) this.s.announce.run(proposal.id, 'channel', '', at, at, null, null);
      })
      .immediate();
  }

  markAnnounced(proposalId: string, at: string): boolean {
    return this.s.announced.run(at, proposalId).changes > 0;
  }

  claimAnnouncements(owner: string, now: string, leaseMs: number, limit: number): ProposalAnnouncement[] {
    // Nothing due, no write lock: the worker asks every second, and with the lock held elsewhere (another process's
    // write) an IMMEDIATE transaction waits the busy timeout, blocking the event loop, every /healthz and every turn.
    if (this.s.dueAnnouncements.all(now, now, 1).length === 0) return [];
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.db
      .transaction(() =>
        this.s.dueAnnouncements.all(now, now, limit).map((raw) => {
          const row = AnnouncementRow.parse(raw);
          this.s.leaseAnnouncement.run(owner, until, row.id);
          return {
            id: String(row.id),
            proposalId: row.proposal_id,
            audience: row.audience,
            recipientId: row.recipient_id,
            attempts: row.attempts,
            createdAt: row.created_at,
          };
        }),
      )
      .immediate();
  }

  recordAnnouncementAttempt(id: string, attempt: AttemptRecord): NotificationAttempt['outcome'] | null {
    return this.db
      .transaction((): NotificationAttempt['outcome'] | null => {
        const raw = this.s.announcement.get(Number(id));
        if (raw === undefined) return null;
        const previous = AnnouncementState.parse(raw);
        const failingAgain = attempt.outcome === 'failed' && previous.last_outcome === 'failed' && previous.last_detail === attempt.detail;
        const failingSince = attempt.outcome !== 'failed' ? null : failingAgain ? previous.failing_since : attempt.at;
        const givenUp = attempt.giveUpIfFailingSince != null && failingSince !== null && failingSince <= attempt.giveUpIfFailingSince;
        const outcome = givenUp ? 'given_up' : attempt.outcome;
        const closed = outcome !== 'failed' && outcome !== 'waiting';
        this.s.afterAnnouncement.run({
          id: Number(id),
          deliveredAt: closed ? attempt.at : null,
          nextAttemptAt: attempt.nextAttemptAt,
          outcome,
          detail: attempt.detail,
          failingSince,
        });
        return outcome;
      })
      .immediate();
  }

  announcementLeaseOwners(now: string): string[] {
    return z.array(z.string()).parse(this.s.announcementLeaseOwners.all(now));
  }

  releaseAnnouncementLeases(owners: readonly string[]): number {
    return this.db.transaction(() => owners.reduce((ended, owner) => ended + this.s.releaseAnnouncementLeases.run(owner).changes, 0)).immediate();
  }

  givenUpAnnouncements(): Array<{ proposalId: string; at: string }> {
    return this.s.givenUpAnnouncements.all().map((raw) => {
      const row = GivenUpAnnouncementRow.parse(raw);
      return { proposalId: row.proposal_id, at: row.delivered_at };
    });
  }

  getProposal(id: string): { proposal: Proposal; source: Buffer } | null {
    const row = this.s.proposal.get(id);
    return row === undefined ? null : parseProposal(row);
  }

  findPending(docId: string, sourceSha256: string): Proposal | null {
    return this.s.pendingOf.all(docId).map((row) => parseProposal(row).proposal).find((p) => p.sourceSha256 === sourceSha256) ?? null;
  }

  pending(): Proposal[] {
    return this.s.pending.all().map((row) => parseProposal(row).proposal);
  }

  decide(
    id: string,
    expectedRevision: number,
    update: (current: Proposal) => Proposal,
    audit: Omit<AuditEvent, 'id'>,
    apply?: (current: Proposal) => void,
  ): DecideResult {
    return this.db
      .transaction((): DecideResult => {
        const row = this.s.proposal.get(id);
        if (row === undefined) return { kind: 'not_found' };
        const current = parseProposal(row).proposal;
        if (current.status !== 'pending' || current.revision !== expectedRevision) return { kind: 'stale', current };
        apply?.(current);
        const next: Proposal = { ...update(current), revision: current.revision + 1 };
        this.s.updateProposal.run({ id, status: next.status, record: JSON.stringify(next) });
        this.audit(audit);
        return { kind: 'decided', proposal: next };
      })
      .immediate();
  }

  audited<T>(apply: () => T, eventOf: (result: T) => Omit<AuditEvent, 'id'> | null): T {
    return this.db
      .transaction((): T => {
        const result = apply();
        const event = eventOf(result);
        if (event) this.audit(event);
        return result;
      })
      .immediate();
  }

  audit(event: Omit<AuditEvent, 'id'>): void {
    const actor = event.actor === 'system' ? null : event.actor;
    this.s.insertAudit.run({
      at: event.at,
      action: event.action,
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      docId: event.docId,
      versionLabel: event.versionLabel,
      sourceSha256: event.sourceSha256,
      proposalId: event.proposalId,
      detail: event.detail,
    });
  }

  auditEvents(filter: { docId?: string; limit?: number } = {}): AuditEvent[] {
    const limit = filter.limit ?? 50;
    const rows = filter.docId === undefined ? this.s.auditAll.all(limit) : this.s.auditOf.all(filter.docId, limit);
    return rows.map(parseAuditRow);
  }

  unflaggedPublications(): { through: number; events: AuditEvent[] } {
    return this.db
      .transaction(() => {
        const through = z.number().int().parse(this.s.flagProgress.get());
        return { through, events: this.s.publicationsAfter.all(through).map(parseAuditRow) };
      })
      .deferred();
  }

  addFlagsThrough(flags: AssessmentFlag[], from: number, to: number): boolean {
    return this.db
      .transaction((): boolean => {
        if (this.s.moveFlagProgress.run({ from, to }).changes === 0) return false;
        for (const flag of flags) this.s.insertFlag.run({ ...flag, sectionPath: JSON.stringify(flag.sectionPath) });
        return true;
      })
      .immediate();
  }

  flags(declarationId?: string): AssessmentFlag[] {
    const rows = declarationId === undefined ? this.s.flagsAll.all() : this.s.flagsOf.all(declarationId);
    return rows.map((raw) => {
      const row = FlagRow.parse(raw);
      return {
        declarationId: row.declaration_id,
        publicId: row.public_id,
        docId: row.doc_id,
        quotedVersion: row.quoted_version,
        sectionPath: z.array(z.string()).parse(JSON.parse(row.section_path)),
        newVersion: row.new_version,
        change: row.change,
        flaggedAt: row.flagged_at,
        ...(row.handled_at !== null ? { handled: { by: { id: row.handled_by_id ?? '', name: row.handled_by_name ?? '' }, at: row.handled_at } } : {}),
      };
    });
  }

  markFlagsHandled(flags: readonly AssessmentFlag[], actor: AdminActor, at: string): AssessmentFlag[] {
    return this.db
      .transaction((): AssessmentFlag[] => {
        const marked: AssessmentFlag[] = [];
        for (const flag of flags) {
          const { changes } = this.s.handleFlag.run({
            at,
            actorId: actor.id,
            actorName: actor.name,
            declarationId: flag.declarationId,
            docId: flag.docId,
            quotedVersion: flag.quotedVersion,
            sectionPath: JSON.stringify(flag.sectionPath),
            newVersion: flag.newVersion,
            change: flag.change,
          });
          if (changes === 0) continue;
          this.audit({
            at,
            action: 'flag_handled',
            actor,
            docId: flag.docId,
            versionLabel: flag.newVersion,
            sourceSha256: null,
            proposalId: null,
            detail: `${flag.publicId ?? flag.declarationId} (${flag.sectionPath.join(' › ')}, ${flag.quotedVersion})`,
          });
          marked.push({ ...flag, handled: { by: actor, at } });
        }
        return marked;
      })
      .immediate();
  }

  close(): void {
    this.knowledge.close();
  }
}

/** An audit event from its row (checked with zod). */
function parseAuditRow(raw: unknown): AuditEvent {
  const row = AuditRow.parse(raw);
  const actor: AdminActor | 'system' = row.actor_id === null ? 'system' : { id: row.actor_id, name: row.actor_name ?? '' };
  return {
    id: row.id,
    at: row.at,
    action: row.action as AuditAction,
    actor,
    docId: row.doc_id,
    versionLabel: row.version_label,
    sourceSha256: row.source_sha256,
    proposalId: row.proposal_id,
    detail: row.detail,
  };
}

function parseProposal(raw: unknown): { proposal: Proposal; source: Buffer } {
  const row = ProposalRow.parse(raw);
  return { proposal: StoredProposal.parse(JSON.parse(row.record)) as Proposal, source: row.source };
}

