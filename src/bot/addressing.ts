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

/**
 * The text of a message without any of its mentions: the `text` of every `mention` entity (`<at>Marie Tremblay</at>`,
 * as Teams writes it in the message) removed wherever it occurs, runs of spaces made one, then trimmed.
 * In a channel people mention a colleague as well as the bot; a name says who is addressed, not what is asked, and
 * its words would count as concepts of the question that no document covers. A message that holds no mention's text
 * is returned as it is.
 */
export function withoutMentions(text: string, entities: Activity['entities']): string {
  const mentions = (entities ?? []).flatMap((e) => {
    const mention = e.type === 'mention' ? (e as Partial<Mention>).text : undefined;
    return mention && text.includes(mention) ? [mention] : [];
  });
  if (mentions.length === 0) return text;
  let out = text;
  for (const mention of mentions) out = out.split(mention).join(' ');
  return out.replace(/[ \t]{2,}/g, ' ').trim();
}

/**
 * The text of a message without the bot's name typed as an address at its start (`@Balises aide`, `@balises, …`):
 * in a personal chat people type the « @Balises » the bot's own messages show, and Teams sends it as text, with no
 * mention entity. The name after the `@` is the bot's (`botName`, the activity's recipient name), in any case; the
 * text is returned as it is otherwise, and for a bare `Balises`, which may be the word asked about.
 */
export function withoutTypedAddress(text: string, botName: string | undefined): string {
  if (!botName) return text;
  const start = text.trimStart();
  if (!start.startsWith('@') || start.slice(1, 1 + botName.length).toLowerCase() !== botName.toLowerCase()) return text;
  const rest = start.slice(1 + botName.length);
  return /^[\p{L}\p{N}_-]/u.test(rest) ? text : rest.replace(/^[\s,:;]+/u, '');
}
