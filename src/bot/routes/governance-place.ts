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
 * True when a governance channel is registered (`gouvernance enregistrer`), whichever it is.
 */
export async function governanceChannelRegistered(conversations: InventoryDeps['conversations']): Promise<boolean> {
  const channel = await conversations.getConversation(GOVERNANCE_CHANNEL_KEY);
  return channel !== null && StoredReference.safeParse(channel).success;
}

/**
 * Said to a governance admin after « not here » in a channel that is not the registered governance channel. While
 * none is registered, the channel they are in may well be the team's, and only `gouvernance enregistrer` makes it so
 * (see routes/review.ts). Once one is registered, that same invitation would move it here without a word, and every
 * member of this channel would then see each declaration to review (found in the Playground: « General » took over
 * from « Gouvernance de l’IA »): the hint says where to ask instead, and what registering here would do.
 */
export function registerHint(language: Language, registeredElsewhere: boolean): string {
  return REGISTER_HINT[language][registeredElsewhere ? 'elsewhere' : 'none'];
}

const REGISTER_HINT: Record<Language, { none: string; elsewhere: string }> = {
  fr: {
    none: 'Si ce canal est celui de l’équipe de gouvernance, mentionnez-moi avec `gouvernance enregistrer` : j’y répondrai ensuite à cette commande et j’y enverrai les déclarations à examiner.',
    elsewhere:
      'Le canal de l’équipe de gouvernance est déjà enregistré : mentionnez-moi dans celui-là. `gouvernance enregistrer` ici en ferait le canal de gouvernance à sa place, et tous les membres de ce canal-ci verraient les déclarations à examiner.',
  },
  en: {
    none: 'If this channel is the governance team’s, mention me with `governance register`: I will then answer this command here and send the declarations to review here.',
    elsewhere:
      'The governance team’s channel is registered already: mention me there. `governance register` here would make this channel the governance channel instead, and every member of this one would see the declarations to review.',
  },
};

/** True in a channel (a Teams team's channel, not a group chat nor a personal chat). */
export function inChannel(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'channel';
}
