import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import type { HistoryEntry } from '../../documents/proposals.js';
import type { AuditEvent } from '../../documents/types.js';
import { lastWithdrawal, shownPublication, withdrawalPreview, withdrawConfirmed } from '../../documents/withdrawal.js';
import { actorOf, respondWithCard, updateCardForEveryone } from '../activities.js';
import { messageCard, type Card } from '../cards/index.js';
import {
  documentWithdrawnCard,
  withdrawalCancelledCard,
  withdrawalNotChangedCard,
  withdrawConfirmCard,
  WITHDRAW_VERBS,
  type WithdrawalBy,
} from '../cards/withdraw-card.js';
import { actionLanguage } from '../language.js';
import { DOCUMENT_ADMIN_TEXT as TEXT, shownTitle } from '../render/document-admin.js';
import { markRoute, turnLogger } from '../turn.js';
import type { DocumentsDeps, InventoryDeps } from './deps.js';

/** What both buttons of the withdrawal confirmation carry (see withdrawConfirmCard); anything else is refused. */
const WithdrawAction = z.object({
  docId: z.string().min(1).max(200),
  versionId: z.number().int().positive(),
  publishedAt: z.string().max(40).nullable(),
  lang: z.enum(['fr', 'en']),
});

/** The confirmation card `retirer DOC` answers with, for the document's published version `entry`. */
export function withdrawalConfirmation(entry: HistoryEntry, language: Language): Card {
  const shown = shownPublication(entry);
  const { docId, title, label } = entry.version;
  return withdrawConfirmCard({ docId, title, label, publishedAt: entry.publishedAt }, { ...shown, lang: language }, language);
}

/**
 * Routes the withdrawal confirmation's buttons, governance admins only (anyone else is refused, audited, as on the
 * preview card): « Retirer le document » (`documents.withdraw`) withdraws the document through
 * ProposalService.withdraw (audited there) if its published version is still the one the card showed, « Annuler »
 * (`documents.withdraw_cancel`) withdraws nothing; either way the card is updated for everyone who sees it. A card
 * out of date (the document withdrawn, or published again, since) gets a notice saying so and changes nothing; the
 * same person's second press of a card that withdrew gets the same answer, and withdraws nothing more.
 */
export function registerWithdrawal(app: Application, inventory: InventoryDeps, documents: DocumentsDeps, logger: Logger): void {
  for (const verb of [WITHDRAW_VERBS.confirm, WITHDRAW_VERBS.cancel]) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data: Record<string, unknown>) => {
      markRoute(context, 'documents');
      const language = actionLanguage(context.activity);
      const answer = pressed(context, inventory, documents, verb, data, language, logger);
      await respondWithCard(context, answer.card);
      if (answer.forEveryone) await updateCardForEveryone(context, answer.card, logger, 'document withdrawal');
      return answer.card;
    });
  }
}

/**
 * The card answering a press of the confirmation, and whether it replaces the card for everyone (a decision: the
 * document withdrawn or kept) or only answers the person who pressed (a refusal, a notice that nothing changed).
 */
function pressed(
  context: TurnContext,
  inventory: InventoryDeps,
  documents: DocumentsDeps,
  verb: (typeof WITHDRAW_VERBS)[keyof typeof WITHDRAW_VERBS],
  data: Record<string, unknown>,
  language: Language,
  logger: Logger,
): { card: Card; forEveryone: boolean } {
  const t = TEXT[language];
  const actor = actorOf(context.activity);
  if (!actor) return { card: messageCard([t.noIdentity]), forEveryone: false };
  if (!inventory.service.isGovernanceAdmin(actor)) {
    documents.proposals.refused(actor, verb);
    turnLogger(context, logger).info({ what: verb }, 'document administration refused: not a governance admin');
    return { card: messageCard([t.notAdmin]), forEveryone: false };
  }
  const action = WithdrawAction.safeParse(data);
  if (!action.success) return { card: withdrawalNotChangedCard({ kind: 'invalid' }, language), forEveryone: false };
  const shown = action.data;
  const proposals = documents.proposals;
  const alreadyWithdrawn = (withdrawal: AuditEvent | null): Card => {
    const version = { docId: shown.docId, title: shownTitle(proposals.history(shown.docId), shown.docId) };
    return withdrawalNotChangedCard({ kind: 'already_withdrawn', version, by: byOf(withdrawal) }, language);
  };

  if (verb === WITHDRAW_VERBS.cancel) {
    const preview = withdrawalPreview(proposals, shown.docId);
    if (preview.kind === 'published') return { card: withdrawalCancelledCard(preview.entry.version, language), forEveryone: true };
    if (preview.kind === 'unknown') return { card: withdrawalNotChangedCard({ kind: 'unknown', docId: shown.docId }, language), forEveryone: false };
    return { card: alreadyWithdrawn(lastWithdrawal(proposals, shown.docId)), forEveryone: false };
  }

  const result = withdrawConfirmed(proposals, shown, actor);
  switch (result.kind) {
    case 'withdrawn':
      turnLogger(context, logger).info({ docId: shown.docId, version: result.version.label }, 'document withdrawn from Teams');
      return { card: documentWithdrawnCard(result.version, byOf(result.withdrawal), language), forEveryone: true };
    case 'repeated':
      return { card: documentWithdrawnCard(result.version, byOf(result.withdrawal), language), forEveryone: false };
    case 'already_withdrawn':
      return { card: alreadyWithdrawn(result.withdrawal), forEveryone: false };
    case 'changed':
      return { card: withdrawalNotChangedCard({ kind: 'changed', version: result.current.version }, language), forEveryone: false };
    case 'unknown':
      return { card: withdrawalNotChangedCard({ kind: 'unknown', docId: shown.docId }, language), forEveryone: false };
  }
}

/** Who made a withdrawal and when, as the cards say it; null without its audit event. */
function byOf(event: AuditEvent | null): WithdrawalBy | null {
  if (!event) return null;
  const who = event.actor === 'system' ? 'system' : event.actor.name || event.actor.id;
  return { who, at: event.at };
}
