import type { TurnContext } from 'botbuilder';
import type { Language } from '../../answers/types.js';
import { GOVERNANCE_CHANNEL_KEY, StoredReference, type InventoryDeps } from './deps.js';
import { isPersonal } from '../audience.js';

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
  if (isPersonal(context)) return true;
  if (conversation?.conversationType !== 'channel' || !conversation.id) return false;
  const channel = await conversations.getConversation(GOVERNANCE_CHANNEL_KEY);
  const parsed = channel === null ? null : StoredReference.safeParse(channel);
  return parsed?.success === true && parsed.data.conversation.id === channelOf(conversation.id);
}

/**
 * Said to a governance admin after « not here » in a channel that is not (yet) the registered governance channel: the
 * channel they are in may well be the team's, and only `gouvernance enregistrer` makes it so (see routes/review.ts).
 */
export const REGISTER_HINT: Record<Language, string> = {
  fr: 'Si ce canal est celui de l’équipe de gouvernance, mentionnez-moi avec `gouvernance enregistrer` : j’y répondrai ensuite à cette commande et j’y enverrai les déclarations à examiner.',
  en: 'If this channel is the governance team’s, mention me with `governance register`: I will then answer this command here and send the declarations to review here.',
};

/** True in a channel (a Teams team's channel, not a group chat nor a personal chat). */
export function inChannel(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'channel';
}
