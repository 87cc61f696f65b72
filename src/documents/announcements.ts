import type { OutboxStore } from '../inventory/outbox.js';
import type { DocumentAdminStore, ProposalAnnouncement } from './store.js';

/**
 * How long the turn that made a proposal has to reply with its preview card before the outbox posts it in the
 * proposer's personal chat instead, in ms: four times Teams' ~15 s redelivery window, so a reply that is merely slow
 * (throttled, retried) is never doubled. A process killed in between is not waited for: its restarted worker takes
 * over the dead process's leases at once (storage/lease-owners.ts isDeadLeaseOwner).
 */
export const ANNOUNCEMENT_GRACE_MS = 60_000;

/**
 * The document administration store as an outbox (src/inventory/outbox.ts) of the preview cards owed to proposers,
 * so the declarations' worker machinery (leases, backoff, dead-lease take-over, give-up) delivers them too. The
 * cards live beside the proposals, in the knowledge SQLite file, because they must commit with them: the
 * declarations' outbox may be in PostgreSQL, and its rows belong to a declaration.
 */
export function announcementOutbox(store: DocumentAdminStore): OutboxStore<ProposalAnnouncement> {
  return {
    claimNotifications: async (owner, now, leaseMs, limit) => store.claimAnnouncements(owner, now, leaseMs, limit),
    recordNotificationAttempt: async (id, attempt) => store.recordAnnouncementAttempt(id, attempt),
    notificationLeaseOwners: async (now) => store.announcementLeaseOwners(now),
    releaseNotificationLeases: async (owners) => store.releaseAnnouncementLeases(owners),
  };
}
