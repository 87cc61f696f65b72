import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { shownPerson } from '../cards/summary.js';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import type { AssessmentFlag } from '../../documents/store.js';
import {
  reviewTakenBy,
  sameUser,
  type Actor,
  type DeclarationEvent,
  type DeclarationRecord,
  type DeclarationState,
  type ReviewDecision,
} from '../../inventory/index.js';
import {
  INVENTORY_FILTERS,
  LABELS,
  LIFECYCLE_TEXT,
  MAX_REVIEW_COMMENT_CHARS,
  REVIEW_COMMENT_INPUT,
  REVIEW_VERBS,
  flagNotices,
  lastDecision,
  notRecordedNotices,
  commentNotRecordedNotices,
  refusalCard,
  reviewCard,
  safeClip,
  type Card,
  type InventoryOrigin,
} from '../cards/index.js';
import { localeLanguage } from '../language.js';
import { cleanTypedText } from '../typed-text.js';
import { message } from '../render/answer.js';
import { markRoute, turnLogger } from '../turn.js';
import { actorOf, referenceOf, respondWithCard, updateCardForEveryone } from '../activities.js';
import { GOVERNANCE_CHANNEL_KEY, storedReference, type InventoryDeps, type RouteDeps } from './deps.js';
import { channelOf } from './governance-place.js';

/** `gouvernance enregistrer` / `governance register`, in the governance channel (mentioning the bot). */
export const GOVERNANCE_REGISTER_COMMAND = /^\s*\/?(gouvernance\s+enregistrer|governance\s+register)\s*(?:[.!?]+\s*)?$/i;

/** The verbs this route serves. */
export const REVIEW_ROUTE_VERBS = [
  REVIEW_VERBS.approve,
  REVIEW_VERBS.requestChanges,
  REVIEW_VERBS.reject,
  REVIEW_VERBS.take,
  REVIEW_VERBS.release,
  REVIEW_VERBS.refresh,
] as const;

const DECISIONS: Record<string, ReviewDecision> = {
  [REVIEW_VERBS.approve]: 'approve',
  [REVIEW_VERBS.requestChanges]: 'request_changes',
  [REVIEW_VERBS.reject]: 'reject',
};

/** The state each decision leads to, to tell a reviewer's own recorded decision from another one. */
const DECIDED_STATE: Record<ReviewDecision, DeclarationState> = {
  approve: 'approved',
  request_changes: 'changes_requested',
  reject: 'rejected',
};

const ReviewAction = z.object({
  declarationId: z.string().min(1).max(200),
  revision: z.number().int().min(0),
});
/** The comment input: absent, or a text within the limit (the card's input has the same maxLength). */
const ReviewComment = z.string().max(MAX_REVIEW_COMMENT_CHARS).transform(cleanTypedText).optional();
const RefreshAction = z.object({ declarationId: z.string().min(1).max(200) });
/** What a review card opened from an inventory list carries in its buttons and refresh (see InventoryOrigin). */
const FromInventory = z.object({ inventory: z.object({ filter: z.enum(INVENTORY_FILTERS).nullable(), lang: z.enum(['fr', 'en']) }) });

/** The inventory list a review card was opened from, read from its action's data; undefined for the channel's card. */
export function inventoryOriginOf(data: Record<string, unknown>): InventoryOrigin | undefined {
  const parsed = FromInventory.safeParse(data);
  return parsed.success ? parsed.data.inventory : undefined;
}

/** Longest admin name said in the notice to a governance channel replaced, in characters. */
const MAX_ADMIN_NAME_CHARS = 120;

