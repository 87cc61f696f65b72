import type { Logger } from 'pino';
import type { KnowledgeStore, StoredVersion } from '../knowledge/index.js';
import type { QuotingDeclaration } from './flags.js';
import type { ProposalNotifier } from './proposals.js';
import type { DocumentAdminStore, ProposalAnnouncementLease } from './store.js';
import type { AdminActor, Proposal } from './types.js';

/**
 * What the proposal use cases share (see createProposalService): the administration store, the clock, the log,
 * the declarations that flags are judged against, and the notifier and announcement lease, which the bot attaches
 * after the service is created (hence the two mutable fields).
 */
export interface ProposalContext {
  readonly store: DocumentAdminStore;
  readonly now: () => Date;
  readonly logger: Logger | undefined;
  /** Absent for the command line's service: it leaves flagging to the bot. */
  readonly declarations: (() => Promise<QuotingDeclaration[]>) | undefined;
  notifier: ProposalNotifier | undefined;
  /** The bot's announcement worker and its grace, in milliseconds (ANNOUNCEMENT_GRACE_MS); null without the bot. */
  announcements: { leaseOwner: string; graceMs: number } | null;
}

/** The published version of `docId`; null when it has none (never ingested, or withdrawn). */
export function publishedVersion(knowledge: KnowledgeStore, docId: string): StoredVersion | null {
  return knowledge.versions(docId).find((v) => v.published) ?? null;
}

/**
 * The preview card owed to a person's proposal, leased to the running bot's worker until now + its grace;
 * undefined for sync (`system`) or without the bot (nothing is queued then).
 */
function announcementOf(context: ProposalContext, proposedBy: AdminActor | 'system'): ProposalAnnouncementLease | undefined {
  if (!context.announcements || proposedBy === 'system') return undefined;
  const leaseUntil = new Date(context.now().getTime() + context.announcements.graceMs).toISOString();
  return { recipientId: proposedBy.id, leaseOwner: context.announcements.leaseOwner, leaseUntil };
}

/**
 * Stores a new pending proposal with its source bytes (and the card owed to its proposer: see announcementOf),
 * logs `message` with `logFields`, then tells the admins through the notifier. A failed announcement is logged,
 * not thrown: the proposal stays pending and listed. @throws for broken storage only
 */
export async function addProposal(
  context: ProposalContext,
  proposal: Proposal,
  source: Buffer,
  message: string,
  logFields: Record<string, unknown>,
): Promise<{ kind: 'proposed'; proposal: Proposal }> {
  context.store.addProposal(proposal, source, announcementOf(context, proposal.proposedBy));
  context.logger?.info({ proposalId: proposal.id, docId: proposal.docId, versionLabel: proposal.versionLabel, ...logFields }, message);
  try {
    await context.notifier?.proposed(proposal);
  } catch (err) {
    context.logger?.error({ err, proposalId: proposal.id }, 'proposal could not be announced');
  }
  return { kind: 'proposed', proposal };
}
