import type { Activity, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { ActorInput, type Actor } from '../inventory/index.js';
import { ActivityTypes, CardFactory, MessageFactory, TurnContext } from './bot-framework.js';
import type { Card } from './cards/index.js';
import { turnLogger } from './turn.js';

/**
 * What every route reads from and sends as Teams activities, apart from its own logic: who is acting (actorOf), the
 * conversation to write back to later (referenceOf), and a card as an invoke response, a new message, a proactive
 * message or an update of the message acted on.
 */

/**
 * Answers the invoke with the card (Universal Actions response). Sent by the route rather than left to teams-ai,
 * which would also update the message for every card with `refresh` — on every automatic refresh too.
 */
export async function respondWithCard(context: TurnContext, card: Card): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
}

/**
 * The person acting: Microsoft Entra object id (lower case, see ActorInput: channels differ in its case) and Teams
 * display name; null without an Entra id (not a Teams user).
 */
export function actorOf(activity: Pick<Activity, 'from'>): Actor | null {
  const parsed = ActorInput.safeParse({ id: activity.from?.aadObjectId, name: activity.from?.name });
  return parsed.success ? parsed.data : null;
}

/** Sends a card as a new message in the turn's conversation. */
export async function sendCard(context: TurnContext, card: Card): Promise<void> {
  await context.sendActivity(cardMessage(card));
}

/**
 * Replaces the message of the card just acted on (`replyToId`), so people outside `refresh.userIds` also see the
 * outcome (Universal Actions only refresh the listed users). `what` names the card in the warning logged when the
 * connector refuses; the outcome is recorded either way, so the failure is not the user's.
 */
export async function updateCardForEveryone(context: TurnContext, card: Card, fallback: Logger, what: string): Promise<void> {
  const messageId = context.activity.replyToId;
  if (!messageId) return;
  try {
    await context.updateActivity({ ...cardMessage(card), id: messageId });
  } catch (err) {
    turnLogger(context, fallback).warn({ err, card: what }, 'card could not be updated for everyone');
  }
}

/** The message activity carrying a card, for proactive sends. */
export function cardMessage(card: Card): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** The conversation reference of this turn, for later proactive messages: without the activity, so a send is a new message. */
export function referenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  return reference;
}