const TEXT = {
  fr: {
    registered:
      'Ce canal est maintenant celui de l’équipe de gouvernance : les nouvelles déclarations d’usage de l’IA y seront publiées pour examen.',
    replaced:
      'Ce canal est maintenant celui de l’équipe de gouvernance, à la place du canal enregistré auparavant : les déclarations d’usage de l’IA à examiner seront publiées ici, et non plus dans l’autre canal.',
    notChannel: 'Lancez cette commande dans le canal de l’équipe de gouvernance, en me mentionnant (@Balises gouvernance enregistrer).',
    notAdmin: 'Seuls les membres de l’équipe de gouvernance peuvent enregistrer le canal de gouvernance.',
    movedAway: (who: string) =>
      `Ce canal n’est plus celui de l’équipe de gouvernance : ${who} a enregistré un autre canal à sa place, où les déclarations d’usage de l’IA à examiner sont désormais publiées. Si c’est une erreur, mentionnez-moi ici avec \`gouvernance enregistrer\`.`,
  },
  en: {
    registered: 'This channel is now the governance team’s: new AI use case declarations will be posted here for review.',
    replaced:
      'This channel is now the governance team’s, instead of the channel registered before: AI use case declarations to review will be posted here, no longer in the other channel.',
    notChannel: 'Run this command in the governance team’s channel, mentioning me (@Balises governance register).',
    notAdmin: 'Only governance team members can register the governance channel.',
    movedAway: (who: string) =>
      `This channel is no longer the governance team’s: ${who} registered another channel instead, where AI use case declarations to review are now posted. If this is a mistake, mention me here with \`governance register\`.`,
  },
} as const;

