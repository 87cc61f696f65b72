import { randomUUID } from 'node:crypto';
import { BOT_ID, BOT_NAME } from './teams-activity.js';

/** A Teams user as activities carry them: channel id, display name, Microsoft Entra object id. */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId?: string;
}

/** Where an activity comes from. */
export interface ConversationOptions {
  serviceUrl: string;
  from: TeamsUser;
  conversationId: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  locale?: string;
  /** The message a card action was pressed on (`replyToId` of the invoke). */
  replyToId?: string;
}

function envelope(options: ConversationOptions): Record<string, any> {
  const conversationType = options.conversationType ?? 'personal';
  return {
    id: `activity-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'fr-CA',
    from: options.from,
    recipient: { id: BOT_ID, name: BOT_NAME },
    conversation: {
      id: options.conversationId,
      conversationType,
      tenantId: '00000000-0000-0000-0000-00000000ten7',
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    channelData: { tenant: { id: '00000000-0000-0000-0000-00000000ten7' } },
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
  };
}

/** A message; in a channel or a group chat it mentions the bot, as Teams requires for the bot to hear it. */
export function userMessage(text: string, options: ConversationOptions): Record<string, any> {
  const channel = (options.conversationType ?? 'personal') !== 'personal';
  const mention = `<at>${BOT_NAME}</at>`;
  return {
    ...envelope(options),
    type: 'message',
    text: channel ? `${mention} ${text}` : text,
    textFormat: 'plain',
    entities: channel ? [{ type: 'mention', text: mention, mentioned: { id: BOT_ID, name: BOT_NAME } }] : [],
  };
}

/** The `adaptiveCard/action` invoke Teams posts when an `Action.Execute` button is pressed (inputs merged into data). */
export function cardAction(verb: unknown, data: Record<string, unknown>, options: ConversationOptions): Record<string, any> {
  return {
    ...envelope(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** Posts a card action and returns the HTTP status and the parsed invoke response body. */
export async function invoke(baseUrl: string, activity: Record<string, any>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * The `fileConsent/invoke` Teams posts when a file consent card is answered: `accept` with the upload session it
 * opened in the person's OneDrive (`uploadInfo`), or `decline`; `context` is the card's acceptContext or
 * declineContext, sent back as given.
 */
export function fileConsentAction(
  action: 'accept' | 'decline',
  context: unknown,
  options: ConversationOptions,
  uploadInfo?: { name: string; uploadUrl: string; contentUrl: string; uniqueId: string; fileType: string },
): Record<string, any> {
  return {
    ...envelope(options),
    type: 'invoke',
    name: 'fileConsent/invoke',
    value: { type: 'fileUpload', action, context, ...(uploadInfo ? { uploadInfo } : {}) },
  };
}
