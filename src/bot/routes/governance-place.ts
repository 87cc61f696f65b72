import type { TurnContext } from 'botbuilder';
import { GOVERNANCE_CHANNEL_KEY, StoredReference, type InventoryDeps } from './deps.js';

/** A channel conversation id without its thread (`…;messageid=…`), as the governance channel is stored. */
export function channelOf(conversationId: string): string {
  return conversationId.replace(/;messageid=\d+$/, '');
}

/**
 * True in a personal chat and in the registered governance channel: the places where what only the governance team
 * may read (declaration lists, the document audit trail, pending proposals, versions, flags) can be shown. False in
 * a group chat or another channel, where every member would read it.
 */
export async function governancePlace(context: TurnContext, conversations: InventoryDeps['conversations']): Promise<boolean> {
  const conversation = context.activity.conversation;
  const type = conversation?.conversationType ?? 'personal';
  if (type === 'personal') return true;
  if (type !== 'channel' || !conversation?.id) return false;
  const channel = await conversations.getConversation(GOVERNANCE_CHANNEL_KEY);
  const parsed = channel === null ? null : StoredReference.safeParse(channel);
  return parsed?.success === true && parsed.data.conversation.id === channelOf(conversation.id);
}