/**
 * Governance review:
 * - `gouvernance enregistrer` / `governance register` in a channel, by a governance admin, stores the channel's
 *   conversation reference (`governance-channel`): review cards are posted there as new messages;
 * - `review.approve`, `review.request_changes`, `review.reject` (comment required for the last two) record the
 *   decision, update the card for everyone in the channel (who decided, when, no more buttons) — but not from a
 *   review card opened with « Examiner » on an inventory list, whose message is that list, left to everyone — and notify the
 *   declarant in their personal chat through the outbox (with a button to reopen on "changes requested"); the
 *   declarant and collaborators never decide on their own declaration, governance admins or not; a decision pressed
 *   on a card that another decision made out of date (another reviewer's, seen on a card not refreshed yet) is not
 *   recorded, and the current card says so and gives back the comment typed (see notRecordedNotices);
 * - `review.take` (« Prendre en charge ») puts a submitted declaration in review by the admin who pressed, updates
 *   the card for everyone as a decision does (« En examen par … depuis le … »), and tells the declarant through the
 *   outbox; `review.release` (« Remettre en attente ») hands it back (submitted), telling nobody but the card. A press
 *   that came too late (taken by another reviewer, decided, handed back meanwhile) records nothing and the current
 *   card says so; the comment typed stays in its input (see moveReview);
 * - `review.refresh` (Universal Actions automatic refresh, governance admins) returns the current card; anyone else
 *   who may see the declaration (its declarant, collaborators) gets it read-only, without decision buttons.
 * Review cards speak the declaration's language (DeclarationRecord.language), like the one posted to the channel,
 * whoever presses, except one opened from an inventory list, which speaks the list's (see reviewCardLanguage);
 * refusals speak the presser's client locale, as does the card of a declaration submitted before its language was
 * recorded. Each assessment flag still open on the declaration is a notice on top of its card (see flagNotices).
 * Without `deps.inventory` nothing is registered.
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  if (!inventory) return;

  app.message(GOVERNANCE_REGISTER_COMMAND, async (context) => {
    markRoute(context, 'review');
    const language: Language = /gouvernance/i.test(context.activity.text ?? '') ? 'fr' : 'en';
    const actor = actorOf(context.activity);
    if (context.activity.conversation?.conversationType !== 'channel') {
      await context.sendActivity(message(TEXT[language].notChannel));
      return;
    }
    if (!actor || !inventory.service.isGovernanceAdmin(actor)) {
      await context.sendActivity(message(TEXT[language].notAdmin));
      return;
    }
    const reference = referenceOf(context.activity);
    // A channel message's conversation id names its thread (`…;messageid=…`); the channel itself has none, so review
    // cards start their own threads.
    if (reference.conversation) reference.conversation = { ...reference.conversation, id: channelOf(reference.conversation.id) };
    const log = turnLogger(context, deps.logger);
    const previous = await storedReference(inventory, GOVERNANCE_CHANNEL_KEY, log);
    await inventory.conversations.saveConversation(GOVERNANCE_CHANNEL_KEY, reference);
    log.info('governance channel registered');
    const same = previous?.conversation?.id !== undefined && previous.conversation.id === reference.conversation?.id;
    // Another channel's registration is replaced: said, so that an admin who meant to add a channel learns that the
    // declarations to review (names, contacts, answers) now reach every member of this one, and no longer the other.
    await context.sendActivity(message(TEXT[language][previous && !same ? 'replaced' : 'registered']));
    // The same channel again (a command typed twice) already has every pending card: posting them again would
    // only duplicate them.
    if (same) return;
    // The channel replaced is told, in its own language: its reviewers would otherwise just stop getting cards, and
    // a move made by mistake (every member of the new channel now reads the declarations) goes unnoticed. Best
    // effort: the registration stands whether or not Teams takes the notice.
    if (previous) {
      const who = safeClip(actor.name || actor.id, MAX_ADMIN_NAME_CHARS);
      await inventory.proactive(previous, message(TEXT[localeLanguage(previous.locale)].movedAway(who))).catch((err: unknown) => {
        log.warn({ err }, 'the governance channel replaced could not be told');
      });
    }
    // Cards waiting for a channel, and every declaration awaiting a decision, go to this one through the outbox.
    const queued = await inventory.service.requeueReviews(actor);
    if (queued.kind === 'queued' && queued.due > 0) log.info({ pending: queued.due }, 'pending review cards queued for the governance channel');
    inventory.notifications.wake();
  });

  for (const verb of [REVIEW_VERBS.approve, REVIEW_VERBS.requestChanges, REVIEW_VERBS.reject]) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data: Record<string, unknown>) => {
      markRoute(context, 'review');
      const card = await decide(context, inventory, DECISIONS[verb]!, data, deps.logger);
      await respondWithCard(context, card);
      return card;
    });
  }

  for (const [verb, move] of [
    [REVIEW_VERBS.take, 'take'],
    [REVIEW_VERBS.release, 'release'],
  ] as const) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data: Record<string, unknown>) => {
      markRoute(context, 'review');
      const card = await moveReview(context, inventory, move, data, deps.logger);
      await respondWithCard(context, card);
      return card;
    });
  }

  app.adaptiveCards.actionExecute(REVIEW_VERBS.refresh, async (context, _state, data: Record<string, unknown>) => {
    markRoute(context, 'review');
    const language = localeLanguage(context.activity.locale);
    const actor = actorOf(context.activity);
    const action = RefreshAction.safeParse(data);
    let card: Card;
    if (!actor) card = refusalCard('unknown_identity', language);
    else if (!action.success) card = refusalCard('invalid_review_card', language);
    else card = await shownReviewCard(inventory, actor, action.data.declarationId, language, { fromInventory: inventoryOriginOf(data) });
    await respondWithCard(context, card);
    return card;
  });
}

/**
 * The review card of a declaration as it is now, for `actor`: in the language of the list it was opened from, else in
 * the declaration's (`fallback`, the reader's, for one submitted before it was recorded), as the governance channel's
 * card is (see reviewCardLanguage). Read-only (no comment
 * input, no decision buttons) for anyone outside the governance team, and for its declarant or a collaborator even
 * when a governance admin, with `ownNotice` then saying on top why they cannot decide. A declaration never submitted
 * has no review card: `invalid_review_card`; one the actor may not see: `forbidden` (`not_found` when absent), in
 * the reader's language. Used by the automatic refresh and by « Examiner » on the inventory list (`fromInventory`:
 * the list it came from, for « Retour à l’inventaire »).
 */
export async function shownReviewCard(
  inventory: InventoryDeps,
  actor: Actor,
  declarationId: string,
  fallback: Language,
  { ownNotice = false, fromInventory }: { ownNotice?: boolean; fromInventory?: InventoryOrigin } = {},
): Promise<Card> {
  const found = await inventory.service.get(actor, declarationId);
  if (found.kind !== 'found') return refusalCard(found.kind === 'not_found' ? 'not_found' : 'forbidden', fallback);
  const { record, events } = found;
  if (record.publicId === null) return refusalCard('invalid_review_card', fallback);
  const own = inventory.service.isAuthor(actor, record);
  const language = reviewCardLanguage(record, fallback, fromInventory);
  const notices = [...(own && ownNotice ? [LABELS[language].ownDeclaration] : []), ...flagNotices(record, await openAssessmentFlags(inventory, record.id), language)];
  return reviewCard(record, language, {
    adminIds: inventory.governanceAdminIds,
    events,
    readOnly: own || !inventory.service.isGovernanceAdmin(actor),
    notices,
    fromInventory,
  });
}

