import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import { MAX_COLLABORATORS, sameUser, type Actor, type DeclarationRecord } from '../../inventory/index.js';
import {
  collaboratorsCard,
  COLLABORATORS_INPUT,
  DECLARATION_VERBS,
  refusalCard,
  shareRefusedCard,
  type AddedPerson,
  type Card,
  type KnownNames,
  type ShareOutcome,
} from '../cards/index.js';
import { actorOf } from '../activities.js';
import { isPersonal } from '../audience.js';
import { actionLanguage } from '../language.js';
import { markRoute, turnLogger } from '../turn.js';
import { storedReference, userConversationKey, type InventoryDeps, type RouteDeps } from './deps.js';

/** What every button of the sharing flow carries besides `lang`: the declaration it acts on. */
const ShareAction = z.object({ declarationId: z.string().min(1).max(200) });
/** « Retirer « nom » »: the declaration and the person, an Entra object id as the people picker gave it. */
const RemoveAction = ShareAction.extend({ userId: z.string().uuid() });
/**
 * Most characters read from the picker: ten times as many people as a declaration may have (a GUID and its comma
 * are 37 characters, 40 with spaces), so that picking too many is said as such (`too_many`) rather than refused as
 * a broken card, while a forged payload stays bounded.
 */
const MAX_PICKED_CHARS = MAX_COLLABORATORS * 10 * 40;
/**
 * What Teams' people picker sends (`Input.ChoiceSet` over `graph.microsoft.com/users`, multi-select): the picked
 * people's Entra object ids (GUIDs), comma-separated (Microsoft's « People Picker in Adaptive Cards », Data
 * Submission). Absent or blank when nobody was picked (a client that skips `isRequired`). The picker sets no
 * maximum: a declarant may pick more than MAX_COLLABORATORS people at once.
 */
const PickedPeople = z
  .string()
  .max(MAX_PICKED_CHARS)
  .transform((text) => text.split(',').map((id) => id.trim()).filter((id) => id.length > 0));
/** An Entra object id, as the picker gives each person. */
const EntraId = z.string().uuid();

