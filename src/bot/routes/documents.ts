import type { Application } from '@microsoft/teams-ai';
import { DOCUMENT_VERBS } from '../cards/document-preview-card.js';
import { WITHDRAW_VERBS } from '../cards/withdraw-card.js';
import { documentNotifier } from '../document-notifier.js';
import type { RouteDeps } from './deps.js';
import { documentAccess } from './document-access.js';
import { registerCommands } from './document-commands.js';
import { registerDecisions } from './document-decisions.js';
import { registerSubmissions } from './document-submissions.js';
import { registerWithdrawal } from './document-withdrawal.js';

/** The verbs this route serves. */
export const DOCUMENT_ROUTE_VERBS = [DOCUMENT_VERBS.publish, DOCUMENT_VERBS.cancel, DOCUMENT_VERBS.refresh, WITHDRAW_VERBS.confirm, WITHDRAW_VERBS.cancel] as const;

/**
 * Document administration in Teams (issue #9), for governance admins (GOVERNANCE_ADMIN_IDS); anyone else gets a
 * polite refusal, recorded in the audit trail, and nothing changes:
 * - a file sent in personal chat (Teams `file.download.info` attachment, or any attachment with a `contentUrl`
 *   and a supported name) or `/publier URL` is downloaded (size limit, format check, timeout), parsed and proposed:
 *   the preview card comes back; nothing is published yet;
 * - `documents.publish` / `documents.cancel` (card buttons) decide; the card is updated for everyone and
 *   `documents.refresh` (Universal Actions automatic refresh) gives each admin the current state; a stale click
 *   gets the current state;
 * - `historique DOC` lists the versions with who published them; `rétablir DOC VERSION` proposes an earlier one;
 *   `retirer DOC` answers with a confirmation card (document, published version, what withdrawing does), and its
 *   « Retirer le document » (`documents.withdraw`) stops publishing the document (audited; `rétablir` brings a
 *   version back), « Annuler » (`documents.withdraw_cancel`) changes nothing; a card out of date changes nothing;
 *   `audit [DOC]` lists the last audit events; `signalements` the assessments flagged by publications that still
 *   apply (see openFlags), `signalement traité IA-AAAA-NNNN` marks a declaration's flags handled (audited);
 *   `propositions` shows the cards of the pending proposals (a `balises sync` run from the command line tells no one),
 *   first those whose card never reached their proposer (the outbox gave up), each said in the heading.
 *   These answer only in a personal chat and in the governance channel; in a group chat or another channel an
 *   admin is told where to ask, and nothing is shown to the other members.
 * Also attaches the notifier that posts new proposals to the other admins and the governance channel.
 * Without `deps.inventory.documents` nothing is registered.
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  const documents = inventory?.documents;
  if (!inventory || !documents) return;
  documents.proposals.attachNotifier(documentNotifier(inventory, deps.logger, deps.languages));
  const access = documentAccess(inventory, documents, deps.logger);
  // Registration order is matching order: a file or `/publier` first, then the typed commands.
  registerSubmissions(app, inventory, documents, access, deps.logger);
  registerCommands(app, inventory, documents, access, deps.logger);
  registerDecisions(app, inventory, documents, deps.logger);
  registerWithdrawal(app, inventory, documents, deps.logger);
}