/** A review card's press by a governance admin: who pressed, in which language, on which declaration and revision. */
interface ReviewPress {
  language: Language;
  actor: Actor;
  declarationId: string;
  revision: number;
  fromInventory: InventoryOrigin | undefined;
}

/**
 * Reads a review card's press (decide, take, release): the refusal card when the presser has no identity or is no
 * governance admin, or when the card's data is not a review action (a forged or altered card); else the press.
 */
function reviewPress(context: TurnContext, inventory: InventoryDeps, data: Record<string, unknown>): ReviewPress | { refusal: Card } {
  const language = localeLanguage(context.activity.locale);
  const actor = actorOf(context.activity);
  if (!actor) return { refusal: refusalCard('unknown_identity', language) };
  if (!inventory.service.isGovernanceAdmin(actor)) return { refusal: refusalCard('not_admin', language) };
  const action = ReviewAction.safeParse(data);
  if (!action.success) return { refusal: refusalCard('invalid_review_card', language) };
  return { language, actor, ...action.data, fromInventory: inventoryOriginOf(data) };
}

/**
 * Records a decision and returns the card to show; on success also notifies, and updates the card's message for
 * everyone when it is the review card the channel got. A review card opened from an inventory list (« Examiner »)
 * replaced that list for the person who pressed only: the message is the list everyone else still reads, so it is
 * left alone, and the card keeps its « Retour à l’inventaire ».
 */
async function decide(
  context: TurnContext,
  inventory: InventoryDeps,
  decision: ReviewDecision,
  data: Record<string, unknown>,
  fallback: Logger,
): Promise<Card> {
  const press = reviewPress(context, inventory, data);
  if ('refusal' in press) return press.refusal;
  const { language, actor, declarationId, revision, fromInventory } = press;
  const adminIds = inventory.governanceAdminIds;
  const parsedComment = ReviewComment.safeParse(data[REVIEW_COMMENT_INPUT]);
  if (!parsedComment.success) {
    // Not a text, or longer than the input allows (a forged or altered card): the limit, recording nothing.
    const found = await inventory.service.get(actor, declarationId);
    if (found.kind !== 'found') return refusalCard(found.kind === 'not_found' ? 'not_found' : 'forbidden', language);
    if (found.record.publicId === null) return refusalCard('invalid_review_card', language);
    return reviewCard(found.record, reviewCardLanguage(found.record, language, fromInventory), {
      adminIds,
      events: found.events,
      commentError: 'invalid',
      fromInventory,
    });
  }
  const comment = parsedComment.data ?? null;
  const result = await inventory.service.review(actor, declarationId, revision, decision, comment);
  switch (result.kind) {
    case 'reviewed': {
      // The declarant's notice was queued with the decision: the outbox sends it.
      inventory.notifications.wake();
      const card = await currentReviewCard(inventory, actor, result.record, language, () => [], { fromInventory });
      if (!fromInventory) await updateCardForEveryone(context, card, fallback, 'review');
      return card;
    }
    case 'own_declaration':
      return ownDeclarationCard(inventory, actor, declarationId, language, fromInventory);
    case 'comment_required':
    case 'comment_without_words': {
      const found = await inventory.service.get(actor, declarationId);
      if (found.kind !== 'found') return refusalCard('not_found', language);
      return reviewCard(found.record, reviewCardLanguage(found.record, language, fromInventory), {
        adminIds,
        events: found.events,
        commentError: result.kind === 'comment_required' ? true : 'without_words',
        comment: comment ?? undefined,
        fromInventory,
      });
    }
    case 'stale':
      // The comment typed on the out-of-date card stays in the current one's input: pressing again decides with it.
      return currentReviewCard(inventory, actor, result.current, language, (cardLanguage) => [LABELS[cardLanguage].staleNotice], {
        comment: comment ?? undefined,
        fromInventory,
      });
    case 'wrong_state':
      // Never submitted (a forged card naming a draft): there is no review card, and nothing was ever decided on it,
      // as the refresh of such a card says (shownReviewCard).
      if (result.current.publicId === null) return refusalCard('invalid_review_card', language);
      // Decided already: by another reviewer (or by this one, otherwise), this decision and its comment are recorded
      // nowhere, so the card says so and gives the comment back; the same decision again by the reviewer who made it
      // (a double click, a redelivered invoke) just gets the card.
      return currentReviewCard(
        inventory,
        actor,
        result.current,
        language,
        (cardLanguage, recorded, _events, current) =>
          current.state === 'draft'
            ? [LIFECYCLE_TEXT[cardLanguage].pressWithdrawn(decisionButton(cardLanguage, decision)), ...commentNotRecordedNotices(cardLanguage, comment)]
            : isOwnDecision(recorded, actor, decision)
              ? []
              : notRecordedNotices(cardLanguage, decision, comment),
        { fromInventory },
      );
    case 'forbidden':
      return refusalCard('forbidden', language);
    case 'not_found':
      return refusalCard('not_found', language);
  }
}

