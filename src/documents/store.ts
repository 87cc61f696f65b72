import type Database from 'better-sqlite3';
import { knowledgeStoreOver, openKnowledgeDatabase, type KnowledgeStore } from '../knowledge/store.js';
import type { AttemptRecord, NotificationAttempt } from '../inventory/outbox.js';
import { originDetail } from './audit-detail.js';
import { AnnouncementQueue, type ProposalAnnouncement, type ProposalAnnouncementLease, type ProposalCopies } from './store-announcements.js';
import { AuditLog } from './store-audit.js';
import { FlagTable, type AssessmentFlag } from './store-flags.js';
import { migrateDocumentAdmin } from './store-migrations.js';
import { ProposalTable } from './store-proposals.js';
import type { AdminActor, AuditEvent, Proposal } from './types.js';

// The store's public surface, whose parts live beside it by table: proposals, announcements, audit, flags.
export type { AnnouncementAudience, ProposalAnnouncement, ProposalAnnouncementLease, ProposalCopies } from './store-announcements.js';
export type { AssessmentFlag, FlagChange } from './store-flags.js';
export { DOCUMENT_ADMIN_MIGRATIONS } from './store-migrations.js';

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

/**
 * Opens the knowledge database `file` (see `openKnowledgeDatabase`) with the administration tables ready.
 * @throws KnowledgeStoreError when the file cannot be opened; the driver's error when a migration fails
 */
export function openDocumentAdminStore(file: string): DocumentAdminStore {
  const db = openKnowledgeDatabase(file);
  try {
    migrateDocumentAdmin(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteDocumentAdminStore(db);
}

/**
 * The tables' parts (see each module) on one connection; this class holds the transactions that span them: a
 * proposal with its audit event and cards, a decision with its publication and audit event.
 */
class SqliteDocumentAdminStore implements DocumentAdminStore {
  readonly knowledge: KnowledgeStore;
  private readonly proposals: ProposalTable;
  private readonly announcements: AnnouncementQueue;
  private readonly auditLog: AuditLog;
  private readonly flagTable: FlagTable;

  constructor(private readonly db: Database.Database) {
    this.knowledge = knowledgeStoreOver(db);
    this.proposals = new ProposalTable(db);
    this.announcements = new AnnouncementQueue(db);
    this.auditLog = new AuditLog(db);
    this.flagTable = new FlagTable(db, this.auditLog);
  }

  addProposal(proposal: Proposal, source: Buffer, announce?: ProposalAnnouncementLease, copies?: ProposalCopies): void {
    this.db
      .transaction(() => {
        this.proposals.supersedePendingOf(proposal.docId);
        this.proposals.insert(proposal, source);
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
        this.announcements.enqueue(proposal.id, proposal.proposedAt, announce, copies);
      })
      .immediate();
  }

  markAnnounced(proposalId: string, at: string): boolean {
    return this.announcements.markAnnounced(proposalId, at);
  }

  claimAnnouncements(owner: string, now: string, leaseMs: number, limit: number): ProposalAnnouncement[] {
    return this.announcements.claimAnnouncements(owner, now, leaseMs, limit);
  }

  recordAnnouncementAttempt(id: string, attempt: AttemptRecord): NotificationAttempt['outcome'] | null {
    return this.announcements.recordAnnouncementAttempt(id, attempt);
  }

  announcementLeaseOwners(now: string): string[] {
    return this.announcements.announcementLeaseOwners(now);
  }

  releaseAnnouncementLeases(owners: readonly string[]): number {
    return this.announcements.releaseAnnouncementLeases(owners);
  }

  givenUpAnnouncements(): Array<{ proposalId: string; at: string }> {
    return this.announcements.givenUpAnnouncements();
  }

  getProposal(id: string): { proposal: Proposal; source: Buffer } | null {
    return this.proposals.get(id);
  }

  findPending(docId: string, sourceSha256: string): Proposal | null {
    return this.proposals.pendingOf(docId).find((p) => p.sourceSha256 === sourceSha256) ?? null;
  }

  pending(): Proposal[] {
    return this.proposals.pending();
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
        const current = this.proposals.get(id)?.proposal;
        if (current === undefined) return { kind: 'not_found' };
        if (current.status !== 'pending' || current.revision !== expectedRevision) return { kind: 'stale', current };
        apply?.(current);
        const next: Proposal = { ...update(current), revision: current.revision + 1 };
        this.proposals.update(id, next);
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
    this.auditLog.record(event);
  }

  auditEvents(filter: { docId?: string; limit?: number } = {}): AuditEvent[] {
    return this.auditLog.events(filter);
  }

  unflaggedPublications(): { through: number; events: AuditEvent[] } {
    return this.flagTable.unflaggedPublications();
  }

  addFlagsThrough(flags: AssessmentFlag[], from: number, to: number): boolean {
    return this.flagTable.addFlagsThrough(flags, from, to);
  }

  flags(declarationId?: string): AssessmentFlag[] {
    return this.flagTable.flags(declarationId);
  }

  markFlagsHandled(flags: readonly AssessmentFlag[], actor: AdminActor, at: string): AssessmentFlag[] {
    return this.flagTable.markFlagsHandled(flags, actor, at);
  }

  close(): void {
    this.knowledge.close();
  }
}
