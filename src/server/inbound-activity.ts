import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** Problems listed in a 400 answer at most; the rest are counted. */
const MAX_LISTED_PROBLEMS = 5;

/** One element of `entities` or `attachments`: an object (its own fields are checked by whoever reads them). */
const Item = z.record(z.unknown());

/** Deepest nesting of arrays and objects accepted in a body; a Teams activity nests about eight levels. */
export const MAX_ACTIVITY_DEPTH = 64;

const optionalString = () => z.string({ invalid_type_error: 'must be a string' }).nullish();

/**
 * A channel account: an object with a non-empty `id`; `name`, `aadObjectId` and `role`, when present, strings
 * (botbuilder's serializer refuses a reply whose account carries another type, and Balises keys people by
 * `aadObjectId`). Other fields pass through.
 */
const Addressed = z
  .object(
    {
      id: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).min(1, 'must be a non-empty string'),
      name: optionalString(),
      aadObjectId: optionalString(),
      role: optionalString(),
    },
    { required_error: 'is required', invalid_type_error: 'must be an object with an id' },
  )
  .passthrough();

/** The conversation: an account whose `conversationType` and `tenantId` are strings and `isGroup` a boolean, when present. */
const Conversation = Addressed.extend({
  conversationType: optionalString(),
  tenantId: optionalString(),
  isGroup: z.boolean({ invalid_type_error: 'must be a boolean' }).nullish(),
});

/**
 * A mention entity must say whom it mentions (an account) and its text a string: botbuilder reads `mentioned.id`
 * to strip the bot's mention from the text.
 */
const Entity = Item.superRefine((entity, ctx) => {
  if (entity.type !== 'mention') return;
  const mentioned = Addressed.safeParse(entity.mentioned);
  if (!mentioned.success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['mentioned'], message: 'must be an object with an id' });
  if (entity.text !== undefined && entity.text !== null && typeof entity.text !== 'string') {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['text'], message: 'must be a string' });
  }
});

/**
 * The channel's reply endpoint: an absolute http(s) URL. Without it botbuilder would send the reply to the public
 * Bot Framework (and time out there) instead of failing at once.
 */
const ServiceUrl = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
  .url('must be an absolute http(s) URL')
  .refine((url) => /^https?:\/\//i.test(url), 'must be an absolute http(s) URL');

/**
 * The fields of an incoming Bot Framework activity that Balises reads, checked before anything else sees the
 * activity: a wrong type there (text a number, entities an object) would otherwise fail inside the turn, after the
 * channel was already told 200. Every activity Balises handles may be answered, so the envelope a reply needs is
 * required: `serviceUrl`, `conversation.id`, `from.id` (who is answered, rate-limited, recorded) and `recipient.id`
 * (the bot, sender of the reply). The fields a reply copies back (`id`, `channelId`, the accounts' names and ids, the
 * conversation's type and tenant) must have their Bot Framework types too: botbuilder refused to serialise a reply
 * to an activity whose `id` was a number, and the turn failed after the channel was told 200. `null` counts as absent
 * for the optional fields (some clients serialise absent fields as null). Other fields pass through unchanged.
 */
export const InboundActivity = z
  .object({
    type: z.string({ required_error: 'is required' }).min(1, 'must be a non-empty string'),
    id: optionalString(),
    channelId: optionalString(),
    replyToId: optionalString(),
    name: optionalString(),
    serviceUrl: ServiceUrl,
    conversation: Conversation,
    from: Addressed,
    recipient: Addressed,
    text: z.string().nullish(),
    locale: z.string().nullish(),
    entities: z.array(Entity).nullish(),
    attachments: z.array(Item).nullish(),
    membersAdded: z.array(Addressed).nullish(),
    membersRemoved: z.array(Addressed).nullish(),
    value: z.unknown(),
  })
  .passthrough();

/** Outcome of {@link parseInboundActivity}: the activity to process, or what is wrong with the body. */
export type InboundActivityResult = { ok: true; activity: Activity } | { ok: false; problems: string[] };

/**
 * Validates a parsed request body as an activity and prepares it as botbuilder's CloudAdapter would (`timestamp`,
 * `localTimestamp` and `expiration` become Dates, their original strings kept in `raw…`). Every string (and key) is
 * made storable first: a lone surrogate becomes U+FFFD, U+0000 is removed (see wellFormed).
 * @returns `problems`: at most MAX_LISTED_PROBLEMS lines `field: reason` (never the field's value), for a 400 answer
 */
export function parseInboundActivity(body: unknown): InboundActivityResult {
  // Checked first: JSON.stringify of a part nested deeper than the stack allows (a reply's conversation reference
  // stored for notifications) threw inside the turn.
  if (depthExceeds(body, MAX_ACTIVITY_DEPTH)) return { ok: false, problems: [`body: nested deeper than ${MAX_ACTIVITY_DEPTH} levels`] };
  const parsed = InboundActivity.safeParse(wellFormed(body));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    if (problems.length > listed.length) listed.push(`and ${problems.length - listed.length} more`);
    return { ok: false, problems: listed };
  }
  const activity: Record<string, unknown> = { ...parsed.data };
  for (const key of ['text', 'locale', 'entities', 'attachments'] as const) {
    if (activity[key] === null) delete activity[key];
  }
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return { ok: true, activity: activity as unknown as Activity };
}

/** Whether arrays and objects nest more than `limit` levels in `value` (walked without recursion). */
function depthExceeds(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * What PostgreSQL cannot store in a string: a lone surrogate (a high one not followed by a low one, or a low one not
 * preceded by a high one) and U+0000.
 */
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

/** `text` with each lone surrogate replaced by U+FFFD and each U+0000 removed (see wellFormed). */
function storable(text: string): string {
  return text.replace(UNSTORABLE, (found) => (found === '\u0000' ? '' : '\uFFFD'));
}

/**
 * `value` with every string and key made storable: a lone surrogate becomes U+FFFD, U+0000 is removed. JSON may
 * escape either (`"\ud83d"`, half an emoji in a display name; `"\u0000"`); JSON.stringify writes them back as those
 * escapes, which PostgreSQL's jsonb refuses (« invalid input syntax for type json », « unsupported Unicode escape
 * sequence »), and its text columns refuse U+0000. With the inventory in PostgreSQL, such a name (a new draft's
 * contact, the conversation reference kept for decision notices) made every `/déclarer` of that person end in the
 * apology, or left them without notices. Recursive: call it on a value whose depth was checked (MAX_ACTIVITY_DEPTH).
 */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(wellFormed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [storable(key), wellFormed(child)]));
}
