import type { Logger } from 'pino';
import { notificationDelivery, proposalCardDelivery } from '../bot/notifications.js';
import type { ProactiveSend, ProactiveUpdate } from '../bot/routes/deps.js';
import { ANNOUNCEMENT_GRACE_MS } from '../documents/announcements.js';
import type { ProposalAnnouncement } from '../documents/store.js';
import { createOutboxWorker, type OutboxWorker } from '../inventory/index.js';
import type { ServerDeps } from './http.js';
import { speakerKey } from '../bot/language-memory.js';
import type { SpeakerLanguageStore } from '../storage/speaker-languages.js';

/** The server's outbox workers: null where the server has nothing for them to deliver. */
export interface OutboxWorkers {
  /** Review cards, decision notices and the notices to collaborators; null without an inventory. */
  notifications: OutboxWorker | null;
  /** The proposals' preview cards the turn could not send; null without a proposal outbox and documents. */
  proposalCards: OutboxWorker | null;
}

/**
 * The workers that post what the outboxes owe, through `proactive` (`send` new messages, `update` the review cards
 * posted in the governance channel); not started. The proposal cards' worker is
 * attached to the proposals (its lease owner, ANNOUNCEMENT_GRACE_MS) so that a turn's own card is leased to it.
 * `languages`: where the language each person last wrote in is kept, for the notices addressed to one person in it;
 * without it (or when it cannot be read, logged), they are in French.
 */
export function createOutboxWorkers(
  inventory: ServerDeps['inventory'],
  proactive: { send: ProactiveSend; update: ProactiveUpdate },
  logger: Logger,
  languages?: SpeakerLanguageStore,
): OutboxWorkers {
  if (!inventory) return { notifications: null, proposalCards: null };
  const documents = inventory.documents;
  // Review cards, decision notices and the notices to collaborators leave through the outbox: delivered while the
  // server listens, resumed after a restart.
  const notifications = createOutboxWorker({
    ...inventory.outboxOptions,
    store: inventory.outbox,
    deliver: notificationDelivery({
      repository: inventory.outbox,
      proactive: proactive.send,
      update: proactive.update,
      governanceAdminIds: inventory.governanceAdminIds,
      openFlags: documents && ((declarationId) => documents.proposals.openFlags(declarationId)),
      rememberedLanguage: languages
        ? async (reference, userId) => {
            const key = reference.conversation && speakerKey({ conversation: reference.conversation, from: { id: userId, aadObjectId: userId, name: '' } });
            if (!key) return undefined;
            // A store that fails costs only the notice's language, not the notice.
            return (await languages.recall(key).catch((err: unknown) => void logger.warn({ err }, 'stored language could not be read for a notice'))) ?? undefined;
          }
        : undefined,
    }),
    logger: logger.child({ component: 'outbox' }),
  });
  if (!inventory.proposalOutbox || !documents) return { notifications, proposalCards: null };
  // A proposal's card leaves with the turn's reply; one the turn could not send (killed, refused) leaves from here.
  const proposalCards = createOutboxWorker<ProposalAnnouncement>({
    ...inventory.outboxOptions,
    store: inventory.proposalOutbox,
    deliver: proposalCardDelivery({ proposals: documents.proposals, conversations: inventory.outbox, proactive: proactive.send, governanceAdminIds: inventory.governanceAdminIds }),
    logger: logger.child({ component: 'proposal-outbox' }),
    describe: (item) => ({ proposalId: item.proposalId, notification: 'proposal_card', audience: item.audience }),
  });
  documents.proposals.attachAnnouncements({ leaseOwner: proposalCards.owner, graceMs: ANNOUNCEMENT_GRACE_MS, adminIds: inventory.governanceAdminIds });
  return { notifications, proposalCards };
}