/**
 * Takes a declaration for review (`take`) or hands it back (`release`) and returns the card to show: once moved, the
 * card as it is now, also put in place for everyone when it is the channel's (as decide does), with the declarant's
 * notice woken when taken. A comment typed before the press is given back in the card's input, never lost (it is no
 * decision: recorded nowhere). A press the declaration no longer allows records nothing and says why on top of the
 * current card: taken by another reviewer (named), no longer in review, already decided; a card older than a
 * change gets the stale notice. The press repeated by the same reviewer (double press) just gets the card.
 */
async function moveReview(
  context: TurnContext,
  inventory: InventoryDeps,
  move: 'take' | 'release',
  data: Record<string, unknown>,
  fallback: Logger,
): Promise<Card> {
  const press = reviewPress(context, inventory, data);
  if ('refusal' in press) return press.refusal;
  const { language, actor, declarationId, revision, fromInventory } = press;
  // A comment that is no text or too long is left out of the input given back, as the decision would refuse it.
  const typed = ReviewComment.safeParse(data[REVIEW_COMMENT_INPUT]);
  const comment = (typed.success && typed.data) || undefined;
  const result = move === 'take' ? await inventory.service.takeForReview(actor, declarationId, revision) : await inventory.service.releaseReview(actor, declarationId, revision);
  switch (result.kind) {
    case 'taken':
    case 'released': {
      if (result.repeated) return currentReviewCard(inventory, actor, result.record, language, () => [], { comment, fromInventory });
      // Taking it queued the declarant's notice: the outbox sends it.
      if (result.kind === 'taken') inventory.notifications.wake();
      const shared = await currentReviewCard(inventory, actor, result.record, language, () => [], { fromInventory });
      if (!fromInventory) await updateCardForEveryone(context, shared, fallback, 'review');
      return comment ? currentReviewCard(inventory, actor, result.record, language, () => [], { comment, fromInventory }) : shared;
    }
    case 'own_declaration':
      return ownDeclarationCard(inventory, actor, declarationId, language, fromInventory);
    case 'stale':
      return currentReviewCard(inventory, actor, result.current, language, (cardLanguage) => [LABELS[cardLanguage].staleNotice], { comment, fromInventory });
    case 'wrong_state':
      if (result.current.publicId === null) return refusalCard('invalid_review_card', language);
      // Decided or taken back to draft, the card has no input to give the comment back in: it is shown, as for a
      // decision not recorded.
      return currentReviewCard(
        inventory,
        actor,
        result.current,
        language,
        (cardLanguage, decision, events, current) => [
          lateMoveNotice(current, events, move, cardLanguage),
          ...(decision || current.state === 'draft' ? commentNotRecordedNotices(cardLanguage, comment) : []),
        ],
        { comment, fromInventory },
      );
    case 'forbidden':
      return refusalCard('forbidden', language);
    case 'not_found':
      return refusalCard('not_found', language);
  }
}

/**
 * The card answering a review press by the declaration's declarant, a collaborator or someone who submitted it: the
 * review card stays, read only, the refusal on top, so the details are still there for whoever reads it.
 */
