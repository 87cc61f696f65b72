import type { Activity, Mention } from 'botbuilder';

/** Conversation types where several people talk and the bot speaks only when mentioned. */
const SHARED_CONVERSATIONS = new Set(['groupChat', 'channel']);

/**
 * True when a message is for the bot: always in a personal chat; in a group chat or channel only when one of its
 * `mention` entities names the bot (`mentioned.id` equal to the activity's recipient id).
 */
export function isAddressedToBot(activity: Pick<Activity, 'conversation' | 'entities' | 'recipient'>): boolean {
  const conversationType = activity.conversation?.conversationType;
  if (!conversationType || !SHARED_CONVERSATIONS.has(conversationType)) return true;
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (e) => e.type === 'mention' && botId !== undefined && (e as Partial<Mention>).mentioned?.id === botId,
  );
}
