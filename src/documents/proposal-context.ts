import type { Logger } from 'pino';
import type { KnowledgeStore, StoredVersion } from '../knowledge/index.js';
import type { QuotingDeclaration } from './flags.js';
import type { ProposalNotifier } from './proposals.js';
import type { DocumentAdminStore, ProposalAnnouncementLease, ProposalCopies } from './store.js';
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
  readonly declarations: ((ids?: readonly string[]) => Promise<QuotingDeclaration[]>) | undefined;
  notifier: ProposalNotifier | undefined;
  /**
   * The bot's announcement worker, its grace in milliseconds (ANNOUNCEMENT_GRACE_MS) and the governance admins'
   * Entra ids (who get a copy of each new proposal's card); null without the bot.
   */
  announcements: { leaseOwner: string; graceMs: number; adminIds?: readonly string[] } | null;
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
 * The copies of a new proposal's card owed to the other governance admins and to the governance channel, queued
 * with the proposal when the bot runs and gave the admins (undefined otherwise: the command line cannot post to
 * Teams, and its proposals wait in `propositions`). The proposer, who gets the card as the turn's reply, is left out (Entra ids
 * compared whatever their case).
 */
function copiesOf(context: ProposalContext, proposedBy: AdminActor | 'system'): ProposalCopies | undefined {
  const admins = context.announcements?.adminIds;
  if (!admins) return undefined;
  const proposer = proposedBy === 'system' ? null : proposedBy.id.toLowerCase();
  const adminIds = [...new Set(admins.map((id) => id.toLowerCase()))].filter((id) => id !== proposer);
  return { adminIds, channel: true };
}

/**
 * Stores a new pending proposal with its source bytes (and the cards owed to its proposer, the other admins and the
 * governance channel: see announcementOf and copiesOf, posted by the bot's announcement worker),
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
  context.store.addProposal(proposal, source, announcementOf(context, proposal.proposedBy), copiesOf(context, proposal.proposedBy));
  context.logger?.info({ proposalId: proposal.id, docId: proposal.docId, versionLabel: proposal.versionLabel, ...logFields }, message);
  try {
    await context.notifier?.proposed?.(proposal);
  } catch (err) {
    context.logger?.error({ err, proposalId: proposal.id }, 'proposal could not be announced');
  }
  return { kind: 'proposed', proposal };
}