async function ownDeclarationCard(
  inventory: InventoryDeps,
  actor: Actor,
  declarationId: string,
  language: Language,
  fromInventory: InventoryOrigin | undefined,
): Promise<Card> {
  const found = await inventory.service.get(actor, declarationId);
  if (found.kind !== 'found') return refusalCard('own_declaration', language);
  const cardLanguage = reviewCardLanguage(found.record, language, fromInventory);
  return reviewCard(found.record, cardLanguage, {
    adminIds: inventory.governanceAdminIds,
    events: found.events,
    readOnly: true,
    pressNotices: [LABELS[cardLanguage].ownDeclaration],
    fromInventory,
  });
}

/**
 * Why a take or release pressed on `current` (as it is now, with its `events`) was not recorded: another reviewer
 * has it in review (named), it is no longer in review (handed back), or it was decided (LABELS.decisionNotRecorded),
 * each naming the button pressed.
 */
function lateMoveNotice(current: DeclarationRecord, events: readonly DeclarationEvent[], move: 'take' | 'release', language: Language): string {
  const t = LABELS[language];
  const button = move === 'take' ? t.takeForReview : t.releaseReview;
  const taken = reviewTakenBy(current, events);
  if (taken) return t.alreadyTaken(shownPerson(taken.actor, 120, language), button);
  if (current.state === 'draft') return LIFECYCLE_TEXT[language].pressWithdrawn(button);
  return current.state === 'submitted' ? t.notInReview(button) : t.decisionNotRecorded(button);
}

/**
 * The review card of the declaration as it is now, in its language or its inventory list's (see reviewCardLanguage;
 * `fallback`, the reader's, for one submitted before the language was recorded), with `notices` (given the card's
 * language, the decision event if decided, the events and the record as read now) in that language on top, `comment` kept in its input and, opened
 * from an inventory list, « Retour à l’inventaire » (`fromInventory`).
 */
async function currentReviewCard(
  inventory: InventoryDeps,
  actor: Actor,
  record: DeclarationRecord,
  fallback: Language,
  notices: (language: Language, decision: DeclarationEvent | null, events: readonly DeclarationEvent[], current: DeclarationRecord) => string[],
  { comment, fromInventory }: { comment?: string; fromInventory?: InventoryOrigin } = {},
): Promise<Card> {
  const found = await inventory.service.get(actor, record.id);
  const events = found.kind === 'found' ? found.events : [];
  const current = found.kind === 'found' ? found.record : record;
  const language = reviewCardLanguage(current, fallback, fromInventory);
  const pressNotices = notices(language, lastDecision(current, events), events, current);
  const flags = flagNotices(current, await openAssessmentFlags(inventory, current.id), language);
  return reviewCard(current, language, { adminIds: inventory.governanceAdminIds, events, pressNotices, notices: flags, comment, fromInventory });
}

/**
 * The assessment flags still open of declaration `declarationId` (documents/flags.ts openFlags), for its review card's notices: none without
 * document administration, whose publications raise them. A failure to read them leaves the notices out rather
 * than the card: `signalements` lists the flags, and says when it cannot.
 */
async function openAssessmentFlags(inventory: InventoryDeps, declarationId: string): Promise<AssessmentFlag[]> {
  return (await inventory.documents?.proposals.openFlags(declarationId).catch(() => [])) ?? [];
}

/**
 * The language of a review card: that of the inventory list it was opened from (« Examiner »: the reader's, whom the
 * card replaces the list for), else the declaration's (the governance channel's card, shared by every reviewer),
 * else `fallback` (a declaration submitted before its language was recorded).
 */
function reviewCardLanguage(record: DeclarationRecord, fallback: Language, fromInventory: InventoryOrigin | undefined): Language {
  return fromInventory?.lang ?? record.language ?? fallback;
}

/** The words of the button of `decision` on a review card (« Refuser »). */
function decisionButton(language: Language, decision: ReviewDecision): string {
  const t = LABELS[language];
  return { approve: t.approve, request_changes: t.requestChanges, reject: t.reject }[decision];
}

/** True when `recorded` (the decision event a declaration is in) is `decision`, made by `actor`: their own, recorded. */
function isOwnDecision(recorded: DeclarationEvent | null, actor: Actor, decision: ReviewDecision): boolean {
  return recorded !== null && sameUser(recorded.actor.id, actor.id) && recorded.to === DECIDED_STATE[decision];
}

