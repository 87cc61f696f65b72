import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import type { Actor } from '../../inventory/index.js';
import {
  confirmLeaveCard,
  DECLARATION_VERBS,
  leaveRefusedCard,
  leftCard,
  refusalCard,
  withdrawnCard,
  withdrawRefusedCard,
  type Card,
} from '../cards/index.js';
import { actorOf } from '../activities.js';
import { actionLanguage } from '../language.js';
import { markRoute } from '../turn.js';
import type { InventoryDeps, RouteDeps } from './deps.js';

/** What « Reprendre en brouillon », « Ne plus suivre » and its confirmation carry besides `lang`. */
const OneDeclaration = z.object({ declarationId: z.string().min(1).max(200) });

/**
 * A declaration's authors changing their minds, from the buttons of « mes déclarations » and « Voir »:
 * - `declaration.withdraw` (« Reprendre en brouillon ») takes a submitted declaration, not yet taken for review, back
 *   to draft (InventoryService.withdraw), for its declarant or a collaborator, who may submit it; the answer says the
 *   answers are kept and the number stays, with « Modifier la déclaration ». The governance channel's notice (when
 *   its review card was posted there) and each other author's (`taken_back_notice`: the declarant, the other
 *   collaborators, never the one who pressed) were queued with it: the worker is woken. A press that came too late (a
 *   reviewer took it, it was decided, another author took it back) records nothing and says why, naming who and when.
 * - `declaration.leave` (« Ne plus suivre ») asks a collaborator to confirm (confirmLeaveCard), recording nothing;
 *   `declaration.leave.confirm` removes them (InventoryService.leave: an access event, the declarant's notice queued,
 *   the worker woken). Pressed again, after the declarant took the access away, or once the declaration is approved
 *   or rejected, each says so and records nothing; its declarant is told it is theirs.
 * Anyone else gets the `forbidden` refusal; every answer replaces the card pressed, in the card's language (`lang`).
 * Without `deps.inventory` nothing is registered.
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  if (!inventory) return;
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.withdraw, (context, _state, data: Record<string, unknown>) => withdraw(context, data, inventory));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.leave, (context, _state, data: Record<string, unknown>) => leave(context, data, inventory, false));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.confirmLeave, (context, _state, data: Record<string, unknown>) => leave(context, data, inventory, true));
}

/** The card verbs this route serves (a unit test checks every card's verbs against the routes' lists). */
export const LIFECYCLE_VERBS = [DECLARATION_VERBS.withdraw, DECLARATION_VERBS.leave, DECLARATION_VERBS.confirmLeave] as const;

/** Who pressed and on which declaration, or the refusal card to answer with. */
function pressOf(context: TurnContext, data: Record<string, unknown>, language: Language): { actor: Actor; declarationId: string } | { card: Card } {
  const actor = actorOf(context.activity);
  if (!actor) return { card: refusalCard('unknown_identity', language) };
  const action = OneDeclaration.safeParse(data);
  if (!action.success) return { card: refusalCard('invalid_card', language) };
  return { actor, declarationId: action.data.declarationId };
}

/** « Reprendre en brouillon »: see register. */
async function withdraw(context: TurnContext, data: Record<string, unknown>, inventory: InventoryDeps): Promise<Card> {
  markRoute(context, 'declare');
  const language = actionLanguage(context.activity);
  const press = pressOf(context, data, language);
  if ('card' in press) return press.card;
  const result = await inventory.service.withdraw(press.actor, press.declarationId);
  switch (result.kind) {
    case 'withdrawn':
      if (!result.repeated) inventory.notifications.wake();
      return withdrawnCard(result.record, language);
    case 'wrong_state':
    case 'stale': {
      const found = await inventory.service.get(press.actor, press.declarationId);
      if (found.kind !== 'found') return refusalCard(found.kind === 'not_found' ? 'not_found' : 'forbidden', language);
      return withdrawRefusedCard(found.record, found.events, language);
    }
    case 'not_found':
      return refusalCard('not_found', language);
    case 'forbidden':
      return refusalCard('forbidden', language);
  }
}

/** « Ne plus suivre » (`confirmed` false: the question) and « Confirmer : ne plus suivre » (true): see register. */
async function leave(context: TurnContext, data: Record<string, unknown>, inventory: InventoryDeps, confirmed: boolean): Promise<Card> {
  markRoute(context, 'share');
  const language = actionLanguage(context.activity);
  const press = pressOf(context, data, language);
  if ('card' in press) return press.card;
  const result = await inventory.service.leave(press.actor, press.declarationId, { check: !confirmed });
  switch (result.kind) {
    case 'can_leave':
      return confirmLeaveCard(result.record, language);
    case 'left':
      // The declarant's notice was queued with the departure: the outbox sends it.
      inventory.notifications.wake();
      return leftCard(result.record, language);
    case 'not_following':
    case 'declarant':
      return leaveRefusedCard(result, language);
    case 'wrong_state':
      return leaveRefusedCard({ kind: 'decided', current: result.current }, language);
    case 'not_found':
      return refusalCard('not_found', language);
    case 'forbidden':
    case 'stale':
      return refusalCard('forbidden', language);
  }
}
