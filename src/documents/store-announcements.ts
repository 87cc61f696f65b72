import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AttemptRecord, NotificationAttempt } from '../inventory/outbox.js';

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

/**
 * The `proposal_announcements` table (migrations 5, 6): the outbox of proposals' preview cards, read by the
 * announcement worker (src/documents/announcements.ts). See DocumentAdminStore for each method's contract.
 */
export class AnnouncementQueue {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO proposal_announcements (proposal_id, audience, recipient_id, created_at, next_attempt_at, lease_owner, lease_until)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (proposal_id, audience, recipient_id) DO NOTHING`),
      announced: db.prepare(`UPDATE proposal_announcements SET delivered_at = ?, last_outcome = 'delivered', lease_owner = NULL, lease_until = NULL
        WHERE proposal_id = ? AND audience = 'proposer' AND delivered_at IS NULL`),
      due: db.prepare(`SELECT id, proposal_id, audience, recipient_id, attempts, created_at FROM proposal_announcements
        WHERE delivered_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ?`),
      lease: db.prepare('UPDATE proposal_announcements SET lease_owner = ?, lease_until = ? WHERE id = ?'),
      state: db.prepare('SELECT last_outcome, last_detail, failing_since FROM proposal_announcements WHERE id = ?'),
      afterAttempt: db.prepare(`UPDATE proposal_announcements SET attempts = attempts + 1, lease_owner = NULL, lease_until = NULL,
        delivered_at = @deliveredAt, next_attempt_at = COALESCE(@nextAttemptAt, next_attempt_at), last_outcome = @outcome,
        last_detail = @detail, failing_since = @failingSince WHERE id = @id`),
      leaseOwners: db.prepare(`SELECT DISTINCT lease_owner FROM proposal_announcements
        WHERE delivered_at IS NULL AND lease_owner IS NOT NULL AND lease_until > ?`).pluck(),
      releaseLeases: db.prepare(`UPDATE proposal_announcements SET lease_owner = NULL, lease_until = NULL
        WHERE lease_owner = ? AND delivered_at IS NULL`),
      givenUp: db.prepare(`SELECT proposal_id, delivered_at FROM proposal_announcements WHERE audience = 'proposer' AND last_outcome = 'given_up' ORDER BY id`),
    };
  }

  /**
   * Queues the cards a new proposal owes, due at `at` (ISO): its proposer's when `announce` (leased, see
   * ProposalAnnouncementLease) and the `copies`. Joins the caller's transaction; a card already queued is kept.
   */
  enqueue(proposalId: string, at: string, announce?: ProposalAnnouncementLease, copies?: ProposalCopies): void {
    if (announce) this.s.insert.run(proposalId, 'proposer', announce.recipientId, at, at, announce.leaseOwner, announce.leaseUntil);
    for (const adminId of copies?.adminIds ?? []) this.s.insert.run(proposalId, 'admin', adminId, at, at, null, null);
    if (copies?.channel) this.s.insert.run(proposalId, 'channel', '', at, at, null, null);
  }

  markAnnounced(proposalId: string, at: string): boolean {
    return this.s.announced.run(at, proposalId).changes > 0;
  }

  claimAnnouncements(owner: string, now: string, leaseMs: number, limit: number): ProposalAnnouncement[] {
    // Nothing due, no write lock: the worker asks every second, and with the lock held elsewhere (another process's
    // write) an IMMEDIATE transaction waits the busy timeout, blocking the event loop, every /healthz and every turn.
    if (this.s.due.all(now, now, 1).length === 0) return [];
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.db
      .transaction(() =>
        this.s.due.all(now, now, limit).map((raw) => {
          const row = AnnouncementRow.parse(raw);
          this.s.lease.run(owner, until, row.id);
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
        const raw = this.s.state.get(Number(id));
        if (raw === undefined) return null;
        const previous = AnnouncementState.parse(raw);
        const failingAgain = attempt.outcome === 'failed' && previous.last_outcome === 'failed' && previous.last_detail === attempt.detail;
        const failingSince = attempt.outcome !== 'failed' ? null : failingAgain ? previous.failing_since : attempt.at;
        const givenUp = attempt.giveUpIfFailingSince != null && failingSince !== null && failingSince <= attempt.giveUpIfFailingSince;
        const outcome = givenUp ? 'given_up' : attempt.outcome;
        const closed = outcome !== 'failed' && outcome !== 'waiting';
        this.s.afterAttempt.run({
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
    return z.array(z.string()).parse(this.s.leaseOwners.all(now));
  }

  releaseAnnouncementLeases(owners: readonly string[]): number {
    return this.db.transaction(() => owners.reduce((ended, owner) => ended + this.s.releaseLeases.run(owner).changes, 0)).immediate();
  }

  givenUpAnnouncements(): Array<{ proposalId: string; at: string }> {
    return this.s.givenUp.all().map((raw) => {
      const row = GivenUpAnnouncementRow.parse(raw);
      return { proposalId: row.proposal_id, at: row.delivered_at };
    });
  }
}
