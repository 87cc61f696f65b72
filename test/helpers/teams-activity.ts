import { randomUUID } from 'node:crypto';

/** Ids used by the recorded-shape Teams activities below. */
export const BOT_ID = '28:00000000-0000-0000-0000-00000000b071';
export const BOT_NAME = 'Balises';
export const USER_ID = '29:1-fictional-user';

/** Options for one incoming Teams activity. */
export interface ActivityOptions {
  serviceUrl: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  locale?: string;
  /** Mention the bot at the start of the text (`<at>Balises</at> …`), as Teams does. */
  mentionBot?: boolean;
  /** People also mentioned, after the bot's mention (`<at>Balises</at> <at>Marie Tremblay</at> …`), as Teams writes
   *  them: one `mention` entity each. */
  alsoMention?: Array<{ id: string; name: string }>;
  attachments?: Array<Record<string, unknown>>;
}

/** A message activity shaped like what Teams posts to `/api/messages` (channel `msteams`). */
export function teamsMessage(text: string, options: ActivityOptions): Record<string, any> {
  const mention = `<at>${BOT_NAME}</at>`;
  const entities: Array<Record<string, unknown>> = [
    { type: 'clientInfo', locale: options.locale ?? 'fr-CA', country: 'CA', platform: 'Web' },
  ];
  if (options.mentionBot) {
    entities.push({ type: 'mention', text: mention, mentioned: { id: BOT_ID, name: BOT_NAME } });
  }
  const others = (options.alsoMention ?? []).map((person) => `<at>${person.name}</at>`);
  for (const [i, person] of (options.alsoMention ?? []).entries()) entities.push({ type: 'mention', text: others[i], mentioned: person });
  return {
    ...envelope(options),
    type: 'message',
    text: [...(options.mentionBot ? [mention] : []), ...others, text].join(' '),
    textFormat: 'plain',
    attachments: options.attachments ?? [],
    entities,
  };
}

/** The `conversationUpdate` Teams posts when the bot is installed in a personal scope. */
export function botInstalled(options: ActivityOptions): Record<string, any> {
  return {
    ...envelope(options),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT_ID }],
  };
}

/** The `installationUpdate` (action `add`) Teams posts alongside `conversationUpdate` on install. */
export function installationAdded(options: ActivityOptions): Record<string, any> {
  return { ...envelope(options), type: 'installationUpdate', action: 'add' };
}

/**
 * The invoke Teams posts when a user presses thumbs up or down on a bot message (feedback loop), with the comment
 * the user typed in the feedback dialog.
 */
export function feedbackInvoke(
  reaction: 'like' | 'dislike',
  comment: string,
  options: ActivityOptions & { ratedActivityId?: string },
): Record<string, any> {
  return {
    ...envelope(options),
    type: 'invoke',
    name: 'message/submitAction',
    replyToId: options.ratedActivityId ?? 'reply-1',
    value: { actionName: 'feedback', actionValue: { reaction, feedback: JSON.stringify({ feedbackText: comment }) } },
  };
}

/**
 * The invoke Teams posts when a person searches with the message extension in a compose box:
 * `composeExtension/query` with the command's id and its parameters. `text` null is the query Teams sends when the
 * box opens (`initialRun`, for a command with `initialRun: true`).
 */
export function composeExtensionQuery(
  commandId: string,
  text: string | null,
  options: ActivityOptions & { parameterName?: string; skip?: number; count?: number },
): Record<string, any> {
  return {
    ...envelope(options),
    type: 'invoke',
    name: 'composeExtension/query',
    value: {
      commandId,
      parameters: text === null ? [{ name: 'initialRun', value: 'true' }] : [{ name: options.parameterName ?? 'question', value: text }],
      queryOptions: { skip: options.skip ?? 0, count: options.count ?? 25 },
    },
  };
}

function envelope(options: ActivityOptions): Record<string, any> {
  const conversationType = options.conversationType ?? 'personal';
  return {
    id: `activity-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'fr-CA',
    from: { id: USER_ID, name: 'Personne Fictive', aadObjectId: '00000000-0000-0000-0000-0000000000aa' },
    recipient: { id: BOT_ID, name: BOT_NAME },
    conversation: {
      id: options.conversationId ?? `a:conv-${randomUUID()}`,
      conversationType,
      tenantId: '00000000-0000-0000-0000-00000000ten7',
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    channelData: { tenant: { id: '00000000-0000-0000-0000-00000000ten7' } },
  };
}

/** Posts an activity to the bot and returns the HTTP status. */
export async function postActivity(baseUrl: string, activity: Record<string, any>, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Posts an activity to the bot and returns the HTTP status and the response body as text. */
export async function postActivityForResponse(
  baseUrl: string,
  activity: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; contentType: string | null }> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
}
