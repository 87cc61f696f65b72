import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import type { DecisionResult } from '../../documents/proposals.js';
import { sameUser } from '../../inventory/index.js';
import { actorOf, respondWithCard, updateCardForEveryone } from '../activities.js';
import { DOCUMENT_INPUTS, DOCUMENT_VERBS, documentPreviewCard, proposalLanguage, type PreviewCardOptions } from '../cards/document-preview-card.js';
import { messageCard, type Card } from '../cards/index.js';
import { actionLanguage } from '../language.js';
import { DOCUMENT_ADMIN_TEXT as TEXT } from '../render/document-admin.js';
import { markRoute } from '../turn.js';
import type { DocumentsDeps, InventoryDeps } from './deps.js';

const Decision = z.object({ proposalId: z.string().uuid(), revision: z.number().int().min(0) });
const Refresh = z.object({ proposalId: z.string().uuid() });
/** The language a preview card was drawn in, as its buttons and refresh carry it (documentPreviewCard's `lang`). */
const CardLanguage = z.object({ lang: z.enum(['fr', 'en']) });

/**
 * The language of the card answering a press on a preview card: the pressed card's own (`lang` in its action data:
 * `proposals` shows an English reader the pending cards in English), else the proposal's (a payload without `lang`).
 */
function pressedCardLanguage(data: Record<string, unknown>, proposal: Parameters<typeof proposalLanguage>[0]): Language {
  const card = CardLanguage.safeParse(data);
  return card.success ? card.data.lang : proposalLanguage(proposal);
}
const Edits = z.object({
  [DOCUMENT_INPUTS.versionLabel]: z.string().optional(),
  [DOCUMENT_INPUTS.publishedOn]: z.string().optional(),
});

/**
 * Routes the preview card's buttons: `documents.publish` and `documents.cancel` decide (the card is updated for
 * everyone), `documents.refresh` gives each admin the current card; governance admins only.
 */
export function registerDecisions(app: Application, inventory: InventoryDeps, documents: DocumentsDeps, logger: Logger): void {
  for (const verb of [DOCUMENT_VERBS.publish, DOCUMENT_VERBS.cancel]) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data: Record<string, unknown>) => {
      markRoute(context, 'documents');
      const language = actionLanguage(context.activity);
      const card = await decide(context, inventory, documents, verb, data, language, logger);
      await respondWithCard(context, card);
      return card;
    });
  }

  app.adaptiveCards.actionExecute(DOCUMENT_VERBS.refresh, async (context, _state, data: Record<string, unknown>) => {
    markRoute(context, 'documents');
    const language = actionLanguage(context.activity);
    const card = refreshed(context, inventory, documents, data, language);
    await respondWithCard(context, card);
    return card;
  });
}

/**
 * The card answering a « Publier » or « Annuler » click: the decided proposal's (also sent to everyone who sees
 * it), the current one with a notice when the click was stale, the same card with the refused field for an invalid
 * edit, or a notice (no identity, not an admin: audited, unknown proposal, malformed payload).
 */
async function decide(
  context: TurnContext,
  inventory: InventoryDeps,
  documents: DocumentsDeps,
  verb: typeof DOCUMENT_VERBS.publish | typeof DOCUMENT_VERBS.cancel,
  data: Record<string, unknown>,
  language: Language,
  fallback: Logger,
): Promise<Card> {
  const t = TEXT[language];
  const actor = actorOf(context.activity);
  if (!actor) return noticeCard(t.noIdentity);
  if (!inventory.service.isGovernanceAdmin(actor)) {
    documents.proposals.refused(actor, verb);
    return noticeCard(t.notAdmin);
  }
  const action = Decision.safeParse(data);
  if (!action.success) return noticeCard(t.invalidCard);
  const options: PreviewCardOptions = { adminIds: inventory.governanceAdminIds };
  let result: DecisionResult;
  if (verb === DOCUMENT_VERBS.cancel) result = await documents.proposals.cancel(action.data.proposalId, action.data.revision, actor);
  else {
    const edits = Edits.safeParse(data);
    const typed = edits.success ? edits.data : {};
    // An input left out of the submission was emptied (Adaptive Cards send no empty input), as the declaration
    // cards read an absent input (see readStepInputs): the label, required, becomes '' for the service to refuse;
    // the date, optional, becomes no official date, never the proposed one the admin cleared.
    const publishedOn = typed.publishedOn?.trim() || null;
    result = await documents.proposals.publish(action.data.proposalId, action.data.revision, actor, {
      versionLabel: typed.versionLabel ?? '',
      publishedOn,
    });
    if (result.kind === 'invalid') {
      return documentPreviewCard(result.proposal, pressedCardLanguage(data, result.proposal), { ...options, problem: { field: result.field, reason: result.reason }, typed: { versionLabel: typed.versionLabel ?? '', publishedOn } });
    }
  }
  if (result.kind === 'not_found') return noticeCard(t.notFound);
  const cardLanguage = pressedCardLanguage(data, result.proposal);
  if (result.kind === 'stale') {
    // The person whose own click made this decision (a double click, a redelivered invoke) just gets the decided
    // card; anyone else, or a click asking for the other decision, is told it was already decided or replaced.
    const decidedByThem = result.proposal.decidedBy !== null && sameUser(result.proposal.decidedBy.id, actor.id);
    // A « Publier » refused because the proposal was outdated (outdated) is that click's decision as well.
    const status = result.proposal.status;
    const sameDecision = verb === DOCUMENT_VERBS.cancel ? status === 'cancelled' : status === 'published' || status === 'outdated';
    const notices = decidedByThem && sameDecision ? [] : [TEXT[cardLanguage].stale];
    return documentPreviewCard(result.proposal, cardLanguage, { ...options, notices });
  }
  const card = documentPreviewCard(result.proposal, cardLanguage, options);
  await updateCardForEveryone(context, card, fallback, 'document');
  return card;
}

/**
 * The current preview card for `documents.refresh`. Teams refreshes it only for the governance admins (the card's
 * `refresh.userIds`); anyone else sending that verb by hand is refused like a Publier click, audited, and sees
 * nothing of the proposal.
 */
function refreshed(context: TurnContext, inventory: InventoryDeps, documents: DocumentsDeps, data: Record<string, unknown>, language: Language): Card {
  const t = TEXT[language];
  const actor = actorOf(context.activity);
  if (!actor) return noticeCard(t.noIdentity);
  if (!inventory.service.isGovernanceAdmin(actor)) {
    documents.proposals.refused(actor, DOCUMENT_VERBS.refresh);
    return noticeCard(t.notAdmin);
  }
  const parsed = Refresh.safeParse(data);
  const proposal = parsed.success ? documents.proposals.get(parsed.data.proposalId) : null;
  return proposal ? documentPreviewCard(proposal, pressedCardLanguage(data, proposal), { adminIds: inventory.governanceAdminIds }) : noticeCard(t.notFound);
}

/** A card of one of our sentences (already safe), answering a card action. */
function noticeCard(text: string): Card {
  return messageCard([text]);
}