/**
 * Sharing a declaration with colleagues (collaborators: they see it in « mes déclarations », edit and submit it),
 * from the declarant's personal chat:
 * - `declaration.share` (« Partager « nom » » on the declarant's « mes déclarations ») answers with the sharing card
 *   (collaboratorsCard): who has access, named by the Teams name Balises knows from their own chat with it, and
 *   Teams' people picker;
 * - `declaration.share.add` gives the people picked access (InventoryService.share) and answers with the card again,
 *   saying for each one added whether a notice is posted to their personal chat with Balises (only a person who
 *   has written to Balises has one: the others are told of by the declarant) — queued with the access in the
 *   durable outbox (see notificationDelivery `shared_notice`), so the card never waits for the connector and a
 *   restart or an outage loses no notice; nobody picked gets the card with the problem on the picker's label;
 * - `declaration.share.remove` takes one person's access away.
 * Only the declarant chooses who has access: a collaborator gets `declarant_only`, anyone else the `forbidden`
 * refusal; outside a personal chat the card is not shown (`personal_only`). A picked value that is not an Entra
 * object id is said on the picker's label (`unrecognised`), nothing added; a malformed payload gets `invalid_card`. Without `deps.inventory` nothing is registered.
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  if (!inventory) return;
  const service = inventory.service;

  /**
   * The declarant's declaration named by the card, or the card that answers instead (refusal, or the sharing card
   * refused outside a personal chat or to a collaborator).
   */
  async function declarantsDeclaration(context: TurnContext, data: Record<string, unknown>, language: Language): Promise<{ card: Card } | { actor: Actor; record: DeclarationRecord }> {
    if (!isPersonal(context)) return { card: shareRefusedCard('personal_only', language) };
    const actor = actorOf(context.activity);
    if (!actor) return { card: refusalCard('unknown_identity', language) };
    const action = ShareAction.safeParse(data);
    if (!action.success) return { card: refusalCard('invalid_card', language) };
    const found = await service.get(actor, action.data.declarationId);
    if (found.kind !== 'found') return { card: refusalCard(found.kind === 'not_found' ? 'not_found' : 'forbidden', language) };
    if (!sameUser(found.record.declarant.id, actor.id)) {
      return { card: service.isAuthor(actor, found.record) ? shareRefusedCard('declarant_only', language) : refusalCard('forbidden', language) };
    }
    return { actor, record: found.record };
  }

  /** The sharing card of `record`, its people (and the one just removed) named as Balises knows them. */
  const sharingCard = async (context: TurnContext, record: DeclarationRecord, language: Language, outcome?: ShareOutcome): Promise<Card> => {
    const named = outcome?.kind === 'removed' ? [...record.collaborators, outcome.id] : record.collaborators;
    return collaboratorsCard(record, await knownNames(inventory, named, turnLogger(context, deps.logger)), language, outcome);
  };

  app.adaptiveCards.actionExecute(DECLARATION_VERBS.share, async (context, _state, data: Record<string, unknown>) => {
    markRoute(context, 'share');
    const language = actionLanguage(context.activity);
    const found = await declarantsDeclaration(context, data, language);
    return 'card' in found ? found.card : sharingCard(context, found.record, language);
  });

  app.adaptiveCards.actionExecute(DECLARATION_VERBS.shareAdd, async (context, _state, data: Record<string, unknown>) => {
    markRoute(context, 'share');
    const language = actionLanguage(context.activity);
    const found = await declarantsDeclaration(context, data, language);
    if ('card' in found) return found.card;
    const picked = PickedPeople.safeParse(data[COLLABORATORS_INPUT] ?? '');
    if (!picked.success) return refusalCard('invalid_card', language);
    if (picked.data.length === 0) return sharingCard(context, found.record, language, { kind: 'nobody_picked' });
    // Another value than an Entra id is no one Balises can recognise at their next message (the Agents Playground's
    // picker sends its mock people's Teams ids): said on the picker, nothing added.
    if (!picked.data.every((id) => EntraId.safeParse(id).success)) return sharingCard(context, found.record, language, { kind: 'unrecognised' });
    const result = await service.share(found.actor, found.record.id, picked.data);
    switch (result.kind) {
      case 'shared': {
        const log = turnLogger(context, deps.logger);
        const people: AddedPerson[] = [];
        for (const id of result.added) people.push({ id, notified: (await storedReference(inventory, userConversationKey(id), log)) !== null });
        // Their notices were queued with the access (InventoryRepository.addCollaborator): the worker posts them.
        if (result.added.length > 0) inventory.notifications.wake();
        return sharingCard(context, result.record, language, { kind: 'added', people, already: result.already.length });
      }
      case 'self':
        return sharingCard(context, found.record, language, { kind: 'self' });
      case 'too_many':
        return sharingCard(context, result.record, language, { kind: 'too_many' });
      default:
        return refusalCard(result.kind === 'not_found' ? 'not_found' : 'forbidden', language);
    }
  });

  app.adaptiveCards.actionExecute(DECLARATION_VERBS.shareRemove, async (context, _state, data: Record<string, unknown>) => {
    markRoute(context, 'share');
    const language = actionLanguage(context.activity);
    const found = await declarantsDeclaration(context, data, language);
    if ('card' in found) return found.card;
    const action = RemoveAction.safeParse(data);
    if (!action.success) return refusalCard('invalid_card', language);
    const result = await service.unshare(found.actor, found.record.id, action.data.userId);
    if (result.kind !== 'unshared') return refusalCard(result.kind === 'not_found' ? 'not_found' : 'forbidden', language);
    const outcome: ShareOutcome = result.removed ? { kind: 'removed', id: action.data.userId.toLowerCase() } : { kind: 'not_a_collaborator' };
    return sharingCard(context, result.record, language, outcome);
  });
}

/** The card verbs this route serves (a unit test checks every card's verbs against the routes' lists). */
export const COLLABORATORS_VERBS = [DECLARATION_VERBS.share, DECLARATION_VERBS.shareAdd, DECLARATION_VERBS.shareRemove] as const;

/**
 * The Teams display names of `ids` that Balises knows: the name on each person's stored personal-chat reference
 * (saved whenever they write to Balises; see declare.ts rememberPersonalChat). Someone who never wrote has none:
 * the people picker sends only the Entra id, and the bot has no directory access.
 */
export async function knownNames(inventory: InventoryDeps, ids: readonly string[], log: Logger): Promise<KnownNames> {
  const names = new Map<string, string>();
  for (const id of ids) {
    const reference = await storedReference(inventory, userConversationKey(id), log);
    const name: unknown = reference?.user?.name;
    if (typeof name === 'string' && name.trim()) names.set(id, name);
  }
  return names;
}
